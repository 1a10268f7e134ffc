"""Encryption in the window: the unlock dialog, "Encrypt this database" at set-up and in Settings (real widgets)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from famdesk.app import Cancelled, open_database
from famdesk.db import cipher, keyring
from famdesk.domain.roles import Role
from famdesk.gui.dialogs.encrypt import EncryptDialog
from famdesk.gui.dialogs.login import FirstRunDialog, LoginDialog
from famdesk.gui.dialogs.unlock import UnlockDialog, unlock_with_dialog
from famdesk.gui.pages.settings import SettingsPage
from famdesk.paths import DATABASE_FILE
from famdesk.services import accounts, encryption

PW = "a long password"
pytestmark = pytest.mark.skipif(not cipher.available(), reason="sqlcipher3-binary is not installed")


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "HASH_PARAMETERS", accounts.OWASP_MINIMUM)


def _encrypted_folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    opened = open_database(str(data))
    user = accounts.create_first_director(opened.ctx, "director", PW)
    encryption.encrypt_database(opened.ctx.as_actor(accounts.actor_for(user)), PW, opened.paths.backups)
    opened.ctx.db.dispose()
    return data


def test_unlock_dialog_refuses_a_wrong_password_then_opens(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _encrypted_folder(tmp_path)
    dialog = UnlockDialog(data / DATABASE_FILE)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText("a guessed password")
    dialog._submit()
    assert "does not unlock" in dialog.error.text() and dialog.password.text() == "" and dialog.unlocked is None
    dialog.grab().save(str(tmp_path / "unlock-error.png"))
    dialog.password.setText(PW)
    dialog._submit()
    assert dialog.unlocked is not None and dialog.result() == UnlockDialog.DialogCode.Accepted
    opened = open_database(str(data), unlock=lambda _path: dialog.unlocked)  # type: ignore[arg-type,return-value]
    try:
        assert opened.ctx.db.key == dialog.unlocked.key
        # The sign-in that follows is prefilled with the director who unlocked it.
        login = LoginDialog(opened.ctx, username=encryption.director_name(opened.ctx, opened.unlocked.user_id))
        qtbot.addWidget(login)
        assert login.username.text() == "director"
    finally:
        opened.ctx.db.dispose()


def test_unlock_before_the_window_and_cancel(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _encrypted_folder(tmp_path)
    def answer(password: str | None) -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, UnlockDialog) and w.isVisible())
        if password is None:
            dialog.reject()
        else:
            dialog.password.setText(password)
            dialog._submit()

    QTimer.singleShot(50, lambda: answer(PW))
    opened = open_database(str(data), unlock=unlock_with_dialog)
    assert opened.unlocked is not None and opened.ctx.db.key is not None
    opened.ctx.db.dispose()
    QTimer.singleShot(50, lambda: answer(None))
    with pytest.raises(Cancelled):
        open_database(str(data), unlock=unlock_with_dialog)


def test_first_run_can_encrypt_the_new_database(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    opened = open_database(str(tmp_path / "data"))
    first = FirstRunDialog(opened.ctx, backups=opened.paths.backups)
    qtbot.addWidget(first)
    assert first.encrypt.isEnabled() and not first.encrypt.isChecked()
    first.username.setText("director")
    first.password.setText(PW)
    first.again.setText(PW)
    first.encrypt.setChecked(True)
    first.grab().save(str(tmp_path / "first-run.png"))
    first._submit()
    assert first.actor is not None, first.error.text()
    assert opened.ctx.db.key is not None and cipher.is_encrypted_file(opened.paths.database)
    assert keyring.unlock_database(opened.paths.database, PW).user_id == first.actor.user_id
    opened.ctx.db.dispose()


def test_settings_offers_encryption_to_directors_only(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    opened = open_database(str(tmp_path / "data"))
    director = accounts.create_first_director(opened.ctx, "director", PW)
    ctx = opened.ctx.as_actor(accounts.actor_for(director))
    teacher = accounts.add_user(ctx, "teacher", "teacher pw 12345", Role.TEACHER)
    as_teacher = SettingsPage(ctx.as_actor(accounts.actor_for(teacher)), backups_dir=opened.paths.backups)
    qtbot.addWidget(as_teacher)
    assert as_teacher.encryption is None
    page = SettingsPage(ctx, backups_dir=opened.paths.backups)
    qtbot.addWidget(page)
    box = page.encryption
    assert "not encrypted" in box.status.text() and box.button.isEnabled()

    def fill() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, EncryptDialog) and w.isVisible())
        dialog.password.setText("wrong password!")
        dialog._submit()
        seen["error"] = dialog.error.text()
        dialog.password.setText(PW)
        dialog._submit()
        QTimer.singleShot(50, close_message)

    def close_message() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible():
                seen["message"] = w.text()
                w.accept()

    seen: dict[str, str] = {}
    QTimer.singleShot(50, fill)
    box.encrypt()
    assert "not your password" in seen["error"]
    assert "now encrypted" in seen["message"]
    assert "is encrypted" in box.status.text() and box.button.isHidden()
    assert box.keys.text().strip("\u2066\u2067\u2068\u2069").endswith("famdesk.keys")
    assert ctx.db.key is not None and cipher.is_encrypted_file(opened.paths.database)
    opened.ctx.db.dispose()


DRIVER = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from famdesk.gui.application import ensure_qapplication
from famdesk.gui.dialogs.login import LoginDialog
from famdesk.gui.dialogs.unlock import UnlockDialog
from famdesk.gui.main_window import MainWindow

seen = []

def step():
    for w in QApplication.topLevelWidgets():
        if not w.isVisible():
            continue
        if isinstance(w, UnlockDialog) and "unlock" not in seen:
            seen.append("unlock")
            w.password.setText(sys.argv[2])
            w._submit()
        elif isinstance(w, LoginDialog) and "login" not in seen:
            seen.append("login:" + w.username.text())
            w.password.setText(sys.argv[2])
            w._submit()
        elif isinstance(w, MainWindow):
            print(" ".join(seen), w.ctx.db.key is not None, w.ctx.actor.role.value, flush=True)
            w.close()
            return
    QTimer.singleShot(50, step)

ensure_qapplication()
QTimer.singleShot(50, step)
from famdesk.app import main as run
raise SystemExit(run(["--data-dir", sys.argv[1]]))
"""


