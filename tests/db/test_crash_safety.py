"""Crash safety with real processes killed by SIGKILL.

Run counts are kept small for the suite; set FAMDESK_CRASH_RUNS (writer kills, default 8),
FAMDESK_BACKUP_RUNS (backups under a writer, default 15) and FAMDESK_MIGRATION_KILLS ("all" or a
number of kill points, default 4) for the full figures in the README (200 / 100 / all).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from famdesk.app import open_database
from famdesk.db.backup import backup_sqlite, integrity_problems
from famdesk.db.migrate import current_revision, head_revision

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

WRITER = Path(__file__).with_name("crash_writer.py")
BATCH = 3


def _runs(var: str, default: int) -> int:
    return int(os.environ.get(var, default))


def _start_writer(db: Path, start: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, str(WRITER), "write", str(db), str(start)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


def _batches(db: Path) -> Counter[int]:
    conn = sqlite3.connect(db)
    try:
        keys = [r[0] for r in conn.execute("SELECT key FROM setting WHERE key LIKE 'crash-%'")]
    finally:
        conn.close()
    return Counter(int(k.split("-")[1]) for k in keys)


@pytest.fixture
def live_db(tmp_path: Path) -> Path:
    opened = open_database(str(tmp_path / "data"))
    path = Path(opened.ctx.db.sqlite_path or "")
    opened.ctx.db.dispose()
    return path


def test_writer_killed_at_random_moments_loses_nothing(live_db: Path) -> None:
    rng = random.Random(6)
    runs = _runs("FAMDESK_CRASH_RUNS", 8)
    committed: set[int] = set()
    lost = half_applied = corrupt = 0
    next_batch = 0
    for _ in range(runs):
        proc = _start_writer(live_db, next_batch)
        time.sleep(rng.uniform(0.0, 0.25))
        proc.send_signal(signal.SIGKILL)
        out, _err = proc.communicate()
        committed |= {int(x) for x in out.split()}
        corrupt += bool(integrity_problems(live_db))
        batches = _batches(live_db)
        lost += len([b for b in committed if batches.get(b) != BATCH])
        half_applied += len([b for b, n in batches.items() if n != BATCH])
        next_batch = max(batches, default=-1) + 1
    print(f"\ncrash: {runs} kills, {len(committed)} committed batches, lost={lost}, "
          f"half-applied={half_applied}, integrity failures={corrupt}")
    assert (lost, half_applied, corrupt) == (0, 0, 0)
    assert committed, "the writer never committed: the test proved nothing"


def test_kill_at_every_migration_step_leaves_an_openable_database(tmp_path: Path) -> None:
    probe = subprocess.run([sys.executable, str(WRITER), "migrate", str(tmp_path / "probe.sqlite3"), "0"],
                           capture_output=True, text=True, check=True)
    total = int(probe.stdout.split()[-1])
    wanted = os.environ.get("FAMDESK_MIGRATION_KILLS", "4")
    points = list(range(1, total + 1)) if wanted == "all" else \
        sorted({max(1, round(total * (i + 1) / (int(wanted) + 1))) for i in range(int(wanted))})
    for k in points:
        data = tmp_path / f"k{k}"
        data.mkdir()
        proc = subprocess.run([sys.executable, str(WRITER), "migrate", str(data / "famdesk.sqlite3"), str(k)],
                              capture_output=True, text=True)
        assert proc.returncode == -signal.SIGKILL, f"statement {k} of {total} was never reached"
        opened = open_database(str(data))  # must open and finish the upgrade
        try:
            assert current_revision(opened.ctx.db) == head_revision()
        finally:
            opened.ctx.db.dispose()
        assert integrity_problems(data / "famdesk.sqlite3") == []
    print(f"\nmigration: killed at {len(points)} of {total} statements, all reopened")


def test_backups_under_a_running_writer_are_never_corrupt(live_db: Path, tmp_path: Path) -> None:
    runs = _runs("FAMDESK_BACKUP_RUNS", 15)
    proc = _start_writer(live_db, 0)
    corrupt = partial_batches = 0
    try:
        for i in range(runs):
            copy = backup_sqlite(live_db, tmp_path / f"b{i}.sqlite3")  # raises if it fails its check
            corrupt += bool(integrity_problems(copy))
            partial_batches += len([b for b, n in _batches(copy).items() if n != BATCH])
            copy.unlink()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
    print(f"\nbackups under writer: {runs} taken, corrupt={corrupt}, half-applied batches={partial_batches}")
    assert (corrupt, partial_batches) == (0, 0)
