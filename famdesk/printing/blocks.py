"""The document layer: plain-data blocks that become a PDF in any of famdesk's print languages.

Write a printable as a list of blocks and hand it to ``render_pdf`` (see ``printing/README.md``)::

    blocks = [Heading(_("Welcome")), Para(_("We are glad you are here.")),
              Bullets([_("Clothes"), _("Water bottle")]), KeyValue([(_("Phone"), phone)])]
    pdf = render_pdf(blocks, PageSpec(language="ar", title=_("Welcome"), author=program.name))

Blocks know nothing of direction: for a right-to-left language the same blocks come out right-aligned,
with bullets on the right and table columns mirrored.  ``SetLanguage`` switches the language for the
blocks after it (a packet with the English copy behind the family's language).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportlab.lib.utils import ImageReader
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, TableStyle
from reportlab.platypus import Image as RLImage
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Spacer as RLSpacer
from reportlab.platypus import Table as RLTable
from reportlab.platypus.flowables import HRFlowable

from famdesk.domain.languages import is_rtl
from famdesk.i18n import normalize_language
from famdesk.printing.fonts import get_font
from famdesk.printing.shaping import needs_bidi
from famdesk.printing.text import Style, TextFlow, ltr

if TYPE_CHECKING:
    from famdesk.printing.page import PageSpec

INK = (0.1, 0.1, 0.1)
ACCENT = (0.13, 0.35, 0.55)
HEADING_SIZES = {1: 18.0, 2: 14.0, 3: 12.0}


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Para:
    """A paragraph; ``<b>…</b>`` marks bold spans (keep the tags outside words in joined scripts)."""

    text: str
    size: float = 10.5
    bold: bool = False
    align: str = "start"  # start | center | end
    color: tuple[float, float, float] = INK


@dataclass
class Bullets:
    items: list[str]
    size: float = 10.5


@dataclass
class KeyValue:
    """Label/value rows (the family page, contact details)."""

    pairs: list[tuple[str, str]]
    label_width: float = 0.33  # fraction of the width
    ltr_values: bool = False  # values are phone numbers / e-mails: read left to right in any language


@dataclass
class Table:
    rows: list[list[str]]
    header: list[str] | None = None
    col_widths: list[float] | None = None  # fractions of the width; default equal
    size: float = 9.5


@dataclass
class Spacer:
    height: float = 8.0


@dataclass
class Rule:
    thickness: float = 0.6


@dataclass
class Image:
    """A picture (the program's logo) from PNG/JPEG bytes, ``width`` points wide."""

    data: bytes
    width: float = 90.0
    align: str = "start"


@dataclass
class PageBreak:
    pass


@dataclass
class SetLanguage:
    """Blocks after this one are in ``language`` (direction follows it)."""

    language: str


@dataclass
class Card:
    """A bordered box of blocks; ``Cards`` puts several on one sheet (take-home notes)."""

    blocks: list[object] = field(default_factory=list)
    min_height: float = 0.0


@dataclass
class Cards:
    cards: list[Card]
    columns: int = 2
    gap: float = 12.0


@dataclass
class KeepWithNext:
    """Blocks that must stay on one page (a heading with its first paragraph)."""

    blocks: list[object]


@dataclass
class _Ctx:
    language: str
    rtl: bool
    width: float


def to_flowables(blocks: list[object], spec: PageSpec) -> list[Flowable]:
    """Turn blocks into ReportLab flowables (ready flowables pass through unchanged)."""
    from famdesk.printing.page import LanguageMark

    lang = normalize_language(spec.language)
    width = spec.pagesize[0] - 2 * spec.margin
    ctx = _Ctx(lang, is_rtl(lang), width)
    out: list[Flowable] = []
    for block in blocks:
        if isinstance(block, SetLanguage):
            ctx.language = normalize_language(block.language)
            ctx.rtl = is_rtl(ctx.language)
            out.append(LanguageMark(ctx.language))
            continue
        out.extend(_convert(block, ctx))
    return out


def _cell(text: str, ctx: _Ctx, **style: object) -> TextFlow:
    """A table cell: user data without any right-to-left letter reads left to right inside it."""
    if ctx.rtl and text and not needs_bidi(text):
        text = ltr(text)
    return _text(text, ctx, **style)


def _text(text: str, ctx: _Ctx, **style: object) -> TextFlow:
    return TextFlow(text, Style(**style), language=ctx.language, rtl=ctx.rtl)  # type: ignore[arg-type]


def _convert(block: object, ctx: _Ctx) -> list[Flowable]:
    if isinstance(block, Flowable):
        return [block]
    if isinstance(block, Heading):
        size = HEADING_SIZES.get(block.level, 12.0)
        flow = _text(block.text, ctx, size=size, bold=True, color=ACCENT if block.level == 1 else INK,
                     space_after=size * 0.45)
        return [CondPageBreak(size * 5), flow]
    if isinstance(block, Para):
        return [_text(block.text, ctx, size=block.size, bold=block.bold, align=block.align,
                      color=block.color, space_after=block.size * 0.6)]
    if isinstance(block, Bullets):
        return [_bullets(block, ctx)]
    if isinstance(block, KeyValue):
        rows = [[_text(k, ctx, size=10, bold=True, space_after=0),
                 _cell(ltr(v) if block.ltr_values else v, ctx, size=10, space_after=0)]
                for k, v in block.pairs]
        frac = [block.label_width, 1 - block.label_width]
        return [_table(rows, frac, ctx, grid=False)]
    if isinstance(block, Table):
        cells = [[_cell(c, ctx, size=block.size, space_after=0) for c in row] for row in block.rows]
        if block.header:
            cells.insert(0, [_text(h, ctx, size=block.size, bold=True, space_after=0) for h in block.header])
        n = max((len(r) for r in cells), default=1)
        frac = block.col_widths or [1 / n] * n
        return [_table(cells, frac, ctx, grid=True, header=bool(block.header))]
    if isinstance(block, Spacer):
        return [RLSpacer(1, block.height)]
    if isinstance(block, Rule):
        return [HRFlowable(width="100%", thickness=block.thickness, color=(0.7, 0.7, 0.7),
                           spaceBefore=4, spaceAfter=8)]
    if isinstance(block, Image):
        reader = ImageReader(io.BytesIO(block.data))
        iw, ih = reader.getSize()
        img = RLImage(io.BytesIO(block.data), width=block.width, height=block.width * ih / iw)
        img.hAlign = {"center": "CENTER", "end": "LEFT" if ctx.rtl else "RIGHT"}.get(
            block.align, "RIGHT" if ctx.rtl else "LEFT")
        return [img, RLSpacer(1, 6)]
    if isinstance(block, PageBreak):
        return [RLPageBreak()]
    if isinstance(block, KeepWithNext):
        inner: list[Flowable] = []
        for b in block.blocks:
            inner.extend(f for f in _convert(b, ctx) if not isinstance(f, CondPageBreak))
        return [KeepTogether(inner)]
    if isinstance(block, Card):
        return [_card_table([[block]], ctx, ctx.width, 1)]
    if isinstance(block, Cards):
        cols = max(1, block.columns)
        rows = [block.cards[i:i + cols] for i in range(0, len(block.cards), cols)]
        return [_card_table(rows, ctx, ctx.width, cols, gap=block.gap)]
    raise TypeError(f"not a printable block: {block!r}")


def _FONT_CMD() -> tuple:  # noqa: N802
    """Tables set a cell font even for empty cells; Helvetica would be a font the reader must have."""
    return ("FONTNAME", (0, 0), (-1, -1), get_font("latin").fontName)


def _bullets(block: Bullets, ctx: _Ctx) -> Flowable:
    bullet_w = block.size * 1.4
    rows = [[_text("•", ctx, size=block.size, space_after=0),
             _text(item, ctx, size=block.size, space_after=2)] for item in block.items]
    frac = [bullet_w / ctx.width, 1 - bullet_w / ctx.width]
    return _table(rows, frac, ctx, grid=False, pad=1.5)


def _table(rows: list[list[Flowable]], frac: list[float], ctx: _Ctx, *, grid: bool,
           header: bool = False, pad: float = 3.0) -> Flowable:
    """A table whose columns run right to left in RTL documents (first column on the right)."""
    widths = [f * ctx.width for f in frac]
    if ctx.rtl:
        rows = [list(reversed(r)) for r in rows]
        widths = list(reversed(widths))
    cmds: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"), _FONT_CMD(),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
    ]
    if grid:
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, (0.7, 0.7, 0.7)))
    if header:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), (0.92, 0.94, 0.97)))
    table = RLTable(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="CENTER")
    table.setStyle(TableStyle(cmds))
    return table


