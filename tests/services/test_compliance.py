"""Compliance on the hand-built program year (tests/services/conftest.py), numbers worked out by hand.

Program year 2025-08-01..2026-07-31 = 365 days. As of 2025-12-31:
* early (EHS home-based, enrolled 08-01): 153 days → home visits 46*153//365 = 19, socializations
  22*153//365 = 9; whole year 46 / 22.
* late (HS home-based, enrolled 11-03): 59 days → home visits 32*59//365 = 5, socializations
  16*59//365 = 2; whole year from 11-03 (271 days): 32*271//365 = 23 and 16*271//365 = 11.
* center (center-based): 2*153//365 = 0 home visits and 0 conferences so far; by 2026-03-01
  (213 days) 2*213//365 = 1 of each.
"""

from __future__ import annotations

import datetime as dt

from famdesk.domain.enums import ProgramOption
from famdesk.domain.visits import AgeBand, Visit, VisitKind, VisitPlace, VisitStatus
from famdesk.services import compliance, visits

AS_OF = dt.date(2025, 12, 31)


def at(day: str, hhmm: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hhmm}")


def add(
    w,
    family: int,
    staff: int,
    day: str,
    status: VisitStatus = VisitStatus.COMPLETED,  # type: ignore[no-untyped-def]
    start: str = "17:30",
    end: str = "19:00",
    **kw,
) -> int:
    v = Visit(
        family_id=family,
        staff_ids=[staff],
        starts_at=at(day, start),
        ends_at=at(day, end),
        status=status,
        **kw,
    )
    saved = visits.save_visit(w.ctx, v, accept_conflicts=True)
    assert saved.id is not None
    return saved.id


def populate(w) -> None:  # type: ignore[no-untyped-def]
    late, rosa = w.late, w.rosa
    add(w, late, rosa, "2025-11-05", minutes_held=90)  # held
    add(w, late, rosa, "2025-11-12", minutes_held=60)  # short
    cancelled = add(w, late, rosa, "2025-11-19", VisitStatus.PROGRAM_CANCELLED)
    add(w, late, rosa, "2025-11-21", make_up_of_id=cancelled)  # full make-up: held
    cancelled2 = add(w, late, rosa, "2025-12-03", VisitStatus.PROGRAM_CANCELLED)
    add(w, late, rosa, "2025-12-12", minutes_held=45, make_up_of_id=cancelled2)  # short make-up: still owed
    add(w, late, rosa, "2025-12-10", VisitStatus.FAMILY_CANCELLED)
    add(w, late, rosa, "2025-12-17", VisitStatus.NO_SHOW)
    add(w, late, rosa, "2025-12-19", VisitStatus.SCHEDULED)  # past, never recorded
    add(w, late, rosa, "2026-01-07", VisitStatus.SCHEDULED)  # ahead
    add(
        w,
        late,
        rosa,
        "2025-12-05",
        start="10:00",
        end="12:00",
        kind=VisitKind.GROUP_SOCIALIZATION,
        place=VisitPlace.CENTER,
    )
    for day in ("2025-09-03", "2025-09-10", "2025-09-17", "2025-10-01", "2025-10-08"):
        add(w, w.early, w.marie, day, start="10:00", end="11:30")
    add(w, w.early, w.marie, "2025-07-20", start="10:00", end="11:30")  # last program year: not counted
    add(
        w,
        w.center,
        rosa,
        "2025-10-15",
        start="15:00",
        end="15:30",
        kind=VisitKind.PARENT_CONFERENCE,
        place=VisitPlace.CENTER,
    )


def by_name(rows):  # type: ignore[no-untyped-def]
    return {r.family_name: r for r in rows}


