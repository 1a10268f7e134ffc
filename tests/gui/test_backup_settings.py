"""Settings → Backups through the real widgets and real files: choose a folder, back up now (plain and
with a password), see the last backup, restore after seeing what the backup holds; the start-up
warning when the chosen folder was missing. Only the native file/password/question dialogs are answered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from famdesk.db.backup_files import is_encrypted
from famdesk.domain import records as r
from famdesk.domain.roles import Actor, Role
from famdesk.gui.pages.settings import SettingsPage
from famdesk.gui.widgets import backup_box
from famdesk.services import backups, families


def _family(ctx, name: str) -> None:  # type: ignore[no-untyped-def]
    families.add_family(ctx, r.FamilyDetail(r.Family(name=name), [r.Caregiver(first_name="Ana")],
                                            [r.Child(first_name="Luz")]))


def _names(ctx) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(x.name for x in families.search_families(ctx))


@pytest.fixture
def told(monkeypatch):  # type: ignore[no-untyped-def]
    messages: list[str] = []
    monkeypatch.setattr(backup_box, "tell", lambda _parent, _title, text: messages.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: messages.append(text))
    return messages


def _page(qtbot, ctx, tmp_path: Path) -> SettingsPage:  # type: ignore[no-untyped-def]
    page = SettingsPage(ctx, backups_dir=tmp_path / "default")
    qtbot.addWidget(page)
    return page


def test_choose_folder_back_up_now_and_see_it(qtbot, sqlite_ctx, tmp_path, monkeypatch, told) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, sqlite_ctx, tmp_path)
    box = page.backup_box
    assert isinstance(box, backup_box.BackupBox)
    assert "(default)" in box.folder.text() and "No backup yet." in box.last.text()
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(backup_box, "ask_folder", lambda _parent, _start: usb)
    box.choose_folder()
    assert backups.backup_folder(sqlite_ctx, tmp_path / "default") == usb
    assert box.folder.text() == str(usb) and box.use_default.isEnabled()
    task = box.back_up_now()
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=20000)
    made = list(usb.glob("backup-*.sqlite3"))
    assert len(made) == 1 and task.result == made[0]
    assert str(usb) in box.last.text() and told and str(made[0]) in told[-1]
    assert box.back_up.isEnabled()


def test_encrypted_backup_then_restore_asks_password_and_confirmation(qtbot, sqlite_ctx, tmp_path, monkeypatch,
                                                                        told) -> None:  # type: ignore[no-untyped-def]
    _family(sqlite_ctx, "Before family")
    page = _page(qtbot, sqlite_ctx, tmp_path)
    box = page.backup_box
    assert isinstance(box, backup_box.BackupBox)
    asked: list[str] = []
    monkeypatch.setattr(backup_box, "ask_password", lambda _p, _t, prompt: asked.append(prompt) or "s3cret pass")
    box.encrypt.setChecked(True)
    task = box.back_up_now()
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=30000)
    saved = task.result
    assert saved.suffix == ".famdesk-backup" and is_encrypted(saved) and len(asked) == 2
    _family(sqlite_ctx, "Added later")
    assert _names(sqlite_ctx) == ["Added later", "Before family"]
    questions: list[str] = []
    monkeypatch.setattr(backup_box, "ask_confirmation", lambda _p, _t, text: questions.append(text) or False)
    assert not box.restore_from(saved)  # said no: nothing changed
    assert "Families: 1" in questions[0] and "protected with a password" in questions[0]
    assert _names(sqlite_ctx) == ["Added later", "Before family"]
    monkeypatch.setattr(backup_box, "ask_confirmation", lambda _p, _t, text: True)
    assert box.restore_from(saved)
    assert _names(sqlite_ctx) == ["Before family"]
    safety = list((tmp_path / "default").glob("before-restore-*.sqlite3"))
    assert len(safety) == 1 and str(safety[0]) in told[-1]
    assert len([p for p in asked if "protected" in p]) == 2  # asked for the password at each restore


def test_wrong_password_and_damaged_file_are_refused(qtbot, sqlite_ctx, tmp_path, monkeypatch, told) -> None:  # type: ignore[no-untyped-def]
    _family(sqlite_ctx, "Kept family")
    saved = backups.take_backup(sqlite_ctx, tmp_path / "default", password="right one")
    page = _page(qtbot, sqlite_ctx, tmp_path)
    box = page.backup_box
    assert isinstance(box, backup_box.BackupBox)
    monkeypatch.setattr(backup_box, "ask_password", lambda *_a: "wrong")
    monkeypatch.setattr(backup_box, "ask_confirmation", lambda *_a: pytest.fail("must not ask"))
    assert not box.restore_from(saved)
    assert "password is wrong" in told[-1]
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    assert not box.restore_from(damaged)
    assert _names(sqlite_ctx) == ["Kept family"]


def test_missing_folder_is_shown_and_back_up_now_says_why(qtbot, sqlite_ctx, tmp_path, told) -> None:  # type: ignore[no-untyped-def]
    usb = tmp_path / "usb"
    backups.set_backup_folder(sqlite_ctx, usb)
    usb.rmdir()
    page = _page(qtbot, sqlite_ctx, tmp_path)
    box = page.backup_box
    assert isinstance(box, backup_box.BackupBox)
    assert "USB stick" in box.last.text()
    task = box.back_up_now()
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=20000)
    assert task.error is not None and "USB stick" in told[-1]
    assert not usb.exists()
    box.set_folder(None)  # "Use the default folder"
    assert backups.backup_folder(sqlite_ctx, tmp_path / "default") == tmp_path / "default"
    assert "USB stick" not in box.last.text()


def test_only_directors_see_backups(qtbot, sqlite_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = SettingsPage(sqlite_ctx.as_actor(Actor(Role.OFFICE)), backups_dir=tmp_path / "default")
    qtbot.addWidget(page)
    assert page.backup_box is None


def test_start_up_fallback_is_announced_in_the_window(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    from famdesk.gui.application import announce_backup_fallback
    from famdesk.gui.main_window import MainWindow

    window = MainWindow(sqlite_ctx)
    qtbot.addWidget(window)
    box = announce_backup_fallback(window, "The backup folder /media/usb is not there.")
    note = window.statusBar().findChild(QLabel, "backup_fallback")
    assert note is not None and "⚠" in note.text() and "/media/usb" in note.toolTip()
    assert box.isVisible() and "/media/usb" in box.text()
    box.close()
