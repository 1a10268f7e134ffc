"""Who may see and change which observation notes.

A teacher sees and writes notes about children of their own classrooms only (their classrooms come
from ``staff_classroom`` through ``actor.staff_id``) and may change or delete only notes they wrote.
Directors and family-services staff see every note; office staff see none.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain.errors import PermissionDenied
from famdesk.domain.roles import Actor, Role
from famdesk.i18n import _


def visible_classrooms(s: Session, actor: Actor) -> set[int] | None:
    """The classrooms whose notes ``actor`` may read, or None for "all of them"."""
    if actor.role is Role.OFFICE:
        raise PermissionDenied(_("Observation notes are for teaching and family-services staff."))
    if actor.role is not Role.TEACHER:
        return None
    if actor.staff_id is None:
        return set()
    return set(
        s.scalars(
            select(m.staff_classroom.c.classroom_id).where(m.staff_classroom.c.staff_id == actor.staff_id)
        )
    )


def check_children(s: Session, actor: Actor, child_ids: list[int]) -> list[m.Child]:
    """The children, all of whom the actor may write about; raises otherwise."""
    rows = list(s.scalars(select(m.Child).where(m.Child.id.in_(child_ids)))) if child_ids else []
    if len(rows) != len(set(child_ids)):
        from famdesk.domain.errors import NotFoundError

        raise NotFoundError(_("One of the chosen children is no longer in the directory."))
    rooms = visible_classrooms(s, actor)
    if rooms is not None:
        outside = [c for c in rows if c.classroom_id not in rooms]
        if outside:
            raise PermissionDenied(
                _("You can write notes only about children in your own classrooms ({name} is not).").format(
                    name=outside[0].preferred_name or outside[0].first_name
                )
            )
    return rows


def may_change(actor: Actor, author_id: int | None) -> bool:
    """Whether ``actor`` may edit or delete a note by ``author_id`` (the window asks before offering)."""
    if actor.role is Role.OFFICE:
        return False
    if actor.role is not Role.TEACHER:
        return True
    return actor.staff_id is not None and author_id == actor.staff_id


def check_may_change(s: Session, actor: Actor, row: m.Observation) -> None:
    visible_classrooms(s, actor)  # office staff: refused with the reason
    if not may_change(actor, row.author_id):
        raise PermissionDenied(_("Only the teacher who wrote this note, or a director, can change it."))


def check_may_read_child(s: Session, actor: Actor, child: m.Child) -> None:
    rooms = visible_classrooms(s, actor)
    if rooms is not None and child.classroom_id not in rooms:
        raise PermissionDenied(_("You can see notes about children in your own classrooms only."))


def check_may_read_classroom(s: Session, actor: Actor, classroom_id: int) -> None:
    rooms = visible_classrooms(s, actor)
    if rooms is not None and classroom_id not in rooms:
        raise PermissionDenied(_("You can see the notes of your own classrooms only."))
