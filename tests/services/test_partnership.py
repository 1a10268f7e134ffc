"""Contacts, goals, events and every dashboard figure, against hand-computed numbers.

The program is built by ``tests/partnership_fixture.py``; its docstring is the table the expected
numbers below were worked out from.
"""

from __future__ import annotations

import datetime as dt

import pytest
from partnership_fixture import END, START, TODAY, build, family
from sqlalchemy import func, select

from famdesk.db import models as m
from famdesk.domain import partnership as p
from famdesk.domain.errors import NotFoundError, ValidationError
from famdesk.services import contacts, dashboard, events, goals, program

P, N, C = p.Tone.POSITIVE, p.Tone.NEUTRAL, p.Tone.CONCERN


def count(ctx, model) -> int:  # type: ignore[no-untyped-def]
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


def test_relationship_health_per_family(ctx) -> None:  # type: ignore[no-untyped-def]
    prog = build(ctx)
    a = contacts.relationship_health(ctx, prog.a, TODAY)
    assert (a.contacts, a.positive, a.neutral, a.concern) == (4, 2, 1, 1)
    assert a.last_positive_on == dt.date(2026, 11, 10) and a.days_since_positive == 10
    assert a.first_contact_positive is True
    assert a.positive_to_concern == 2.0
    assert (a.open_follow_ups, a.overdue_follow_ups) == (1, 1)
    b = contacts.relationship_health(ctx, prog.b, TODAY)
    assert (b.contacts, b.positive, b.concern) == (3, 1, 2)
    assert b.days_since_positive is None  # the only positive came FROM the family
    assert b.first_contact_positive is False
    assert b.positive_to_concern == 0.5
    assert (b.open_follow_ups, b.overdue_follow_ups) == (1, 0)  # due 11-25, today is 11-20
    c = contacts.relationship_health(ctx, prog.c, TODAY)
    assert (c.contacts, c.first_contact_positive, c.positive_to_concern) == (0, None, None)


def test_follow_up_done_closes_it(ctx) -> None:  # type: ignore[no-untyped-def]
    prog = build(ctx)
    open_ = contacts.list_contacts(ctx, prog.a, open_follow_ups=True)
    assert [x.occurred_at.date() for x in open_] == [dt.date(2026, 10, 5)]
    contacts.mark_follow_up_done(ctx, open_[0].id)
    assert contacts.relationship_health(ctx, prog.a, TODAY).open_follow_ups == 0


def test_families_without_positive_follow_the_program_setting(ctx) -> None:  # type: ignore[no-untyped-def]
    build(ctx)
    assert contacts.positive_days(ctx) == 30
    contacts.set_positive_days(ctx, 14)
    assert program.get_setting(ctx, contacts.POSITIVE_DAYS_SETTING) == 14
    names = [h.family_name for h in contacts.families_without_positive(ctx, today=TODAY)]
    assert names == ["Begum family", "Chen family"]  # Alvarez heard 10 days ago; Diallo/Evans not enrolled
    names = [h.family_name for h in contacts.families_without_positive(ctx, 7, today=TODAY)]
    assert names == ["Begum family", "Chen family", "Alvarez family"]
    assert [h.family_name for h in contacts.families_without_positive(ctx, 10, today=TODAY)] == \
        ["Begum family", "Chen family"]  # exactly 10 days ago is within 10 days
    with pytest.raises(ValidationError, match="1 to 365"):
        contacts.set_positive_days(ctx, 0)


def test_dashboard_figures(ctx) -> None:  # type: ignore[no-untyped-def]
    prog = build(ctx)
    contacts.set_positive_days(ctx, 14)
    program.set_setting(ctx, dashboard.VISITS_PER_FAMILY_SETTING, 1)
    d = dashboard.dashboard(ctx, START, END, today=TODAY)
    # Enrolled: Alvarez, Begum, Chen (Diallo waits, Evans is archived). Chen came only before the year.
    assert d.enrolled_families == 3
    assert d.families_attending == 2
    assert d.participation_rate == pytest.approx(2 / 3)
    assert [(e.title, e.families, e.adults, e.children) for e in d.events] == [
        ("Family dinner", 2, 3, 3), ("Morning coffee", 1, 1, 0), ("Book fair", 1, 1, 1)]
    assert [e.rate for e in d.events] == pytest.approx([2 / 3, 1 / 3, 1 / 3])
    assert list(d.contacts_by_month) == [f"2026-{mo:02d}" for mo in range(8, 13)] + \
        [f"2027-{mo:02d}" for mo in range(1, 8)]
    assert d.contacts_by_month["2026-08"] == {P: 0, N: 0, C: 0}
    assert d.contacts_by_month["2026-09"] == {P: 2, N: 0, C: 1}
    assert d.contacts_by_month["2026-10"] == {P: 0, N: 0, C: 2}
    assert d.contacts_by_month["2026-11"] == {P: 2, N: 1, C: 0}
    assert sum(sum(x.values()) for x in d.contacts_by_month.values()) == 8  # D's July contact is outside
    assert d.goals_by_status == {p.GoalStatus.IN_PROGRESS: 2, p.GoalStatus.ON_HOLD: 0,
                                 p.GoalStatus.ACHIEVED: 1, p.GoalStatus.CLOSED: 1}
    assert [(x.family_name, len(x.reasons)) for x in d.attention] == [
        ("Alvarez family", 2), ("Begum family", 2), ("Chen family", 1)]
    assert d.attention[0].reasons == ["1 contact follow-up overdue", "1 goal follow-up overdue"]
    assert d.attention[1].reasons == ["has not heard anything positive yet", "more concerns (2) than positives (1)"]
    assert d.positive_days == 14
    hv = d.home_visits
    assert hv is not None and hv.source == "contacts"
    assert (hv.made, hv.goal, hv.families_meeting_goal, hv.families) == (1, 3, 1, 3)  # D's visit: not enrolled
    assert prog.e3


