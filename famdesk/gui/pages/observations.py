"""Observations page: the quick note panel, a child's timeline or a classroom's notes with filters and
search, and coverage (which children have had no note in which domain lately).

The list loads a page of notes at a time (newest first) and the next page when it is scrolled to the
end. A note the user may change opens for editing with Enter, a double-click or Ctrl+E, and is deleted
with Delete (after a question). Ctrl+P prints take-home notes for the child or classroom shown."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain import observations as o
from famdesk.domain.errors import FamdeskError
from famdesk.formatting import ui_date, ui_datetime
from famdesk.gui.application import show_error
from famdesk.gui.change_notices import mark_fresh
from famdesk.gui.dialogs.observation_edit import ObservationDialog
from famdesk.gui.dialogs.take_home import TakeHomeDialog
from famdesk.gui.widgets.choice_model import ChoiceModel
from famdesk.gui.widgets.quick_note import QuickNotePanel
from famdesk.gui.widgets.record_table import RecordTable
from famdesk.i18n import _, ngettext
from famdesk.services import classrooms, frameworks, members, staff
from famdesk.services.context import ServiceContext
from famdesk.services.observation_access import may_change
from famdesk.services.observation_search import coverage_gaps, list_observations
from famdesk.services.observations import delete_observation

_ANY_DATE = QDate(2000, 1, 1)
PAGE_SIZE = 200  # notes per page; the next page loads when the list is scrolled to its end


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setMinimumDate(_ANY_DATE)
    edit.setSpecialValueText(_("any"))
    edit.setDate(_ANY_DATE)
    edit.setAccessibleName(name)
    return edit


class ObservationsPage(QWidget):
    # Changes this page shows (gui.change_notices): the pickers (children, classrooms, domains, staff),
    # the quick note's, and the notes themselves.
    PICKER_AREAS = frozenset({"child", "family", "classroom", "staff", "framework", "import"})
    CHANGE_AREAS = PICKER_AREAS | {"observation"}

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
        self.timeline.setAccessibleDescription(
            _("Enter or Ctrl+E edits the selected note, Delete deletes it, Ctrl+P prints take-home notes.")
        )
        self.timeline.setWordWrap(True)
        self.timeline.setAlternatingRowColors(True)
        self.rows: dict[int, o.ObservationRow] = {}
        self.complete = True  # False while older notes are left to load
        self.editor: ObservationDialog | None = None
        self.take_home: TakeHomeDialog | None = None
        self.edit_button = QPushButton(_("&Edit note…"))
        self.delete_button = QPushButton(_("De&lete note…"))
        self.print_button = QPushButton(_("&Print take-home notes…"))
        self.edit_action = self._action(_("Edit note…"), "Ctrl+E", self.edit_selected, self.timeline, "edit")
        self.delete_action = self._action(
            _("Delete note…"), QKeySequence.StandardKey.Delete, self.delete_selected, self.timeline, "delete"
        )
        self.print_action = self._action(
            _("Print take-home notes…"), QKeySequence.StandardKey.Print, self.print_take_home, self, "print"
        )
        for button, action in (
            (self.edit_button, self.edit_action),
            (self.delete_button, self.delete_action),
            (self.print_button, self.print_action),
        ):
            button.setAccessibleName(action.text().rstrip("…"))
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)

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
        actions_row = QHBoxLayout()
        actions_row.addWidget(self.edit_button)
        actions_row.addWidget(self.delete_button)
        actions_row.addStretch(1)
        actions_row.addWidget(self.print_button)
        notes_layout.addLayout(actions_row)

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
        self.timeline.currentItemChanged.connect(lambda _c, _p: self._update_actions())
        # Reaching the last note with the keyboard (End, Down) loads the next page, as scrolling does.
        self.timeline.currentRowChanged.connect(
            lambda row: self.load_more() if row == self.timeline.count() - 1 else None
        )
        self.timeline.itemActivated.connect(lambda _item: self.edit_selected())
        self.timeline.verticalScrollBar().valueChanged.connect(self._maybe_load_more)
        self.reload()

    def _action(self, text: str, keys: QKeySequence | QKeySequence.StandardKey | str, slot,  # type: ignore[no-untyped-def]
                owner: QWidget, name: str) -> QAction:
        """A shortcut that works while ``owner`` (the list, or the whole page) has the focus."""
        action = QAction(text, owner)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        native = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text} ({native})")
        action.triggered.connect(lambda _checked=False: slot())
        owner.addAction(action)
        return action

    def refresh_changes(self, areas: frozenset[str]) -> None:
        """What this page shows changed elsewhere: read the pickers again (keeping every choice and
        what is typed in the quick note) and the notes (keeping the selected one and the scroll)."""
        if areas & self.PICKER_AREAS:
            self.quick.reload(keep=True)
            self.reload(keep=True)
        else:
            self.refresh(keep_view=True)
        if self.tabs.currentIndex() == 1:
            self.refresh_coverage()

    def reload(self, keep: bool = False) -> None:
        """Fill the pickers (children, classrooms, domains, staff) and show the notes. With ``keep`` (a
        change notice) the scope, domain and author chosen stay chosen while they are still offered."""
        chosen = [combo.currentData() for combo in (self.scope_combo, self.domain_filter, self.author_filter)]
        for combo in (self.scope_combo, self.domain_filter, self.author_filter):
            combo.blockSignals(True)
        self.domain_filter.clear()
        self.author_filter.clear()
        scopes: list[tuple[str, object]] = [(_("All notes I may see"), None)]
        for room in classrooms.list_classrooms(self.ctx):
            scopes.append((_("Classroom: {name}").format(name=room.name), f"classroom:{room.id}"))
        timeline = _("Timeline: {name}")
        for child_id, name in members.child_names(self.ctx):  # ~70,000 in a big program: only the choices
            scopes.append((timeline.format(name=name), f"child:{child_id}"))
        self.scope_choices.set_choices(scopes)
        self.scope_combo.setCurrentIndex(0)
        self.domain_filter.addItem(_("Every domain"), None)
        for dom in frameworks.active_framework(self.ctx).domains:
            self.domain_filter.addItem(dom.name, dom.id)
        self.author_filter.addItem(_("Any author"), None)
        for member in staff.list_staff(self.ctx):
            self.author_filter.addItem(member.display_name, member.id)
        if keep:
            combos = (self.scope_combo, self.domain_filter, self.author_filter)
            for combo, data in zip(combos, chosen, strict=True):
                combo.setCurrentIndex(max(combo.findData(data), 0) if data is not None else 0)
        for combo in (self.scope_combo, self.domain_filter, self.author_filter):
            combo.blockSignals(False)
        self.refresh(keep_view=keep)

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
            limit=PAGE_SIZE,
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

    def refresh(self, keep_view: bool = False) -> None:
        """Show the first page of notes for the scope, filters and search. With ``keep_view`` (a change
        notice) as many notes as were shown are read again and the list keeps its scroll position."""
        keep = self.selected_id()
        shown = len(self.rows) if keep_view else 0
        scroll = self.timeline.verticalScrollBar().value()
        self.timeline.clear()
        self.rows = {}
        self.complete = True
        flt = self.current_filter()
        flt.limit = max(PAGE_SIZE, -(-shown // PAGE_SIZE) * PAGE_SIZE)
        self._load(flt)
        mark_fresh(self, "observation")
        if keep is not None:
            self.select_note(keep)
        if keep_view:
            self.timeline.verticalScrollBar().setValue(scroll)
        self._update_actions()

    def load_more(self) -> None:
        """The next page: notes older than the last one shown."""
        if self.complete or not self.rows:
            return
        last = self.timeline.item(self.timeline.count() - 1).data(Qt.ItemDataRole.UserRole)
        row = self.rows[last]
        flt = self.current_filter()
        flt.before = (row.observed_at, row.id)
        self._load(flt)

    def _maybe_load_more(self, value: int) -> None:
        if value >= self.timeline.verticalScrollBar().maximum() - 2:
            self.load_more()

    def _load(self, flt: o.ObservationFilter) -> None:
        try:
            rows = list_observations(self.ctx, flt)
        except FamdeskError as exc:
            self.count_label.setText(str(exc))
            return
        for row in rows:
            head = " · ".join(
                x
                for x in (
                    ui_datetime(row.observed_at, "short"),
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
            self.rows[row.id] = row
            self.timeline.addItem(item)
        self.complete = len(rows) < (flt.limit or 0) or not flt.limit
        n = len(self.rows)
        if self.complete:
            self.count_label.setText(ngettext("{n} note", "{n} notes", n).format(n=n))
        else:
            self.count_label.setText(
                ngettext("{n} note shown; scroll for older ones", "{n} notes shown; scroll for older ones", n)
                .format(n=n)
            )

    # --- one note -------------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        item = self.timeline.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def select_note(self, note_id: int) -> bool:
        for i in range(self.timeline.count()):
            if self.timeline.item(i).data(Qt.ItemDataRole.UserRole) == note_id:
                self.timeline.setCurrentRow(i)
                return True
        return False

    def _changeable(self) -> o.ObservationRow | None:
        """The selected note if this user may change it (the service checks again)."""
        note_id = self.selected_id()
        row = self.rows.get(note_id) if note_id is not None else None
        return row if row is not None and may_change(self.ctx.actor, row.author_id) else None

    def _update_actions(self) -> None:
        allowed = self._changeable() is not None
        for widget in (self.edit_action, self.delete_action, self.edit_button, self.delete_button):
            widget.setEnabled(allowed)
        refused = _("Only the teacher who wrote this note, or a director, can change it.")
        tip = refused if self.selected_id() is not None and not allowed else self.edit_action.toolTip()
        self.edit_button.setToolTip(tip)

    def confirm(self, title: str, text: str) -> bool:
        """Ask before deleting (tests answer through this one place)."""
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    def edit_selected(self) -> ObservationDialog | None:
        row = self._changeable()
        if row is None:
            return None
        try:
            self.editor = ObservationDialog(self.ctx, row.id, dict(row.children), self)
        except FamdeskError as exc:
            show_error(self, exc)
            self.refresh()
            return None
        self.editor.accepted.connect(self._edited)
        self.editor.open()
        return self.editor

    def _edited(self) -> None:
        saved = self.editor.saved if self.editor else None
        self.refresh()
        if saved is not None and saved.id is not None:
            self.select_note(saved.id)
        self.timeline.setFocus()

    def delete_selected(self) -> bool:
        row = self._changeable()
        if row is None:
            return False
        names = ", ".join(n for _i, n in row.children)
        when = ui_datetime(row.observed_at, "short")
        snippet = row.text if len(row.text) <= 80 else row.text[:79] + "…"
        if not self.confirm(
            _("Delete note"),
            _("Delete the note about {names} from {when}?\n\n“{text}”\n\nThis cannot be undone.").format(
                names=names, when=when, text=snippet
            ),
        ):
            return False
        index = self.timeline.currentRow()
        try:
            delete_observation(self.ctx, row.id)
        except FamdeskError as exc:
            show_error(self, exc)
            return False
        self.refresh()
        if self.timeline.count():
            self.timeline.setCurrentRow(min(index, self.timeline.count() - 1))
        self.timeline.setFocus()
        return True

    # --- take-home notes ------------------------------------------------------------------------
    def print_take_home(self) -> TakeHomeDialog:
        """For the child or classroom shown (the dialog offers the others), shared since the "From" date
        of the filters, else in the last 30 days."""
        kind, scope_id = self.scope()
        child = None
        if kind == "child" and scope_id:
            child = (scope_id, members.get_child(self.ctx, scope_id).display_name)
        room = scope_id if kind == "classroom" else None
        since = self.since_edit.date().toPython() if self.since_edit.date() != _ANY_DATE else None
        self.take_home = TakeHomeDialog(self.ctx, child=child, classroom_id=room, since=since, parent=self)
        self.take_home.open()
        return self.take_home

    def refresh_coverage(self) -> None:
        kind, scope_id = self.scope()
        room = scope_id if kind == "classroom" else None
        try:
            gaps = coverage_gaps(self.ctx, weeks=self.weeks_spin.value(), classroom_id=room)
        except FamdeskError:
            gaps = []
        never = _("never")
        self.coverage_table.set_rows([
            (gap.child_name, gap.domain_name,
             ui_date(gap.last_observed.date(), "medium") if gap.last_observed else never)
            for gap in gaps])
        self.coverage_table.resizeColumnsToContents()

    def _after_save(self, saved: o.Observation) -> None:
        if saved.child_ids:
            self.show_child(saved.child_ids[0])
        else:
            self.refresh()
