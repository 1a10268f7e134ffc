"""Import wizard: choose a file → check the recognized columns → dry-run report → import.

Every step calls the same service as ``famdesk import``; nothing is written before the last step, and
then the whole file goes in one transaction (or nothing does), after the same verified backup the
command line takes. The last step runs off the GUI thread (``gui/tasks.run_task``) with progress, so
the window keeps painting during a 10,000-row import.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from famdesk.domain.errors import FamdeskError
from famdesk.domain.imports import DateStyle, ImportMapping, ImportReport
from famdesk.gui.application import show_error
from famdesk.gui.tasks import Task, run_task
from famdesk.i18n import N_, _, isolate, ngettext
from famdesk.services import backups, imports
from famdesk.services.context import ServiceContext
from famdesk.services.importing.mapping import all_field_keys, field_label
from famdesk.services.importing.reading import Table

STYLE_LABELS = {
    DateStyle.AUTO: N_("Detect from the column"),
    DateStyle.US: N_("month/day/year (US)"),
    DateStyle.DMY: N_("day/month/year"),
    DateStyle.ISO: N_("year-month-day"),
    DateStyle.SERIAL: N_("Excel day numbers"),
}


class ImportWizard(QWizard):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None, path: str = "",
                 backups_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.backups_dir = backups.default_folder(ctx, backups_dir)
        self.table: Table | None = None
        self.report: ImportReport | None = None
        self.task: Task | None = None
        self.setWindowTitle(_("Import families"))
        self.resize(860, 600)
        self.file_page, self.mapping_page = FilePage(self, path), MappingPage(self)
        self.report_page = ReportPage(self)
        for page in (self.file_page, self.mapping_page, self.report_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Import"))

    def mapping(self) -> ImportMapping:
        return self.mapping_page.mapping()

    def accept(self) -> None:
        """The last step: back up, then import for real in a worker; the wizard stays open (with the
        report or the error) if the file does not go in."""
        if self.task is not None and self.task.running:
            return  # a second click on Import while the first runs
        ctx, path, mapping, table = self.ctx, self.file_page.path.text(), self.mapping(), self.table
        skip, backup_dir = self.report_page.skip.isChecked(), self.backups_dir
        self.report_page.status.setText(_("Importing…"))
        self._busy(True)

        def work(progress, cancelled):  # type: ignore[no-untyped-def]
            return imports.import_roster(ctx, path, mapping, table=table, skip_bad_rows=skip,
                                         backup_dir=backup_dir, progress=progress, cancelled=cancelled)

        self.task = run_task(self, _("Importing families…"), work, on_done=self._imported)
        self.task.finished.connect(self._task_finished)

    def _busy(self, busy: bool) -> None:
        for which in (QWizard.WizardButton.FinishButton, QWizard.WizardButton.BackButton,
                      QWizard.WizardButton.CancelButton):
            self.button(which).setEnabled(not busy)

    def _task_finished(self, result: object) -> None:
        self._busy(False)
        if result is None:  # failed: the error was shown; the import was one transaction
            self.report_page.status.setText(_("Nothing was imported; the directory is as it was."))

    def _imported(self, report: ImportReport) -> None:
        self.report = report
        if report.cancelled:
            self.report_page.status.setText(_("Cancelled. Nothing was imported."))
            return
        if not report.written:
            self.report_page.show_report(report)
            self.report_page.status.setText(_("Nothing was imported; see the problems above."))
            return
        if report.backup_path is not None:
            self.report_page.status.setText(_("Imported. The database as it was before is saved in {path}.")
                                            .format(path=isolate(str(report.backup_path))))
        super().accept()


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard, path: str) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_("Choose the roster file"))
        self.setSubTitle(_("A CSV or text file (any separator, any common encoding) or an Excel .xlsx file."))
        self.path = QLineEdit(path)
        self.path.setAccessibleName(_("File"))
        browse = QPushButton(_("&Browse…"))
        browse.clicked.connect(self.browse)
        self.saved = QComboBox()
        self.saved.addItem(_("Recognize the columns"), "")
        for name in imports.mapping_names(wizard.ctx):
            self.saved.addItem(name, name)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(_("&File"), row)
        form.addRow(_("Saved &mapping"), self.saved)
        self.path.textChanged.connect(self.completeChanged)

    def browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Import families"), "", _("Rosters (*.csv *.txt *.tsv *.xlsx);;All files (*)")
        )
        if name:
            self.path.setText(name)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        try:
            self.w.table = imports.read_file(self.path.text().strip())
            name = self.saved.currentData()
            mapping = (
                imports.load_mapping(self.w.ctx, name)
                if name
                else imports.suggest_mapping(self.w.table.headers)
            )
        except FamdeskError as exc:
            show_error(self, exc)
            return False
        self.w.mapping_page.load(self.w.table, mapping)
        return True


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_("Check the columns"))
        self.setSubTitle(
            _(
                "famdesk recognized these columns. Change any that are wrong; leave a column "
                "unused to ignore it."
            )
        )
        self.grid = QTableWidget(0, 3)
        self.grid.setHorizontalHeaderLabels([_("Column in the file"), _("First value"), _("famdesk field")])
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.grid.verticalHeader().hide()
        self.date_style = QComboBox()
        for style in DateStyle:
            self.date_style.addItem(_(STYLE_LABELS[style]), style)
        self.save_as = QLineEdit()
        self.save_as.setPlaceholderText(_("e.g. ChildPlus export"))
        form = QFormLayout()
        form.addRow(_("&Dates are written as"), self.date_style)
        form.addRow(_("Remember this mapping as"), self.save_as)
        layout = QVBoxLayout(self)
        layout.addWidget(self.grid, 1)
        layout.addLayout(form)

    def load(self, table: Table, mapping: ImportMapping) -> None:
        self.grid.setRowCount(len(table.headers))
        first = table.rows[0] if table.rows else []
        for i, header in enumerate(table.headers):
            self.grid.setItem(i, 0, QTableWidgetItem(header))
            self.grid.setItem(
                i, 1, QTableWidgetItem("" if i >= len(first) or first[i] is None else str(first[i]))
            )
            combo = QComboBox()
            combo.addItem(_("(not used)"), "")
            for key in all_field_keys():
                combo.addItem(field_label(key), key)
            combo.setCurrentIndex(max(0, combo.findData(mapping.columns.get(header, ""))))
            self.grid.setCellWidget(i, 2, combo)
        self.date_style.setCurrentIndex(self.date_style.findData(mapping.date_style))
        self.grid.resizeColumnsToContents()

    def mapping(self) -> ImportMapping:
        cols = {}
        for i in range(self.grid.rowCount()):
            key = self.grid.cellWidget(i, 2).currentData()  # type: ignore[union-attr]
            if key:
                cols[self.grid.item(i, 0).text()] = key
        return ImportMapping(cols, DateStyle(self.date_style.currentData()))

    def validatePage(self) -> bool:
        try:
            if self.save_as.text().strip():
                imports.save_mapping(self.w.ctx, self.save_as.text(), self.mapping())
            report = imports.preview_roster(
                self.w.ctx, self.w.file_page.path.text(), self.mapping(), table=self.w.table
            )
        except FamdeskError as exc:
            show_error(self, exc)
            return False
        self.w.report_page.show_report(report)
        return True


class ReportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_("Dry run"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.rows = QTableWidget(0, 3)
        self.rows.setHorizontalHeaderLabels([_("Row"), _("Column"), _("Problem")])
        self.rows.horizontalHeader().setStretchLastSection(True)
        self.rows.verticalHeader().hide()
        self.skip = QCheckBox(_("&Leave out the bad rows and import the rest"))
        note = QLabel(_("Before importing, famdesk makes a verified backup of the database."))
        note.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Import status"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.rows, 1)
        layout.addWidget(self.skip)
        layout.addWidget(note)
        layout.addWidget(self.status)

    def show_report(self, report: ImportReport) -> None:
        bad = len(report.bad_rows)
        text = [
            _(
                "{file}: {rows} rows. Would import {families} families, {caregivers} caregivers and {children} "
                "children."
            ).format(
                file=Path(report.file).name,
                rows=report.data_rows,
                families=report.families,
                caregivers=report.caregivers,
                children=report.children,
            )
        ]
        if bad:
            text.append(
                ngettext(
                    "{n} row has problems: without leaving it out nothing is imported.",
                    "{n} rows have problems: without leaving them out nothing is imported.",
                    bad,
                ).format(n=bad)
            )
        if report.new_classrooms:
            text.append(_("New classrooms: {names}.").format(names=", ".join(report.new_classrooms)))
        self.summary.setText("\n".join(text))
        entries = [(str(p.row), p.column, p.message) for p in report.problems]
        entries += [
            (
                str(d.row),
                "",
                _("May already be in the directory as {name}: {reason}").format(
                    name=d.existing_family, reason=d.reason
                ),
            )
            for d in report.duplicates
        ]
        self.rows.setRowCount(len(entries))
        for i, entry in enumerate(entries):
            for j, value in enumerate(entry):
                self.rows.setItem(i, j, QTableWidgetItem(value))
        self.rows.resizeColumnsToContents()
        self.skip.setVisible(bool(bad))
