"""Settings → Backups (directors): the backup folder, the last backup, "Back up now" and "Restore…".

Everything goes through ``services.backups``; the dialogs are module-level ``ask_*`` functions so a
test drives the real box with real files and only the native file and password dialogs are answered.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QWidget,
)

from famdesk.db.backup_files import is_encrypted
from famdesk.db.backup_place import problem_text
from famdesk.domain.errors import FamdeskError
from famdesk.gui.accessibility import label_for
from famdesk.gui.application import show_error
from famdesk.gui.locale_format import datetime_text, number_text
from famdesk.gui.tasks import Task, run_task
from famdesk.i18n import N_, _, isolate
from famdesk.services import backups
from famdesk.services.context import ServiceContext

# What a restore summary counts, in this order (the tables a director recognizes).
SHOWN_TABLES = (
    ("family", N_("Families: {n}")),
    ("child", N_("Children: {n}")),
    ("caregiver", N_("Caregivers: {n}")),
    ("visit", N_("Home visits: {n}")),
    ("observation", N_("Observation notes: {n}")),
    ("contact", N_("Contacts: {n}")),
    ("user_account", N_("User accounts: {n}")),
)


def ask_folder(parent: QWidget, start: Path) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, _("Choose the backup folder"), str(start))
    return Path(folder) if folder else None


def ask_backup_file(parent: QWidget, start: Path) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(
        parent, _("Restore a backup"), str(start),
        _("famdesk backups (*.sqlite3 *.famdesk-backup);;All files (*)"))
    return Path(name) if name else None


def ask_password(parent: QWidget, title: str, prompt: str) -> str | None:
    text, ok = QInputDialog.getText(parent, title, prompt, QLineEdit.EchoMode.Password)
    return text if ok and text else None


def ask_confirmation(parent: QWidget, title: str, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    replace = box.addButton(_("&Replace the current data"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter must not replace a year of records
    box.exec()
    return box.clickedButton() is replace


def tell(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def backup_summary(info: backups.BackupInfo) -> str:
    """What a backup holds, in words: when, which families and notes, encrypted or not, damage."""
    lines = [_("Backup file: {file}").format(file=isolate(info.path.name))]
    if info.taken_at is not None:
        lines.append(_("Taken: {when}").format(when=datetime_text(info.taken_at, long=True)))
    lines += [_(text).format(n=number_text(info.counts[table])) for table, text in SHOWN_TABLES
              if table in info.counts]
    if info.encrypted:
        lines.append(_("The file is protected with a password."))
    if info.database_encrypted:
        lines.append(_("The database in it is encrypted; it stays encrypted when restored."))
    if info.problems:
        lines.append(_("Damaged: {problem}").format(problem=info.problems[0]))
    return "\n".join(lines)


class BackupBox(QGroupBox):
    def __init__(self, ctx: ServiceContext, default_folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(_("Backups"), parent)
        self.ctx, self.default_folder = ctx, default_folder
        self.task: Task | None = None
        self.folder = QLineEdit()
        self.folder.setReadOnly(True)
        choose = QPushButton(_("Ch&oose folder…"))
        choose.setAccessibleDescription(_("A folder or USB stick for backups, ideally not on this computer's disk."))
        choose.clicked.connect(self.choose_folder)
        self.use_default = QPushButton(_("Bac&k to the default folder"))
        self.use_default.setAccessibleDescription(_("Backups go to the folder beside the database again."))
        self.use_default.clicked.connect(lambda: self.set_folder(None))
        folder_buttons = QHBoxLayout()  # under the folder, so a long path or language still fits
        folder_buttons.addWidget(choose)
        folder_buttons.addWidget(self.use_default)
        folder_buttons.addStretch(1)
        self.last = QLabel()
        self.last.setWordWrap(True)
        self.last.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.encrypt = QCheckBox(_("Protect ne&w backups with a password"))
        self.encrypt.setAccessibleDescription(_("Back up now asks for a password; without it the file cannot be "
                                                "read or restored."))
        self.back_up = QPushButton(_("&Back up now"))
        self.back_up.setAccessibleDescription(_("Makes a verified backup in the backup folder."))
        self.back_up.clicked.connect(self.back_up_now)
        restore = QPushButton(_("R&estore…"))
        restore.setAccessibleDescription(_("Shows what a backup holds, then replaces the current data with it."))
        restore.clicked.connect(self.restore)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_up)
        buttons.addWidget(restore)
        buttons.addStretch(1)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above fields when narrow
        form.addRow(label_for(self.folder, _("Backup folder"),
                              _("Daily backups are kept for a week, then one a week for six months.")), self.folder)
        form.addRow(folder_buttons)
        form.addRow(_("Last backup"), self.last)
        form.addRow(self.encrypt)
        form.addRow(buttons)
        self.refresh()

    def refresh(self) -> None:
        chosen = backups.backup_folder(self.ctx, self.default_folder)
        is_default = chosen == self.default_folder
        self.folder.setText(_("{folder} (default)").format(folder=chosen) if is_default else str(chosen))
        self.folder.setToolTip(str(chosen))
        self.use_default.setEnabled(not is_default)
        lines = []
        last = backups.latest_backup(self.ctx, self.default_folder)
        if last is None:
            lines.append(_("No backup yet."))
        else:
            lines.append(_("{when}, in {folder}").format(when=datetime_text(last.taken_at),
                                                         folder=isolate(str(last.path.parent))))
        where = backups.backup_place_now(self.ctx, self.default_folder)
        if where.fallback is not None:
            lines.append(problem_text(where.fallback.reason, where.fallback.chosen))
        self.last.setText("\n".join(lines))

    def choose_folder(self) -> None:
        folder = ask_folder(self, backups.backup_folder(self.ctx, self.default_folder))
        if folder is not None:
            self.set_folder(folder)

    def set_folder(self, folder: Path | None) -> None:
        try:
            backups.set_backup_folder(self.ctx, folder)
        except (FamdeskError, OSError) as exc:
            show_error(self, exc)
        self.refresh()

    def back_up_now(self) -> Task | None:
        password = None
        if self.encrypt.isChecked():
            password = ask_password(self, _("Protect the backup"), _("Password for this backup:"))
            if password is None:
                return None
            if ask_password(self, _("Protect the backup"), _("The same password again:")) != password:
                show_error(self, FamdeskError(_("The two passwords are not the same; no backup was made.")))
                return None
        ctx, default = self.ctx, self.default_folder
        self.back_up.setEnabled(False)

        def done(path: Path) -> None:
            tell(self, _("Backup made"),
                 _("The backup was checked and saved as {path}.").format(path=isolate(str(path))))

        self.task = run_task(self, _("Backing up…"),
                             lambda progress, cancelled: backups.take_backup(ctx, default, password=password),
                             on_done=done)
        self.task.finished.connect(lambda _result: (self.back_up.setEnabled(True), self.refresh()))
        return self.task

    def restore(self) -> None:
        path = ask_backup_file(self, backups.backup_folder(self.ctx, self.default_folder))
        if path is not None:
            self.restore_from(path)

    def restore_from(self, path: Path) -> bool:
        """Show what ``path`` holds, ask, back up the current state, restore. True when restored."""
        password = director = None
        try:
            if path.is_file() and is_encrypted(path):
                password = ask_password(self, _("Encrypted backup"), _("This backup is protected. Its password:"))
                if password is None:
                    return False
            try:
                info = backups.inspect_backup(self.ctx, path, password)
            except backups.BackupKeyNeeded:  # an encrypted database's backup under an earlier key
                director = ask_password(self, _("Encrypted backup"), _(
                    "This backup was encrypted under an earlier key. The password of a director at the time "
                    "of the backup:"))
                if director is None:
                    return False
                info = backups.inspect_backup(self.ctx, path, password, director)
        except (FamdeskError, OSError) as exc:
            show_error(self, exc)
            return False
        summary = backup_summary(info)
        if info.problems:
            show_error(self, FamdeskError(_("This backup is damaged and cannot be restored.") + "\n\n" + summary))
            return False
        question = _("Replace everything in famdesk with this backup?\n\n{summary}\n\nThe current data is backed "
                     "up first, so this can be undone.").format(summary=summary)
        if not ask_confirmation(self, _("Restore a backup"), question):
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            # On the GUI thread on purpose: the database file is replaced under every connection, so
            # nothing else in the window may touch it meanwhile.
            safety = backups.restore(self.ctx, path, self.default_folder, password, director)
        except (FamdeskError, OSError) as exc:
            QApplication.restoreOverrideCursor()
            show_error(self, exc)
            return False
        QApplication.restoreOverrideCursor()
        self.refresh()
        # User accounts and settings now come from the backup: signing in again checks them.
        tell(self, _("Backup restored"),
             _("The backup was restored. The data from before is kept in {path}.\n\nfamdesk closes now; "
               "start it again to sign in to the restored data.").format(path=isolate(str(safety))))
        window = self.window()
        if isinstance(window, QMainWindow):
            window.close()
        return True
