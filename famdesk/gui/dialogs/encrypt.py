"""Settings → Encryption (directors): whether the database file is encrypted, and encrypting it later."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain.errors import FamdeskError
from famdesk.i18n import _, isolate
from famdesk.services import encryption
from famdesk.services.context import ServiceContext


class EncryptDialog(QDialog):
    """Asks the signed-in director for their own password, then encrypts (the password will unlock it)."""

    def __init__(self, ctx: ServiceContext, backups: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.backups = ctx, backups
        self.result_: encryption.EncryptionResult | None = None
        self.setWindowTitle(_("Encrypt this database"))
        intro = QLabel(_("famdesk takes a backup, writes an encrypted copy of the database, checks it and "
                         "puts it in place of the current file; earlier backups are encrypted too. From then on "
                         "famdesk asks for a director's password each time it starts. If every director's password "
                         "is lost, so are the records: keep a backup and the key file safe."))
        intro.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        caption = QLabel(_("Your &password"))
        caption.setBuddy(self.password)
        form = QFormLayout()
        form.addRow(caption, self.password)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a40000")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Encrypt"))
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _submit(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.result_ = encryption.encrypt_database(self.ctx, self.password.text(), self.backups)
        except FamdeskError as exc:
            self.error.setText(str(exc))
            self.password.clear()
            self.password.setFocus()
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.accept()


class EncryptionBox(QGroupBox):
    def __init__(self, ctx: ServiceContext, backups: Path, parent: QWidget | None = None) -> None:
        super().__init__(_("Encryption at rest"), parent)
        self.ctx, self.backups = ctx, backups
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.keys = QLabel()  # the path alone on its line: reads left to right in any interface language
        self.keys.setTextFormat(Qt.TextFormat.PlainText)
        self.keys.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(_("&Encrypt this database…"))
        self.button.clicked.connect(self.encrypt)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.keys)
        layout.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignLeading)
        self.refresh()

    def refresh(self) -> None:
        self.keys.hide()
        if encryption.is_encrypted(self.ctx):
            text = _("This database file is encrypted (SQLCipher, AES-256). A director's password unlocks "
                     "it when famdesk starts. Keep its key file with it:")
            self.keys.setText(isolate(str(encryption.keys_path(self.ctx))))
            self.keys.show()
            self.button.hide()
        elif not encryption.available():
            text = encryption.missing_package_message()
            self.button.setEnabled(False)
        else:
            text = _("This database file is not encrypted: anyone who copies it can read it.")
        self.status.setText(text)
        self.button.setAccessibleDescription(text)

    def encrypt(self) -> None:
        dialog = EncryptDialog(self.ctx, self.backups, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_ is None:
            return
        self.refresh()
        result = dialog.result_
        lines = [_("The database is now encrypted."),
                 _("Backup taken first: {path}").format(path=isolate(str(result.safety_backup)))]
        if result.converted_backups:
            lines.append(_("{count} earlier backup(s) were encrypted too.").format(count=len(result.converted_backups)))
        lines += [_("Not encrypted (check it, then delete it): {path}").format(path=isolate(str(p)))
                  for p in result.left_plain]
        QMessageBox.information(self, _("Encrypt this database"), "\n".join(lines))
