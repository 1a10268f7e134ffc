"""Dashboard: participation, contacts by tone, goals by status, home visits and families to reach."""

from __future__ import annotations

import datetime as dt
import time

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain import partnership as p
from famdesk.domain.roles import Action, Kind
from famdesk.formatting import format_percent, ui_date
from famdesk.gui.application import show_error
from famdesk.gui.widgets.bar_chart import BarChart
from famdesk.gui.widgets.record_table import RecordTable
from famdesk.i18n import _, ui_language
from famdesk.services import contacts as contact_service
from famdesk.services import dashboard as dashboard_service
from famdesk.services.access import allowed
from famdesk.services.context import ServiceContext

MONTHS_SHOWN = 6
FRESH_SECONDS = 2.0


class DashboardPage(QWidget):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.data: p.Dashboard | None = None
        self._refreshed_at = float("-inf")
        self.period = QLabel()
        self.figures: dict[str, QLabel] = {}
        tiles = QHBoxLayout()
        for key, title in (("enrolled", _("Families enrolled")), ("participation", _("Came to an event")),
                           ("visits", _("Home visits made")), ("attention", _("Need attention"))):
            box = QGroupBox(title)
            value = QLabel()
            value.setObjectName(f"figure_{key}")
            big = value.font()  # relative to the system font, so users who enlarge text keep it
            big.setPointSizeF(big.pointSizeF() * 1.6)
            big.setBold(True)
            value.setFont(big)
            value.setAccessibleName(title)
            QVBoxLayout(box).addWidget(value)
            self.figures[key] = value
            tiles.addWidget(box)
        self.events_chart = BarChart()
        self.tone_chart = BarChart()
        self.goals_chart = BarChart()
        self.attention = RecordTable([_("Family"), _("Why")])
        self.attention.horizontalHeader().setStretchLastSection(True)
        self.attention.setAccessibleName(_("Families needing attention"))
        self.days = QSpinBox()
        self.days.setRange(1, 365)
        self.days.setSuffix(" " + _("days"))
        self.days.setAccessibleName(_("Days without a positive contact before a family needs attention"))
        self.days.setValue(contact_service.positive_days(ctx))
        self.days.setEnabled(allowed(ctx.actor, Kind.PROGRAM, Action.WRITE))  # a program setting: directors
        self.days.editingFinished.connect(self._save_days)
        refresh = QPushButton(_("&Refresh"))
        refresh.clicked.connect(self.refresh)

        head = QHBoxLayout()
        head.addWidget(self.period, 1)
        head.addWidget(QLabel(_("Positive contact at least every")))
        head.addWidget(self.days)
        head.addWidget(refresh)
        summary = QPushButton(_("Print &summary…"))
        summary.clicked.connect(self.print_summary)
        head.addWidget(summary)
        summary.setVisible(allowed(ctx.actor, Kind.DASHBOARD, Action.PRINT))
        grid = QGridLayout()
        grid.addWidget(self.events_chart, 0, 0)
        grid.addWidget(self.tone_chart, 0, 1)
        grid.addWidget(self.goals_chart, 1, 0)
        grid.addWidget(self.attention, 1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(tiles)
        layout.addLayout(grid, 1)
        self.refresh()

    def print_summary(self) -> list:  # type: ignore[type-arg]
        """The one-page summary for the board and the bulletin board (counts only, no names)."""
        from famdesk.gui.dialogs.save_pdf import save_pdfs
        from famdesk.services.partnership_print import dashboard_pdf

        if self.data is None:
            return []
        return save_pdfs(self, {"partnership-summary.pdf": dashboard_pdf(self.ctx, self.data)}, [])

    def _save_days(self) -> None:
        try:
            contact_service.set_positive_days(self.ctx, self.days.value())
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
        self.refresh()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        # Shown right after being built: the figures are a moment old (a program of 50,000 families
        # takes seconds to count); any later show recomputes them.
        if time.monotonic() - self._refreshed_at > FRESH_SECONDS:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        lang = ui_language()
        today = self.today or dt.date.today()
        if not allowed(self.ctx.actor, Kind.DASHBOARD, Action.READ):
            self.period.setText(_("The program-wide figures are for the director and the office; your families' "
                                  "goals, events and contacts are in the other tabs."))
            self._refreshed_at = time.monotonic()
            return
        d = self.data = dashboard_service.dashboard(self.ctx, today=today)
        self.period.setText(_("Program year {start} to {end}").format(
            start=ui_date(d.start, "medium"), end=ui_date(d.end, "medium")))
        self.figures["enrolled"].setText(str(d.enrolled_families))
        self.figures["participation"].setText(_("{n} of {total} ({percent})").format(
            n=d.families_attending, total=d.enrolled_families, percent=format_percent(d.participation_rate, lang)))
        hv = d.home_visits
        self.figures["visits"].setText(_("{made} of {goal}").format(made=hv.made, goal=hv.goal) if hv else "—")
        self.figures["attention"].setText(str(len(d.attention)))
        past = [e for e in d.events if e.starts_at.date() <= today]
        self.events_chart.set_data(_("Families at each event"), [e.title for e in past],
                                   [(_("Families"), [float(e.families) for e in past])], lambda v: f"{v:.0f}")
        months = [m for m in d.contacts_by_month if m <= f"{today:%Y-%m}"][-MONTHS_SHOWN:]
        self.tone_chart.set_data(
            _("Contacts by tone"), [ui_date(dt.date.fromisoformat(m + "-01"), "MMM yyyy") for m in months],
            [(p.label(t), [float(d.contacts_by_month[m][t]) for m in months]) for t in p.Tone], lambda v: f"{v:.0f}")
        self.goals_chart.set_data(_("Family goals by status"), [p.label(s) for s in d.goals_by_status],
                                  [(_("Goals"), [float(n) for n in d.goals_by_status.values()])], lambda v: f"{v:.0f}")
        self.attention.set_rows([(item.family_name, "; ".join(item.reasons)) for item in d.attention])
        self._refreshed_at = time.monotonic()
        self.attention.resizeColumnToContents(0)
