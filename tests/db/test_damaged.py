"""Damage is a state famdesk knows (#15): each damaged database file, run through the real command line.

Every command says one sentence and exits 1 (never a traceback, never "encrypted" for a file that is not);
`famdesk restore --yes GOOD` restores the good backup over it and keeps the damaged file beside it. A
restore of a file that is not a famdesk backup is refused before the live database is touched.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from famdesk.db import damage


def famdesk(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FAMDESK_LANGUAGE": "en"}
    for name in ("FAMDESK_DATABASE_URL", "FAMDESK_USER", "FAMDESK_PASSWORD"):
        env.pop(name, None)
    cmd = [sys.executable, "-m", "famdesk", "--data-dir", str(data), *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=180)


def said(out: subprocess.CompletedProcess[str]) -> str:
    text = out.stdout + out.stderr
    assert "Traceback" not in text, text
    assert "unexpected" not in text, text
    return text


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A famdesk backup of a small demo program."""
    folder = tmp_path_factory.mktemp("good")
    data = folder / "data"
    assert famdesk(data, "demo", "--families", "3").returncode == 0
    path = folder / "good.sqlite3"
    out = famdesk(data, "backup", "-o", str(path))
    assert out.returncode == 0, out.stderr
    return path


def _same(data: bytes) -> bytes:
    """The file's bytes after its 100-byte header: opening a newer famdesk's database switches it to WAL
    (header bytes 18-19 and the change counter), which is no change to its content."""
    return data[100:] if data.startswith(b"SQLite format 3") and len(data) > 100 else data


def _replace(path: Path, data: bytes) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    path.write_bytes(data)


def _empty(src: bytes, path: Path) -> None:
    _replace(path, b"")


