"""Edit a family goal (family partnership agreement) with its steps: what, who, by when, done."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain import partnership as p
from famdesk.gui.application import show_error
from famdesk.gui.dialogs.partnership_common import enum_combo, family_combo, set_combo, staff_combo, to_date
from famdesk.i18n import _
from famdesk.services import goals as goal_service
from famdesk.services.context import ServiceContext

WHAT, WHO, WHEN, DONE = range(4)


class OptionalDate(QWidget):
    """A date that may be left empty (a checkbox switches it on)."""

    def __init__(self, value: dt.date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox()
        self.edit = QDateEdit(QDate(value) if value else QDate.currentDate())
        self.edit.setCalendarPopup(True)
        self.enabled.toggled.connect(self.edit.setEnabled)
        self.enabled.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.enabled)
        row.addWidget(self.edit, 1)

    def value(self) -> dt.date | None:
        return to_date(self.edit.date()) if self.enabled.isChecked() else None

    def set_value(self, value: dt.date | None) -> None:
        self.enabled.setChecked(value is not None)
        if value:
            self.edit.setDate(QDate(value))


class GoalDialog(QDialog):
    def __init__(self, ctx: ServiceContext, goal: p.Goal | None = None, family_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.goal = goal or p.Goal(family_id=family_id, started_on=dt.date.today())
        self.saved: p.Goal | None = None
        self.setWindowTitle(_("Family goal"))
        self.resize(640, 560)
        self.family = family_combo(ctx, self)
        set_combo(self.family, self.goal.family_id)
        self.family.setEnabled(self.goal.id is None)
        self.text = QPlainTextEdit(self.goal.goal_text)
        self.text.setPlaceholderText(_("The goal in the family's own words"))
        self.text.setMaximumHeight(70)
        self.area = enum_combo(p.GoalArea, self)
        set_combo(self.area, self.goal.area.value)
        self.status = enum_combo(p.GoalStatus, self)
        set_combo(self.status, self.goal.status.value)
        self.started = OptionalDate(self.goal.started_on)
        self.follow_up = OptionalDate(self.goal.follow_up_on)
        self.last_follow_up = OptionalDate(self.goal.last_follow_up_on)
        self.achieved = OptionalDate(self.goal.achieved_on)
        self.referrals = QPlainTextEdit(self.goal.referrals)
        self.referrals.setMaximumHeight(50)
        self.staff = staff_combo(ctx, self)
        set_combo(self.staff, self.goal.staff_id)
        self.steps = QTableWidget(0, 4)
        self.steps.setHorizontalHeaderLabels([_("Step"), _("Who"), _("By (YYYY-MM-DD)"), _("Done")])
        self.steps.horizontalHeader().setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        self.steps.setAccessibleName(_("Steps"))
        for step in self.goal.steps:
            self.add_step(step)
        add = QPushButton(_("&Add a step"))
        add.clicked.connect(lambda: self.add_step())
        remove = QPushButton(_("&Remove step"))
        remove.clicked.connect(lambda: self.steps.removeRow(self.steps.currentRow()))

        form = QFormLayout()
        form.addRow(_("Family"), self.family)
        form.addRow(_("Goal"), self.text)
        form.addRow(_("Area"), self.area)
        form.addRow(_("Status"), self.status)
        form.addRow(_("Started"), self.started)
        form.addRow(_("Next follow-up"), self.follow_up)
        form.addRow(_("Last follow-up"), self.last_follow_up)
        form.addRow(_("Achieved"), self.achieved)
        form.addRow(_("Referrals"), self.referrals)
        form.addRow(_("Staff"), self.staff)
        step_buttons = QHBoxLayout()
        step_buttons.addWidget(add)
        step_buttons.addWidget(remove)
        step_buttons.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Steps")))
        layout.addWidget(self.steps, 1)
        layout.addLayout(step_buttons)
        layout.addWidget(buttons)

    def add_step(self, step: p.GoalStep | None = None) -> int:
        step = step or p.GoalStep()
        row = self.steps.rowCount()
        self.steps.insertRow(row)
        what = QTableWidgetItem(step.what)
        what.setData(Qt.ItemDataRole.UserRole, step.id)
        self.steps.setItem(row, WHAT, what)
        self.steps.setItem(row, WHO, QTableWidgetItem(step.who))
        self.steps.setItem(row, WHEN, QTableWidgetItem(step.due_on.isoformat() if step.due_on else ""))
        done = QTableWidgetItem()
        done.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        done.setCheckState(Qt.CheckState.Checked if step.done else Qt.CheckState.Unchecked)
        self.steps.setItem(row, DONE, done)
        return row

    def set_step(self, row: int, what: str, who: str = "", when: str = "", done: bool = False) -> None:
        self.steps.item(row, WHAT).setText(what)
        self.steps.item(row, WHO).setText(who)
        self.steps.item(row, WHEN).setText(when)
        self.steps.item(row, DONE).setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)

    def _steps(self) -> list[p.GoalStep]:
        out = []
        for row in range(self.steps.rowCount()):
            when_text = self.steps.item(row, WHEN).text().strip()
            try:
                due = dt.date.fromisoformat(when_text) if when_text else None
            except ValueError:
                from famdesk.domain.errors import ValidationError

                raise ValidationError(_("Step {n}: write the date as YYYY-MM-DD, for example 2026-12-05.")
                                      .format(n=row + 1), "steps") from None
            out.append(p.GoalStep(what=self.steps.item(row, WHAT).text(), who=self.steps.item(row, WHO).text(),
                                  due_on=due, done=self.steps.item(row, DONE).checkState() == Qt.CheckState.Checked,
                                  id=self.steps.item(row, WHAT).data(Qt.ItemDataRole.UserRole)))
        return out

    def save(self) -> None:
        try:
            goal = p.Goal(family_id=self.family.currentData(), goal_text=self.text.toPlainText(),
                          area=p.GoalArea(self.area.currentData()), status=p.GoalStatus(self.status.currentData()),
                          started_on=self.started.value(), follow_up_on=self.follow_up.value(),
                          last_follow_up_on=self.last_follow_up.value(), achieved_on=self.achieved.value(),
                          referrals=self.referrals.toPlainText(), staff_id=self.staff.currentData(),
                          steps=self._steps(), id=self.goal.id, version=self.goal.version)
            save = goal_service.update_goal if goal.id is not None else goal_service.add_goal
            self.saved = save(self.ctx, goal)
        except Exception as exc:  # noqa: BLE001 - shown; the dialog keeps what was typed
            show_error(self, exc)
            return
        self.accept()
