"""A small program to try every role against: shared by the role × kind × action tests.

``build`` makes two households (one on the worker's caseload with its child in the teacher's
classroom, one neither); ``check_table`` runs a table of calls as one role and asserts each allowed
cell succeeds, each refused one raises ``PermissionDenied`` with a sentence and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from famdesk.db import models as m
from famdesk.domain import records as r
from famdesk.domain.enums import Relationship
from famdesk.domain.errors import PermissionDenied
from famdesk.domain.roles import Actor, Role
from famdesk.services import accounts, classrooms, families, staff
from famdesk.services.context import ServiceContext


@dataclass
class World:
    own: int            # family on the worker's caseload, child in the teacher's classroom
    other: int          # neither
    own_child: r.Child
    other_child: r.Child
    room: int
    room_b: int
    worker: int
    teacher: int


def household(name: str, room: int) -> r.FamilyDetail:
    return r.FamilyDetail(
        family=r.Family(name=name),
        caregivers=[r.Caregiver(first_name="Ana", relationship=Relationship.MOTHER,
                                custody_notes="Court order on file.")],
        children=[r.Child(first_name="Leo", birth_date=dt.date(2022, 1, 1), classroom_id=room,
                          health_notes="Peanut allergy.")])


def build(ctx: ServiceContext) -> World:
    room = classrooms.save_classroom(ctx, r.Classroom(name="Sunflowers")).id
    room_b = classrooms.save_classroom(ctx, r.Classroom(name="Robins")).id
    worker = staff.save_staff(ctx, r.StaffMember(first_name="Wen")).id
    teacher = staff.save_staff(ctx, r.StaffMember(first_name="Tala", classroom_ids=[room])).id
    own = families.add_family(ctx, household("Own family", room))
    other = families.add_family(ctx, household("Other family", room_b))
    accounts.assign_family(ctx, own.family.id, worker)
    return World(own.family.id, other.family.id, own.children[0], other.children[0], room, room_b, worker,
                 teacher)


def actor(role: Role, w: World) -> Actor:
    staff_id = {Role.FAMILY_SERVICES: w.worker, Role.TEACHER: w.teacher}.get(role)
    return Actor(role, user_id=None, staff_id=staff_id, label=role.value)


def snapshot(ctx: ServiceContext) -> dict[str, str]:
    """Every table's rows, hashed: equal snapshots mean nothing at all was written."""
    out = {}
    with ctx.db.read() as s:
        for table in m.Base.metadata.sorted_tables:
            rows = s.execute(select(table)).all()
            digest = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()
            out[table.name] = f"{len(rows)}:{digest}"
    return out


Call = Callable[[ServiceContext, World], Any]
LETTER = {Role.DIRECTOR: "D", Role.FAMILY_SERVICES: "F", Role.TEACHER: "T", Role.OFFICE: "O"}


def check_table(ctx: ServiceContext, role: Role, table: dict[str, tuple[Call, str]],
                world: World | None = None) -> None:
    """``table``: name → (call, the letters of the roles allowed: D, F, T, O)."""
    w = world or build(ctx)
    acting = ctx.as_actor(actor(role, w))
    mismatches = {}
    for name, (call, allowed_for) in table.items():
        wanted = LETTER[role] in allowed_for
        before = None if wanted else snapshot(ctx)
        try:
            call(acting, w)
            got = True
        except PermissionDenied as exc:
            got = False
            message = str(exc)
            if not (message.endswith(".") and " " in message):
                mismatches[name] = f"refused without a sentence: {message!r}"
                continue
            if before is not None:
                after = snapshot(ctx)
                changed = [t for t in after if after[t] != before[t]]
                if changed:
                    mismatches[name] = f"refused but wrote to {changed}"
                    continue
        if got != wanted:
            mismatches[name] = f"got {'allowed' if got else 'denied'}"
    assert mismatches == {}
