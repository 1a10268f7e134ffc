"""Possible duplicates on create/import, and merging two households."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from famdesk.db import models as m
from famdesk.domain import records as r
from famdesk.domain.enums import Relationship
from famdesk.services import duplicates, families


def _home(name: str, caregiver: str, phone: str, child: str, born: dt.date, **kw: object) -> r.FamilyDetail:
    first, last = caregiver.split(" ", 1)
    return r.FamilyDetail(
        r.Family(name=name, **kw),  # type: ignore[arg-type]
        [r.Caregiver(first_name=first, last_name=last, mobile_phone=phone, relationship=Relationship.MOTHER)],
        [r.Child(first_name=child.split()[0], last_name=child.split()[1], birth_date=born)],
    )


def test_same_child_name_and_birth_date_is_a_possible_duplicate(ctx) -> None:  # type: ignore[no-untyped-def]
    saved = families.add_family(
        ctx, _home("Nguyễn family", "Hoa Nguyễn", "617-555-0123", "Minh Nguyễn", dt.date(2022, 5, 1))
    )
    other = _home("Nguyen household", "Lan Tran", "", "Minh Nguyen", dt.date(2022, 5, 1))
    found = duplicates.find_duplicates(ctx, other)
    assert [(d.family_id, d.family_name) for d in found] == [(saved.family.id, "Nguyễn family")]
    assert "same name and birth date" in found[0].reason
    different_day = _home("N", "Lan Tran", "", "Minh Nguyen", dt.date(2022, 5, 2))
    assert duplicates.find_duplicates(ctx, different_day) == []


def test_near_identical_caregiver_name_with_same_phone(ctx) -> None:  # type: ignore[no-untyped-def]
    families.add_family(
        ctx, _home("Ruiz family", "María Ruiz", "617-555-0123", "Ana Ruiz", dt.date(2021, 1, 1))
    )
    near = _home("Ruiz", "Maria Ruiz", "(617) 555-0123", "Luz Ruiz", dt.date(2023, 1, 1))
    assert len(duplicates.find_duplicates(ctx, near)) == 1
    other_person = _home("Ruiz", "Pedro Gomez", "(617) 555-0123", "Luz Ruiz", dt.date(2023, 1, 1))
    assert duplicates.find_duplicates(ctx, other_person) == []
    # A saved family is never its own duplicate.
    saved = families.get_family(ctx, 1)
    assert duplicates.find_duplicates(ctx, saved) == []


def test_merge_moves_people_and_deduplicates_identical_ones(ctx) -> None:  # type: ignore[no-untyped-def]
    keep = families.add_family(
        ctx, _home("Ruiz family", "María Ruiz", "617-555-0123", "Ana Ruiz", dt.date(2021, 1, 1), city="")
    )
    gone_detail = _home(
        "Ruiz (2)", "María Ruiz", "", "Ana Ruiz", dt.date(2021, 1, 1), city="Boston", home_languages=["es"]
    )
    gone_detail.caregivers[0].email = "maria@example.com"
    gone_detail.caregivers.append(
        r.Caregiver(first_name="José", last_name="Ruiz", relationship=Relationship.FATHER)
    )
    gone_detail.children.append(r.Child(first_name="Luz", last_name="Ruiz", birth_date=dt.date(2023, 2, 2)))
    gone = families.add_family(ctx, gone_detail)
    assert keep.family.id and gone.family.id
    result = duplicates.merge_families(ctx, keep.family.id, gone.family.id)
    assert (
        result.caregivers_merged,
        result.caregivers_moved,
        result.children_merged,
        result.children_moved,
    ) == (1, 1, 1, 1)
    merged = families.get_family(ctx, keep.family.id)
    assert [(c.display_name, c.email, c.mobile_phone) for c in merged.caregivers] == [
        ("María Ruiz", "maria@example.com", "+16175550123"),
        ("José Ruiz", "", ""),
    ]
    assert [c.first_name for c in merged.children] == ["Ana", "Luz"]
    assert merged.family.city == "Boston" and merged.family.home_languages == ["es"]
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(m.Family)) == 1
        assert s.scalar(select(func.count()).select_from(m.Caregiver)) == 2
    assert families.search_families(ctx, families.FamilyFilter(text="jose"))[0].id == keep.family.id
