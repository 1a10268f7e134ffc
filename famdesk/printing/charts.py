"""Bar charts for printed pages, drawn with ReportLab's canvas and our text engine.

A chart printed for a bulletin board is often photocopied in black and white, so colour is never the
only signal: every series has its own fill pattern (solid, dots, stripes, cross-hatch) as well as its
colour, the legend shows the same swatch with the series' name, and every bar carries its value as text.
Labels go through :class:`~famdesk.printing.text.TextLayout`, so they shape and fall back by script like
any paragraph, and in right-to-left languages the whole chart is mirrored (categories and bars start on
the right).

``BarChart`` is a ready platypus flowable (``render_pdf`` accepts it among the blocks); ``ChartRow`` puts
two or more charts side by side.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.platypus import Flowable

from famdesk.domain.languages import is_rtl
from famdesk.formatting import format_number
from famdesk.printing.shaping import needs_bidi
from famdesk.printing.text import Line, Style, TextLayout, ltr

INK = (0.1, 0.1, 0.1)
AXIS = (0.35, 0.35, 0.35)
# Okabe-Ito colours (safe for colour-blind readers), each with a pattern that survives greyscale.
SOLID, DOTS, STRIPES, CROSS = "solid", "dots", "stripes", "cross"
STYLES: tuple[tuple[tuple[float, float, float], str], ...] = (
    ((0.0, 0.62, 0.45), SOLID),     # 0 bluish green
    ((0.6, 0.6, 0.6), DOTS),        # 1 grey
    ((0.84, 0.37, 0.0), STRIPES),   # 2 vermilion
    ((0.0, 0.45, 0.70), SOLID),     # 3 blue
    ((0.90, 0.62, 0.0), DOTS),      # 4 orange
    ((0.80, 0.47, 0.65), CROSS),    # 5 reddish purple
)
ELLIPSIS = "…"


@dataclass(frozen=True)
class Series:
    """One series of values, one per category; ``labels`` overrides the printed value texts
    (e.g. "19 (37 %)"); ``style`` indexes :data:`STYLES`."""

    name: str
    values: tuple[float, ...]
    style: int = 3
    labels: tuple[str, ...] | None = None


def _shade(rgb: tuple[float, float, float], amount: float) -> tuple[float, float, float]:
    """Towards white (amount > 0) or black (amount < 0)."""
    if amount >= 0:
        return tuple(c + (1 - c) * amount for c in rgb)  # type: ignore[return-value]
    return tuple(c * (1 + amount) for c in rgb)  # type: ignore[return-value]


def fill_swatch(canv, x: float, y: float, w: float, h: float, style: int) -> None:  # type: ignore[no-untyped-def]
    """A bar or legend swatch: tinted background, the style's pattern clipped to the box, dark outline."""
    if w <= 0 or h <= 0:
        return
    colour, pattern = STYLES[style % len(STYLES)]
    dark = _shade(colour, -0.45)
    canv.saveState()
    canv.setFillColorRGB(*(colour if pattern == SOLID else _shade(colour, 0.78)))
    canv.rect(x, y, w, h, stroke=0, fill=1)
    if pattern != SOLID:
        clip = canv.beginPath()
        clip.rect(x, y, w, h)
        canv.clipPath(clip, stroke=0, fill=0)
        canv.setStrokeColorRGB(*dark)
        canv.setFillColorRGB(*dark)
        canv.setLineWidth(0.7)
        if pattern == DOTS:
            step = 2.8
            row = 0
            yy = y + step / 2
            while yy < y + h:
                xx = x + (step / 2 if row % 2 else step)  # staggered rows read as dots, not lines
                while xx < x + w:
                    canv.rect(xx - 0.55, yy - 0.55, 1.1, 1.1, stroke=0, fill=1)
                    xx += step
                yy += step
                row += 1
        else:
            step = 3.2
            span = w + h
            k = -h
            while k < span:
                canv.line(x + k, y, x + k + h, y + h)                 # "/" stripes
                if pattern == CROSS:
                    canv.line(x + k, y + h, x + k + h, y)             # and "\" for cross-hatch
                k += step
    canv.restoreState()
    canv.saveState()
    canv.setStrokeColorRGB(*dark)
    canv.setLineWidth(0.6)
    canv.rect(x, y, w, h, stroke=1, fill=0)
    canv.restoreState()


