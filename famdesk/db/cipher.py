"""Encryption at rest with SQLCipher (the optional ``sqlcipher3-binary`` package): files and connections.

The database is encrypted with a random 256-bit key given to SQLCipher as *raw* key data (``x'…'``), so
opening a connection costs no key derivation; the password work happens once, when ``keyring`` unwraps
the key with a director's password. A key of ``None`` everywhere below means a plain SQLite file.

An encrypted file is recognised by its first 16 bytes: a plain SQLite file starts with
``SQLite format 3\\0``, a SQLCipher file with its random salt.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from famdesk.domain.errors import StorageError
from famdesk.i18n import _

SQLITE_HEADER = b"SQLite format 3\x00"
PACKAGE = "sqlcipher3-binary"
_quieted = False


def available() -> bool:
    try:
        import sqlcipher3  # noqa: F401
    except ImportError:
        return False
    return True


def missing_package_message() -> str:
    return _("Encrypted databases need the {package} package. Install it with: pip install {package} "
             "(or pip install \"famdesk[encryption]\"), then start famdesk again.").format(package=PACKAGE)


def sqlcipher() -> Any:
    """The sqlcipher3 module, or a clear error naming the package to install."""
    global _quieted
    try:
        import sqlcipher3
    except ImportError:
        raise StorageError(missing_package_message()) from None
    if not _quieted:
        # SQLCipher prints "hmac check failed" lines to stderr on a wrong key; famdesk reports it itself.
        # The log level is process-wide, so once is enough.
        conn = sqlcipher3.connect(":memory:")
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.close()
        _quieted = True
    return sqlcipher3


def new_key() -> str:
    """A random database key: 64 hex characters (32 bytes)."""
    import os

    return os.urandom(32).hex()


def key_literal(key: str) -> str:
    """SQLCipher's raw-key form, ready for ``PRAGMA key = …`` or ``ATTACH … KEY …``."""
    if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
        raise ValueError("a database key is 64 lowercase hex characters")
    return f"\"x'{key}'\""


def cipher_url(path: Path, key: str) -> str:
    """SQLAlchemy URL for the pysqlcipher dialect; its PRAGMA key gets the raw-key form."""
    key_literal(key)  # validates
    raw = quote("x'" + key + "'")  # the dialect quotes it: PRAGMA key = "x'…'"
    return f"sqlite+pysqlcipher://:{raw}@/{path}"


def is_encrypted_file(path: Path) -> bool:
    """True for a non-empty file that is not a plain SQLite database (i.e. SQLCipher's random header)."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return False
    return bool(head) and head != SQLITE_HEADER


def connect(path: Path | str, key: str | None = None, *, readonly: bool = False,
            timeout: float = 30, through_sqlcipher: bool = False) -> Any:
    """A DB-API connection to a database file: ``sqlite3`` for a plain file, ``sqlcipher3`` with the key
    (or for a plain file too with ``through_sqlcipher``, for ``sqlcipher_export``)."""
    target = f"file:{path}?mode=ro" if readonly else str(path)
    if key is None and not through_sqlcipher:
        return sqlite3.connect(target, uri=readonly, timeout=timeout)
    conn = sqlcipher().connect(target, uri=readonly, timeout=timeout)
    if key is not None:
        conn.execute(f"PRAGMA key = {key_literal(key)}")
    return conn


def database_errors() -> tuple[type[Exception], ...]:
    """sqlite3's and sqlcipher3's DatabaseError (separate class trees)."""
    try:
        import sqlcipher3
    except ImportError:
        return (sqlite3.DatabaseError,)
    return (sqlite3.DatabaseError, sqlcipher3.DatabaseError)


def opens_with(path: Path, key: str) -> bool:
    """Whether ``key`` decrypts ``path`` (reading page 1 checks its HMAC)."""
    conn = connect(path, key, readonly=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except database_errors():
        return False
    finally:
        conn.close()


def table_counts(conn: Any) -> dict[str, int]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                         "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def export_copy(source: Path, source_key: str | None, destination: Path, key: str | None) -> Path:
    """Write ``source`` (plain or encrypted) to ``destination`` under ``key`` (``None``: plain) with
    ``sqlcipher_export``, then verify the copy: integrity_check and the same rows in every table.

    Converts between plain and encrypted, or between two keys. The copy is written in rollback-journal
    mode; famdesk's engine switches a live database back to WAL when it opens it.
    """
    sqlcipher()
    destination.unlink(missing_ok=True)
    conn = connect(source, source_key, through_sqlcipher=True)
    conn.isolation_level = None  # we BEGIN ourselves: one transaction, not one fsync per table (25x faster)
    try:
        conn.execute("ATTACH DATABASE ? AS target KEY " + (key_literal(key) if key else "''"), (str(destination),))
        conn.execute("BEGIN")
        conn.execute("SELECT sqlcipher_export('target')")
        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        conn.execute(f"PRAGMA target.user_version = {int(version)}")
        expected = table_counts(conn)  # in the same read transaction as the export
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE target")
    except database_errors() as exc:
        destination.unlink(missing_ok=True)
        raise StorageError(_("The copy could not be written: {detail}").format(detail=exc)) from exc
    finally:
        conn.close()
    problem = verify_copy(destination, key, expected)
    if problem:
        destination.unlink(missing_ok=True)
        raise StorageError(_("The encrypted copy could not be verified: {problem}").format(problem=problem))
    return destination


def encrypt_copy(plain: Path, destination: Path, key: str) -> Path:
    """An encrypted, verified copy of a plain SQLite database."""
    return export_copy(plain, None, destination, key)


def verify_copy(path: Path, key: str | None, expected: dict[str, int]) -> str | None:
    """None when ``path`` opens with ``key``, passes integrity_check and holds ``expected`` rows."""
    conn = connect(path, key, readonly=True)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            return rows[0]
        counts = table_counts(conn)
    except database_errors() as exc:
        return str(exc)
    finally:
        conn.close()
    for table, count in expected.items():
        if counts.get(table) != count:
            return _("table {table} has {found} rows instead of {expected}").format(
                table=table, found=counts.get(table, 0), expected=count)
    return None
