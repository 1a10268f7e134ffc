"""Problems on a form after a save was refused: each field a ``ValidationError`` names is outlined and
carries its message as a tooltip, and a label lists every problem in words (colour is never the only
signal). The form keeps what was typed; the user fixes it and saves again."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtWidgets import QLabel, QWidget

from famdesk.domain.errors import FieldProblem
from famdesk.i18n import _

_OUTLINE = "border: 2px solid #a40000;"


def problems_label() -> QLabel:
    """The hidden label above a form's buttons that ``show_problem_list`` fills after a refused save."""
    label = QLabel()
    label.setObjectName("problems")
    label.setWordWrap(True)
    label.setStyleSheet("color: #a40000;")
    label.setAccessibleName(_("Problems to fix"))
    label.hide()
    return label


def mark_fields(field_widgets: Mapping[str, QWidget], problems: Iterable[FieldProblem]) -> None:
    for p in problems:
        widget = field_widgets.get(p.field)
        if widget is not None:
            widget.setStyleSheet(_OUTLINE)
            widget.setToolTip(p.message)


def clear_fields(field_widgets: Mapping[str, QWidget]) -> None:
    for widget in field_widgets.values():
        widget.setStyleSheet("")
        widget.setToolTip("")


def show_problem_list(label: QLabel, problems: list[str]) -> None:
    label.setText(_("Nothing was saved. Please check:") + "\n" + "\n".join(f"• {p}" for p in problems))
    label.show()
