"""The partnership dashboard: participation, contacts by tone, goals, home visits, families to reach.

Every figure is computed here from the database for a period (the program year by default), so the
window, the CSV export and the printed one-page summary show the same numbers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain import partnership as p
from famdesk.domain.roles import Action, Kind
from famdesk.domain.visits import VisitKind, VisitStatus
from famdesk.formatting import ui_number
from famdesk.i18n import _, ngettext
from famdesk.services import program as program_service
from famdesk.services.contacts import contacts_by_month, enrolled_families, health_for, positive_days
from famdesk.services.context import ServiceContext
from famdesk.services.door import internal, operation, pure
from famdesk.services.goals import goals_by_status, overdue_goal_follow_ups

VISITS_PER_FAMILY_SETTING = "partnership.home_visits_per_family"
DEFAULT_VISITS_PER_FAMILY = 2  # Head Start center-based minimum per year (45 CFR 1302.34(b)(7))

# Extension point for the home-visits area: fn(session, start, end) -> {family_id: visits made} or None.
# The first source that answers (not None) is used; without one, contacts logged as home visits count.
HOME_VISIT_SOURCES: list[Callable[[Session, dt.date, dt.date], dict[int, int] | None]] = []


@operation(Kind.PROGRAM, Action.READ)
def visits_per_family(ctx: ServiceContext) -> int:
    value = program_service.get_setting(ctx, VISITS_PER_FAMILY_SETTING, DEFAULT_VISITS_PER_FAMILY)
    return int(value) if isinstance(value, int) and value >= 0 else DEFAULT_VISITS_PER_FAMILY


def _day_range(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.combine(start, dt.time()), dt.datetime.combine(end + dt.timedelta(days=1), dt.time())


@internal("reads in the caller's session")
def visits_from_visit_table(s: Session, start: dt.date, end: dt.date) -> dict[int, int] | None:
    """Completed home visits per family from the visits calendar; None when none is recorded in the
    period (a program that logs home visits only as contacts then still gets its figure)."""
    lo, hi = _day_range(start, end)
    out: dict[int, int] = defaultdict(int)
    for (fid,) in s.execute(select(m.Visit.family_id).where(m.Visit.kind == VisitKind.HOME_VISIT,
                                                            m.Visit.status == VisitStatus.COMPLETED,
                                                            m.Visit.starts_at >= lo, m.Visit.starts_at < hi)):
        out[fid] += 1
    return dict(out) or None


@internal("reads in the caller's session")
def visits_from_contacts(s: Session, start: dt.date, end: dt.date) -> dict[int, int]:
    lo, hi = _day_range(start, end)
    out: dict[int, int] = defaultdict(int)
    for (fid,) in s.execute(select(m.Contact.family_id).where(m.Contact.channel == p.ContactMethod.HOME_VISIT,
                                                              m.Contact.occurred_at >= lo,
                                                              m.Contact.occurred_at < hi)):
        out[fid] += 1
    return dict(out)


@internal("reads in the caller's session")
def home_visit_progress(s: Session, start: dt.date, end: dt.date, families: dict[int, str],
                        per_family: int) -> p.HomeVisitProgress:
    source, made = "contacts", None
    for fn in [*HOME_VISIT_SOURCES, visits_from_visit_table]:
        made = fn(s, start, end)
        if made is not None:
            source = "visits"
            break
    if made is None:
        made = visits_from_contacts(s, start, end)
    made = {fid: n for fid, n in made.items() if fid in families}
    return p.HomeVisitProgress(source=source, made=sum(made.values()), goal=per_family * len(families),
                               families_meeting_goal=sum(1 for fid in families if made.get(fid, 0) >= per_family),
                               families=len(families))


def _participation(s: Session, start: dt.date, end: dt.date, enrolled: dict[int, str]
                   ) -> tuple[int, list[p.EventParticipation]]:
    lo, hi = _day_range(start, end)
    events = list(s.execute(select(m.Event.id, m.Event.title, m.Event.starts_at)
                            .where(m.Event.starts_at >= lo, m.Event.starts_at < hi)
                            .order_by(m.Event.starts_at, m.Event.id)))
    rows = s.execute(select(m.EventAttendance.event_id, m.EventAttendance.family_id, m.EventAttendance.adults,
                            m.EventAttendance.children)
                     .where(m.EventAttendance.event_id.in_([e.id for e in events])))
    per_event: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    attending: set[int] = set()
    for eid, fid, adults, children in rows:
        figures = per_event[eid]
        figures[0] += 1
        figures[1] += adults
        figures[2] += children
        if fid in enrolled:
            attending.add(fid)
    n = len(enrolled)
    out = [p.EventParticipation(eid, title, when, *per_event[eid], rate=per_event[eid][0] / n if n else 0.0)
           for eid, title, when in events]
    return len(attending), out


def _attention(s: Session, enrolled: dict[int, str], today: dt.date, days: int) -> list[p.AttentionItem]:
    health = health_for(s, enrolled, today)
    goals_late = overdue_goal_follow_ups(s, today)
    items = []
    for fid, h in health.items():
        reasons = []
        if h.days_since_positive is None:
            reasons.append(_("has not heard anything positive yet"))
        elif h.days_since_positive > days:
            reasons.append(_("no positive contact in {n} days").format(n=ui_number(h.days_since_positive)))
        if h.concern > h.positive:
            reasons.append(_("more concerns ({concern}) than positives ({positive})").format(
                concern=h.concern, positive=h.positive))
        if h.overdue_follow_ups:
            reasons.append(ngettext("{n} contact follow-up overdue", "{n} contact follow-ups overdue",
                                    h.overdue_follow_ups).format(n=ui_number(h.overdue_follow_ups)))
        if goals_late.get(fid):
            reasons.append(ngettext("{n} goal follow-up overdue", "{n} goal follow-ups overdue",
                                    goals_late[fid]).format(n=ui_number(goals_late[fid])))
        if reasons:
            items.append(p.AttentionItem(fid, h.family_name, reasons))
    return sorted(items, key=lambda a: (-len(a.reasons), a.family_name))


@operation(Kind.DASHBOARD, Action.READ)
def dashboard(ctx: ServiceContext, start: dt.date | None = None, end: dt.date | None = None,
              today: dt.date | None = None) -> p.Dashboard:
    """All dashboard figures for a period (default: the program year)."""
    today = today or dt.date.today()
    if start is None or end is None:
        prog = program_service.get_program(ctx)
        start = start or prog.year_start or program_service.default_program_year(today)[0]
        end = end or prog.year_end or program_service.default_program_year(today)[1]
    days = positive_days(ctx)
    per_family = visits_per_family(ctx)
    with ctx.db.read() as s:
        enrolled = enrolled_families(s)
        attending, events = _participation(s, start, end, enrolled)
        return p.Dashboard(
            start=start, end=end, today=today, enrolled_families=len(enrolled), families_attending=attending,
            participation_rate=attending / len(enrolled) if enrolled else 0.0, events=events,
            contacts_by_month=contacts_by_month(s, start, end), goals_by_status=goals_by_status(s),
            attention=_attention(s, enrolled, today, days), positive_days=days,
            home_visits=home_visit_progress(s, start, end, enrolled, per_family))


@pure("lays out figures already computed")
def dashboard_rows(d: p.Dashboard) -> list[tuple[str, str, str]]:
    """The dashboard as (figure, item, value) rows: what ``famdesk report dashboard --format csv`` prints.

    Figure names are stable English keys (a spreadsheet formula may point at them); values are plain
    numbers (rates as fractions with 4 decimals) so any spreadsheet reads them.
    """
    rows = [("period_start", "", d.start.isoformat()), ("period_end", "", d.end.isoformat()),
            ("today", "", d.today.isoformat()), ("enrolled_families", "", str(d.enrolled_families)),
            ("families_attending_an_event", "", str(d.families_attending)),
            ("participation_rate", "", f"{d.participation_rate:.4f}")]
    for e in d.events:
        item = f"{e.starts_at:%Y-%m-%d %H:%M} {e.title}"
        rows += [("event_families", item, str(e.families)), ("event_adults", item, str(e.adults)),
                 ("event_children", item, str(e.children)), ("event_rate", item, f"{e.rate:.4f}")]
    for month, tones in d.contacts_by_month.items():
        rows += [(f"contacts_{tone.value}", month, str(n)) for tone, n in tones.items()]
    rows += [("goals", status.value, str(n)) for status, n in d.goals_by_status.items()]
    if d.home_visits:
        hv = d.home_visits
        rows += [("home_visits_made", hv.source, str(hv.made)), ("home_visits_goal", "", str(hv.goal)),
                 ("families_meeting_visit_goal", "", str(hv.families_meeting_goal))]
    rows.append(("positive_contact_days", "", str(d.positive_days)))
    rows += [("needs_attention", a.family_name, "; ".join(a.reasons)) for a in d.attention]
    return rows


@operation(Kind.DASHBOARD, Action.EXPORT)
def export_rows(ctx: ServiceContext, start: dt.date | None = None, end: dt.date | None = None,
                today: dt.date | None = None) -> list[tuple[str, str, str]]:
    """The dashboard's figures as CSV rows (``dashboard_rows``), with its header: an export (audited)."""
    return [("figure", "item", "value"), *dashboard_rows(dashboard(ctx, start, end, today))]
