"""Table model of the families list: pages of rows fetched lazily from the service as the view scrolls."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from famdesk.domain import records as r
from famdesk.domain.enums import label
from famdesk.formatting import language_name
from famdesk.gui.locale_format import ltr_text
from famdesk.i18n import N_, _, ui_language
from famdesk.services import families
from famdesk.services.context import ServiceContext
from famdesk.services.validation import format_phone

COLUMNS = [("name", N_("Family")), ("caregivers", N_("Caregivers")), ("children", N_("Children")),
           ("phone", N_("Phone")), ("language", N_("Language")), ("status", N_("Status"))]
PAGE = 50  # rows per fetch: about two screenfuls; more load as the view scrolls
COUNT_CAP = 1000
Index = QModelIndex | QPersistentModelIndex


class FamilyTableModel(QAbstractTableModel):
    def __init__(self, ctx: ServiceContext, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter = families.FamilyFilter()
        self.order_by, self.descending = "name", False
        self.rows: list[r.FamilyRow] = []
        self.total = 0
        self.more = False
        self.loaded = False
        self.defer_first_load = False  # True: sorting before the first load only records the order
        self._languages: dict[str, str] = {}
        self.capped = False
        self.country = "US"

    def refresh(self, at_least: int = 0) -> None:
        """Re-run the query. The count is only asked for when the first page is full, and while searching
        it stops at COUNT_CAP (shown as "1000+"), so a keystroke costs one indexed page query.
        ``at_least``: load that many rows (whole pages) at once, as many as were shown before a change
        notice, so the selected family and the scroll position stay."""
        limit = max(PAGE, -(-at_least // PAGE) * PAGE)
        self.beginResetModel()
        cap = COUNT_CAP + 1 if self.filter.text.strip() else None
        self.rows, total = families.search_page(self.ctx, self.filter, order_by=self.order_by,
                                                descending=self.descending, limit=limit, count=True,
                                                count_cap=cap)
        self.more = len(self.rows) == limit
        self.total = total or 0
        self.capped = cap is not None and self.total >= cap
        if self.capped:
            self.total = COUNT_CAP
        self.loaded = True
        self.endResetModel()

    def set_text(self, text: str) -> None:
        self.filter.text = text
        self.refresh()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self.more

    def fetchMore(self, parent: Index) -> None:
        more = families.search_families(self.ctx, self.filter, order_by=self.order_by,
                                        descending=self.descending, limit=PAGE, offset=len(self.rows))
        self.more = len(more) == PAGE
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "phone":
                return ltr_text(format_phone(row.phone, self.country))
            if key == "language":
                code = row.preferred_language
                if code not in self._languages:  # Babel is slow; a screenful asks for the same few
                    # In the reader's language: not every PC has a font for every autonym.
                    self._languages[code] = language_name(code, ui_language())
                return self._languages[code]
            if key == "status":
                return label(row.status) + (" · " + _("archived") if row.archived else "")
            return getattr(row, key)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][0]
        wanted = (key if key in families.SORT_COLUMNS else "name", order == Qt.SortOrder.DescendingOrder)
        if self.loaded and wanted == (self.order_by, self.descending):
            return  # the view re-applies its sort when set up; do not query twice
        self.order_by, self.descending = wanted
        if self.loaded or not self.defer_first_load:
            self.refresh()

    def family_id(self, row: int) -> int | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None
