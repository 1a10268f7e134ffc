"""The legal-hold row of the family editor (directors only): state, reason, place or release.

A hold is saved at once, apart from the family's own Save: it is a director's decision about erasure,
not part of the household's details, and it must hold even if the rest of the form is cancelled.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget

from famdesk.gui.accessibility import name
from famdesk.gui.application import show_error
from famdesk.gui.locale_format import date_text
from famdesk.i18n import _
from famdesk.services import legal_holds
from famdesk.services.context import ServiceContext


class LegalHoldBox(QWidget):
    def __init__(self, ctx: ServiceContext, family_id: int, parent: QWidget | None = None,
                 confirm: Callable[[str, str], bool] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.family_id = family_id
        self.confirm = confirm or self._ask
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("Why: a court case, an audit, a records request…"))
        name(self.reason, _("Reason for the legal hold"))
        self.place = QPushButton(_("Place h&old"))
        self.place.clicked.connect(self.place_hold)
        self.release = QPushButton(_("Rele&ase hold"))
        self.release.clicked.connect(self.release_hold)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.reason, 1)
        row.addWidget(self.place)
        row.addWidget(self.release)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        hold = legal_holds.get_hold(self.ctx, self.family_id)
        if hold is None:
            self.state.setText(_("Not on legal hold. A family on hold can never be erased."))
        else:
            self.state.setText(_("On legal hold since {date}: this family cannot be erased.").format(
                date=date_text(hold.placed_on)))
            self.reason.setText(hold.reason)
        self.place.setText(_("Change reas&on") if hold else _("Place h&old"))
        self.release.setEnabled(hold is not None)

    def place_hold(self) -> bool:
        try:
            legal_holds.place_hold(self.ctx, self.family_id, self.reason.text())
        except Exception as exc:  # noqa: BLE001 - shown; the typed reason stays
            show_error(self, exc)
            return False
        self.refresh()
        return True

    def release_hold(self) -> bool:
        question = _("Release the legal hold? The family can then be erased, by hand or by the retention "
                     "rule.")
        if not self.confirm(_("Release legal hold"), question):
            return False
        try:
            legal_holds.release_hold(self.ctx, self.family_id)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return False
        self.reason.clear()
        self.refresh()
        return True

    def _ask(self, title: str, text: str) -> bool:
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes
