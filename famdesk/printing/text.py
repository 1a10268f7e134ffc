"""Paragraphs for any script: font runs, shaping, line breaking, bidi reordering and drawing.

Why our own flowable instead of platypus ``Paragraph``: ReportLab 5.1 lays the words of right-to-left
lines left to right (its bidi sort is switched off), unjoins Arabic around ``<b>``, misplaces marks when
it uses text rise and breaks CJK lines anywhere.  Here every paragraph goes through one pipeline:

1. NFC + substitutions (``fonts.prepare``), optional ``<b>…</b>`` spans;
2. bidi embedding levels for the whole paragraph (``shaping.bidi_levels``);
3. *atoms* (unbreakable units: a word, one CJK character with its kinsoku neighbours, a space), each cut
   into *pieces* of one font, weight and level, shaped with HarfBuzz (cached);
4. greedy line breaking on the shaped widths;
5. per line, rule L2 reorders pieces visually; RTL paragraphs are right-aligned;
6. drawing emits raw PDF text operators: glyphs by id, positioned with HarfBuzz's advances and offsets,
   *in logical order* (so text extraction reads Arabic in reading order) while landing in visual places.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from reportlab.platypus import Flowable

from famdesk.printing.fonts import get_font, prepare, split_runs
from famdesk.printing.outlines import glyph_outline
from famdesk.printing.segment import (  # noqa: F401
    NO_LINE_END,
    NO_LINE_START,
    _atoms,
    _levels_with_isolates,
    _strip_isolates,
    ltr,
    parse_spans,
)
from famdesk.printing.shaping import cluster_texts, reorder, rtl_cluster_texts, shape

_COMPLEX = frozenset({"arabic", "devanagari"})


@dataclass(frozen=True)
class Style:
    """How a paragraph looks; sizes in points."""

    size: float = 10.5
    leading: float | None = None  # default: 1.45 × size (1.6 for Arabic/Devanagari documents)
    bold: bool = False
    align: str = "start"  # start | center | end  (start = right for RTL paragraphs)
    color: tuple[float, float, float] = (0.1, 0.1, 0.1)
    space_after: float = 4.0
    indent: float = 0.0


@dataclass
class Piece:
    text: str
    family: str
    bold: bool
    level: int
    size: float
    width: float = 0.0
    is_space: bool = False
    forced_break: bool = False


@dataclass
class Line:
    pieces: list[Piece] = field(default_factory=list)  # logical order
    width: float = 0.0


@lru_cache(maxsize=8192)
def _prepare(text: str, size: float, bold: bool, language: str,
             base_level: int) -> tuple[str, tuple[tuple[Piece, ...], ...]]:
    """Text → atoms of shaped pieces; cached because handouts repeat the same paragraphs per family.

    Pieces are never mutated after this, so sharing them between layouts is safe.
    """
    spans = parse_spans(text) if "<b>" in text else [(text, False)]
    spans = [(prepare(t), b or bold) for t, b in spans]
    text = "".join(t for t, _ in spans)
    bold_at: list[bool] = []
    for t, b in spans:
        bold_at.extend([b] * len(t))
    text, bold_at, isolated = _strip_isolates(text, bold_at)
    levels = _levels_with_isolates(text, base_level, isolated)
    fam_at: list[str] = []
    for run in split_runs(text, language):
        fam_at.extend([run.family] * len(run.text))
    atoms: list[tuple[Piece, ...]] = []
    for a, b in _atoms(text):
        pieces: list[Piece] = []
        i = a
        while i < b:
            j = i + 1
            while j < b and (fam_at[j], bold_at[j], levels[j]) == (fam_at[i], bold_at[i], levels[i]):
                j += 1
            chunk = text[i:j]
            p = Piece(chunk, fam_at[i], bold_at[i], levels[i], size,
                      is_space=chunk.isspace() and chunk != "\n", forced_break=chunk == "\n")
            if not p.forced_break:
                sh = shape(chunk, p.family, p.bold, bool(p.level % 2))
                p.width = sh.advance * size / sh.upem
            pieces.append(p)
            i = j
        atoms.append(tuple(pieces))
    return text, tuple(atoms)


class _Plan(NamedTuple):
    chars: str                      # codes to encode, one per drawn glyph (visual order)
    glyphs: tuple[tuple[float, float, float], ...]  # (x, y offset from piece start, pen advance)
    actual: bool                    # wrap in an ActualText span
    outlines: str = ""              # PDF path operators (origin = piece start) for text-less marks


@lru_cache(maxsize=32768)
def _plan(text: str, family: str, bold: bool, rtl: bool, size: float) -> _Plan:
    """What to draw for one piece, relative to its left edge (cached across documents)."""
    sh = shape(text, family, bold, rtl)
    font = get_font(family, bold)
    scale = size / sh.upem
    texts = rtl_cluster_texts(text, sh.glyphs) if rtl else cluster_texts(text, sh.glyphs)
    chars: list[str] = []
    glyphs: list[tuple[float, float, float]] = []
    outlines: list[str] = []
    gx = 0.0
    for i, gl in enumerate(sh.glyphs):
        x, y = gx + gl.x_offset * scale, gl.y_offset * scale
        if rtl and not texts[i] and not gl.x_advance:
            # a zero-width mark that stands for no text (a split Arabic dot, a haraka whose letter holds
            # its text) is drawn as an outline: as a text glyph it would make extractors split the word
            if not font.is_blank(gl.gid):
                outlines.append(glyph_outline(family, bold, gl.gid, x, y, scale))
        elif texts[i] or gl.x_advance or not font.is_blank(gl.gid):
            # zero-width empty glyphs standing for no text (shaping placeholders) are not drawn
            ch = font.code_for_glyph(gl.gid, texts[i])
            chars.append(ch)
            width = font.face.charWidths.get(ord(ch), font.face.defaultWidth) * size / 1000.0
            glyphs.append((x, y, width))
        gx += gl.x_advance * scale
    # Right-to-left runs need no ActualText: each drawn glyph is a letter in visual order whose ToUnicode
    # entry is its logical text, which extractors reverse into reading order (poppler would spread an
    # ActualText string left to right and so read it backwards).  For complex left-to-right scripts
    # (Devanagari's reordered matras, ligatures) ActualText gives viewers the logical text of the piece.
    actual = not rtl and (family in _COMPLEX or len(sh.glyphs) != len(text))
    return _Plan("".join(chars), tuple(glyphs), actual, "\n".join(outlines))


class TextLayout:
    """A laid-out paragraph: lines of shaped pieces, ready to draw at any x/y."""

    def __init__(self, text: str, style: Style, *, language: str = "en", rtl: bool = False) -> None:
        self.style = style
        self.language = language
        self.base_level = 1 if rtl else 0
        self.text, atoms = _prepare(text, style.size, style.bold, language, self.base_level)
        self.atoms: list[list[Piece]] = [list(a) for a in atoms]
        self.lines: list[Line] = []
        self.width = 0.0

    @property
    def leading(self) -> float:
        if self.style.leading:
            return self.style.leading
        tall = self.language in ("ar", "ne", "hi", "ur", "fa") or any(
            p.family in ("arabic", "devanagari") for atom in self.atoms for p in atom)
        return self.style.size * (1.65 if tall else 1.45)

    def wrap(self, width: float) -> list[Line]:
        """Greedy line breaking on shaped widths (trailing spaces hang, as in every word processor)."""
        avail = max(width - self.style.indent, 1.0)
        lines: list[Line] = [Line()]
        for atom in self.atoms:
            line = lines[-1]
            if atom[0].forced_break:
                lines.append(Line())
                continue
            w = sum(p.width for p in atom)
            is_space = all(p.is_space for p in atom)
            if is_space:
                if line.pieces:
                    line.pieces.extend(atom)
                    line.width += w
                continue
            if line.pieces and _content_width(line) + w > avail + 0.01:
                _trim(line)
                line = Line()
                lines.append(line)
            line.pieces.extend(atom)
            line.width += w
        for line in lines:
            _trim(line)
        self.lines = lines
        self.width = width
        return lines

    def height(self) -> float:
        return len(self.lines) * self.leading

    def draw(self, canv, x: float, top: float, width: float, lines: list[Line] | None = None) -> None:
        """Draw ``lines`` (default: all) with their first baseline below ``top``."""
        lines = self.lines if lines is None else lines
        lead = self.leading
        base = top - self.style.size * 1.02 - (lead - self.style.size * 1.45) / 2
        code: list[str] = ["BT"]
        outlines: list[str] = []  # path operators are not allowed inside BT … ET: drawn after it
        r, g, b = self.style.color
        code.append(f"{r:.3f} {g:.3f} {b:.3f} rg")
        rtl = self.base_level == 1
        for n, line in enumerate(lines):
            if not line.pieces:
                continue
            y = base - n * lead
            align = self.style.align
            free = width - self.style.indent - line.width
            if align == "center":
                x0 = x + free / 2 + (0 if rtl else self.style.indent)
            elif (align == "end") != rtl:
                x0 = x + free
            else:
                x0 = x + self.style.indent
            _emit_line(code, canv, line, x0, y, outlines)
        code.append("ET")
        if outlines:
            code += ["q", f"{r:.3f} {g:.3f} {b:.3f} rg", *outlines, "Q"]
        canv._code.append("\n".join(code))


def _content_width(line: Line) -> float:
    end = len(line.pieces)
    while end and line.pieces[end - 1].is_space:
        end -= 1
    return sum(p.width for p in line.pieces[:end])


def _trim(line: Line) -> None:
    while line.pieces and line.pieces[-1].is_space:
        line.width -= line.pieces.pop().width
    while line.pieces and line.pieces[0].is_space:
        line.width -= line.pieces.pop(0).width


def _emit_line(code: list[str], canv, line: Line, x0: float, y: float, outlines: list[str]) -> None:
    """Emit one line: pieces reordered visually (rule L2), glyphs left to right.

    Glyphs go to the stream in visual order, as PDF text extractors (pypdf, poppler, pdf.js) expect:
    they map each glyph back through ToUnicode to its logical characters and reverse right-to-left runs.
    """
    pieces = line.pieces
    order = reorder([p.level for p in pieces])
    xs = [0.0] * len(pieces)
    x = x0
    for idx in order:
        xs[idx] = x
        x += pieces[idx].width
    doc = canv._doc
    cur_font = None
    for idx in order:  # visual order
        p = pieces[idx]
        plan = _plan(p.text, p.family, p.bold, bool(p.level % 2), p.size)
        if plan.outlines:
            outlines.append(f"q 1 0 0 1 {xs[idx]:.2f} {y:.2f} cm\n{plan.outlines}\nQ")
        if not plan.chars:
            continue
        font = get_font(p.family, p.bold)
        encoded: list[tuple[int, int]] = []
        for subset, data in font.splitString(plan.chars, doc):
            encoded.extend((subset, byte) for byte in data)
        tj: list[str] = []
        if plan.actual:
            code.append(f"/Span <</ActualText <FEFF{p.text.encode('utf-16-be').hex().upper()}>>> BDC")
        pen_x: float | None = None
        rise = 0.0
        x_piece = xs[idx]
        size = p.size
        for (subset, byte), (gdx, gyp, char_w) in zip(encoded, plan.glyphs, strict=True):
            gxp = x_piece + gdx
            if (font, subset, size) != cur_font:
                _flush(code, tj)
                code.append(f"{font.getSubsetInternalName(subset, doc)} {size:.2f} Tf")
                cur_font = (font, subset, size)
                pen_x = None
            if pen_x is None:
                _flush(code, tj)
                code.append(f"1 0 0 1 {gxp:.2f} {y:.2f} Tm")
                pen_x = gxp
            if gyp != rise:
                _flush(code, tj)
                code.append(f"{gyp:.2f} Ts")
                rise = gyp
            adj = (pen_x - gxp) * 1000.0 / size
            if adj > 0.05 or adj < -0.05:
                tj.append(f"{adj:.1f}")
            tj.append(f"<{byte:02X}>")
            pen_x = gxp + char_w
        _flush(code, tj)
        if rise:
            code.append("0 Ts")
        if plan.actual:
            code.append("EMC")


def _flush(code: list[str], tj: list[str]) -> None:
    if tj:
        code.append("[" + " ".join(tj) + "] TJ")
        tj.clear()


class TextFlow(Flowable):
    """A platypus flowable for one paragraph in any script; splits across pages by whole lines."""

    def __init__(self, text: str, style: Style | None = None, *, language: str = "en",
                 rtl: bool = False, layout: TextLayout | None = None,
                 lines: list[Line] | None = None) -> None:
        super().__init__()
        self.style = style or Style()
        self.layout = layout or TextLayout(text, self.style, language=language, rtl=rtl)
        self._lines = lines
        self.spaceAfter = self.style.space_after

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._lines is None and self.layout.width != avail_width:
            self.layout.wrap(avail_width)
        self.width = avail_width
        self.height = len(self.lines) * self.layout.leading
        return avail_width, self.height

    @property
    def lines(self) -> list[Line]:
        return self._lines if self._lines is not None else self.layout.lines

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        fit = int(avail_height // self.layout.leading)
        if fit <= 0 or fit >= len(self.lines) or len(self.lines) < 2:
            return []
        fit = max(fit, 1)
        first = TextFlow("", self.style, layout=self.layout, lines=self.lines[:fit])
        first.spaceAfter = 0
        return [first, TextFlow("", self.style, layout=self.layout, lines=self.lines[fit:])]

    def draw(self) -> None:
        self.layout.draw(self.canv, 0, self.height, self.width, self.lines)


def draw_text_line(canv, text: str, x: float, y: float, width: float, style: Style, *,
                   language: str = "en", rtl: bool = False) -> float:
    """Draw a short text (header, footer, table label) in a box whose top is ``y``; returns height."""
    layout = TextLayout(text, style, language=language, rtl=rtl)
    layout.wrap(width)
    layout.draw(canv, x, y, width)
    return layout.height()
