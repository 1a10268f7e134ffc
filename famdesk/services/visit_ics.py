"""iCalendar export of visits, for a phone or Outlook: times carry the program's zone (TZID + VTIMEZONE).

Visits are stored as local wall-clock times (domain/visits.py); here they get the program's zone, so a
calendar in another zone shows the right moment. Outcome notes never leave famdesk this way.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from famdesk.domain.errors import NotFoundError
from famdesk.domain.roles import Action, Kind
from famdesk.domain.visits import CANCELLED, VisitRow, VisitStatus, label
from famdesk.i18n import _
from famdesk.services.context import ServiceContext
from famdesk.services.door import LISTED, operation
from famdesk.services.ics_timezone import vtimezone
from famdesk.services.program import load_program
from famdesk.services.visit_common import program_zone
from famdesk.services.visits import own_families, visit_rows

_FAR_PAST = dt.datetime(1900, 1, 1)
_FAR_FUTURE = dt.datetime(2200, 1, 1)


@operation(Kind.VISIT, Action.EXPORT, family=LISTED)
def export_ics(
    ctx: ServiceContext,
    staff_id: int | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> bytes:
    """One VCALENDAR with a VEVENT per visit (all staff, or one staff member's)."""
    from famdesk.db import models as m

    with ctx.db.read() as s:
        if staff_id is not None and s.get(m.StaffMember, staff_id) is None:
            raise NotFoundError(_("Staff member #{id} is not in the program.").format(id=staff_id))
        zone = program_zone(s)
        program_name = load_program(s).name
        rows = visit_rows(s, start or _FAR_PAST, end or _FAR_FUTURE, staff_id, family_ids=own_families(ctx))
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
        cal.add_component(_event(row, zone, stamp))
    return cal.to_ical()


def _event(row: VisitRow, zone, stamp: dt.datetime) -> Event:  # type: ignore[no-untyped-def]
    ev = Event()
    ev.add("uid", f"visit-{row.id}@famdesk")
    ev.add("dtstamp", stamp)
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
    ev.add("status", "CANCELLED" if row.status in CANCELLED else "CONFIRMED")
    ev.add("categories", [label(row.kind)])
    return ev
