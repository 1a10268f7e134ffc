"""The painted week and month calendars read right to left in Arabic: the first day on the right,
clicks and drags land on the day under the pointer, and times use the window's digits."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from famdesk.gui.widgets.visit_calendar import MonthView, WeekView, time_text
from famdesk.i18n import set_ui_language


def test_week_view_is_mirrored_and_hit_tests_the_right_day(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = WeekView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    monday = dt.date(2026, 11, 23)
    view.set_week(monday, [], {dt.date(2026, 11, 26): "Thanksgiving"})
    at_ten = dt.datetime.combine(monday, dt.time(10))
    ltr_x = view.point_for(at_ten).x()
    view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    first, last = view.point_for(at_ten), view.point_for(at_ten + dt.timedelta(days=6))
    assert first.x() > last.x() and first.x() == 900 - ltr_x  # Monday on the right
    for days in range(7):
        when = at_ten + dt.timedelta(days=days)
        assert view.time_at(view.point_for(when)) == when
    view.grab()  # paints mirrored without error


def test_month_view_starts_on_the_right(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = MonthView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.set_month(dt.date(2026, 11, 1), [], {})
    assert view._cell(0).x() < view._cell(6).x()
    view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    assert view._cell(0).x() > view._cell(6).x()
    view.grab()


def test_calendar_times_use_the_interface_digits() -> None:
    set_ui_language("ar")
    assert time_text(dt.time(9), "ar") == "٩:٠٠ ص"
    set_ui_language("en")
    assert time_text(dt.time(9), "en").replace("\u202f", " ") == "9:00 AM"
