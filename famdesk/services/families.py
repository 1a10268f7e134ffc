"""Households: create, read, update, archive, erase and search."""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.orm import Session, selectinload

from famdesk.db import models as m
from famdesk.db.models.base import utcnow
from famdesk.db.models.directory import FTS_TABLE, WORDS_TABLE
from famdesk.domain import records as r
from famdesk.domain.errors import NotFoundError, ValidationError
from famdesk.domain.roles import Action, Actor, Kind
from famdesk.i18n import _
from famdesk.services import door, versions
from famdesk.services.context import ServiceContext
from famdesk.services.family_records import (
    apply_caregiver,
    apply_child,
    apply_family,
    apply_pickup,
    detail_record,
    search_text_for,
    validate_detail,
)
from famdesk.services.family_search import SORT_COLUMNS as SORT_COLUMNS
from famdesk.services.family_search import FamilyFilter as FamilyFilter
from famdesk.services.family_search import _filtered as _filtered  # exports.py filters the same way
from famdesk.services.family_search import count_families as count_families
from famdesk.services.family_search import family_ids_enrolled_since as family_ids_enrolled_since
from famdesk.services.family_search import fts_ready
from famdesk.services.family_search import search_families as search_families
from famdesk.services.family_search import search_page as search_page
from famdesk.services.legal_holds import refuse_if_held
from famdesk.services.program import program_country


@door.internal("loads a household inside the caller's session")
def load_family(session: Session, family_id: int) -> m.Family:
    row = session.get(m.Family, family_id, options=[selectinload(m.Family.caregivers),
                                                    selectinload(m.Family.children),
                                                    selectinload(m.Family.pickups)])
    if row is None:
        raise NotFoundError(_("That family is no longer in the directory."))
    return row


def _check_classrooms(session: Session, detail: r.FamilyDetail) -> None:
    wanted = {c.classroom_id for c in detail.children if c.classroom_id is not None}
    if wanted:
        found = set(session.scalars(select(m.Classroom.id).where(m.Classroom.id.in_(wanted))))
        if wanted - found:
            raise ValidationError(_("A child's classroom no longer exists; choose another."), "children.classroom_id")


@door.operation(Kind.FAMILY, Action.WRITE, family=door.Attr("detail", "family.id"))
def add_family(ctx: ServiceContext, detail: r.FamilyDetail) -> r.FamilyDetail:
    """Create a household with its caregivers, children and pickup persons in one transaction.

    A new household has no family yet: roles limited to their own families are refused by the door."""
    with ctx.db.transaction() as s:
        validate_detail(detail, program_country(s)).raise_if_any()
        _check_classrooms(s, detail)
        row = insert_household(s, detail, ctx.actor)
        door.set_record(row.id)
        return detail_record(row, ctx.actor)


@door.internal("adds a validated household inside the caller's transaction (the importer)")
def insert_household(s: Session, detail: r.FamilyDetail, actor: Actor, *, flush: bool = True) -> m.Family:
    """Add an already validated household inside the caller's transaction (the importer adds many)."""
    row = m.Family()
    apply_family(row, detail.family)
    versions.stamp_new(row, actor)
    for pos, cg in enumerate(detail.caregivers):
        cg_row = m.Caregiver(position=pos)
        apply_caregiver(cg_row, cg, actor)
        row.caregivers.append(cg_row)
    for ch in detail.children:
        ch_row = m.Child()
        apply_child(ch_row, ch, actor)
        row.children.append(ch_row)
    for p in detail.pickups:
        p_row = m.PickupPerson()
        apply_pickup(p_row, p)
        row.pickups.append(p_row)
    row.search_text = search_text_for(row)
    s.add(row)
    if flush:
        s.flush()
    return row


@door.internal("adds validated households inside the caller's transaction (the importer)")
def bulk_insert_households(s: Session, details: Sequence[r.FamilyDetail], actor: Actor) -> list[int]:
    """Add many validated households inside the caller's transaction with a few multi-row INSERTs.

    Rows are filled by the same ``apply_*`` functions as ``insert_household`` (so stored values and
    search text are identical) but on plain namespaces, then written with executemany: 10,000 roster
    rows in seconds instead of the ORM's unit of work.
    """
    families_rows, members = [], []
    for d in details:
        row = SimpleNamespace()
        apply_family(row, d.family)  # type: ignore[arg-type]
        cgs, kids, picks = [], [], []
        for pos, cg in enumerate(d.caregivers):
            cg_row = SimpleNamespace(position=pos)
            apply_caregiver(cg_row, cg, actor)  # type: ignore[arg-type]
            cgs.append(vars(cg_row))
        for ch in d.children:
            ch_row = SimpleNamespace()
            apply_child(ch_row, ch, actor)  # type: ignore[arg-type]
            kids.append(vars(ch_row))
        for p in d.pickups:
            p_row = SimpleNamespace()
            apply_pickup(p_row, p)  # type: ignore[arg-type]
            picks.append(vars(p_row))
        row.caregivers = [SimpleNamespace(**c) for c in cgs]
        row.children = [SimpleNamespace(**c) for c in kids]
        row.search_text = search_text_for(row)  # type: ignore[arg-type]
        del row.caregivers, row.children
        families_rows.append(vars(row))
        members.append((cgs, kids, picks))
    if not families_rows:
        return []
    if s.get_bind().dialect.name == "sqlite":
        # The transaction holds SQLite's write lock (BEGIN IMMEDIATE), so the next ids are ours to give;
        # a plain executemany is many times faster than INSERT … RETURNING row by row.
        start = int(s.scalar(select(func.coalesce(func.max(m.Family.id), 0))) or 0) + 1
        ids = list(range(start, start + len(families_rows)))
        rows = [{**row, "id": fid} for row, fid in zip(families_rows, ids, strict=True)]
        s.execute(insert(m.Family.__table__), rows)
    else:
        ids = list(s.scalars(insert(m.Family).returning(m.Family.id, sort_by_parameter_order=True),
                             families_rows))
    for cls, index in ((m.Caregiver, 0), (m.Child, 1), (m.PickupPerson, 2)):
        # Core INSERT (column names, not attribute names): the ORM's bulk layer costs more than SQLite.
        rows = [{("relationship" if k == "relationship_" else k): v for k, v in values.items()}
                | {"family_id": fid}
                for fid, group in zip(ids, members, strict=True) for values in group[index]]
        if rows:
            s.execute(insert(cls.__table__), rows)
    return ids


