"""Visits: create, change, cancel, complete, make up, repeat weekly, and read for calendars.

Every write validates first (bad input raises ValidationError / NotFoundError and writes nothing),
then looks for conflicts (visit_conflicts); conflicts raise VisitConflictError unless the caller
passes ``accept_conflicts=True`` after showing them. Call ``check_visit`` to see them without saving.
Times are naive local wall-clock times in the program's time zone (famdesk/domain/visits.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Select, String, select, type_coerce
from sqlalchemy.orm import Session, selectinload

from famdesk.db import models as m
from famdesk.domain.enums import FamilyStatus
from famdesk.domain.errors import NotFoundError, ValidationError
from famdesk.domain.roles import Action, Actor, Kind
from famdesk.domain.visits import (
    CANCELLED,
    SeriesResult,
    Visit,
    VisitConflict,
    VisitConflictError,
    VisitKind,
    VisitPlace,
    VisitRow,
    VisitStatus,
)
from famdesk.formatting import ui_number
from famdesk.i18n import _
from famdesk.services import access, door, versions
from famdesk.services.closures import closure_on, closures_between
from famdesk.services.context import ServiceContext
from famdesk.services.door import internal, operation
from famdesk.services.validation import Problems
from famdesk.services.visit_common import gc_paused, staff_name
from famdesk.services.visit_conflicts import find_conflicts
from famdesk.services.visit_requirements import load_requirements

MAX_VISIT_HOURS = 12
MAX_SERIES_WEEKS = 60
_FIELDS = (
    "family_id",
    "starts_at",
    "ends_at",
    "kind",
    "place",
    "address",
    "purpose",
    "interpreter_needed",
    "interpreter_name",
    "status",
    "make_up_of_id",
    "outcome_notes",
    "minutes_held",
    "series_id",
)


@internal("converts a row of the caller's session")
def visit_record(row: m.Visit) -> Visit:
    return Visit(**{f: getattr(row, f) for f in _FIELDS}, staff_ids=[x.id for x in row.staff], id=row.id,
                 **versions.fields(row))


def _family_address(f: m.Family) -> str:
    return ", ".join(
        p for p in (f.address_line1, f.address_line2, f"{f.city} {f.region} {f.postal_code}".strip()) if p
    )


def _after_exit(family: m.Family, v: Visit) -> bool:
    """A family that left may still have its past visits recorded, but nothing after it left."""
    if family.status is not FamilyStatus.EXITED:
        return False
    return family.exited_on is None or v.starts_at is None or v.starts_at.date() > family.exited_on


@internal("validates inside the caller's session")
def validate_visit(s: Session, v: Visit) -> m.Family:
    """Refuse what can never be right; returns the family row. Cleans text fields in place."""
    problems = Problems()
    family = s.get(m.Family, v.family_id) if v.family_id is not None else None
    if family is None:
        problems.add("family_id", _("Choose a family for the visit."))
    elif family.archived_at is not None or _after_exit(family, v):
        problems.add(
            "family_id",
            _(
                "The {family} is archived or has left the program; bring the family back "
                "before scheduling a visit."
            ).format(family=family.name),
        )
    if not v.staff_ids:
        problems.add("staff_ids", _("Choose at least one staff member for the visit."))
    for staff_id in dict.fromkeys(v.staff_ids):
        member = s.get(m.StaffMember, staff_id)
        if member is None:
            problems.add("staff_ids", _("Staff member #{id} is not in the program.").format(id=staff_id))
        elif not member.active and v.status is VisitStatus.SCHEDULED:
            problems.add(
                "staff_ids",
                _("{staff} is no longer active in the program; choose someone else.").format(
                    staff=staff_name(member)
                ),
            )
    v.staff_ids = list(dict.fromkeys(v.staff_ids))
    if v.starts_at is None or v.ends_at is None:
        problems.add("starts_at", _("Choose when the visit starts and ends."))
    elif v.ends_at <= v.starts_at:
        problems.add("ends_at", _("The visit must end after it starts."))
    elif v.ends_at - v.starts_at > dt.timedelta(hours=MAX_VISIT_HOURS):
        problems.add(
            "ends_at",
            _("A visit cannot last more than {hours} hours; check the end time.").format(
                hours=ui_number(MAX_VISIT_HOURS)
            ),
        )
    if v.minutes_held is not None and not 0 <= v.minutes_held <= 24 * 60:
        problems.add("minutes_held", _("The minutes held must be between 0 and 1,440."))
    v.address, v.purpose = (v.address or "").strip(), (v.purpose or "").strip()
    v.interpreter_name, v.outcome_notes = (v.interpreter_name or "").strip(), (v.outcome_notes or "").strip()
    if v.place is VisitPlace.OTHER and not v.address:
        problems.add("address", _("Say where the visit takes place."))
    if v.make_up_of_id is not None:
        original = s.get(m.Visit, v.make_up_of_id)
        if original is None or (v.id is not None and original.id == v.id):
            problems.add("make_up_of_id", _("The visit being made up no longer exists."))
        elif original.family_id != v.family_id:
            problems.add("make_up_of_id", _("A make-up must be for the same family as the missed visit."))
        elif original.status not in CANCELLED:
            problems.add("make_up_of_id", _("Only a cancelled or missed visit can be made up."))
    problems.raise_if_any()
    assert family is not None
    if v.place is VisitPlace.HOME and not v.address:
        v.address = _family_address(family)
    return family


@operation(Kind.VISIT, Action.READ, family=door.Attr("visit", "family_id", m.Visit))
def check_visit(ctx: ServiceContext, visit: Visit) -> list[VisitConflict]:
    """Validate and list conflicts without saving (what the dialog shows before Save)."""
    v = dataclasses.replace(visit, staff_ids=list(visit.staff_ids))
    with ctx.db.read() as s:
        family = validate_visit(s, v)
        return find_conflicts(s, v, family, load_requirements(s))


def _write(s: Session, v: Visit, actor: Actor | None = None) -> m.Visit:
    row = m.Visit() if v.id is None else s.get(m.Visit, v.id, options=[selectinload(m.Visit.staff)])
    if row is None:
        raise NotFoundError(_("That visit was deleted in the meantime."))
    if v.id is None:
        versions.stamp_new(row, actor)
    else:
        versions.check_and_bump(s, row, v.version, actor)  # refuses a save from a stale form
    for f in _FIELDS:
        setattr(row, f, getattr(v, f))
    row.staff = list(s.scalars(select(m.StaffMember).where(m.StaffMember.id.in_(v.staff_ids))))
    s.add(row)
    s.flush()
    return row


@operation(Kind.VISIT, Action.WRITE, family=door.Attr("visit", "family_id", m.Visit), record="visit.id")
def save_visit(ctx: ServiceContext, visit: Visit, *, accept_conflicts: bool = False) -> Visit:
    """Create (``id is None``) or update a visit. Conflicts raise VisitConflictError unless accepted."""
    v = dataclasses.replace(visit, staff_ids=list(visit.staff_ids))
    with ctx.db.transaction() as s:
        family = validate_visit(s, v)
        conflicts = find_conflicts(s, v, family, load_requirements(s))
        if conflicts and not accept_conflicts:
            raise VisitConflictError(conflicts)
        row = _write(s, v, ctx.actor)
        door.set_record(row.id)
        return visit_record(row)


@operation(Kind.VISIT, Action.READ, family=door.Row("visit_id", m.Visit))
def get_visit(ctx: ServiceContext, visit_id: int) -> Visit:
    with ctx.db.read() as s:
        row = s.get(m.Visit, visit_id, options=[selectinload(m.Visit.staff)])
        if row is None:
            raise NotFoundError(_("That visit was deleted in the meantime."))
        return visit_record(row)


@operation(Kind.VISIT, Action.WRITE, family=door.Row("visit_id", m.Visit), record="visit_id")
def cancel_visit(ctx: ServiceContext, visit_id: int, status: VisitStatus, notes: str = "") -> Visit:
    """Record who cancelled (family, program) or a no-show; program cancellations are owed a make-up."""
    if status not in CANCELLED:
        raise ValidationError(_("Choose who cancelled the visit, or that the family did not come."), "status")
    with ctx.db.transaction() as s:
        row = s.get(m.Visit, visit_id, options=[selectinload(m.Visit.staff)])
        if row is None:
            raise NotFoundError(_("That visit was deleted in the meantime."))
        if row.status is VisitStatus.COMPLETED:
            raise ValidationError(_("This visit was already held; it cannot be cancelled."), "status")
        versions.bump(s, row, ctx.actor)
        row.status = status
        if notes.strip():
            row.outcome_notes = notes.strip()
        s.flush()
        return visit_record(row)


@operation(Kind.VISIT, Action.WRITE, family=door.Row("visit_id", m.Visit), record="visit_id")
def complete_visit(
    ctx: ServiceContext, visit_id: int, minutes_held: int | None = None, outcome_notes: str = ""
) -> Visit:
    """Mark a visit held. ``minutes_held`` defaults to the scheduled length."""
    with ctx.db.transaction() as s:
        row = s.get(m.Visit, visit_id, options=[selectinload(m.Visit.staff)])
        if row is None:
            raise NotFoundError(_("That visit was deleted in the meantime."))
        v = visit_record(row)
        v.status = VisitStatus.COMPLETED
        v.minutes_held = v.scheduled_minutes if minutes_held is None else minutes_held
        v.outcome_notes = outcome_notes or v.outcome_notes
        validate_visit(s, v)
        return visit_record(_write(s, v, ctx.actor))


@operation(Kind.VISIT, Action.WRITE, family=door.Row("original_id", m.Visit))
def schedule_make_up(
    ctx: ServiceContext,
    original_id: int,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    staff_ids: list[int] | None = None,
    *,
    accept_conflicts: bool = False,
) -> Visit:
    """A new visit making up a cancelled one: same family, kind, place and staff unless given."""
    original = get_visit(ctx, original_id)
    make_up = dataclasses.replace(
        original,
        id=None,
        starts_at=starts_at,
        ends_at=ends_at,
        staff_ids=list(staff_ids or original.staff_ids),
        status=VisitStatus.SCHEDULED,
        make_up_of_id=original_id,
        outcome_notes="",
        minutes_held=None,
        series_id="",
    )
    return save_visit(ctx, make_up, accept_conflicts=accept_conflicts)


@operation(Kind.VISIT, Action.WRITE, family=door.Attr("first", "family_id"))
def create_series(
    ctx: ServiceContext,
    first: Visit,
    until: dt.date,
    *,
    accept_conflicts: bool = False,
    skip_conflicting: bool = False,
) -> SeriesResult:
    """Weekly visits from ``first`` through ``until``, skipping program closures (all or nothing).

    Conflicts of any week raise VisitConflictError (nothing written) unless ``accept_conflicts``
    (book them anyway) or ``skip_conflicting`` (leave those weeks out) is given.
    """
    if first.starts_at is None or first.ends_at is None:
        raise ValidationError(_("Choose when the first visit starts and ends."), "starts_at")
    if until < first.starts_at.date():
        raise ValidationError(_("The series must end after its first visit."), "until")
    if (until - first.starts_at.date()).days > MAX_SERIES_WEEKS * 7:
        raise ValidationError(
            _("A weekly series can run for at most {weeks} weeks.").format(weeks=ui_number(MAX_SERIES_WEEKS)), "until"
        )
    result = SeriesResult()
    series_id = uuid.uuid4().hex
    with ctx.db.transaction() as s:
        req = load_requirements(s)
        closures = closures_between(s, first.starts_at.date(), until)
        week = 0
        while (start := first.starts_at + dt.timedelta(weeks=week)).date() <= until:
            v = dataclasses.replace(
                first,
                id=None,
                starts_at=start,
                ends_at=first.ends_at + dt.timedelta(weeks=week),
                staff_ids=list(first.staff_ids),
                series_id=series_id,
            )
            week += 1
            if closure_on(closures, start.date()) is not None:
                result.skipped_closed.append(start.date())
                continue
            family = validate_visit(s, v)
            conflicts = find_conflicts(s, v, family, req, closures)
            if conflicts:
                result.conflicts += conflicts
                if skip_conflicting:
                    continue
            row = _write(s, v, ctx.actor)
            if not result.created:
                door.set_record(row.id)  # the audit entry names the series' first visit
            result.created.append(visit_record(row))
        if result.conflicts and not (accept_conflicts or skip_conflicting):
            raise VisitConflictError(result.conflicts)  # rolls the whole series back
    return result


@operation(Kind.VISIT, Action.WRITE, family=door.Row("visit_id", m.Visit), record="visit_id")
def delete_visit(ctx: ServiceContext, visit_id: int) -> None:
    """Remove a visit entered by mistake (a cancelled visit should be cancelled, not deleted)."""
    with ctx.db.transaction() as s:
        row = s.get(m.Visit, visit_id)
        if row is None:
            raise NotFoundError(_("That visit was deleted in the meantime."))
        s.delete(row)


@operation(Kind.VISIT, Action.READ, family=door.each(door.Arg("family_id"), door.LISTED))
def visits_between(
    ctx: ServiceContext,
    start: dt.datetime,
    end: dt.datetime,
    staff_id: int | None = None,
    family_id: int | None = None,
) -> list[VisitRow]:
    """Visits starting in [start, end) for the calendar and agenda, in time order (of the actor's own
    families for a role limited to them)."""
    with gc_paused(), ctx.db.read() as s:
        return visit_rows(s, start, end, staff_id, family_id, own_families(ctx))


@internal("the family filter a list of visits takes for the acting role")
def own_families(ctx: ServiceContext) -> Select[Any] | None:
    """The ids of the actor's own families (a subquery), or None when the role sees every family."""
    return access.own_family_ids(ctx.actor) if access.is_scoped(ctx.actor, Kind.VISIT) else None


