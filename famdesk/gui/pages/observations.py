"""Observations page: the quick note panel, a child's timeline or a classroom's notes with filters and
search, and coverage (which children have had no note in which domain lately)."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QAbstractItemView,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain import observations as o
from famdesk.domain.errors import FamdeskError
from famdesk.formatting import format_date, format_datetime
from famdesk.gui.widgets.choice_model import ChoiceModel
from famdesk.gui.widgets.quick_note import QuickNotePanel
from famdesk.gui.widgets.record_table import RecordTable
from famdesk.i18n import _, ngettext, ui_language
from famdesk.services import classrooms, frameworks, members, staff
from famdesk.services.context import ServiceContext
from famdesk.services.observation_search import coverage_gaps, list_observations

_ANY_DATE = QDate(2000, 1, 1)


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setMinimumDate(_ANY_DATE)
    edit.setSpecialValueText(_("any"))
    edit.setDate(_ANY_DATE)
    edit.setAccessibleName(name)
    return edit


class ObservationsPage(QWidget):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.quick = QuickNotePanel(ctx)
        self.scope_combo = QComboBox()
        self.scope_combo.setAccessibleName(_("Show notes of"))
        self.scope_choices = ChoiceModel(self.scope_combo)  # one entry per child: thousands
        self.scope_combo.setModel(self.scope_choices)
        self.domain_filter = QComboBox()
        self.domain_filter.setAccessibleName(_("Domain filter"))
        self.author_filter = QComboBox()
        self.author_filter.setAccessibleName(_("Author filter"))
        self.shared_filter = QComboBox()
        self.shared_filter.setAccessibleName(_("Shared filter"))
        for text, value in (
            (_("Shared or not"), None),
            (_("Shared with family"), True),
            (_("Not shared"), False),
        ):
            self.shared_filter.addItem(text, value)
        self.since_edit = _date_edit(_("From"))
        self.until_edit = _date_edit(_("To"))
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_("Search in the notes…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(_("Search notes"))
        self.count_label = QLabel()
        self.timeline = QListWidget()
        self.timeline.setAccessibleName(_("Notes"))
        self.timeline.setWordWrap(True)
        self.timeline.setAlternatingRowColors(True)

        filters = QHBoxLayout()
        filters.addWidget(self.scope_combo, 2)
        filters.addWidget(self.domain_filter, 2)
        filters.addWidget(self.author_filter, 1)
        filters.addWidget(self.shared_filter, 1)
        filters.addWidget(QLabel(_("From")))
        filters.addWidget(self.since_edit)
        filters.addWidget(QLabel(_("to")))
        filters.addWidget(self.until_edit)
        notes_tab = QWidget()
        notes_layout = QVBoxLayout(notes_tab)
        notes_layout.addLayout(filters)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.count_label)
        notes_layout.addLayout(search_row)
        notes_layout.addWidget(self.timeline, 1)

        coverage_tab = QWidget()
        self.weeks_spin = QSpinBox()
        self.weeks_spin.setRange(1, 52)
        self.weeks_spin.setValue(4)
        self.weeks_spin.setSuffix(_(" weeks"))
        self.weeks_spin.setAccessibleName(_("Weeks without a note"))
        self.coverage_table = RecordTable([_("Child"), _("Domain"), _("Last note")])  # children × domains
        self.coverage_table.setAccessibleName(_("Children without a recent note, by domain"))
        self.coverage_table.horizontalHeader().setStretchLastSection(True)
        self.coverage_table.verticalHeader().hide()
        self.coverage_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        cov_layout = QVBoxLayout(coverage_tab)
        cov_top = QHBoxLayout()
        cov_top.addWidget(QLabel(_("Children with no note in a domain for")))
        cov_top.addWidget(self.weeks_spin)
        cov_top.addStretch(1)
        cov_layout.addLayout(cov_top)
        cov_layout.addWidget(self.coverage_table, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(notes_tab, _("Notes"))
        self.tabs.addTab(coverage_tab, _("Coverage"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.quick)
        layout.addWidget(self.tabs, 1)

        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        for combo in (self.scope_combo, self.domain_filter, self.author_filter, self.shared_filter):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        for edit in (self.since_edit, self.until_edit):
            edit.dateChanged.connect(lambda _d: self.refresh())
        self.weeks_spin.valueChanged.connect(lambda _v: self.refresh_coverage())
        self.tabs.currentChanged.connect(lambda i: self.refresh_coverage() if i == 1 else None)
        self.quick.saved.connect(self._after_save)
        self.reload()

    def reload(self) -> None:
        """Fill the pickers (children, classrooms, domains, staff) and show the notes."""
        for combo in (self.scope_combo, self.domain_filter, self.author_filter):
            combo.blockSignals(True)
        self.domain_filter.clear()
        self.author_filter.clear()
        scopes: list[tuple[str, object]] = [(_("All notes I may see"), None)]
        for room in classrooms.list_classrooms(self.ctx):
            scopes.append((_("Classroom: {name}").format(name=room.name), f"classroom:{room.id}"))
        timeline = _("Timeline: {name}")
        for child_id, name in members.child_names(self.ctx):
            scopes.append((timeline.format(name=name), f"child:{child_id}"))
        self.scope_choices.set_choices(scopes)
        self.scope_combo.setCurrentIndex(0)
        self.domain_filter.addItem(_("Every domain"), None)
        for dom in frameworks.active_framework(self.ctx).domains:
            self.domain_filter.addItem(dom.name, dom.id)
        self.author_filter.addItem(_("Any author"), None)
        for member in staff.list_staff(self.ctx):
            self.author_filter.addItem(member.display_name, member.id)
        for combo in (self.scope_combo, self.domain_filter, self.author_filter):
            combo.blockSignals(False)
        self.refresh()

    def show_child(self, child_id: int) -> None:
        index = self.scope_combo.findData(f"child:{child_id}")
        if index >= 0:
            self.scope_combo.setCurrentIndex(index)  # refreshes through the signal
        self.refresh()

    def scope(self) -> tuple[str, int | None]:
        """("child", id), ("classroom", id) or ("all", None) from the scope picker."""
        data = self.scope_combo.currentData()
        if not data:
            return "all", None
        kind, _sep, ident = str(data).partition(":")
        return kind, int(ident)

    def current_filter(self) -> o.ObservationFilter:
        kind, scope_id = self.scope()
        flt = o.ObservationFilter(
            domain_id=self.domain_filter.currentData(),
            author_id=self.author_filter.currentData(),
            shared=self.shared_filter.currentData(),
            text=self.search_edit.text(),
            limit=2000,
        )
        if kind == "child":
            flt.child_id = scope_id
        elif kind == "classroom":
            flt.classroom_id = scope_id
        if self.since_edit.date() != _ANY_DATE:
            flt.since = self.since_edit.date().toPython()
        if self.until_edit.date() != _ANY_DATE:
            flt.until = self.until_edit.date().toPython()
        return flt

    def refresh(self) -> None:
        self.timeline.clear()
        try:
            rows = list_observations(self.ctx, self.current_filter())
        except FamdeskError as exc:
            self.count_label.setText(str(exc))
            return
        lang = ui_language()
        for row in rows:
            head = " · ".join(
                x
                for x in (
                    format_datetime(row.observed_at, lang, "short"),
                    ", ".join(n for _i, n in row.children),
                    ", ".join(n for _i, n in (row.subdomains or row.domains)),
                    row.context,
                    row.author_name,
                )
                if x
            )
            flags = (" · " + _("shared with family") if row.shareable_with_family else "") + (
                " · " + _("photo") if row.has_photo else ""
            )
            item = QListWidgetItem(
                f"{head}{flags}\n{row.text}"
                + (f"\n({row.translation_language}) {row.translation}" if row.translation else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.timeline.addItem(item)
        self.count_label.setText(ngettext("{n} note", "{n} notes", len(rows)).format(n=len(rows)))

    def refresh_coverage(self) -> None:
        kind, scope_id = self.scope()
        room = scope_id if kind == "classroom" else None
        try:
            gaps = coverage_gaps(self.ctx, weeks=self.weeks_spin.value(), classroom_id=room)
        except FamdeskError:
            gaps = []
        lang = ui_language()
        never = _("never")
        self.coverage_table.set_rows([
            (gap.child_name, gap.domain_name,
             format_date(gap.last_observed.date(), lang, "medium") if gap.last_observed else never)
            for gap in gaps])
        self.coverage_table.resizeColumnsToContents()

    def _after_save(self, saved: o.Observation) -> None:
        if saved.child_ids:
            self.show_child(saved.child_ids[0])
        else:
            self.refresh()
