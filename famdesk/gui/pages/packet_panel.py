"""Welcome packets: which handouts go in and in which order, and printing them for one family, the
families enrolled since a date, or everyone — off the GUI thread, with progress and cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain.handouts import PacketRun
from famdesk.domain.languages import print_language_codes
from famdesk.formatting import language_name
from famdesk.gui.application import show_error
from famdesk.gui.tasks import Task, run_task
from famdesk.gui.widgets.pdf_preview import PdfPreview
from famdesk.i18n import _, ui_language
from famdesk.services import handouts as library
from famdesk.services import packets
from famdesk.services.context import ServiceContext
from famdesk.services.families import FamilyFilter, search_families

KEY_ROLE = 256  # Qt.UserRole


class PacketPanel(QWidget):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: Task | None = None
        self.last_run: PacketRun | None = None
        # composition
        self.packet = QListWidget()
        self.packet.setAccessibleName(_("Handouts in the welcome packet, in order"))
        self.available = QComboBox()
        self.available.setAccessibleName(_("Handout to add"))
        add, up, down, remove = (QPushButton(t) for t in (_("Add"), _("Move up"), _("Move down"), _("Remove")))
        add.clicked.connect(self.add_selected)
        up.clicked.connect(lambda: self.move(-1))
        down.clicked.connect(lambda: self.move(1))
        remove.clicked.connect(self.remove_selected)
        save = QPushButton(_("Save packet"))
        save.clicked.connect(self.save_packet)
        comp = QGroupBox(_("Every welcome packet holds, in this order (the family's own page comes last):"))
        cv = QVBoxLayout(comp)
        cv.addWidget(self.packet, 1)
        row = QHBoxLayout()
        row.addWidget(self.available, 1)
        for b in (add, up, down, remove, save):
            row.addWidget(b)
        cv.addLayout(row)
        # printing
        self.one, self.new, self.all = (QRadioButton(t) for t in (_("One family"), _("New families since"),
                                                                   _("All families")))
        self.choice = QButtonGroup(self)
        for b in (self.one, self.new, self.all):
            self.choice.addButton(b)
        self.new.setChecked(True)
        self.family = QComboBox()
        self.family.setAccessibleName(_("Family"))
        self.english_copy = QCheckBox(_("This family also wants the English version"))
        self.english_copy.toggled.connect(self.set_english_copy)
        self.family.currentIndexChanged.connect(lambda _i: self.show_english_copy())
        self.since = QDateEdit(QDate.currentDate().addDays(-30))
        self.since.setAccessibleName(_("Families enrolled since"))
        self.since.setCalendarPopup(True)
        self.language = QComboBox()
        self.language.setAccessibleName(_("Language"))
        self.language.addItem(_("Each family's preferred language"), "auto")
        for code in print_language_codes():
            self.language.addItem(f"{language_name(code, ui_language())} ({code})", code)
        self.event_weeks = QSpinBox()
        self.event_weeks.setRange(1, packets.MAX_EVENT_WEEKS)
        self.event_weeks.setAccessibleName(_("Weeks of upcoming events on the family page"))
        self.event_weeks.valueChanged.connect(self.save_event_weeks)
        self.per_family = QCheckBox(_("One PDF per family (into a folder)"))
        self.print_button = QPushButton(_("Print welcome packets…"))
        self.print_button.clicked.connect(self.print_clicked)
        self.result = QLabel()
        self.result.setWordWrap(True)
        box = QGroupBox(_("Print welcome packets"))
        grid = QGridLayout(box)
        grid.addWidget(self.one, 0, 0)
        grid.addWidget(self.family, 0, 1)
        grid.addWidget(self.english_copy, 1, 1)
        grid.addWidget(self.new, 2, 0)
        grid.addWidget(self.since, 2, 1)
        grid.addWidget(self.all, 3, 0)
        grid.addWidget(QLabel(_("Language:")), 4, 0)
        grid.addWidget(self.language, 4, 1)
        grid.addWidget(QLabel(_("Upcoming events, weeks ahead:")), 5, 0)
        grid.addWidget(self.event_weeks, 5, 1)
        grid.addWidget(self.per_family, 6, 0, 1, 2)
        grid.addWidget(self.print_button, 7, 1)
        grid.addWidget(self.result, 8, 0, 1, 2)
        self.preview = PdfPreview()
        left = QVBoxLayout()
        left.addWidget(comp, 1)
        left.addWidget(box)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(self.preview, 1)

    # ------------------------------------------------------------ composition
    def reload_library(self) -> None:
        self.reload_families()
        titles = {h.key: h.title for h in library.list_handouts(self.ctx)}
        self.titles = titles
        self.available.clear()
        for key, title in titles.items():
            self.available.addItem(title, key)
        self.packet.clear()
        for key in library.packet_handouts(self.ctx):
            self._append(key)
        self.event_weeks.blockSignals(True)
        self.event_weeks.setValue(packets.packet_event_weeks(self.ctx))
        self.event_weeks.blockSignals(False)

    def _append(self, key: str) -> None:
        item = QListWidgetItem(self.titles.get(key, key))
        item.setData(KEY_ROLE, key)
        self.packet.addItem(item)

    def keys(self) -> list[str]:
        return [self.packet.item(i).data(KEY_ROLE) for i in range(self.packet.count())]

    def add_selected(self) -> None:
        key = self.available.currentData()
        if key and key not in self.keys():
            self._append(key)

    def move(self, delta: int) -> None:
        row = self.packet.currentRow()
        if row < 0 or not 0 <= row + delta < self.packet.count():
            return
        item = self.packet.takeItem(row)
        self.packet.insertItem(row + delta, item)
        self.packet.setCurrentRow(row + delta)

    def remove_selected(self) -> None:
        row = self.packet.currentRow()
        if row >= 0:
            self.packet.takeItem(row)

    def save_packet(self) -> bool:
        try:
            library.set_packet_handouts(self.ctx, self.keys())
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return False
        return True

    def save_event_weeks(self, weeks: int) -> None:
        try:
            packets.set_packet_event_weeks(self.ctx, weeks)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)

    # ------------------------------------------------------------ printing
    def reload_families(self) -> None:
        self.family.clear()
        for row in search_families(self.ctx, FamilyFilter(), limit=5000):
            self.family.addItem(row.name, row.id)

    def show_english_copy(self) -> None:
        fid = self.family.currentData()
        self.english_copy.blockSignals(True)
        self.english_copy.setChecked(fid is not None and library.english_copy(self.ctx, int(fid)))
        self.english_copy.blockSignals(False)

    def set_english_copy(self, wanted: bool) -> None:
        fid = self.family.currentData()
        if fid is None:
            return
        try:
            library.set_english_copy(self.ctx, int(fid), wanted)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            self.show_english_copy()

    def selected_ids(self) -> list[int]:
        if self.one.isChecked():
            fid = self.family.currentData()
            return packets.choose_families(self.ctx, family_id=int(fid)) if fid is not None else []
        if self.new.isChecked():
            return packets.choose_families(self.ctx, new_since=self.since.date().toPython())
        return packets.choose_families(self.ctx, everyone=True)

    def print_clicked(self) -> None:
        if self.per_family.isChecked():
            path = QFileDialog.getExistingDirectory(self, _("Folder for the welcome packets"))
        else:
            path, _f = QFileDialog.getSaveFileName(self, _("Save welcome packets"), "welcome-packets.pdf",
                                                   _("PDF files (*.pdf)"))
        if path:
            self.print_packets(path)

    def print_packets(self, path: str) -> Task | None:
        try:
            ids = self.selected_ids()
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return None
        if not ids:
            QMessageBox.information(self, _("Nothing to print"), _("No families match; nothing to print."))
            return None
        lang = str(self.language.currentData())
        one_file = not self.per_family.isChecked()
        ctx = self.ctx
        self.print_button.setEnabled(False)

        def work(progress, cancelled):  # type: ignore[no-untyped-def]
            return packets.print_welcome_packets(ctx, ids, language=lang, one_file=one_file,
                                                 progress=progress, cancelled=cancelled)

        self.task = run_task(self, _("Printing welcome packets…"), work, lambda run: self._done(run, path))
        self.task.finished.connect(lambda _r: self.print_button.setEnabled(True))
        return self.task

    def _done(self, run: PacketRun, path: str) -> None:
        self.last_run = run
        if run.cancelled:
            self.result.setText(_("Cancelled: nothing was saved."))
            return
        out = Path(path)
        if len(run.files) == 1 and not self.per_family.isChecked():
            out.write_bytes(run.files[0].pdf)
        else:
            out.mkdir(parents=True, exist_ok=True)
            for f in run.files:
                (out / f.name).write_bytes(f.pdf)
        families = sum(f.families for f in run.files)
        text = _("{families} welcome packet(s), {pages} pages, saved to {path}.").format(
            families=families, pages=run.pages, path=path)
        if run.warnings:
            text += "\n" + _("Warning: {n} handout(s) printed in another language for lack of a translation "
                             "(see the preview).").format(n=len(run.warnings))
        self.result.setText(text)
        self.preview.set_pdf(run.files[0].pdf, run.warnings[:20], run.files[0].name)