def test_family_compliance_hand_computed(world) -> None:  # type: ignore[no-untyped-def]
    populate(world)
    rows = by_name(compliance.family_compliance(world.ctx, AS_OF))
    assert set(rows) == {"Early family", "Late family", "Center family"}  # archived family not counted

    late = rows["Late family"]
    assert (late.option, late.band, late.counted_from, late.days_enrolled) == (
        ProgramOption.HOME_BASED,
        AgeBand.HEAD_START,
        dt.date(2025, 11, 3),
        59,
    )
    hv = late.home_visits
    assert (hv.required_year, hv.required_to_date, hv.held, hv.short) == (23, 5, 2, 2)
    assert (hv.family_missed, hv.program_cancelled, hv.make_ups_owed) == (2, 2, 1)
    assert (hv.unrecorded, hv.scheduled_ahead, hv.behind) == (1, 1, 3)
    soc = late.socializations
    assert (soc.required_year, soc.required_to_date, soc.held, soc.behind) == (11, 2, 1, 1)
    assert late.conferences.required_year == 0
    assert late.staff_id == world.rosa and late.staff_name == "Rosa Gutiérrez"
    assert late.at_risk and late.shortfall == 3 + 1 + 1

    early = rows["Early family"]
    assert (early.band, early.days_enrolled) == (AgeBand.EARLY_HEAD_START, 153)
    assert (early.home_visits.required_year, early.home_visits.required_to_date, early.home_visits.held) == (
        46,
        19,
        5,
    )
    assert (early.socializations.required_year, early.socializations.required_to_date) == (22, 9)
    assert early.shortfall == 14 + 9

    center = rows["Center family"]
    assert (center.option, center.home_visits.required_to_date, center.conferences.held) == (
        ProgramOption.CENTER_BASED,
        0,
        1,
    )
    assert not center.at_risk


def test_center_family_falls_behind_later_in_the_year(world) -> None:  # type: ignore[no-untyped-def]
    populate(world)
    center = by_name(compliance.family_compliance(world.ctx, dt.date(2026, 3, 1)))["Center family"]
    assert center.days_enrolled == 213
    assert (center.home_visits.required_to_date, center.home_visits.behind) == (1, 1)
    assert (center.conferences.required_to_date, center.conferences.behind) == (1, 0)
    assert center.at_risk


def test_at_risk_list_and_staff_totals(world) -> None:  # type: ignore[no-untyped-def]
    populate(world)
    assert [r.family_name for r in compliance.at_risk(world.ctx, AS_OF)] == ["Early family", "Late family"]
    staff = {r.staff_name: r for r in compliance.staff_compliance(world.ctx, AS_OF)}
    rosa, marie = staff["Rosa Gutiérrez"], staff["Marie Joseph"]
    assert (rosa.families, rosa.home_based_families, rosa.required_to_date, rosa.held) == (2, 1, 7, 4)
    assert (rosa.short, rosa.family_missed, rosa.program_cancelled, rosa.make_ups_owed) == (2, 2, 2, 1)
    assert rosa.at_risk_families == 1
    assert (marie.families, marie.required_to_date, marie.held, marie.at_risk_families) == (1, 28, 5, 1)
    assert (
        compliance.family_compliance(world.ctx, AS_OF, staff_id=world.marie)[0].family_name == "Early family"
    )


def test_a_make_up_pays_the_debt_and_requirements_are_settings(world) -> None:  # type: ignore[no-untyped-def]
    from famdesk.services.visit_requirements import get_requirements, save_requirements

    populate(world)
    owed = [v for v in visits.visits_between(world.ctx, at("2025-12-03", "00:00"), at("2025-12-04", "00:00"))]
    visits.schedule_make_up(
        world.ctx, owed[0].id, at("2025-12-26", "17:30"), at("2025-12-26", "19:30"), accept_conflicts=True
    )
    made_up = next(
        v for v in visits.visits_between(world.ctx, at("2025-12-26", "00:00"), at("2025-12-27", "00:00"))
    )
    visits.complete_visit(world.ctx, made_up.id)
    late = by_name(compliance.family_compliance(world.ctx, AS_OF))["Late family"]
    assert (late.home_visits.held, late.home_visits.make_ups_owed, late.home_visits.behind) == (3, 0, 2)
    # An older figure (48 a year, 60-minute minimum) changes the numbers without touching code.
    req = get_requirements(world.ctx)
    req.rules["home_based:hs"].home_visits = 48
    req.rules["home_based:hs"].min_home_visit_minutes = 60
    save_requirements(world.ctx, req)
    late = by_name(compliance.family_compliance(world.ctx, AS_OF))["Late family"]
    # 48*59//365 = 7; the 60-minute visit now counts (held 4), the 45-minute make-up is still short.
    assert (late.home_visits.required_to_date, late.home_visits.held, late.home_visits.short) == (7, 4, 1)
