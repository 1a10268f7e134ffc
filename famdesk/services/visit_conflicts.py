"""Conflicts found before a visit is saved: warnings the caller shows and may accept.

A conflict never blocks by itself (a director may knowingly book over a lunch hour); bad input does
(see visits.validate_visit). Only visits that take time (scheduled or completed) conflict.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain.visits import (
    BUSY,
    Closure,
    ConflictKind,
    Visit,
    VisitConflict,
    VisitKind,
    VisitRequirements,
)
from famdesk.formatting import ui_date
from famdesk.i18n import _
from famdesk.services.closures import closures_between
from famdesk.services.door import internal, pure
from famdesk.services.family_records import times_from_json
from famdesk.services.visit_common import home_based_family_ids, program_year, staff_name, when_text


@internal("reads in the caller's session")
def find_conflicts(
    s: Session, v: Visit, family: m.Family, req: VisitRequirements, closures: list[Closure] | None = None
) -> list[VisitConflict]:
    """Every conflict of ``v`` (already validated) with the database as it is now."""
    if v.status not in BUSY:
        return []
    assert v.starts_at is not None and v.ends_at is not None
    out: list[VisitConflict] = []
    out += _staff_double_booked(s, v)
    out += _family_double_booked(s, v)
    out += _outside_available(v, family)
    out += _closed(s, v, closures)
    out += _caseload(s, v, req)
    return out


def _overlapping(v: Visit):  # type: ignore[no-untyped-def]
    q = select(m.Visit).where(
        m.Visit.starts_at < v.ends_at, m.Visit.ends_at > v.starts_at, m.Visit.status.in_(list(BUSY))
    )
    if v.id is not None:
        q = q.where(m.Visit.id != v.id)
    return q


def _same_group_event(v: Visit, other: m.Visit) -> bool:
    """Rows of one group socialization (one per family) share a time; they are one event, not a clash."""
    return (
        v.kind is VisitKind.GROUP_SOCIALIZATION
        and other.kind is VisitKind.GROUP_SOCIALIZATION
        and other.starts_at == v.starts_at
        and other.ends_at == v.ends_at
    )


def _staff_double_booked(s: Session, v: Visit) -> list[VisitConflict]:
    if not v.staff_ids:
        return []
    q = (
        _overlapping(v)
        .join(m.visit_staff, m.visit_staff.c.visit_id == m.Visit.id)
        .where(m.visit_staff.c.staff_id.in_(v.staff_ids))
        .add_columns(m.visit_staff.c.staff_id)
        .order_by(m.Visit.starts_at)
    )
    out = []
    for other, staff_id in s.execute(q):
        if _same_group_event(v, other):
            continue
        member = s.get(m.StaffMember, staff_id)
        out.append(
            VisitConflict(
                ConflictKind.STAFF_DOUBLE_BOOKED,
                _("{staff} already has a visit with the {family} at {when}.").format(
                    staff=staff_name(member) if member else "?",
                    family=other.family.name,
                    when=when_text(other.starts_at, other.ends_at),
                ),
                other.id,
                other.starts_at.date(),
            )
        )
    return out


def _family_double_booked(s: Session, v: Visit) -> list[VisitConflict]:
    q = _overlapping(v).where(m.Visit.family_id == v.family_id).order_by(m.Visit.starts_at)
    return [
        VisitConflict(
            ConflictKind.FAMILY_DOUBLE_BOOKED,
            _("This family already has a visit at {when}.").format(when=when_text(o.starts_at, o.ends_at)),
            o.id,
            o.starts_at.date(),
        )
        for o in s.scalars(q)
        if not _same_group_event(v, o)
    ]


@pure("compares times")
def fits_available(start: dt.datetime, end: dt.datetime, windows: list) -> bool:  # type: ignore[type-arg]
    """True when [start, end] lies inside one weekly window of that weekday (same day)."""
    if end.date() != start.date() and end != dt.datetime.combine(
        start.date() + dt.timedelta(days=1), dt.time()
    ):
        return False
    end_t = end.time() if end.date() == start.date() else dt.time(23, 59, 59)
    return any(w.weekday == start.weekday() and w.start <= start.time() and end_t <= w.end for w in windows)


def _outside_available(v: Visit, family: m.Family) -> list[VisitConflict]:
    windows = times_from_json(family.available_times)
    if not windows or v.kind is VisitKind.GROUP_SOCIALIZATION:
        return []  # no windows recorded: nothing to check; socializations are set by the program
    assert v.starts_at is not None and v.ends_at is not None
    if fits_available(v.starts_at, v.ends_at, windows):
        return []
    return [
        VisitConflict(
            ConflictKind.OUTSIDE_AVAILABLE_TIMES,
            _("{when} is outside the times the {family} said they are available.").format(
                when=when_text(v.starts_at, v.ends_at), family=family.name
            ),
            None,
            v.starts_at.date(),
        )
    ]


def _closed(s: Session, v: Visit, closures: list[Closure] | None) -> list[VisitConflict]:
    assert v.starts_at is not None and v.ends_at is not None
    first, last = v.starts_at.date(), v.ends_at.date()
    if closures is None:
        closures = closures_between(s, first, last)
    hits = [c for c in closures if c.starts_on and c.ends_on and c.starts_on <= last and c.ends_on >= first]
    return [
        VisitConflict(
            ConflictKind.PROGRAM_CLOSED,
            _("The program is closed on {day} ({closure}).").format(day=ui_date(first), closure=c.name),
            None,
            first,
        )
        for c in hits
    ]


@internal("reads in the caller's session")
def caseload(
    s: Session, staff_id: int, start: dt.date, end: dt.date, exclude_visit: int | None = None
) -> set[int]:
    """Home-based families with a scheduled or completed home visit by this staff member in [start, end]."""
    q = (
        select(m.Visit.family_id)
        .join(m.visit_staff, m.visit_staff.c.visit_id == m.Visit.id)
        .where(
            m.visit_staff.c.staff_id == staff_id,
            m.Visit.kind == VisitKind.HOME_VISIT,
            m.Visit.status.in_(list(BUSY)),
            m.Visit.starts_at >= dt.datetime.combine(start, dt.time()),
            m.Visit.starts_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()),
        )
        .distinct()
    )
    if exclude_visit is not None:
        q = q.where(m.Visit.id != exclude_visit)
    families = set(s.scalars(q))
    return home_based_family_ids(s, families) if families else set()


def _caseload(s: Session, v: Visit, req: VisitRequirements) -> list[VisitConflict]:
    if v.kind is not VisitKind.HOME_VISIT or v.family_id is None or not v.staff_ids:
        return []
    if not home_based_family_ids(s, [v.family_id]):
        return []
    assert v.starts_at is not None
    start, end = program_year(s, v.starts_at.date())
    out = []
    for staff_id in v.staff_ids:
        families = caseload(s, staff_id, start, end, v.id) | {v.family_id}
        if len(families) > req.caseload_max:
            member = s.get(m.StaffMember, staff_id)
            out.append(
                VisitConflict(
                    ConflictKind.CASELOAD_OVER_LIMIT,
                    _(
                        "{staff} would have {n} home-based families this program year; the limit is {limit}."
                    ).format(
                        staff=staff_name(member) if member else "?", n=len(families), limit=req.caseload_max
                    ),
                    None,
                    v.starts_at.date(),
                )
            )
    return out
