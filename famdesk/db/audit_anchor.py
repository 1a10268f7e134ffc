"""The audit trail's anchor outside the database: a MAC key and the chain's head.

Every audit entry carries a *seal*, ``key id + ":" + HMAC-SHA256(key, entry hash)``, under a key that is
not in the database; the entry hash already covers the previous hash and the entry's content, so a row
forged with a correctly computed SHA-256, or a chain recomputed after an edit, has no valid seal. The
*head* (how many entries the log held and the last one's hash, MAC'd with the same key) lives in a file
outside the database and is advanced after each commit that appends, so a cut tail or an emptied table
is behind the head. A kill between the commit and the head update leaves the table *ahead* of the head;
those extra rows carry valid seals, so that is not tampering (``famdesk check`` then refreshes the head).

Where the files are:

- SQLite: beside the database, ``<stem>.audit-key`` (0600) and ``<stem>.audit-head``, and beside every
  backup (its head matching the backup's content), the way an encrypted database's ``.keys`` file is. A
  restore brings the backup's key and head along. For an encrypted database the key file sits beside it
  in the clear: changing an encrypted database needs its key (a director's password) in the first place,
  and whoever has that could unwrap a wrapped audit key too, so wrapping it would add nothing.
- PostgreSQL: in each PC's config folder (``audit-<database id>.head``; a head per PC, each a witness of
  what that PC last wrote: a table shorter than any PC's head was cut). The key must be the same on
  every PC: ``FAMDESK_AUDIT_KEY_FILE`` names the key file to use (a copy of the first PC's
  ``audit-<database id>.key``), else the config folder's own. A PC without the key seals with a key of
  its own, and ``check`` on another PC says which entries it cannot verify (never silently).

What it does not prove: a person who can read the key file (the same account on the same computer) can
forge seals and heads, and a whole earlier state put back with its own head (a restore done by hand) looks
like a restore. It stops edits made to the database alone: with a database tool, on a copied file, or on
the PostgreSQL server by anyone who holds the connection's password but not a PC's key file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

from famdesk.domain.errors import StorageError
from famdesk.i18n import _

KEY_SUFFIX = ".audit-key"
HEAD_SUFFIX = ".audit-head"
COMPANION_SUFFIXES = (KEY_SUFFIX, HEAD_SUFFIX)
KEY_FILE_ENV = "FAMDESK_AUDIT_KEY_FILE"
GENESIS = "0" * 64
_ENTRY = b"famdesk-audit-entry-1|"
_HEAD = b"famdesk-audit-head-1|"
_KEY_ID = b"famdesk-audit-key-id-1"


@dataclass(frozen=True)
class Place:
    key: Path
    head: Path
    shared: bool = False  # PostgreSQL: several PCs, each with its own head, all needing the same key


@dataclass(frozen=True)
class Key:
    secret: bytes
    id: str  # 16 hex digits naming the key in every seal (reveals nothing about the secret)

    def __repr__(self) -> str:
        return f"Key(id={self.id})"


@dataclass(frozen=True)
class Head:
    count: int  # the log held entries 1..count
    last_hash: str  # entry ``count``'s hash (GENESIS for an empty log)
    legacy_until: int = 0  # entries 1..legacy_until were written before anchoring (no seal)
    restarted: str = ""  # when the head had to be made again for a log that already held sealed entries
    restarted_why: str = ""  # "missing", "invalid" or "restored" (a backup without its head file)


@dataclass(frozen=True)
class HeadRead:
    state: str  # "ok", "missing", "unreadable", "invalid" (MAC wrong), "other_key"
    head: Head | None = None
    key_id: str = ""

    @property
    def ok(self) -> bool:
        return self.state == "ok"


# --- where ------------------------------------------------------------------------------------

def beside(database: Path) -> Place:
    """``famdesk.sqlite3`` → ``famdesk.audit-key`` and ``famdesk.audit-head`` (a backup the same way)."""
    stem = database.stem
    return Place(database.with_name(stem + KEY_SUFFIX), database.with_name(stem + HEAD_SUFFIX))


def database_id(url: URL) -> str:
    """A PostgreSQL database's name for its head and key files (server, port, database, options)."""
    plain = url.set(username=None, password=None).render_as_string(hide_password=True)
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()[:16]


