"""Family goals: every goal with its area, status, next follow-up and steps done."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain import partnership as p
from famdesk.formatting import ui_date
from famdesk.gui.dialogs.goal_edit import GoalDialog
from famdesk.gui.widgets.record_table import RecordTable
from famdesk.i18n import _
from famdesk.services import goals as goal_service
from famdesk.services.context import ServiceContext


class GoalsPage(QWidget):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.goals: list[p.Goal] = []
        self.status = QComboBox()
        self.status.setAccessibleName(_("Show goals with status"))
        self.status.addItem(_("All goals"), None)
        for st in p.GoalStatus:
            self.status.addItem(p.label(st), st.value)
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table = RecordTable([_("Family"), _("Goal"), _("Area"), _("Status"), _("Next follow-up"),
                                  _("Steps done")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(_("Family goals"))
        self.table.doubleClicked.connect(lambda _i: self.edit_goal())
        new = QPushButton(_("&New goal…"))
        new.clicked.connect(lambda: self.new_goal())
        edit = QPushButton(_("&Edit goal…"))
        edit.clicked.connect(self.edit_goal)
        top = QHBoxLayout()
        top.addWidget(self.status)
        top.addStretch(1)
        top.addWidget(new)
        top.addWidget(edit)
        worksheet = QPushButton(_("&Print worksheet…"))
        worksheet.clicked.connect(self.print_worksheet)
        top.addWidget(worksheet)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        status = self.status.currentData()
        self.goals = goal_service.list_goals(self.ctx, status=p.GoalStatus(status) if status else None)
        today = dt.date.today()
        rows = []
        for g in self.goals:
            late = g.status is p.GoalStatus.IN_PROGRESS and g.follow_up_on is not None and g.follow_up_on < today
            follow = ui_date(g.follow_up_on, "medium") if g.follow_up_on else ""
            rows.append((g.family_name, g.goal_text, p.label(g.area), p.label(g.status),
                         follow + (" " + _("(overdue)") if late else ""),
                         f"{sum(s.done for s in g.steps)}/{len(g.steps)}"))
        self.table.set_rows(rows, [g.id for g in self.goals])
        self.table.resizeColumnsToContents()

    def print_worksheet(self) -> list:  # type: ignore[type-arg]
        """The goal worksheet in the family's language, for the family to keep."""
        from famdesk.gui.dialogs.save_pdf import save_pdfs
        from famdesk.services.partnership_print import goal_worksheet

        row = self.table.currentRow()
        if row < 0 or row >= len(self.goals):
            return []
        result = goal_worksheet(self.ctx, self.goals[row].id or 0)
        return save_pdfs(self, {f"goal-{self.goals[row].id}.pdf": result.pdf}, result.warnings)

    def new_goal(self, family_id: int | None = None) -> GoalDialog:
        dialog = GoalDialog(self.ctx, family_id=family_id, parent=self)
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()
        return dialog

    def edit_goal(self) -> GoalDialog | None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.goals):
            return None
        dialog = GoalDialog(self.ctx, goal_service.get_goal(self.ctx, self.goals[row].id or 0), parent=self)
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()
        return dialog
