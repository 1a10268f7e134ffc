"""First-run set-up, login and the idle lock, with real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from famdesk.domain.roles import Role
from famdesk.gui.dialogs.login import FirstRunDialog, IdleLock, LoginDialog
from famdesk.services import accounts

PW = "a long password"


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "HASH_PARAMETERS", accounts.OWASP_MINIMUM)


def test_first_run_creates_director_then_login(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    first = FirstRunDialog(sqlite_ctx)
    qtbot.addWidget(first)
    first.username.setText("director")
    first.password.setText(PW)
    first.again.setText(PW + "x")
    first._submit()
    assert "differ" in first.error.text() and first.actor is None and first.password.text() == ""
    first.password.setText(PW)
    first.again.setText(PW)
    first._submit()
    assert first.actor is not None and first.actor.role is Role.DIRECTOR, first.error.text()
    login = LoginDialog(sqlite_ctx)
    qtbot.addWidget(login)
    login.username.setText("director")
    login.password.setText("wrong password")
    login._submit()
    assert "do not match" in login.error.text() and login.password.text() == ""
    login.password.setText(PW)
    login._submit()
    assert login.actor is not None and login.actor.user_id is not None
    first.grab().save("/tmp/famdesk_first_run.png")


def test_idle_lock_hides_window_until_password(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    accounts.create_first_director(sqlite_ctx, "director", PW)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    idle = IdleLock(sqlite_ctx, window, "director", minutes=10)
    seen = {}

    def answer() -> None:
        seen["hidden"] = not window.isVisible()
        seen["user"] = idle.dialog.username.text()
        seen["readonly"] = idle.dialog.username.isReadOnly()
        idle.dialog.grab().save("/tmp/famdesk_locked.png")
        idle.dialog.password.setText(PW)
        idle.dialog._submit()

    QTimer.singleShot(50, answer)
    idle.lock()
    assert seen == {"hidden": True, "user": "director", "readonly": True}
    assert window.isVisible() and not idle.locked and idle.timer.isActive()


def test_first_run_with_the_keyboard_alone(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    """Tab goes user name → password → password again → (encrypt) → OK; Enter submits."""
    from PySide6.QtCore import Qt

    first = FirstRunDialog(sqlite_ctx)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.username.setFocus()
    qtbot.keyClicks(first.username, "director")
    qtbot.keyClick(first.username, Qt.Key.Key_Tab)
    assert first.focusWidget() is first.password
    qtbot.keyClicks(first.password, PW)
    qtbot.keyClick(first.password, Qt.Key.Key_Tab)
    assert first.focusWidget() is first.again
    qtbot.keyClicks(first.again, PW + "x")
    qtbot.keyClick(first.again, Qt.Key.Key_Tab)
    ok = first.buttons.button(first.buttons.StandardButton.Ok)
    # the encrypt box (disabled here: no backups folder given) comes next, then OK
    assert first.focusWidget() is (first.encrypt if first.encrypt.isEnabled() else ok)
    qtbot.keyClick(first.again, Qt.Key.Key_Return)
    assert "differ" in first.error.text() and first.again.text() == "" and first.actor is None
    assert first.focusWidget() is first.password
    qtbot.keyClicks(first.password, PW)
    qtbot.keyClick(first.password, Qt.Key.Key_Tab)
    qtbot.keyClicks(first.again, PW)
    qtbot.keyClick(first.again, Qt.Key.Key_Return)
    assert first.actor is not None and first.actor.role is Role.DIRECTOR, first.error.text()
