"""Behaviour incidents: directors only (role × action table), validation, audit, the summary without names.

Runs on SQLite and (with FAMDESK_TEST_POSTGRES_URL) PostgreSQL through the ``ctx`` fixture.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, update

from famdesk.db import models as m
from famdesk.domain import records as r
from famdesk.domain.errors import PermissionDenied, ValidationError
from famdesk.domain.incidents import Incident, InformedHow, TimeBand
from famdesk.domain.roles import Actor, Role
from famdesk.services import audit, classrooms, families, incident_summary, incidents, staff
from famdesk.services.checks import run_checks
from famdesk.services.context import ServiceContext
from famdesk.services.duplicates import merge_families

CANARY = "Quorblewick"


@dataclass
class World:
    sunflowers: int
    robins: int
    child_a: int          # in Sunflowers
    child_b: int          # in Robins
    child_none: int       # no classroom
    family_a: int
    teacher: int


def _household(name: str, first: str, room: int | None) -> r.FamilyDetail:
    return r.FamilyDetail(r.Family(name=name), [r.Caregiver(first_name="Ana")],
                          [r.Child(first_name=first, last_name=name.split()[0], birth_date=dt.date(2021, 5, 1),
                                   classroom_id=room)])


def build(ctx: ServiceContext) -> World:
    sun = classrooms.save_classroom(ctx, r.Classroom(name="Sunflowers")).id
    rob = classrooms.save_classroom(ctx, r.Classroom(name="Robins")).id
    teacher = staff.save_staff(ctx, r.StaffMember(first_name="Tala", last_name="Ng", classroom_ids=[sun])).id
    a = families.add_family(ctx, _household(f"{CANARY} family", CANARY, sun))
    b = families.add_family(ctx, _household("Okafor family", "Chidi", rob))
    c = families.add_family(ctx, _household("Lindqvist family", "Elsa", None))
    assert sun and rob and teacher
    return World(sun, rob, a.children[0].id, b.children[0].id, c.children[0].id, a.family.id, teacher)


def incident(child: int, when: str, **kw: Any) -> Incident:
    return Incident(child_id=child, occurred_at=dt.datetime.fromisoformat(when),
                    antecedent=kw.pop("antecedent", f"{CANARY} was asked to tidy up."),
                    behavior=kw.pop("behavior", f"{CANARY} threw blocks."),
                    response=kw.pop("response", "Offered the calm-down corner."), **kw)


# --- who may do what ---------------------------------------------------------------------------------------
Call = Callable[[ServiceContext, World, int], Any]
TABLE: dict[str, tuple[Call, str]] = {
    "incident/add": (lambda c, w, i: incidents.add_incident(c, incident(w.child_a, "2025-10-06T10:00")), "D"),
    "incident/read": (lambda c, w, i: incidents.get_incident(c, i), "D"),
    "incident/list child": (lambda c, w, i: incidents.list_incidents(c, child_id=w.child_a), "D"),
    "incident/list period": (lambda c, w, i: incidents.list_incidents(
        c, start=dt.date(2025, 10, 1), end=dt.date(2025, 10, 31)), "D"),
    "incident/update": (lambda c, w, i: incidents.update_incident(c, incident(w.child_a, "2025-10-06T11:00", id=i)),
                        "D"),
    "incident/summary": (lambda c, w, i: incident_summary.summary(c, dt.date(2025, 10, 1), dt.date(2025, 10, 31)),
                         "D"),
    "incident/export csv": (lambda c, w, i: incident_summary.summary_csv(
        c, dt.date(2025, 10, 1), dt.date(2025, 10, 31)), "D"),
    "incident/print pdf": (lambda c, w, i: incident_summary.summary_pdf(
        c, dt.date(2025, 10, 1), dt.date(2025, 10, 31)), "D"),
    "incident/time bands read": (lambda c, w, i: incident_summary.time_bands(c), "D"),
    "incident/time bands write": (lambda c, w, i: incident_summary.reset_time_bands(c), "D"),
    "incident/delete": (lambda c, w, i: incidents.delete_incident(c, i), "D"),  # last: removes the record
}
LETTER = {Role.DIRECTOR: "D", Role.FAMILY_SERVICES: "F", Role.TEACHER: "T", Role.OFFICE: "O"}


@pytest.mark.parametrize("role", list(Role))
def test_role_table_incidents_are_for_directors_only(ctx, role: Role) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    existing = incidents.add_incident(ctx, incident(w.child_a, "2025-10-06T09:30")).id
    assert existing is not None
    staff_id = {Role.FAMILY_SERVICES: w.teacher, Role.TEACHER: w.teacher}.get(role)
    acting = ctx.as_actor(Actor(role, staff_id=staff_id, label=role.value))
    got, wanted = {}, {}
    for name, (call, allowed_for) in TABLE.items():
        before = len(audit.entries(ctx, limit=100_000))
        try:
            call(acting, w, existing)
            got[name] = True
        except PermissionDenied:
            got[name] = False
            # a refusal writes nothing, not even an audit entry (entries() itself adds one read entry)
            assert len(audit.entries(ctx, limit=100_000)) == before + 1, name
        wanted[name] = LETTER[role] in allowed_for
    assert {k: got[k] for k in TABLE if got[k] != wanted[k]} == {}
    left = [x.id for x in incidents.list_incidents(ctx)]
    # The director added one and deleted the first; everyone else changed nothing.
    assert (existing in left, len(left)) == (role is not Role.DIRECTOR, 1)


# --- validation --------------------------------------------------------------------------------------------
def _count(ctx: ServiceContext) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count(m.Incident.id))) or 0)


def test_bad_input_is_refused_with_every_problem_and_nothing_written(ctx) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    with pytest.raises(ValidationError) as err:
        incidents.add_incident(ctx, Incident(child_id=999_999, behavior="  ", response=""))
    fields = {p.field for p in err.value.problems}
    assert fields == {"child_id", "occurred_at", "behavior", "response"}
    assert "Choose the child" in str(err.value)
    future = dt.datetime.now() + dt.timedelta(days=3)
    with pytest.raises(ValidationError, match="in the future"):
        incidents.add_incident(ctx, incident(w.child_a, future.isoformat(timespec="minutes")))
    with pytest.raises(ValidationError) as err:
        incidents.add_incident(ctx, incident(w.child_a, "2025-10-06T10:00", family_informed=True))
    assert {p.field for p in err.value.problems} == {"family_informed_at", "family_informed_how"}
    with pytest.raises(ValidationError, match="before the incident happened"):
        incidents.add_incident(ctx, incident(w.child_a, "2025-10-06T10:00", family_informed=True,
                                             family_informed_at=dt.datetime(2025, 10, 6, 9, 0),
                                             family_informed_how=InformedHow.PHONE))
    with pytest.raises(ValidationError, match="under 200"):
        incidents.add_incident(ctx, incident(w.child_a, "2025-10-06T10:00", location="x" * 201))
    with pytest.raises(ValidationError, match="classroom no longer exists"):
        incidents.add_incident(ctx, incident(w.child_a, "2025-10-06T10:00", classroom_id=999_999))
    assert _count(ctx) == 0
    saved = incidents.add_incident(ctx, incident(w.child_a, "2025-10-06T10:00"))
    with pytest.raises(ValidationError):
        incidents.update_incident(ctx, incident(w.child_a, "2025-10-06T10:00", id=saved.id, behavior=""))
    assert incidents.get_incident(ctx, saved.id or 0).behavior == f"{CANARY} threw blocks."


def test_records_round_trip_with_defaults_and_names(ctx) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    saved = incidents.add_incident(ctx, incident(
        w.child_a, "2025-10-06T12:40:31", location=" Nap room ", family_informed=True,
        family_informed_at=dt.datetime(2025, 10, 6, 16, 30), family_informed_how=InformedHow.IN_PERSON,
        staff_informed="Lead teacher", author_staff_id=w.teacher))
    assert saved.classroom_id == w.sunflowers and saved.classroom_name == "Sunflowers"  # the child's own room
    assert saved.occurred_at == dt.datetime(2025, 10, 6, 12, 40)  # kept to the minute
    assert saved.location == "Nap room" and saved.child_name == f"{CANARY} {CANARY}"
    assert saved.author_name == "Tala Ng" and saved.family_informed_how is InformedHow.IN_PERSON
    # Not told: when and how are cleared rather than kept half-filled.
    saved.family_informed = False
    saved.classroom_id = w.robins
    updated = incidents.update_incident(ctx, saved)
    assert updated.family_informed_at is None and updated.family_informed_how is None
    assert updated.classroom_name == "Robins"
    other = incidents.add_incident(ctx, incident(w.child_b, "2025-10-20T09:00"))
    assert [x.id for x in incidents.list_incidents(ctx)] == [other.id, saved.id]  # newest first
    assert [x.id for x in incidents.list_incidents(ctx, child_id=w.child_a)] == [saved.id]
    assert [x.id for x in incidents.list_incidents(ctx, start=dt.date(2025, 10, 7))] == [other.id]
    assert [x.id for x in incidents.list_incidents(ctx, end=dt.date(2025, 10, 6))] == [saved.id]
    assert [x.id for x in incidents.list_incidents(ctx, classroom_id=w.robins)] == [other.id, saved.id]
    incidents.delete_incident(ctx, saved.id or 0)
    assert [x.id for x in incidents.list_incidents(ctx)] == [other.id]


def test_every_view_change_print_and_export_is_audited_without_names(ctx) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    start = len(audit.entries(ctx, limit=100_000))
    saved = incidents.add_incident(ctx, incident(w.child_a, "2025-10-06T10:00"))
    iid = saved.id
    incidents.update_incident(ctx, saved)
    incidents.get_incident(ctx, iid or 0)
    incidents.list_incidents(ctx, child_id=w.child_a)
    period = (dt.date(2025, 10, 1), dt.date(2025, 10, 31))
    incident_summary.summary(ctx, *period)
    incident_summary.summary_csv(ctx, *period)
    incident_summary.summary_pdf(ctx, *period)
    incidents.delete_incident(ctx, iid or 0)
    trail = [e for e in reversed(audit.entries(ctx, limit=100_000)) if e.kind == "incident"]
    got = [(e.action, e.record_id) for e in trail]
    assert got == [("write", iid), ("write", iid), ("read", iid), ("read", None), ("read", None),
                   ("export", None), ("print", None), ("erase", iid)]
    assert all(CANARY.lower() not in e.detail.lower() for e in audit.entries(ctx, limit=100_000))
    assert len(audit.entries(ctx, limit=100_000)) > start
    with ctx.db.read() as s:
        assert audit.chain_problems(s) == []


# --- the summary -------------------------------------------------------------------------------------------
def _summary_world(ctx: ServiceContext) -> World:
    """Incidents placed on the band edges; the expected counts below are worked out by hand."""
    w = build(ctx)
    for child, when in [
        (w.child_a, "2025-10-06T08:30"),   # Mon, Sunflowers, arrival
        (w.child_a, "2025-10-06T12:30"),   # Mon, Sunflowers, nap (a band includes its start)
        (w.child_a, "2025-10-07T12:29"),   # Tue, Sunflowers, lunch
        (w.child_a, "2025-10-08T16:00"),   # Wed, Sunflowers, pick-up
        (w.child_b, "2025-10-08T09:00"),   # Wed, Robins, morning (arrival ends before 09:00)
        (w.child_b, "2025-10-10T19:30"),   # Fri, Robins, other times (after pick-up ends)
        (w.child_none, "2025-10-11T10:00"),  # Sat, no classroom, morning
        (w.child_b, "2025-10-12T23:59"),   # Sun, Robins, other times: the last day counts whole
        (w.child_a, "2025-10-13T10:00"),   # the Monday after: outside the period
        (w.child_a, "2025-10-05T23:59"),   # the Sunday before: outside the period
    ]:
        incidents.add_incident(ctx, incident(child, when))
    return w


def test_summary_counts_match_hand_computed_values(ctx) -> None:  # type: ignore[no-untyped-def]
    _summary_world(ctx)
    s = incident_summary.summary(ctx, dt.date(2025, 10, 6), dt.date(2025, 10, 12))
    assert s.columns == ["Arrival", "Morning", "Lunch", "Nap / rest", "Afternoon", "Pick-up", "Other times"]
    assert [(row.classroom, row.counts, row.total) for row in s.rows] == [
        ("Robins", (0, 1, 0, 0, 0, 0, 2), 3),
        ("Sunflowers", (1, 0, 1, 1, 0, 1, 0), 4),
        ("No classroom recorded", (0, 1, 0, 0, 0, 0, 0), 1),
    ]
    assert s.total == 8 and s.column_totals == [1, 2, 1, 1, 0, 1, 2]
    assert s.weekdays == [("Monday", 2), ("Tuesday", 1), ("Wednesday", 2), ("Thursday", 0), ("Friday", 1),
                          ("Saturday", 1), ("Sunday", 1)]
    csv_text = incident_summary.summary_csv(ctx, dt.date(2025, 10, 6), dt.date(2025, 10, 12))
    assert csv_text.splitlines()[:5] == [
        "Classroom,Arrival,Morning,Lunch,Nap / rest,Afternoon,Pick-up,Other times,Total",
        "Robins,0,1,0,0,0,0,2,3", "Sunflowers,1,0,1,1,0,1,0,4", "No classroom recorded,0,1,0,0,0,0,0,1",
        "All classrooms,1,2,1,1,0,1,2,8"]
    assert "Wednesday,2" in csv_text and "Sunday,1" in csv_text
    # A quiet week: classrooms listed with zeros, weekend days left out, no "other times" column.
    quiet = incident_summary.summary(ctx, dt.date(2025, 11, 1), dt.date(2025, 11, 30))
    assert quiet.total == 0 and "Other times" not in quiet.columns
    assert [row.classroom for row in quiet.rows] == ["Robins", "Sunflowers"]
    assert [day for day, _n in quiet.weekdays] == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    with pytest.raises(ValidationError, match="before the start date"):
        incident_summary.summary(ctx, dt.date(2025, 10, 12), dt.date(2025, 10, 6))


def test_summary_follows_the_programs_parts_of_the_day(ctx) -> None:  # type: ignore[no-untyped-def]
    _summary_world(ctx)
    saved = incident_summary.save_time_bands(ctx, [
        TimeBand("late", dt.time(12), dt.time(20), "Afternoon and evening"),
        TimeBand("early", dt.time(7), dt.time(12), "Before noon")])
    assert [b.key for b in saved] == ["early", "late"]  # kept in order of the day
    s = incident_summary.summary(ctx, dt.date(2025, 10, 6), dt.date(2025, 10, 12))
    assert s.columns == ["Before noon", "Afternoon and evening", "Other times"]
    assert [(row.classroom, row.counts) for row in s.rows] == [
        ("Robins", (1, 1, 1)), ("Sunflowers", (1, 3, 0)), ("No classroom recorded", (1, 0, 0))]
    for bad, message in [
        ([], "at least one"),
        ([TimeBand("a", dt.time(9), dt.time(8), "A")], "ends before it starts"),
        ([TimeBand("a", dt.time(8), dt.time(10), "A"), TimeBand("b", dt.time(9), dt.time(11), "B")], "overlap"),
        ([TimeBand("custom1", dt.time(8), dt.time(10), "")], "needs a name"),
    ]:
        with pytest.raises(ValidationError, match=message):
            incident_summary.save_time_bands(ctx, bad)
    assert [b.key for b in incident_summary.time_bands(ctx)] == ["early", "late"]  # unchanged
    assert [b.key for b in incident_summary.reset_time_bands(ctx)][0] == "arrival"


def test_summary_never_names_a_child(ctx) -> None:  # type: ignore[no-untyped-def]
    w = _summary_world(ctx)
    assert CANARY in incidents.list_incidents(ctx, child_id=w.child_a)[0].child_name  # it is on file
    period = (dt.date(2025, 10, 1), dt.date(2025, 10, 31))
    s = incident_summary.summary(ctx, *period)
    csv_text = incident_summary.summary_csv(ctx, *period)
    pdf = incident_summary.summary_pdf(ctx, *period)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    metadata = " ".join(str(v) for v in (reader.metadata or {}).values())
    assert "Sunflowers" in text and "Pick-up" in text  # the PDF is really readable
    for where in (repr(s), csv_text, text, metadata, pdf.decode("latin-1")):
        assert CANARY.lower() not in where.lower()
        assert "Okafor" not in where and "Chidi" not in where


# --- erasing and merging families ----------------------------------------------------------------------
def test_erasing_a_family_removes_its_incidents(ctx) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    incidents.add_incident(ctx, incident(w.child_a, "2025-10-06T10:00"))
    kept = incidents.add_incident(ctx, incident(w.child_b, "2025-10-06T11:00"))
    families.erase_family(ctx, w.family_a)
    assert [x.id for x in incidents.list_incidents(ctx)] == [kept.id]


def test_merging_households_moves_incidents(ctx) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    again = families.add_family(ctx, _household(f"{CANARY} family", CANARY, w.sunflowers))  # the same child twice
    moved = incidents.add_incident(ctx, incident(again.children[0].id, "2025-10-06T10:00"))
    merge_families(ctx, w.family_a, again.family.id)
    assert incidents.get_incident(ctx, moved.id or 0).child_id == w.child_a


def test_check_reports_incidents_the_form_would_refuse(ctx) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    saved = incidents.add_incident(ctx, incident(w.child_a, "2025-10-06T10:00"))
    assert run_checks(ctx) == []
    with ctx.db.transaction() as s:  # as an old import or a hand edit could leave it
        s.execute(update(m.Incident).where(m.Incident.id == saved.id).values(
            family_informed=True, family_informed_at=dt.datetime(2025, 10, 6, 9, 0)))
    problems = run_checks(ctx)
    assert any("told before the incident happened" in p for p in problems)
    assert any("told but not when or how" in p for p in problems)


def test_a_familys_own_record_export_holds_its_incidents_for_directors_only(ctx) -> None:  # type: ignore[no-untyped-def]
    import json

    from famdesk.services import accounts, exports

    w = build(ctx)
    saved = incidents.add_incident(ctx, incident(w.child_a, "2025-10-06T10:00", location="Garden"))
    incidents.add_incident(ctx, incident(w.child_b, "2025-10-06T11:00"))  # another family's
    data = json.loads(exports.family_record_json(ctx, w.family_a))
    assert [(x["id"], x["location"], x["occurred_at"]) for x in data["incidents"]] == [
        (saved.id, "Garden", "2025-10-06T10:00:00")]
    last = audit.entries(ctx, limit=3)
    assert any((e.action, e.kind, e.detail) == ("export", "incident", f"family={w.family_a} n=1") for e in last)
    worker = staff.save_staff(ctx, r.StaffMember(first_name="Wen")).id
    accounts.assign_family(ctx, w.family_a, worker)
    for role in (Role.FAMILY_SERVICES, Role.TEACHER, Role.OFFICE):  # the whole export is a director's
        with pytest.raises(PermissionDenied):
            exports.family_record_json(ctx.as_actor(Actor(role, staff_id=worker)), w.family_a)
