"""The unlock dialog: an encrypted database opens only with a director's password, before anyone signs in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain.errors import FamdeskError
from famdesk.i18n import _, isolate
from famdesk.services import encryption


class UnlockDialog(QDialog):
    def __init__(self, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.unlocked: encryption.Unlocked | None = None
        self.setWindowTitle(_("Unlock famdesk"))
        intro = QLabel(_("This database is encrypted. Enter the password of one of the program's directors "
                         "to open it; then each person signs in as usual."))
        intro.setWordWrap(True)
        where = QLabel(_("Database: {path}").format(path=isolate(str(database))))
        where.setWordWrap(True)
        where.setStyleSheet("color: palette(placeholder-text)")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_("Director's password"))
        form = QFormLayout()
        caption = QLabel(_("Director's &password"))
        caption.setBuddy(self.password)
        form.addRow(caption, self.password)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a40000")
        self.error.setAccessibleName(_("Problem"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Unlock"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.password.setFocus()

    def _submit(self) -> None:
        try:
            self.unlocked = encryption.unlock_file(self.database, self.password.text())
        except FamdeskError as exc:
            self.error.setText(str(exc))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()


def unlock_with_dialog(database: Path) -> encryption.Unlocked:
    """Show the dialog until a director's password fits; closing it cancels the start."""
    from famdesk.domain.errors import Cancelled
    from famdesk.gui.application import ensure_qapplication
    from famdesk.gui.qt_i18n import apply_language
    from famdesk.i18n import ui_language

    app = ensure_qapplication()
    apply_language(app, ui_language())
    dialog = UnlockDialog(database)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.unlocked is None:
        raise Cancelled(_("famdesk was not unlocked."))
    return dialog.unlocked
