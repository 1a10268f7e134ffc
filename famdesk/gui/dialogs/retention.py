"""“Families past retention…”: the families the retention rule says to erase, and erasing them for real.

Two deliberate steps before anything is erased: tick “I understand…”, then answer Yes to the last
question. The service checks the list again, so a family put on hold meanwhile is skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain.retention import RetentionReview
from famdesk.gui.accessibility import name
from famdesk.gui.application import show_error
from famdesk.gui.locale_format import date_text
from famdesk.i18n import _, ngettext
from famdesk.services import retention
from famdesk.services.context import ServiceContext


class RetentionDialog(QDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None,
                 confirm: Callable[[str, str], bool] | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.confirm = confirm or self._ask
        self.review: RetentionReview | None = None
        self.setWindowTitle(_("Families past retention"))
        self.resize(680, 520)
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([_("Family"), _("Left on")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        name(self.table, _("Families past the retention period"),
             _("Untick a family to keep it this time."))
        self.others = QLabel()
        self.others.setWordWrap(True)
        self.understand = QCheckBox(_("I understand that the ticked families and everything famdesk holds "
                                      "about them (children, notes, visits, incidents) will be erased for "
                                      "good."))
        self.erase = QPushButton()
        self.erase.clicked.connect(self.erase_ticked)
        self.understand.toggled.connect(lambda _on: self._update_button())
        self.table.itemChanged.connect(lambda _item: self._update_button())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rule)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.others)
        layout.addWidget(self.understand)
        layout.addWidget(self.erase)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        review = self.review = retention.review(self.ctx, self.today)
        self.rule.setText(_("Records are kept {years} years after a family leaves. These families left "
                            "before {cutoff} and are not on legal hold:").format(
                                years=review.years, cutoff=date_text(review.cutoff)))
        self.table.blockSignals(True)
        self.table.setRowCount(len(review.due))
        for row, fam in enumerate(review.due):
            item = QTableWidgetItem(fam.name)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                          | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, fam.family_id)
            self.table.setItem(row, 0, item)
            self.table.setItem(row, 1, QTableWidgetItem(date_text(fam.left_on)))
        self.table.blockSignals(False)
        self.table.resizeColumnToContents(0)
        notes = []
        if not review.due:
            notes.append(_("No family is past the retention period."))
        if review.held:
            notes.append(ngettext("{n} family past the period is kept by a legal hold: {names}.",
                                  "{n} families past the period are kept by a legal hold: {names}.",
                                  len(review.held)).format(n=len(review.held),
                                                           names=", ".join(f.name for f in review.held)))
        if review.undated:
            notes.append(ngettext("{n} family left without a date on file; add the date it left to include "
                                  "it.",
                                  "{n} families left without a date on file; add the date they left to "
                                  "include them.", review.undated).format(n=review.undated))
        self.others.setText("\n".join(notes))
        self.understand.setChecked(False)
        self._update_button()

    def ticked(self) -> list[int]:
        return [self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(self.table.rowCount())
                if self.table.item(row, 0).checkState() == Qt.CheckState.Checked]

    def _update_button(self) -> None:
        n = len(self.ticked())
        self.erase.setText(ngettext("&Erase {n} family for good…", "&Erase {n} families for good…", n)
                           .format(n=n))
        self.erase.setEnabled(n > 0 and self.understand.isChecked())

    def erase_ticked(self) -> list[int]:
        ids = self.ticked()
        if not ids or not self.understand.isChecked():
            return []
        question = ngettext("Erase {n} family for good? This cannot be undone.",
                            "Erase {n} families for good? This cannot be undone.", len(ids))
        question = question.format(n=len(ids))
        if not self.confirm(_("Erase families past retention"), question):
            return []
        try:
            result = retention.apply_retention(self.ctx, ids, confirmed=True, today=self.today)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return []
        lines = [ngettext("{n} family was erased.", "{n} families were erased.", len(result.erased)).format(
            n=len(result.erased))]
        if result.skipped:
            lines.append(ngettext("{n} family was skipped: it is no longer due (a legal hold or a change "
                                  "since).",
                                  "{n} families were skipped: they are no longer due (a legal hold or a "
                                  "change since).", len(result.skipped)).format(n=len(result.skipped)))
        lines += list(result.failed.values())
        if result.erased:
            lines.append(_("Older backups still hold them until they are rotated out."))
        self.report("\n".join(lines))
        self.refresh()
        return result.erased

    def report(self, text: str) -> None:
        QMessageBox.information(self, _("Families past retention"), text)

    def _ask(self, title: str, text: str) -> bool:
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes
