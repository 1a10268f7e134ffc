"""The quick observation panel: children, domain, where, note, Ctrl+Enter. Keyboard all the way.

Typing a name offers matching children (``services.members.search_children``); Enter adds the child,
Backspace in the empty box removes the last one. The domain box completes on any part of a domain or
sub-domain name. The wording hint appears under the note while typing and never blocks saving.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from famdesk.domain import observations as o
from famdesk.domain import records as r
from famdesk.domain.errors import FamdeskError
from famdesk.domain.text import fold
from famdesk.gui.widgets.photo_picker import PhotoPicker
from famdesk.i18n import _, ui_language
from famdesk.services import frameworks, members, staff
from famdesk.services.context import ServiceContext
from famdesk.services.observations import add_observation
from famdesk.services.wording import wording_hint


class NoteEdit(QPlainTextEdit):
    """A note box where Tab leaves the box and Ctrl+Enter saves (even without a window shortcut)."""

    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.save_requested.emit()
            return
        super().keyPressEvent(event)


class ChildPicker(QLineEdit):
    """Type a name, Enter to add; the chosen children are listed beside the box."""

    changed = Signal()

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.chosen: list[r.Child] = []
        self._children: dict[str, int] = {}  # display name → child id (a record is read when chosen)
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        completer.activated.connect(self._add_name)
        self.returnPressed.connect(self._add_typed)
        self.setPlaceholderText(_("Type a child's name, Enter to add…"))
        self.setAccessibleName(_("Children"))
        self.reload()

    def reload(self) -> None:
        self._children = {name: child_id for child_id, name in members.child_names(self.ctx)}
        self._names.setStringList(list(self._children))

    def _add_name(self, name: str) -> None:
        child_id = self._children.get(name)
        if child_id is not None and all(c.id != child_id for c in self.chosen):
            self.chosen.append(members.get_child(self.ctx, child_id))
            self.changed.emit()
        # Clear after the completer has finished writing its text into the box.
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self.clear)

    def _add_typed(self) -> None:
        typed = fold(self.text())
        if not typed:
            return
        matches = [n for n in self._children if all(t in fold(n) for t in typed.split())]
        exact = [n for n in matches if fold(n) == typed]
        if exact or matches:
            self._add_name((exact or matches)[0])

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Backspace and not self.text() and self.chosen:
            self.chosen.pop()
            self.changed.emit()
            return
        super().keyPressEvent(event)

    def set_chosen(self, child_ids: list[int], names: dict[int, str] | None = None) -> None:
        """Start from these children (an edited note's); one who has left keeps the name given."""
        known = set(self._children.values())  # children this user may pick now
        names = names or {}
        self.chosen = [
            members.get_child(self.ctx, cid) if cid in known
            else r.Child(first_name=names.get(cid, f"#{cid}"), id=cid)
            for cid in child_ids
        ]
        self.changed.emit()

    def add_typed(self) -> None:
        """A name typed but not yet added (Enter) counts when the note is saved."""
        if self.text().strip():
            self._add_typed()

    def clear_chosen(self) -> None:
        self.chosen = []
        self.clear()
        self.changed.emit()


class QuickNotePanel(QGroupBox):
    """Saves one observation; emits ``saved`` with the new record."""

    saved = Signal(object)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Quick note"), parent)
        self.ctx = ctx
        self.children_edit = ChildPicker(ctx)
        self.chosen_label = QLabel()
        self.chosen_label.setWordWrap(True)
        self.domain_combo = QComboBox()
        self.domain_combo.setEditable(True)
        self.domain_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.domain_combo.setAccessibleName(_("Domain"))
        self.domain_combo.lineEdit().setPlaceholderText(_("Type part of a domain, e.g. “fine motor”"))
        completer = self.domain_combo.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.context_edit = QLineEdit()
        self.context_edit.setPlaceholderText(_("Where? (block corner, playground…)"))
        self.context_edit.setAccessibleName(_("Where"))
        self.note_edit = NoteEdit()
        self.note_edit.setPlaceholderText(_("What did the child do or say?  Ctrl+Enter saves."))
        self.note_edit.setAccessibleName(_("Note"))
        self.note_edit.setFixedHeight(90)
        self.share_box = QCheckBox(_("Share with the family"))
        self.photo = PhotoPicker(thumb=48)
        self.author_combo = QComboBox()
        self.author_combo.setAccessibleName(_("Written by"))
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: #8a5a00;")
        self.hint_label.hide()
        self.status_label = QLabel()
        self.save_button = QPushButton(_("Save note"))
        self.save_button.setToolTip(_("Ctrl+Enter"))

        form = QFormLayout(self)
        chosen_row = QHBoxLayout()
        chosen_row.addWidget(self.children_edit, 1)
        chosen_row.addWidget(self.chosen_label, 2)
        form.addRow(_("&Children:"), chosen_row)
        form.addRow(_("&Domain:"), self.domain_combo)
        form.addRow(_("&Where:"), self.context_edit)
        form.addRow(_("&Note:"), self.note_edit)
        form.addRow("", self.hint_label)
        form.addRow(_("Photo:"), self.photo)
        bottom = QHBoxLayout()
        bottom.addWidget(self.share_box)
        bottom.addWidget(QLabel(_("Written by:")))
        bottom.addWidget(self.author_combo)
        bottom.addStretch(1)
        bottom.addWidget(self.status_label)
        bottom.addWidget(self.save_button)
        form.addRow(bottom)
        for label_widget, buddy in ((form.labelForField(chosen_row), self.children_edit),):
            if isinstance(label_widget, QLabel):
                label_widget.setBuddy(buddy)

        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(seq), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
        self.note_edit.save_requested.connect(self.save)
        self.save_button.clicked.connect(self.save)
        self.children_edit.changed.connect(self._show_chosen)
        self.note_edit.textChanged.connect(self._update_hint)
        self.reload()

    def reload(self, keep: bool = False) -> None:
        """Read the children, domains and staff offered. With ``keep`` (a change notice while a note may
        be half written) the chosen children, the typed domain and the author stay as they are."""
        typed_domain = self.domain_combo.currentText()
        author = self.author_combo.currentData() if self.author_combo.count() else None
        self.children_edit.reload()
        self.domain_combo.clear()
        self.domain_combo.addItem("", None)
        for dom in frameworks.active_framework(self.ctx).domains:
            self.domain_combo.addItem(dom.name, ("domain", dom.id))
            for sub in dom.subdomains:
                self.domain_combo.addItem(f"{dom.name} › {sub.name}", ("subdomain", sub.id))
        self.author_combo.clear()
        self.author_combo.addItem(_("(not said)"), None)
        for member in staff.list_staff(self.ctx):
            self.author_combo.addItem(member.display_name, member.id)
        if keep:
            self.domain_combo.setEditText(typed_domain)
            self.author_combo.setCurrentIndex(max(self.author_combo.findData(author), 0))
            return
        mine = self.author_combo.findData(self.ctx.actor.staff_id)
        self.author_combo.setCurrentIndex(max(mine, 0))

    def _show_chosen(self) -> None:
        self.chosen_label.setText(", ".join(c.display_name for c in self.children_edit.chosen))

    def _update_hint(self) -> None:
        hint = wording_hint(self.note_edit.toPlainText(), [ui_language(), "en", "es"])
        self.hint_label.setText(hint or "")
        self.hint_label.setVisible(hint is not None)

    def chosen_domain(self) -> tuple[str, int] | None:
        """The typed domain: an exact item, else the single item containing what was typed."""
        typed = fold(self.domain_combo.currentText())
        if not typed:
            return None
        items = [
            (fold(self.domain_combo.itemText(i)), self.domain_combo.itemData(i))
            for i in range(1, self.domain_combo.count())
        ]
        exact = [d for t, d in items if t == typed or t.endswith("› " + typed)]
        if exact:
            return exact[0]  # type: ignore[no-any-return]
        partial = [d for t, d in items if typed in t]
        return partial[0] if len(partial) >= 1 else None  # type: ignore[no-any-return]

    def save(self) -> o.Observation | None:
        self.children_edit.add_typed()
        domain = self.chosen_domain()
        if self.domain_combo.currentText().strip() and domain is None:
            self.status_label.setText(
                _("No domain matches “{text}”.").format(text=self.domain_combo.currentText())
            )
            self.domain_combo.setFocus()
            return None
        obs = o.Observation(
            text=self.note_edit.toPlainText(),
            child_ids=[c.id for c in self.children_edit.chosen if c.id],
            domain_ids=[domain[1]] if domain and domain[0] == "domain" else [],
            subdomain_ids=[domain[1]] if domain and domain[0] == "subdomain" else [],
            context=self.context_edit.text(),
            shareable_with_family=self.share_box.isChecked(),
            author_id=self.author_combo.currentData(),
            photo=self.photo.photo,
        )
        try:
            saved = add_observation(self.ctx, obs)
        except FamdeskError as exc:
            self.status_label.setText(str(exc))
            return None
        names = ", ".join(c.display_name for c in self.children_edit.chosen)
        self.status_label.setText(_("Saved a note about {names}.").format(names=names))
        self.children_edit.clear_chosen()
        self.note_edit.clear()
        self.domain_combo.setCurrentIndex(0)
        self.photo.set_photo(None)
        self.children_edit.setFocus()
        self.saved.emit(saved)
        return saved
