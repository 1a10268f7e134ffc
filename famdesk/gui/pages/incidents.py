"""The Incidents area (directors only): behaviour-incident records and the summary for team meetings.

The main window adds this area only for actors the access table allows to read incidents; the services
refuse everyone else anyway. Each list, record and summary shown here is a view in the audit trail, so
the page asks for data when the director does (opening, a filter, Show), not on every repaint.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain.incidents import Incident, IncidentSummary
from famdesk.gui.accessibility import label_for, name
from famdesk.gui.application import show_error
from famdesk.gui.dialogs.incident_edit import IncidentDialog
from famdesk.gui.locale_format import datetime_text, qdate, setup_date_edit, to_date
from famdesk.i18n import _, ngettext
from famdesk.services import classrooms, incident_summary, incidents
from famdesk.services.context import ServiceContext

LIST_DAYS = 92      # the records tab opens on the last three months
SUMMARY_DAYS = 30   # the summary on the last month


def _date_edit(value: dt.date) -> QDateEdit:
    edit = QDateEdit(qdate(value))
    setup_date_edit(edit)
    return edit


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _first_line(text: str, limit: int = 80) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


class IncidentListTab(QWidget):
    def __init__(self, ctx: ServiceContext, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[Incident] = []
        self.start = _date_edit(today - dt.timedelta(days=LIST_DAYS))
        self.end = _date_edit(today)
        self.classroom = QComboBox()
        self.classroom.addItem(_("All classrooms"), None)
        for room in classrooms.list_classrooms(ctx):
            self.classroom.addItem(room.name, room.id)
        show = QPushButton(_("Sho&w"))
        show.clicked.connect(self.refresh)
        self.classroom.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([_("When"), _("Child"), _("Classroom"), _("Behaviour"),
                                              _("Family told"), _("Written by")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        name(self.table, _("Incident records"), _("Double-click or press Edit to open a record."))
        self.table.doubleClicked.connect(lambda _i: self.edit_incident())
        self.count = QLabel()
        new = QPushButton(_("&New incident…"))
        new.clicked.connect(lambda: self.new_incident())
        edit = QPushButton(_("&Edit…"))
        edit.clicked.connect(lambda: self.edit_incident())
        delete = QPushButton(_("&Delete…"))
        delete.clicked.connect(lambda: self.delete_incident())
        top = QHBoxLayout()
        top.addWidget(label_for(self.start, _("Fro&m")))
        top.addWidget(self.start)
        top.addWidget(label_for(self.end, _("&To")))
        top.addWidget(self.end)
        top.addWidget(label_for(self.classroom, _("Cl&assroom")))
        top.addWidget(self.classroom)
        top.addWidget(show)
        top.addStretch(1)
        top.addWidget(new)
        top.addWidget(edit)
        top.addWidget(delete)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.rows = incidents.list_incidents(self.ctx, start=to_date(self.start.date()),
                                                 end=to_date(self.end.date()),
                                                 classroom_id=self.classroom.currentData())
        except Exception as exc:  # noqa: BLE001 - shown; the page stays usable
            show_error(self, exc)
            return
        self.table.setRowCount(len(self.rows))
        for row, inc in enumerate(self.rows):
            told = (_("Yes, {when}").format(when=datetime_text(inc.family_informed_at))
                    if inc.family_informed else _("Not yet"))
            cells = [datetime_text(inc.occurred_at), inc.child_name, inc.classroom_name,
                     _first_line(inc.behavior), told, inc.author_name]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, inc.id)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.count.setText(ngettext("{n} incident record", "{n} incident records", len(self.rows)).format(
            n=len(self.rows)))

    def current(self) -> Incident | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def new_incident(self) -> IncidentDialog:
        dialog = IncidentDialog(self.ctx, parent=self)
        dialog.finished.connect(lambda result: result and self.refresh())
        dialog.open()
        return dialog

    def edit_incident(self) -> IncidentDialog | None:
        chosen = self.current()
        if chosen is None or chosen.id is None:
            return None
        try:
            record = incidents.get_incident(self.ctx, chosen.id)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            self.refresh()
            return None
        dialog = IncidentDialog(self.ctx, record, parent=self)
        dialog.finished.connect(lambda result: result and self.refresh())
        dialog.open()
        return dialog

    def confirm(self, title: str, text: str) -> bool:
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    def delete_incident(self) -> bool:
        chosen = self.current()
        if chosen is None or chosen.id is None:
            return False
        if not self.confirm(_("Delete incident record"),
                            _("Delete the incident record of {when} for good? This cannot be undone.").format(
                                when=datetime_text(chosen.occurred_at))):
            return False
        try:
            incidents.delete_incident(self.ctx, chosen.id)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return False
        finally:
            self.refresh()
        return True


class IncidentSummaryTab(QWidget):
    def __init__(self, ctx: ServiceContext, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: IncidentSummary | None = None
        self.start = _date_edit(today - dt.timedelta(days=SUMMARY_DAYS))
        self.end = _date_edit(today)
        show = QPushButton(_("Sho&w"))
        show.clicked.connect(self.refresh)
        bands = QPushButton(_("Parts of the &day…"))
        bands.clicked.connect(self.edit_bands)
        print_button = QPushButton(_("&Print summary…"))
        print_button.clicked.connect(self.print_summary)
        self.period = QLabel()
        self.period.setWordWrap(True)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        name(self.table, _("Incidents by classroom and time of day"))
        self.weekdays = QTableWidget(1, 0)
        self.weekdays.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.weekdays.verticalHeader().hide()
        # One row of counts: as tall as its contents, not a half-empty box.
        self.weekdays.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.weekdays.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        name(self.weekdays, _("Incidents by day of the week"))
        top = QHBoxLayout()
        top.addWidget(label_for(self.start, _("Fro&m")))
        top.addWidget(self.start)
        top.addWidget(label_for(self.end, _("&To")))
        top.addWidget(self.end)
        top.addWidget(show)
        top.addStretch(1)
        top.addWidget(bands)
        top.addWidget(print_button)
        note = QLabel(_("Counts only: no child is named, so the table can be shared at a team meeting."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.period)
        layout.addWidget(_heading(_("By classroom and time of day")))
        layout.addWidget(self.table, 1)
        layout.addWidget(_heading(_("By day of the week")))
        layout.addWidget(self.weekdays)
        self.refresh()

    def period_dates(self) -> tuple[dt.date, dt.date]:
        return to_date(self.start.date()), to_date(self.end.date())

    def refresh(self) -> None:
        start, end = self.period_dates()
        try:
            data = self.data = incident_summary.summary(self.ctx, start, end)
        except Exception as exc:  # noqa: BLE001 - e.g. the end before the start: shown, nothing lost
            show_error(self, exc)
            return
        self.period.setText(ngettext("{n} incident in the period.", "{n} incidents in the period.",
                                     data.total).format(n=data.total))
        header, rows = incident_summary.summary_table(data)
        self._fill(self.table, header[1:], [r[0] for r in rows], [[int(c) for c in r[1:]] for r in rows])
        days = [day for day, _n in data.weekdays]
        self._fill(self.weekdays, days, [""], [[n for _day, n in data.weekdays]])
        self.weekdays.verticalHeader().hide()

    @staticmethod
    def _fill(table: QTableWidget, columns: list[str], row_names: list[str], counts: list[list[int]]) -> None:
        table.clear()
        table.setColumnCount(len(columns))
        table.setRowCount(len(row_names))
        table.setHorizontalHeaderLabels(columns)
        table.setVerticalHeaderLabels(row_names)
        for r, values in enumerate(counts):
            for c, value in enumerate(values):
                item = QTableWidgetItem(incident_summary.count_text(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if value:
                    font = item.font()
                    font.setBold(True)  # busy cells stand out by weight, not by colour alone
                    item.setFont(font)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()

    def edit_bands(self) -> None:
        from famdesk.gui.dialogs.time_bands import TimeBandsDialog

        dialog = TimeBandsDialog(self.ctx, self)
        dialog.finished.connect(lambda result: result and self.refresh())
        dialog.open()

    def print_summary(self) -> list:  # type: ignore[type-arg]
        from famdesk.gui.dialogs.save_pdf import save_pdfs

        start, end = self.period_dates()
        try:
            pdf = incident_summary.summary_pdf(self.ctx, start, end)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return []
        return save_pdfs(self, {f"incident-summary-{start.isoformat()}-{end.isoformat()}.pdf": pdf}, [])


class IncidentsPage(QWidget):
    # Changes this page shows (gui.change_notices): the records and the summary.
    CHANGE_AREAS = frozenset({"incident", "child", "family", "classroom", "staff"})

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        today = today or dt.date.today()
        self.records = IncidentListTab(ctx, today)
        self.summary = IncidentSummaryTab(ctx, today)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.records, _("&Records"))
        self.tabs.addTab(self.summary, _("&Summary"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def refresh_changes(self, areas: frozenset[str]) -> None:
        """Incident records changed elsewhere: the open tab is read again (the selected record stays
        selected; the other tab reads when its Show button or its dates are used)."""
        if self.tabs.currentIndex() == 1:
            self.summary.refresh()
            return
        shown = self.records.current()
        self.records.refresh()
        if shown is not None:
            ids = [inc.id for inc in self.records.rows]
            if shown.id in ids:
                self.records.table.selectRow(ids.index(shown.id))
