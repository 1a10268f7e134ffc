"""Small helpers the partnership dialogs and pages share: enum combos, dates, family and staff pickers."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QComboBox, QWidget

from famdesk.domain.languages import print_language_codes
from famdesk.domain.partnership import label
from famdesk.formatting import language_name
from famdesk.i18n import _, ui_language
from famdesk.services import families as family_service
from famdesk.services import staff as staff_service
from famdesk.services.context import ServiceContext


def enum_combo(enum_cls: type[StrEnum], parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    for value in enum_cls:
        combo.addItem(label(value), value.value)
    return combo


def set_combo(combo: QComboBox, data: object) -> None:
    combo.setCurrentIndex(max(0, combo.findData(data)))


def language_combo(parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    for code in print_language_codes():
        combo.addItem(language_name(code, ui_language()), code)
    return combo


def family_combo(ctx: ServiceContext, parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    combo.setEditable(False)
    for row in family_service.search_families(ctx, limit=100_000):
        combo.addItem(row.name, row.id)
    return combo


def staff_combo(ctx: ServiceContext, parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem(_("(not recorded)"), None)
    for st in staff_service.list_staff(ctx):
        combo.addItem(st.display_name, st.id)
    return combo


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def to_datetime(value: QDateTime) -> dt.datetime:
    d, t = value.date(), value.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def qdatetime(value: dt.datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))
