"""The automatic backups (daily on start, before an upgrade) go to the director's folder, with tiered
rotation; a missing folder falls back to the default one and says so instead of stopping start-up."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

from famdesk.app import main as run
from famdesk.app import open_database
from famdesk.db import backup_place
from famdesk.domain.roles import DIRECTOR
from famdesk.services import backups


def _start(data: Path):  # type: ignore[no-untyped-def]
    opened = open_database(str(data))
    opened.ctx = opened.ctx.as_actor(DIRECTOR)
    opened.ctx.db.dispose()
    return opened


def _choose(data: Path, folder: Path) -> None:
    opened = open_database(str(data))
    opened.ctx = opened.ctx.as_actor(DIRECTOR)
    try:
        backups.set_backup_folder(opened.ctx, folder)
    finally:
        opened.ctx.db.dispose()


def _next_day(data: Path) -> None:
    """As if the next start were on a new day: today's start backup in the default folder is gone."""
    for p in (data / "backups").glob("on-start-*"):
        p.unlink()


def _verified(path: Path) -> bool:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_daily_start_backup_goes_to_the_chosen_folder_with_tiered_rotation(tmp_path: Path) -> None:
    data, usb = tmp_path / "data", tmp_path / "usb"
    _start(data)
    _choose(data, usb)
    today = dt.date.today()
    # Start backups of earlier days already on the stick: 40 days, one a day.
    for back in range(1, 41):
        day = today - dt.timedelta(days=back)
        (usb / f"on-start-{day:%Y%m%d}-080000-000000.sqlite3").write_text("old")
    opened = _start(data)
    assert opened.migration.backup_fallback is None
    path = opened.migration.backup_path
    assert path is not None and path.parent == usb and _verified(path)
    # (The default folder holds the one taken on the start before the folder was chosen.)
    assert len(list((data / "backups").glob(f"on-start-{today:%Y%m%d}-*"))) == 1
    kept = {dt.datetime.strptime(p.name[9:17], "%Y%m%d").date() for p in usb.glob("on-start-*")}
    assert {today - dt.timedelta(days=i) for i in range(7)} <= kept  # every day of the last week
    older = sorted(d for d in kept if (today - d).days >= 7)
    weeks = [d.isocalendar()[:2] for d in older]
    assert older and len(weeks) == len(set(weeks))  # beyond a week: one per week, not one per day
    assert len(kept) < 41
    # Once a day: a second start the same day takes no second backup.
    assert _start(data).migration.backup_path is None


def test_missing_folder_falls_back_and_says_so(tmp_path: Path) -> None:
    data, usb = tmp_path / "data", tmp_path / "usb"
    _start(data)
    _choose(data, usb)
    usb.rmdir()  # the stick was unplugged
    _next_day(data)
    opened = _start(data)
    fallback = opened.migration.backup_fallback
    assert fallback is not None and fallback.reason == backup_place.MISSING
    assert opened.migration.backup_path is not None and opened.migration.backup_path.parent == data / "backups"
    assert _verified(opened.migration.backup_path)
    assert not usb.exists()  # never created: that would put the "off-machine" copy on this disk
    message = fallback.message()
    assert str(usb) in message and str(data / "backups") in message and "USB" in message


def test_command_line_prints_the_fallback_and_still_runs(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data, usb = tmp_path / "data", tmp_path / "usb"
    _start(data)
    _choose(data, usb)
    usb.rmdir()
    _next_day(data)
    assert run(["--data-dir", str(data), "info"]) == 0
    out = capsys.readouterr()
    assert "warning" in out.err and str(usb) in out.err and "USB stick" in out.err
    assert out.out  # the command's own output follows


def test_folder_that_is_a_file_is_not_used(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "stick"
    not_a_folder.write_text("a file where the folder should be")
    where = backup_place.place(not_a_folder, tmp_path / "default")
    assert where.folder == tmp_path / "default" and where.fallback is not None


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write into any folder")
def test_read_only_folder_is_reported(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        assert backup_place.folder_problem(ro) == backup_place.UNWRITABLE
    finally:
        ro.chmod(0o700)


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_folder_on_a_read_only_file_system_is_reported_and_skipped(tmp_path: Path) -> None:
    # /proc refuses new files even to root, like a stick mounted read-only.
    where = backup_place.place(Path("/proc/self"), tmp_path / "default")
    assert where.folder == tmp_path / "default"
    assert where.fallback is not None and where.fallback.reason == backup_place.UNWRITABLE
    assert "read-only" in where.fallback.message()


def test_backup_before_an_upgrade_goes_to_the_chosen_folder(tmp_path: Path) -> None:
    data, usb = tmp_path / "data", tmp_path / "usb"
    _start(data)
    _choose(data, usb)
    conn = sqlite3.connect(data / "famdesk.sqlite3")
    conn.execute("UPDATE alembic_version SET version_num = '0007_directory'")  # as if one version older
    conn.commit()
    conn.close()
    # Re-running the last migration over its own tables fails; the backup before it is what matters.
    with pytest.raises(Exception):  # noqa: B017
        open_database(str(data))
    taken = list(usb.glob("before-upgrade-0007_directory-*.sqlite3"))
    assert len(taken) == 1 and _verified(taken[0])


def test_manual_backup_refuses_a_missing_folder_clearly(sqlite_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from famdesk.domain.errors import StorageError

    usb = tmp_path / "usb"
    backups.set_backup_folder(sqlite_ctx, usb)
    usb.rmdir()
    with pytest.raises(StorageError, match="USB stick"):
        backups.take_backup(sqlite_ctx, tmp_path / "default")
    assert not usb.exists()
    # The automatic backup before an import does not stop the import: it goes to the default folder.
    path = backups.backup_before(sqlite_ctx, tmp_path / "default")
    assert path is not None and path.parent == tmp_path / "default"
    last = backups.latest_backup(sqlite_ctx, tmp_path / "default")
    assert last is not None and last.path == path
