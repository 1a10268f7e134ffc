"""Edit an observation note: children, when, where, the note, domains, sharing, translation, photo.

Opened from the timeline (Enter, double-click, Ctrl+E or Edit note…). The page offers it only for
notes the user may change; the service checks again. Every domain and sub-domain of the note is kept
(one checkable list), so an edit never drops a tag the quick panel could not show.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from famdesk.domain import observations as o
from famdesk.domain.errors import StaleEditError
from famdesk.domain.roles import Role
from famdesk.gui.application import show_error
from famdesk.gui.dialogs.partnership_common import language_combo, qdatetime, set_combo, to_datetime
from famdesk.gui.widgets.form_problems import problems_label
from famdesk.gui.widgets.photo_picker import PhotoPicker
from famdesk.gui.widgets.quick_note import ChildPicker, NoteEdit
from famdesk.gui.widgets.stale_edit import StaleReload
from famdesk.i18n import _
from famdesk.services import frameworks, staff
from famdesk.services.context import ServiceContext
from famdesk.services.observations import edit_observation, get_observation

KIND_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class ObservationDialog(QDialog):
    def __init__(
        self, ctx: ServiceContext, observation_id: int, names: dict[int, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved: o.Observation | None = None
        self.note = get_observation(ctx, observation_id)
        self.setWindowTitle(_("Edit note"))
        self.children_edit = ChildPicker(ctx)
        self.chosen_label = QLabel()
        self.chosen_label.setWordWrap(True)
        self.children_edit.set_chosen(self.note.child_ids, names)
        self.when = QDateTimeEdit()
        self.when.setCalendarPopup(True)
        self.when.setAccessibleName(_("When"))
        if self.note.observed_at is not None:
            self.when.setDateTime(qdatetime(self.note.observed_at))
        self.context_edit = QLineEdit(self.note.context)
        self.context_edit.setAccessibleName(_("Where"))
        self.note_edit = NoteEdit()
        self.note_edit.setPlainText(self.note.text)
        self.note_edit.setAccessibleName(_("Note"))
        self.note_edit.setMaximumHeight(120)
        self.domains = QListWidget()
        self.domains.setAccessibleName(_("Domains (Space ticks one)"))
        self.domains.setMaximumHeight(140)
        for dom in frameworks.active_framework(ctx).domains:
            self._domain_item(dom.name, ("domain", dom.id), dom.id in self.note.domain_ids)
            for sub in dom.subdomains:
                self._domain_item(f"{dom.name} › {sub.name}", ("subdomain", sub.id),
                                  sub.id in self.note.subdomain_ids)
        checked = Qt.CheckState.Checked
        ticked = [i for i in range(self.domains.count()) if self.domains.item(i).checkState() == checked]
        if ticked:  # the note's own tags in view, and where Space starts
            self.domains.setCurrentRow(ticked[0])
            self.domains.scrollToItem(self.domains.item(ticked[0]), QListWidget.ScrollHint.PositionAtCenter)
        self.share_box = QCheckBox(_("Share with the family"))
        self.share_box.setChecked(self.note.shareable_with_family)
        self.translation = QPlainTextEdit(self.note.translation)
        self.translation.setTabChangesFocus(True)
        self.translation.setMaximumHeight(70)
        self.translation.setAccessibleName(_("Translation for the family"))
        self.translation_language = language_combo(self)
        self.translation_language.setAccessibleName(_("Language of the translation"))
        set_combo(self.translation_language, self.note.translation_language or "es")
        self.author = QComboBox()
        self.author.setAccessibleName(_("Written by"))
        self.author.addItem(_("(not said)"), None)
        for member in staff.list_staff(ctx):
            self.author.addItem(member.display_name, member.id)
        set_combo(self.author, self.note.author_id)
        # A teacher's note stays theirs: handing it to someone else would lock them out of it.
        self.author.setEnabled(ctx.actor.role is not Role.TEACHER)
        self.photo = PhotoPicker(thumb=120)
        self.photo.set_photo(self.note.photo)

        form = QFormLayout(self)
        children_row = QHBoxLayout()
        children_row.addWidget(self.children_edit, 1)
        children_row.addWidget(self.chosen_label, 2)
        form.addRow(self._label(_("&Children:"), self.children_edit), children_row)
        form.addRow(self._label(_("W&hen:"), self.when), self.when)
        form.addRow(self._label(_("&Where:"), self.context_edit), self.context_edit)
        form.addRow(self._label(_("&Note:"), self.note_edit), self.note_edit)
        form.addRow(self._label(_("&Domains:"), self.domains), self.domains)
        form.addRow("", self.share_box)
        translation_row = QHBoxLayout()
        translation_row.addWidget(self.translation, 3)
        translation_row.addWidget(self.translation_language, 1)
        form.addRow(self._label(_("&Translation:"), self.translation), translation_row)
        form.addRow(self._label(_("Written b&y:"), self.author), self.author)
        form.addRow(_("Photo:"), self.photo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.problems = problems_label()
        self.stale = StaleReload(self.buttons, self.problems, opened=lambda: self._shown,
                                 typed=self.observation, fill=self._reloaded,
                                 fetch=lambda: get_observation(self.ctx, self.note.id))
        form.addRow(self.problems)
        form.addRow(self.buttons)
        self.children_edit.changed.connect(self._show_chosen)
        self.note_edit.save_requested.connect(self.save)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.activated.connect(self.save)
        self._show_chosen()
        self.resize(640, self.sizeHint().height())
        self.note_edit.setFocus()
        self._shown = self.observation()  # the form as filled: what the user's changes are against

    def _fill(self, note: o.Observation) -> None:
        """Show ``note`` in the fields (after a reload)."""
        self.children_edit.set_chosen(note.child_ids)
        if note.observed_at is not None:
            self.when.setDateTime(qdatetime(note.observed_at))
        self.context_edit.setText(note.context)
        self.note_edit.setPlainText(note.text)
        for i in range(self.domains.count()):
            kind, ident = self.domains.item(i).data(KIND_ROLE)
            on = ident in (note.domain_ids if kind == "domain" else note.subdomain_ids)
            self.domains.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.share_box.setChecked(note.shareable_with_family)
        self.translation.setPlainText(note.translation)
        set_combo(self.translation_language, note.translation_language or "es")
        set_combo(self.author, note.author_id)
        self.photo.set_photo(note.photo)
        self._show_chosen()

    def _reloaded(self, merged: o.Observation | None, fresh: o.Observation) -> None:
        self.note = fresh  # the next save is checked against what was reloaded
        if merged is not None:
            self._fill(fresh)
            self._shown = self.observation()
            self._fill(merged)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _domain_item(self, text: str, data: tuple[str, int], checked: bool) -> None:
        item = QListWidgetItem(text)
        item.setData(KIND_ROLE, data)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.domains.addItem(item)

    def _show_chosen(self) -> None:
        self.chosen_label.setText(", ".join(c.display_name for c in self.children_edit.chosen))

    def observation(self) -> o.Observation:
        ticked = [
            self.domains.item(i).data(KIND_ROLE)
            for i in range(self.domains.count())
            if self.domains.item(i).checkState() == Qt.CheckState.Checked
        ]
        translation = self.translation.toPlainText()
        return o.Observation(
            id=self.note.id,
            text=self.note_edit.toPlainText(),
            child_ids=[c.id for c in self.children_edit.chosen if c.id is not None],
            domain_ids=[ident for kind, ident in ticked if kind == "domain"],
            subdomain_ids=[ident for kind, ident in ticked if kind == "subdomain"],
            observed_at=to_datetime(self.when.dateTime()).replace(second=self.when.dateTime().time().second()),
            context=self.context_edit.text(),
            author_id=self.author.currentData(),
            shareable_with_family=self.share_box.isChecked(),
            translation=translation,
            translation_language=self.translation_language.currentData() if translation.strip() else "",
            photo=self.photo.photo,
            version=self.note.version,
        )

    def save(self) -> None:
        self.children_edit.add_typed()
        try:
            self.saved = edit_observation(self.ctx, self.observation())
        except StaleEditError as exc:  # someone else saved first: say who and when, offer Reload
            self.stale.refused(exc)
            return
        except Exception as exc:  # noqa: BLE001 - shown; the dialog keeps what was typed
            show_error(self, exc)
            return
        self.accept()
