"""A read-only table of records for lists that grow with the program (goals, families needing
attention, visit compliance, coverage gaps): rows are plain strings in a model, where a
``QTableWidget`` keeps a Qt item object per cell (25,000 goals × 6 columns took ~120 MB).

It answers the few ``QTableWidget`` calls the pages and their tests use: ``rowCount()``,
``currentRow()``, ``item(row, column).text()`` and ``.data(UserRole)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex


class RecordModel(QAbstractTableModel):
    """``centered_from``: columns from this one on are centred (figures); ``emphasized`` rows show their
    first cell in dark red (a family at risk)."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[Sequence[str]] = []
        self.keys: list[Any] = []
        self.emphasized: set[int] = set()
        self.centered_from: int | None = None

    def set_rows(self, rows: list[Sequence[str]], keys: list[Any] | None = None,
                 emphasized: set[int] | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.keys = keys if keys is not None else [None] * len(rows)
        self.emphasized = emphasized or set()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return self.keys[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.centered_from is not None \
                and index.column() >= self.centered_from:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0 and index.row() in self.emphasized:
            return QColor(Qt.GlobalColor.darkRed)
        return None


class Cell:
    """What ``RecordTable.item`` returns: the text and key of one cell, read-only."""

    def __init__(self, text: str, key: Any) -> None:
        self._text, self._key = text, key

    def text(self) -> str:
        return self._text

    def data(self, role: int) -> Any:
        return self._key if role == Qt.ItemDataRole.UserRole else self._text


class RecordTable(QTableView):
    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records = RecordModel(headers, self)
        self.setModel(self.records)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)

    def set_rows(self, rows: list[Sequence[str]], keys: list[Any] | None = None,
                 emphasized: set[int] | None = None) -> None:
        self.records.set_rows(rows, keys, emphasized)

    def rowCount(self) -> int:  # noqa: N802 (as QTableWidget names it)
        return self.records.rowCount()

    def currentRow(self) -> int:  # noqa: N802
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def item(self, row: int, column: int) -> Cell | None:
        if not (0 <= row < len(self.records.rows) and 0 <= column < len(self.records.headers)):
            return None
        return Cell(self.records.rows[row][column], self.records.keys[row])
