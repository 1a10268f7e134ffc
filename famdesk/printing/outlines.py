"""Glyph outlines as PDF path operators, for the few glyphs that must be drawn but must not be text.

Noto Sans Arabic draws the dots of many letters as separate zero-width glyphs, and harakat are zero-width
marks too.  As text they sit at their own x positions inside a letter, and extractors (poppler, PDFium)
then break the word there.  ``text.py`` hands the letter glyph the whole logical text and draws these
marks with the outlines made here: the page looks the same and the extracted text is whole words.
"""

from __future__ import annotations

from functools import lru_cache

from famdesk.printing.fonts import get_font


class _PathPen:
    """A fontTools-style pen (what HarfBuzz's draw API calls) writing PDF path operators in font units."""

    def __init__(self) -> None:
        self.ops: list[tuple[str, tuple[float, ...]]] = []
        self._cur = (0.0, 0.0)

    def moveTo(self, p: tuple[float, float]) -> None:  # noqa: N802 - pen protocol
        self.ops.append(("m", p))
        self._cur = p

    def lineTo(self, p: tuple[float, float]) -> None:  # noqa: N802
        self.ops.append(("l", p))
        self._cur = p

    def curveTo(self, *pts: tuple[float, float]) -> None:  # noqa: N802
        self.ops.append(("c", (*pts[0], *pts[1], *pts[2])))
        self._cur = pts[2]

    def qCurveTo(self, *pts: tuple[float, float]) -> None:  # noqa: N802
        # TrueType quadratic segments (implied on-curve points between consecutive controls) → cubic
        *controls, end = pts
        start = self._cur
        for i, ctrl in enumerate(controls):
            nxt = end if i == len(controls) - 1 else ((ctrl[0] + controls[i + 1][0]) / 2,
                                                      (ctrl[1] + controls[i + 1][1]) / 2)
            c1 = (start[0] + 2 / 3 * (ctrl[0] - start[0]), start[1] + 2 / 3 * (ctrl[1] - start[1]))
            c2 = (nxt[0] + 2 / 3 * (ctrl[0] - nxt[0]), nxt[1] + 2 / 3 * (ctrl[1] - nxt[1]))
            self.ops.append(("c", (*c1, *c2, *nxt)))
            start = nxt
        self._cur = end

    def closePath(self) -> None:  # noqa: N802
        self.ops.append(("h", ()))

    def endPath(self) -> None:  # noqa: N802
        pass


@lru_cache(maxsize=4096)
def _outline(family: str, bold: bool, gid: int) -> tuple[tuple[str, tuple[float, ...]], ...]:
    pen = _PathPen()
    get_font(family, bold).hb_font.draw_glyph_with_pen(gid, pen)
    return tuple(pen.ops)


def glyph_outline(family: str, bold: bool, gid: int, x: float, y: float, scale: float) -> str:
    """Fill operators for glyph ``gid`` with its origin at (x, y), font units × ``scale`` (non-zero fill,
    as TrueType outlines are drawn)."""
    parts: list[str] = []
    for op, pts in _outline(family, bold, gid):
        if op == "h":
            parts.append("h")
            continue
        coords = [f"{(x + pts[i] * scale):.2f} {(y + pts[i + 1] * scale):.2f}" for i in range(0, len(pts), 2)]
        parts.append(" ".join(coords) + f" {op}")
    return " ".join(parts) + " f" if parts else ""
