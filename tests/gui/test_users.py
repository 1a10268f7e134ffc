"""Directors add accounts and reset passwords in the users dialog; others are refused."""

from __future__ import annotations

import pytest

from famdesk.domain import records as r
from famdesk.domain.roles import Actor, Role
from famdesk.gui.dialogs.users import UsersDialog
from famdesk.services import accounts, staff


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "HASH_PARAMETERS", accounts.OWASP_MINIMUM)


def test_add_reset_and_idle_minutes(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    accounts.create_first_director(sqlite_ctx, "director", "a long password")
    director = sqlite_ctx.as_actor(accounts.login(sqlite_ctx, "director", "a long password"))
    member = staff.save_staff(director, r.StaffMember(first_name="Tala", last_name="Ng"))
    dialog = UsersDialog(director)
    qtbot.addWidget(dialog)
    dialog.username.setText("tala")
    dialog.staff.setCurrentIndex(dialog.staff.findData(member.id))
    dialog.role.setCurrentIndex(dialog.role.findData(Role.TEACHER))
    dialog.password.setText("short")
    dialog.add_user()
    assert "at least 10" in dialog.message.text() and dialog.table.rowCount() == 1
    dialog.password.setText("teacher password")
    dialog.add_user()
    assert dialog.table.rowCount() == 2 and dialog.table.item(1, 1).text() == "Teacher"
    dialog.table.selectRow(1)
    dialog.password.setText("another password")
    dialog.reset_selected()
    tala = accounts.login(sqlite_ctx, "tala", "another password")
    assert tala.role is Role.TEACHER and tala.staff_id == member.id
    dialog.idle.setValue(5)
    dialog.save_idle()
    assert accounts.idle_lock_minutes(sqlite_ctx) == 5
    dialog.grab().save("/tmp/famdesk_users.png")


def test_teacher_is_refused(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = UsersDialog(sqlite_ctx.as_actor(Actor(Role.TEACHER)))
    qtbot.addWidget(dialog)
    assert "may not see user accounts" in dialog.message.text() and not dialog.isEnabled()
