"""Roster import: the three sample files from other systems, mappings, dates, all-or-nothing."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from famdesk.db import models as m
from famdesk.domain.errors import ValidationError
from famdesk.domain.imports import DateStyle, ImportMapping
from famdesk.services import imports

DATA = Path(__file__).parent.parent / "data" / "imports"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
TODAY = dt.date(2026, 11, 23)


def counts(ctx) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    with ctx.db.read() as s:
        return tuple(
            int(s.scalar(select(func.count()).select_from(t))) for t in (m.Family, m.Caregiver, m.Child)
        )


@pytest.mark.parametrize("case", EXPECTED, ids=[c["file"] for c in EXPECTED])
def test_sample_file_without_skipping_writes_nothing_and_lists_bad_rows(ctx, case) -> None:  # type: ignore[no-untyped-def]
    report = imports.import_roster(ctx, DATA / case["file"], today=TODAY)
    assert not report.written
    assert counts(ctx) == (0, 0, 0)
    assert report.data_rows == case["data_rows"]
    assert [(p.row, p.column) for p in report.problems] == [(b["row"], b["column"]) for b in case["bad_rows"]]
    assert report.encoding == case["encoding"]
    assert report.delimiter == case["delimiter"]
    assert report.date_style.value == case["date_style"]


@pytest.mark.parametrize("case", EXPECTED, ids=[c["file"] for c in EXPECTED])
def test_sample_file_skipping_bad_rows_gives_exact_counts(ctx, case) -> None:  # type: ignore[no-untyped-def]
    report = imports.import_roster(ctx, DATA / case["file"], skip_bad_rows=True, today=TODAY)
    want = case["after_skipping_bad_rows"]
    assert report.written
    assert counts(ctx) == (want["families"], want["caregivers"], want["children"])
    assert (report.families, report.caregivers, report.children) == counts(ctx)


def test_household_fields_people_and_phones(ctx) -> None:  # type: ignore[no-untyped-def]
    imports.import_roster(ctx, DATA / "roster_utf8_bom_us_dates.csv", skip_bad_rows=True, today=TODAY)
    with ctx.db.read() as s:
        fam = s.scalars(select(m.Family).where(m.Family.external_id == "F700001")).one()
        assert fam.name == "Phạm family"
        assert fam.home_languages == ["vi"] and fam.preferred_language == "vi"
        assert fam.interpreter_needed is True  # first row of the household wins
        assert [(c.first_name, c.last_name, c.mobile_phone) for c in fam.caregivers] == [
            ("Trần Minh", "Phạm", "+15413124547"),
            ("Lê Bảo", "Đặng", "+19716169269"),
        ]
        assert [(c.first_name, c.birth_date) for c in fam.children] == [
            ("Nguyễn Thị", dt.date(2023, 3, 3)),
            ("Phạm Quỳnh", dt.date(2025, 7, 11)),
            ("Phạm Quỳnh", dt.date(2024, 12, 1)),
        ]
        assert sorted(c.classroom.name for c in fam.children) == ["Butterflies", "Sunflowers", "Toddler Room"]


def test_day_month_year_and_excel_serial_dates(ctx) -> None:  # type: ignore[no-untyped-def]
    imports.import_roster(
        ctx, DATA / "roster_semicolon_cp1252_day_month_year.csv", skip_bad_rows=True, today=TODAY
    )
    imports.import_roster(
        ctx, DATA / "roster_utf16_tab_excel_serial_dates.txt", skip_bad_rows=True, today=TODAY
    )
    with ctx.db.read() as s:

        def born(fid: str) -> list[dt.date]:
            return [
                c.birth_date
                for c in s.scalars(
                    select(m.Child).join(m.Family).where(m.Family.external_id == fid).order_by(m.Child.id)
                )
            ]

        assert born("F720001") == [dt.date(2024, 11, 12), dt.date(2024, 1, 6), dt.date(2024, 2, 28)]
        assert born("F710001") == [dt.date(2025, 6, 18)]  # serial 45826


def _csv(text: str) -> bytes:
    return text.encode("utf-8")


def test_ambiguous_dates_are_reported_unless_the_style_is_chosen(ctx) -> None:  # type: ignore[no-untyped-def]
    data = _csv("Child First Name,Child Last Name,DOB\nAna,Ruiz,03/04/2024\nLuz,Ruiz,05/06/2024\n")
    report = imports.preview_roster(ctx, "r.csv", data=data, today=TODAY)
    assert [(p.row, p.column) for p in report.problems] == [(1, "DOB"), (2, "DOB")]
    assert "month/day or day/month" in report.problems[0].message
    mapping = imports.suggest_mapping(["Child First Name", "Child Last Name", "DOB"])
    mapping.date_style = DateStyle.DMY
    report = imports.import_roster(ctx, "r.csv", mapping, data=data, today=TODAY)
    assert report.written and not report.problems
    with ctx.db.read() as s:
        assert sorted(s.scalars(select(m.Child.birth_date))) == [dt.date(2024, 4, 3), dt.date(2024, 6, 5)]


def test_xlsx_with_real_dates_and_other_headers(ctx) -> None:  # type: ignore[no-untyped-def]
    wb = Workbook()
    ws = wb.active
    ws.append(
        [
            "Household ID",
            "Student First Name",
            "Student Last Name",
            "Birthdate",
            "Parent 1 Name",
            "Parent 1 Cell",
            "Parent 2 Name",
            "Primary Language",
        ]
    )
    ws.append(
        ["H1", "Amina", "Hassan", dt.datetime(2022, 1, 31), "Hodan Hassan", "617-555-0100", "", "Somali"]
    )
    ws.append(
        [
            "H1",
            "Yusuf",
            "Hassan",
            dt.datetime(2023, 8, 2),
            "Hodan Hassan",
            "617-555-0100",
            "Ali Hassan",
            "Somali, English",
        ]
    )
    buf = io.BytesIO()
    wb.save(buf)
    report = imports.import_roster(ctx, "roster.xlsx", data=buf.getvalue(), today=TODAY)
    assert report.written and (report.families, report.caregivers, report.children) == (1, 2, 2)
    with ctx.db.read() as s:
        fam = s.scalars(select(m.Family)).one()
        assert fam.home_languages == ["so", "en"]
        assert [c.mobile_phone for c in fam.caregivers] == ["+16175550100", ""]


def test_saved_mapping_is_remembered_by_name(ctx) -> None:  # type: ignore[no-untyped-def]
    mapping = ImportMapping({"Kid": "child.full_name", "Born": "child.birth_date"}, DateStyle.ISO)
    imports.save_mapping(ctx, "Old system", mapping)
    assert imports.mapping_names(ctx) == ["Old system"]
    again = imports.load_mapping(ctx, "Old system")
    assert again == mapping
    report = imports.import_roster(
        ctx, "x.csv", again, data=_csv("Kid;Born\nRuiz, Ana;2024-03-04\n"), today=TODAY
    )
    with ctx.db.read() as s:
        assert s.execute(select(m.Child.first_name, m.Child.last_name)).one() == ("Ana", "Ruiz")
    assert report.written
    with pytest.raises(ValidationError, match="no column “Kid”"):
        imports.import_roster(ctx, "y.csv", again, data=_csv("Name;Born\nAna;2024-03-04\n"))


def test_unrecognized_file_is_refused(ctx) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="recognized no column"):
        imports.import_roster(ctx, "x.csv", data=_csv("a,b\n1,2\n"))
    assert counts(ctx) == (0, 0, 0)


def test_windows_1252_and_utf16_text_decode(ctx) -> None:  # type: ignore[no-untyped-def]
    text = "Child First Name\tChild Last Name\nJosé\tMüller\n"
    for data in (text.encode("cp1252"), b"\xff\xfe" + text.encode("utf-16-le")):
        table = imports.read_file("x.txt", data)
        assert table.rows == [["José", "Müller"]] and table.delimiter == "\t"