def place_of(url: URL, folder: Path | None = None) -> Place | None:
    """Where the key and head of the database at ``url`` live (None: an in-memory database)."""
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:" or url.database.startswith("file::memory:"):
            return None
        return beside(Path(url.database))
    if folder is None:
        import platformdirs

        from famdesk import APP_ID

        folder = Path(platformdirs.user_config_dir(APP_ID, appauthor=False))
    name = "audit-" + database_id(url)
    chosen = os.environ.get(KEY_FILE_ENV)
    key = Path(chosen).expanduser() if chosen else folder / (name + ".key")
    return Place(key, folder / (name + ".head"), shared=True)


# --- the key ----------------------------------------------------------------------------------

def _key_id(secret: bytes) -> str:
    return hmac.new(secret, _KEY_ID, hashlib.sha256).hexdigest()[:16]


def load_key(path: Path) -> Key | None:
    """The key in ``path``; None when there is no such file."""
    try:
        text = path.read_text(encoding="ascii").strip()
        secret = bytes.fromhex(text)
        if len(secret) < 32:
            raise ValueError
    except FileNotFoundError:
        return None
    except (OSError, ValueError, UnicodeDecodeError):
        raise StorageError(_("The audit key file {name} is damaged or cannot be read; copy it back from a "
                             "backup folder (each backup has one beside it).").format(
            name=path.name)) from None
    return Key(secret, _key_id(secret))


