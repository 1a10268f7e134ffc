"""Home visits page: week / month calendar and agenda per staff member or all, and a compliance tab."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain.roles import Action, Kind
from famdesk.domain.visits import FamilyCompliance, Visit, VisitRow, label
from famdesk.formatting import ui_date, ui_number, ui_time
from famdesk.gui.application import show_error
from famdesk.gui.change_notices import mark_fresh
from famdesk.gui.dialogs.visit_edit import VisitDialog
from famdesk.gui.pages.visit_settings import VisitSettingsPanel
from famdesk.gui.widgets.record_table import RecordTable
from famdesk.gui.widgets.visit_calendar import MonthView, WeekView, week_start
from famdesk.i18n import _, ngettext, ui_language
from famdesk.services import compliance, visits
from famdesk.services.access import allowed
from famdesk.services.closures import list_closures
from famdesk.services.context import ServiceContext
from famdesk.services.staff import list_staff

WEEK, MONTH, AGENDA = 0, 1, 2
AGENDA_DAYS = 14


def _month_after(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


class VisitsPage(QWidget):
    # Changes this page shows (gui.change_notices): the calendar, the compliance figures, the staff picker.
    CHANGE_AREAS = frozenset({"visit", "visit_settings", "family", "staff", "import", "program"})

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.anchor = dt.date.today()
        self.rows: list[VisitRow] = []
        self.mode = QComboBox()
        self.mode.setAccessibleName(_("Calendar view"))
        for text in (_("Week"), _("Month"), _("Agenda")):
            self.mode.addItem(text)
        self.staff_filter = QComboBox()
        self.staff_filter.setAccessibleName(_("Show visits of"))
        self.staff_filter.addItem(_("All staff"), None)
        for member in list_staff(ctx):
            self.staff_filter.addItem(member.display_name, member.id)
        prev_b, today_b, next_b = QPushButton("◀"), QPushButton(_("Today")), QPushButton("▶")
        prev_b.setAccessibleName(_("Previous"))
        next_b.setAccessibleName(_("Next"))
        self.range_label = QLabel()
        self.new_button = QPushButton(_("New visit…"))
        export = QPushButton(_("Export to calendar (.ics)…"))
        poster = QPushButton(_("Poster (PDF)…"))
        bar = QHBoxLayout()
        for w in (self.mode, prev_b, today_b, next_b, self.range_label):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (QLabel(_("Staff:")), self.staff_filter):
            bar.addWidget(w)
        # Actions on their own row: translated labels are often longer than the English ones.
        actions = QHBoxLayout()
        for w in (self.new_button, export, poster):
            actions.addWidget(w)
        actions.addStretch(1)
        # What the role may not do is not offered (the services refuse it in any case).
        self.new_button.setVisible(allowed(ctx.actor, Kind.VISIT, Action.WRITE))
        export.setVisible(allowed(ctx.actor, Kind.VISIT, Action.EXPORT))
        poster.setVisible(allowed(ctx.actor, Kind.DASHBOARD, Action.PRINT))

        self.week = WeekView()
        self.month = MonthView()
        self.agenda = QTableWidget(0, 6)
        self.agenda.setAccessibleName(_("Agenda of visits"))
        self.agenda.setHorizontalHeaderLabels(
            [_("When"), _("Family"), _("Staff"), _("Kind"), _("Status"), _("Where")]
        )
        self.agenda.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.verticalHeader().hide()
        self.agenda.horizontalHeader().setStretchLastSection(True)
        self.views = QStackedWidget()
        for w in (self.week, self.month, self.agenda):
            self.views.addWidget(w)
        calendar = QWidget()
        cal_layout = QVBoxLayout(calendar)
        cal_layout.addLayout(bar)
        cal_layout.addLayout(actions)
        cal_layout.addWidget(self.views, 1)

        self.compliance = CompliancePanel(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(calendar, _("Calendar"))
        self.tabs.addTab(self.compliance, _("Compliance"))
        self.tabs.setTabVisible(1, allowed(ctx.actor, Kind.COMPLIANCE, Action.READ))
        self.settings = VisitSettingsPanel(ctx)
        self.tabs.addTab(self.settings, _("Closures and requirements"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.mode.currentIndexChanged.connect(lambda _i: self.reload())
        self.staff_filter.currentIndexChanged.connect(lambda _i: self.reload())
        prev_b.clicked.connect(lambda: self.step(-1))
        next_b.clicked.connect(lambda: self.step(1))
        today_b.clicked.connect(self.go_today)
        self.new_button.clicked.connect(lambda: self.open_dialog(Visit(staff_ids=self._staff_ids())))
        export.clicked.connect(self.export_ics)
        poster.clicked.connect(self.save_poster)
        self.week.range_selected.connect(self.create_at)
        self.week.visit_activated.connect(self.edit_visit)
        self.month.visit_activated.connect(self.edit_visit)
        self.month.day_activated.connect(self.show_week_of)
        self.agenda.cellDoubleClicked.connect(lambda row, _c: self.edit_visit(self.rows[row].id))
        self.tabs.currentChanged.connect(self._tab_changed)
        self._keyboard(export=self.export_ics, poster=self.save_poster)
        self.reload()

    def _keyboard(self, **handlers: Callable[[], object]) -> None:
        """Every calendar action from the keyboard (the buttons keep their mouse use). Shortcuts live
        on the page, so they only act while the Home visits area is shown."""
        def bind(keys: str | QKeySequence, handler: Callable[[], object], widget: QWidget | None = None) -> None:
            action = QAction(widget or self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False: handler())
            (widget or self).addAction(action)

        bind(QKeySequence.StandardKey.New, self.new_button.click)
        bind("Alt+Left", lambda: self.step(-1))
        bind("Alt+Right", lambda: self.step(1))
        bind("Ctrl+T", self.go_today)
        for i in range(3):  # Ctrl+Shift+1/2/3: week, month, agenda
            bind(f"Ctrl+Shift+{i + 1}", lambda i=i: self.mode.setCurrentIndex(i))
        bind("Ctrl+Shift+E", handlers["export"])
        bind("Ctrl+Shift+P", handlers["poster"])
        bind("Return", self._open_selected_agenda_row, self.agenda)
        bind("Enter", self._open_selected_agenda_row, self.agenda)

    def refresh_changes(self, areas: frozenset[str]) -> None:
        """Visits (or what they depend on) changed elsewhere: read the open tab again, keeping the week
        or month shown, the staff member chosen and the agenda's selected visit. The closures and
        requirements tab is a form: it is left as typed."""
        if "staff" in areas or "import" in areas:
            self._reload_staff()
        tab = self.tabs.currentIndex()
        if tab == 0:
            row = self.agenda.currentRow()
            selected = self.rows[row].id if 0 <= row < len(self.rows) else None
            self.reload()
            ids = [v.id for v in self.rows]
            if selected in ids:
                self.agenda.selectRow(ids.index(selected))
        elif tab == 1:
            self.compliance.reload()

    def _reload_staff(self) -> None:
        chosen = self.staff_filter.currentData()
        self.staff_filter.blockSignals(True)
        while self.staff_filter.count() > 1:
            self.staff_filter.removeItem(1)
        for member in list_staff(self.ctx):
            self.staff_filter.addItem(member.display_name, member.id)
        index = self.staff_filter.findData(chosen) if chosen is not None else 0
        self.staff_filter.setCurrentIndex(max(index, 0))
        self.staff_filter.blockSignals(False)

    def _open_selected_agenda_row(self) -> None:
        row = self.agenda.currentRow()
        if 0 <= row < len(self.rows):
            self.edit_visit(self.rows[row].id)

    def _tab_changed(self, index: int) -> None:
        if index == 0:
            self.reload()  # closures may have changed
        elif index == 1 and self.tabs.isTabVisible(1):
            self.compliance.reload()

    # navigation -----------------------------------------------------------------------------------
    def staff_id(self) -> int | None:
        return self.staff_filter.currentData()

    def _staff_ids(self) -> list[int]:
        return [self.staff_id()] if self.staff_id() is not None else []

    def visible_range(self) -> tuple[dt.date, dt.date]:
        mode = self.mode.currentIndex()
        if mode == WEEK:
            start = week_start(self.anchor)
            return start, start + dt.timedelta(days=7)
        if mode == MONTH:
            first = week_start(self.anchor.replace(day=1))
            return first, first + dt.timedelta(days=42)
        return self.anchor, self.anchor + dt.timedelta(days=AGENDA_DAYS)

    def step(self, direction: int) -> None:
        mode = self.mode.currentIndex()
        if mode == MONTH:
            self.anchor = _month_after(self.anchor.replace(day=1), direction)
        else:
            self.anchor += dt.timedelta(days=7 * direction if mode == WEEK else AGENDA_DAYS * direction)
        self.reload()

    def go_today(self) -> None:
        self.anchor = dt.date.today()
        self.reload()

    def go_to(self, day: dt.date, mode: int) -> None:
        self.anchor = day
        if self.mode.currentIndex() != mode:
            self.mode.setCurrentIndex(mode)  # reloads
        else:
            self.reload()

    def show_week_of(self, day: dt.date) -> None:
        self.go_to(day, WEEK)

    def reload(self) -> None:
        start, end = self.visible_range()
        self.rows = visits.visits_between(
            self.ctx,
            dt.datetime.combine(start, dt.time()),
            dt.datetime.combine(end, dt.time()),
            staff_id=self.staff_id(),
        )
        mark_fresh(self, "visit")
        closed = {}
        for c in list_closures(self.ctx, start, end):
            assert c.starts_on is not None and c.ends_on is not None
            day = max(c.starts_on, start)
            while day <= min(c.ends_on, end):
                closed[day] = c.name
                day += dt.timedelta(days=1)
        mode = self.mode.currentIndex()
        self.views.setCurrentIndex(mode)
        lang = ui_language()
        if mode == WEEK:
            self.week.set_week(start, self.rows, closed)
            last = end - dt.timedelta(days=1)
            label_text = f"{ui_date(start, 'medium')} – {ui_date(last, 'medium')}"
        elif mode == MONTH:
            self.month.set_month(self.anchor, self.rows, closed)
            label_text = ui_date(self.anchor, "LLLL y")
        else:
            self._fill_agenda(lang)
            last = end - dt.timedelta(days=1)
            label_text = f"{ui_date(start, 'medium')} – {ui_date(last, 'medium')}"
        count = ngettext("{n} visit", "{n} visits", len(self.rows)).format(n=ui_number(len(self.rows)))
        self.range_label.setText(f"<b>{label_text}</b> · {count}")

    def _fill_agenda(self, lang: str) -> None:
        self.agenda.setRowCount(len(self.rows))
        for i, v in enumerate(self.rows):
            when = (
                f"{ui_date(v.starts_at.date(), 'EEE d MMM')} {ui_time(v.starts_at)}–{ui_time(v.ends_at)}"
            )
            for col, text in enumerate(
                (
                    when,
                    v.family_name,
                    v.staff_names,
                    label(v.kind),
                    label(v.status),
                    v.address or label(v.place),
                )
            ):
                self.agenda.setItem(i, col, QTableWidgetItem(text))
        self.agenda.resizeColumnsToContents()

    # actions --------------------------------------------------------------------------------------
    def create_at(self, start: dt.datetime, end: dt.datetime) -> None:
        self.open_dialog(Visit(starts_at=start, ends_at=end, staff_ids=self._staff_ids()))

    def edit_visit(self, visit_id: int) -> None:
        try:
            self.open_dialog(visits.get_visit(self.ctx, visit_id))
        except Exception as exc:  # noqa: BLE001 - shown to the user, never lost
            show_error(self, exc)

    def make_dialog(self, visit: Visit) -> VisitDialog:
        return VisitDialog(self.ctx, visit, self)

    def open_dialog(self, visit: Visit) -> VisitDialog:
        dialog = self.make_dialog(visit)
        dialog.finished.connect(lambda result: self.reload() if result else None)
        dialog.open()
        return dialog

    def export_ics(self) -> None:
        from famdesk.services.visit_ics import export_ics

        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export visits"), "visits.ics", _("Calendar files (*.ics)")
        )
        if not path:
            return
        try:
            with open(path, "wb") as fh:
                fh.write(export_ics(self.ctx, staff_id=self.staff_id()))
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)

    def save_poster(self) -> None:
        from famdesk.services.visit_printing import visit_poster

        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save poster"), _("home-visits-poster.pdf"), _("PDF files (*.pdf)")
        )
        if not path:
            return
        try:
            with open(path, "wb") as fh:
                fh.write(visit_poster(self.ctx).pdf)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)


class CompliancePanel(QWidget):
    """At-risk families (or all), and totals per staff member."""

    COLUMNS = ("family", "option", "staff", "hv", "short", "missed", "owed", "conf", "soc")

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[FamilyCompliance] = []
        self.show_all = QCheckBox(_("Show all families, not only those at risk"))
        self.summary = QLabel()
        # Model-based tables: with 50,000 families a Qt item per cell took ~100 MB.
        self.table = RecordTable(
            [
                _("Family"),
                _("Option"),
                _("Staff"),
                _("Home visits held / due"),
                _("Short"),
                _("Missed by family"),
                _("Make-ups owed"),
                _("Conferences"),
                _("Socializations"),
            ]
        )
        self.table.records.centered_from = 3
        self.table.setAccessibleName(_("Families at risk of missing required visits"))
        self.staff_table = RecordTable(
            [
                _("Staff"),
                _("Families"),
                _("Held / due"),
                _("Short"),
                _("Make-ups owed"),
                _("Families at risk"),
            ]
        )
        self.staff_table.setAccessibleName(_("Visits per staff member"))
        for t in (self.table, self.staff_table):
            t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            t.setWordWrap(True)
            t.verticalHeader().hide()
            t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            t.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.show_all)
        layout.addWidget(self.table, 3)
        layout.addWidget(QLabel(f"<b>{_('By staff member')}</b>"))
        layout.addWidget(self.staff_table, 1)
        self.show_all.toggled.connect(lambda _c: self.reload())

    def reload(self) -> None:
        everyone = compliance.family_compliance(self.ctx)
        risky = sorted((r for r in everyone if r.at_risk), key=lambda r: (-r.shortfall, r.family_name))
        self.rows = everyone if self.show_all.isChecked() else risky
        self.summary.setText(
            ngettext(
                "{risk} of {n} family is at risk (behind on visits or owed a make-up).",
                "{risk} of {n} families are at risk (behind on visits or owed a make-up).",
                len(everyone),
            ).format(risk=len(risky), n=len(everyone))
        )
        rows = []
        for r in self.rows:
            hv = r.home_visits
            rows.append((
                r.family_name,
                f"{label(r.option)} · {label(r.band)}",
                r.staff_name,
                f"{hv.held} / {hv.required_to_date}",
                str(hv.short),
                str(hv.family_missed),
                str(hv.make_ups_owed + r.conferences.make_ups_owed + r.socializations.make_ups_owed),
                f"{r.conferences.held} / {r.conferences.required_to_date}",
                f"{r.socializations.held} / {r.socializations.required_to_date}",
            ))
        self.table.set_rows(rows, emphasized={i for i, r in enumerate(self.rows) if r.at_risk})
        staff = compliance.staff_compliance(self.ctx, families=everyone)
        self.staff_table.set_rows([(s.staff_name, str(s.families), f"{s.held} / {s.required_to_date}",
                                    str(s.short), str(s.make_ups_owed), str(s.at_risk_families))
                                   for s in staff])
