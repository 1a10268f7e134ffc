"""The choices of a combo box as plain (text, value) pairs, for lists that grow with the program: a
combo box's own items are Qt objects, ~300 bytes each, and a program of 50,000 families has ~70,000
children to choose a timeline from. ``findData`` and ``currentData`` work as with ``addItem``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class ChoiceModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.choices: list[tuple[str, Any]] = []

    def set_choices(self, choices: list[tuple[str, Any]]) -> None:
        self.beginResetModel()
        self.choices = choices
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.choices)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.choices[index.row()][0]
        if role == Qt.ItemDataRole.UserRole:
            return self.choices[index.row()][1]
        return None
