"""Log a contact with a family in a few seconds: tone, channel, summary, and a follow-up if needed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from famdesk.domain import partnership as p
from famdesk.gui.application import show_error
from famdesk.gui.dialogs.partnership_common import (
    enum_combo,
    family_combo,
    language_combo,
    qdatetime,
    set_combo,
    staff_combo,
    to_date,
    to_datetime,
)
from famdesk.i18n import _, ngettext
from famdesk.services import contacts as contact_service
from famdesk.services import families as family_service
from famdesk.services.context import ServiceContext


class ContactDialog(QDialog):
    def __init__(self, ctx: ServiceContext, family_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved: p.Contact | None = None
        self.setWindowTitle(_("Log a contact"))
        self.family = family_combo(ctx, self)
        self.when = QDateTimeEdit(qdatetime(dt.datetime.now().replace(second=0, microsecond=0)))
        self.when.setCalendarPopup(True)
        self.channel = enum_combo(p.ContactMethod, self)
        self.direction = enum_combo(p.Direction, self)
        # Tone as radio buttons with words: colour is never the only signal.
        self.tone_group = QButtonGroup(self)
        tone_row = QHBoxLayout()
        self.tone_buttons: dict[p.Tone, QRadioButton] = {}
        for tone in p.Tone:
            button = QRadioButton(p.label(tone))
            self.tone_group.addButton(button)
            self.tone_buttons[tone] = button
            tone_row.addWidget(button)
        self.tone_buttons[p.Tone.POSITIVE].setChecked(True)
        self.language = language_combo(self)
        self.interpreter = QCheckBox(_("An interpreter was present"))
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText(_("What was said, in a sentence or two"))
        self.summary.setMaximumHeight(90)
        self.follow_up = QCheckBox(_("Follow up by"))
        self.follow_up_on = QDateEdit(QDate.currentDate().addDays(7))
        self.follow_up_on.setCalendarPopup(True)
        self.follow_up_on.setEnabled(False)
        self.follow_up.toggled.connect(self.follow_up_on.setEnabled)
        self.staff = staff_combo(ctx, self)
        follow_row = QHBoxLayout()
        follow_row.addWidget(self.follow_up)
        follow_row.addWidget(self.follow_up_on, 1)

        form = QFormLayout(self)
        form.addRow(_("Family"), self.family)
        self.health = QLabel()
        self.health.setWordWrap(True)
        form.addRow("", self.health)
        form.addRow(_("When"), self.when)
        form.addRow(_("How"), self.channel)
        form.addRow(_("Direction"), self.direction)
        form.addRow(_("Tone"), tone_row)
        form.addRow(_("Language used"), self.language)
        form.addRow("", self.interpreter)
        form.addRow(_("Summary"), self.summary)
        form.addRow(_("Follow-up"), follow_row)
        form.addRow(_("Staff"), self.staff)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.family.currentIndexChanged.connect(lambda _i: self._family_defaults())
        if family_id is not None:
            set_combo(self.family, family_id)
        self._family_defaults()

    def _family_defaults(self) -> None:
        """Start from the family's preferred language and channel: usually right, one click if not."""
        fid = self.family.currentData()
        if fid is None:
            return
        fam = family_service.get_family(self.ctx, fid).family
        self.health.setText(health_text(contact_service.relationship_health(self.ctx, fid)))
        set_combo(self.language, fam.preferred_language)
        self.interpreter.setChecked(fam.interpreter_needed)
        if fam.preferred_channel.value in {c.value for c in p.ContactMethod}:
            set_combo(self.channel, fam.preferred_channel.value)

    def contact(self) -> p.Contact:
        tone = next(t for t, b in self.tone_buttons.items() if b.isChecked())
        return p.Contact(family_id=self.family.currentData(), occurred_at=to_datetime(self.when.dateTime()),
                         channel=p.ContactMethod(self.channel.currentData()),
                         direction=p.Direction(self.direction.currentData()), tone=tone,
                         language=self.language.currentData() or "en", interpreter_present=self.interpreter.isChecked(),
                         summary=self.summary.toPlainText(), staff_id=self.staff.currentData(),
                         follow_up_due=to_date(self.follow_up_on.date()) if self.follow_up.isChecked() else None)

    def save(self) -> None:
        try:
            self.saved = contact_service.add_contact(self.ctx, self.contact())
        except Exception as exc:  # noqa: BLE001 - shown; the dialog stays open with what was typed
            show_error(self, exc)
            return
        self.accept()


def health_text(h: p.RelationshipHealth) -> str:
    """One line a teacher can read before calling: when the family last heard something positive."""
    if h.days_since_positive is None:
        first = _("No positive contact yet: start with something good the child did.")
    else:
        first = ngettext("Last positive contact {n} day ago.", "Last positive contact {n} days ago.",
                         h.days_since_positive).format(n=h.days_since_positive)
    parts = [first, _("{positive} positive, {concern} concern.").format(positive=h.positive, concern=h.concern)]
    if h.open_follow_ups:
        parts.append(ngettext("{n} follow-up open.", "{n} follow-ups open.", h.open_follow_ups)
                     .format(n=h.open_follow_ups))
    return " ".join(parts)


def log_contact_for(parent: QWidget, ctx: ServiceContext, family_id: int | None) -> p.Contact | None:
    """Open the quick contact log for a family (the families page calls this); the saved contact or None."""
    dialog = ContactDialog(ctx, family_id, parent)
    dialog.exec()
    return dialog.saved
