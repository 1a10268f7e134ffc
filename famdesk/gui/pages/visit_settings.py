"""The director's side of visits: program closures and holidays, and the compliance requirements."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
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

from famdesk.domain.enums import ProgramOption
from famdesk.domain.enums import label as option_label
from famdesk.domain.errors import FamdeskError
from famdesk.domain.roles import Action, Kind
from famdesk.domain.visits import AgeBand, Closure, Requirement, label
from famdesk.formatting import ui_date
from famdesk.gui.application import show_error
from famdesk.i18n import _
from famdesk.services.access import allowed
from famdesk.services.closures import delete_closure, list_closures, save_closure
from famdesk.services.context import ServiceContext
from famdesk.services.visit_requirements import get_requirements, save_requirements

_REQ_FIELDS = ("home_visits", "parent_conferences", "group_socializations", "min_home_visit_minutes")


class VisitSettingsPanel(QWidget):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.closures: list[Closure] = []
        # Closures --------------------------------------------------------------------------------
        self.closure_table = QTableWidget(0, 3)
        self.closure_table.setHorizontalHeaderLabels([_("Closed"), _("From"), _("To")])
        self.closure_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.closure_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.closure_table.verticalHeader().hide()
        self.closure_table.setAccessibleName(_("Program closures"))
        self.closure_table.horizontalHeader().setStretchLastSection(True)
        self.closure_name = QLineEdit()
        self.closure_name.setPlaceholderText(_("e.g. Winter break"))
        today = dt.date.today()
        self.closure_from = QDateEdit(QDate(today.year, today.month, today.day), calendarPopup=True)
        self.closure_to = QDateEdit(QDate(today.year, today.month, today.day), calendarPopup=True)
        self.closure_name.setAccessibleName(_("Name of the closure"))
        self.closure_from.setAccessibleName(_("Closed from"))
        self.closure_to.setAccessibleName(_("Closed until"))
        add = QPushButton(_("Add closure"))
        remove = QPushButton(_("Remove selected"))
        row = QHBoxLayout()
        for w in (self.closure_name, self.closure_from, QLabel("–"), self.closure_to, add, remove):
            row.addWidget(w)
        closures_box = QGroupBox(_("Program closures and holidays (no visits are scheduled on these days)"))
        cl = QVBoxLayout(closures_box)
        cl.addWidget(self.closure_table)
        cl.addLayout(row)
        # Requirements ----------------------------------------------------------------------------
        req_box = QGroupBox(_("Requirements per family per program year"))
        grid = QGridLayout()
        heads = [_("Home visits"), _("Parent conferences"), _("Group socializations"), _("Minimum minutes")]
        for c, text in enumerate(heads):
            grid.addWidget(QLabel(f"<b>{text}</b>"), 0, c + 1)
        self.spins: dict[str, dict[str, QSpinBox]] = {}
        r = 1
        for option in ProgramOption:
            for band in AgeBand:
                key = f"{option.value}:{band.value}"
                grid.addWidget(QLabel(f"{option_label(option)} · {label(band)}"), r, 0)
                self.spins[key] = {}
                for c, f in enumerate(_REQ_FIELDS):
                    spin = QSpinBox(maximum=600)
                    spin.setAccessibleName(f"{key} {heads[c]}")
                    grid.addWidget(spin, r, c + 1)
                    self.spins[key][f] = spin
                r += 1
        self.caseload = QSpinBox(minimum=1, maximum=200)
        self.ehs_months = QSpinBox(maximum=72)
        extra = QFormLayout()
        extra.addRow(_("Home-based caseload limit (families per home visitor)"), self.caseload)
        extra.addRow(_("Early Head Start: a child younger than (months)"), self.ehs_months)
        save = QPushButton(_("Save requirements"))
        self.req_status = QLabel()
        rl = QVBoxLayout(req_box)
        rl.addLayout(grid)
        rl.addLayout(extra)
        bottom = QHBoxLayout()
        bottom.addWidget(save)
        bottom.addWidget(self.req_status, 1)
        rl.addLayout(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(closures_box, 1)
        layout.addWidget(req_box)
        add.clicked.connect(self.add_closure)
        remove.clicked.connect(self.remove_closure)
        save.clicked.connect(self.save_requirements)
        # Closures and requirements are program settings: others read them, a director changes them
        # (the services refuse anyone else; here the controls say so instead of failing on click).
        self.editable = allowed(ctx.actor, Kind.VISIT_SETTINGS, Action.WRITE)
        if not self.editable:
            for widget in (self.closure_name, self.closure_from, self.closure_to, add, remove, save,
                           self.caseload, self.ehs_months, *(w for d in self.spins.values() for w in d.values())):
                widget.setEnabled(False)
            self.req_status.setText(_("Only a director can change closures and requirements."))
        self.reload()

    def reload(self) -> None:
        self.closures = list_closures(self.ctx)
        self.closure_table.setRowCount(len(self.closures))
        for i, c in enumerate(self.closures):
            assert c.starts_on is not None and c.ends_on is not None
            for col, text in enumerate(
                (c.name, ui_date(c.starts_on, "medium"), ui_date(c.ends_on, "medium"))
            ):
                self.closure_table.setItem(i, col, QTableWidgetItem(text))
        self.closure_table.resizeColumnsToContents()
        req = get_requirements(self.ctx)
        for key, spins in self.spins.items():
            rule = req.rules.get(key, Requirement())
            for f, spin in spins.items():
                spin.setValue(getattr(rule, f))
        self.caseload.setValue(req.caseload_max)
        self.ehs_months.setValue(req.ehs_under_months)

    def add_closure(self) -> None:
        try:
            save_closure(
                self.ctx,
                Closure(
                    self.closure_name.text(),
                    self.closure_from.date().toPython(),
                    self.closure_to.date().toPython(),
                ),
            )
        except FamdeskError as exc:
            show_error(self, exc)
            return
        self.closure_name.clear()
        self.reload()

    def remove_closure(self) -> None:
        rows = sorted({i.row() for i in self.closure_table.selectedIndexes()}, reverse=True)
        for row in rows:
            closure_id = self.closures[row].id
            if closure_id is not None:
                delete_closure(self.ctx, closure_id)
        self.reload()

    def save_requirements(self) -> None:
        req = get_requirements(self.ctx)
        for key, spins in self.spins.items():
            req.rules[key] = Requirement(**{f: spin.value() for f, spin in spins.items()})
        req.caseload_max, req.ehs_under_months = self.caseload.value(), self.ehs_months.value()
        try:
            save_requirements(self.ctx, req)
        except FamdeskError as exc:
            show_error(self, exc)
            return
        self.req_status.setText(_("Saved."))
