"""Painted week and month calendars of visits (fast with thousands of visits: no widget per visit).

Both take plain ``VisitRow`` records; they emit ``visit_activated(id)`` on double-click, and the week
view emits ``range_selected(start, end)`` when the user drags over empty time to create a visit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import lru_cache

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from famdesk.domain.visits import CANCELLED, VisitRow, VisitStatus
from famdesk.formatting import ui_date, ui_number, ui_time
from famdesk.i18n import _, ngettext, ui_language

STATUS_COLORS = {
    VisitStatus.SCHEDULED: QColor("#2f6db5"),
    VisitStatus.COMPLETED: QColor("#2e7d4f"),
    VisitStatus.FAMILY_CANCELLED: QColor("#9e9e9e"),
    VisitStatus.PROGRAM_CANCELLED: QColor("#b35c00"),
    VisitStatus.NO_SHOW: QColor("#9e9e9e"),
}


@lru_cache(maxsize=2048)
def time_text(t: dt.time, lang: str) -> str:
    """Babel formats a time in ~0.2 ms; a month of 2,000 visits repeats the same few dozen times.
    ``lang`` keys the cache; the digits are the interface's (Arabic-Indic in Arabic, as QLocale)."""
    return ui_time(t)


def week_start(day: dt.date, first_weekday: int = 0) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - first_weekday) % 7)


def _clusters(items: list[VisitRow]) -> list[list[VisitRow]]:
    """Runs of visits that overlap one another (directly or through a chain), in time order."""
    out: list[list[VisitRow]] = []
    end: dt.datetime | None = None
    for v in items:
        if end is None or v.starts_at >= end:
            out.append([])
            end = v.ends_at
        out[-1].append(v)
        end = max(end, v.ends_at)
    return out


class _Mirrored(QWidget):
    """Geometry is worked out left to right and mirrored here for right-to-left languages, so the
    week's first day sits on the right (and the hours on the right edge), as an Arabic calendar reads."""

    def _rtl(self) -> bool:
        return self.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def _m(self, rect: QRect) -> QRect:
        if not self._rtl():
            return rect
        return QRect(self.width() - rect.x() - rect.width(), rect.y(), rect.width(), rect.height())

    def _mx(self, x: int) -> int:
        return self.width() - x if self._rtl() else x

    def _leading(self) -> Qt.AlignmentFlag:
        # Absolute: the painter would otherwise mirror Left/Right a second time in right-to-left.
        side = Qt.AlignmentFlag.AlignRight if self._rtl() else Qt.AlignmentFlag.AlignLeft
        return side | Qt.AlignmentFlag.AlignAbsolute


