"""Behaviour-incident records: create, read, update, delete and list, for directors only.

Every call goes through the door as ``Kind.INCIDENT`` (directors only by default), which leaves an entry in
the audit trail: changes in the same transaction, views in their own (reads roll back). Audit entries
hold ids, never names or the text of an incident. The summary lives in incident_summary.py.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain.errors import NotFoundError
from famdesk.domain.incidents import Incident, InformedHow
from famdesk.domain.roles import Action, Kind
from famdesk.i18n import _
from famdesk.services import door, versions
from famdesk.services.context import ServiceContext
from famdesk.services.door import internal, operation
from famdesk.services.validation import Problems
from famdesk.services.visit_common import program_now

MAX_TEXT = 4000
MAX_LOCATION = 200
# A clock a few minutes fast on the office PC must not refuse an incident written as it happens.
FUTURE_SLACK = dt.timedelta(minutes=10)

_FIELDS = ("child_id", "occurred_at", "classroom_id", "location", "antecedent", "behavior", "response",
           "family_informed", "family_informed_at", "family_informed_how", "staff_informed",
           "author_staff_id")


@operation(Kind.PROGRAM, Action.READ)
def program_now_for(ctx: ServiceContext) -> dt.datetime:
    """Now on the program's wall clock (incident times are stored that way), for a new form's default."""
    with ctx.db.read() as s:
        return program_now(s)


def _minute(value: dt.datetime | None) -> dt.datetime | None:
    return value.replace(second=0, microsecond=0, tzinfo=None) if value else None


def _validate(s: Session, inc: Incident) -> m.Child | None:
    """Check and tidy ``inc`` in place; raise ValidationError with every problem at once."""
    problems = Problems()
    child = s.get(m.Child, inc.child_id) if inc.child_id is not None else None
    if child is None:
        problems.add("child_id", _("Choose the child this incident is about."))
    inc.occurred_at = _minute(inc.occurred_at)
    now = program_now(s)
    if inc.occurred_at is None:
        problems.add("occurred_at", _("Say when the incident happened (date and time)."))
    elif inc.occurred_at > now + FUTURE_SLACK:
        problems.add("occurred_at", _("The incident time {when} is in the future.").format(
            when=inc.occurred_at.isoformat(sep=" ", timespec="minutes")))
    for attr in ("location", "antecedent", "behavior", "response", "staff_informed"):
        setattr(inc, attr, (getattr(inc, attr) or "").strip())
    if not inc.behavior:
        problems.add("behavior", _("Describe the behaviour: what the child did, as staff saw or heard it."))
    if not inc.response:
        problems.add("response", _("Describe how staff responded."))
    if len(inc.location) > MAX_LOCATION:
        problems.add("location",
                     _("Keep “where exactly” under {limit} characters.").format(limit=MAX_LOCATION))
    names = {"antecedent": _("What happened before"), "behavior": _("The behaviour"),
             "response": _("The response"), "staff_informed": _("Other staff told")}
    for attr, what in names.items():
        if len(getattr(inc, attr)) > MAX_TEXT:
            problems.add(attr, _("{what} is too long: keep it under {limit} characters.").format(
                what=what, limit=MAX_TEXT))
    if inc.classroom_id is not None and s.get(m.Classroom, inc.classroom_id) is None:
        problems.add("classroom_id", _("That classroom no longer exists; choose another."))
    if inc.author_staff_id is not None and s.get(m.StaffMember, inc.author_staff_id) is None:
        problems.add("author_staff_id", _("That staff member is no longer in the list; choose another."))
    _validate_informed(problems, inc, now)
    problems.raise_if_any()
    return child


def _validate_informed(problems: Problems, inc: Incident, now: dt.datetime) -> None:
    if not inc.family_informed:
        inc.family_informed_at, inc.family_informed_how = None, None  # nothing to say about a talk not held
        return
    if inc.family_informed_how is None:
        problems.add("family_informed_how", _("Say how the family was told."))
    else:
        try:
            inc.family_informed_how = InformedHow(inc.family_informed_how)
        except ValueError:
            problems.add("family_informed_how", _("“{value}” is not a choice famdesk knows.").format(
                value=inc.family_informed_how))
    inc.family_informed_at = _minute(inc.family_informed_at)
    if inc.family_informed_at is None:
        problems.add("family_informed_at", _("Say when the family was told."))
    elif inc.occurred_at is not None and inc.family_informed_at < inc.occurred_at:
        problems.add("family_informed_at",
                     _("The family cannot have been told before the incident happened."))
    elif inc.family_informed_at > now + FUTURE_SLACK:
        problems.add("family_informed_at", _("The time the family was told is in the future."))


def _apply(row: m.Incident, inc: Incident, child: m.Child) -> None:
    for f in _FIELDS:
        setattr(row, f, getattr(inc, f))
    if row.classroom_id is None:
        row.classroom_id = child.classroom_id  # where, by default: the child's own classroom


def _person(first: str, last: str) -> str:
    return f"{first} {last}".strip()


def _query() -> Select:  # type: ignore[type-arg]
    return (select(m.Incident, m.Child.first_name, m.Child.preferred_name, m.Child.last_name,
                   m.Classroom.name, m.StaffMember.first_name, m.StaffMember.last_name)
            .join(m.Child, m.Child.id == m.Incident.child_id)
            .outerjoin(m.Classroom, m.Classroom.id == m.Incident.classroom_id)
            .outerjoin(m.StaffMember, m.StaffMember.id == m.Incident.author_staff_id))


def _record(row: tuple) -> Incident:  # type: ignore[type-arg]
    inc, first, preferred, last, room, author_first, author_last = row
    return Incident(**{f: getattr(inc, f) for f in _FIELDS}, id=inc.id, **versions.fields(inc),
                    child_name=_person(preferred or first, last), classroom_name=room or "",
                    author_name=_person(author_first or "", author_last or ""))


def _load(s: Session, incident_id: int | None) -> m.Incident:
    row = s.get(m.Incident, incident_id) if incident_id is not None else None
    if row is None:
        raise NotFoundError(_("That incident record is no longer on file."))
    return row


def _read_one(s: Session, incident_id: int) -> Incident:
    found = s.execute(_query().where(m.Incident.id == incident_id)).first()
    if found is None:
        raise NotFoundError(_("That incident record is no longer on file."))
    return _record(tuple(found))


@operation(Kind.INCIDENT, Action.WRITE)
def add_incident(ctx: ServiceContext, inc: Incident) -> Incident:
    with ctx.db.transaction() as s:
        child = _validate(s, inc)
        assert child is not None  # _validate raised otherwise
        row = m.Incident()
        _apply(row, inc, child)
        versions.stamp_new(row, ctx.actor)
        s.add(row)
        s.flush()
        door.set_record(row.id)
        door.set_detail(f"add child={child.id}")
        return _read_one(s, row.id)


@operation(Kind.INCIDENT, Action.WRITE, record="inc.id")
def update_incident(ctx: ServiceContext, inc: Incident) -> Incident:
    with ctx.db.transaction() as s:
        row = _load(s, inc.id)
        child = _validate(s, inc)
        assert child is not None
        versions.check_and_bump(s, row, inc.version, ctx.actor)  # refuses a stale form
        _apply(row, inc, child)
        s.flush()
        door.set_detail(f"update child={child.id}")
        return _read_one(s, row.id)


@operation(Kind.INCIDENT, Action.ERASE, record="incident_id")
def delete_incident(ctx: ServiceContext, incident_id: int) -> None:
    """Delete for real: the text is overwritten in the file, like an erased family."""
    with ctx.db.transaction() as s:
        row = _load(s, incident_id)
        door.set_detail(f"child={row.child_id}")
        if ctx.db.is_sqlite:
            s.execute(text("PRAGMA secure_delete = ON"))
        s.delete(row)
    ctx.db.checkpoint()


@operation(Kind.INCIDENT, Action.READ, record="incident_id", audit=True)
def get_incident(ctx: ServiceContext, incident_id: int) -> Incident:
    with ctx.db.read() as s:
        return _read_one(s, incident_id)


@operation(Kind.INCIDENT, Action.READ, audit=True)
def list_incidents(ctx: ServiceContext, *, child_id: int | None = None, start: dt.date | None = None,
                   end: dt.date | None = None, classroom_id: int | None = None) -> list[Incident]:
    """Newest first; ``start``/``end`` are dates, both included. Viewing the list is audited."""
    q = _query().order_by(m.Incident.occurred_at.desc(), m.Incident.id.desc())
    if child_id is not None:
        q = q.where(m.Incident.child_id == child_id)
    if classroom_id is not None:
        q = q.where(m.Incident.classroom_id == classroom_id)
    if start is not None:
        q = q.where(m.Incident.occurred_at >= dt.datetime.combine(start, dt.time()))
    if end is not None:
        q = q.where(m.Incident.occurred_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
    with ctx.db.read() as s:
        out = [_record(tuple(row)) for row in s.execute(q)]
    scope = [f"{name}={value}" for name, value in (("child", child_id), ("classroom", classroom_id),
                                                   ("from", start), ("to", end)) if value is not None]
    door.set_detail(" ".join(["list", *scope, f"n={len(out)}"]))
    return out


@operation(Kind.INCIDENT, Action.EXPORT)
def family_incidents(ctx: ServiceContext, family_id: int) -> list[Incident]:
    """Every incident about the household's children, oldest first, for the family's own record export
    (a family asking to see its record sees these too). Recorded as an export of incident records."""
    q = _query().where(m.Child.family_id == family_id).order_by(m.Incident.occurred_at, m.Incident.id)
    with ctx.db.read() as s:
        out = [_record(tuple(row)) for row in s.execute(q)]
    door.set_detail(f"family={family_id} n={len(out)}")
    return out


@internal("a `famdesk check` rule, in the check's session")
def check_incidents(s: Session) -> list[str]:
    """`famdesk check` rules (counts only): what the form refuses but a hand edit could leave behind."""
    out: list[str] = []
    early = s.scalar(select(func.count(m.Incident.id))
                     .where(m.Incident.family_informed_at < m.Incident.occurred_at))
    if early:
        out.append(_("{count} incident record(s) say the family was told before the incident happened.")
                   .format(count=early))
    vague = s.scalar(select(func.count(m.Incident.id)).where(
        m.Incident.family_informed.is_(True),
        (m.Incident.family_informed_at.is_(None)) | (m.Incident.family_informed_how.is_(None))))
    if vague:
        out.append(_("{count} incident record(s) say the family was told but not when or how.")
                   .format(count=vague))
    return out
