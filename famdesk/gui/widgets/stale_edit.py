"""A refused stale save on an edit dialog: the sentence (who changed the record and when) and a "Reload"
button. The dialog stays open with what was typed; Reload reads the stored record again and shows it
with every field the user changed kept as typed (``services.versions.merge_edits``), so the next Save
is checked against what was reloaded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton

from famdesk.domain.errors import FamdeskError, StaleEditError
from famdesk.i18n import _
from famdesk.services import versions


class StaleReload:
    """Owns a hidden Reload button in ``buttons``; ``refused(exc)`` shows the message in ``label``.

    ``opened()`` is the record as the form was filled, ``typed()`` the record as typed now (or None when
    the form cannot be read, e.g. a bad date: then the stored record's version is taken and the fields
    are left as they are), ``fetch()`` the stored record, ``fill(record, fresh)`` shows ``record`` in
    the form and makes ``fresh`` the form's new "as opened" record.
    """

    def __init__(self, buttons: QDialogButtonBox, label: QLabel, *, opened: Callable[[], Any],
                 typed: Callable[[], Any | None], fetch: Callable[[], Any],
                 fill: Callable[[Any, Any], None]) -> None:
        self.label = label
        self.opened, self.typed, self.fetch, self.fill = opened, typed, fetch, fill
        # No mnemonic: the button takes the focus when it appears (and a letter would clash in some forms).
        self.button: QPushButton = buttons.addButton(_("Reload"), QDialogButtonBox.ButtonRole.ResetRole)
        self.button.setObjectName("reload")
        self.button.setToolTip(_("Show the other person's change; what you typed stays in the form."))
        self.button.clicked.connect(self.reload)
        self.button.hide()

    def refused(self, exc: StaleEditError) -> None:
        self.label.setText(str(exc))
        self.label.show()
        self.button.show()
        self.button.setFocus()

    def reload(self) -> None:
        try:
            fresh = self.fetch()
        except FamdeskError as exc:
            self.label.setText(str(exc))
            self.label.show()
            return
        typed = self.typed()
        merged = versions.merge_edits(self.opened(), typed, fresh) if typed is not None else None
        self.fill(merged, fresh)
        self.button.hide()
        self.label.setText(_("Reloaded: the other person's change is shown, with what you typed kept. "
                             "Check it and save again."))
        self.label.show()