@door.operation(Kind.FAMILY, Action.READ, family=door.Arg("family_id"), record="family_id", audit=True)
def get_family(ctx: ServiceContext, family_id: int) -> r.FamilyDetail:
    """The whole household record (restricted notes only for those who may read them); audited as a
    view of a whole family record."""
    with ctx.db.read() as s:
        return detail_record(load_family(s, family_id), ctx.actor)


@door.operation(Kind.FAMILY, Action.WRITE, family=door.Attr("detail", "family.id"), record="detail.family.id")
def update_family(ctx: ServiceContext, detail: r.FamilyDetail) -> r.FamilyDetail:
    """Save a household as edited: members with an id are updated, new ones added, missing ones removed."""
    if detail.family.id is None:
        raise NotFoundError(_("That family has not been saved yet."))
    with ctx.db.transaction() as s:
        validate_detail(detail, program_country(s)).raise_if_any()
        _check_classrooms(s, detail)
        row = load_family(s, detail.family.id)
        versions.check_and_bump(s, row, detail.family.version, ctx.actor)  # refuses a stale form
        apply_family(row, detail.family)
        _sync(row.caregivers, detail.caregivers, m.Caregiver,
              lambda o, d: apply_caregiver(o, d, ctx.actor))
        for pos, cg_row in enumerate(row.caregivers):
            cg_row.position = pos
        _sync(row.children, detail.children, m.Child, lambda o, d: apply_child(o, d, ctx.actor))
        _sync(row.pickups, detail.pickups, m.PickupPerson, apply_pickup)
        s.flush()
        row.search_text = search_text_for(row)
        s.flush()
        s.refresh(row)
        return detail_record(row, ctx.actor)


def _sync(rows: list, items: Sequence, cls: type, apply) -> None:  # type: ignore[no-untyped-def]
    by_id = {x.id: x for x in rows}
    keep = []
    for item in items:
        target = by_id.get(item.id) if item.id is not None else None
        if item.id is not None and target is None:
            raise NotFoundError(_("Someone else changed this family; reopen it and try again."))
        if target is None:
            target = cls()
        apply(target, item)
        keep.append(target)
    rows[:] = keep


@door.operation(Kind.FAMILY, Action.WRITE, family=door.Arg("family_id"), record="family_id")
def archive_family(ctx: ServiceContext, family_id: int, archived: bool = True) -> None:
    """Archive (hide from daily lists, keep the record) or bring back a family."""
    with ctx.db.transaction() as s:
        row = load_family(s, family_id)
        versions.bump(s, row, ctx.actor)
        row.archived_at = (row.archived_at or utcnow()) if archived else None


@door.operation(Kind.FAMILY, Action.ERASE, family=door.Arg("family_id"), record="family_id")
def erase_family(ctx: ServiceContext, family_id: int) -> None:
    """Delete a household and everything hanging off it, for real (a family's erasure request).

    Rows pointing at the family or its members go with it through ON DELETE CASCADE (incidents through the
    child). A family on legal hold is refused.
    """
    with ctx.db.transaction() as s:
        erase_in(s, family_id)
    ctx.db.checkpoint()  # and from the -wal file


@door.internal("erases one household inside the caller's transaction (retention erases several)")
def erase_in(s: Session, family_id: int) -> None:
    """The erasure itself; the caller checkpoints the WAL after its commit."""
    load_family(s, family_id)
    refuse_if_held(s, family_id)
    sqlite = s.get_bind().dialect.name == "sqlite"
    if sqlite:  # overwrite the freed pages, so the name is really gone from the file
        s.execute(text("PRAGMA secure_delete = ON"))
    s.execute(delete(m.Family).where(m.Family.id == family_id))
    if sqlite and fts_ready(s):
        # FTS5 only marks deleted tokens; merging its segments drops the name from the index too.
        for table in (FTS_TABLE, WORDS_TABLE):
            s.execute(text(f"INSERT INTO {table}({table}) VALUES ('optimize')"))