class WeekView(_Mirrored):
    """Seven day columns, hours down the side; drag over empty time to ask for a new visit."""

    visit_activated = Signal(int)
    range_selected = Signal(object, object)  # start, end (naive local datetimes)

    FIRST_HOUR, LAST_HOUR, SNAP_MINUTES = 7, 21, 15

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start = week_start(dt.date.today())
        self.visits: list[VisitRow] = []
        self.closed: dict[dt.date, str] = {}
        self._drag: tuple[QPoint, QPoint] | None = None
        self.setMinimumSize(640, 420)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Week calendar"))
        self.setMouseTracking(False)

    def set_week(
        self, start: dt.date, visits: list[VisitRow], closed: dict[dt.date, str] | None = None
    ) -> None:
        self.start, self.visits, self.closed = start, visits, closed or {}
        self.update()

    # geometry -------------------------------------------------------------------------------------
    def _header(self) -> int:
        return QFontMetrics(self.font()).height() * 2 + 6

    def _gutter(self) -> int:
        fm = QFontMetrics(self.font())
        return max(fm.horizontalAdvance(time_text(dt.time(h), ui_language())) for h in (10, 22)) + 10

    def _col_width(self) -> float:
        return (self.width() - self._gutter()) / 7

    def _hour_height(self) -> float:
        return (self.height() - self._header()) / (self.LAST_HOUR - self.FIRST_HOUR)

    def _y(self, t: dt.datetime) -> int:
        hours = t.hour + t.minute / 60 - self.FIRST_HOUR
        hours = min(max(hours, 0), self.LAST_HOUR - self.FIRST_HOUR)
        return int(self._header() + hours * self._hour_height())

    def time_at(self, pos: QPoint) -> dt.datetime:
        col = int((self._mx(pos.x()) - self._gutter()) // self._col_width())
        col = min(max(col, 0), 6)
        hours = (pos.y() - self._header()) / self._hour_height() + self.FIRST_HOUR
        minutes = int(round(hours * 60 / self.SNAP_MINUTES)) * self.SNAP_MINUTES
        minutes = min(max(minutes, self.FIRST_HOUR * 60), self.LAST_HOUR * 60)
        return dt.datetime.combine(self.start + dt.timedelta(days=col), dt.time()) + dt.timedelta(
            minutes=minutes
        )

    def point_for(self, when: dt.datetime) -> QPoint:
        """Where a time sits on screen (used by tests and keyboard creation)."""
        col = (when.date() - self.start).days
        return QPoint(self._mx(int(self._gutter() + (col + 0.5) * self._col_width())), self._y(when))

    # painting -------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        pal = self.palette()
        p.fillRect(self.rect(), pal.base())
        gutter, header, cw, hh = self._gutter(), self._header(), self._col_width(), self._hour_height()
        lang = ui_language()
        grid = QPen(pal.mid().color())
        today = dt.date.today()
        for d in range(7):
            day = self.start + dt.timedelta(days=d)
            x = int(gutter + d * cw)
            if day in self.closed:
                p.fillRect(self._m(QRect(x, header, int(cw), self.height() - header)), QColor(0, 0, 0, 18))
            if day == today:
                p.fillRect(self._m(QRect(x, 0, int(cw), header)), pal.highlight().color().lighter(170))
            p.setPen(pal.text().color())
            p.drawText(
                self._m(QRect(x, 2, int(cw), header // 2)),
                Qt.AlignmentFlag.AlignCenter,
                ui_date(day, "EEE d MMM"),
            )
            if day in self.closed:  # elided to the column; the whole text is the tooltip
                p.drawText(
                    self._m(QRect(x, header // 2, int(cw), header // 2)),
                    Qt.AlignmentFlag.AlignCenter,
                    p.fontMetrics().elidedText(self._closed_text(day), Qt.TextElideMode.ElideRight, int(cw) - 6),
                )
            p.setPen(grid)
            p.drawLine(self._mx(x), 0, self._mx(x), self.height())
        for h in range(self.FIRST_HOUR, self.LAST_HOUR + 1):
            y = int(header + (h - self.FIRST_HOUR) * hh)
            p.setPen(grid)
            p.drawLine(self._mx(gutter), y, self._mx(self.width()), y)
            p.setPen(pal.text().color())
            p.drawText(
                self._m(QRect(0, y - 8, gutter - 4, 16)),
                (Qt.AlignmentFlag.AlignLeft if self._rtl() else Qt.AlignmentFlag.AlignRight)
                | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter,  # hours hug the grid
                time_text(dt.time(h), lang),
            )
        self._paint_visits(p, gutter, cw)
        if self._drag is not None:
            a, b = self._drag
            p.fillRect(QRect(a, b).normalized(), QColor(47, 109, 181, 70))
        p.end()

    def _layout(self) -> list[tuple[QRect, VisitRow]]:
        """Where each visit of the week sits; overlapping visits share their day column side by side."""
        key = (self.width(), self.height(), id(self.visits), self.start, self._rtl())
        if getattr(self, "_layout_key", None) == key:
            return self._placed
        gutter, cw = self._gutter(), self._col_width()
        by_day: dict[int, list[VisitRow]] = defaultdict(list)
        for v in self.visits:
            d = (v.starts_at.date() - self.start).days
            if 0 <= d < 7:
                by_day[d].append(v)
        out = []
        for d, items in by_day.items():
            for cluster in _clusters(sorted(items, key=lambda v: (v.starts_at, v.ends_at))):
                lanes: list[dt.datetime] = []  # end time per lane, within one group of overlapping visits
                placed = []
                for v in cluster:
                    lane = next((i for i, end in enumerate(lanes) if end <= v.starts_at), None)
                    if lane is None:
                        lanes.append(v.ends_at)
                        lane = len(lanes) - 1
                    else:
                        lanes[lane] = v.ends_at
                    placed.append((v, lane))
                width = cw / len(lanes)
                for v, lane in placed:
                    out.append(
                        (
                            self._m(QRect(
                                int(gutter + d * cw + lane * width) + 2,
                                self._y(v.starts_at) + 1,
                                int(width) - 4,
                                max(14, self._y(v.ends_at) - self._y(v.starts_at) - 2),
                            )),
                            v,
                        )
                    )
        self._layout_key, self._placed = key, out
        return out

    def _paint_visits(self, p: QPainter, gutter: int, cw: float) -> None:
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        p.setFont(small)
        lang = ui_language()
        for rect, v in self._layout():
            color = QColor(STATUS_COLORS.get(v.status, QColor("#2f6db5")))
            fill = QColor(color)
            fill.setAlpha(60 if v.status in CANCELLED else 200)
            p.fillRect(rect, fill)
            p.setPen(color.darker(130))
            p.drawRect(rect)
            p.setPen(QColor("white") if v.status not in CANCELLED else self.palette().text().color())
            # As many whole lines as the block is tall, each elided: a 30-minute visit shows its time
            # and family, never half a line (the tooltip has everything).
            inner = rect.adjusted(3, 1, -2, -1)
            fm = p.fontMetrics()
            fits = max(1, inner.height() // max(1, fm.lineSpacing()))
            lines = self._visit_lines(v, lang)[:fits]
            p.drawText(inner, Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop,
                       "\n".join(fm.elidedText(t, Qt.TextElideMode.ElideRight, inner.width()) for t in lines))

    def _visit_lines(self, v: VisitRow, lang: str) -> list[str]:
        return [f"{time_text(v.starts_at.time(), lang)} {v.family_name}", v.staff_names]

    def _closed_text(self, day: dt.date) -> str:
        return _("Closed: {name}").format(name=self.closed[day])

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            pos = e.pos()
            col = int((self._mx(pos.x()) - self._gutter()) // self._col_width())
            day = self.start + dt.timedelta(days=min(max(col, 0), 6))
            tip = ""
            if pos.y() <= self._header() and day in self.closed:
                tip = self._closed_text(day)
            else:
                found = next((v for rect, v in reversed(self._layout()) if rect.contains(pos)), None)
                if found is not None:
                    tip = "\n".join(self._visit_lines(found, ui_language()))
            if tip:
                QToolTip.showText(e.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().event(e)

    # mouse ----------------------------------------------------------------------------------------
    def visit_at(self, pos: QPoint) -> int | None:
        return next((v.id for rect, v in reversed(self._layout()) if rect.contains(pos)), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if (
            event.button() == Qt.MouseButton.LeftButton
            and self.visit_at(event.position().toPoint()) is None
            and event.position().y() > self._header()
        ):
            self._drag = (event.position().toPoint(), event.position().toPoint())
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drag is not None:
            self._drag = (self._drag[0], event.position().toPoint())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drag is None:
            return
        a, b = self._drag
        self._drag = None
        self.update()
        start, end = sorted([self.time_at(a), self.time_at(b)])
        end = dt.datetime.combine(start.date(), end.time())  # a drag stays within its first day
        if end <= start:
            end = start + dt.timedelta(minutes=90)
        self.range_selected.emit(start, end)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        vid = self.visit_at(event.position().toPoint())
        if vid is not None:
            self._drag = None
            self.visit_activated.emit(vid)


class MonthView(_Mirrored):
    """Six weeks of days; each cell lists its first visits and how many more there are."""

    visit_activated = Signal(int)
    day_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.month = dt.date.today().replace(day=1)
        self.first = week_start(self.month)
        self.by_day: dict[dt.date, list[VisitRow]] = {}
        self.closed: dict[dt.date, str] = {}
        self._lines: list[tuple[QRect, int]] = []
        self.setMinimumSize(640, 420)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Month calendar"))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(900, 600)

    def set_month(
        self, month: dt.date, visits: list[VisitRow], closed: dict[dt.date, str] | None = None
    ) -> None:
        self.month = month.replace(day=1)
        self.first = week_start(self.month)
        by_day: dict[dt.date, list[VisitRow]] = defaultdict(list)
        for v in visits:
            by_day[v.starts_at.date()].append(v)
        self.by_day, self.closed = dict(by_day), closed or {}
        self.update()

    def _cell(self, i: int) -> QRect:
        head = QFontMetrics(self.font()).height() + 6
        w, h = self.width() / 7, (self.height() - head) / 6
        return self._m(QRect(int((i % 7) * w), int(head + (i // 7) * h), int(w), int(h)))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        pal = self.palette()
        p.fillRect(self.rect(), pal.base())
        lang = ui_language()
        fm = QFontMetrics(self.font())
        line_h = fm.height()
        head = line_h + 6
        for d in range(7):
            day = self.first + dt.timedelta(days=d)
            p.setPen(pal.text().color())
            p.drawText(
                self._m(QRect(int(d * self.width() / 7), 0, int(self.width() / 7), head)),
                Qt.AlignmentFlag.AlignCenter,
                ui_date(day, "EEEE"),
            )
        self._lines = []
        today = dt.date.today()
        for i in range(42):
            day = self.first + dt.timedelta(days=i)
            cell = self._cell(i)
            if day.month != self.month.month:
                p.fillRect(cell, pal.alternateBase())
            if day in self.closed:
                p.fillRect(cell, QColor(0, 0, 0, 18))
            p.setPen(pal.mid().color())
            p.drawRect(cell)
            p.setPen(pal.highlight().color() if day == today else pal.text().color())
            title = ui_date(day, "d") + (f"  {self.closed[day]}" if day in self.closed else "")
            p.drawText(
                cell.adjusted(4, 2, -4, 0),
                self._leading() | Qt.AlignmentFlag.AlignTop,
                fm.elidedText(title, Qt.TextElideMode.ElideRight, cell.width() - 8),
            )
            items = self.by_day.get(day, [])
            room = max(0, (cell.height() - line_h - 4) // line_h)
            shown = items if len(items) <= room else items[: max(0, room - 1)]
            y = cell.top() + line_h + 2
            for v in shown:
                rect = QRect(cell.left() + 3, y, cell.width() - 6, line_h)
                color = STATUS_COLORS.get(v.status, QColor("#2f6db5"))
                strip = rect.right() - 3 if self._rtl() else rect.left()  # the colour strip leads the line
                p.fillRect(QRect(strip, rect.top() + 3, 4, line_h - 6), color)
                p.setPen(pal.text().color() if v.status not in CANCELLED else pal.mid().color())
                text = f"{time_text(v.starts_at.time(), lang)} {v.family_name}"
                p.drawText(
                    rect.adjusted(0, 0, -7, 0) if self._rtl() else rect.adjusted(7, 0, 0, 0),
                    self._leading() | Qt.AlignmentFlag.AlignVCenter,
                    fm.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 7),
                )
                self._lines.append((rect, v.id))
                y += line_h
            if len(shown) < len(items):
                p.setPen(pal.link().color())
                more = len(items) - len(shown)
                p.drawText(
                    QRect(cell.left() + 2, y, cell.width() - 12, line_h) if self._rtl()
                    else QRect(cell.left() + 10, y, cell.width() - 12, line_h),
                    self._leading() | Qt.AlignmentFlag.AlignVCenter,
                    ngettext("{n} more…", "{n} more…", more).format(n=ui_number(more)),
                )
        p.end()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position().toPoint()
        vid = next((v for rect, v in self._lines if rect.contains(pos)), None)
        if vid is not None:
            self.visit_activated.emit(vid)
            return
        for i in range(42):
            if self._cell(i).contains(pos):
                self.day_activated.emit(self.first + dt.timedelta(days=i))
                return
