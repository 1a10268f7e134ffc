"""Head Start visit compliance per family and per staff member, and the at-risk list.

The rules (all numbers come from the program's settings, see visit_requirements):

* Counted families: not archived, status enrolled (or exited, counted until their exit day).
* Program year: ``Program.year_start`` .. ``Program.year_end`` (both included), ``days_in_year`` days.
* A family counts from ``counted_from = max(year_start, enrolled_on)`` to
  ``counted_to = min(as_of, year_end, exited_on)``; ``days_enrolled = counted_to - counted_from + 1``
  (0 if negative). Calendar days: closures do not pause the clock, because the standards count
  visits per program year, and a program plans its weeks around its own closures.
* ``required_to_date = floor(annual * days_enrolled / days_in_year)`` and
  ``required_year = floor(annual * days_enrollable / days_in_year)`` where ``days_enrollable`` runs
  from ``counted_from`` to the year end (or the exit day): a family enrolling mid-year owes the
  pro-rated share, never the full year.
* Visits counted: those starting in the program year on or before ``as_of``. ``held`` = completed
  and at least the minimum length (``minutes_held``, else the scheduled length); ``short`` =
  completed but under it (not counted as held); ``family_missed`` = family-cancelled or no-show;
  ``program_cancelled`` = cancelled by the program; ``make_ups_owed`` = program-cancelled visits
  with no completed, full-length make-up; ``unrecorded`` = past visits still marked scheduled;
  ``scheduled_ahead`` = scheduled visits after ``as_of`` in the year.
* ``behind = max(0, required_to_date - held)``. A family is at risk when it is behind on any kind
  or is owed a make-up. Its primary staff member is the one on most of its visits this year.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain.enums import FamilyStatus, ProgramOption
from famdesk.domain.roles import Action, Kind
from famdesk.domain.visits import (
    BUSY,
    FamilyCompliance,
    KindTally,
    StaffCompliance,
    VisitKind,
    VisitRequirements,
    VisitStatus,
)
from famdesk.i18n import _
from famdesk.services.context import ServiceContext
from famdesk.services.door import operation, pure
from famdesk.services.visit_common import gc_paused, option_and_band, program_now, program_year
from famdesk.services.visit_requirements import load_requirements


@dataclass
class FamilyFacts:
    id: int
    name: str
    enrolled_on: dt.date | None
    exited_on: dt.date | None
    children: list[tuple[ProgramOption, dt.date | None]] = field(default_factory=list)
    staff_counts: Counter[int] = field(default_factory=Counter)  # busy visits per staff member this year


def _when(value: str | dt.datetime) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


@dataclass(slots=True)
class VisitFacts:
    id: int
    family_id: int
    kind: str  # a VisitKind value (StrEnums compare equal to their values)
    status: str  # a VisitStatus value
    # As the database returns them: a datetime (PostgreSQL) or an ISO string (SQLite). ISO strings
    # compare in time order, so 50,000 of them need no parsing unless a length is asked for.
    starts_at: dt.datetime | str
    ends_at: dt.datetime | str
    minutes_held: int | None
    make_up_of_id: int | None

    def minutes(self) -> int:
        if self.minutes_held is not None:
            return self.minutes_held
        return int((_when(self.ends_at) - _when(self.starts_at)).total_seconds() // 60)


def _prorate(annual: int, days: int, days_in_year: int) -> int:
    return max(0, annual * max(0, days) // days_in_year)


@pure("the calculation on plain facts")
def compute(
    families: list[FamilyFacts],
    visits: list[VisitFacts],
    req: VisitRequirements,
    year: tuple[dt.date, dt.date],
    as_of: dt.date,
    staff_names: dict[int, str],
) -> list[FamilyCompliance]:
    """The whole calculation on plain facts (no database): see the module docstring for the rules."""
    year_start, year_end = year
    days_in_year = (year_end - year_start).days + 1
    by_family: dict[tuple[int, str], list[VisitFacts]] = defaultdict(list)
    for v in visits:
        by_family[(v.family_id, v.kind)].append(v)
    no_visits: list[VisitFacts] = []
    out = []
    for fam in families:
        counted_from = max(year_start, fam.enrolled_on or year_start)
        last_day = min(year_end, fam.exited_on or year_end)
        counted_to = min(as_of, last_day)
        days_enrolled = max(0, (counted_to - counted_from).days + 1)
        days_enrollable = max(0, (last_day - counted_from).days + 1)
        option, band = option_and_band(fam.children, counted_from, req.ehs_under_months)
        rule = req.for_family(option, band)
        tallies = {}
        for kind, annual, minimum in (
            (VisitKind.HOME_VISIT, rule.home_visits, rule.min_home_visit_minutes),
            (VisitKind.PARENT_CONFERENCE, rule.parent_conferences, 0),
            (VisitKind.GROUP_SOCIALIZATION, rule.group_socializations, 0),
        ):
            tally = _tally(by_family.get((fam.id, kind), no_visits), minimum, as_of)
            tally.required_year = _prorate(annual, days_enrollable, days_in_year)
            tally.required_to_date = _prorate(annual, days_enrolled, days_in_year)
            tallies[kind] = tally
        staff_counts = fam.staff_counts
        primary = min(staff_counts, key=lambda sid: (-staff_counts[sid], sid)) if staff_counts else None
        out.append(
            FamilyCompliance(
                family_id=fam.id,
                family_name=fam.name,
                option=option,
                band=band,
                counted_from=counted_from,
                days_enrolled=days_enrolled,
                staff_id=primary,
                staff_name=staff_names.get(primary, "") if primary is not None else "",
                home_visits=tallies[VisitKind.HOME_VISIT],
                conferences=tallies[VisitKind.PARENT_CONFERENCE],
                socializations=tallies[VisitKind.GROUP_SOCIALIZATION],
            )
        )
    return out


def _tally(visits: list[VisitFacts], minimum: int, as_of: dt.date) -> KindTally:
    t = KindTally()
    if not visits:
        return t
    last = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
    last_s = last.isoformat(sep=" ")

    def counted(v: VisitFacts) -> bool:  # started on or before as_of
        return v.starts_at < (last_s if isinstance(v.starts_at, str) else last)  # type: ignore[operator]

    def long_enough(v: VisitFacts) -> bool:
        return minimum <= 0 or v.minutes() >= minimum

    full_make_ups = {
        v.make_up_of_id
        for v in visits
        if v.make_up_of_id is not None and v.status == VisitStatus.COMPLETED and long_enough(v) and counted(v)
    }
    for v in visits:
        if not counted(v):
            t.scheduled_ahead += v.status == VisitStatus.SCHEDULED
            continue
        if v.status == VisitStatus.COMPLETED:
            if long_enough(v):
                t.held += 1
            else:
                t.short += 1
        elif v.status in (VisitStatus.FAMILY_CANCELLED, VisitStatus.NO_SHOW):
            t.family_missed += 1
        elif v.status == VisitStatus.PROGRAM_CANCELLED:
            t.program_cancelled += 1
            t.make_ups_owed += v.id not in full_make_ups
        else:
            t.unrecorded += 1
    return t


def _load(
    s: Session, as_of: dt.date | None
) -> tuple[
    list[FamilyFacts], list[VisitFacts], VisitRequirements, tuple[dt.date, dt.date], dt.date, dict[int, str]
]:
    as_of = as_of or program_now(s).date()
    year = program_year(s, as_of)
    families = {
        i: FamilyFacts(i, n, e, x)
        for i, n, e, x in s.execute(
            select(m.Family.id, m.Family.name, m.Family.enrolled_on, m.Family.exited_on)
            .where(
                m.Family.archived_at.is_(None),
                m.Family.status.in_([FamilyStatus.ENROLLED, FamilyStatus.EXITED]),
            )
            .order_by(m.Family.name, m.Family.id)
        )
    }
    for fid, option, born in s.execute(select(m.Child.family_id, m.Child.program_option, m.Child.birth_date)):
        if fid in families:
            families[fid].children.append((option, born))
    lo = dt.datetime.combine(year[0], dt.time())
    hi = dt.datetime.combine(year[1] + dt.timedelta(days=1), dt.time())
    # Core rows, plain strings: at year end this reads ~50,000 visits, and the ORM's per-row enum and
    # SQLite datetime processing would cost more than the whole calculation (StrEnums equal their values).
    conn = s.connection()
    in_year = (m.Visit.starts_at >= lo, m.Visit.starts_at < hi)
    visits = [
        VisitFacts(i, f, k, st, a, b, mh, mu)
        for i, f, k, st, a, b, mh, mu in conn.execute(
            select(
                m.Visit.id,
                m.Visit.family_id,
                type_coerce(m.Visit.kind, String),
                type_coerce(m.Visit.status, String),
                type_coerce(m.Visit.starts_at, String),
                type_coerce(m.Visit.ends_at, String),
                m.Visit.minutes_held,
                m.Visit.make_up_of_id,
            ).where(*in_year)
        ).all()
    ]
    # Primary staff: counted in SQL (one row per family and staff member instead of one per visit).
    visit_counts: dict[int, Counter[int]] = defaultdict(Counter)
    for fid, sid, n in conn.execute(
        select(m.Visit.family_id, m.visit_staff.c.staff_id, func.count())
        .join(m.visit_staff, m.visit_staff.c.visit_id == m.Visit.id)
        .where(*in_year, m.Visit.status.in_(list(BUSY)))
        .group_by(m.Visit.family_id, m.visit_staff.c.staff_id)
    ):
        visit_counts[fid][sid] = n
    for fam in families.values():
        fam.staff_counts = visit_counts.get(fam.id, Counter())
    names = {
        i: f"{a} {b}".strip()
        for i, a, b in s.execute(select(m.StaffMember.id, m.StaffMember.first_name, m.StaffMember.last_name))
    }
    return list(families.values()), visits, load_requirements(s), year, as_of, names


def _computed(ctx: ServiceContext, as_of: dt.date | None) -> list[FamilyCompliance]:
    # Tens of thousands of small objects live only for this call: running the cyclic collector
    # while they are built cost more than half the time at year end.
    with gc_paused(), ctx.db.read() as s:
        return compute(*_load(s, as_of))


@operation(Kind.COMPLIANCE, Action.READ)
def family_compliance(
    ctx: ServiceContext, as_of: dt.date | None = None, staff_id: int | None = None
) -> list[FamilyCompliance]:
    """Every counted family, by name; ``staff_id`` keeps the families that staff member mostly visits."""
    rows = _computed(ctx, as_of)
    return [r for r in rows if staff_id is None or r.staff_id == staff_id]


@operation(Kind.COMPLIANCE, Action.READ)
def at_risk(ctx: ServiceContext, as_of: dt.date | None = None) -> list[FamilyCompliance]:
    """Families behind on visits or owed make-ups, the furthest behind first."""
    return sorted(
        (r for r in family_compliance(ctx, as_of) if r.at_risk), key=lambda r: (-r.shortfall, r.family_name)
    )


@operation(Kind.COMPLIANCE, Action.READ)
def staff_compliance(ctx: ServiceContext, as_of: dt.date | None = None,
                     families: list[FamilyCompliance] | None = None) -> list[StaffCompliance]:
    """Per primary staff member: the sums of their families' tallies over all three kinds of contact.
    ``families``: ``family_compliance``'s result when the caller has it (not computed twice)."""
    by_staff: dict[int | None, StaffCompliance] = {}
    for fam in family_compliance(ctx, as_of) if families is None else families:
        row = by_staff.setdefault(
            fam.staff_id,
            StaffCompliance(fam.staff_id, fam.staff_name if fam.staff_id is not None else _("Not assigned")),
        )
        row.families += 1
        row.home_based_families += fam.option is ProgramOption.HOME_BASED
        for t in (fam.home_visits, fam.conferences, fam.socializations):
            row.required_to_date += t.required_to_date
            row.held += t.held
            row.short += t.short
            row.family_missed += t.family_missed
            row.program_cancelled += t.program_cancelled
            row.make_ups_owed += t.make_ups_owed
        row.at_risk_families += fam.at_risk
    return sorted(by_staff.values(), key=lambda r: (r.staff_id is None, r.staff_name))
