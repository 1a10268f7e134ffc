"""Locked, read-only and full disks: a clear StorageError, nothing half-written, nothing lost.

The read-only and disk-full cases use a real size-limited / read-only tmpfs when running as root
(root ignores file permissions), else file permissions; a file-size limit (RLIMIT_FSIZE) in a
subprocess covers disk-full without root.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from famdesk.app import open_database
from famdesk.db.backup import integrity_problems
from famdesk.db.engine import sqlite_url
from famdesk.db.session import Database
from famdesk.domain import records as r
from famdesk.domain.errors import StorageError
from famdesk.domain.roles import DIRECTOR
from famdesk.services import families
from famdesk.services.context import ServiceContext

ROOT = Path(__file__).resolve().parents[2]


def _household(name: str, notes: str = "") -> r.FamilyDetail:
    return r.FamilyDetail(r.Family(name=name, notes=notes), [r.Caregiver(first_name="A")], [r.Child(first_name="B")])


@contextlib.contextmanager
def tmpfs(path: Path, size: str) -> Iterator[Path]:
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("a size-limited file system needs root here")
    path.mkdir(parents=True)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)]).returncode:
        pytest.skip("mounting a tmpfs is not allowed here")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_locked_database_gives_clear_message_and_writes_nothing(sqlite_ctx: ServiceContext) -> None:
    families.add_family(sqlite_ctx, _household("First"))

    @event.listens_for(sqlite_ctx.db.engine, "connect")
    def _short_wait(dbapi_conn, _rec):  # type: ignore[no-untyped-def]
        dbapi_conn.execute("PRAGMA busy_timeout = 200")

    sqlite_ctx.db.engine.dispose()
    other = sqlite3.connect(sqlite_ctx.db.sqlite_path or "", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StorageError, match="busy in another window"):
            families.add_family(sqlite_ctx, _household("Second"))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert [x.name for x in families.search_families(sqlite_ctx)] == ["First"]


def test_disk_full_on_a_small_filesystem(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", "3m") as mnt:
        opened = open_database(str(mnt))
        opened.ctx = opened.ctx.as_actor(DIRECTOR)
        ctx = opened.ctx
        saved = 0
        try:
            with pytest.raises(StorageError, match="disk is full|could not be written"):
                for i in range(100):
                    families.add_family(ctx, _household(f"Family {i}", notes="x" * 100_000))
                    saved += 1
            assert saved > 0
            ctx.db.dispose()
            assert integrity_problems(mnt / "famdesk.sqlite3") == []
            assert families.count_families(ctx) == saved  # every committed family, no half-written one
        finally:
            ctx.db.dispose()


def test_read_only_filesystem(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "8m") as mnt:
        opened = open_database(str(mnt))
        opened.ctx = opened.ctx.as_actor(DIRECTOR)
        families.add_family(opened.ctx, _household("Kept"))
        opened.ctx.db.dispose()
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        db = Database.open(sqlite_url(mnt / "famdesk.sqlite3"))
        try:
            with pytest.raises(StorageError, match="read-only|could not be opened"):
                families.add_family(ServiceContext(db, DIRECTOR), _household("Lost"))
        finally:
            db.dispose()
        subprocess.run(["mount", "-o", "remount,rw", str(mnt)], check=True)
        again = open_database(str(mnt))
        again.ctx = again.ctx.as_actor(DIRECTOR)
        assert [x.name for x in families.search_families(again.ctx)] == ["Kept"]
        again.ctx.db.dispose()


def test_file_size_limit_in_a_subprocess(tmp_path: Path) -> None:
    """Disk-full without root: RLIMIT_FSIZE; the writer reports a clear message and the file stays sound."""
    opened = open_database(str(tmp_path / "data"))
    opened.ctx = opened.ctx.as_actor(DIRECTOR)
    path = Path(opened.ctx.db.sqlite_path or "")
    opened.ctx.db.dispose()
    limit = path.stat().st_size + 400_000
    code = f"""
import resource, signal, sys
sys.path.insert(0, {str(ROOT)!r})
from famdesk.db.engine import sqlite_url
from famdesk.db.session import Database
from famdesk.domain import records as r
from famdesk.domain.errors import StorageError
from famdesk.services import families
from famdesk.services.context import ServiceContext
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
from famdesk.domain.roles import DIRECTOR
ctx = ServiceContext(Database.open(sqlite_url(__import__('pathlib').Path({str(path)!r}))), DIRECTOR)
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
saved = 0
try:
    for i in range(200):
        families.add_family(ctx, r.FamilyDetail(r.Family(name=f"F{{i}}", notes="y" * 50_000),
                            [r.Caregiver(first_name="A")], [r.Child(first_name="B")]))
        saved += 1
except StorageError as exc:
    print(saved); print(exc)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    lines = out.stdout.splitlines()
    assert len(lines) == 2, out.stderr
    saved, message = int(lines[0]), lines[1]
    assert saved > 0 and "Nothing was saved" in message
    assert integrity_problems(path) == []
    again = open_database(str(tmp_path / "data"))
    again.ctx = again.ctx.as_actor(DIRECTOR)
    assert families.count_families(again.ctx) == saved
    again.ctx.db.dispose()
