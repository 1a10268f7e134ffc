"""Families, caregivers and children through the service layer (SQLite, and PostgreSQL in CI)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from famdesk.db import models as m
from famdesk.domain import records as r
from famdesk.domain.enums import Relationship
from famdesk.domain.errors import DuplicateError, ValidationError
from famdesk.domain.roles import Actor, Role
from famdesk.services import accounts, classrooms, families, members, staff
from famdesk.services.families import FamilyFilter


def household(**family_kw: object) -> r.FamilyDetail:
    return r.FamilyDetail(
        family=r.Family(name="Nguyễn family", preferred_language="vi", home_languages=["vi", "en"], **family_kw),
        caregivers=[r.Caregiver(first_name="Thị Hoa", last_name="Nguyễn", relationship=Relationship.MOTHER,
                                mobile_phone="(617) 555-0123", email="hoa@example.com",
                                custody_notes="Father may not pick up (court order 2025).")],
        children=[r.Child(first_name="Minh", last_name="Nguyễn", birth_date=dt.date(2022, 5, 1))],
    )


def count(ctx, model) -> int:  # type: ignore[no-untyped-def]
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


def test_add_family_stores_household_and_e164_phone(ctx) -> None:  # type: ignore[no-untyped-def]
    saved = families.add_family(ctx, household())
    assert saved.family.id is not None
    assert saved.caregivers[0].mobile_phone == "+16175550123"
    again = families.get_family(ctx, saved.family.id)
    assert again.children[0].first_name == "Minh"
    assert again.family.home_languages == ["vi", "en"]


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: setattr(d.caregivers[0], "mobile_phone", "12"), "cannot be read"),
    (lambda d: setattr(d.children[0], "birth_date", dt.date.today() + dt.timedelta(days=3)), "in the future"),
    (lambda d: setattr(d.family, "name", "  "), "family's name is required"),
    (lambda d: setattr(d.children[0], "first_name", ""), "first name is required"),
    (lambda d: setattr(d.caregivers[0], "email", "hoa@"), "not complete"),
])
def test_bad_input_is_refused_and_writes_nothing(ctx, change, message) -> None:  # type: ignore[no-untyped-def]
    detail = household()
    change(detail)
    with pytest.raises(ValidationError, match=message):
        families.add_family(ctx, detail)
    assert count(ctx, m.Family) == 0
    assert count(ctx, m.Caregiver) == 0
    assert count(ctx, m.Child) == 0


def test_all_problems_reported_at_once(ctx) -> None:  # type: ignore[no-untyped-def]
    detail = household()
    detail.caregivers[0].mobile_phone = "abc"
    detail.children[0].first_name = ""
    with pytest.raises(ValidationError) as err:
        families.add_family(ctx, detail)
    assert {p.field for p in err.value.problems} == {"caregivers[0].mobile_phone", "children[0].first_name"}


def test_duplicate_classroom_name_refused(ctx) -> None:  # type: ignore[no-untyped-def]
    classrooms.save_classroom(ctx, r.Classroom(name="Butterflies"))
    with pytest.raises(DuplicateError, match="already a classroom"):
        classrooms.save_classroom(ctx, r.Classroom(name="  butterflies"))
    assert len(classrooms.list_classrooms(ctx)) == 1


def test_child_without_family_refused(ctx) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="must belong to a family"):
        members.save_child(ctx, r.Child(first_name="Ana"))
    assert count(ctx, m.Child) == 0


@pytest.mark.parametrize("typed", ["nguyen", "NGUYỄN", "minh", "hoa@example", "5550123", "617 555"])
def test_search_is_case_and_accent_insensitive(ctx, typed: str) -> None:  # type: ignore[no-untyped-def]
    families.add_family(ctx, household())
    other = household()
    other.family.name, other.caregivers[0].first_name = "Müller family", "Jürgen"
    other.caregivers[0].last_name, other.caregivers[0].mobile_phone = "Müller", "212-555-0199"
    other.caregivers[0].email = "j@example.org"
    other.children[0].first_name, other.children[0].last_name = "Lena", "Müller"
    families.add_family(ctx, other)
    rows = families.search_families(ctx, FamilyFilter(text=typed))
    assert [row.name for row in rows] == ["Nguyễn family"]
    assert [row.name for row in families.search_families(ctx, FamilyFilter(text="muller"))] == ["Müller family"]


def test_search_in_own_script(ctx) -> None:  # type: ignore[no-untyped-def]
    detail = household()
    detail.family.name = "عائلة حداد"
    detail.caregivers[0].first_name, detail.caregivers[0].last_name = "فاطمة", "حداد"
    families.add_family(ctx, detail)
    assert len(families.search_families(ctx, FamilyFilter(text="فاطمة"))) == 1


def test_update_syncs_members_and_search(ctx) -> None:  # type: ignore[no-untyped-def]
    saved = families.add_family(ctx, household())
    saved.children.append(r.Child(first_name="Linh", last_name="Nguyễn", birth_date=dt.date(2023, 1, 9)))
    saved.caregivers[0].first_name = "Hoa"
    updated = families.update_family(ctx, saved)
    assert [c.first_name for c in updated.children] == ["Minh", "Linh"]
    assert families.search_families(ctx, FamilyFilter(text="linh"))
    updated.children = updated.children[1:]
    assert [c.first_name for c in families.update_family(ctx, updated).children] == ["Linh"]


def test_archive_hides_and_erase_deletes(ctx) -> None:  # type: ignore[no-untyped-def]
    saved = families.add_family(ctx, household())
    fid = saved.family.id
    families.archive_family(ctx, fid)
    assert families.count_families(ctx) == 0
    assert families.count_families(ctx, FamilyFilter(include_archived=True)) == 1
    families.archive_family(ctx, fid, archived=False)
    families.erase_family(ctx, fid)
    assert count(ctx, m.Family) == 0 and count(ctx, m.Caregiver) == 0 and count(ctx, m.Child) == 0


def test_custody_notes_restricted(ctx) -> None:  # type: ignore[no-untyped-def]
    saved = families.add_family(ctx, household())
    worker = staff.save_staff(ctx, r.StaffMember(first_name="Ana"))
    accounts.assign_family(ctx, saved.family.id, worker.id)
    teacher = ctx.as_actor(Actor(Role.FAMILY_SERVICES, staff_id=worker.id))
    seen = families.get_family(teacher, saved.family.id)
    assert seen.caregivers[0].custody_notes is None
    # A family-services worker saving the household must not wipe a note they cannot see.
    seen.family.best_times = "Evenings"
    families.update_family(teacher, seen)
    assert families.get_family(ctx, saved.family.id).caregivers[0].custody_notes.startswith("Father")


def test_filters(ctx) -> None:  # type: ignore[no-untyped-def]
    room = classrooms.save_classroom(ctx, r.Classroom(name="Sunflowers"))
    a = household()
    a.children[0].classroom_id = room.id
    families.add_family(ctx, a)
    b = household()
    b.family.name, b.family.preferred_language, b.family.home_languages = "Smith family", "en", ["en"]
    families.add_family(ctx, b)
    assert [x.name for x in families.search_families(ctx, FamilyFilter(classroom_id=room.id))] == ["Nguyễn family"]
    assert [x.name for x in families.search_families(ctx, FamilyFilter(language="en"))] == \
        ["Nguyễn family", "Smith family"]
    assert [x.name for x in families.search_families(ctx, FamilyFilter(language="vi"))] == ["Nguyễn family"]