def test_dashboard_updates_and_empty_program(ctx) -> None:  # type: ignore[no-untyped-def]
    d = dashboard.dashboard(ctx, START, END, today=TODAY)
    assert (d.enrolled_families, d.families_attending, d.participation_rate, d.events, d.attention) == \
        (0, 0, 0.0, [], [])
    assert d.home_visits is not None and d.home_visits.goal == 0
    fid = family(ctx, "Ortiz family")
    assert [x.family_name for x in dashboard.dashboard(ctx, START, END, today=TODAY).attention] == ["Ortiz family"]
    contacts.add_contact(ctx, p.Contact(family_id=fid, occurred_at=dt.datetime(2026, 11, 19, 9), tone=P,
                                        summary="Sofía helped a friend"), now=dt.datetime(2026, 11, 20))
    assert dashboard.dashboard(ctx, START, END, today=TODAY).attention == []


def test_home_visits_come_from_the_visits_calendar_when_it_has_visits(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    from famdesk.db import models as m
    from famdesk.domain.visits import VisitKind, VisitStatus

    prog = build(sqlite_ctx)
    program.set_setting(sqlite_ctx, dashboard.VISITS_PER_FAMILY_SETTING, 2)
    with sqlite_ctx.db.transaction() as s:
        for fid, status, kind, day in [
                (prog.a, VisitStatus.COMPLETED, VisitKind.HOME_VISIT, dt.date(2026, 9, 1)),
                (prog.a, VisitStatus.COMPLETED, VisitKind.HOME_VISIT, dt.date(2026, 10, 1)),
                (prog.b, VisitStatus.COMPLETED, VisitKind.HOME_VISIT, dt.date(2026, 10, 2)),
                (prog.b, VisitStatus.FAMILY_CANCELLED, VisitKind.HOME_VISIT, dt.date(2026, 10, 9)),
                (prog.b, VisitStatus.COMPLETED, VisitKind.PARENT_CONFERENCE, dt.date(2026, 10, 10)),
                (prog.c, VisitStatus.COMPLETED, VisitKind.HOME_VISIT, dt.date(2026, 7, 1))]:
            start = dt.datetime.combine(day, dt.time(17, 30))
            s.add(m.Visit(family_id=fid, status=status, kind=kind, starts_at=start,
                          ends_at=start + dt.timedelta(minutes=90)))
    hv = dashboard.dashboard(sqlite_ctx, START, END, today=TODAY).home_visits
    assert hv is not None
    # Completed home visits in the period only: Alvarez 2, Begum 1 (not the cancelled one, not the
    # conference); Chen's July visit is before the period.
    assert (hv.source, hv.made, hv.goal, hv.families_meeting_goal) == ("visits", 3, 6, 1)


def test_event_timing_flags_events_most_families_cannot_come_to(ctx) -> None:  # type: ignore[no-untyped-def]
    prog = build(ctx)
    # Enrolled with times: Alvarez (weekday evenings), Begum (Tuesday 9-15); Chen gave none.
    dinner = events.check_event_timing(ctx, events.get_event(ctx, prog.e1))
    assert (dinner.families_with_times, dinner.families_available, dinner.families_without_times) == (2, 1, 1)
    assert not dinner.flagged
    coffee = events.check_event_timing(ctx, events.get_event(ctx, prog.e2))
    assert (coffee.families_available, coffee.flagged) == (0, True)
    late = p.Event(title="Late", starts_at=dt.datetime(2026, 12, 1, 19), ends_at=dt.datetime(2026, 12, 1, 20))
    assert events.check_event_timing(ctx, late).families_available == 0  # 20:00 is past Alvarez's 19:30
    assert [e.title for e, _t in events.flagged_events(ctx, START, END)] == ["Morning coffee"]


def test_attendance_is_replaced_and_checked(ctx) -> None:  # type: ignore[no-untyped-def]
    prog = build(ctx)
    saved = events.record_attendance(ctx, prog.e3, [p.Attendance(prog.b, 2, 2), p.Attendance(prog.c, 1, 0)])
    assert [(x.family_name, x.adults, x.children) for x in saved] == [("Begum family", 2, 2), ("Chen family", 1, 0)]
    for bad, message in [([p.Attendance(prog.b), p.Attendance(prog.b)], "twice"),
                         ([p.Attendance(prog.b, 0, 0)], "at least one"),
                         ([p.Attendance(prog.b, 99, 0)], "from 0 to 50"),
                         ([p.Attendance(987654)], "no longer in the directory")]:
        with pytest.raises(ValidationError, match=message):
            events.record_attendance(ctx, prog.e3, bad)
    assert len(events.attendance_for(ctx, prog.e3)) == 2  # nothing written by the failures


def test_bad_contact_is_refused_and_writes_nothing(ctx) -> None:  # type: ignore[no-untyped-def]
    fid = family(ctx, "Ortiz family")
    with pytest.raises(ValidationError) as err:
        contacts.add_contact(ctx, p.Contact(family_id=fid, occurred_at=dt.datetime(2030, 1, 1), summary=" ",
                                            language="xx-zz", follow_up_due=dt.date(2029, 1, 1)),
                             now=dt.datetime(2026, 11, 20))
    fields = {x.field for x in err.value.problems}
    assert fields == {"occurred_at", "summary", "language", "follow_up_due"}
    with pytest.raises(ValidationError, match="Choose the family"):
        contacts.add_contact(ctx, p.Contact(family_id=None, occurred_at=dt.datetime(2026, 1, 1), summary="x"))
    assert count(ctx, m.Contact) == 0


def test_contact_crud(ctx) -> None:  # type: ignore[no-untyped-def]
    fid = family(ctx, "Ortiz family")
    saved = contacts.add_contact(ctx, p.Contact(family_id=fid, occurred_at=dt.datetime(2026, 11, 2, 8, 15),
                                                channel=p.ContactMethod.CONFERENCE, language="es",
                                                interpreter_present=True, summary="Conferencia de otoño"))
    assert (saved.family_name, saved.channel, saved.language) == ("Ortiz family", "conference", "es")
    saved.tone = P
    contacts.update_contact(ctx, saved)
    assert contacts.get_contact(ctx, saved.id).tone is P
    contacts.delete_contact(ctx, saved.id)
    with pytest.raises(NotFoundError):
        contacts.get_contact(ctx, saved.id)


def test_goal_with_steps_edit_and_refusal(ctx) -> None:  # type: ignore[no-untyped-def]
    prog = build(ctx)
    g = goals.get_goal(ctx, prog.goal_a)
    assert g.goal_text == "Leer con Sofía cada noche" and [s.what for s in g.steps] == \
        ["Get a library card", "Borrow 3 books a week"]
    g.steps[0].done = True
    g.steps = [g.steps[0], p.GoalStep("Visit story time", "Father", dt.date(2026, 12, 5))]
    g.status = p.GoalStatus.ACHIEVED
    g.achieved_on = dt.date(2026, 11, 18)
    saved = goals.update_goal(ctx, g)
    assert [(s.what, s.done) for s in saved.steps] == [("Get a library card", True), ("Visit story time", False)]
    assert count(ctx, m.GoalStep) == 2
    before = goals.get_goal(ctx, prog.goal_a)
    g.goal_text = ""
    g.steps.append(p.GoalStep(what="  "))
    g.follow_up_on = dt.date(2026, 1, 1)  # before it started
    with pytest.raises(ValidationError) as err:
        goals.update_goal(ctx, g)
    assert {x.field for x in err.value.problems} == {"goal_text", "steps.3.what", "follow_up_on"}
    assert goals.get_goal(ctx, prog.goal_a) == before
    assert [x.goal_text for x in goals.list_goals(ctx, prog.a, p.GoalStatus.ACHIEVED)] == \
        ["Leer con Sofía cada noche", "Find a GED class"]


def test_event_validation(ctx) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        events.add_event(ctx, p.Event(title="", starts_at=dt.datetime(2026, 12, 1, 18),
                                      ends_at=dt.datetime(2026, 12, 1, 17)))
    assert {x.field for x in err.value.problems} == {"title", "ends_at"}
    assert count(ctx, m.Event) == 0
    saved = events.add_event(ctx, p.Event(title="Noche de cuentos", starts_at=dt.datetime(2026, 12, 1, 18),
                                          ends_at=dt.datetime(2026, 12, 1, 19), interpretation=True,
                                          interpretation_languages=["es", "ar", "es"], food="Pizza"))
    assert events.get_event(ctx, saved.id).interpretation_languages == ["es", "ar"]
