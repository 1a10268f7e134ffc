"""Who may do what: the permission rules of famdesk, in one place.

``RULES`` is a table role × record kind → allowed actions. Family-scoped kinds (families, caregivers,
children) are further limited to the actor's own families: a family-services worker's caseload
(``family_staff``), a teacher's classrooms (``staff_classroom``). Restricted kinds (custody notes,
health notes, incidents) are readable by directors only unless this table says otherwise.

Services call :func:`require` (or :func:`audited` for writes that go in the audit trail) before they
read or write; the GUI may hide what is refused, but the refusal lives here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain.errors import PermissionDenied
from famdesk.domain.roles import Action, Actor, Kind, Role
from famdesk.i18n import N_, _
from famdesk.services.door import internal, pure

R, W, P, X, E = Action.READ, Action.WRITE, Action.PRINT, Action.EXPORT, Action.ERASE
ALL = frozenset(Action)
READ_PRINT = frozenset({R, P})
READ_WRITE_PRINT = frozenset({R, W, P})
READ = frozenset({R})

# Kinds limited to a scoped actor's own families (caseload or classrooms).
FAMILY_KINDS = frozenset({Kind.FAMILY, Kind.CAREGIVER, Kind.CHILD, Kind.PICKUP, Kind.VISIT, Kind.CONTACT,
                          Kind.GOAL, Kind.ATTENDANCE, Kind.OBSERVATION})
RESTRICTED_KINDS = frozenset({Kind.CUSTODY_NOTES, Kind.HEALTH_NOTES, Kind.INCIDENT})

# What every signed-in role may read about the program itself (to show names, pickers, printed headers).
_PROGRAM_READS = {Kind.CLASSROOM: READ, Kind.STAFF: READ, Kind.PROGRAM: READ, Kind.VISIT_SETTINGS: READ,
                  Kind.FRAMEWORK: READ, Kind.HANDOUT: READ_PRINT, Kind.PACKET: READ_PRINT,
                  Kind.EVENT: READ_PRINT, Kind.PREFERENCES: frozenset({R, W})}

RULES: dict[Role, dict[Kind, frozenset[Action]]] = {
    # Directors: everything.
    Role.DIRECTOR: {kind: ALL for kind in Kind},
    # Family services / home visitors: their caseload's families, visits, contacts, goals and the
    # observation notes of their caseload's children.
    Role.FAMILY_SERVICES: {
        **_PROGRAM_READS,
        Kind.FAMILY: READ_WRITE_PRINT, Kind.CAREGIVER: READ_WRITE_PRINT, Kind.CHILD: READ_WRITE_PRINT,
        Kind.PICKUP: READ_WRITE_PRINT, Kind.VISIT: READ_WRITE_PRINT, Kind.CONTACT: READ_WRITE_PRINT,
        Kind.GOAL: READ_WRITE_PRINT, Kind.ATTENDANCE: frozenset({R, W}), Kind.OBSERVATION: frozenset({R, W, P, E}),
    },
    # Teachers: the families of their classrooms (read; their visits, contacts and attendance too), and
    # their own observation notes about the children of their classrooms.
    Role.TEACHER: {
        **_PROGRAM_READS,
        Kind.FAMILY: READ_PRINT, Kind.CAREGIVER: READ_PRINT, Kind.CHILD: READ_PRINT, Kind.PICKUP: READ_PRINT,
        Kind.VISIT: READ_WRITE_PRINT, Kind.CONTACT: READ_WRITE_PRINT, Kind.GOAL: READ_PRINT,
        Kind.ATTENDANCE: frozenset({R, W}), Kind.OBSERVATION: frozenset({R, W, P, E}),
    },
    # Office: read and print only, no restricted kind, no observation notes (those are teaching records).
    Role.OFFICE: {
        **_PROGRAM_READS,
        Kind.PREFERENCES: frozenset({R, W}),
        Kind.FAMILY: READ_PRINT, Kind.CAREGIVER: READ_PRINT, Kind.CHILD: READ_PRINT, Kind.PICKUP: READ_PRINT,
        Kind.VISIT: READ_PRINT, Kind.CONTACT: READ_PRINT, Kind.GOAL: READ_PRINT, Kind.ATTENDANCE: READ_PRINT,
        Kind.DASHBOARD: READ_PRINT, Kind.COMPLIANCE: READ_PRINT,
    },
}

# Roles whose family-scoped permissions cover only their own families.
SCOPED_ROLES = frozenset({Role.FAMILY_SERVICES, Role.TEACHER})

_KIND_NAMES = {
    Kind.FAMILY: N_("family records"), Kind.CAREGIVER: N_("caregivers"), Kind.CHILD: N_("children"),
    Kind.PICKUP: N_("authorized pickup persons"), Kind.VISIT: N_("home visits and conferences"),
    Kind.VISIT_SETTINGS: N_("closures and visit requirements"), Kind.CONTACT: N_("the contact log"),
    Kind.GOAL: N_("family goals"), Kind.EVENT: N_("events"), Kind.ATTENDANCE: N_("event attendance"),
    Kind.OBSERVATION: N_("observation notes"), Kind.HANDOUT: N_("handouts"),
    Kind.PACKET: N_("welcome packets"), Kind.DASHBOARD: N_("the partnership dashboard"),
    Kind.COMPLIANCE: N_("visit compliance"), Kind.FRAMEWORK: N_("early-learning frameworks"),
    Kind.IMPORT: N_("roster imports"), Kind.PREFERENCES: N_("your own preferences"),
    Kind.CLASSROOM: N_("classrooms and sites"), Kind.STAFF: N_("staff"), Kind.PROGRAM: N_("program settings"),
    Kind.CUSTODY_NOTES: N_("custody notes"), Kind.HEALTH_NOTES: N_("health notes"),
    Kind.INCIDENT: N_("incident records"), Kind.AUDIT: N_("the audit log"), Kind.USERS: N_("user accounts"),
    Kind.DATABASE: N_("backups and restores"), Kind.LEGAL_HOLD: N_("legal holds and record retention"),
}
_ACTION_NAMES = {R: N_("see"), W: N_("change"), P: N_("print"), X: N_("export"), E: N_("erase")}


@pure("what the table says")
def allowed(actor: Actor, kind: Kind, action: Action) -> bool:
    """What the table says, before any family scope."""
    return action in RULES.get(actor.role, {}).get(kind, frozenset())


@pure("what the table says")
def may_read_restricted(actor: Actor, kind: Kind = Kind.CUSTODY_NOTES) -> bool:
    return allowed(actor, kind, Action.READ)


@pure("builds the refusal sentence")
def denied(kind: Kind, action: Action) -> PermissionDenied:
    return PermissionDenied(_("Your account may not {action} {kind}. Ask the program director if you need to.")
                            .format(action=_(_ACTION_NAMES[action]), kind=_(_KIND_NAMES[kind])))


@pure("builds a subquery for a caller's session")
def own_family_ids(actor: Actor) -> Select[Any]:
    """A subquery of the family ids a scoped actor works with."""
    if actor.role is Role.FAMILY_SERVICES:
        return select(m.family_staff.c.family_id).where(m.family_staff.c.staff_id == actor.staff_id)
    return (select(m.Child.family_id)
            .join(m.staff_classroom, m.staff_classroom.c.classroom_id == m.Child.classroom_id)
            .where(m.staff_classroom.c.staff_id == actor.staff_id))


@pure("what the table says")
def is_scoped(actor: Actor, kind: Kind) -> bool:
    return actor.role in SCOPED_ROLES and kind in FAMILY_KINDS


@internal("the check the door and services make inside their session")
def require(actor: Actor, kind: Kind, action: Action, session: Session | None = None,
            family_id: int | None = None) -> None:
    """Raise PermissionDenied unless ``actor`` may do ``action`` on ``kind`` (for ``family_id``, if scoped).

    A scoped actor with ``family_id=None`` on a write is creating a new household: only directors may.
    """
    if not allowed(actor, kind, action):
        raise denied(kind, action)
    if not is_scoped(actor, kind):
        return
    if family_id is None:
        if action is Action.READ:
            return  # lists are narrowed by scope_families()
        if kind in (Kind.FAMILY, Kind.CAREGIVER, Kind.CHILD, Kind.PICKUP):
            raise PermissionDenied(_("Only the program director can add a new family."))
        raise PermissionDenied(_("Choose one of your own families first; nothing was saved."))
    assert session is not None, "a scoped check needs the session"
    own = own_family_ids(actor)
    mine = session.scalar(select(own.where(own.selected_columns[0] == family_id).exists()))
    if not mine:
        raise PermissionDenied(_("This family is not one of yours. Ask the program director if you need to "
                                 "work with them."))


@internal("narrows a caller's list query to the actor's families")
def scope_families(query: Select[Any], actor: Actor) -> Select[Any]:
    """Narrow a query over ``family`` (or joined to it) to the actor's own families."""
    if not allowed(actor, Kind.FAMILY, Action.READ):
        raise denied(Kind.FAMILY, Action.READ)
    if actor.role not in SCOPED_ROLES:
        return query
    return query.where(m.Family.id.in_(own_family_ids(actor)))


@internal("a check plus audit entry inside the caller's write transaction")
def audited(actor: Actor, session: Session, kind: Kind, action: Action, record_id: int | None = None,
            family_id: int | None = None, detail: str = "") -> None:
    """``require`` and, when allowed, write the audit entry in the same transaction."""
    from famdesk.services import audit

    require(actor, kind, action, session, family_id)
    audit.record(session, actor, action, kind, record_id, detail)


@internal("a print/export area's check and audit entry, called by an @operation")
def check_and_record(ctx: Any, kind: Kind, action: Action, family_id: int | None = None,
                     record_id: int | None = None, detail: str = "") -> None:
    """For printing and exporting areas: refuse, or allow and record it in the audit trail in one go.

    Call before building a PDF or an export of a family's data, e.g.
    ``access.check_and_record(ctx, Kind.FAMILY, Action.PRINT, family_id=fid)``.
    """
    with ctx.db.transaction() as s:
        audited(ctx.actor, s, kind, action, record_id if record_id is not None else family_id, family_id, detail)
