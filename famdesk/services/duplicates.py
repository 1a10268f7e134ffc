"""Possible duplicate households (on create and import) and merging two households into one.

A household looks like one already in the directory when a child has the same name and birth date, or a
caregiver has a near-identical name (rapidfuzz ≥ 90) and the same phone number.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlalchemy import Table, delete, select, tuple_, update
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain import records as r
from famdesk.domain.directory import DuplicateCandidate, MergeResult
from famdesk.domain.errors import ValidationError
from famdesk.domain.roles import Action, Kind
from famdesk.domain.text import digits_only, fold
from famdesk.formatting import ui_date
from famdesk.i18n import _
from famdesk.services import access, audit, door, versions
from famdesk.services.context import ServiceContext
from famdesk.services.families import load_family
from famdesk.services.family_records import search_text_for
from famdesk.services.legal_holds import hold_in

NAME_SIMILARITY = 90
_PHONES = ("mobile_phone", "home_phone", "work_phone")


def _phone_key(phone: str) -> str:
    return digits_only(phone)[-10:]


@dataclass
class DuplicateIndex:
    """What the directory holds, keyed for quick look-ups (one load serves a whole import)."""

    children: dict[tuple[str, object], list[int]] = field(default_factory=lambda: defaultdict(list))
    phones: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    names: dict[int, str] = field(default_factory=dict)

    @classmethod
    def load(
        cls,
        s: Session,
        *,
        birth_dates: set[object] | None = None,
        phones: set[str] | None = None,
        exclude_id: int | None = None,
    ) -> DuplicateIndex:
        idx = cls()
        q = select(m.Child.family_id, m.Child.first_name, m.Child.last_name, m.Child.birth_date).where(
            m.Child.birth_date.is_not(None)
        )
        if birth_dates is not None:
            q = q.where(m.Child.birth_date.in_(list(birth_dates) or [None]))
        for fid, first, last, born in s.execute(q):
            if fid != exclude_id:
                idx.children[(fold(f"{first} {last}"), born)].append(fid)
        cq = select(
            m.Caregiver.family_id,
            m.Caregiver.first_name,
            m.Caregiver.last_name,
            *[getattr(m.Caregiver, f) for f in _PHONES],
        )
        if phones is not None:
            wanted = [p for p in phones if p]
            if not wanted:
                cq = cq.where(m.Caregiver.id.is_(None))
            else:
                cq = cq.where(
                    m.Caregiver.mobile_phone.in_(wanted)
                    | m.Caregiver.home_phone.in_(wanted)
                    | m.Caregiver.work_phone.in_(wanted)
                )
        for fid, first, last, *numbers in s.execute(cq):
            if fid == exclude_id:
                continue
            for n in numbers:
                if n:
                    idx.phones[_phone_key(n)].append((fid, fold(f"{first} {last}")))
        ids = {f for v in idx.children.values() for f in v} | {f for v in idx.phones.values() for f, _n in v}
        if ids:
            for fid, name in s.execute(select(m.Family.id, m.Family.name).where(m.Family.id.in_(ids))):
                idx.names[fid] = name
        return idx

    def matches(self, detail: r.FamilyDetail) -> list[DuplicateCandidate]:
        found: dict[int, str] = {}
        for ch in detail.children:
            if ch.birth_date is None:
                continue
            for fid in self.children.get((fold(f"{ch.first_name} {ch.last_name}"), ch.birth_date), []):
                found.setdefault(
                    fid,
                    _("A child with the same name and birth date: {name}, {date}.").format(
                        name=ch.display_name, date=ui_date(ch.birth_date)
                    ),
                )
        for cg in detail.caregivers:
            name = fold(f"{cg.first_name} {cg.last_name}")
            for f in _PHONES:
                key = _phone_key(getattr(cg, f))
                if not key:
                    continue
                for fid, other in self.phones.get(key, []):
                    if fuzz.token_sort_ratio(name, other) >= NAME_SIMILARITY:
                        found.setdefault(
                            fid,
                            _("A caregiver with a near-identical name and the same phone: {name}.").format(
                                name=cg.display_name
                            ),
                        )
        return [DuplicateCandidate(fid, self.names.get(fid, ""), reason) for fid, reason in found.items()]


@door.operation(Kind.FAMILY, Action.READ, family=door.LISTED)  # only the actor's own families are named
def find_duplicates(ctx: ServiceContext, detail: r.FamilyDetail) -> list[DuplicateCandidate]:
    """Families that look like ``detail`` (itself excluded when it is already saved), among those the
    actor may see."""
    dates = {c.birth_date for c in detail.children if c.birth_date}
    phones = {getattr(c, f) for c in detail.caregivers for f in _PHONES if getattr(c, f)}
    from famdesk.services.validation import phone_e164

    normalized = set()
    for p in phones:
        try:
            normalized.add(phone_e164(p))
        except ValueError:
            continue
    with ctx.db.read() as s:
        idx = DuplicateIndex.load(
            s, birth_dates=dates, phones=normalized | phones, exclude_id=detail.family.id
        )
        found = idx.matches(detail)
        if found and access.is_scoped(ctx.actor, Kind.FAMILY):
            ids = [c.family_id for c in found]
            own = access.scope_families(select(m.Family.id), ctx.actor).where(m.Family.id.in_(ids))
            mine = set(s.scalars(own))
            found = [c for c in found if c.family_id in mine]
        return found


def _references(target: str, skip: set[str]) -> list[tuple[Table, str]]:
    """Every (table, column) that points at ``target``.id, including tables other areas add later."""
    out = []
    m.load_all()  # area models load lazily; every referencing table must be known here
    for table in m.Base.metadata.sorted_tables:
        if table.name in skip:
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name == target and fk.column.name == "id":
                out.append((table, fk.parent.name))
    return out


def _repoint(s: Session, target: str, old: int, new: int, skip: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    for table, column in _references(target, set(skip)):
        key = [c for c in table.primary_key.columns if c.name != column]
        if column in table.primary_key.columns and key:
            # A link table (a caseload, say): a link the kept record already has would be a duplicate.
            kept = select(*key).where(table.c[column] == new)
            s.execute(delete(table).where(table.c[column] == old, tuple_(*key).in_(kept)))
        s.execute(update(table).where(table.c[column] == old).values({column: new}))


@door.operation(Kind.FAMILY, Action.ERASE, family=door.each(door.Arg("keep_id"), door.Arg("merge_id")),
                record="merge_id")
def merge_families(ctx: ServiceContext, keep_id: int, merge_id: int) -> MergeResult:
    """Fold household ``merge_id`` into ``keep_id``; the same person in both becomes one record.

    Caregivers are the same person when their folded names are equal; children when name and birth date
    are. Blank fields of the kept records are filled from the merged ones; everything else that points at
    the merged household (visits, notes… of other areas) is moved to the kept one.

    Needs erase (the door) and write (checked here) on both families, and neither may be on legal hold.
    The audit trail names both: the door's entry the merged (erased) family, a second one the kept family.
    """
    if keep_id == merge_id:
        raise ValidationError(_("Choose two different families to merge."), "merge_id")
    result = MergeResult(keep_id)
    with ctx.db.transaction() as s:
        for fid in (keep_id, merge_id):
            access.require(ctx.actor, Kind.FAMILY, Action.WRITE, s, fid)
        keep, gone = load_family(s, keep_id), load_family(s, merge_id)
        for fid in (keep_id, merge_id):
            hold = hold_in(s, fid)
            if hold is not None:
                raise ValidationError(
                    _("A family on legal hold cannot be merged ({reason}). A director must release the hold "
                      "first; nothing was merged.").format(reason=hold.reason), "legal_hold")
        audit.record(s, ctx.actor, Action.WRITE, Kind.FAMILY, keep_id)  # the kept family changed too
        versions.bump(s, keep, ctx.actor)  # forms opened on either family are stale now
        for f in (
            "address_line1",
            "address_line2",
            "city",
            "region",
            "postal_code",
            "best_times",
            "external_id",
        ):
            if not getattr(keep, f) and getattr(gone, f):
                setattr(keep, f, getattr(gone, f))
        keep.home_languages = list(dict.fromkeys([*keep.home_languages, *gone.home_languages]))
        if gone.notes and gone.notes not in keep.notes:
            keep.notes = f"{keep.notes}\n{gone.notes}".strip()
        keep.interpreter_needed = keep.interpreter_needed or gone.interpreter_needed
        people = {fold(f"{c.first_name} {c.last_name}"): c for c in keep.caregivers}
        moves: list[tuple[str, int, int | None]] = []  # (table, id, merged-into id or None = move)
        position = len(keep.caregivers)
        for cg in gone.caregivers:
            same = people.get(fold(f"{cg.first_name} {cg.last_name}"))
            if same is None:
                moves.append(("caregiver", cg.id, None))
                result.caregivers_moved += 1
                continue
            for f in (*_PHONES, "email", "preferred_language"):
                if not getattr(same, f) and getattr(cg, f):
                    setattr(same, f, getattr(cg, f))
            if cg.custody_notes and cg.custody_notes not in same.custody_notes:
                same.custody_notes = f"{same.custody_notes}\n{cg.custody_notes}".strip()
            same.authorized_pickup = same.authorized_pickup and cg.authorized_pickup
            same.emergency_contact = same.emergency_contact or cg.emergency_contact
            moves.append(("caregiver", cg.id, same.id))
            result.caregivers_merged += 1
        kids = {(fold(f"{c.first_name} {c.last_name}"), c.birth_date): c for c in keep.children}
        for ch in gone.children:
            same_child = kids.get((fold(f"{ch.first_name} {ch.last_name}"), ch.birth_date))
            if same_child is None:
                moves.append(("child", ch.id, None))
                result.children_moved += 1
                continue
            for f in ("preferred_name", "classroom_id", "enrolled_on"):
                if not getattr(same_child, f) and getattr(ch, f):
                    setattr(same_child, f, getattr(ch, f))
            moves.append(("child", ch.id, same_child.id))
            result.children_merged += 1
        pickups = {fold(p.name) for p in keep.pickups}
        for p in gone.pickups:
            moves.append(("pickup_person", p.id, -1 if fold(p.name) in pickups else None))
        s.flush()
        s.expunge_all()
        tables = {"caregiver": m.Caregiver, "child": m.Child, "pickup_person": m.PickupPerson}
        for name, row_id, into in moves:
            cls = tables[name]
            if into is None:
                values: dict[str, object] = {"family_id": keep_id}
                if name == "caregiver":
                    values["position"] = position
                    position += 1
                s.execute(update(cls).where(cls.id == row_id).values(values))
            else:
                if into > 0:
                    _repoint(s, name, row_id, into)
                s.execute(delete(cls).where(cls.id == row_id))
        _repoint(s, "family", merge_id, keep_id, skip={"caregiver", "child", "pickup_person"})
        s.execute(delete(m.Family).where(m.Family.id == merge_id))
        kept = load_family(s, keep_id)
        kept.search_text = search_text_for(kept)
    return result
