"""The behaviour-incident form: child, when, where, before / behaviour / response, who was told, author.

A failed save keeps everything typed and lists the problems beside the form (the service refuses, this
only shows). Directors only: the page that opens it exists only for them.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain.errors import FamdeskError, StaleEditError, ValidationError
from famdesk.domain.incidents import Incident, InformedHow, label
from famdesk.gui.accessibility import label_for
from famdesk.gui.application import show_error
from famdesk.gui.locale_format import numeric_date_format, setup_date_edit, ui_locale
from famdesk.gui.widgets.form_problems import clear_fields, mark_fields, problems_label, show_problem_list
from famdesk.gui.widgets.stale_edit import StaleReload
from famdesk.i18n import _
from famdesk.services import classrooms, incidents, members, staff
from famdesk.services.context import ServiceContext

TEXT_LINES = 3


def datetime_edit(value: dt.datetime) -> QDateTimeEdit:
    """A date-and-time field in the locale's order with a four-digit year and a popup calendar."""
    edit = QDateTimeEdit(QDateTime(QDate(value.year, value.month, value.day),
                                   QTime(value.hour, value.minute)))
    setup_date_edit(edit)
    edit.setDisplayFormat(f"{numeric_date_format()} {ui_locale().timeFormat(QLocale.FormatType.ShortFormat)}")
    return edit


