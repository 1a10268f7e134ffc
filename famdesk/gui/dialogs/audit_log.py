"""The audit log for directors: who viewed, changed, printed or exported what, and when (ids only)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from famdesk.domain.errors import FamdeskError
from famdesk.i18n import _
from famdesk.services import audit
from famdesk.services.context import ServiceContext

COLUMNS = ("id", "at", "actor", "action", "kind", "record_id", "detail")


class AuditLogDialog(QDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None, limit: int = 500) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Audit log"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([_("No."), _("When (UTC)"), _("Who"), _("Action"), _("Record"),
                                              _("Record id"), _("Detail")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 420)
        try:
            rows = audit.entries(ctx, limit=limit)
        except FamdeskError as exc:
            self.message.setText(str(exc))
            self.table.hide()
            return
        self.message.setText(_("Newest first. Entries are chained; “famdesk check” reports any that were changed."))
        self.table.setRowCount(len(rows))
        for i, e in enumerate(rows):
            values = (e.id, f"{e.at:%Y-%m-%d %H:%M:%S}", _(e.actor), e.action, e.kind,
                      "" if e.record_id is None else e.record_id, e.detail)
            for j, v in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(str(v)))
        self.table.resizeColumnsToContents()