def test_the_window_starts_on_an_encrypted_database(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    data = _encrypted_folder(tmp_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FAMDESK_LANGUAGE": "en"}
    env.pop("FAMDESK_PASSWORD", None)
    out = subprocess.run([sys.executable, "-c", DRIVER, str(data), PW], capture_output=True, text=True,
                         env=env, cwd=Path(__file__).resolve().parents[2], timeout=120)
    assert out.returncode == 0, out.stderr
    # Unlock first, then the sign-in prefilled with the director who unlocked, then the window.
    assert out.stdout.split() == ["unlock", "login:director", "True", "director"], out.stdout + out.stderr


def test_settings_restore_of_a_backup_under_an_earlier_key(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from famdesk.gui.widgets import backup_box
    from famdesk.services import backups

    data = _encrypted_folder(tmp_path)
    opened = open_database(str(data), password=PW)
    ctx = opened.ctx.as_actor(accounts.login(opened.ctx, "director", PW))
    old = backups.take_backup(ctx, opened.paths.backups, output=tmp_path / "old.sqlite3")
    encryption.decrypt_database(ctx, PW, opened.paths.backups)
    encryption.encrypt_database(ctx, PW, opened.paths.backups)  # a new key: the live one no longer opens it
    box = backup_box.BackupBox(ctx, opened.paths.backups)
    qtbot.addWidget(box)
    prompts: list[str] = []
    summaries: list[str] = []
    monkeypatch.setattr(backup_box, "ask_password", lambda _p, _t, prompt: prompts.append(prompt) or PW)
    monkeypatch.setattr(backup_box, "ask_confirmation", lambda _p, _t, text: summaries.append(text) or True)
    monkeypatch.setattr(backup_box, "tell", lambda *_a: None)
    assert box.restore_from(old)
    assert len(prompts) == 1 and "earlier key" in prompts[0]
    assert "stays encrypted" in summaries[0]
    assert ctx.db.key is not None and cipher.opens_with(opened.paths.database, ctx.db.key)
    opened.ctx.db.dispose()