def _card_table(rows: list[list[Card]], ctx: _Ctx, width: float, cols: int, gap: float = 0.0) -> Flowable:
    cell_w = (width - gap * (cols - 1)) / cols
    inner_ctx = _Ctx(ctx.language, ctx.rtl, cell_w - 16)
    cells: list[list[object]] = []
    for row in rows:
        cur: list[object] = []
        for card in row:
            flows: list[Flowable] = []
            for b in card.blocks:
                if isinstance(b, SetLanguage):
                    inner_ctx = _Ctx(normalize_language(b.language), is_rtl(b.language), cell_w - 16)
                    continue
                flows.extend(f for f in _convert(b, inner_ctx) if not isinstance(f, CondPageBreak))
            if card.min_height:
                flows.append(RLSpacer(1, card.min_height))
            cur.append(flows)
        cur.extend([""] * (cols - len(cur)))
        if ctx.rtl:
            cur.reverse()
        cells.append(cur)
    # gap columns between cards
    widths: list[float] = []
    spaced: list[list[object]] = []
    for row in cells:
        new_row: list[object] = []
        for i, c in enumerate(row):
            if i:
                new_row.append("")
            new_row.append(c)
        spaced.append(new_row)
    for i in range(cols):
        if i:
            widths.append(gap)
        widths.append(cell_w)
    table = RLTable(spaced, colWidths=widths, hAlign="CENTER")
    cmds: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP"), _FONT_CMD(),
                         ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                         ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]
    for r, row in enumerate(cells):
        for i, c in enumerate(row):
            if c != "":
                cmds.append(("BOX", (2 * i, r), (2 * i, r), 0.8, (0.55, 0.6, 0.7)))
    table.setStyle(TableStyle(cmds))
    return table
