"""The audit trail: append-only, tamper-evident and anchored outside the database.

Each entry stores ``entry_hash = SHA-256(prev_hash + canonical JSON of its own content)``, so changing,
removing or reordering any entry breaks every hash after it. Each entry also carries a seal (HMAC-SHA256
of its hash under a key that is not in the database), and the chain's head (entry count and last hash,
MAC'd) is kept outside the table, beside the database and every backup (db/audit_anchor.py). ``famdesk
check`` walks the chain and compares it with the head: an edited, removed or swapped entry, a cut tail,
an emptied table, a forged entry with a correct hash and a recomputed chain are all reported. Entries hold
ids, roles and actions only, never names or notes, and only directors may read them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from dataclasses import dataclass, replace

from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from famdesk.db import audit_anchor as anchor
from famdesk.db import models as m
from famdesk.db.models.base import utcnow
from famdesk.domain.errors import StorageError
from famdesk.domain.roles import Action, Actor, Kind
from famdesk.i18n import _, ngettext
from famdesk.services import door
from famdesk.services.context import ServiceContext

GENESIS = anchor.GENESIS
_PG_LOCK_KEY = 7_231_906  # advisory lock serializing appends on PostgreSQL
_PENDING = "famdesk_audit_head"  # session.info: the head to write once the transaction committed
_LISTENING = "famdesk_audit_listening"

log_ = logging.getLogger("famdesk.audit")


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: dt.datetime
    user_id: int | None
    actor: str
    action: str
    kind: str
    record_id: int | None
    detail: str


@door.pure("a fixed label from the actor")
def actor_label(actor: Actor) -> str:
    """The role, or the fixed label of a non-user actor ("command line"); never a person's name."""
    if actor.user_id is None and actor.label in ("command line", "demo"):
        return actor.label
    return actor.role.value


