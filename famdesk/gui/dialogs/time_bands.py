"""The parts of the program day the incident summary counts by (arrival, morning, lunch, nap…)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain.errors import FamdeskError, ValidationError
from famdesk.domain.incidents import DEFAULT_BANDS, TimeBand
from famdesk.gui.accessibility import name
from famdesk.gui.widgets.form_problems import problems_label, show_problem_list
from famdesk.i18n import _
from famdesk.services import incident_summary
from famdesk.services.context import ServiceContext

NAME, START, END = range(3)


class TimeBandsDialog(QDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Parts of the day"))
        self.resize(520, 420)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Part of the day"), _("Starts (HH:MM)"), _("Ends (HH:MM)")])
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        name(self.table, _("Parts of the day"), _("Each incident is counted in the part of the day its time "
                                                  "falls in; times outside every part count as other times."))
        add = QPushButton(_("&Add a part"))
        add.clicked.connect(lambda: self.add_row(TimeBand("", dt.time(9), dt.time(10))))
        remove = QPushButton(_("&Remove part"))
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        builtin = QPushButton(_("&Built-in parts"))
        builtin.clicked.connect(lambda: self.show_bands(list(DEFAULT_BANDS)))
        self.problems = problems_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (add, remove, builtin):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.show_bands(incident_summary.time_bands(ctx))

    def show_bands(self, bands: list[TimeBand]) -> None:
        self.table.setRowCount(0)
        for band in bands:
            self.add_row(band)

    def add_row(self, band: TimeBand) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        title = QTableWidgetItem(band.title() if band.key else "")
        title.setData(Qt.ItemDataRole.UserRole, band.key)  # a built-in keeps its key: its name is translated
        self.table.setItem(row, NAME, title)
        self.table.setItem(row, START, QTableWidgetItem(band.start.strftime("%H:%M")))
        self.table.setItem(row, END, QTableWidgetItem(band.end.strftime("%H:%M")))
        return row

    def bands(self) -> list[TimeBand]:
        out = []
        for row in range(self.table.rowCount()):
            key = self.table.item(row, NAME).data(Qt.ItemDataRole.UserRole) or f"custom{row + 1}"
            title = self.table.item(row, NAME).text().strip()
            times = []
            for col in (START, END):
                text = self.table.item(row, col).text().strip()
                try:  # strictly HH:MM: Python would also read "1130" or "11.30", which nobody means here
                    times.append(dt.datetime.strptime(text, "%H:%M").time())
                except ValueError:
                    raise ValidationError(_("Row {n}: write times as HH:MM, for example 12:30.")
                                          .format(n=row + 1), "bands") from None
            builtin = TimeBand(key, times[0], times[1])
            # The built-in name as shown stays a translation; anything else typed is the program's own name.
            out.append(TimeBand(key, times[0], times[1], "" if title == builtin.title() else title))
        return out

    def save(self) -> None:
        self.problems.hide()
        try:
            incident_summary.save_time_bands(self.ctx, self.bands())
        except FamdeskError as exc:
            show_problem_list(self.problems, [str(exc)])
            return
        self.accept()
