"""Engines for SQLite (the embedded default) and PostgreSQL (several PCs, several sites).

SQLite is made safe for a program's only copy of its records: foreign keys on, WAL, synchronous=FULL,
a busy timeout, and REAL transactions. Python's sqlite3 module does not BEGIN before DDL and commits
implicitly in places; we switch its own handling off and issue BEGIN ourselves, so a migration or an
import either happens entirely or not at all.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.pool import QueuePool

# Execution option read by the "begin" hook: writers take the write lock up front so two writers
# queue on busy_timeout instead of failing half-way with "database is locked".
SQLITE_BEGIN_OPTION = "famdesk_sqlite_begin"


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


def is_sqlite(url_or_engine: str | Engine) -> bool:
    url = str(url_or_engine.url) if isinstance(url_or_engine, Engine) else url_or_engine
    return url.startswith("sqlite")


def make_engine(url: str, *, echo: bool = False) -> Engine:
    if is_sqlite(url):
        # SQLCipher's dialect defaults to one connection per thread; a file database wants the same
        # QueuePool as plain SQLite (GUI workers open their own sessions).
        extra = {"poolclass": QueuePool} if url.startswith("sqlite+pysqlcipher") else {}
        engine = create_engine(url, echo=echo, connect_args={"timeout": 30}, **extra)
        _configure_sqlite(engine)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, echo=echo, pool_pre_ping=True)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we BEGIN ourselves (see module docstring)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA busy_timeout = 30000")
        if _is_file_database(engine):
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get(SQLITE_BEGIN_OPTION, "BEGIN"))


def _is_file_database(engine: Engine) -> bool:
    db = engine.url.database
    return bool(db) and db != ":memory:" and not str(db).startswith("file::memory:")