def _as_datetime(value: str | dt.datetime) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


_KINDS = {k.value: k for k in VisitKind}
_PLACES = {p.value: p for p in VisitPlace}
_STATUSES = {x.value: x for x in VisitStatus}


@internal("reads in the caller's session")
def visit_rows(
    s: Session,
    start: dt.datetime,
    end: dt.datetime,
    staff_id: int | None = None,
    family_id: int | None = None,
    family_ids: Select[Any] | None = None,
) -> list[VisitRow]:
    """Calendar rows (``family_ids``: only those families, a subquery). Core rows with enums and times
    read as plain strings: a month of 2,000 visits
    has to come back well inside the 200 ms the month view may take (the ORM's per-value processing
    was most of that)."""
    q = (
        select(
            m.Visit.id,
            m.Visit.family_id,
            m.Family.name,
            type_coerce(m.Visit.starts_at, String),
            type_coerce(m.Visit.ends_at, String),
            type_coerce(m.Visit.kind, String),
            type_coerce(m.Visit.place, String),
            type_coerce(m.Visit.status, String),
            m.Visit.purpose,
            m.Visit.address,
            m.Visit.interpreter_needed,
            m.Visit.make_up_of_id,
        )
        .join(m.Family, m.Family.id == m.Visit.family_id)
        .where(m.Visit.starts_at >= start, m.Visit.starts_at < end)
        .order_by(m.Visit.starts_at, m.Visit.id)
    )
    if staff_id is not None:
        q = q.where(
            m.Visit.id.in_(select(m.visit_staff.c.visit_id).where(m.visit_staff.c.staff_id == staff_id))
        )
    if family_id is not None:
        q = q.where(m.Visit.family_id == family_id)
    if family_ids is not None:
        q = q.where(m.Visit.family_id.in_(family_ids))
    conn = s.connection()
    rows = conn.execute(q).all()
    staff: dict[int, list[tuple[int, str]]] = {}
    people_q = select(m.StaffMember.id, m.StaffMember.first_name, m.StaffMember.last_name)
    names = {i: f"{a} {b}".strip() for i, a, b in conn.execute(people_q)}
    # The staff of the same visits by the same range (one query, no long IN list).
    links = (
        select(m.visit_staff.c.visit_id, m.visit_staff.c.staff_id)
        .join(m.Visit, m.Visit.id == m.visit_staff.c.visit_id)
        .where(m.Visit.starts_at >= start, m.Visit.starts_at < end)
        .order_by(m.visit_staff.c.staff_id)
    )
    if family_id is not None:
        links = links.where(m.Visit.family_id == family_id)
    if family_ids is not None:
        links = links.where(m.Visit.family_id.in_(family_ids))
    for vid, sid in conn.execute(links).all():
        staff.setdefault(vid, []).append((sid, names.get(sid, "?")))
    out = []
    for r in rows:
        people = staff.get(r[0], [])
        out.append(
            VisitRow(
                id=r[0],
                family_id=r[1],
                family_name=r[2],
                starts_at=_as_datetime(r[3]),
                ends_at=_as_datetime(r[4]),
                kind=_KINDS[r[5]],
                place=_PLACES[r[6]],
                status=_STATUSES[r[7]],
                purpose=r[8],
                address=r[9],
                interpreter_needed=bool(r[10]),
                make_up_of_id=r[11],
                staff_ids=[x for x, _n in people],
                staff_names=", ".join(n for _x, n in people),
            )
        )
    return out
