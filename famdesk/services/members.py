"""Caregivers and children one at a time (the family editor saves whole households via families.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain import records as r
from famdesk.domain.errors import NotFoundError, ValidationError
from famdesk.domain.roles import Action, Kind
from famdesk.domain.text import fold
from famdesk.i18n import _
from famdesk.services import access, door
from famdesk.services.access import may_read_restricted
from famdesk.services.context import ServiceContext
from famdesk.services.families import load_family
from famdesk.services.family_records import (
    CHILD_FIELDS,
    apply_caregiver,
    apply_child,
    caregiver_record,
    child_record,
    family_record,
    search_text_for,
    validate_detail,
)
from famdesk.services.program import program_country
from famdesk.services.versions import bump_family


def _family_for(s: Session, family_id: int | None, who: str) -> m.Family:
    if family_id is None:
        raise ValidationError(_("{who} must belong to a family.").format(who=who), "family_id")
    row = load_family(s, family_id)
    if row.archived_at is not None:
        raise ValidationError(_("That family is archived; bring it back before adding to it."), "family_id")
    return row


@door.operation(Kind.CHILD, Action.WRITE, family=door.Attr("child", "family_id", m.Child), record="child.id")
def save_child(ctx: ServiceContext, child: r.Child) -> r.Child:
    """Add (``id is None``) or update one child of an existing family."""
    with ctx.db.transaction() as s:
        fam = _family_for(s, child.family_id, _("A child"))
        validate_detail(r.FamilyDetail(family_record(fam), children=[child]), program_country(s)).raise_if_any()
        if child.classroom_id is not None and s.get(m.Classroom, child.classroom_id) is None:
            raise ValidationError(_("That classroom no longer exists; choose another."), "classroom_id")
        row = m.Child() if child.id is None else s.get(m.Child, child.id)
        if row is None or (child.id is not None and row.family_id != fam.id):
            raise NotFoundError(_("That child is no longer in the directory."))
        apply_child(row, child, ctx.actor)
        bump_family(s, fam.id, ctx.actor)  # the household's version covers its children
        if child.id is None:
            fam.children.append(row)
        s.flush()
        door.set_record(row.id)
        fam.search_text = search_text_for(fam)
        return child_record(row, ctx.actor)


@door.operation(Kind.CHILD, Action.WRITE, family=door.Row("child_id", m.Child), record="child_id")
def exit_child(ctx: ServiceContext, child_id: int, on: dt.date | None = None) -> None:
    """Record that a child left the program (the record stays; erasure goes through the family)."""
    with ctx.db.transaction() as s:
        row = s.get(m.Child, child_id)
        if row is None:
            raise NotFoundError(_("That child is no longer in the directory."))
        row.exited_on = on or dt.date.today()
        bump_family(s, row.family_id, ctx.actor)


@door.operation(Kind.CAREGIVER, Action.WRITE, family=door.Attr("caregiver", "family_id", m.Caregiver),
                record="caregiver.id")
def save_caregiver(ctx: ServiceContext, caregiver: r.Caregiver) -> r.Caregiver:
    with ctx.db.transaction() as s:
        fam = _family_for(s, caregiver.family_id, _("A caregiver"))
        validate_detail(r.FamilyDetail(family_record(fam), caregivers=[caregiver]),
                        program_country(s)).raise_if_any()
        row = m.Caregiver(position=len(fam.caregivers)) if caregiver.id is None else s.get(m.Caregiver, caregiver.id)
        if row is None or (caregiver.id is not None and row.family_id != fam.id):
            raise NotFoundError(_("That caregiver is no longer in the directory."))
        apply_caregiver(row, caregiver, ctx.actor)
        bump_family(s, fam.id, ctx.actor)
        if caregiver.id is None:
            fam.caregivers.append(row)
        s.flush()
        door.set_record(row.id)
        fam.search_text = search_text_for(fam)
        return caregiver_record(row, ctx.actor)


@door.operation(Kind.CAREGIVER, Action.WRITE, family=door.Row("caregiver_id", m.Caregiver),
                record="caregiver_id")
def remove_caregiver(ctx: ServiceContext, caregiver_id: int) -> None:
    with ctx.db.transaction() as s:
        row = s.get(m.Caregiver, caregiver_id)
        if row is None:
            raise NotFoundError(_("That caregiver is no longer in the directory."))
        fam = row.family
        bump_family(s, fam.id, ctx.actor)
        fam.caregivers.remove(row)
        s.flush()
        fam.search_text = search_text_for(fam)


def _children_query(ctx: ServiceContext, *columns: Any) -> Select[Any]:
    """Children of active families the actor may see, by first and last name."""
    q = (select(*columns).join(m.Family, m.Family.id == m.Child.family_id)
         .where(m.Family.archived_at.is_(None), m.Child.exited_on.is_(None))
         .order_by(m.Child.first_name, m.Child.last_name))
    return access.scope_families(q, ctx.actor)


@door.operation(Kind.CHILD, Action.READ, family=door.LISTED)  # scope_families narrows
def child_names(ctx: ServiceContext) -> list[tuple[int, str]]:
    """(id, display name) of every child ``search_children`` would list, in its order: what pickers of
    every child hold (~70,000 in a program of 50,000 families; whole records took ~800 bytes each)."""
    q = _children_query(ctx, m.Child.id, m.Child.first_name, m.Child.preferred_name, m.Child.last_name)
    with ctx.db.read() as s:
        return [(cid, f"{preferred or first} {last}".strip()) for cid, first, preferred, last in s.execute(q)]


@door.operation(Kind.CHILD, Action.READ, family=door.Row("child_id", m.Child), record="child_id")
def get_child(ctx: ServiceContext, child_id: int) -> r.Child:
    """One child of an active family the actor may see (as ``search_children`` lists it)."""
    q = _children_query(ctx, *[getattr(m.Child, f) for f in CHILD_FIELDS], m.Child.health_notes,
                        m.Child.family_id, m.Child.id).where(m.Child.id == child_id)
    with ctx.db.read() as s:
        row = s.execute(q).first()
    if row is None:
        raise NotFoundError(_("That child is no longer in the directory."))
    return _child(row, may_read_restricted(ctx.actor, Kind.HEALTH_NOTES))


def _child(row: Any, health: bool) -> r.Child:
    return r.Child(**{f: row[i] for i, f in enumerate(CHILD_FIELDS)},
                   health_notes=row.health_notes if health else None, family_id=row.family_id, id=row.id)


@door.operation(Kind.CHILD, Action.READ, family=door.LISTED)  # scope_families narrows
def search_children(ctx: ServiceContext, text: str = "", classroom_id: int | None = None,
                    limit: int = 50) -> list[r.Child]:
    """Children of active families whose names match every typed word (for pickers).

    Reads plain columns, not mapped objects: the pickers list every child, ~70,000 in a program of
    50,000 families, and mapped objects took seconds and ~150 MB for that."""
    health = may_read_restricted(ctx.actor, Kind.HEALTH_NOTES)
    q = _children_query(ctx, *[getattr(m.Child, f) for f in CHILD_FIELDS], m.Child.health_notes,
                        m.Child.family_id, m.Child.id)
    if classroom_id is not None:
        q = q.where(m.Child.classroom_id == classroom_id)
    tokens = fold(text).split()
    out: list[r.Child] = []
    with ctx.db.read() as s:
        for row in s.execute(q):
            if tokens and not all(t in fold(f"{row.first_name} {row.preferred_name} {row.last_name}")
                                  for t in tokens):
                continue
            out.append(_child(row, health))
            if len(out) == limit:
                break
    return out
