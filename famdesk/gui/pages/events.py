"""Events: the calendar of family events, a timing check, and who came (families, adults, children)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain import partnership as p
from famdesk.formatting import ui_date, ui_datetime, ui_time
from famdesk.gui.application import show_error
from famdesk.gui.dialogs.event_edit import EventDialog, timing_text
from famdesk.gui.widgets.attendance_sheet import AttendanceSheet
from famdesk.i18n import _, ngettext
from famdesk.services import contacts as contact_service
from famdesk.services import events as event_service
from famdesk.services.context import ServiceContext


class EventsPage(QWidget):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.events: list[p.Event] = []
        self.list = QListWidget()
        self.list.setAccessibleName(_("Events"))
        self.list.currentRowChanged.connect(self.show_event)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.sheet = AttendanceSheet(event_service.MAX_PEOPLE)
        self.sheet.horizontalHeader().setStretchLastSection(False)
        self.sheet.setAccessibleName(_("Attendance"))
        self.sheet.attendance_model.dataChanged.connect(lambda *_a: self._update_total())
        self.sheet_edited = False  # ticks not saved yet: a change notice must not wipe them
        self.sheet.attendance_model.dataChanged.connect(lambda *_a: setattr(self, "sheet_edited", True))
        self.total = QLabel()
        save = QPushButton(_("&Save attendance"))
        save.clicked.connect(self.save_attendance)
        new = QPushButton(_("&New event…"))
        new.clicked.connect(lambda: self.edit_event(None))
        edit = QPushButton(_("&Edit event…"))
        edit.clicked.connect(lambda: self.edit_event(self.current()))

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(new)
        buttons.addWidget(edit)
        lv.addLayout(buttons)
        flyers = QPushButton(_("&Print flyers…"))
        flyers.clicked.connect(self.print_flyers)
        lv.addWidget(flyers)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.addWidget(self.info)
        rv.addWidget(self.sheet, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total, 1)
        bottom.addWidget(save)
        rv.addLayout(bottom)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        self.events = event_service.list_events(self.ctx)
        self.list.clear()
        flagged = {e.id for e, _t in event_service.flagged_events(self.ctx)}
        for e in self.events:
            text = f"{ui_datetime(e.starts_at, 'medium')} · {e.title}" if e.starts_at else e.title
            if e.id in flagged:
                text += " · " + _("hard time for families")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, e.id)
            self.list.addItem(item)
        ids = [e.id for e in self.events]
        if select_id in ids:
            self.list.setCurrentRow(ids.index(select_id))
        elif self.events:
            self.list.setCurrentRow(len(self.events) - 1)

    def current(self) -> p.Event | None:
        row = self.list.currentRow()
        return self.events[row] if 0 <= row < len(self.events) else None

    def show_event(self, row: int) -> None:
        e = self.current()
        self.sheet.attendance_model.reset([], {})
        if e is None or e.starts_at is None or e.ends_at is None:
            self.info.clear()
            return
        extras = [x for x, on in ((_("childcare"), e.childcare), (_("interpretation"), e.interpretation)) if on]
        if e.food:
            extras.append(e.food)
        self.info.setText(f"<b>{_esc(e.title)}</b><br>{ui_date(e.starts_at.date(), 'full')}, "
                          f"{ui_time(e.starts_at)} – {ui_time(e.ends_at)}<br>{_esc(e.place)}<br>"
                          f"{_esc(', '.join(extras))}<br>"
                          + _esc(timing_text(event_service.check_event_timing(self.ctx, e))))
        came = {a.family_id: a for a in event_service.attendance_for(self.ctx, e.id or 0)}
        families = contact_service.list_enrolled_families(self.ctx)
        for a in came.values():
            families.setdefault(a.family_id, a.family_name)
        self.sheet.attendance_model.reset(sorted(families.items(), key=lambda kv: kv[1]), came)
        self.sheet_edited = False
        self.sheet.resizeColumnsToContents()
        self._update_total()

    def row_for(self, family_id: int) -> int:
        return self.sheet.attendance_model.row_for(family_id)

    def set_came(self, family_id: int, adults: int = 1, children: int = 0) -> None:
        self.sheet.attendance_model.set_came(self.row_for(family_id), adults, children)

    def attendance(self) -> list[p.Attendance]:
        return self.sheet.attendance_model.attendance()

    def _update_total(self) -> None:
        rows = self.attendance()
        self.total.setText(ngettext("{n} family", "{n} families", len(rows)).format(n=len(rows)) + " · " +
                           _("{adults} adults, {children} children").format(
                               adults=sum(a.adults for a in rows), children=sum(a.children for a in rows)))

    def save_attendance(self) -> bool:
        e = self.current()
        if e is None or e.id is None:
            return False
        try:
            event_service.record_attendance(self.ctx, e.id, self.attendance())
        except Exception as exc:  # noqa: BLE001 - shown; the sheet keeps what was ticked
            show_error(self, exc)
            return False
        self.sheet_edited = False
        self.total.setText(self.total.text() + " · " + _("saved"))
        return True

    def print_flyers(self) -> list:  # type: ignore[type-arg]
        """One flyer per language the enrolled families read."""
        from famdesk.gui.dialogs.save_pdf import save_pdfs
        from famdesk.services.partnership_print import event_flyers

        e = self.current()
        if e is None or e.id is None:
            return []
        results = event_flyers(self.ctx, e.id)
        return save_pdfs(self, {f"event-{e.id}-{lang}.pdf": r.pdf for lang, r in results.items()},
                         [w for r in results.values() for w in r.warnings])

    def edit_event(self, event: p.Event | None) -> EventDialog:
        dialog = EventDialog(self.ctx, event, self)
        dialog.finished.connect(lambda _r: self.refresh(dialog.saved.id if dialog.saved else None))
        dialog.open()
        return dialog


def _esc(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
