"""Change notices from other processes: which areas another famdesk (a window on another PC, a command
run beside the window) changed. Qt-free: the window polls a watcher from a timer every second or so.

- Within one process the door tells its listeners directly (``door.listen``): areas are the kind names
  of the operations that wrote (``"family"``, ``"child"``, ``"visit"``…) plus their declared ``changes``.
- **SQLite**: ``PRAGMA data_version`` read on one long-lived connection changes only when another
  connection committed (a cheap check, no table is read). When it did, the write entries the audit trail
  gained since name the kinds that changed (every write through the door leaves one in its own
  transaction); entries this process committed itself are skipped, as the window heard of those at
  once, and views (read entries) are no change. When the trail cannot be read, the notice is ``ANY``.
- **PostgreSQL**: the door's write transactions send ``NOTIFY famdesk_changes, '<areas>'`` (``notify``,
  inside the transaction, so it arrives only if the change committed); the watcher ``LISTEN``\\ s on a
  connection of its own and reads what arrived without waiting. Notices sent by this process's own
  connections are skipped.

``ANY`` in a notice means "something changed, which is not known" (a database restored or reopened,
a lost server connection): pages then refresh what they show.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.orm import Session

from famdesk.services import door

CHANNEL = "famdesk_changes"
ANY = "*"
WRITE_ACTIONS = ("write", "erase")

# Areas that stand for several others (an import adds families with their members and classrooms; a
# restored or re-keyed database may differ in everything).
IMPLIES: dict[str, frozenset[str]] = {
    "import": frozenset({"family", "caregiver", "child", "pickup", "classroom", "staff"}),
    "database": frozenset({ANY}),
}

log = logging.getLogger("famdesk.changes")


@door.pure("formats area names")
def payload(areas: Iterable[str]) -> str:
    """The NOTIFY payload: area names, comma-separated (PostgreSQL allows 8000 bytes; kinds are short)."""
    return ",".join(sorted(set(areas)))[:7900]


@door.pure("parses area names")
def parse_payload(text_: str) -> frozenset[str]:
    return frozenset(part.strip() for part in (text_ or "").split(",") if part.strip()) or frozenset({ANY})


@door.pure("compares area names")
def affected(areas: Iterable[str], wanted: Iterable[str]) -> frozenset[str]:
    """Which of ``wanted`` (the areas a page shows) a notice about ``areas`` touches; ``ANY`` touches all."""
    wanted = frozenset(wanted)
    named = set(areas)
    for area in list(named):
        named |= IMPLIES.get(area, frozenset())
    return wanted if ANY in named else wanted & named


@door.internal("sends the change notice inside the door's write transaction (PostgreSQL)")
def notify(session: Session, areas: Iterable[str]) -> None:
    """``NOTIFY famdesk_changes, '<areas>'`` in the caller's transaction: delivered only on commit."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:channel, :areas)"),
                        {"channel": CHANNEL, "areas": payload(areas)})


class Watcher:
    """Reports what other processes changed since the last ``poll`` (never blocks for long)."""

    def poll(self) -> frozenset[str]:
        return frozenset()

    def close(self) -> None:
        pass


