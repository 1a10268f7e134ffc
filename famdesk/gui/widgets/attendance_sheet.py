"""Who came to an event: one row per enrolled family, ticked, with numbers of adults and children.

A program may have 50,000 families: the rows are plain data in a model and a spin box exists only
while a number is being edited (two spin boxes per family took gigabytes and minutes).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from famdesk.domain import partnership as p
from famdesk.i18n import _

CAME, FAMILY, ADULTS, CHILDREN = range(4)
_FIELD = {FAMILY: 1, ADULTS: 3, CHILDREN: 4}  # column → place in a model row
Index = QModelIndex | QPersistentModelIndex


class AttendanceModel(QAbstractTableModel):
    def __init__(self, maximum: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.maximum = maximum
        self.rows: list[list[Any]] = []  # [family id, name, came, adults, children]: see _FIELD

    def reset(self, families: list[tuple[int, str]], came: dict[int, p.Attendance]) -> None:
        self.beginResetModel()
        self.rows = [[fid, name, fid in came, came[fid].adults if fid in came else 1,
                      came[fid].children if fid in came else 0] for fid, name in families]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return [_("Came"), _("Family"), _("Adults"), _("Children")][section]
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.column() == CAME:
            return Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
        if index.column() in (ADULTS, CHILDREN):
            return Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if col == CAME:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row[2] else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.UserRole:
                return row[0]
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return _("Came") + ": " + row[1]
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return row[_FIELD[col]]
        if role == Qt.ItemDataRole.AccessibleTextRole and col != FAMILY:
            return self.accessible_name(index.row(), col) + f": {row[_FIELD[col]]}"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        row, col = self.rows[index.row()], index.column()
        if col == CAME and role == Qt.ItemDataRole.CheckStateRole:
            row[2] = Qt.CheckState(value) == Qt.CheckState.Checked
        elif col in (ADULTS, CHILDREN) and role == Qt.ItemDataRole.EditRole:
            row[_FIELD[col]] = max(0, min(self.maximum, int(value)))
        else:
            return False
        self.dataChanged.emit(index, index, [role])
        return True

    def accessible_name(self, row: int, col: int) -> str:
        return _("{what} from {family}").format(what=_("Adults") if col == ADULTS else _("Children"),
                                                family=self.rows[row][1])

    def row_for(self, family_id: int) -> int:
        return next((i for i, row in enumerate(self.rows) if row[0] == family_id), -1)

    def set_came(self, row: int, adults: int, children: int) -> None:
        self.setData(self.index(row, CAME), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        self.setData(self.index(row, ADULTS), adults)
        self.setData(self.index(row, CHILDREN), children)

    def attendance(self) -> list[p.Attendance]:
        return [p.Attendance(fid, adults, children)
                for fid, _name, came, adults, children in self.rows if came]


class _NumberDelegate(QStyledItemDelegate):
    """The spin box for adults or children, made when a number is edited."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        model = index.model()
        assert isinstance(model, AttendanceModel)
        spin = QSpinBox(parent)
        spin.setRange(0, model.maximum)
        spin.setAccessibleName(model.accessible_name(index.row(), index.column()))
        return spin


class AttendanceSheet(QTableView):
    def __init__(self, maximum: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attendance_model = AttendanceModel(maximum, self)
        self.setModel(self.attendance_model)
        self.setItemDelegateForColumn(ADULTS, _NumberDelegate(self))
        self.setItemDelegateForColumn(CHILDREN, _NumberDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # Moving onto a number opens its spin box, as if every row had its own.
        self.setEditTriggers(QAbstractItemView.EditTrigger.CurrentChanged
                             | QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.verticalHeader().hide()

    def rowCount(self) -> int:  # noqa: N802 (as QTableWidget names it)
        return self.attendance_model.rowCount()
