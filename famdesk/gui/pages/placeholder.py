"""A page for an area that is still being built: it says what is coming, never shows a dead screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    def __init__(self, title: str, coming: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Screen readers announce the page by its title and read what is coming as its description.
        self.setAccessibleName(title)
        self.setAccessibleDescription(coming)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<h2>{title}</h2>")
        heading.setAccessibleName(title)
        body = QLabel(coming)
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.PlainText)
        # Reachable with Tab so a keyboard user lands somewhere on the page after F6.
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                     | Qt.TextInteractionFlag.TextSelectableByMouse)
        body.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        body.setAccessibleName(title)
        body.setAccessibleDescription(coming)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)
