"""The Database handle services use: one engine, short transactions, nothing left open."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session

from famdesk.db.engine import SQLITE_BEGIN_OPTION, is_sqlite, make_engine
from famdesk.domain.errors import StorageError
from famdesk.i18n import _


@dataclass
class Database:
    engine: Engine
    # The SQLCipher key of an encrypted database (None: plain); never in a repr, a log or an error.
    key: str | None = field(default=None, repr=False)
    # PostgreSQL: the folder of this PC's audit head (and default audit key), see db/audit_anchor.py;
    # app.open_database sets the config folder. A SQLite database keeps them beside its file.
    anchor_folder: Path | None = None

    @classmethod
    def open(cls, url: str, key: str | None = None) -> Database:
        """Open ``url``; with ``key``, the same SQLite file through SQLCipher."""
        if key is None:
            return cls(make_engine(url))
        return cls(make_engine(_encrypted_url(url, key)), key)

    def reopen(self, key: str | None) -> None:
        """Point at the same file again after it was replaced (encrypted, decrypted or restored)."""
        path = self.sqlite_path
        if path is None:
            raise StorageError(_("Only a SQLite database file can be encrypted."))
        self.engine.dispose()
        from famdesk.db.engine import sqlite_url

        self.key = key
        self.engine = make_engine(_encrypted_url(sqlite_url(Path(path)), key) if key else sqlite_url(Path(path)))

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.engine)

    @property
    def sqlite_path(self) -> str | None:
        return self.engine.url.database if self.is_sqlite else None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction: committed when the block ends, rolled back entirely on any error."""
        with self._session(write=True) as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (rolled back at the end, so nothing can slip into the database)."""
        with self._session(write=False) as session:
            yield session

    @contextmanager
    def _session(self, *, write: bool) -> Iterator[Session]:
        options = {SQLITE_BEGIN_OPTION: "BEGIN IMMEDIATE"} if write and self.is_sqlite else {}
        try:
            with self.engine.connect() as conn:
                conn.execution_options(**options)
                session = Session(bind=conn, expire_on_commit=False)
                session.info["famdesk_database"] = self  # for the audit trail's anchor (services/audit.py)
                try:
                    yield session
                    if write:
                        session.commit()
                    else:
                        session.rollback()
                except BaseException:
                    session.rollback()
                    raise
                finally:
                    session.close()
        except (OperationalError, DatabaseError) as exc:
            if not isinstance(exc, OperationalError) and damage_code(exc) not in STORAGE_CODES:
                raise  # a constraint, or not SQLite's: as it is (services turn those into sentences)
            raise StorageError(_storage_message(exc)) from exc

    def checkpoint(self) -> None:
        """Move the -wal file's pages into the database and truncate it (after an erase, before a backup)."""
        if self.is_sqlite:
            with self.engine.connect() as conn:  # outside any transaction, or SQLite skips it
                conn.connection.dbapi_connection.execute(  # type: ignore[union-attr]
                    "PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def dispose(self) -> None:
        self.engine.dispose()


def _storage_codes() -> frozenset[int]:
    from famdesk.db import damage as d

    return frozenset({d.SQLITE_BUSY, d.SQLITE_LOCKED, d.SQLITE_READONLY, d.SQLITE_IOERR, d.SQLITE_CORRUPT,
                      d.SQLITE_FULL, d.SQLITE_CANTOPEN, d.SQLITE_NOTADB})


STORAGE_CODES = _storage_codes()


def damage_code(exc: BaseException) -> int | None:
    from famdesk.db.damage import error_code

    return error_code(exc)


def _encrypted_url(url: str, key: str) -> str:
    from sqlalchemy.engine import make_url

    from famdesk.db.cipher import cipher_url

    database = make_url(url).database
    if not url.startswith("sqlite") or not database or database == ":memory:":
        raise StorageError(_("Only a SQLite database file can be encrypted."))
    return cipher_url(Path(database), key)


def _storage_message(exc: OperationalError | DatabaseError) -> str:
    """The sentence for a SQLite error, told by its ``sqlite_errorcode`` (never by English message text)."""
    from famdesk.db import damage

    code = damage.error_code(exc)
    if code in (damage.SQLITE_BUSY, damage.SQLITE_LOCKED):
        return _("The database is busy in another window or program. Nothing was saved; try again in a moment.")
    if code == damage.SQLITE_READONLY:
        return _("The database file is read-only. Nothing was saved; check the folder's permissions.")
    if code == damage.SQLITE_FULL:
        return _("The disk is full. Nothing was saved; free some space and try again.")
    if code == damage.SQLITE_IOERR:
        return _("The database file could not be written (full disk, file-size limit, removed USB stick or failing "
                 "disk). Nothing was saved; free some space or check the drive, then try again.")
    if code == damage.SQLITE_CANTOPEN:
        return _("The database file could not be opened. Check that its folder exists and that you may write to it "
                 "(a read-only folder or drive cannot hold a live database).")
    if code == damage.SQLITE_NOTADB:
        return _("The database file is damaged, or it is encrypted and the key does not fit. Nothing was "
                 "saved; restore the latest backup.")
    if code == damage.SQLITE_CORRUPT:
        return _("The database file is damaged. Nothing was saved; restore the latest backup.")
    return _("The database could not be reached: {detail}").format(detail=str(exc.orig or exc)[:200])
