"""The audit trail: append-only and tamper-evident.

Each entry stores ``entry_hash = SHA-256(prev_hash + canonical JSON of its own content)``, so changing,
removing or reordering any entry breaks every hash after it; ``famdesk check`` walks the chain. Entries
hold ids, roles and actions only, never names or notes, and only directors may read them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.db.models.base import utcnow
from famdesk.domain.roles import Action, Actor, Kind
from famdesk.i18n import _
from famdesk.services.context import ServiceContext

GENESIS = "0" * 64
_PG_LOCK_KEY = 7_231_906  # advisory lock serializing appends on PostgreSQL


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


def actor_label(actor: Actor) -> str:
    """The role, or the fixed label of a non-user actor ("command line"); never a person's name."""
    if actor.user_id is None and actor.label in ("command line", "demo"):
        return actor.label
    return actor.role.value


def canonical(entry_id: int, at: dt.datetime, user_id: int | None, actor: str, action: str, kind: str,
              record_id: int | None, detail: str) -> str:
    return json.dumps({"id": entry_id, "at": at.isoformat(timespec="microseconds"), "user_id": user_id,
                       "actor": actor, "action": action, "kind": kind, "record_id": record_id,
                       "detail": detail}, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def entry_hash(prev_hash: str, content: str) -> str:
    return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()


def record(session: Session, actor: Actor, action: Action | str, kind: Kind | str, record_id: int | None = None,
           detail: str = "") -> None:
    """Append an entry inside the caller's write transaction (it commits or rolls back with the change)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
    last = session.execute(select(m.AuditEntry.id, m.AuditEntry.entry_hash)
                           .order_by(m.AuditEntry.id.desc()).limit(1)).first()
    new_id, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    at = utcnow()
    label = actor_label(actor)
    content = canonical(new_id, at, actor.user_id, label, str(action), str(kind), record_id, detail)
    session.add(m.AuditEntry(id=new_id, at=at, user_id=actor.user_id, actor=label, action=str(action),
                             kind=str(kind), record_id=record_id, detail=detail, prev_hash=prev,
                             entry_hash=entry_hash(prev, content)))
    session.flush()


def log(ctx: ServiceContext, action: Action | str, kind: Kind | str, record_id: int | None = None,
        detail: str = "") -> None:
    """Append an entry in its own transaction (for views: reads roll back, the trail must not)."""
    with ctx.db.transaction() as s:
        record(s, ctx.actor, action, kind, record_id, detail)


def entries(ctx: ServiceContext, limit: int = 500, offset: int = 0) -> list[AuditRecord]:
    """Newest first. Directors only; reading the trail is itself recorded."""
    from famdesk.services import access

    access.require(ctx.actor, Kind.AUDIT, Action.READ)
    with ctx.db.read() as s:
        rows = s.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id.desc()).limit(limit).offset(offset))
        out = [AuditRecord(x.id, x.at, x.user_id, x.actor, x.action, x.kind, x.record_id, x.detail) for x in rows]
    log(ctx, Action.READ, Kind.AUDIT)
    return out


def chain_problems(session: Session) -> list[str]:
    """Walk the whole chain; one line per broken link (registered as a `famdesk check`)."""
    problems: list[str] = []
    prev = GENESIS
    expected_id = None
    for e in session.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id)).yield_per(1000):
        if expected_id is not None and e.id != expected_id:
            problems.append(_("Audit log: entries {first} to {last} are missing.").format(
                first=expected_id, last=e.id - 1))
        content = canonical(e.id, e.at, e.user_id, e.actor, e.action, e.kind, e.record_id, e.detail)
        if e.prev_hash != prev:
            problems.append(_("Audit log: entry {id} does not follow the entry before it.").format(id=e.id))
        if e.entry_hash != entry_hash(e.prev_hash, content):
            problems.append(_("Audit log: entry {id} was changed after it was written.").format(id=e.id))
        prev = e.entry_hash
        expected_id = e.id + 1
    return problems
