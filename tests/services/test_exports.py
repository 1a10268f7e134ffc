"""Exports: formula-safe CSV and XLSX, vCard 4, one family's record; custody notes only for directors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from famdesk.domain import records as r
from famdesk.domain.errors import PermissionDenied
from famdesk.domain.roles import Actor, Role
from famdesk.services import exports, families

TEACHER = Actor(Role.TEACHER, label="teacher")


def _family(ctx) -> int:  # type: ignore[no-untyped-def]
    saved = families.add_family(
        ctx,
        r.FamilyDetail(
            r.Family(name='=HYPERLINK("http://x") family', city="@SUM(A1)"),
            [
                r.Caregiver(
                    first_name="+Ana",
                    last_name="-Ruiz",
                    mobile_phone="617-555-0123",
                    custody_notes="Court order: father no pickup.",
                )
            ],
            [r.Child(first_name="Luz", last_name="Ruiz")],
        ),
    )
    assert saved.family.id is not None
    return saved.family.id


def test_csv_neutralizes_formulas_and_only_directors_export(ctx) -> None:  # type: ignore[no-untyped-def]
    _family(ctx)
    director = list(csv.DictReader(io.StringIO(exports.families_csv(ctx).decode("utf-8-sig"))))
    assert director[0]["Family Name"] == '\'=HYPERLINK("http://x") family'
    assert director[0]["City"] == "'@SUM(A1)"
    assert director[0]["Caregiver 1 Name"] == "'+Ana -Ruiz"
    assert director[0]["Caregiver 1 Phone"] == "(617) 555-0123"
    assert director[0]["Caregiver 1 Custody Notes"] == "Court order: father no pickup."
    with pytest.raises(PermissionDenied):  # exporting whole-family data is a director's decision
        exports.families_csv(ctx.as_actor(TEACHER))


def test_xlsx_cells_are_text_not_formulas(ctx) -> None:  # type: ignore[no-untyped-def]
    _family(ctx)
    ws = load_workbook(io.BytesIO(exports.families_xlsx(ctx))).active
    cell = ws["B2"]
    assert cell.value == '=HYPERLINK("http://x") family' and cell.data_type == "s"  # no apostrophe needed


def test_family_record_json_respects_restricted_fields(ctx) -> None:  # type: ignore[no-untyped-def]
    fid = _family(ctx)
    full = json.loads(exports.family_record_json(ctx, fid))
    assert full["caregivers"][0]["custody_notes"] == "Court order: father no pickup."
    assert full["caregivers"][0]["mobile_phone"] == "+16175550123"
    assert full["children"][0]["first_name"] == "Luz"
    with pytest.raises(PermissionDenied):
        exports.family_record_json(ctx.as_actor(TEACHER), fid)


def test_vcard_per_caregiver(ctx) -> None:  # type: ignore[no-untyped-def]
    import vobject

    _family(ctx)
    cards = list(vobject.readComponents(exports.caregivers_vcf(ctx).decode()))
    assert len(cards) == 1
    assert cards[0].fn.value == "+Ana -Ruiz" and cards[0].tel.value == "tel:+16175550123"