def _write_private(path: Path, data: bytes) -> Path:
    """``data`` into a new temporary file beside ``path`` (0600, flushed to disk); returns its path."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{os.urandom(4).hex()}.partial")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    return tmp


def ensure_key(path: Path) -> Key:
    """The key in ``path``, made on first need (two processes racing end up with the same key)."""
    key = load_key(path)
    if key is not None:
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _write_private(path, os.urandom(32).hex().encode("ascii"))
    try:
        try:
            os.link(tmp, path)  # creates ``path`` only if it does not exist yet
        except FileExistsError:
            pass
        except OSError:  # no hard links (FAT USB stick): create-if-absent the plain way
            if not path.exists():
                os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    found = load_key(path)
    assert found is not None
    return found


# --- seals ------------------------------------------------------------------------------------

def seal(key: Key, entry_hash: str) -> str:
    return f"{key.id}:{hmac.new(key.secret, _ENTRY + entry_hash.encode('ascii'), hashlib.sha256).hexdigest()}"


def seal_key_id(value: str) -> str:
    return value.partition(":")[0]


def verify_seal(key: Key, entry_hash: str, value: str) -> bool:
    return hmac.compare_digest(seal(key, entry_hash), value)


# --- the head ---------------------------------------------------------------------------------

def _head_mac(key: Key, head: Head) -> str:
    body = json.dumps(asdict(head), sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hmac.new(key.secret, _HEAD + body, hashlib.sha256).hexdigest()


def read_head(path: Path, key: Key | None) -> HeadRead:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        head = Head(int(data["count"]), str(data["last_hash"]), int(data.get("legacy_until", 0)),
                    str(data.get("restarted", "")), str(data.get("restarted_why", "")))
        mac, key_id = str(data["mac"]), str(data.get("key_id", ""))
    except FileNotFoundError:
        return HeadRead("missing")
    except (OSError, ValueError, KeyError, TypeError):
        return HeadRead("unreadable")
    if key is None or key_id != key.id:
        return HeadRead("other_key", head, key_id)
    if not hmac.compare_digest(mac, _head_mac(key, head)):
        return HeadRead("invalid", head, key_id)
    return HeadRead("ok", head, key_id)


def write_head(path: Path, head: Head, key: Key) -> None:
    """Replace the head file atomically (a temporary file flushed to disk, then renamed over it)."""
    data = {**asdict(head), "version": 1, "key_id": key.id, "mac": _head_mac(key, head)}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _write_private(path, json.dumps(data, sort_keys=True).encode("utf-8"))
    try:
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def advance_head(place: Place, key: Key, head: Head) -> None:
    """After a commit that appended: write ``head`` unless the file already holds a later one (another
    process committed after us and wrote first; the head never moves back)."""
    current = read_head(place.head, key)
    if current.ok and current.head is not None and current.head.count >= head.count:
        return
    write_head(place.head, head, key)


def now_text() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


# --- backups and restores (SQLite) ------------------------------------------------------------

@dataclass(frozen=True)
class TableState:
    count: int  # the highest entry id (0: empty)
    last_hash: str
    first_sealed: int | None  # the first entry with a seal (None: no sealed entry)
    hashes: dict[int, str]  # entry id → hash, for the ids asked for


def table_state(conn: Any, ask: tuple[int, ...] = ()) -> TableState:
    """The audit table of a DB-API connection (an older schema without seals counts as legacy)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "audit_entry" not in tables:
        return TableState(0, GENESIS, None, {})
    last = conn.execute("SELECT id, entry_hash FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()
    columns = {r[1] for r in conn.execute("PRAGMA table_info(audit_entry)")}
    first = None
    if "seal" in columns:
        first = conn.execute("SELECT min(id) FROM audit_entry WHERE seal IS NOT NULL").fetchone()[0]
    hashes = {}
    for entry_id in ask:
        row = conn.execute("SELECT entry_hash FROM audit_entry WHERE id = ?", (entry_id,)).fetchone()
        if row:
            hashes[entry_id] = row[0]
    return TableState(last[0] if last else 0, last[1] if last else GENESIS, first, hashes)


def _file_state(path: Path, db_key: str | None, ask: tuple[int, ...] = ()) -> TableState:
    from famdesk.db import cipher

    conn = cipher.connect(path, db_key, readonly=True)
    try:
        return table_state(conn, ask)
    finally:
        conn.close()


def head_for(state: TableState, why: str) -> Head:
    """A head for a table in ``state`` when no trusted head continues: legacy entries (written before
    any seal) stay legacy; a log that already held sealed entries gets a restart note (``why``)."""
    if state.first_sealed is None:
        return Head(state.count, state.last_hash, legacy_until=state.count)
    return Head(state.count, state.last_hash, legacy_until=state.first_sealed - 1,
                restarted=now_text(), restarted_why=why)


def _copy_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _write_private(target, source.read_bytes())
    try:
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def anchor_backup(live: Path, copy: Path, destination: Path, db_key: str | None = None) -> None:
    """Put the audit key and a head matching ``copy`` (the backup's content) beside ``destination``.

    A live table that is behind its own head (or rewritten where the head points) passes its head on
    unchanged, so the backup shows the same problem instead of hiding it."""
    src = beside(live)
    key = load_key(src.key)
    if key is None:
        return  # nothing was ever sealed here: a backup of a legacy (or empty) log needs no anchor
    live_head = read_head(src.head, key)
    ask = (live_head.head.count,) if live_head.ok and live_head.head else ()
    state = _file_state(copy, db_key, ask)
    if live_head.ok and live_head.head is not None:
        h0 = live_head.head
        consistent = h0.count == 0 or state.hashes.get(h0.count) == h0.last_hash
        head = h0 if state.count < h0.count or not consistent else Head(
            state.count, state.last_hash, h0.legacy_until, h0.restarted, h0.restarted_why)
    else:
        head = head_for(state, "missing" if live_head.state == "missing" else "invalid")
    dst = beside(destination)
    _copy_file(src.key, dst.key)
    write_head(dst.head, head, key)


def move_companions(source: Path, destination: Path) -> None:
    """The key and head beside ``source`` (a temporary copy) go beside ``destination``."""
    src, dst = beside(source), beside(destination)
    for a, b in ((src.key, dst.key), (src.head, dst.head)):
        if a.is_file():
            shutil.move(str(a), str(b))


def remove_companions(backup: Path) -> None:
    place = beside(backup)
    for path in (place.key, place.head):
        if path != backup:
            path.unlink(missing_ok=True)


def restore_beside(backup: Path, live: Path, db_key: str | None = None) -> None:
    """After ``live`` was replaced by ``backup``'s content: the backup's key and head become the live
    database's. A backup without a head file (older famdesk, or copied without it) gets a head made
    from its table (with a restart note if it already held sealed entries)."""
    src, dst = beside(backup), beside(live)
    if src.key.is_file():
        _copy_file(src.key, dst.key)
    key = ensure_key(dst.key)
    found = read_head(src.head, key)
    if found.ok and found.head is not None:
        write_head(dst.head, found.head, key)
        return
    write_head(dst.head, head_for(_file_state(live, db_key), "restored"), key)
