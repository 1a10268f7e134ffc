"""The communication log: every contact, newest first, and the follow-ups still open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain import partnership as p
from famdesk.formatting import ui_date, ui_datetime
from famdesk.gui.application import show_error
from famdesk.gui.dialogs.contact_edit import log_contact_for
from famdesk.i18n import _
from famdesk.services import contacts as contact_service
from famdesk.services.context import ServiceContext


class ContactsPage(QWidget):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[p.Contact] = []
        self.open_only = QCheckBox(_("Only open follow-ups"))
        self.open_only.toggled.connect(lambda _on: self.refresh())
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([_("When"), _("Family"), _("How"), _("Direction"), _("Tone"),
                                              _("Summary"), _("Follow-up")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(_("Contacts"))
        log = QPushButton(_("&Log a contact…"))
        log.clicked.connect(self.log_contact)
        done = QPushButton(_("Follow-up &done"))
        done.clicked.connect(self.mark_done)
        top = QHBoxLayout()
        top.addWidget(self.open_only)
        top.addStretch(1)
        top.addWidget(log)
        top.addWidget(done)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        self.rows = contact_service.list_contacts(self.ctx, open_follow_ups=self.open_only.isChecked())
        self.table.setRowCount(len(self.rows))
        for row, c in enumerate(self.rows):
            follow = ""
            if c.follow_up_due:
                follow = ui_date(c.follow_up_due, "medium") + " · " + (
                    _("done") if c.follow_up_done else _("open"))
            cells = [ui_datetime(c.occurred_at, "short") if c.occurred_at else "", c.family_name,
                     p.label(c.channel), p.label(c.direction), p.label(c.tone), c.summary, follow]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()

    def log_contact(self) -> None:
        if log_contact_for(self, self.ctx, None):
            self.refresh()

    def mark_done(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows) and self.rows[row].id is not None:
            try:
                contact_service.mark_follow_up_done(self.ctx, self.rows[row].id or 0)
            except Exception as exc:  # noqa: BLE001
                show_error(self, exc)
            self.refresh()
