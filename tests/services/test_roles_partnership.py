"""Every role against visits, closures and requirements, contacts, goals, events and attendance, the
dashboard, the compliance list and the positive-contact days: allowed cells succeed, refused ones raise
``PermissionDenied`` with a sentence and write nothing; every write, print and export is audited.

Runs on SQLite and (with FAMDESK_TEST_POSTGRES_URL) PostgreSQL through the ``ctx`` fixture.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import pytest

from famdesk.domain import partnership as p
from famdesk.domain.errors import PermissionDenied
from famdesk.domain.roles import Action, Kind, Role
from famdesk.domain.visits import Closure, Visit, VisitStatus
from famdesk.services import (
    audit,
    closures,
    compliance,
    contacts,
    dashboard,
    events,
    goals,
    partnership_print,
    visit_ics,
    visit_printing,
    visit_requirements,
    visits,
)
from famdesk.services.context import ServiceContext
from tests.services import roles_world
from tests.services.roles_world import World, check_table

NOW = dt.datetime.now().replace(microsecond=0, second=0, minute=0)
SOON = dt.datetime.combine(dt.date.today() + dt.timedelta(days=3), dt.time(10))


@dataclass
class Records:
    """Records of both households, made by the director before a role tries them."""

    visit: dict[str, int]
    contact: dict[str, int]
    goal: dict[str, int]
    event: int
    spare_event: int
    closure: int


def _visit(w: World, family: str, day: int = 0, status: VisitStatus = VisitStatus.SCHEDULED) -> Visit:
    fid = w.own if family == "own" else w.other
    start = SOON + dt.timedelta(days=day, hours=2 * (fid % 4))
    return Visit(family_id=fid, staff_ids=[w.worker], starts_at=start, ends_at=start + dt.timedelta(hours=1),
                 status=status)


def _contact(w: World, family: str) -> p.Contact:
    return p.Contact(family_id=w.own if family == "own" else w.other, occurred_at=NOW - dt.timedelta(days=1),
                     tone=p.Tone.POSITIVE, summary="Told the family about a good day.")


def _goal(w: World, family: str) -> p.Goal:
    return p.Goal(family_id=w.own if family == "own" else w.other, goal_text="Read together every night.",
                  started_on=dt.date.today())


def _event(title: str = "Family picnic") -> p.Event:
    return p.Event(title=title, starts_at=SOON, ends_at=SOON + dt.timedelta(hours=2), place="Park")


def prepare(ctx: ServiceContext, w: World) -> Records:
    made: dict[str, dict[str, int]] = {"visit": {}, "contact": {}, "goal": {}}
    for i, (key, family) in enumerate([("own", "own"), ("other", "other"), ("own del", "own"),
                                       ("other del", "other"), ("own cancel", "own")]):
        made["visit"][key] = visits.save_visit(ctx, _visit(w, family, day=10 + i), accept_conflicts=True).id
        made["contact"][key] = contacts.add_contact(ctx, _contact(w, family)).id
        made["goal"][key] = goals.add_goal(ctx, _goal(w, family)).id
    event = events.add_event(ctx, _event()).id
    events.record_attendance(ctx, event, [p.Attendance(w.other, adults=2)])
    spare = events.add_event(ctx, _event("Coffee morning")).id
    closure = closures.save_closure(ctx, Closure("Snow day", dt.date(2030, 1, 5))).id
    dashboard.dashboard(ctx)  # the program row exists before any role tries (a refused call writes nothing)
    return Records(made["visit"], made["contact"], made["goal"], event, spare, closure)  # type: ignore[arg-type]


def _not_listed(found: list[int], wanted: int) -> None:
    if wanted not in found:
        raise PermissionDenied("The other family is not in the list.")


def _change_visit(c: ServiceContext, ctx: ServiceContext, w: World, visit_id: int,
                                       **changes: object) -> Visit:
    v = dataclasses.replace(visits.get_visit(ctx, visit_id), **changes)
    return visits.save_visit(c, v, accept_conflicts=True)


def table(ctx: ServiceContext, w: World, rec: Records):  # type: ignore[no-untyped-def]  # noqa: ANN201
    V, C, G = rec.visit, rec.contact, rec.goal  # noqa: N806
    far = (dt.datetime(2000, 1, 1), dt.datetime(2100, 1, 1))
    return {
        # visits
        "visit/read own": (lambda c, w: visits.get_visit(c, V["own"]), "DFTO"),
        "visit/read other": (lambda c, w: visits.get_visit(c, V["other"]), "DO"),
        "visit/list sees other": (lambda c, w: _not_listed(
            [r.id for r in visits.visits_between(c, *far)], V["other"]), "DO"),
        "visit/list of other family": (lambda c, w: visits.visits_between(c, *far, family_id=w.other), "DO"),
        "visit/check own": (lambda c, w: visits.check_visit(c, _visit(w, "own", 30)), "DFTO"),
        "visit/save own": (lambda c, w: visits.save_visit(c, _visit(w, "own", 40), accept_conflicts=True),
                           "DFT"),
        "visit/save other": (lambda c, w: visits.save_visit(c, _visit(w, "other", 41), accept_conflicts=True),
                             "D"),
        "visit/change own": (lambda c, w: _change_visit(
            c, ctx, w, V["own"], purpose="Books"), "DFT"),
        "visit/move own to other": (lambda c, w: _change_visit(
            c, ctx, w, V["own"], family_id=w.other), "D"),
        "visit/cancel own": (lambda c, w: visits.cancel_visit(
            c, V["own cancel"], VisitStatus.PROGRAM_CANCELLED), "DFT"),
        "visit/cancel other": (lambda c, w: visits.cancel_visit(c, V["other"], VisitStatus.NO_SHOW), "D"),
        "visit/series own": (lambda c, w: visits.create_series(
            c, _visit(w, "own", 60), (SOON + dt.timedelta(days=74)).date(), accept_conflicts=True), "DFT"),
        "visit/letter own": (lambda c, w: visit_printing.visit_letter(c, V["own"]), "DFTO"),
        "visit/letter other": (lambda c, w: visit_printing.visit_letter(c, V["other"]), "DO"),
        "visit/record sheet own": (lambda c, w: visit_printing.visit_record_sheet(c, V["own"]), "DFTO"),
        "visit/ics export": (lambda c, w: visit_ics.export_ics(c), "D"),
        "visit/poster": (lambda c, w: visit_printing.visit_poster(c), "DO"),
        "visit/delete own": (lambda c, w: visits.delete_visit(c, V["own del"]), "DFT"),
        "visit/delete other": (lambda c, w: visits.delete_visit(c, V["other del"]), "D"),
        # closures and requirements
        "closures/read": (lambda c, w: closures.list_closures(c), "DFTO"),
        "closures/add": (lambda c, w: closures.save_closure(c, Closure("Staff day", dt.date(2030, 2, 3))),
                         "D"),
        "closures/delete": (lambda c, w: closures.delete_closure(c, rec.closure), "D"),
        "requirements/read": (lambda c, w: visit_requirements.get_requirements(c), "DFTO"),
        "requirements/write": (lambda c, w: visit_requirements.save_requirements(
            c, visit_requirements.get_requirements(ctx)), "D"),
        # contacts
        "contacts/list own": (lambda c, w: contacts.list_contacts(c, w.own), "DFTO"),
        "contacts/list other": (lambda c, w: contacts.list_contacts(c, w.other), "DO"),
        "contacts/list sees other": (lambda c, w: _not_listed([x.id for x in contacts.list_contacts(c)],
                                                              C["other"]), "DO"),
        "contacts/read own": (lambda c, w: contacts.get_contact(c, C["own"]), "DFTO"),
        "contacts/read other": (lambda c, w: contacts.get_contact(c, C["other"]), "DO"),
        "contacts/health other": (lambda c, w: contacts.relationship_health(c, w.other), "DO"),
        "contacts/add own": (lambda c, w: contacts.add_contact(c, _contact(w, "own")), "DFT"),
        "contacts/add other": (lambda c, w: contacts.add_contact(c, _contact(w, "other")), "D"),
        "contacts/move own to other": (lambda c, w: contacts.update_contact(
            c, dataclasses.replace(contacts.get_contact(ctx, C["own"]), family_id=w.other)), "D"),
        "contacts/follow-up own": (lambda c, w: contacts.mark_follow_up_done(c, C["own"]), "DFT"),
        "contacts/delete own": (lambda c, w: contacts.delete_contact(c, C["own del"]), "DFT"),
        "contacts/delete other": (lambda c, w: contacts.delete_contact(c, C["other del"]), "D"),
        # goals
        "goals/list own": (lambda c, w: goals.list_goals(c, w.own), "DFTO"),
        "goals/list other": (lambda c, w: goals.list_goals(c, w.other), "DO"),
        "goals/list sees other": (lambda c, w: _not_listed([g.id for g in goals.list_goals(c)], G["other"]),
                                  "DO"),
        "goals/read own": (lambda c, w: goals.get_goal(c, G["own"]), "DFTO"),
        "goals/read other": (lambda c, w: goals.get_goal(c, G["other"]), "DO"),
        "goals/add own": (lambda c, w: goals.add_goal(c, _goal(w, "own")), "DF"),
        "goals/add other": (lambda c, w: goals.add_goal(c, _goal(w, "other")), "D"),
        "goals/change own": (lambda c, w: goals.update_goal(c, goals.get_goal(ctx, G["own"])), "DF"),
        "goals/worksheet own": (lambda c, w: partnership_print.goal_worksheet(c, G["own"]), "DFTO"),
        "goals/worksheet other": (lambda c, w: partnership_print.goal_worksheet(c, G["other"]), "DO"),
        "goals/delete own": (lambda c, w: goals.delete_goal(c, G["own del"]), "DF"),
        "goals/delete other": (lambda c, w: goals.delete_goal(c, G["other del"]), "D"),
        # events and attendance
        "events/list": (lambda c, w: events.list_events(c), "DFTO"),
        "events/flagged": (lambda c, w: events.flagged_events(c), "DFTO"),
        "events/flyers": (lambda c, w: partnership_print.event_flyers(c, rec.event, ["en"]), "DFTO"),
        "events/add": (lambda c, w: events.add_event(c, _event("Literacy night")), "D"),
        "events/change": (lambda c, w: events.update_event(c, events.get_event(ctx, rec.event)), "D"),
        "events/delete": (lambda c, w: events.delete_event(c, rec.spare_event), "D"),
        "attendance/read": (lambda c, w: events.attendance_for(c, rec.event), "DFTO"),
        "attendance/sees other": (lambda c, w: _not_listed(
            [a.family_id for a in events.attendance_for(c, rec.event)], w.other), "DO"),
        "attendance/record own": (lambda c, w: events.record_attendance(c, rec.event, [p.Attendance(w.own)]),
                                  "DFT"),
        "attendance/record other": (lambda c, w: events.record_attendance(
            c, rec.event, [p.Attendance(w.other, adults=3)]), "D"),
        "enrolled families/sees other": (lambda c, w: _not_listed(list(contacts.list_enrolled_families(c)),
                                                                  w.other), "DO"),
        # dashboard, compliance, program settings
        "dashboard/read": (lambda c, w: dashboard.dashboard(c), "DO"),
        "dashboard/print": (lambda c, w: partnership_print.dashboard_pdf(c, dashboard.dashboard(ctx)), "DO"),
        "dashboard/export csv": (lambda c, w: dashboard.export_rows(c), "D"),
        "compliance/list": (lambda c, w: compliance.family_compliance(c), "DO"),
        "compliance/at risk": (lambda c, w: compliance.at_risk(c), "DO"),
        "compliance/staff": (lambda c, w: compliance.staff_compliance(c), "DO"),
        "positive days/read": (lambda c, w: contacts.positive_days(c), "DFTO"),
        "positive days/write": (lambda c, w: contacts.set_positive_days(c, 21), "D"),
    }


@pytest.mark.parametrize("role", list(Role))
def test_role_table(ctx, role: Role) -> None:  # type: ignore[no-untyped-def]
    w = roles_world.build(ctx)
    rec = prepare(ctx, w)
    check_table(ctx, role, table(ctx, w, rec), w)


def test_the_other_familys_attendance_stays_when_a_worker_records_theirs(ctx) -> None:  # type: ignore[no-untyped-def]
    w = roles_world.build(ctx)
    rec = prepare(ctx, w)
    worker = ctx.as_actor(roles_world.actor(Role.FAMILY_SERVICES, w))
    recorded = events.record_attendance(worker, rec.event, [p.Attendance(w.own)])
    assert [a.family_id for a in recorded] == [w.own]
    assert {a.family_id for a in events.attendance_for(ctx, rec.event)} == {w.own, w.other}
    events.record_attendance(worker, rec.event, [])
    assert [a.family_id for a in events.attendance_for(ctx, rec.event)] == [w.other]


def test_scoped_lists_hold_only_their_own_families(ctx) -> None:  # type: ignore[no-untyped-def]
    w = roles_world.build(ctx)
    rec = prepare(ctx, w)
    for role in (Role.FAMILY_SERVICES, Role.TEACHER):
        acting = ctx.as_actor(roles_world.actor(role, w))
        far = (dt.datetime(2000, 1, 1), dt.datetime(2100, 1, 1))
        assert {r.family_id for r in visits.visits_between(acting, *far)} == {w.own}
        assert {c.family_id for c in contacts.list_contacts(acting)} == {w.own}
        assert {g.family_id for g in goals.list_goals(acting)} == {w.own}
        assert set(contacts.list_enrolled_families(acting)) <= {w.own}
        assert {h.family_id for h in contacts.families_without_positive(acting)} <= {w.own}
    assert rec.visit["other"] in {r.id for r in visits.visits_between(ctx, *far)}


def _last(ctx: ServiceContext) -> tuple[str, str, int | None]:
    e = audit.entries(ctx, limit=1)[0]  # the trail as it was before this reading of it
    return e.action, e.kind, e.record_id


def test_every_write_print_and_export_leaves_an_audit_entry(ctx) -> None:  # type: ignore[no-untyped-def]
    w = roles_world.build(ctx)
    rec = prepare(ctx, w)
    W, P, X = Action.WRITE.value, Action.PRINT.value, Action.EXPORT.value  # noqa: N806
    worker = ctx.as_actor(roles_world.actor(Role.FAMILY_SERVICES, w))

    v = visits.save_visit(worker, _visit(w, "own", 90), accept_conflicts=True)
    assert _last(ctx) == (W, Kind.VISIT.value, v.id)
    visits.complete_visit(worker, v.id)
    assert _last(ctx) == (W, Kind.VISIT.value, v.id)
    visits.delete_visit(worker, v.id)
    assert _last(ctx) == (W, Kind.VISIT.value, v.id)
    c = contacts.add_contact(worker, _contact(w, "own"))
    assert _last(ctx) == (W, Kind.CONTACT.value, c.id)
    contacts.delete_contact(worker, c.id)
    assert _last(ctx) == (W, Kind.CONTACT.value, c.id)
    g = goals.add_goal(worker, _goal(w, "own"))
    assert _last(ctx) == (W, Kind.GOAL.value, g.id)
    events.record_attendance(worker, rec.event, [p.Attendance(w.own)])
    assert _last(ctx) == (W, Kind.ATTENDANCE.value, rec.event)
    e = events.add_event(ctx, _event("Music morning"))
    assert _last(ctx) == (W, Kind.EVENT.value, e.id)
    cl = closures.save_closure(ctx, Closure("Inservice", dt.date(2031, 3, 3)))
    assert _last(ctx) == (W, Kind.VISIT_SETTINGS.value, cl.id)
    visit_requirements.save_requirements(ctx, visit_requirements.get_requirements(ctx))
    assert _last(ctx) == (W, Kind.VISIT_SETTINGS.value, None)
    contacts.set_positive_days(ctx, 14)
    assert _last(ctx)[:2] == (W, Kind.PROGRAM.value)

    visit_printing.visit_letter(worker, rec.visit["own"])
    assert _last(ctx) == (P, Kind.VISIT.value, rec.visit["own"])
    visit_ics.export_ics(ctx)
    assert _last(ctx)[:2] == (X, Kind.VISIT.value)
    visit_printing.visit_poster(ctx)
    assert _last(ctx)[:2] == (P, Kind.DASHBOARD.value)
    partnership_print.dashboard_pdf(ctx, dashboard.dashboard(ctx))
    assert _last(ctx)[:2] == (P, Kind.DASHBOARD.value)
    dashboard.export_rows(ctx)
    assert _last(ctx)[:2] == (X, Kind.DASHBOARD.value)
    partnership_print.goal_worksheet(worker, g.id)
    assert _last(ctx) == (P, Kind.GOAL.value, g.id)


def test_a_refused_write_leaves_no_audit_entry(ctx) -> None:  # type: ignore[no-untyped-def]
    w = roles_world.build(ctx)
    rec = prepare(ctx, w)
    office = ctx.as_actor(roles_world.actor(Role.OFFICE, w))
    before = audit.entries(ctx, limit=1)[0].id
    with pytest.raises(PermissionDenied, match="may not change"):
        contacts.delete_contact(office, rec.contact["own"])
    assert audit.entries(ctx, limit=2)[1].id == before  # only the director's reading of the trail since
    assert contacts.get_contact(ctx, rec.contact["own"]).id == rec.contact["own"]
