"""Visits in the service layer: bad input refused, conflicts found before saving, series, make-ups."""

from __future__ import annotations

import datetime as dt

import pytest

from famdesk.domain.errors import NotFoundError, PermissionDenied, ValidationError
from famdesk.domain.roles import Actor, Role
from famdesk.domain.visits import (
    Closure,
    ConflictKind,
    Visit,
    VisitConflictError,
    VisitKind,
    VisitPlace,
    VisitStatus,
)
from famdesk.services import visits
from famdesk.services.closures import delete_closure, list_closures, save_closure
from famdesk.services.visit_requirements import get_requirements, save_requirements


def at(day: str, hhmm: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hhmm}")


def late_visit(w, day: str = "2025-11-05", start: str = "17:30", end: str = "19:00", **kw) -> Visit:  # type: ignore[no-untyped-def]
    values = {"family_id": w.late, "staff_ids": [w.rosa], **kw}
    return Visit(starts_at=at(day, start), ends_at=at(day, end), **values)


def count(w) -> int:  # type: ignore[no-untyped-def]
    return len(visits.visits_between(w.ctx, at("2025-01-01", "00:00"), at("2027-01-01", "00:00")))


def test_good_visit_saves_without_conflicts(world) -> None:  # type: ignore[no-untyped-def]
    saved = visits.save_visit(world.ctx, late_visit(world, purpose="Goal setting"))
    assert saved.id is not None and saved.status is VisitStatus.SCHEDULED
    assert saved.address == "12 Elm Street, Boston MA 02121"  # a home visit defaults to the family's address
    rows = visits.visits_between(
        world.ctx, at("2025-11-01", "00:00"), at("2025-12-01", "00:00"), staff_id=world.rosa
    )
    assert [(r.family_name, r.staff_names, r.starts_at) for r in rows] == [
        ("Late family", "Rosa Gutiérrez", at("2025-11-05", "17:30"))
    ]
    assert (
        visits.visits_between(
            world.ctx, at("2025-11-01", "00:00"), at("2025-12-01", "00:00"), staff_id=world.marie
        )
        == []
    )


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"ends_at": at("2025-11-05", "17:00")}, "ends_at", "must end after it starts"),
        ({"ends_at": at("2025-11-06", "09:00")}, "ends_at", "more than 12 hours"),
        ({"staff_ids": []}, "staff_ids", "at least one staff member"),
        ({"staff_ids": [9999]}, "staff_ids", "not in the program"),
        ({"place": VisitPlace.OTHER}, "address", "where the visit takes place"),
        ({"minutes_held": -5}, "minutes_held", "between 0 and 1,440"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(world, change, field, words) -> None:  # type: ignore[no-untyped-def]
    v = late_visit(world)
    for k, val in change.items():
        setattr(v, k, val)
    with pytest.raises(ValidationError) as err:
        visits.save_visit(world.ctx, v, accept_conflicts=True)
    assert field in [p.field for p in err.value.problems]
    assert words in str(err.value)
    assert count(world) == 0


def test_archived_family_and_inactive_staff_are_refused(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="Gone family is archived"):
        visits.save_visit(
            world.ctx,
            Visit(
                family_id=world.gone,
                staff_ids=[world.rosa],
                starts_at=at("2025-11-05", "10:00"),
                ends_at=at("2025-11-05", "11:30"),
            ),
        )
    with pytest.raises(ValidationError, match="Old Timer is no longer active"):
        visits.save_visit(world.ctx, late_visit(world, staff_ids=[world.old]))
    with pytest.raises(ValidationError, match="Choose a family"):
        visits.save_visit(world.ctx, late_visit(world, family_id=None))
    assert count(world) == 0


def test_conflicts_are_found_before_saving(world) -> None:  # type: ignore[no-untyped-def]
    first = visits.save_visit(
        world.ctx,
        Visit(
            family_id=world.early,
            staff_ids=[world.rosa],
            starts_at=at("2025-11-05", "10:00"),
            ends_at=at("2025-11-05", "11:30"),
        ),
    )
    # Rosa double-booked at 11:00, the late family is only free Wed/Fri evenings.
    clash = late_visit(world, start="11:00", end="12:30")
    found = visits.check_visit(world.ctx, clash)
    assert [c.kind for c in found] == [ConflictKind.STAFF_DOUBLE_BOOKED, ConflictKind.OUTSIDE_AVAILABLE_TIMES]
    assert found[0].other_visit_id == first.id
    assert "Rosa Gutiérrez already has a visit with the Early family" in found[0].message
    with pytest.raises(VisitConflictError) as err:
        visits.save_visit(world.ctx, clash)
    assert len(err.value.conflicts) == 2
    assert count(world) == 1  # nothing written
    saved = visits.save_visit(world.ctx, clash, accept_conflicts=True)  # the director decides
    assert saved.id is not None and count(world) == 2
    # Saving the same visit again does not conflict with itself; back-to-back visits do not overlap.
    assert [c.kind for c in visits.check_visit(world.ctx, saved)] == [
        ConflictKind.STAFF_DOUBLE_BOOKED,
        ConflictKind.OUTSIDE_AVAILABLE_TIMES,
    ]
    assert visits.check_visit(world.ctx, late_visit(world, start="17:00", end="18:30")) == []
    # A cancelled visit frees the slot.
    visits.cancel_visit(world.ctx, first.id, VisitStatus.FAMILY_CANCELLED)
    assert [c.kind for c in visits.check_visit(world.ctx, saved)] == [ConflictKind.OUTSIDE_AVAILABLE_TIMES]


def test_family_double_booked_and_closure(world) -> None:  # type: ignore[no-untyped-def]
    visits.save_visit(world.ctx, late_visit(world))
    other = late_visit(world, start="18:00", end="19:30", staff_ids=[world.marie])
    assert [c.kind for c in visits.check_visit(world.ctx, other)] == [ConflictKind.FAMILY_DOUBLE_BOOKED]
    thanksgiving = Visit(
        family_id=world.early,
        staff_ids=[world.marie],
        starts_at=at("2025-11-28", "10:00"),
        ends_at=at("2025-11-28", "11:30"),
    )
    found = visits.check_visit(world.ctx, thanksgiving)
    assert [c.kind for c in found] == [ConflictKind.PROGRAM_CLOSED]
    assert "closed on November 28, 2025 (Thanksgiving)" in found[0].message  # in the interface language


def test_caseload_over_the_limit(world) -> None:  # type: ignore[no-untyped-def]
    req = get_requirements(world.ctx)
    req.caseload_max = 1
    save_requirements(world.ctx, req)
    visits.save_visit(
        world.ctx,
        Visit(
            family_id=world.early,
            staff_ids=[world.rosa],
            starts_at=at("2025-11-03", "10:00"),
            ends_at=at("2025-11-03", "11:30"),
        ),
    )
    found = visits.check_visit(world.ctx, late_visit(world))
    assert [c.kind for c in found] == [ConflictKind.CASELOAD_OVER_LIMIT]
    assert "would have 2 home-based families this program year; the limit is 1" in found[0].message
    # Center-based families and conferences do not count toward a home-based caseload.
    conf = Visit(
        family_id=world.center,
        staff_ids=[world.rosa],
        kind=VisitKind.PARENT_CONFERENCE,
        place=VisitPlace.CENTER,
        starts_at=at("2025-11-04", "10:00"),
        ends_at=at("2025-11-04", "10:30"),
    )
    assert visits.check_visit(world.ctx, conf) == []


def test_weekly_series_skips_closures(world) -> None:  # type: ignore[no-untyped-def]
    first = Visit(
        family_id=world.early,
        staff_ids=[world.marie],
        starts_at=at("2025-12-10", "10:00"),
        ends_at=at("2025-12-10", "11:30"),
    )
    result = visits.create_series(world.ctx, first, dt.date(2026, 1, 14))
    # Wednesdays 12-10, 12-17, [12-24, 12-31 winter break], 01-07, 01-14.
    assert [v.starts_at.date().isoformat() for v in result.created] == [
        "2025-12-10",
        "2025-12-17",
        "2026-01-07",
        "2026-01-14",
    ]
    assert result.skipped_closed == [dt.date(2025, 12, 24), dt.date(2025, 12, 31)]
    assert len({v.series_id for v in result.created}) == 1 and result.created[0].series_id


def test_series_with_a_conflict_is_all_or_nothing(world) -> None:  # type: ignore[no-untyped-def]
    visits.save_visit(
        world.ctx,
        Visit(
            family_id=world.center,
            staff_ids=[world.marie],
            starts_at=at("2026-01-07", "10:30"),
            ends_at=at("2026-01-07", "11:00"),
        ),
    )
    first = Visit(
        family_id=world.early,
        staff_ids=[world.marie],
        starts_at=at("2025-12-10", "10:00"),
        ends_at=at("2025-12-10", "11:30"),
    )
    with pytest.raises(VisitConflictError) as err:
        visits.create_series(world.ctx, first, dt.date(2026, 1, 14))
    assert [c.on for c in err.value.conflicts] == [dt.date(2026, 1, 7)]
    assert count(world) == 1
    skipped = visits.create_series(world.ctx, first, dt.date(2026, 1, 14), skip_conflicting=True)
    assert len(skipped.created) == 3 and count(world) == 4


def test_make_up_of_a_program_cancelled_visit(world) -> None:  # type: ignore[no-untyped-def]
    v = visits.save_visit(world.ctx, late_visit(world, day="2025-11-19"))
    with pytest.raises(ValidationError, match="Only a cancelled or missed visit"):
        visits.schedule_make_up(world.ctx, v.id, at("2025-11-21", "17:30"), at("2025-11-21", "19:00"))
    visits.cancel_visit(world.ctx, v.id, VisitStatus.PROGRAM_CANCELLED, "Home visitor ill")
    make_up = visits.schedule_make_up(world.ctx, v.id, at("2025-11-21", "17:30"), at("2025-11-21", "19:00"))
    assert (
        make_up.make_up_of_id == v.id
        and make_up.family_id == world.late
        and make_up.staff_ids == [world.rosa]
    )
    done = visits.complete_visit(world.ctx, make_up.id, outcome_notes="Read together")
    assert done.status is VisitStatus.COMPLETED and done.minutes_held == 90
    with pytest.raises(ValidationError, match="already held"):
        visits.cancel_visit(world.ctx, done.id, VisitStatus.NO_SHOW)
    wrong = late_visit(world, day="2025-11-26", family_id=world.early, make_up_of_id=v.id)
    with pytest.raises(ValidationError, match="same family"):
        visits.save_visit(world.ctx, wrong, accept_conflicts=True)


def test_update_and_delete(world) -> None:  # type: ignore[no-untyped-def]
    v = visits.save_visit(world.ctx, late_visit(world))
    v.staff_ids = [world.marie, world.rosa]
    v.interpreter_needed, v.interpreter_name = True, "  Samir  "
    saved = visits.save_visit(world.ctx, v)
    again = visits.get_visit(world.ctx, v.id)
    assert again.staff_ids == sorted([world.rosa, world.marie]) and again.interpreter_name == "Samir"
    assert saved.id == v.id and count(world) == 1
    visits.delete_visit(world.ctx, v.id)
    with pytest.raises(NotFoundError):
        visits.get_visit(world.ctx, v.id)


def test_closures_and_requirements_validate(world) -> None:  # type: ignore[no-untyped-def]
    assert [c.name for c in list_closures(world.ctx)] == ["Thanksgiving", "Winter break"]
    with pytest.raises(ValidationError, match="before the start date"):
        save_closure(world.ctx, Closure("Oops", dt.date(2026, 2, 10), dt.date(2026, 2, 1)))
    with pytest.raises(ValidationError, match="name is required"):
        save_closure(world.ctx, Closure("", dt.date(2026, 2, 10)))
    one_day = save_closure(world.ctx, Closure("Training day", dt.date(2026, 2, 13)))
    assert one_day.ends_on == dt.date(2026, 2, 13)
    req = get_requirements(world.ctx)
    assert (
        req.rules["home_based:ehs"].home_visits == 46
        and req.rules["home_based:hs"].group_socializations == 16
    )
    assert req.rules["center_based:hs"].parent_conferences == 2 and req.caseload_max == 12
    req.rules["home_based:hs"].home_visits = -1
    with pytest.raises(ValidationError, match="whole numbers from 0 to 600"):
        save_requirements(world.ctx, req)
    assert get_requirements(world.ctx).rules["home_based:hs"].home_visits == 32


def test_a_family_that_left_keeps_its_past_visits_only(world) -> None:  # type: ignore[no-untyped-def]
    from famdesk.domain.enums import FamilyStatus
    from famdesk.services.families import get_family, update_family

    detail = get_family(world.ctx, world.early)
    detail.family.status, detail.family.exited_on = FamilyStatus.EXITED, dt.date(2025, 12, 1)
    update_family(world.ctx, detail)
    before = Visit(
        family_id=world.early,
        staff_ids=[world.rosa],
        status=VisitStatus.COMPLETED,
        starts_at=at("2025-11-26", "10:00"),
        ends_at=at("2025-11-26", "11:30"),
    )
    assert visits.save_visit(world.ctx, before).id is not None
    after = Visit(
        family_id=world.early,
        staff_ids=[world.rosa],
        starts_at=at("2025-12-03", "10:00"),
        ends_at=at("2025-12-03", "11:30"),
    )
    with pytest.raises(ValidationError, match="has left the program"):
        visits.save_visit(world.ctx, after)


def test_famdesk_check_reports_broken_visits(world) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import update

    from famdesk.db import models as m
    from famdesk.services.checks import run_checks

    a = visits.save_visit(world.ctx, late_visit(world, status=VisitStatus.PROGRAM_CANCELLED))
    b = visits.save_visit(world.ctx, late_visit(world, day="2025-11-07", make_up_of_id=a.id))
    assert run_checks(world.ctx) == []
    with world.ctx.db.transaction() as s:  # what only a bug or a hand edit could do
        s.execute(
            update(m.Visit)
            .where(m.Visit.id == b.id)
            .values(family_id=world.early, ends_at=at("2025-11-07", "17:00"))
        )
    problems = run_checks(world.ctx)
    assert "1 visit(s) end before they start." in problems
    assert "1 make-up visit(s) belong to another family than the visit they make up." in problems


@pytest.mark.parametrize("role", [Role.FAMILY_SERVICES, Role.TEACHER, Role.OFFICE])
def test_only_directors_change_closures_and_requirements(world, role: Role) -> None:  # type: ignore[no-untyped-def]
    other = world.ctx.as_actor(Actor(role))
    before = list_closures(world.ctx)
    with pytest.raises(PermissionDenied):
        save_closure(other, Closure("Snow day", dt.date(2026, 2, 13)))
    with pytest.raises(PermissionDenied):
        delete_closure(other, before[0].id)
    req = get_requirements(other)  # anyone may read them: the calendar and compliance need them
    req.caseload_max = 30
    with pytest.raises(PermissionDenied):
        save_requirements(other, req)
    assert list_closures(world.ctx) == before and get_requirements(world.ctx).caseload_max == 12
