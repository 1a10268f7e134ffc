"""Who may see and change which observation notes (the door checks the role; these narrow it per child).

- A director sees and changes every note.
- A family-services worker (home visitor) sees and writes notes about the children of their caseload
  (``family_staff``) only, and changes a note only when every child it is about is on that caseload.
- A teacher sees and writes notes about children of their own classrooms only (``staff_classroom``
  through ``actor.staff_id``) and changes or deletes only notes they wrote.
- Office staff see none (``access.RULES`` gives them no observation notes; refused here too).

A note about several children is visible when at least one of them is the actor's.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain.errors import NotFoundError, PermissionDenied
from famdesk.domain.roles import Action, Actor, Kind, Role
from famdesk.i18n import _
from famdesk.services import access
from famdesk.services.door import internal, pure


def _refuse_office(actor: Actor) -> None:
    if not access.allowed(actor, Kind.OBSERVATION, Action.READ):
        raise access.denied(Kind.OBSERVATION, Action.READ)


def _teacher_rooms(s: Session, actor: Actor) -> set[int]:
    if actor.staff_id is None:
        return set()
    return set(
        s.scalars(
            select(m.staff_classroom.c.classroom_id).where(m.staff_classroom.c.staff_id == actor.staff_id)
        )
    )


@internal("the actor's note scope, inside the caller's session")
def visible_children(s: Session, actor: Actor) -> Select[Any] | None:
    """A query of the ids of the children whose notes ``actor`` may read, or None for "every child"."""
    _refuse_office(actor)
    if actor.role is Role.TEACHER:
        return select(m.Child.id).where(m.Child.classroom_id.in_(sorted(_teacher_rooms(s, actor))))
    if actor.role is Role.FAMILY_SERVICES:
        return select(m.Child.id).where(m.Child.family_id.in_(access.own_family_ids(actor)))
    return None


@internal("the actor's classrooms, inside the caller's session")
def visible_classrooms(s: Session, actor: Actor) -> set[int] | None:
    """The classrooms a teacher works in, or None for a role not limited by classroom."""
    _refuse_office(actor)
    if actor.role is not Role.TEACHER:
        return None
    return _teacher_rooms(s, actor)


def _is_mine(s: Session, actor: Actor, children: list[m.Child]) -> list[bool]:
    scope = visible_children(s, actor)
    if scope is None:
        return [True] * len(children)
    ids = [c.id for c in children]
    mine = set(s.scalars(scope.where(m.Child.id.in_(ids)))) if ids else set()
    return [c.id in mine for c in children]


def _name(child: m.Child) -> str:
    return child.preferred_name or child.first_name


def _outside_message(actor: Actor, child: m.Child) -> str:
    if actor.role is Role.FAMILY_SERVICES:
        return _("You can write notes only about children of your own families ({name} is not).").format(
            name=_name(child))
    return _("You can write notes only about children in your own classrooms ({name} is not).").format(
        name=_name(child))


@internal("checks the children of a note inside the caller's write transaction")
def check_children(s: Session, actor: Actor, child_ids: list[int]) -> list[m.Child]:
    """The children, all of whom the actor may write about; raises otherwise."""
    rows = list(s.scalars(select(m.Child).where(m.Child.id.in_(child_ids)))) if child_ids else []
    if len(rows) != len(set(child_ids)):
        raise NotFoundError(_("One of the chosen children is no longer in the directory."))
    for child, mine in zip(rows, _is_mine(s, actor, rows), strict=True):
        if not mine:
            raise PermissionDenied(_outside_message(actor, child))
    return rows


@pure("what the rules say about an author")
def may_change(actor: Actor, author_id: int | None) -> bool:
    """Whether ``actor`` may edit or delete a note by ``author_id`` (the window asks before offering).

    The children of the note are checked again on saving (a home visitor: all on their caseload)."""
    if not access.allowed(actor, Kind.OBSERVATION, Action.WRITE):
        return False
    if actor.role is not Role.TEACHER:
        return True
    return actor.staff_id is not None and author_id == actor.staff_id


@internal("checks a stored note inside the caller's write transaction")
def check_may_change(s: Session, actor: Actor, row: m.Observation) -> None:
    _refuse_office(actor)
    if not may_change(actor, row.author_id):
        raise PermissionDenied(_("Only the teacher who wrote this note, or a director, can change it."))
    if actor.role is Role.FAMILY_SERVICES:
        outside = [c for c, mine in zip(row.children, _is_mine(s, actor, list(row.children)), strict=True)
                   if not mine]
        if outside:
            raise PermissionDenied(_("This note is also about {name}, who is not in one of your families; "
                                     "ask the program director to change it.").format(name=_name(outside[0])))


@internal("checks a stored note inside the caller's session")
def check_may_read_note(s: Session, actor: Actor, row: m.Observation) -> None:
    if not any(_is_mine(s, actor, list(row.children))):
        raise PermissionDenied(_read_message(actor))


def _read_message(actor: Actor) -> str:
    if actor.role is Role.FAMILY_SERVICES:
        return _("You can see notes about the children of your own families only.")
    return _("You can see notes about children in your own classrooms only.")


@internal("checks a child inside the caller's session")
def check_may_read_child(s: Session, actor: Actor, child: m.Child) -> None:
    if not _is_mine(s, actor, [child])[0]:
        raise PermissionDenied(_read_message(actor))


@internal("checks a classroom inside the caller's session")
def check_may_read_classroom(s: Session, actor: Actor, classroom_id: int) -> None:
    """A teacher sees the notes of their own classrooms only; a home visitor sees, in any classroom,
    the notes about their own families' children (the list is narrowed, not refused)."""
    rooms = visible_classrooms(s, actor)
    if rooms is not None and classroom_id not in rooms:
        raise PermissionDenied(_("You can see the notes of your own classrooms only."))
