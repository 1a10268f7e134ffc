"""Sign-in: the first-run set-up of the director, the login dialog, and the idle session lock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain.errors import FamdeskError
from famdesk.domain.roles import Actor
from famdesk.i18n import _
from famdesk.services import accounts, encryption
from famdesk.services.context import ServiceContext


class _PasswordDialog(QDialog):
    def __init__(self, ctx: ServiceContext, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None
        self.setWindowTitle(title)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.form = QFormLayout()
        self.form.addRow(_("User name"), self.username)
        self.form.addRow(_("Password"), self.password)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a40000")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)

    def _submit(self) -> None:
        try:
            self.actor = self._check()
        except FamdeskError as exc:
            self.error.setText(str(exc))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()

    def _check(self) -> Actor:
        raise NotImplementedError


class FirstRunDialog(_PasswordDialog):
    """No accounts yet: the person setting famdesk up becomes its first director, and may choose to
    encrypt the database right away (before any record is written unencrypted)."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None, backups: Path | None = None) -> None:
        super().__init__(ctx, _("Set up famdesk"), _(
            "Welcome. Create the director's account: the director adds the other staff accounts and decides "
            "who may see what. Choose a password of at least {n} characters that you do not use elsewhere.")
            .format(n=accounts.MIN_PASSWORD_LENGTH), parent)
        self.backups = backups
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(_("Password again"), self.again)
        self.encrypt = QCheckBox(_("&Encrypt this database"))
        self.encrypt_note = QLabel()
        self.encrypt_note.setWordWrap(True)
        self.encrypt_note.setTextFormat(Qt.TextFormat.PlainText)
        self.created = False
        if encryption.can_encrypt(ctx) and encryption.available() and backups is not None:
            self.encrypt_note.setText(_("A stolen PC or a copied file then reveals nothing: famdesk asks "
                                        "for a director's password each time it starts. If every director's "
                                        "password is lost, so are the records."))
        else:
            self.encrypt.setEnabled(False)
            self.encrypt_note.setText(encryption.missing_package_message() if encryption.can_encrypt(ctx)
                                      else _("Encryption is for a database file on this computer."))
        self.encrypt.setAccessibleDescription(self.encrypt_note.text())
        self.form.addRow(self.encrypt)
        self.form.addRow(self.encrypt_note)
        # Made after the base dialog's buttons, these would otherwise come after OK in the Tab order:
        # Tab from the password would jump to OK and skip "Password again".
        QWidget.setTabOrder(self.password, self.again)
        QWidget.setTabOrder(self.again, self.encrypt)
        QWidget.setTabOrder(self.encrypt, self.buttons)

    def _check(self) -> Actor:
        if not self.created:  # a retry after a failed sign-in only signs in
            if self.password.text() != self.again.text():
                self.again.clear()  # both typed again (the base clears the first)
                raise FamdeskError(_("The two passwords differ."))
            accounts.create_first_director(self.ctx, self.username.text(), self.password.text())
            self.created = True
        actor = accounts.login(self.ctx, self.username.text(), self.password.text())
        if self.encrypt.isChecked() and self.backups is not None:
            try:
                encryption.encrypt_database(self.ctx.as_actor(actor), self.password.text(), self.backups)
            except FamdeskError as exc:  # famdesk still starts, unencrypted; Settings can try again
                from famdesk.gui.application import show_error

                show_error(self, FamdeskError(_("The database was not encrypted: {problem}\nYou can encrypt "
                                                "it later in Settings.").format(problem=exc)))
        return actor


class LoginDialog(_PasswordDialog):
    """Sign in; with ``locked_as`` set, the idle lock: only that user's password unlocks."""

    def __init__(self, ctx: ServiceContext, locked_as: str | None = None, parent: QWidget | None = None,
                 username: str = "") -> None:
        intro = (_("famdesk was locked after a while without use. Enter your password to continue.")
                 if locked_as else _("Sign in to famdesk."))
        super().__init__(ctx, _("famdesk is locked") if locked_as else _("Sign in"), intro, parent)
        if locked_as:
            self.username.setText(locked_as)
            self.username.setReadOnly(True)
            self.password.setFocus()
        elif username:  # the director who just unlocked the database, most likely signing in now
            self.username.setText(username)
            self.password.setFocus()

    def _check(self) -> Actor:
        return accounts.login(self.ctx, self.username.text(), self.password.text())


def sign_in(ctx: ServiceContext, backups: Path | None = None, unlocked_by: int | None = None) -> Actor | None:
    """First run or login; None when the user cancels."""
    dialog: _PasswordDialog = (LoginDialog(ctx, username=encryption.director_name(ctx, unlocked_by))
                               if accounts.has_users(ctx) else FirstRunDialog(ctx, backups=backups))
    return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None


class IdleLock(QObject):
    """Locks the window after ``minutes`` without keyboard or mouse input and asks for the password again."""

    INPUT_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel}

    def __init__(self, ctx: ServiceContext, window: QWidget, username: str, minutes: int) -> None:
        super().__init__(window)
        self.ctx, self.window, self.username = ctx, window, username
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, minutes) * 60_000)
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not self.locked and event.type() in self.INPUT_EVENTS:
            self.timer.start()
        return False

    def lock(self) -> None:
        """Hide every window's content and ask for the password; quit if the user gives up."""
        self.locked = True
        self.window.hide()
        dialog = LoginDialog(self.ctx, locked_as=self.username)
        self.dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.locked = False
            self.window.show()
            self.timer.start()
        else:
            QApplication.quit()
