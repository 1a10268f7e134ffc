"""A small grouped bar chart drawn with QPainter (PySide6-Essentials has no QtCharts).

Colour is never the only signal: each series also has its own fill pattern, the legend names it, and
every bar carries its value as text. The same numbers are in the accessible description.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

# Colour-blind-safe palette (Okabe-Ito) paired with distinct patterns.
_COLOURS = ["#009E73", "#999999", "#D55E00", "#0072B2", "#E69F00", "#CC79A7"]
_PATTERNS = [Qt.BrushStyle.SolidPattern, Qt.BrushStyle.Dense4Pattern, Qt.BrushStyle.BDiagPattern,
             Qt.BrushStyle.CrossPattern, Qt.BrushStyle.Dense2Pattern, Qt.BrushStyle.FDiagPattern]


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.categories: list[str] = []
        self.series: list[tuple[str, list[float]]] = []
        self.fmt: Callable[[float], str] = lambda v: f"{v:g}"
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(420, 240)

    def set_data(self, title: str, categories: list[str], series: list[tuple[str, list[float]]],
                 fmt: Callable[[float], str] | None = None) -> None:
        self.title, self.categories, self.series = title, categories, series
        if fmt:
            self.fmt = fmt
        parts = [title]
        for i, cat in enumerate(categories):
            parts.append(f"{cat}: " + ", ".join(f"{name} {self.fmt(vals[i])}" for name, vals in series))
        self.setAccessibleName(title)
        self.setAccessibleDescription("; ".join(parts))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text_colour = pal.windowText().color()
        painter.fillRect(self.rect(), pal.base())
        metrics = painter.fontMetrics()
        line = metrics.height()
        bold = QFont(painter.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_colour)
        painter.drawText(QRectF(8, 4, self.width() - 16, line), Qt.AlignmentFlag.AlignLeft, self.title)
        painter.setFont(self.font())
        # Legend: swatch (colour + pattern) and the series name.
        x = 8.0
        legend_y = 6 + line
        if len(self.series) > 1:
            for i, (name, _vals) in enumerate(self.series):
                self._swatch(painter, QRectF(x, legend_y + 2, line - 4, line - 4), i)
                painter.setPen(text_colour)
                painter.drawText(QRectF(x + line, legend_y, 400, line), Qt.AlignmentFlag.AlignLeft, name)
                x += line + metrics.horizontalAdvance(name) + 16
            legend_y += line + 4
        top, bottom = legend_y + line + 2, self.height() - 2 * line - 6
        left, right = 8.0, self.width() - 8.0
        n_cat, n_ser = len(self.categories), max(1, len(self.series))
        if not n_cat or bottom <= top:
            painter.end()
            return
        peak = max([v for _n, vals in self.series for v in vals] + [0.0]) or 1.0
        group = (right - left) / n_cat
        bar = max(2.0, min(48.0, (group - 10) / n_ser))
        axis = QPen(text_colour)
        painter.setPen(axis)
        painter.drawLine(int(left), int(bottom), int(right), int(bottom))
        for c, cat in enumerate(self.categories):
            gx = left + c * group + (group - bar * n_ser) / 2
            for s, (_name, vals) in enumerate(self.series):
                value = vals[c]
                h = (bottom - top) * value / peak
                rect = QRectF(gx + s * bar, bottom - h, bar - 2, h)
                self._swatch(painter, rect, s)
                painter.setPen(text_colour)
                painter.drawText(QRectF(gx + s * bar - 10, bottom - h - line, bar + 18, line),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, self.fmt(value))
            painter.drawText(QRectF(left + c * group, bottom + 2, group, 2 * line),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                             metrics.elidedText(cat, Qt.TextElideMode.ElideRight, int(group * 2 - 4)))
        painter.end()

    @staticmethod
    def _swatch(painter: QPainter, rect: QRectF, index: int) -> None:
        colour = QColor(_COLOURS[index % len(_COLOURS)])
        painter.fillRect(rect, colour.lighter(160))
        painter.fillRect(rect, QBrush(colour, _PATTERNS[index % len(_PATTERNS)]))
        painter.setPen(QPen(colour.darker(140)))
        painter.drawRect(rect)
