"""Create or edit a visit. Conflicts are checked as the form changes and shown before Save;
saving over them needs the explicit “Save anyway” tick (the service refuses otherwise)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain.errors import FamdeskError, StaleEditError, ValidationError
from famdesk.domain.visits import (
    Visit,
    VisitConflict,
    VisitConflictError,
    VisitKind,
    VisitPlace,
    VisitStatus,
    label,
)
from famdesk.gui.widgets.stale_edit import StaleReload
from famdesk.i18n import _
from famdesk.services import visits as visit_service
from famdesk.services.context import ServiceContext
from famdesk.services.families import FamilyFilter, search_families
from famdesk.services.staff import list_staff


class VisitDialog(QDialog):
    def __init__(
        self, ctx: ServiceContext, visit: Visit | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.visit = visit or Visit()
        self.saved: list[Visit] = []
        self.conflicts: list[VisitConflict] = []
        self.setWindowTitle(_("New visit") if self.visit.id is None else _("Edit visit"))
        self.family = QComboBox()
        self.family.setEditable(True)
        self.family.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.family.addItem(_("Choose a family…"), None)
        for row in search_families(ctx, FamilyFilter(), limit=100_000):
            self.family.addItem(row.name, row.id)
        self.staff = QListWidget()
        self.staff.setMaximumHeight(110)
        self.staff.setAccessibleName(_("Staff members"))
        members = list_staff(ctx, include_inactive=self.visit.id is not None)
        # The visit's own staff first, so they are visible without scrolling.
        members.sort(key=lambda x: x.id not in self.visit.staff_ids)
        for member in members:
            item = QListWidgetItem(member.display_name)
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            item.setCheckState(
                Qt.CheckState.Checked if member.id in self.visit.staff_ids else Qt.CheckState.Unchecked
            )
            self.staff.addItem(item)
        self.kind = self._enum_combo(VisitKind)
        self.place = self._enum_combo(VisitPlace)
        self.status = self._enum_combo(VisitStatus)
        self.day = QDateEdit(calendarPopup=True)
        self.start = QTimeEdit()
        self.end = QTimeEdit()
        self.address = QLineEdit()
        self.address.setPlaceholderText(_("Leave empty for the family's home address"))
        self.purpose = QLineEdit()
        self.interpreter = QCheckBox(_("Interpreter needed"))
        self.interpreter_name = QLineEdit()
        self.interpreter_name.setPlaceholderText(_("Interpreter's name"))
        self.minutes = QSpinBox(maximum=1440, specialValueText=_("not recorded"))
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        self.repeat = QCheckBox(_("Repeat weekly until"))
        self.repeat_until = QDateEdit(calendarPopup=True)
        self.repeat.setVisible(self.visit.id is None)
        self.repeat_until.setVisible(self.visit.id is None)
        self.conflict_list = QListWidget()
        self.conflict_list.setAccessibleName(_("Conflicts"))
        self.conflict_list.setMaximumHeight(130)
        self.conflict_list.setWordWrap(True)
        self.setMinimumWidth(560)
        self.conflict_title = QLabel()
        self.override = QCheckBox(_("Save anyway, despite these conflicts"))
        self.override.setEnabled(False)
        self._fill()

        form = QFormLayout()
        form.addRow(_("Family"), self.family)
        form.addRow(_("Staff"), self.staff)
        form.addRow(_("Kind"), self.kind)
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(self.start)
        when.addWidget(QLabel("–"))
        when.addWidget(self.end)
        form.addRow(_("When"), when)
        repeat = QHBoxLayout()
        repeat.addWidget(self.repeat)
        repeat.addWidget(self.repeat_until)
        form.addRow("", repeat)
        form.addRow(_("Where"), self.place)
        form.addRow(_("Address"), self.address)
        form.addRow(_("Purpose"), self.purpose)
        interp = QHBoxLayout()
        interp.addWidget(self.interpreter)
        interp.addWidget(self.interpreter_name, 1)
        form.addRow("", interp)
        form.addRow(_("Status"), self.status)
        form.addRow(_("Minutes held"), self.minutes)
        form.addRow(_("Outcome notes"), self.notes)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.stale = StaleReload(self.buttons, self.conflict_title, opened=lambda: self._shown,
                                 typed=self.visit_from_form, fetch=self._fetch, fill=self._reloaded)
        if self.visit.id is not None:
            letter = self.buttons.addButton(_("Letter…"), QDialogButtonBox.ButtonRole.ActionRole)
            reminder = self.buttons.addButton(_("Reminder…"), QDialogButtonBox.ButtonRole.ActionRole)
            sheet = self.buttons.addButton(_("Record sheet…"), QDialogButtonBox.ButtonRole.ActionRole)
            letter.clicked.connect(lambda: self.print_pdf("letter"))
            reminder.clicked.connect(lambda: self.print_pdf("reminder"))
            sheet.clicked.connect(lambda: self.print_pdf("sheet"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.conflict_title)
        layout.addWidget(self.conflict_list)
        layout.addWidget(self.override)
        layout.addWidget(self.buttons)

        # Re-check a moment after the user stops changing things (one query per pause, not per key).
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.refresh_conflicts)
        for signal in (
            self.family.currentIndexChanged,
            self.kind.currentIndexChanged,
            self.place.currentIndexChanged,
            self.status.currentIndexChanged,
            self.day.dateChanged,
            self.start.timeChanged,
            self.end.timeChanged,
            self.staff.itemChanged,
            self.repeat.toggled,
            self.repeat_until.dateChanged,
        ):
            signal.connect(lambda *_a: self._timer.start())
        self.refresh_conflicts()
        self._shown = self.visit_from_form()  # the form as filled: what the user's changes are against

    def _fetch(self) -> Visit:
        assert self.visit.id is not None
        return visit_service.get_visit(self.ctx, self.visit.id)

    def _reloaded(self, merged: Visit | None, fresh: Visit) -> None:
        self.visit = fresh  # the next save is checked against what was reloaded
        if merged is not None:
            self._fill()
            self._shown = self.visit_from_form()
            self.visit = merged
            self._fill()
            self.visit = fresh
        self.conflict_list.clear()

    def _enum_combo(self, enum_cls) -> QComboBox:  # type: ignore[no-untyped-def]
        box = QComboBox()
        for value in enum_cls:
            box.addItem(label(value), value)
        return box

    def _fill(self) -> None:
        v = self.visit
        if v.family_id is not None:
            self.family.setCurrentIndex(max(0, self.family.findData(v.family_id)))
        start = v.starts_at or dt.datetime.combine(dt.date.today() + dt.timedelta(days=1), dt.time(10))
        end = v.ends_at or start + dt.timedelta(minutes=90)
        self.day.setDate(QDate(start.year, start.month, start.day))
        self.start.setTime(QTime(start.hour, start.minute))
        self.end.setTime(QTime(end.hour, end.minute))
        until = start.date() + dt.timedelta(weeks=12)
        self.repeat_until.setDate(QDate(until.year, until.month, until.day))
        for box, value in ((self.kind, v.kind), (self.place, v.place), (self.status, v.status)):
            box.setCurrentIndex(box.findData(value))
        self.address.setText(v.address)
        self.purpose.setText(v.purpose)
        self.interpreter.setChecked(v.interpreter_needed)
        self.interpreter_name.setText(v.interpreter_name)
        self.minutes.setValue(v.minutes_held or 0)
        self.notes.setPlainText(v.outcome_notes)

    def visit_from_form(self) -> Visit:
        day = self.day.date().toPython()
        start = dt.datetime.combine(day, self.start.time().toPython().replace(second=0, microsecond=0))
        end = dt.datetime.combine(day, self.end.time().toPython().replace(second=0, microsecond=0))
        staff = [
            self.staff.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.staff.count())
            if self.staff.item(i).checkState() == Qt.CheckState.Checked
        ]
        return Visit(
            family_id=self.family.currentData(),
            staff_ids=staff,
            starts_at=start,
            ends_at=end,
            kind=self.kind.currentData(),
            place=self.place.currentData(),
            address=self.address.text(),
            purpose=self.purpose.text(),
            interpreter_needed=self.interpreter.isChecked(),
            interpreter_name=self.interpreter_name.text(),
            status=self.status.currentData(),
            make_up_of_id=self.visit.make_up_of_id,
            outcome_notes=self.notes.toPlainText(),
            minutes_held=self.minutes.value() or None,
            series_id=self.visit.series_id,
            id=self.visit.id,
            version=self.visit.version,
        )

    def _show(self, title: str, lines: list[str], problem: bool) -> None:
        self.conflict_title.setText(title)
        self.conflict_list.clear()
        for line in lines:
            item = QListWidgetItem(("⚠ " if not problem else "✖ ") + line)
            item.setForeground(QColor("#b00020") if problem else QColor("#8a5300"))
            self.conflict_list.addItem(item)

    def refresh_conflicts(self) -> None:
        """Validate the form and list conflicts (what Save would run into), without saving."""
        v = self.visit_from_form()
        self.conflicts = []
        try:
            self.conflicts = visit_service.check_visit(self.ctx, v)
        except ValidationError as exc:
            self._show(_("Please fix before saving:"), [p.message for p in exc.problems], True)
            self.override.setEnabled(False)
            return
        except FamdeskError as exc:
            self._show(_("Please check:"), [str(exc)], True)
            return
        if self.conflicts:
            self._show(_("Conflicts found:"), [c.message for c in self.conflicts], False)
        else:
            self._show(_("No conflicts."), [], False)
        self.override.setEnabled(bool(self.conflicts))
        if not self.conflicts:
            self.override.setChecked(False)

    def print_pdf(self, what: str) -> None:
        """Save the appointment letter, reminder or record sheet of this (saved) visit as a PDF."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from famdesk.services import visit_printing

        assert self.visit.id is not None
        names = {"letter": _("letter.pdf"), "reminder": _("reminder.pdf"), "sheet": _("visit-record.pdf")}
        path, _filter = QFileDialog.getSaveFileName(self, _("Save PDF"), names[what], _("PDF files (*.pdf)"))
        if not path:
            return
        try:
            if what == "sheet":
                result = visit_printing.visit_record_sheet(self.ctx, self.visit.id)
            else:
                result = visit_printing.visit_letter(self.ctx, self.visit.id, reminder=what == "reminder")
            with open(path, "wb") as fh:
                fh.write(result.pdf)
        except (FamdeskError, OSError) as exc:
            self._show(_("Please check:"), [str(exc)], True)
            return
        if result.warnings:
            QMessageBox.information(self, _("Printed in English"), "\n".join(result.warnings))

    def save(self) -> None:
        v = self.visit_from_form()
        try:
            if self.repeat.isChecked() and v.id is None:
                result = visit_service.create_series(
                    self.ctx,
                    v,
                    self.repeat_until.date().toPython(),
                    accept_conflicts=self.override.isChecked(),
                )
                self.saved = result.created
            else:
                self.saved = [
                    visit_service.save_visit(self.ctx, v, accept_conflicts=self.override.isChecked())
                ]
        except VisitConflictError as exc:
            self.conflicts = exc.conflicts
            self._show(
                _("Conflicts found: tick “Save anyway” to book it regardless."),
                [c.message for c in exc.conflicts],
                False,
            )
            self.override.setEnabled(True)
            return
        except ValidationError as exc:
            self._show(_("Please fix before saving:"), [p.message for p in exc.problems], True)
            return
        except StaleEditError as exc:  # someone else saved first: say who and when, offer Reload
            self.conflict_list.clear()
            self.stale.refused(exc)
            return
        except FamdeskError as exc:
            self._show(_("Please check:"), [str(exc)], True)
            return
        self.accept()
