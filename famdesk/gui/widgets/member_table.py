"""An editable table of household members (caregivers, children, pickup persons) for the family editor.

Each column is text, a yes/no check, or a choice; rows keep the record they were loaded from so an
edit saves back onto the same caregiver or child (ids preserved).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from famdesk.i18n import _


@dataclass
class Column:
    attr: str
    title: str
    kind: str = "text"  # "text", "bool" or "choice"
    choices: list[tuple[str, Any]] | None = None  # (label, value) for "choice"
    to_text: Callable[[Any], str] = lambda v: "" if v is None else str(v)
    from_text: Callable[[str], Any] = lambda t: t


class MemberTable(QWidget):
    def __init__(
        self, columns: list[Column], make: Callable[[], Any], add_label: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.columns, self.make = columns, make
        self.records: list[Any] = []
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([c.title for c in columns])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        add, remove = QPushButton(add_label), QPushButton(_("Remove"))
        add.clicked.connect(lambda: self.add_row(self.make()))
        remove.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button, self.remove_button = add, remove

    def load(self, records: list[Any]) -> None:
        self.table.setRowCount(0)
        self.records = []
        for rec in records:
            self.add_row(rec)
        self.table.resizeColumnsToContents()

    def add_row(self, rec: Any) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.records.append(rec)
        for col, c in enumerate(self.columns):
            value = getattr(rec, c.attr)
            if c.kind == "choice":
                combo = QComboBox()
                for text, v in c.choices or []:
                    combo.addItem(text, v)
                combo.setCurrentIndex(max(0, combo.findData(value)))
                self.table.setCellWidget(row, col, combo)
                continue
            item = QTableWidgetItem()
            if c.kind == "bool":
                item.setFlags(
                    Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                )
                item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
            else:
                item.setText(c.to_text(value))
            self.table.setItem(row, col, item)

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
            del self.records[row]

    def set_text(self, row: int, attr: str, text: str) -> None:
        """Type into a cell (used by the editor's tests and by keyboard users alike)."""
        col = [c.attr for c in self.columns].index(attr)
        self.table.item(row, col).setText(text)

    def values(self) -> tuple[list[Any], list[tuple[int, str, str]]]:
        """The edited records, and (row, attr, message) for cells that cannot be read."""
        out, problems = [], []
        for row, rec in enumerate(self.records):
            for col, c in enumerate(self.columns):
                if c.kind == "choice":
                    widget = self.table.cellWidget(row, col)
                    setattr(rec, c.attr, (c.choices or [])[widget.currentIndex()][1])  # type: ignore[union-attr]
                elif c.kind == "bool":
                    setattr(rec, c.attr, self.table.item(row, col).checkState() == Qt.CheckState.Checked)
                else:
                    text = self.table.item(row, col).text().strip()
                    try:
                        setattr(rec, c.attr, c.from_text(text))
                    except ValueError as exc:
                        problems.append((row, c.attr, str(exc)))
            out.append(rec)
        return out, problems