def to_datetime(edit: QDateTimeEdit) -> dt.datetime:
    d, t = edit.date(), edit.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def _text_box(text: str, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    box.setMaximumHeight(box.fontMetrics().lineSpacing() * TEXT_LINES + 14)
    return box


class IncidentDialog(QDialog):
    def __init__(self, ctx: ServiceContext, incident: Incident | None = None, parent: QWidget | None = None,
                 now: dt.datetime | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        now = (now or incidents.program_now_for(ctx)).replace(second=0, microsecond=0)
        self.incident = incident or Incident(occurred_at=now)
        self.saved: Incident | None = None
        self.setWindowTitle(_("Edit incident record") if self.incident.id else _("New incident record"))
        self.resize(720, 700)
        inc = self.incident

        self.child = QComboBox()
        self.child.setEditable(True)
        self.child.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.child.addItem("", None)
        for kid in members.search_children(ctx, limit=1_000_000):
            self.child.addItem(kid.display_name, kid.id)
        if inc.child_id is not None and self.child.findData(inc.child_id) < 0:
            self.child.addItem(inc.child_name, inc.child_id)  # a child who has left since
        self.child.setCurrentIndex(max(0, self.child.findData(inc.child_id)))
        completer = self.child.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.when = datetime_edit(inc.occurred_at or now)
        self.classroom = QComboBox()
        self.classroom.addItem(_("The child's own classroom"), None)
        for room in classrooms.list_classrooms(ctx):
            self.classroom.addItem(room.name, room.id)
        self.classroom.setCurrentIndex(max(0, self.classroom.findData(inc.classroom_id)))
        self.location = QLineEdit(inc.location)
        self.location.setPlaceholderText(_("e.g. nap room, playground, hallway"))
        self.antecedent = _text_box(inc.antecedent,
                                    _("What was going on just before: the activity, a change, a request"))
        self.behavior = _text_box(inc.behavior, _("What the child did, as you saw or heard it"))
        self.response = _text_box(inc.response, _("What staff did, and how the child responded"))
        self.informed = QCheckBox(_("The &family was told"))
        self.informed.setChecked(inc.family_informed)
        self.informed_at = datetime_edit(inc.family_informed_at or inc.occurred_at or now)
        self.informed_how = QComboBox()
        self.informed_how.addItem("", None)
        for how in InformedHow:
            self.informed_how.addItem(label(how), how.value)
        self.informed_how.setCurrentIndex(max(0, self.informed_how.findData(
            inc.family_informed_how.value if inc.family_informed_how else None)))
        self.informed.toggled.connect(self._informed_toggled)
        self.staff_informed = QLineEdit(inc.staff_informed)
        self.staff_informed.setPlaceholderText(_("e.g. lead teacher, mental health consultant"))
        self.author = QComboBox()
        self.author.addItem(_("(not recorded)"), None)
        for member in staff.list_staff(ctx):
            self.author.addItem(member.display_name, member.id)
        self.author.setCurrentIndex(max(0, self.author.findData(inc.author_staff_id)))

        form = QFormLayout()
        told = QWidget()
        told.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        told_row = QHBoxLayout(told)
        told_row.setContentsMargins(0, 0, 0, 0)
        told_row.addWidget(self.informed)
        told_row.addWidget(label_for(self.informed_at, _("&When")))
        told_row.addWidget(self.informed_at)
        told_row.addWidget(label_for(self.informed_how, _("H&ow")))
        told_row.addWidget(self.informed_how, 1)
        for text, widget in ((_("&Child"), self.child), (_("&Date and time"), self.when),
                             (_("Cl&assroom"), self.classroom), (_("Where e&xactly"), self.location),
                             (_("What &happened before"), self.antecedent),
                             (_("The &behaviour"), self.behavior), (_("The &response"), self.response)):
            form.addRow(label_for(widget, text), widget)
        form.addRow(_("Family"), told)
        form.addRow(label_for(self.staff_informed, _("Other &staff told")), self.staff_informed)
        form.addRow(label_for(self.author, _("Written b&y")), self.author)
        self.field_widgets: dict[str, QWidget] = {
            "child_id": self.child, "occurred_at": self.when, "classroom_id": self.classroom,
            "location": self.location, "antecedent": self.antecedent, "behavior": self.behavior,
            "response": self.response, "family_informed_at": self.informed_at,
            "family_informed_how": self.informed_how, "staff_informed": self.staff_informed,
            "author_staff_id": self.author,
        }
        self.problems = problems_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.stale = StaleReload(buttons, self.problems, opened=lambda: self._shown, typed=self.collect,
                                 fetch=lambda: incidents.get_incident(self.ctx, self.incident.id),
                                 fill=self._reloaded)
        note = QLabel(_("Confidential: only directors can see incident records. Every view and change is "
                        "recorded in the audit log."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._informed_toggled(self.informed.isChecked())
        self._shown = self.collect()  # the form as filled: what the user's changes are against

    def _fill(self, inc: Incident) -> None:
        """Show ``inc`` in the fields (after a reload)."""
        def when(edit: QDateTimeEdit, value: dt.datetime | None) -> None:
            if value is not None:
                edit.setDateTime(QDateTime(QDate(value.year, value.month, value.day),
                                           QTime(value.hour, value.minute)))

        self.child.setCurrentIndex(max(0, self.child.findData(inc.child_id)))
        when(self.when, inc.occurred_at)
        self.classroom.setCurrentIndex(max(0, self.classroom.findData(inc.classroom_id)))
        self.location.setText(inc.location)
        self.antecedent.setPlainText(inc.antecedent)
        self.behavior.setPlainText(inc.behavior)
        self.response.setPlainText(inc.response)
        self.informed.setChecked(inc.family_informed)
        when(self.informed_at, inc.family_informed_at)
        self.informed_how.setCurrentIndex(max(0, self.informed_how.findData(
            inc.family_informed_how.value if inc.family_informed_how else None)))
        self.staff_informed.setText(inc.staff_informed)
        self.author.setCurrentIndex(max(0, self.author.findData(inc.author_staff_id)))

    def _reloaded(self, merged: Incident | None, fresh: Incident) -> None:
        self.incident = fresh  # the next save is checked against what was reloaded
        if merged is not None:
            self._fill(fresh)
            self._shown = self.collect()
            self._fill(merged)

    def _informed_toggled(self, on: bool) -> None:
        self.informed_at.setEnabled(on)
        self.informed_how.setEnabled(on)

    def _child_id(self) -> int | None:
        """The chosen child; typed text that names no child (or names it only partly) counts as none."""
        typed = self.child.currentText().strip()
        index = self.child.currentIndex()
        if index < 0 or self.child.itemText(index) != typed:  # typed rather than picked
            index = self.child.findText(typed, Qt.MatchFlag.MatchFixedString)
        return self.child.itemData(index) if index >= 0 and typed else None

    def collect(self) -> Incident:
        how = self.informed_how.currentData()
        return Incident(
            child_id=self._child_id(), occurred_at=to_datetime(self.when),
            classroom_id=self.classroom.currentData(), location=self.location.text(),
            antecedent=self.antecedent.toPlainText(), behavior=self.behavior.toPlainText(),
            response=self.response.toPlainText(), family_informed=self.informed.isChecked(),
            family_informed_at=to_datetime(self.informed_at) if self.informed.isChecked() else None,
            family_informed_how=InformedHow(how) if how and self.informed.isChecked() else None,
            staff_informed=self.staff_informed.text(), author_staff_id=self.author.currentData(),
            id=self.incident.id, version=self.incident.version)

    def save(self) -> None:
        self._clear_marks()
        try:
            data = self.collect()
            save = incidents.update_incident if data.id is not None else incidents.add_incident
            self.saved = save(self.ctx, data)
        except ValidationError as exc:
            mark_fields(self.field_widgets, exc.problems)
            self.show_problems([p.message for p in exc.problems])
            return
        except StaleEditError as exc:  # someone else saved first: say who and when, offer Reload
            self.stale.refused(exc)
            return
        except FamdeskError as exc:
            self.show_problems([str(exc)])
            return
        except Exception as exc:  # noqa: BLE001 - a bug: say so, keep the form and what was typed
            show_error(self, exc)
            return
        self.accept()

    def show_problems(self, problems: list[str]) -> None:
        show_problem_list(self.problems, problems)

    def _clear_marks(self) -> None:
        self.problems.hide()
        clear_fields(self.field_widgets)