def _half(src: bytes, path: Path) -> None:
    _replace(path, src[: len(src) // 2])


def _hundred(src: bytes, path: Path) -> None:
    _replace(path, src[:100])


def _garbage(src: bytes, path: Path) -> None:
    _replace(path, bytes((i * 37 + 11) % 256 for i in range(100)) + src[100:])


def _schema_zeroed(src: bytes, path: Path) -> None:
    page = int.from_bytes(src[16:18], "big")
    _replace(path, src[:100] + bytes(page - 100) + src[page:])


def _not_famdesk(src: bytes, path: Path) -> None:
    _replace(path, b"")
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE family (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO family (name) VALUES ('someone else''s')")
    conn.commit()
    conn.close()


def _newer(src: bytes, path: Path) -> None:
    _replace(path, src)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()


DAMAGE: dict[str, tuple[Callable[[bytes, Path], None], str]] = {
    "empty": (_empty, "is empty"),
    "truncated-half": (_half, "is damaged"),
    "truncated-100": (_hundred, "is damaged"),
    "garbage-header": (_garbage, "not a SQLite database"),
    "schema-zeroed": (_schema_zeroed, "is damaged"),
    "not-famdesk": (_not_famdesk, "not a famdesk one"),
    "newer": (_newer, "newer version of famdesk"),
}


def _damaged_folder(tmp_path: Path, good: Path, kind: str) -> Path:
    data = tmp_path / "data"
    (data / "backups").mkdir(parents=True)
    make, _words = DAMAGE[kind]
    make(good.read_bytes(), data / "famdesk.sqlite3")
    return data


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_each_damaged_file_is_named_then_restored(tmp_path: Path, good: Path, kind: str) -> None:
    data = _damaged_folder(tmp_path, good, kind)
    live = data / "famdesk.sqlite3"
    damaged_bytes = live.read_bytes()
    words = DAMAGE[kind][1]
    for command in (["check"], ["info"], ["export", "families", "-o", str(tmp_path / "f.csv")], ["audit"]):
        out = famdesk(data, *command)
        text = said(out)
        assert out.returncode == 1, (command, text)
        assert words in text, (command, text)
        assert "encrypted" not in text, (command, text)
        if kind != "newer":
            assert "famdesk restore FILE" in text and str(data / "backups") in text
        assert _same(live.read_bytes()) == _same(damaged_bytes), "a refused start changed the file"
    assert not (tmp_path / "f.csv").exists()

    out = famdesk(data, "restore", "--yes", str(good))
    text = said(out)
    assert out.returncode == 0, text
    kept = [p for p in data.iterdir() if ".damaged-" in p.name or ".newer-" in p.name]
    assert len(kept) == 1, kept
    assert _same(kept[0].read_bytes()) == _same(damaged_bytes)  # kept as it was, never overwritten
    assert kept[0].name in text

    out = famdesk(data, "check")
    assert out.returncode == 0, said(out)
    assert "All checks passed." in out.stdout
    out = famdesk(data, "info", "--json")
    assert out.returncode == 0 and '"family": 3' in out.stdout, said(out)


def test_a_second_restore_keeps_both_damaged_files(tmp_path: Path, good: Path) -> None:
    data = _damaged_folder(tmp_path, good, "empty")
    assert famdesk(data, "restore", "--yes", str(good)).returncode == 0
    _half(good.read_bytes(), data / "famdesk.sqlite3")
    out = famdesk(data, "restore", "--yes", str(good))
    assert out.returncode == 0, said(out)
    kept = sorted(p.name for p in data.iterdir() if ".damaged-" in p.name)
    assert len(kept) == 2, kept


@pytest.mark.parametrize("kind", ["not-famdesk", "newer", "empty", "garbage-header", "truncated-half",
                                  "schema-zeroed", "no-core-tables"])
def test_restore_refuses_what_is_not_a_famdesk_backup(tmp_path: Path, good: Path, kind: str) -> None:
    data = tmp_path / "data"
    assert famdesk(data, "demo", "--families", "2").returncode == 0
    assert famdesk(data, "info").returncode == 0  # a normal start first (WAL mode, the day's backup)
    live = data / "famdesk.sqlite3"
    before = live.read_bytes()
    backups_before = sorted(p.name for p in (data / "backups").iterdir())
    candidate = tmp_path / "candidate.sqlite3"
    if kind == "no-core-tables":
        conn = sqlite3.connect(candidate)
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES (?)", (damage_head(),))
        conn.commit()
        conn.close()
    else:
        DAMAGE[kind][0](good.read_bytes(), candidate)
    out = famdesk(data, "restore", "--yes", str(candidate))
    text = said(out)
    assert out.returncode == 1, text
    assert "nothing was changed" in text, text
    assert live.read_bytes() == before
    assert sorted(p.name for p in (data / "backups").iterdir()) == backups_before  # no before-restore backup
    assert not [p for p in data.iterdir() if ".damaged-" in p.name]
    assert famdesk(data, "check").returncode == 0


def damage_head() -> str:
    from famdesk.db.migrate import head_revision

    return head_revision()


def test_classify_without_famdesk(tmp_path: Path, good: Path) -> None:
    """The classification itself: a healthy file, a missing one and a new SQLite file with no tables yet are
    no damage (a 0-byte file is: nothing famdesk writes is ever 0 bytes once its engine opened it)."""
    assert damage.classify(good) is None
    assert damage.classify(tmp_path / "missing.sqlite3") is None
    fresh = tmp_path / "fresh.sqlite3"
    conn = sqlite3.connect(fresh)
    conn.execute("PRAGMA journal_mode = WAL")  # what famdesk's engine does first: a header, no tables
    conn.close()
    assert damage.classify(fresh) is None
    for kind, state in (("empty", damage.State.EMPTY), ("truncated-half", damage.State.MALFORMED),
                        ("truncated-100", damage.State.MALFORMED), ("garbage-header", damage.State.NOT_SQLITE),
                        ("schema-zeroed", damage.State.MALFORMED), ("not-famdesk", damage.State.NOT_FAMDESK)):
        path = tmp_path / f"{kind}.sqlite3"
        DAMAGE[kind][0](good.read_bytes(), path)
        assert damage.classify(path) is state, kind


def test_sqlite_errors_are_told_by_their_code(tmp_path: Path) -> None:
    from sqlalchemy.exc import OperationalError

    from famdesk.db.session import _storage_message

    path = tmp_path / "x.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(84)) + bytes(4000))
    with pytest.raises(sqlite3.DatabaseError) as caught:
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    assert damage.error_code(caught.value) in (damage.SQLITE_CORRUPT, damage.SQLITE_NOTADB)
    assert "damaged" in _storage_message(OperationalError("SELECT", {}, caught.value))


def test_a_file_nothing_can_read_can_be_restored_over(tmp_path: Path, good: Path) -> None:
    """Random bytes with no key file beside them (encrypted without its key, or damaged beyond telling):
    said in a sentence, and `famdesk restore` replaces them, keeping the file."""
    data = tmp_path / "data"
    data.mkdir()
    live = data / "famdesk.sqlite3"
    noise = os.urandom(16 * 1024)
    live.write_bytes(noise)
    out = famdesk(data, "info")
    assert out.returncode == 1 and "key file" in said(out)
    out = famdesk(data, "restore", "--yes", str(good))
    assert out.returncode == 0, said(out)
    kept = [p for p in data.iterdir() if ".damaged-" in p.name]
    assert [p.read_bytes() for p in kept] == [noise]
    assert famdesk(data, "check").returncode == 0


def test_a_key_file_without_its_database_can_be_restored_over(tmp_path: Path, good: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "famdesk.keys").write_text('{"version": 1, "wraps": []}')
    out = famdesk(data, "info")
    assert out.returncode == 1 and "is missing" in said(out)
    assert not (data / "famdesk.sqlite3").exists()  # never a new, empty database beside the key file
    out = famdesk(data, "restore", "--yes", str(good))
    assert out.returncode == 0, said(out)
    assert not (data / "famdesk.keys").exists()  # a plain backup: the old key file kept aside, not beside it
    assert [p.read_text() for p in data.iterdir() if p.name.endswith(".keys")] == ['{"version": 1, "wraps": []}']
    assert famdesk(data, "check").returncode == 0