class _Text:
    """A short label laid out once: fitted to ``width`` in at most ``max_lines`` lines (ellipsis)."""

    def __init__(self, text: str, style: Style, language: str, rtl: bool, width: float,
                 max_lines: int = 1) -> None:
        self.layout = self._fit(text, style, language, rtl, max(width, 1.0), max_lines)

    @staticmethod
    def _display(text: str, rtl: bool) -> str:
        """In a right-to-left chart each line without right-to-left letters (an English event title) reads
        left to right as a unit, so its punctuation and the ellipsis stay at its own end."""
        if not rtl:
            return text
        return "\n".join(ltr(line) if line and not needs_bidi(line) else line for line in text.split("\n"))

    @classmethod
    def _fit(cls, text: str, style: Style, language: str, rtl: bool, width: float, max_lines: int) -> TextLayout:
        def layout_of(s: str) -> TextLayout:
            lay = TextLayout(cls._display(s, rtl), style, language=language, rtl=rtl)
            lay.wrap(width)
            return lay

        layout = layout_of(text)
        if len(layout.lines) <= max_lines:
            return layout
        lo, hi = 0, len(text)
        best = layout_of(ELLIPSIS)
        while lo < hi:  # the longest prefix that still fits, with an ellipsis
            mid = (lo + hi + 1) // 2
            cand = layout_of(text[:mid].rstrip() + ELLIPSIS)
            if len(cand.lines) <= max_lines:
                best, lo = cand, mid
            else:
                hi = mid - 1
        return best

    @property
    def lines(self) -> list[Line]:
        return self.layout.lines

    @property
    def height(self) -> float:
        return self.layout.height()

    @property
    def natural_width(self) -> float:
        return max((ln.width for ln in self.lines), default=0.0)

    def draw(self, canv, x: float, top: float, width: float) -> None:  # type: ignore[no-untyped-def]
        self.layout.draw(canv, x, top, width)


def text_width(text: str, style: Style, language: str, rtl: bool) -> float:
    """Width of the widest line of ``text`` (lines only break where it has a newline)."""
    return _Text(text, style, language, rtl, 10_000.0, max_lines=1_000).natural_width


