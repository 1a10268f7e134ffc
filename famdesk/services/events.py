"""Family events: schedule them when working families can come, and record who came."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain import partnership as p
from famdesk.domain.enums import FamilyStatus
from famdesk.domain.errors import NotFoundError, ValidationError
from famdesk.domain.roles import Action, Kind
from famdesk.formatting import ui_number
from famdesk.i18n import _
from famdesk.services import access, door, versions
from famdesk.services.contacts import enrolled_families
from famdesk.services.context import ServiceContext
from famdesk.services.door import internal, operation, pure
from famdesk.services.validation import Problems, check_language, check_required

_FIELDS = ("title", "starts_at", "ends_at", "place", "description", "childcare", "interpretation",
           "interpretation_languages", "food")
MAX_PEOPLE = 50  # per family and event: a typo guard, not a rule


def _validate(e: p.Event) -> None:
    problems = Problems()
    e.title = check_required(problems, "title", e.title, _("The event's title"))
    if e.starts_at is None:
        problems.add("starts_at", _("Enter when the event starts."))
    if e.ends_at is None:
        problems.add("ends_at", _("Enter when the event ends."))
    if e.starts_at and e.ends_at and e.ends_at <= e.starts_at:
        problems.add("ends_at", _("The event must end after it starts."))
    elif e.starts_at and e.ends_at and e.ends_at.date() != e.starts_at.date():
        problems.add("ends_at", _("An event starts and ends on the same day; add one event per day."))
    langs: list[str] = []
    for code in e.interpretation_languages:
        clean = check_language(problems, "interpretation_languages", code)
        if clean and clean not in langs:
            langs.append(clean)
    e.interpretation_languages = langs if e.interpretation else []
    e.place, e.food, e.description = e.place.strip(), e.food.strip(), e.description.strip()
    problems.raise_if_any()


def _record(row: m.Event) -> p.Event:
    return p.Event(**{f: getattr(row, f) for f in _FIELDS}, id=row.id, **versions.fields(row))


def _load(s: Session, event_id: int | None) -> m.Event:
    row = s.get(m.Event, event_id) if event_id is not None else None
    if row is None:
        raise NotFoundError(_("That event is no longer on the calendar."))
    return row


@operation(Kind.EVENT, Action.WRITE)
def add_event(ctx: ServiceContext, event: p.Event) -> p.Event:
    _validate(event)
    with ctx.db.transaction() as s:
        row = m.Event(**{f: getattr(event, f) for f in _FIELDS})
        versions.stamp_new(row, ctx.actor)
        s.add(row)
        s.flush()
        door.set_record(row.id)
        return _record(row)


@operation(Kind.EVENT, Action.WRITE, record="event.id")
def update_event(ctx: ServiceContext, event: p.Event) -> p.Event:
    _validate(event)
    with ctx.db.transaction() as s:
        row = _load(s, event.id)
        versions.check_and_bump(s, row, event.version, ctx.actor)  # refuses a stale form
        for f in _FIELDS:
            setattr(row, f, getattr(event, f))
        s.flush()
        return _record(row)


@operation(Kind.EVENT, Action.READ)
def get_event(ctx: ServiceContext, event_id: int) -> p.Event:
    with ctx.db.read() as s:
        return _record(_load(s, event_id))


@operation(Kind.EVENT, Action.WRITE, record="event_id")
def delete_event(ctx: ServiceContext, event_id: int) -> None:
    with ctx.db.transaction() as s:
        s.delete(_load(s, event_id))


@operation(Kind.EVENT, Action.READ)
def list_events(ctx: ServiceContext, start: dt.date | None = None, end: dt.date | None = None) -> list[p.Event]:
    q = select(m.Event).order_by(m.Event.starts_at, m.Event.id)
    if start:
        q = q.where(m.Event.starts_at >= dt.datetime.combine(start, dt.time()))
    if end:
        q = q.where(m.Event.starts_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
    with ctx.db.read() as s:
        return [_record(row) for row in s.scalars(q)]


@dataclass(frozen=True)
class _AttendingFamilies(door.Scope):
    """The families of an attendance list: a role limited to its own families records only theirs."""

    name: str

    def family_ids(self, session: Session, args: dict[str, Any]) -> list[int | None]:
        return [a.family_id for a in args.get(self.name) or []]


@operation(Kind.ATTENDANCE, Action.WRITE, family=_AttendingFamilies("attendance"), record="event_id")
def record_attendance(ctx: ServiceContext, event_id: int, attendance: list[p.Attendance]) -> list[p.Attendance]:
    """Replace the event's attendance with this list (one line per family that came). For a role limited
    to its own families, the list replaces their lines only; the other families' lines stay as they are."""
    problems = Problems()
    seen: set[int] = set()
    for a in attendance:
        if a.family_id in seen:
            problems.add("attendance", _("A family is listed twice; keep one line per family."))
        seen.add(a.family_id)
        if not (0 <= a.adults <= MAX_PEOPLE and 0 <= a.children <= MAX_PEOPLE):
            problems.add("attendance", _("Numbers of adults and children must be from 0 to {n}.").format(
                n=ui_number(MAX_PEOPLE)))
        elif a.adults + a.children == 0:
            problems.add("attendance", _("A family that came brought at least one person."))
    problems.raise_if_any()
    with ctx.db.transaction() as s:
        _load(s, event_id)
        if seen:
            found = set(s.scalars(select(m.Family.id).where(m.Family.id.in_(seen))))
            if seen - found:
                raise ValidationError(_("A family on the list is no longer in the directory."), "attendance")
        replaced = delete(m.EventAttendance).where(m.EventAttendance.event_id == event_id)
        if (own := _own(ctx)) is not None:
            replaced = replaced.where(m.EventAttendance.family_id.in_(own))
        s.execute(replaced)
        for a in attendance:
            s.add(m.EventAttendance(event_id=event_id, family_id=a.family_id, adults=a.adults, children=a.children))
    return attendance_for(ctx, event_id)


