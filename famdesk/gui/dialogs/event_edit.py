"""Edit a family event; shows at once how many families can come at the chosen time."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QWidget,
)

from famdesk.domain import partnership as p
from famdesk.gui.application import show_error
from famdesk.gui.dialogs.partnership_common import qdatetime, to_datetime
from famdesk.i18n import _
from famdesk.services import events as event_service
from famdesk.services.context import ServiceContext


def timing_text(t: p.EventTiming) -> str:
    text = _("{n} of {total} families who gave their available times can come.").format(
        n=t.families_available, total=t.families_with_times)
    if t.flagged:
        text = _("Warning: most working families cannot come at this time.") + " " + text
    return text


class EventDialog(QDialog):
    def __init__(self, ctx: ServiceContext, event: p.Event | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        start = dt.datetime.combine(dt.date.today() + dt.timedelta(days=14), dt.time(18))
        self.event = event or p.Event(starts_at=start, ends_at=start + dt.timedelta(hours=1))
        self.saved: p.Event | None = None
        self.setWindowTitle(_("Family event"))
        e = self.event
        self.title = QLineEdit(e.title)
        self.starts = QDateTimeEdit(qdatetime(e.starts_at or start))
        self.starts.setCalendarPopup(True)
        end = e.ends_at or start
        self.ends = QTimeEdit(QTime(end.hour, end.minute))
        self.place = QLineEdit(e.place)
        self.childcare = QCheckBox(_("Childcare provided"))
        self.childcare.setChecked(e.childcare)
        self.interpretation = QCheckBox(_("Interpretation available"))
        self.interpretation.setChecked(e.interpretation)
        self.languages = QLineEdit(", ".join(e.interpretation_languages))
        self.languages.setPlaceholderText(_("language codes, e.g. es, ar, vi"))
        self.food = QLineEdit(e.food)
        self.description = QPlainTextEdit(e.description)
        self.description.setMaximumHeight(70)
        self.timing = QLabel()
        self.timing.setWordWrap(True)
        self.timing.setObjectName("timing")
        form = QFormLayout(self)
        form.addRow(_("Title"), self.title)
        form.addRow(_("Starts"), self.starts)
        form.addRow(_("Ends"), self.ends)
        form.addRow("", self.timing)
        form.addRow(_("Place"), self.place)
        form.addRow("", self.childcare)
        form.addRow("", self.interpretation)
        form.addRow(_("Interpretation in"), self.languages)
        form.addRow(_("Food"), self.food)
        form.addRow(_("Description"), self.description)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.starts.dateTimeChanged.connect(lambda _v: self.check_timing())
        self.ends.timeChanged.connect(lambda _v: self.check_timing())
        self.check_timing()

    def current(self) -> p.Event:
        starts = to_datetime(self.starts.dateTime())
        t = self.ends.time()
        return p.Event(title=self.title.text(), starts_at=starts,
                       ends_at=starts.replace(hour=t.hour(), minute=t.minute()), place=self.place.text(),
                       description=self.description.toPlainText(), childcare=self.childcare.isChecked(),
                       interpretation=self.interpretation.isChecked(),
                       interpretation_languages=[x.strip() for x in self.languages.text().split(",") if x.strip()],
                       food=self.food.text(), id=self.event.id, version=self.event.version)

    def check_timing(self) -> None:
        e = self.current()
        if e.ends_at and e.starts_at and e.ends_at > e.starts_at:
            self.timing.setText(timing_text(event_service.check_event_timing(self.ctx, e)))
        else:
            self.timing.setText(_("The event must end after it starts."))

    def save(self) -> None:
        try:
            e = self.current()
            self.saved = (event_service.update_event if e.id is not None else event_service.add_event)(self.ctx, e)
        except Exception as exc:  # noqa: BLE001 - shown; the dialog keeps what was typed
            show_error(self, exc)
            return
        self.accept()
