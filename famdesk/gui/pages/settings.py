"""Settings page: the program's name, contact details, language, country, year and paper size;
the interface language of this computer account; backups and encryption of the file (directors)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain.enums import PaperSize, label
from famdesk.domain.languages import print_language_codes
from famdesk.domain.roles import Action, Kind, Role
from famdesk.formatting import language_name
from famdesk.gui.accessibility import label_for, mnemonic_letter, mnemonic_texts, resolve_mnemonic_clashes
from famdesk.gui.application import show_error
from famdesk.gui.locale_format import qdate, setup_date_edit, to_date
from famdesk.i18n import _, available_languages, review_state
from famdesk.preferences import Preferences, load_preferences, save_preferences
from famdesk.services import access, backups
from famdesk.services import program as program_service
from famdesk.services.access import allowed
from famdesk.services.context import ServiceContext


class SettingsPage(QWidget):
    def __init__(self, ctx: ServiceContext, config_dir: Path | None = None, parent: QWidget | None = None,
                 backups_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.config_dir = config_dir
        self.backup_box: QWidget | None = None  # directors only, on SQLite
        self.encryption: QWidget | None = None  # the same
        self.name = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)  # Tab leaves the box instead of typing a tab
        self.address.setMaximumHeight(self.address.fontMetrics().lineSpacing() * 4 + 12)
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.language = QComboBox()
        for code in print_language_codes():
            self.language.addItem(language_name(code), code)
        self.country = QLineEdit()
        self.country.setMaxLength(2)
        self.timezone = QLineEdit()
        self.year_start = setup_date_edit(QDateEdit())
        self.year_end = setup_date_edit(QDateEdit())
        self.paper = QComboBox()
        for size in PaperSize:
            self.paper.addItem(label(size), size.value)
        self.status = QLabel()
        self.status.setAccessibleName(_("Result"))
        save = QPushButton(_("&Save settings"))
        save.setAccessibleDescription(_("Saves the program settings for everyone using this database."))
        save.clicked.connect(self.save)

        form = QFormLayout()
        for text, widget in ((_("Program &name"), self.name), (_("&Address"), self.address),
                             (_("&Phone"), self.phone), (_("E&mail"), self.email),
                             (_("Default &language for handouts"), self.language),
                             (_("&Country (two letters)"), self.country), (_("&Time zone"), self.timezone),
                             (_("Program &year starts"), self.year_start),
                             (_("Program year en&ds"), self.year_end),
                             (_("Pape&r size"), self.paper)):
            form.addRow(label_for(widget, text), widget)
        year = _("Program-year figures count from the start date to the end date.")
        for widget, description in (
                (self.name, _("Shown on every handout and letter.")),
                (self.address, _("Printed on handouts and letters.")),
                (self.phone, _("The program's main phone number, printed on handouts.")),
                (self.email, _("The program's contact email, printed on handouts.")),
                (self.language, _("For handouts to families whose own language is not set.")),
                (self.country, _("Two letters, for example US, MX or CA.")),
                (self.timezone, _("For example America/New_York.")),
                (self.year_start, year), (self.year_end, year),
                (self.paper, _("Automatic picks Letter or A4 from the program's country."))):
            widget.setAccessibleDescription(description)
        # The page scrolls: with large system fonts or a longer language it is taller than the window.
        content = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab and F6 go to the fields; it scrolls to them
        scroll.setWidget(content)
        QVBoxLayout(self).addWidget(scroll)
        self.layout().setContentsMargins(0, 0, 0, 0)
        # Two columns on a wide window: the program's settings, and this computer's and the backups';
        # QHBoxLayout mirrors them for right-to-left languages.
        columns = QHBoxLayout(content)
        layout = QVBoxLayout()
        side = QVBoxLayout()
        columns.addLayout(layout, 1)
        columns.addLayout(side, 1)
        heading = QLabel(f"<h2>{_('Program settings')}</h2>")
        heading.setAccessibleName(_("Program settings"))
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(save)
        layout.addWidget(self.status)
        layout.addStretch(1)
        if config_dir is not None:
            side.addWidget(self._interface_box(config_dir))
        if ctx.db.is_sqlite and ctx.db.sqlite_path and access.allowed(ctx.actor, Kind.DATABASE, Action.WRITE):
            from famdesk.gui.widgets.backup_box import BackupBox

            default = backups.default_folder(ctx, backups_dir)
            assert default is not None  # SQLite
            self.backup_box = BackupBox(ctx, default)
            side.addWidget(self.backup_box)
            if ctx.actor.role is Role.DIRECTOR:  # a director's own password will unlock the file
                from famdesk.gui.dialogs.encrypt import EncryptionBox

                self.encryption = EncryptionBox(ctx, default)
                side.addWidget(self.encryption)
        if allowed(ctx.actor, Kind.LEGAL_HOLD, Action.WRITE):  # directors: retention and legal holds
            from famdesk.gui.widgets.retention_box import RetentionBox

            self.retention = RetentionBox(ctx)
            side.addWidget(self.retention)
        side.addStretch(1)
        self.load()
        self._resolve_mnemonics()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentChange:
            self._resolve_mnemonics()  # now inside the main window: its menus' letters count too
        return super().event(event)

    def _resolve_mnemonics(self) -> None:
        """Keep the backup box's Alt+letters clear of the page's and the menus' (partial catalogs mix
        English fallbacks with translated letters)."""
        if self.backup_box is None:
            return
        mine = mnemonic_texts(self.backup_box) + (mnemonic_texts(self.encryption) if self.encryption else [])
        own = {w for w, _text in mine}
        reserved = {mnemonic_letter(t) for w, t in mnemonic_texts(self) if w not in own}
        window = self.window()
        if isinstance(window, QMainWindow):
            reserved |= {mnemonic_letter(a.text()) for a in window.menuBar().actions()}
        resolve_mnemonic_clashes(mine, {x for x in reserved if x})

    def _interface_box(self, config_dir: Path) -> QGroupBox:
        """This PC account's interface language (kept outside the shared database)."""
        box = QGroupBox(_("Interface (this computer account)"))
        self.ui_language = QComboBox()
        self.ui_language.addItem(_("Same as the system"), "")
        for code in available_languages():
            text = language_name(code)
            if review_state(code) != "reviewed":
                # The autonym stays readable for its speakers; the note is in the current language.
                text = _("{language} (draft translation)").format(language=text)
            self.ui_language.addItem(text, code)
        self.ui_language.addItem(_("Pseudo-language (for testing layouts)"), "en_XA")
        self.ui_language.addItem(_("Pseudo-language, right to left"), "ar_XB")
        current = load_preferences(config_dir).ui_language
        self.ui_language.setCurrentIndex(max(0, self.ui_language.findData(current)))
        apply = QPushButton(_("&Use this interface language"))
        apply.setAccessibleDescription(_("Keeps the choice for this computer account; used from the next start."))
        apply.clicked.connect(self.save_interface_language)
        self.ui_status = QLabel()
        form = QFormLayout(box)
        lang_label = label_for(self.ui_language, _("&Interface language"),
                               _("The language of menus and pages on this computer account."))
        form.addRow(lang_label, self.ui_language)
        form.addRow(apply)
        form.addRow(self.ui_status)
        return box

    def save_interface_language(self) -> None:
        assert self.config_dir is not None
        save_preferences(self.config_dir, Preferences(ui_language=self.ui_language.currentData()))
        self.ui_status.setText(_("Saved. The new language is used the next time famdesk starts."))

    def load(self) -> None:
        p = program_service.get_program(self.ctx)
        self._program_version = p.version  # a save from this form is refused if someone saved since
        self.name.setText(p.name)
        self.address.setPlainText(p.address)
        self.phone.setText(p.phone)
        self.email.setText(p.email)
        self.language.setCurrentIndex(max(0, self.language.findData(p.default_language)))
        self.country.setText(p.country)
        self.timezone.setText(p.timezone)
        if p.year_start:
            self.year_start.setDate(qdate(p.year_start))
        if p.year_end:
            self.year_end.setDate(qdate(p.year_end))
        self.paper.setCurrentIndex(max(0, self.paper.findData(p.paper_size.value)))

    def save(self) -> None:
        p = program_service.get_program(self.ctx)
        p.name, p.address = self.name.text(), self.address.toPlainText()
        p.phone, p.email = self.phone.text(), self.email.text()
        p.default_language = self.language.currentData()
        p.country, p.timezone = self.country.text(), self.timezone.text()
        p.year_start = to_date(self.year_start.date())
        p.year_end = to_date(self.year_end.date())
        p.paper_size = PaperSize(self.paper.currentData())
        p.version = getattr(self, "_program_version", None)
        try:
            self._program_version = program_service.save_program(self.ctx, p).version
        except Exception as exc:  # noqa: BLE001 - shown to the user, form keeps what they typed
            show_error(self, exc)
            return
        self.status.setText(_("Settings saved."))