class BarChart(Flowable):
    """Grouped bars, one group per category and one bar per series, with title, legend and values.

    ``horizontal=True`` draws bars from a vertical axis (long category names: events, statuses);
    otherwise columns stand on a horizontal axis (months).  ``fmt`` formats values for their labels.
    """

    TITLE = Style(size=10.5, bold=True, color=INK, space_after=0)
    LABEL = Style(size=8.0, color=INK, space_after=0)
    VALUE = Style(size=7.5, color=INK, space_after=0)

    def __init__(self, title: str, categories: list[str], series: list[Series], *, language: str = "en",
                 horizontal: bool = False, plot_height: float = 110.0, bar: float = 7.0,
                 fmt: Callable[[float], str] | None = None, legend: bool | None = None) -> None:
        super().__init__()
        self.title = title
        self.categories = categories
        self.series = series
        self.language = language
        self.rtl = is_rtl(language)
        self.horizontal = horizontal
        self.plot_height = plot_height
        self.bar = bar
        self.fmt = fmt or (lambda v: format_number(round(v), language))
        self.show_legend = len(series) > 1 if legend is None else legend
        self.spaceAfter = 10

    # ---------------------------------------------------------------- layout
    def _value_texts(self, s: Series) -> list[str]:
        return list(s.labels) if s.labels else [self.fmt(v) for v in s.values]

    def _peak(self) -> float:
        return max([v for s in self.series for v in s.values] + [0.0]) or 1.0

    def _legend_rows(self, width: float) -> list[list[tuple[int, _Text, float]]]:
        rows: list[list[tuple[int, _Text, float]]] = [[]]
        used = 0.0
        sw = self.LABEL.size + 2
        for i, s in enumerate(self.series):
            label = _Text(s.name, self.LABEL, self.language, self.rtl, width - sw - 4)
            w = sw + 4 + label.natural_width + 14
            if rows[-1] and used + w > width:
                rows.append([])
                used = 0.0
            rows[-1].append((i, label, w))
            used += w
        return rows

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:  # noqa: ARG002
        self.width = avail_width
        self._title = _Text(self.title, self.TITLE, self.language, self.rtl, avail_width, max_lines=2)
        self._legend = self._legend_rows(avail_width) if self.show_legend else []
        self._legend_line = self.LABEL.size * 1.6
        head = self._title.height + 4 + len(self._legend) * self._legend_line
        if self.horizontal:
            n = max(1, len(self.series))
            group = n * self.bar + max(4.0, self.bar * 0.8)
            group = max(group, self.LABEL.size * 1.5)
            self._group = group
            body = group * len(self.categories) + 4
        else:
            self._cat_lines = 2
            body = self.plot_height + self.VALUE.size * 1.6 + self._cat_lines * self.LABEL.size * 1.45 + 4
        self.height = head + body
        return avail_width, self.height

    def _x(self, x: float, w: float = 0.0) -> float:
        """Mirror an x measured from the start side (left in LTR, right in RTL)."""
        return self.width - x - w if self.rtl else x

    # ---------------------------------------------------------------- drawing
    def draw(self) -> None:
        canv = self.canv
        top = self.height
        self._title.draw(canv, 0, top, self.width)
        top -= self._title.height + 4
        sw = self.LABEL.size + 2
        for row in self._legend:
            x = 0.0
            for i, label, w in row:
                fill_swatch(canv, self._x(x, sw - 2), top - self._legend_line + 3, sw - 2, sw - 2,
                            self.series[i].style)
                label.draw(canv, self._x(x + sw + 2, label.natural_width + 1), top - 1,
                           label.natural_width + 1)
                x += w
            top -= self._legend_line
        if self.horizontal:
            self._draw_horizontal(canv, top)
        else:
            self._draw_vertical(canv, top)

    def _draw_horizontal(self, canv, top: float) -> None:  # type: ignore[no-untyped-def]
        peak = self._peak()
        values = [self._value_texts(s) for s in self.series]
        value_w = max([text_width(v, self.VALUE, self.language, self.rtl) for vs in values for v in vs] + [0.0])
        label_w = min(self.width * 0.36,
                      max([text_width(c, self.LABEL, self.language, self.rtl) for c in self.categories] + [20.0]) + 6)
        axis = label_w + 4
        room = max(self.width - axis - value_w - 6, 10.0)
        n = max(1, len(self.series))
        bottom = top - self._group * len(self.categories)
        probe = TextLayout("M", self.LABEL, language=self.language)
        lines = max(1, int(self._group // probe.leading))
        for c, cat in enumerate(self.categories):
            gtop = top - c * self._group
            mid = gtop - self._group / 2
            label = _Text(cat, self.LABEL, self.language, self.rtl, label_w - 6, max_lines=lines)
            label.draw(canv, self._x(0, label_w - 6), mid + label.height / 2, label_w - 6)
            y0 = mid + n * self.bar / 2
            for s, series in enumerate(self.series):
                length = room * series.values[c] / peak
                y = y0 - (s + 1) * self.bar
                fill_swatch(canv, self._x(axis, length), y + 0.5, length, self.bar - 1, series.style)
                text = _Text(values[s][c], self.VALUE, self.language, self.rtl, value_w + 2)
                text.draw(canv, self._x(axis + length + 3, value_w + 2),
                          y + self.bar / 2 + text.height / 2, value_w + 2)
        self._axis_line(canv, self._x(axis), top + 2, self._x(axis), bottom)

    def _draw_vertical(self, canv, top: float) -> None:  # type: ignore[no-untyped-def]
        peak = self._peak()
        value_h = self.VALUE.size * 1.6
        plot_top = top - value_h
        base = plot_top - self.plot_height
        n_cat = max(1, len(self.categories))
        slot = self.width / n_cat
        n = max(1, len(self.series))
        bar = max(2.0, min(self.bar * 2.4, (slot - 8) / n))
        for c, cat in enumerate(self.categories):
            sx = c * slot
            gx = sx + (slot - bar * n) / 2
            for s, series in enumerate(self.series):
                h = self.plot_height * series.values[c] / peak
                fill_swatch(canv, self._x(gx + s * bar, bar - 1), base, bar - 1, h, series.style)
                text = self._value_texts(series)[c]
                vw = max(bar + 8, text_width(text, self.VALUE, self.language, self.rtl) + 2)
                label = _Text(text, Style(size=self.VALUE.size, color=INK, space_after=0, align="center"),
                              self.language, self.rtl, vw)
                label.draw(canv, self._x(gx + s * bar + (bar - 1) / 2 - vw / 2, vw),
                           base + h + label.height + 1, vw)
            cat_style = Style(size=self.LABEL.size, color=INK, space_after=0, align="center")
            label = _Text(cat, cat_style, self.language, self.rtl, slot - 4, max_lines=self._cat_lines)
            label.draw(canv, self._x(sx + 2, slot - 4), base - 3, slot - 4)
        self._axis_line(canv, 0, base, self.width, base)

    @staticmethod
    def _axis_line(canv, x0: float, y0: float, x1: float, y1: float) -> None:  # type: ignore[no-untyped-def]
        canv.saveState()
        canv.setStrokeColorRGB(*AXIS)
        canv.setLineWidth(0.8)
        canv.line(x0, y0, x1, y1)
        canv.restoreState()


class ChartRow(Flowable):
    """Charts side by side in equal columns (first chart on the right in right-to-left documents)."""

    def __init__(self, charts: list[Flowable], *, language: str = "en", gap: float = 18.0) -> None:
        super().__init__()
        self.charts = charts
        self.rtl = is_rtl(language)
        self.gap = gap
        self.spaceAfter = 10

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        n = max(1, len(self.charts))
        self._col = (avail_width - self.gap * (n - 1)) / n
        self.width = avail_width
        self.height = max((c.wrap(self._col, avail_height)[1] for c in self.charts), default=0.0)
        return avail_width, self.height

    def draw(self) -> None:
        for i, chart in enumerate(self.charts):
            x = i * (self._col + self.gap)
            if self.rtl:
                x = self.width - x - self._col
            chart.drawOn(self.canv, x, self.height - chart.height)
