"""iCalendar export of visits, for a phone or Outlook: times carry the program's zone (TZID + VTIMEZONE).

Visits are stored as local wall-clock times (domain/visits.py); here they get the program's zone, so a
calendar in another zone shows the right moment. Outcome notes never leave famdesk this way.

Each event's UID holds the visit id and the program's own calendar id (a random UUID stored once in a
setting, created on the first export), so two programs' calendars imported into one never replace each
other's events. SEQUENCE (the visit's version, from 0) and LAST-MODIFIED/DTSTAMP (its last change) let
Outlook, Google Calendar and Thunderbird replace an older copy of the same visit. Only visits cancelled by
the family or the program are STATUS:CANCELLED; a no-show still took the staff member's time.
"""

from __future__ import annotations

import datetime as dt
import uuid

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from famdesk.db import models as m
from famdesk.db.models.base import utcnow
from famdesk.domain.errors import NotFoundError
from famdesk.domain.roles import Action, Kind
from famdesk.domain.visits import VisitRow, VisitStatus, label
from famdesk.i18n import _
from famdesk.services.context import ServiceContext
from famdesk.services.door import LISTED, operation
from famdesk.services.ics_timezone import vtimezone
from famdesk.services.program import load_program
from famdesk.services.visit_common import program_zone
from famdesk.services.visits import own_families, visit_rows

_FAR_PAST = dt.datetime(1900, 1, 1)
_FAR_FUTURE = dt.datetime(2200, 1, 1)
PROGRAM_UID_SETTING = "calendar.program_uid"
# A no-show is not a cancellation: the visit was kept on the calendar and the staff member went.
_CANCELLED_EVENT = frozenset({VisitStatus.FAMILY_CANCELLED, VisitStatus.PROGRAM_CANCELLED})


def _program_uid(ctx: ServiceContext) -> str:
    """The program's calendar id: created once (on the first export), then the same forever."""
    with ctx.db.read() as s:
        row = s.get(m.Setting, PROGRAM_UID_SETTING)
        if row is not None and isinstance(row.value, str) and row.value:
            return row.value
    value = str(uuid.uuid4())
    try:
        with ctx.db.transaction() as s:
            row = s.get(m.Setting, PROGRAM_UID_SETTING)
            if row is not None and isinstance(row.value, str) and row.value:
                return row.value
            if row is None:
                s.add(m.Setting(key=PROGRAM_UID_SETTING, value=value, updated_at=utcnow()))
            else:
                row.value, row.updated_at = value, utcnow()
    except IntegrityError:  # another export created it at the same moment: use that one
        with ctx.db.read() as s:
            return str(s.get(m.Setting, PROGRAM_UID_SETTING).value)  # type: ignore[union-attr]
    return value


@operation(Kind.VISIT, Action.EXPORT, family=LISTED)
def export_ics(
    ctx: ServiceContext,
    staff_id: int | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> bytes:
    """One VCALENDAR with a VEVENT per visit (all staff, or one staff member's)."""
    program_uid = _program_uid(ctx)
    with ctx.db.read() as s:
        if staff_id is not None and s.get(m.StaffMember, staff_id) is None:
            raise NotFoundError(_("Staff member #{id} is not in the program.").format(id=staff_id))
        zone = program_zone(s)
        program_name = load_program(s).name
        first, last = start or _FAR_PAST, end or _FAR_FUTURE
        rows = visit_rows(s, first, last, staff_id, family_ids=own_families(ctx))
        # version and change times of the same visits, by the same range (one query, no long IN list)
        revisions = {
            i: (version, created, updated)
            for i, version, created, updated in s.execute(
                select(m.Visit.id, m.Visit.version, m.Visit.created_at, m.Visit.updated_at).where(
                    m.Visit.starts_at >= first, m.Visit.starts_at < last))
        }
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//famdesk//home visits//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("{program}: home visits").format(program=program_name))
    cal.add("x-wr-timezone", zone.key)
    years = [r.starts_at.year for r in rows] or [stamp.year]
    cal.add_component(vtimezone(zone, min(years), max(years)))
    for row in rows:
        cal.add_component(_event(row, zone, stamp, program_uid, revisions.get(row.id)))
    return cal.to_ical()


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    """A stored time (naive UTC) as an aware UTC time, to the second."""
    return None if value is None else value.replace(tzinfo=dt.UTC, microsecond=0)


def _event(row: VisitRow, zone, stamp: dt.datetime, program_uid: str,  # type: ignore[no-untyped-def]
           revision: tuple[int, dt.datetime | None, dt.datetime | None] | None) -> Event:
    version, created, updated = revision or (1, None, None)
    changed = _utc(updated) or stamp
    ev = Event()
    ev.add("uid", f"visit-{row.id}-{program_uid}@famdesk")
    # RFC 5545 3.8.7.2: without METHOD, DTSTAMP is when the event was last revised in famdesk
    ev.add("dtstamp", changed)
    ev.add("last-modified", changed)
    if created is not None:
        ev.add("created", _utc(created))
    ev.add("sequence", max((version or 1) - 1, 0))
    ev.add("dtstart", row.starts_at.replace(tzinfo=zone))
    ev.add("dtend", row.ends_at.replace(tzinfo=zone))
    ev.add("summary", _("{kind}: {family}").format(kind=label(row.kind), family=row.family_name))
    if row.address:
        ev.add("location", row.address)
    lines = [_("With: {staff}").format(staff=row.staff_names)]
    if row.purpose:
        lines.append(_("Purpose: {purpose}").format(purpose=row.purpose))
    if row.interpreter_needed:
        lines.append(_("Interpreter needed"))
    if row.status is not VisitStatus.SCHEDULED:
        lines.append(_("Status: {status}").format(status=label(row.status)))
    ev.add("description", "\n".join(lines))
    ev.add("status", "CANCELLED" if row.status in _CANCELLED_EVENT else "CONFIRMED")
    ev.add("categories", [label(row.kind)])
    return ev
