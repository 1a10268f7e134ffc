"""Formula neutralizing in one place: CSV cells protected, XLSX cells plain strings, import undoes it."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from famdesk.db import models as m
from famdesk.domain import records as r
from famdesk.services import exports, imports
from famdesk.services.spreadsheet_cells import csv_text, neutralize, unprotect

HARD = ['=HYPERLINK("x")', "+1 (555) 0100", "-1+2", "@sum"]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+52 55 1234 5678", "'+52 55 1234 5678"),  # Excel evaluates this one in a CSV
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1+2", "'  =1+2"),  # leading spaces do not hide a formula
        ("-1", "-1"),  # a plain negative number is a number, nothing runs
        ("-2.5", "-2.5"),
        ("12", "12"),
        ("Ana", "Ana"),
        ("", ""),
        ("O'Neil", "O'Neil"),
    ],
)
def test_neutralize_and_unprotect(value: str, written: str) -> None:
    assert neutralize(value) == written
    assert unprotect(written) == value


def test_unprotect_keeps_an_apostrophe_that_is_data() -> None:
    assert unprotect("'tis") == "'tis"
    assert unprotect("'") == "'"
    assert unprotect(5) == 5 and unprotect(None) is None


def test_csv_text_protects_every_cell() -> None:
    rows = list(csv.reader(io.StringIO(csv_text([["=a", "b"], ["c", "+1 2"]]))))
    assert rows == [["'=a", "b"], ["c", "'+1 2"]]


def _hard_family(ctx) -> None:  # type: ignore[no-untyped-def]
    exports_family = r.FamilyDetail(
        r.Family(name=HARD[0], city=HARD[1], address_line1=HARD[2], address_line2=HARD[3]),
        [r.Caregiver(first_name="Ana", last_name="Ruiz", mobile_phone="+52 55 1234 5678")],
        [r.Child(first_name=HARD[3], last_name=HARD[2], preferred_name=HARD[1])],
    )
    from famdesk.services import families

    families.add_family(ctx, exports_family)


def _imported(ctx) -> tuple[tuple[str, ...], tuple[str, ...]]:  # type: ignore[no-untyped-def]
    with ctx.db.read() as s:
        fam = s.scalars(select(m.Family)).one()
        child = fam.children[0]
        return ((fam.name, fam.city, fam.address_line1, fam.address_line2),
                (child.first_name, child.last_name, child.preferred_name))


WANT = ((HARD[0], HARD[1], HARD[2], HARD[3]), (HARD[3], HARD[2], HARD[1]))


def test_csv_round_trip_keeps_values_and_protects_cells(ctx, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    _hard_family(ctx)
    data = exports.families_csv(ctx)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0]["Family Name"] == "'" + HARD[0]
    assert rows[0]["City"] == "'" + HARD[1]
    assert rows[0]["Street"] == "'" + HARD[2]
    assert rows[0]["Child First Name"] == "'" + HARD[3]
    assert rows[0]["Caregiver 1 Phone"].startswith("'+52")
    for row in rows:
        for cell in row.values():
            assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r")), cell
    report = imports.import_roster(sqlite_ctx, "families.csv", data=data)
    assert report.written, report.problems
    assert _imported(sqlite_ctx) == WANT


def test_xlsx_has_no_apostrophe_and_round_trips(ctx, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    _hard_family(ctx)
    data = exports.families_xlsx(ctx)
    ws = load_workbook(io.BytesIO(data)).active
    header = [c.value for c in ws[1]]
    row = {h: c for h, c in zip(header, ws[2], strict=True)}
    assert row["Family Name"].value == HARD[0] and row["Family Name"].data_type == "s"
    assert row["City"].value == HARD[1]
    assert row["Caregiver 1 Phone"].value.startswith("+52")
    assert all(not str(c.value or "").startswith("'") for c in ws[2])
    report = imports.import_roster(sqlite_ctx, "families.xlsx", data=data)
    assert report.written, report.problems
    assert _imported(sqlite_ctx) == WANT


def test_old_xlsx_apostrophe_is_removed_on_import(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Family Name", "Child First Name", "Child Last Name", "City"])
    ws.append(["'=HYPERLINK(\"x\")", "Luz", "'tis", "'+1 (555) 0100"])
    buf = io.BytesIO()
    wb.save(buf)
    report = imports.import_roster(sqlite_ctx, "old.xlsx", data=buf.getvalue())
    assert report.written, report.problems
    with sqlite_ctx.db.read() as s:
        fam = s.scalars(select(m.Family)).one()
        assert (fam.name, fam.city, fam.children[0].last_name) == ('=HYPERLINK("x")', "+1 (555) 0100", "'tis")
