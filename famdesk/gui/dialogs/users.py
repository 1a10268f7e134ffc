"""Directors manage accounts: add a user, reset a password (lifts a lockout), the idle-lock minutes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain.errors import FamdeskError
from famdesk.domain.roles import Role
from famdesk.gui.locale_format import datetime_text
from famdesk.i18n import N_, _
from famdesk.services import accounts
from famdesk.services import staff as staff_service
from famdesk.services.context import ServiceContext

ROLE_LABELS = {Role.DIRECTOR: N_("Director"), Role.FAMILY_SERVICES: N_("Family services / home visitor"),
               Role.TEACHER: N_("Teacher"), Role.OFFICE: N_("Office (read-only)")}


class UsersDialog(QDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("User accounts"))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("User name"), _("Role"), _("Active"), _("Locked until (UTC)")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.username = QLineEdit()
        self.role = QComboBox()
        for role, label in ROLE_LABELS.items():
            self.role.addItem(_(label), role)
        self.staff = QComboBox()  # teachers and home visitors see the families of this staff member
        self.staff.addItem(_("(not linked)"), None)
        try:
            for member in staff_service.list_staff(ctx):
                self.staff.addItem(member.display_name, member.id)
        except FamdeskError:
            pass
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton(_("Add account"))
        self.add_button.clicked.connect(self.add_user)
        self.reset_button = QPushButton(_("Set this password for the selected account"))
        self.reset_button.clicked.connect(self.reset_selected)
        self.idle = QSpinBox()
        self.idle.setRange(1, 240)
        self.idle.setSuffix(_(" min"))
        self.idle.editingFinished.connect(self.save_idle)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("User name"), self.username)
        form.addRow(_("Role"), self.role)
        form.addRow(_("Staff member"), self.staff)
        form.addRow(_("Password"), self.password)
        form.addRow(_("Lock the window after"), self.idle)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.reset_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(620, 460)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.users = accounts.list_users(self.ctx)
            self.idle.setValue(accounts.idle_lock_minutes(self.ctx))
        except FamdeskError as exc:
            self.message.setText(str(exc))
            self.setEnabled(False)
            return
        self.table.setRowCount(len(self.users))
        for i, u in enumerate(self.users):
            values = (u.username, _(ROLE_LABELS[u.role]), _("yes") if u.active else _("no"),
                      datetime_text(u.locked_until))
            for j, v in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()

    def _run(self, fn, done: str) -> None:  # type: ignore[no-untyped-def]
        try:
            fn()
        except FamdeskError as exc:
            self.message.setText(str(exc))
            return
        self.password.clear()
        self.message.setText(done)
        self.refresh()

    def add_user(self) -> None:
        self._run(lambda: accounts.add_user(self.ctx, self.username.text(), self.password.text(),
                                            Role(self.role.currentData()), self.staff.currentData()),
                  _("Account added."))

    def reset_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            self.message.setText(_("Choose an account in the list first."))
            return
        user = self.users[row]
        self._run(lambda: accounts.reset_password(self.ctx, user.id or 0, self.password.text()),
                  _("Password changed; the account is unlocked."))

    def save_idle(self) -> None:
        self._run(lambda: accounts.set_idle_lock_minutes(self.ctx, self.idle.value()), _("Saved."))