class SqliteWatcher(Watcher):
    """``PRAGMA data_version`` on one connection of its own, then the audit trail's new write entries."""

    def __init__(self, db: Any) -> None:
        self.db = db
        self._engine: Any = None
        self._conn: Any = None
        self._version: int | None = None
        self._last_id = 0
        self._own: set[int] = set()  # audit entry ids committed by this process
        self._lock = threading.Lock()
        self._after_flush = self._note_flush
        self._after_commit = self._note_commit
        self._after_rollback = self._note_rollback
        event.listen(Session, "after_flush", self._after_flush)
        event.listen(Session, "after_commit", self._after_commit)
        event.listen(Session, "after_soft_rollback", self._after_rollback)
        self._connect()

    # --- this process's own audit entries (so its own writes are not reported twice) ---------------
    def _ours(self, session: Session) -> bool:
        bind = session.get_bind()
        engine = getattr(bind, "engine", bind)
        return engine is self.db.engine

    def _note_flush(self, session: Session, _context: Any) -> None:
        from famdesk.db import models as m

        ids = [obj.id for obj in session.new if isinstance(obj, m.AuditEntry) and obj.id is not None]
        if ids and self._ours(session):
            session.info.setdefault("famdesk_audit_ids", []).extend(ids)

    def _note_commit(self, session: Session) -> None:
        ids = session.info.pop("famdesk_audit_ids", None)
        if ids:
            with self._lock:
                self._own.update(ids)

    def _note_rollback(self, session: Session, _previous: Any) -> None:
        session.info.pop("famdesk_audit_ids", None)

    # --- the watching connection --------------------------------------------------------------------
    def _connect(self) -> None:
        self._engine = self.db.engine
        # Kept for the window's life: data_version is per connection.
        self._conn = self._engine.raw_connection()
        self._version = self._data_version()
        self._last_id = self._max_audit_id()

    def _disconnect(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # noqa: BLE001 - the engine may be gone already
                log.debug("closing the watching connection failed", exc_info=True)
        self._conn = None

    def _data_version(self) -> int:
        cur = self._conn.cursor()
        try:
            cur.execute("PRAGMA data_version")
            return int(cur.fetchone()[0])
        finally:
            cur.close()

    def _max_audit_id(self) -> int:
        cur = self._conn.cursor()
        try:
            cur.execute("SELECT coalesce(max(id), 0) FROM audit_entry")
            return int(cur.fetchone()[0])
        except Exception:  # noqa: BLE001 - no trail (yet): every change is then ANY
            return 0
        finally:
            cur.close()

    def poll(self) -> frozenset[str]:
        if self._engine is not self.db.engine:  # the file was replaced (restored, encrypted, decrypted)
            self._disconnect()
            self._connect()
            return frozenset({ANY})
        if self._conn is None:
            return frozenset()
        try:
            version = self._data_version()
            if version == self._version:
                return frozenset()
            self._version = version
            return self._new_writes()
        except Exception:  # noqa: BLE001 - a busy or vanished file: try again at the next poll
            log.warning("could not check the database for changes", exc_info=True)
            return frozenset()

    def _new_writes(self) -> frozenset[str]:
        cur = self._conn.cursor()
        try:
            cur.execute("SELECT id, action, kind FROM audit_entry WHERE id > ? ORDER BY id", (self._last_id,))
            rows = cur.fetchall()
        except Exception:  # noqa: BLE001 - the trail cannot be read: say only that something changed
            log.debug("audit trail not readable", exc_info=True)
            return frozenset({ANY})
        finally:
            cur.close()
        with self._lock:
            own = self._own
            areas = {str(kind) for entry_id, action, kind in rows
                     if str(action) in WRITE_ACTIONS and entry_id not in own}
            if rows:
                self._last_id = max(int(row[0]) for row in rows)
            elif self._max_audit_id() < self._last_id:  # the trail was cut (``famdesk check`` reports it)
                self._last_id = self._max_audit_id()
            self._own = {i for i in own if i > self._last_id}
        return frozenset(areas)

    def close(self) -> None:
        for name, fn in (("after_flush", self._after_flush), ("after_commit", self._after_commit),
                         ("after_soft_rollback", self._after_rollback)):
            if event.contains(Session, name, fn):
                event.remove(Session, name, fn)
        self._disconnect()


class PostgresWatcher(Watcher):
    """``LISTEN famdesk_changes`` on a connection of its own; notices from this process are skipped."""

    def __init__(self, db: Any) -> None:
        self.db = db
        self._own_pids: set[int] = set()
        self._on_checkout = self._note_checkout
        event.listen(db.engine, "checkout", self._on_checkout)
        self._conn: Any = None
        self._connect()

    def _note_checkout(self, dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
        pid = getattr(getattr(dbapi_conn, "info", None), "backend_pid", None)
        if pid is not None:
            self._own_pids.add(int(pid))

    def _connect(self) -> None:
        import psycopg

        url = self.db.engine.url.set(drivername="postgresql")
        self._conn = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
        self._conn.execute(f"LISTEN {CHANNEL}")

    def poll(self) -> frozenset[str]:
        lost = False
        if self._conn is None or self._conn.closed:
            try:
                self._connect()
            except Exception:  # noqa: BLE001 - the server is away: try again at the next poll
                log.warning("could not listen for changes", exc_info=True)
                return frozenset()
            lost = True  # notices may have been missed while away
        areas: set[str] = {ANY} if lost else set()
        try:
            for notice in self._conn.notifies(timeout=0):
                if notice.pid not in self._own_pids:
                    areas |= parse_payload(notice.payload)
        except Exception:  # noqa: BLE001 - connection lost: reconnect next time, then refresh everything
            log.warning("lost the connection listening for changes", exc_info=True)
            self._close_connection()
        return frozenset(areas)

    def _close_connection(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # noqa: BLE001
                log.debug("closing the listening connection failed", exc_info=True)
        self._conn = None

    def close(self) -> None:
        if event.contains(self.db.engine, "checkout", self._on_checkout):
            event.remove(self.db.engine, "checkout", self._on_checkout)
        self._close_connection()


@door.internal("opens the change watcher for the window (a connection of its own; reads no records)")
def watch(db: Any) -> Watcher:
    """The watcher for this database: SQLite's data_version, PostgreSQL's LISTEN, or none (in memory)."""
    if db.is_sqlite:
        path = db.sqlite_path
        if not path or path == ":memory:" or str(path).startswith("file::memory:"):
            return Watcher()
        return SqliteWatcher(db)
    if db.engine.dialect.name == "postgresql":
        return PostgresWatcher(db)
    return Watcher()
