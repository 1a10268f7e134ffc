"""Dates, times, numbers and week starts in the interface language, for every page.

``qt_i18n.apply_language`` sets ``QLocale.setDefault``; these helpers read it, so a page never builds
a date string by hand (``f"{d:%m/%d/%Y}"`` is American only) and every calendar starts its week on
the locale's day (Sunday in the US, Monday in most of Europe, Saturday in much of the Arab world).
Use them for display; store and compare ``datetime`` values, never the strings.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QDateTimeEdit

Short = QLocale.FormatType.ShortFormat
Long = QLocale.FormatType.LongFormat


def ui_locale() -> QLocale:
    """The interface locale (set by ``apply_language``); ``QLocale()`` is the process default."""
    return QLocale()


def qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def date_text(value: dt.date | None, long: bool = False) -> str:
    """``3/14/26`` style (short) or ``Saturday, March 14, 2026`` style (long) in the UI locale."""
    if value is None:
        return ""
    return ui_locale().toString(qdate(value), Long if long else Short)


def time_text(value: dt.time | dt.datetime | None) -> str:
    """``2:30 PM`` / ``14:30`` as the locale writes a time."""
    if value is None:
        return ""
    return ui_locale().toString(QTime(value.hour, value.minute, value.second), Short)


def datetime_text(value: dt.datetime | None, long: bool = False) -> str:
    if value is None:
        return ""
    qdt = QDateTime(qdate(value.date()), QTime(value.hour, value.minute, value.second))
    return ui_locale().toString(qdt, Long if long else Short)


def number_text(value: float | int, decimals: int | None = None) -> str:
    """``1,234.5`` / ``1.234,5`` / ``١٬٢٣٤٫٥`` with the locale's digits and separators."""
    if decimals is None and isinstance(value, int):
        return ui_locale().toString(value)
    return ui_locale().toString(float(value), "f", 2 if decimals is None else decimals)


def first_day_of_week() -> Qt.DayOfWeek:
    return ui_locale().firstDayOfWeek()


def numeric_date_format() -> str:
    """The locale's short date pattern with a four-digit year (``M/d/yyyy``, ``dd/MM/yyyy``…): the
    short pattern's two-digit year is ambiguous for birth dates."""
    fmt = ui_locale().dateFormat(Short)
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


def setup_calendar(calendar: QCalendarWidget) -> QCalendarWidget:
    calendar.setLocale(ui_locale())
    calendar.setFirstDayOfWeek(first_day_of_week())
    return calendar


def setup_date_edit(edit: QDateEdit | QDateTimeEdit) -> QDateEdit | QDateTimeEdit:
    """Locale order of day/month/year, four-digit year, and a popup calendar starting on the
    locale's first weekday."""
    edit.setLocale(ui_locale())
    if isinstance(edit, QDateEdit):
        edit.setDisplayFormat(numeric_date_format())
    edit.setCalendarPopup(True)
    calendar = edit.calendarWidget()
    if calendar is not None:
        setup_calendar(calendar)
    return edit


def ltr_text(value: str) -> str:
    """A phone number, e-mail or code kept left to right inside a right-to-left interface: without
    the isolate "(617) 555-0100" shows as "555-0100 (617)" in an Arabic table. Unchanged otherwise."""
    from famdesk.i18n import is_rtl_language, isolate, ui_language

    return isolate(value) if value and is_rtl_language(ui_language()) else value
