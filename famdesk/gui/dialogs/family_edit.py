"""The family editor: one household's details, caregivers, children and pickup persons in one dialog.

A failed save keeps everything the user typed and lists the problems beside the form; custody notes
are shown only to actors allowed to read them (others save with "unchanged" for that field).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain import records as r
from famdesk.domain.directory import DuplicateCandidate
from famdesk.domain.enums import ContactChannel, FamilyStatus, ProgramOption, Relationship, label
from famdesk.domain.errors import FamdeskError, StaleEditError, ValidationError
from famdesk.domain.languages import known_language_codes, print_language_codes
from famdesk.domain.roles import Action, Kind
from famdesk.formatting import language_name
from famdesk.gui.widgets.form_problems import clear_fields, mark_fields, problems_label, show_problem_list
from famdesk.gui.widgets.member_table import Column, MemberTable
from famdesk.gui.widgets.stale_edit import StaleReload
from famdesk.i18n import _
from famdesk.services import classrooms, duplicates, families
from famdesk.services.access import allowed
from famdesk.services.context import ServiceContext
from famdesk.services.program import get_program
from famdesk.services.validation import format_phone


def _date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _parse_date(text: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            _("“{value}” is not a date; write it as year-month-day, e.g. 2023-03-31.").format(value=text)
        ) from None


class FamilyDialog(QDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        family_id: int | None = None,
        parent: QWidget | None = None,
        confirm: Callable[[str, str], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.confirm = confirm or self._ask
        self.saved: r.FamilyDetail | None = None
        self.detail = families.get_family(ctx, family_id) if family_id else r.FamilyDetail(r.Family())
        self.country = get_program(ctx).country
        self.setWindowTitle(_("Edit family") if family_id else _("New family"))
        self.resize(900, 620)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._household_tab(), _("&Household"))
        self.tabs.addTab(self._contact_tab(), _("&Languages and contact"))
        self.caregivers = MemberTable(self._caregiver_columns(), lambda: r.Caregiver(), _("Add &caregiver"))
        self.children = MemberTable(self._child_columns(), lambda: r.Child(), _("Add c&hild"))
        self.pickups = MemberTable(
            [
                Column("name", _("Name")),
                Column("relationship", _("Relationship")),
                Column("phone", _("Phone"), to_text=self._phone),
                Column("notes", _("Notes")),
            ],
            lambda: r.PickupPerson(),
            _("Add &pickup person"),
        )
        self.tabs.addTab(self.caregivers, _("Care&givers"))
        self.tabs.addTab(self.children, _("C&hildren"))
        self.tabs.addTab(self.pickups, _("Authorized &pickups"))
        self.problems = problems_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        self.stale = StaleReload(buttons, self.problems, opened=lambda: self._shown, typed=self._typed,
                                 fetch=lambda: families.get_family(self.ctx, self.detail.family.id),
                                 fill=self._reloaded)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self._load(self.detail)
        self._shown = self._typed()  # the form as filled, read back: what "changed by the user" is against

    # --- building -------------------------------------------------------------------------------
    def _household_tab(self) -> QWidget:
        w = QWidget()
        self.name, self.external_id = QLineEdit(), QLineEdit()
        self.address1, self.address2 = QLineEdit(), QLineEdit()
        self.city, self.region, self.postal = QLineEdit(), QLineEdit(), QLineEdit()
        self.status = QComboBox()
        for s in FamilyStatus:
            self.status.addItem(label(s), s)
        self.enrolled_on, self.exited_on = QLineEdit(), QLineEdit()
        for e in (self.enrolled_on, self.exited_on):
            e.setPlaceholderText(_("year-month-day"))
        self.directory_consent = QCheckBox(_("Agrees to be listed in the school &directory"))
        self.photo_consent = QCheckBox(_("Agrees to &photos"))
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(80)
        form = QFormLayout(w)
        for text, widget in (
            (_("Family &name"), self.name),
            (_("Street"), self.address1),
            (_("Address line 2"), self.address2),
            (_("City"), self.city),
            (_("State / region"), self.region),
            (_("ZIP / postal code"), self.postal),
            (_("&Status"), self.status),
            (_("Enrolled on"), self.enrolled_on),
            (_("Left on"), self.exited_on),
            (_("ID in another system"), self.external_id),
            ("", self.directory_consent),
            ("", self.photo_consent),
            (_("Notes"), self.notes),
        ):
            form.addRow(text, widget)
        self.legal_hold = None
        if self.detail.family.id is not None and allowed(self.ctx.actor, Kind.LEGAL_HOLD, Action.READ):
            from famdesk.gui.widgets.legal_hold import LegalHoldBox  # directors only; saved on its own

            self.legal_hold = LegalHoldBox(self.ctx, self.detail.family.id)
            form.addRow(_("Legal hold"), self.legal_hold)
        self.field_widgets: dict[str, QWidget] = {
            "family.name": self.name,
            "family.exited_on": self.exited_on,
            "family.enrolled_on": self.enrolled_on,
        }
        return w

    def _contact_tab(self) -> QWidget:
        w = QWidget()
        self.home_languages = QListWidget()
        self.home_languages.setAccessibleName(_("Home languages"))
        for code in known_language_codes():
            item = QListWidgetItem(language_name(code))
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.home_languages.addItem(item)
        self.preferred_language = QComboBox()
        for code in print_language_codes():
            self.preferred_language.addItem(language_name(code), code)
        self.interpreter = QCheckBox(_("Needs an &interpreter"))
        self.channel = QComboBox()
        for c in ContactChannel:
            self.channel.addItem(label(c), c)
        self.best_times = QLineEdit()
        self.best_times.setPlaceholderText(_("e.g. weekday evenings after 5"))
        form = QFormLayout(w)
        form.addRow(_("Home languages"), self.home_languages)
        form.addRow(_("Language for written &materials"), self.preferred_language)
        form.addRow("", self.interpreter)
        form.addRow(_("Preferred &contact"), self.channel)
        form.addRow(_("&Best times to reach"), self.best_times)
        self.field_widgets.update(
            {
                "family.preferred_language": self.preferred_language,
                "family.home_languages": self.home_languages,
            }
        )
        return w

    def _caregiver_columns(self) -> list[Column]:
        cols = [
            Column("first_name", _("First name")),
            Column("last_name", _("Last name")),
            Column("relationship", _("Relationship"), "choice", [(label(x), x) for x in Relationship]),
            Column("mobile_phone", _("Mobile"), to_text=self._phone),
            Column("home_phone", _("Home phone"), to_text=self._phone),
            Column("email", _("Email")),
            Column("lives_with_child", _("Lives with child"), "bool"),
            Column("authorized_pickup", _("May pick up"), "bool"),
            Column("emergency_contact", _("Emergency contact"), "bool"),
        ]
        if self.ctx.actor.may_read_restricted:
            cols.append(Column("custody_notes", _("Custody notes (restricted)")))
        return cols

    def _phone(self, e164: str) -> str:
        return format_phone(e164 or "", self.country)

    def _child_columns(self) -> list[Column]:
        rooms = [("", None)] + [(c.name, c.id) for c in classrooms.list_classrooms(self.ctx)]
        return [
            Column("first_name", _("First name")),
            Column("last_name", _("Last name")),
            Column("preferred_name", _("Goes by")),
            Column("birth_date", _("Birth date"), to_text=_date_text, from_text=_parse_date),
            Column("classroom_id", _("Classroom"), "choice", rooms),
            Column("program_option", _("Program option"), "choice", [(label(o), o) for o in ProgramOption]),
            Column("enrolled_on", _("Enrolled on"), to_text=_date_text, from_text=_parse_date),
        ]

    def _load(self, d: r.FamilyDetail) -> None:
        f = d.family
        for widget, value in (
            (self.name, f.name),
            (self.external_id, f.external_id),
            (self.address1, f.address_line1),
            (self.address2, f.address_line2),
            (self.city, f.city),
            (self.region, f.region),
            (self.postal, f.postal_code),
            (self.best_times, f.best_times),
            (self.enrolled_on, _date_text(f.enrolled_on)),
            (self.exited_on, _date_text(f.exited_on)),
        ):
            widget.setText(value)
        self.notes.setPlainText(f.notes)
        self.status.setCurrentIndex(self.status.findData(f.status))
        self.channel.setCurrentIndex(self.channel.findData(f.preferred_channel))
        self.preferred_language.setCurrentIndex(
            max(0, self.preferred_language.findData(f.preferred_language))
        )
        self.interpreter.setChecked(f.interpreter_needed)
        self.directory_consent.setChecked(f.directory_consent)
        self.photo_consent.setChecked(f.photo_consent)
        for i in range(self.home_languages.count()):
            item = self.home_languages.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in f.home_languages
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.caregivers.load(copy.deepcopy(d.caregivers))
        self.children.load(copy.deepcopy(d.children))
        self.pickups.load(copy.deepcopy(d.pickups))

    # --- saving ---------------------------------------------------------------------------------
    def collect(self) -> tuple[r.FamilyDetail, list[str]]:
        """The household as typed, and problems found before asking the service (unreadable dates)."""
        problems: list[str] = []
        fam = copy.deepcopy(self.detail.family)
        fam.name, fam.external_id = self.name.text(), self.external_id.text()
        fam.address_line1, fam.address_line2 = self.address1.text(), self.address2.text()
        fam.city, fam.region, fam.postal_code = self.city.text(), self.region.text(), self.postal.text()
        fam.notes, fam.best_times = self.notes.toPlainText(), self.best_times.text()
        fam.status = FamilyStatus(self.status.currentData())
        fam.preferred_channel = ContactChannel(self.channel.currentData())
        fam.preferred_language = self.preferred_language.currentData()
        fam.interpreter_needed = self.interpreter.isChecked()
        fam.directory_consent, fam.photo_consent = (
            self.directory_consent.isChecked(),
            self.photo_consent.isChecked(),
        )
        fam.home_languages = [
            self.home_languages.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.home_languages.count())
            if self.home_languages.item(i).checkState() == Qt.CheckState.Checked
        ]
        for attr, widget in (("enrolled_on", self.enrolled_on), ("exited_on", self.exited_on)):
            try:
                setattr(fam, attr, _parse_date(widget.text().strip()))
            except ValueError as exc:
                problems.append(str(exc))
        detail = r.FamilyDetail(fam)
        for table, what in (
            (self.caregivers, _("Caregiver")),
            (self.children, _("Child")),
            (self.pickups, _("Pickup person")),
        ):
            records, bad = table.values()
            problems += [
                _("{what} {n}: {problem}").format(what=what, n=row + 1, problem=msg) for row, _a, msg in bad
            ]
            setattr(
                detail,
                {
                    id(self.caregivers): "caregivers",
                    id(self.children): "children",
                    id(self.pickups): "pickups",
                }[id(table)],
                copy.deepcopy(records),
            )
        return detail, problems

    def save(self) -> None:
        detail, problems = self.collect()
        self._clear_marks()
        if problems:
            self.show_problems(problems)
            return
        try:
            if detail.family.id is None:
                found = duplicates.find_duplicates(self.ctx, detail)
                if found and not self.confirm(_("Possible duplicate"), self.duplicate_text(found)):
                    return
                self.saved = families.add_family(self.ctx, detail)
            else:
                self.saved = families.update_family(self.ctx, detail)
        except ValidationError as exc:
            if any(p.field.startswith("family.") for p in exc.problems):
                self.tabs.setCurrentIndex(0)
            mark_fields(self.field_widgets, exc.problems)
            self.show_problems([p.message for p in exc.problems])
            return
        except StaleEditError as exc:  # someone else saved first: say who and when, offer Reload
            self.stale.refused(exc)
            return
        except FamdeskError as exc:
            self.show_problems([str(exc)])
            return
        self.accept()

    def _typed(self) -> r.FamilyDetail | None:
        detail, problems = self.collect()
        return None if problems else detail

    def _reloaded(self, merged: r.FamilyDetail | None, fresh: r.FamilyDetail) -> None:
        self.detail = fresh  # the next save is checked against what was reloaded
        if merged is not None:
            self._load(fresh)
            self._shown = self._typed()
            self._load(merged)

    def duplicate_text(self, found: list[DuplicateCandidate]) -> str:
        lines = [f"• {c.family_name}: {c.reason}" for c in found]
        return _(
            "This household looks like one already in the directory:\n{list}\n\nAdd it anyway? "
            "(You can merge the two later from the Families page.)"
        ).format(list="\n".join(lines))

    def show_problems(self, problems: list[str]) -> None:
        show_problem_list(self.problems, problems)

    def _clear_marks(self) -> None:
        self.problems.hide()
        clear_fields(self.field_widgets)

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes
