"""Settings → “Records of families who left” (directors): the retention period and the review dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QPushButton, QSpinBox, QWidget

from famdesk.gui.accessibility import label_for
from famdesk.gui.application import show_error
from famdesk.i18n import _
from famdesk.services import retention
from famdesk.services.context import ServiceContext


class RetentionBox(QGroupBox):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Records of families who left"), parent)
        self.ctx = ctx
        self.years = QSpinBox()
        self.years.setRange(1, retention.MAX_YEARS)
        self.years.setSuffix(" " + _("years"))
        self.years.setValue(retention.retention_years(ctx))
        self.years.editingFinished.connect(self.save_years)  # saved when the field is left
        # No Alt+letter: x and j are the only letters free on this page in all twelve languages.
        self.review = QPushButton(_("Families past retention…"))
        self.review.setAccessibleDescription(_("Lists the families whose retention period has passed and "
                                               "erases them for good after you confirm. Families on legal "
                                               "hold are kept."))
        self.review.clicked.connect(self.open_review)
        self.status = QLabel()
        self.status.setAccessibleName(_("Result"))
        form = QFormLayout(self)
        form.addRow(label_for(self.years, _("Keep records after a family e&xits"),
                              _("How many years famdesk keeps a family's records after the family left the "
                                "program or was archived (your program's policy).")), self.years)
        form.addRow(self.review)
        form.addRow(self.status)

    def save_years(self) -> None:
        if self.years.value() == retention.retention_years(self.ctx):
            return
        try:
            retention.set_retention_years(self.ctx, self.years.value())
        except Exception as exc:  # noqa: BLE001 - shown; the value stays as typed
            show_error(self, exc)
            return
        self.status.setText(_("Saved: records are kept {years} years after a family leaves.").format(
            years=self.years.value()))

    def open_review(self) -> None:
        from famdesk.gui.dialogs.retention import RetentionDialog

        RetentionDialog(self.ctx, self).exec()
