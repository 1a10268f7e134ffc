"""Backups: round trip backup → change → restore, encryption, what a backup holds, rotation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from famdesk.db import migrate
from famdesk.db.backup_files import describe, is_encrypted, rotate_tiered
from famdesk.domain import records as r
from famdesk.domain.errors import PermissionDenied, StorageError
from famdesk.domain.roles import Actor, Role
from famdesk.services import backups, families


def _family(ctx, name: str) -> int:  # type: ignore[no-untyped-def]
    return families.add_family(ctx, r.FamilyDetail(r.Family(name=name), [r.Caregiver(first_name="A")],
                                                   [r.Child(first_name="B")])).family.id


def _names(ctx) -> list[str]:  # type: ignore[no-untyped-def]
    return [x.name for x in families.search_families(ctx)]


def test_backup_change_restore_round_trip(sqlite_ctx, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    _family(ctx, "Kept family")
    saved = backups.take_backup(ctx, tmp_path / "b", output=tmp_path / "mine.sqlite3")
    _family(ctx, "Later family")
    info = describe(saved)
    assert info.counts["family"] == 1 and info.revision == migrate.HEAD and not info.problems
    safety = backups.restore(ctx, saved, tmp_path / "b")
    assert _names(ctx) == ["Kept family"]
    assert describe(safety).counts["family"] == 2  # the state before the restore was kept
    ctx.db.dispose()
    live = Path(ctx.db.sqlite_path)
    assert not live.with_name(live.name + "-wal").exists()
    assert not live.with_name(live.name + "-shm").exists()


def test_encrypted_backup_needs_its_password(sqlite_ctx, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    _family(ctx, "Secretname family")
    path = backups.take_backup(ctx, tmp_path / "b", password="pass phrase 1")
    assert path.suffix == ".famdesk-backup" and is_encrypted(path)
    assert b"Secretname" not in path.read_bytes() and b"SQLite format 3" not in path.read_bytes()
    with pytest.raises(StorageError, match="encrypted"):
        describe(path)
    with pytest.raises(StorageError, match="password is wrong"):
        describe(path, "wrong password")
    assert describe(path, "pass phrase 1").counts["family"] == 1
    _family(ctx, "Other family")
    backups.restore(ctx, path, tmp_path / "b", password="pass phrase 1")
    assert _names(ctx) == ["Secretname family"]


def test_damaged_backup_is_refused_and_live_untouched(sqlite_ctx, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    _family(ctx, "Live family")
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    with pytest.raises(StorageError):
        backups.restore(ctx, bad, tmp_path / "b")
    assert _names(ctx) == ["Live family"]


def test_only_directors_back_up(sqlite_ctx, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        backups.take_backup(sqlite_ctx.as_actor(Actor(Role.OFFICE)), tmp_path)


def test_chosen_folder_setting(sqlite_ctx, tmp_path: Path) -> None:
    backups.set_backup_folder(sqlite_ctx, tmp_path / "usb")
    path = backups.take_backup(sqlite_ctx, tmp_path / "default")
    assert path.parent == tmp_path / "usb"


def test_tiered_rotation_keeps_a_week_of_days_and_weekly_for_months(tmp_path: Path) -> None:
    today = dt.date(2026, 11, 23)  # a Monday
    for back in range(120):  # two backups a day for 120 days
        day = today - dt.timedelta(days=back)
        for hour in (9, 17):
            (tmp_path / f"backup-{day:%Y%m%d}-{hour:02d}0000-000000.sqlite3").write_text("x")
    rotate_tiered(tmp_path, "backup", today, daily=7, weekly=8)
    kept = sorted(p.name[7:15] for p in tmp_path.iterdir())
    days = {dt.datetime.strptime(k, "%Y%m%d").date() for k in kept}
    assert len(kept) == len(days)  # one per day at most (the newest: 17:00)
    assert all(p.name.endswith("170000-000000.sqlite3") for p in tmp_path.iterdir())
    assert {today - dt.timedelta(days=i) for i in range(7)} <= days
    # 8 weeks back: the week of 2026-09-28 is the oldest kept; one per ISO week beyond the daily ones.
    assert min(days) == dt.date(2026, 10, 4)
    assert len(days) == 7 + 7  # 7 daily + 7 older weeks (the current week is covered by the dailies)


def test_which_backups_still_hold_an_erased_family(sqlite_ctx, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    folder = tmp_path / "b"
    fid = _family(ctx, "Leaving family")
    before = backups.take_backup(ctx, folder)
    locked = backups.take_backup(ctx, folder, password="pass phrase 1", reason="secret")
    families.erase_family(ctx, fid)
    backups.take_backup(ctx, folder, reason="after")
    holding, unknown = backups.backups_holding_family(ctx, folder, fid)
    assert holding == [before] and unknown == [locked]