@door.pure("the canonical text of an entry")
def canonical(entry_id: int, at: dt.datetime, user_id: int | None, actor: str, action: str, kind: str,
              record_id: int | None, detail: str) -> str:
    return json.dumps({"id": entry_id, "at": at.isoformat(timespec="microseconds"), "user_id": user_id,
                       "actor": actor, "action": action, "kind": kind, "record_id": record_id,
                       "detail": detail}, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


@door.pure("a hash")
def entry_hash(prev_hash: str, content: str) -> str:
    return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()


@door.internal("where the audit key and head of a session's database live")
def anchor_place(session: Session) -> anchor.Place | None:
    """Beside a SQLite file; for PostgreSQL in this PC's config folder (None: an in-memory database)."""
    database = session.info.get("famdesk_database")
    return anchor.place_of(session.get_bind().engine.url, getattr(database, "anchor_folder", None))


@door.internal("the audit entry inside the caller's write transaction (the door calls it)")
def record(session: Session, actor: Actor, action: Action | str, kind: Kind | str,
           record_id: int | None = None, detail: str = "") -> None:
    """Append a sealed entry inside the caller's write transaction (it commits or rolls back with the
    change); the head outside the database follows once the transaction committed."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
    last = session.execute(select(m.AuditEntry.id, m.AuditEntry.entry_hash)
                           .order_by(m.AuditEntry.id.desc()).limit(1)).first()
    new_id, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    at = utcnow()
    label = actor_label(actor)
    content = canonical(new_id, at, actor.user_id, label, str(action), str(kind), record_id, detail)
    digest = entry_hash(prev, content)
    place = anchor_place(session)
    sealed = None
    if place is not None:
        key = _key(place, create=True)
        assert key is not None
        sealed = anchor.seal(key, digest)
        _head_after_commit(session, place, key, _next_head(session, place, key, new_id, digest))
    session.add(m.AuditEntry(id=new_id, at=at, user_id=actor.user_id, actor=label, action=str(action),
                             kind=str(kind), record_id=record_id, detail=detail, prev_hash=prev,
                             entry_hash=digest, seal=sealed))
    session.flush()


def _key(place: anchor.Place, create: bool) -> anchor.Key | None:
    try:
        return anchor.ensure_key(place.key) if create else anchor.load_key(place.key)
    except OSError as exc:
        raise StorageError(_("The audit key file {path} could not be written: {detail}").format(
            path=place.key, detail=exc.strerror or exc)) from None


def _next_head(session: Session, place: anchor.Place, key: anchor.Key, new_id: int,
               digest: str) -> anchor.Head | None:
    """The head once entry ``new_id`` is committed; None when the present head must stay as evidence
    (the table does not continue it: entries were removed or rewritten where it points)."""
    pending = session.info.get(_PENDING)
    if pending is not None:  # an earlier entry of this same transaction: continue its head
        return replace(pending[2], count=new_id, last_hash=digest)
    found = anchor.read_head(place.head, key)
    if found.ok and found.head is not None:
        h0 = found.head
        if h0.count >= new_id:
            return None  # the table is behind its head: a cut tail stays visible
        if h0.count and session.scalar(select(m.AuditEntry.entry_hash).where(m.AuditEntry.id == h0.count)) \
                != h0.last_hash:
            return None
        return replace(h0, count=new_id, last_hash=digest)
    first_sealed = session.scalar(select(func.min(m.AuditEntry.id)).where(m.AuditEntry.seal.is_not(None)))
    if first_sealed is None:  # first anchoring: what is there was written before seals existed
        return anchor.Head(new_id, digest, legacy_until=new_id - 1)
    return anchor.Head(new_id, digest, legacy_until=first_sealed - 1, restarted=anchor.now_text(),
                       restarted_why="missing" if found.state == "missing" else "invalid")


def _head_after_commit(session: Session, place: anchor.Place, key: anchor.Key,
                       head: anchor.Head | None) -> None:
    if not session.info.get(_LISTENING):
        event.listen(session, "after_commit", _write_pending)
        # any rollback, a savepoint's too, drops it: a head left behind is harmless, one ahead is not
        event.listen(session, "after_soft_rollback", _drop_pending)
        session.info[_LISTENING] = True
    if head is not None:
        session.info[_PENDING] = (place, key, head)
    else:
        session.info.pop(_PENDING, None)


def _write_pending(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if pending is None:
        return
    place, key, head = pending
    try:
        anchor.advance_head(place, key, head)
    except (OSError, StorageError):  # the change is committed; the head catches up at the next write
        log_.warning("the audit head file %s could not be updated", place.head, exc_info=True)


def _drop_pending(session: Session, *_transaction: object) -> None:
    session.info.pop(_PENDING, None)


@door.internal("an audit entry in its own transaction, for a service that went through the door")
def log(ctx: ServiceContext, action: Action | str, kind: Kind | str, record_id: int | None = None,
        detail: str = "") -> None:
    """Append an entry in its own transaction (for views: reads roll back, the trail must not)."""
    with ctx.db.transaction() as s:
        record(s, ctx.actor, action, kind, record_id, detail)


@door.operation(Kind.AUDIT, Action.READ, audit=True)
def entries(ctx: ServiceContext, limit: int = 500, offset: int = 0) -> list[AuditRecord]:
    """Newest first. Directors only; reading the trail is itself recorded (by the door)."""
    with ctx.db.read() as s:
        rows = s.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id.desc()).limit(limit).offset(offset))
        return [AuditRecord(x.id, x.at, x.user_id, x.actor, x.action, x.kind, x.record_id, x.detail)
                for x in rows]


# --- famdesk check ------------------------------------------------------------------------------

def _ranges(ids: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for i in ids:
        if out and out[-1][1] == i - 1:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


def _entries_text(first: int, last: int) -> str:
    if first == last:
        return _("entry {id}").format(id=first)
    return _("entries {first} to {last}").format(first=first, last=last)


@door.internal("a check of the audit chain inside the caller's read session (famdesk check)")
def chain_problems(session: Session, notes: list[str] | None = None) -> list[str]:
    """Walk the whole chain and compare it with its head outside the database; one sentence per problem.

    ``notes`` receives what is worth saying but is no problem (entries from before anchoring)."""
    problems: list[str] = []
    place = anchor_place(session)
    try:
        key = _key(place, create=False) if place is not None else None
    except StorageError as exc:  # a damaged key file: said as a problem, the rest still checked
        problems.append(str(exc))
        key = None
    head_read = anchor.read_head(place.head, key) if place is not None else anchor.HeadRead("missing")
    head = head_read.head if head_read.ok else None
    first_sealed = session.scalar(select(func.min(m.AuditEntry.id)).where(m.AuditEntry.seal.is_not(None)))
    legacy_until = head.legacy_until if head is not None else (
        first_sealed - 1 if first_sealed is not None else None)  # None: every entry so far is legacy
    prev = GENESIS
    expected_id = None
    last_id, last_hash = 0, GENESIS
    hash_at_head: str | None = None
    legacy: list[int] = []
    unsealed: list[int] = []
    bad_seal: list[int] = []
    other_keys: dict[str, list[int]] = {}
    for e in session.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id)).yield_per(1000):
        if expected_id is not None and e.id != expected_id:
            problems.append(_("Audit log: entries {first} to {last} are missing.").format(
                first=expected_id, last=e.id - 1))
        content = canonical(e.id, e.at, e.user_id, e.actor, e.action, e.kind, e.record_id, e.detail)
        if e.prev_hash != prev:
            problems.append(_("Audit log: entry {id} does not follow the entry before it.").format(id=e.id))
        if e.entry_hash != entry_hash(e.prev_hash, content):
            problems.append(_("Audit log: entry {id} was changed after it was written.").format(id=e.id))
        if place is not None:
            if e.seal is None:
                (legacy if legacy_until is None or e.id <= legacy_until else unsealed).append(e.id)
            elif key is None or anchor.seal_key_id(e.seal) != key.id:
                other_keys.setdefault(anchor.seal_key_id(e.seal), []).append(e.id)
            elif not anchor.verify_seal(key, e.entry_hash, e.seal):
                bad_seal.append(e.id)
        if head is not None and e.id == head.count:
            hash_at_head = e.entry_hash
        prev = e.entry_hash
        expected_id = e.id + 1
        last_id, last_hash = e.id, e.entry_hash
    if place is None:
        return problems
    for first, last in _ranges(bad_seal):
        problems.append(_("Audit log: famdesk's seal does not verify on {entries}: written or rewritten "
                          "outside famdesk (a forged entry, or the chain recomputed after an edit).").format(
            entries=_entries_text(first, last)))
    for first, last in _ranges(unsealed):
        problems.append(_("Audit log: no seal on {entries}, although the log was anchored before: added "
                          "outside famdesk.").format(entries=_entries_text(first, last)))
    for key_id, ids in other_keys.items():
        for first, last in _ranges(ids):
            problems.append(_missing_key_text(place, key_id, _entries_text(first, last)))
    problems += _head_problems(place, key, head_read, last_id, hash_at_head, bool(first_sealed))
    if legacy and notes is not None:
        first, last = legacy[0], legacy[-1]
        notes.append(_("Audit log: written before the log was anchored (by an older famdesk): {entries}, "
                       "chained but with no seal.").format(entries=_entries_text(first, last)))
    if not problems and key is not None:
        _refresh_head(place, key, head_read, last_id, last_hash, legacy_until)
    elif not problems and first_sealed is None and place is not None:
        _refresh_head(place, _key(place, create=True), head_read, last_id, last_hash, legacy_until)
    return problems


def _missing_key_text(place: anchor.Place, key_id: str, entries: str) -> str:
    if place.shared:
        return _("Audit log: the seal on {entries} was made with an audit key this computer does not have "
                 "(key {key}); set {env} to a copy of the key file of the computer that sealed it.").format(
            entries=entries, key=key_id, env=anchor.KEY_FILE_ENV)
    return _("Audit log: the seal on {entries} was made with an audit key that is not in {name} (key {key}); "
             "the key file was replaced or lost: copy back the one saved beside the newest backup.").format(
        entries=entries, key=key_id, name=place.key.name)


def _head_problems(place: anchor.Place, key: anchor.Key | None, found: anchor.HeadRead, last_id: int,
                   hash_at_head: str | None, any_sealed: bool) -> list[str]:
    name = place.head.name
    if found.state == "missing":
        if not any_sealed:
            return []  # a log from before anchoring (or an empty one): anchored by this check
        return [_("Audit log: the head file {name} is missing, so entries removed from the end of the log "
                  "cannot be detected; copy it back from the newest backup folder.").format(name=name)]
    if found.state == "unreadable":
        return [_("Audit log: the head file {name} is damaged; copy it back from the newest backup "
                  "folder.").format(name=name)]
    if found.state in ("other_key", "invalid") or found.head is None:
        if key is None:
            return [_("Audit log: the audit key file {key} is missing, so neither the seals nor the head "
                      "file {name} can be checked.").format(key=place.key, name=name)]
        return [_("Audit log: the head file {name} does not verify with the audit key: it was changed, or it "
                  "belongs to another database.").format(name=name)]
    head = found.head
    out: list[str] = []
    if head.restarted:
        why = {"missing": _("it was missing"), "invalid": _("it did not verify"),
               "restored": _("the backup restored then had no head file beside it")}.get(
            head.restarted_why, head.restarted_why)
        out.append(_("Audit log: the head file was made again on {date} because {why}; entries removed from "
                     "the end of the log before then cannot be detected.").format(
            date=head.restarted[:10], why=why))
    if head.count and last_id == 0:
        out.append(ngettext("Audit log: the log is empty, but it held {count} entry: it was removed.",
                            "Audit log: the log is empty, but it held {count} entries: every entry was removed.",
                            head.count).format(count=head.count))
    elif last_id < head.count:
        missing = head.count - last_id
        out.append(ngettext("Audit log: the log ends at entry {last}, but it held {count} entries: {missing} "
                            "entry was removed from its end.",
                            "Audit log: the log ends at entry {last}, but it held {count} entries: {missing} "
                            "entries were removed from its end.", missing).format(
            last=last_id, count=head.count, missing=missing))
    elif head.count and hash_at_head is not None and hash_at_head != head.last_hash:
        out.append(_("Audit log: entry {id} is not the entry the log's head recorded: the log was "
                     "rewritten up to there.").format(id=head.count))
    return out


def _refresh_head(place: anchor.Place, key: anchor.Key, found: anchor.HeadRead, last_id: int, last_hash: str,
                  legacy_until: int | None) -> None:
    """A clean log ahead of its head (a kill between a commit and the head update, or another PC's
    entries) moves the head up; a log from before anchoring gets its first head."""
    try:
        if found.ok and found.head is not None:
            if last_id > found.head.count:
                anchor.write_head(place.head, replace(found.head, count=last_id, last_hash=last_hash), key)
        elif found.state == "missing":
            anchor.write_head(place.head, anchor.Head(last_id, last_hash, legacy_until=last_id
                                                      if legacy_until is None else legacy_until), key)
    except OSError:
        log_.warning("the audit head file %s could not be written", place.head, exc_info=True)