@operation(Kind.ATTENDANCE, Action.READ, family=door.LISTED)
def attendance_for(ctx: ServiceContext, event_id: int) -> list[p.Attendance]:
    with ctx.db.read() as s:
        _load(s, event_id)
        q = (select(m.EventAttendance.family_id, m.EventAttendance.adults, m.EventAttendance.children,
                    m.Family.name).join(m.Family, m.Family.id == m.EventAttendance.family_id)
             .where(m.EventAttendance.event_id == event_id).order_by(m.Family.name))
        if (own := _own(ctx)) is not None:
            q = q.where(m.EventAttendance.family_id.in_(own))
        rows = s.execute(q)
        return [p.Attendance(fid, a, c, name) for fid, a, c, name in rows]


def _own(ctx: ServiceContext) -> Any:
    return access.own_family_ids(ctx.actor) if access.is_scoped(ctx.actor, Kind.ATTENDANCE) else None


def _parse(hhmm: str) -> dt.time | None:
    try:
        return dt.time.fromisoformat(hhmm)
    except (TypeError, ValueError):
        return None


@pure("compares times")
def family_can_come(windows: list[dict[str, Any]], starts_at: dt.datetime, ends_at: dt.datetime) -> bool:
    """True when one of the family's weekly windows covers the whole event."""
    for w in windows or []:
        start, end = _parse(w.get("start", "")), _parse(w.get("end", ""))
        if w.get("weekday") == starts_at.weekday() and start and end \
                and start <= starts_at.time() and ends_at.time() <= end:
            return True
    return False


@internal("reads in the caller's session")
def timings_for(s: Session, events: list[p.Event]) -> list[p.EventTiming]:
    """How many enrolled families can come to each event, in one pass over the families' weekly
    windows: read row by row, not all kept (50,000 families' windows took ~80 MB at once)."""
    total = len(enrolled_families(s))
    with_times = 0
    available = [0] * len(events)
    # The same condition as enrolled_families, not an IN list of every id: a program of 50,000 families
    # would bind more variables than SQLite allows (32,766 by default).
    rows = s.execute(select(m.Family.available_times)
                     .where(m.Family.status == FamilyStatus.ENROLLED, m.Family.archived_at.is_(None))
                     .execution_options(yield_per=2000))
    for (window,) in rows:
        if not window:
            continue
        with_times += 1
        for i, e in enumerate(events):
            if e.starts_at and e.ends_at and family_can_come(window, e.starts_at, e.ends_at):
                available[i] += 1
    return [p.EventTiming(e.id, with_times, n, total - with_times)
            for e, n in zip(events, available, strict=True)]


@internal("reads in the caller's session")
def timing_for(s: Session, event: p.Event) -> p.EventTiming:
    return timings_for(s, [event])[0]


@operation(Kind.EVENT, Action.READ)
def check_event_timing(ctx: ServiceContext, event: p.Event) -> p.EventTiming:
    """How many enrolled families can come at the event's time (works before the event is saved).

    Families who gave no available times are counted apart: they neither help nor hurt the check.
    """
    if event.starts_at is None or event.ends_at is None:
        raise ValidationError(_("Enter when the event starts and ends."), "starts_at")
    with ctx.db.read() as s:
        return timing_for(s, event)


@operation(Kind.EVENT, Action.READ)
def flagged_events(ctx: ServiceContext, start: dt.date | None = None,
                   end: dt.date | None = None) -> list[tuple[p.Event, p.EventTiming]]:
    """Events scheduled when most enrolled families (of those who gave their times) cannot come."""
    events = list_events(ctx, start, end)
    with ctx.db.read() as s:
        timings = timings_for(s, events)
    return [(e, timing) for e, timing in zip(events, timings, strict=True) if timing.flagged]
