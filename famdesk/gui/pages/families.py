"""Families page: search-as-you-type list with filters, the household at a glance, and the directory's
actions (new, edit, archive, erase, merge, import, export) with keyboard shortcuts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain.enums import FamilyStatus, ProgramOption, label
from famdesk.domain.errors import FamdeskError
from famdesk.domain.languages import known_language_codes
from famdesk.formatting import language_name, ui_date
from famdesk.gui.application import show_error
from famdesk.gui.change_notices import mark_fresh
from famdesk.gui.locale_format import ltr_text, number_text
from famdesk.gui.models.family_table import FamilyTableModel
from famdesk.i18n import _, ngettext, ui_language
from famdesk.services import classrooms, families
from famdesk.services.context import ServiceContext
from famdesk.services.validation import format_phone

if TYPE_CHECKING:  # the editor, import wizard, duplicates and exports load on first use (a faster start)
    from famdesk.gui.dialogs.family_edit import FamilyDialog
    from famdesk.gui.dialogs.import_wizard import ImportWizard


class FamiliesPage(QWidget):
    """With ``load=False`` the page is built empty and ``load()`` fills it: at start-up the window shows
    first and the rows follow right after its first paint (see ``MainWindow``)."""

    # Changes this page shows (gui.change_notices): the list, its count, the household pane, the filters.
    LIST_AREAS = frozenset({"family", "caregiver", "child", "pickup", "custody_notes", "health_notes",
                            "legal_hold", "import"})
    CHANGE_AREAS = LIST_AREAS | {"classroom"}

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None, *, load: bool = True,
                 backups_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.backups_dir = backups_dir  # where the backup before an import goes (paths.backups)
        self.loaded = False
        self.editor: FamilyDialog | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search families, caregivers, children, phone or email…"))
        self.search.setAccessibleName(_("Search families"))
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.model = FamilyTableModel(ctx, self)
        self.model.defer_first_load = not load
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Families"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # The header's indicator starts descending; set it first so enabling sorting asks the model for
        # the order we want, and the first load is one query, not a descending one thrown away.
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # the view asks the model to sort: that is the first load
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setResizeContentsPrecision(40)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _i: self.edit_family())
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(_("Family details"))
        self._filters()
        self.toolbar = QToolBar()
        self._actions()

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        self.log_contact = QPushButton(_("&Log a contact…"))  # partnership: quick contact log
        self.log_contact.clicked.connect(self.open_contact_log)
        top.addWidget(self.log_contact)
        self._show_what_the_role_may_do()
        filters = QHBoxLayout()
        for w in (self.classroom, self.language, self.status, self.option, self.archived):
            filters.addWidget(w)
        filters.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        # Debounce keystrokes a little so fast typists do not queue a query per letter.
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_family(cur.row()))
        if load:
            self.load()
        else:
            self.table.resizeColumnsToContents()

    def load(self) -> None:
        """The database part of the page: classroom and language choices, the first rows, the count."""
        if self.loaded:
            return
        self.loaded = True
        for room in classrooms.list_classrooms(self.ctx):
            self.classroom.addItem(room.name, room.id)
        # Language names come from Babel's locale data (tens of milliseconds the first time).
        for code in sorted(known_language_codes(), key=lambda c: language_name(c, ui_language())):
            self.language.addItem(language_name(code, ui_language()), code)
        if not self.model.loaded:
            self.model.refresh()
        mark_fresh(self, *self.CHANGE_AREAS)
        self._update_count()
        self.table.resizeColumnsToContents()

    def refresh_changes(self, areas: frozenset[str]) -> None:
        """Another user (or another page) changed what this page shows: read it again, keeping the
        search, the filters, the selected family and the scroll position."""
        if not self.loaded:
            return  # load() reads everything when the page is filled
        if "classroom" in areas:
            self._reload_classrooms()
        if areas & self.LIST_AREAS or "classroom" in areas:
            self.reload(keep_view=True)

    def _reload_classrooms(self) -> None:
        chosen = self.classroom.currentData()
        self.classroom.blockSignals(True)
        while self.classroom.count() > 1:
            self.classroom.removeItem(1)
        for room in classrooms.list_classrooms(self.ctx):
            self.classroom.addItem(room.name, room.id)
        index = self.classroom.findData(chosen) if chosen is not None else 0
        self.classroom.setCurrentIndex(max(index, 0))
        self.classroom.blockSignals(False)
        if index < 0:  # the chosen classroom is gone: the list shows every classroom again
            self.apply_filters()

    def unfiltered_total(self) -> int | None:
        """How many families the list counts with no search or filter (the status line's figure), or
        None when a search or filter is on."""
        if not self.model.loaded or self.model.capped or self.model.filter != families.FamilyFilter():
            return None
        return self.model.total

    def _filters(self) -> None:
        """The filter controls; the choices read from the database are added by ``load()`` (adding to a
        non-empty combo box keeps its current choice, so no filter fires)."""
        self.classroom = QComboBox()
        self.classroom.setAccessibleName(_("Classroom"))
        self.classroom.addItem(_("All classrooms"), None)
        self.language = QComboBox()
        self.language.setAccessibleName(_("Home language"))
        self.language.addItem(_("All languages"), None)
        self.status = QComboBox()
        self.status.setAccessibleName(_("Status"))
        self.status.addItem(_("Any status"), None)
        for s in FamilyStatus:
            self.status.addItem(label(s), s)
        self.option = QComboBox()
        self.option.setAccessibleName(_("Program option"))
        self.option.addItem(_("All program options"), None)
        for o in ProgramOption:
            self.option.addItem(label(o), o)
        self.archived = QCheckBox(_("Show a&rchived"))
        for combo in (self.classroom, self.language, self.status, self.option):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.archived.toggled.connect(lambda _c: self.apply_filters())

    def _actions(self) -> None:
        def add(text: str, shortcut: QKeySequence | str, slot, name: str) -> QAction:  # type: ignore[no-untyped-def]
            action = QAction(text, self)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{text.replace('&', '')} ({QKeySequence(shortcut).toString()})")
            action.triggered.connect(lambda _c=False: slot())
            self.toolbar.addAction(action)
            self.addAction(action)
            return action

        self.new_action = add(_("&New family"), QKeySequence.StandardKey.New, self.new_family, "new")
        self.edit_action = add(_("&Edit"), "Ctrl+E", self.edit_family, "edit")
        self.archive_action = add(_("&Archive"), "Ctrl+Shift+A", self.archive_family, "archive")
        self.erase_action = add(_("E&rase…"), "Ctrl+Shift+Del", self.erase_family, "erase")
        self.merge_action = add(_("&Merge duplicate…"), "Ctrl+Shift+M", self.merge_duplicate, "merge")
        self.toolbar.addSeparator()
        self.import_action = add(_("&Import…"), "Ctrl+I", self.import_roster, "import")
        self.export_action = add(_("E&xport…"), "Ctrl+Shift+E", self.export_families, "export")
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(lambda _c=False: self.search.setFocus())
        self.addAction(self.find_action)

    def _show_what_the_role_may_do(self) -> None:
        """Hide what the signed-in role may not do (the services refuse it anyway; this spares a refusal)."""
        from famdesk.domain.roles import Action, Kind
        from famdesk.services.access import SCOPED_ROLES, allowed

        actor = self.ctx.actor
        if actor is None:
            return
        may = lambda kind, action: allowed(actor, kind, action)  # noqa: E731
        self.new_action.setVisible(may(Kind.FAMILY, Action.WRITE) and actor.role not in SCOPED_ROLES)
        self.archive_action.setVisible(may(Kind.FAMILY, Action.WRITE))
        self.erase_action.setVisible(may(Kind.FAMILY, Action.ERASE))
        self.merge_action.setVisible(may(Kind.FAMILY, Action.ERASE))
        self.import_action.setVisible(may(Kind.IMPORT, Action.WRITE))
        self.export_action.setVisible(may(Kind.FAMILY, Action.EXPORT))
        self.log_contact.setVisible(may(Kind.CONTACT, Action.WRITE))

    # --- list -----------------------------------------------------------------------------------
    def reload(self, keep_view: bool = False) -> None:
        """Re-read the list, keeping the selected family selected when it is still listed. With
        ``keep_view`` (a change notice) as many rows stay loaded as were, the list keeps its scroll
        position and its column widths, and the household pane is read again only when it shows a family."""
        keep = self.current_id() if hasattr(self, "_timer") else None
        scroll = self.table.verticalScrollBar().value()
        self.model.refresh(at_least=len(self.model.rows) if keep_view else 0)
        mark_fresh(self, *self.LIST_AREAS)
        self._update_count()
        if not keep_view:
            self.table.resizeColumnsToContents()
        if keep is not None:
            self.select_family(keep)
        if keep_view:
            self.table.verticalScrollBar().setValue(scroll)
        if keep is not None and self.current_id() != keep:
            self.detail.clear()  # the family shown is gone from the list (erased, merged, filtered out)

    def apply_filters(self) -> None:
        f = self.model.filter
        f.classroom_id = self.classroom.currentData()
        f.language = self.language.currentData()
        f.status = self.status.currentData()
        f.program_option = self.option.currentData()
        f.include_archived = self.archived.isChecked()
        self.model.refresh()
        self._update_count()

    def _apply_search(self) -> None:
        self.model.set_text(self.search.text())
        self._update_count()

    def _update_count(self) -> None:
        n = self.model.total
        if self.model.capped:
            self.count_label.setText(_("more than {n} families").format(n=number_text(n)))
        else:
            self.count_label.setText(ngettext("{n} family", "{n} families", n).format(n=number_text(n)))

    def current_id(self) -> int | None:
        return self.model.family_id(self.table.currentIndex().row())

    def select_family(self, family_id: int) -> None:
        for row in range(self.model.rowCount()):
            if self.model.family_id(row) == family_id:
                self.table.selectRow(row)
                return

    # --- actions --------------------------------------------------------------------------------
    def confirm(self, title: str, text: str) -> bool:
        """Ask before anything destructive (tests answer through this one place)."""
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    def new_family(self) -> FamilyDialog:
        return self._open_editor(None)

    def edit_family(self) -> FamilyDialog | None:
        family_id = self.current_id()
        return self._open_editor(family_id) if family_id is not None else None

    def _open_editor(self, family_id: int | None) -> FamilyDialog:
        from famdesk.gui.dialogs.family_edit import FamilyDialog

        self.editor = FamilyDialog(self.ctx, family_id, self, confirm=lambda t, x: self.confirm(t, x))
        self.editor.accepted.connect(self._editor_saved)
        self.editor.open()
        return self.editor

    def _editor_saved(self) -> None:
        saved = self.editor.saved if self.editor else None
        self.reload()
        if saved and saved.family.id is not None:
            self.select_family(saved.family.id)

    def archive_family(self) -> None:
        family_id = self.current_id()
        if family_id is None:
            return
        row = self.model.rows[self.table.currentIndex().row()]
        if row.archived:
            families.archive_family(self.ctx, family_id, archived=False)
        elif self.confirm(
            _("Archive family"),
            _(
                "Archive {name}? The family leaves the daily lists; its record "
                "is kept and can be brought back."
            ).format(name=row.name),
        ):
            families.archive_family(self.ctx, family_id)
        self.reload()

    def erase_family(self) -> None:
        family_id = self.current_id()
        if family_id is None:
            return
        name = self.model.rows[self.table.currentIndex().row()].name
        if not self.confirm(
            _("Erase family"),
            _(
                "Erase {name} and everything famdesk holds about them? This "
                "cannot be undone. (Archive keeps the record.)"
            ).format(name=name),
        ):
            return
        if not self.confirm(_("Erase family"), _("Really erase {name} for good?").format(name=name)):
            return
        try:
            families.erase_family(self.ctx, family_id)
        except FamdeskError as exc:
            show_error(self, exc)
        self.reload()

    def merge_duplicate(self) -> None:
        family_id = self.current_id()
        if family_id is None:
            return
        from famdesk.services import duplicates

        found = duplicates.find_duplicates(self.ctx, families.get_family(self.ctx, family_id))
        if not found:
            QMessageBox.information(self, _("Merge duplicate"), _("No family looks like this one."))
            return
        other = found[0]
        name = self.model.rows[self.table.currentIndex().row()].name
        if self.confirm(
            _("Merge duplicate"),
            _(
                "{other} looks like the same household ({reason})\n\nMerge it into "
                "{name}? The same people become one record."
            ).format(other=other.family_name, reason=other.reason, name=name),
        ):
            try:
                duplicates.merge_families(self.ctx, family_id, other.family_id)
            except FamdeskError as exc:
                show_error(self, exc)
            self.reload()
            self.select_family(family_id)

    def import_roster(self) -> ImportWizard:
        from famdesk.gui.dialogs.import_wizard import ImportWizard

        wizard = ImportWizard(self.ctx, self, backups_dir=self.backups_dir)
        wizard.accepted.connect(self.reload)
        wizard.open()
        return wizard

    def export_families(self) -> None:
        name, chosen = QFileDialog.getSaveFileName(
            self,
            _("Export families"),
            "families.csv",
            _("CSV (*.csv);;Excel (*.xlsx);;vCard of caregivers (*.vcf);;Printed school directory (*.pdf)"),
        )
        if name:
            self.export_to(name)

    def export_to(self, name: str) -> None:
        """Write the families matching the current search and filters, format by file extension."""
        from famdesk.services import exports

        suffix = Path(name).suffix.lower()
        build = {".xlsx": exports.families_xlsx, ".vcf": exports.caregivers_vcf}.get(
            suffix, exports.families_csv
        )
        try:
            if suffix == ".pdf":  # the whole opt-in directory, in the interface language
                Path(name).write_bytes(exports.school_directory_pdf(self.ctx, ui_language()))
                return
            Path(name).write_bytes(build(self.ctx, self.model.filter))
        except OSError as exc:
            show_error(self, FamdeskError(_("Cannot write {file}: {detail}").format(file=name, detail=exc)))

    # --- detail ---------------------------------------------------------------------------------
    def show_family(self, row: int) -> None:
        family_id = self.model.family_id(row)
        if family_id is None:
            self.detail.clear()
            return
        d = families.get_family(self.ctx, family_id)
        lang = ui_language()
        fam = d.family
        html = [
            f"<h2>{_esc(fam.name)}</h2>",
            f"<p>{_esc(fam.address_line1)} {_esc(fam.address_line2)}<br>{_esc(fam.city)} "
            f"{_esc(fam.region)} {_esc(fam.postal_code)}</p>",
            "<p>"
            + _("Reads: {language}").format(language=_esc(language_name(fam.preferred_language, lang)))
            + (" · " + _("Interpreter needed") if fam.interpreter_needed else "")
            + "</p>",
            f"<p>{_('Status')}: {_esc(label(fam.status))}"
            + (" · " + _("archived") if fam.archived else "")
            + "</p>",
        ]
        if fam.best_times:
            html.append("<p>" + _("Best times: {times}").format(times=_esc(fam.best_times)) + "</p>")
        html.append(f"<h3>{_('Caregivers')}</h3><ul>")
        for cg in d.caregivers:
            phone = ltr_text(format_phone(cg.mobile_phone or cg.home_phone, self.model.country))
            html.append(f"<li><b>{_esc(cg.display_name)}</b> ({_esc(label(cg.relationship))}) {_esc(phone)}")
            if cg.custody_notes:
                html.append(f"<br><i>{_('Custody')}: {_esc(cg.custody_notes)}</i>")
            html.append("</li>")
        html.append(f"</ul><h3>{_('Children')}</h3><ul>")
        for ch in d.children:
            born = ui_date(ch.birth_date, "medium") if ch.birth_date else ""
            html.append(f"<li><b>{_esc(ch.display_name)}</b> {_esc(born)}</li>")
        html.append("</ul>")
        if d.pickups:
            html.append(f"<h3>{_('Also authorized to pick up')}</h3><ul>")
            html += [f"<li>{_esc(p.name)} ({_esc(p.relationship)})</li>" for p in d.pickups]
            html.append("</ul>")
        self.detail.setHtml("".join(html))


    def open_contact_log(self) -> None:
        from famdesk.gui.dialogs.contact_edit import log_contact_for

        log_contact_for(self, self.ctx, self.model.family_id(self.table.currentIndex().row()))


def _esc(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
