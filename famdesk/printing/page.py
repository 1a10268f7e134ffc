"""Page templates: paper size, margins, header/footer ("page x of y"), RTL mirroring, PDF metadata.

``render_pdf(blocks, spec)`` is the one entry point every printable uses.  The footer needs the total page
count, which is known only at the end, so pages are kept by :class:`_NumberedCanvas` and their footers
drawn on save (ReportLab's standard two-phase trick, no second layout pass).

Metadata carries the title, the *program* as author, the document language (``/Lang``) and nothing
about a person: a handout's file may be mailed or left on a shared PC.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from famdesk.domain.languages import is_rtl
from famdesk.formatting import paper_size_for
from famdesk.i18n import normalize_language, translator_for
from famdesk.printing.fonts import get_font
from famdesk.printing.text import Style, draw_text_line

PAPER = {"letter": LETTER, "a4": A4}
_HF_STYLE = Style(size=8.5, color=(0.35, 0.35, 0.35), space_after=0)


@dataclass(frozen=True)
class PageSpec:
    """Everything about the page that is not content.

    ``paper`` wins over ``country``; with neither, Letter (the app's home market is the US).
    ``author`` must be the program's name, never a person's.
    """

    language: str = "en"
    title: str = ""
    author: str = ""
    header: str = ""          # usually the program name; empty = no header
    footer: bool = True       # "Page x of y" in the document language
    paper: str | None = None  # "letter" | "a4"
    country: str | None = None
    margin: float = 50.0      # points on every side
    subject: str = ""
    invariant: bool = False   # byte-repeatable output (tests)

    @property
    def rtl(self) -> bool:
        return is_rtl(self.language)

    @property
    def pagesize(self) -> tuple[float, float]:
        return PAPER[resolve_paper(self.paper, self.country)]


def resolve_paper(paper: str | None, country: str | None) -> str:
    """The paper name for an explicit setting, else the program's country."""
    if paper and paper.lower() in PAPER:
        return paper.lower()
    return paper_size_for(country)


class _NumberedCanvas(Canvas):
    """Keeps each page until the end so the footer can say "page x of y"."""

    def __init__(self, *args, spec: PageSpec, **kwargs) -> None:  # type: ignore[no-untyped-def]
        # ReportLab's default initial font is Helvetica, a font the reader must supply: use ours
        kwargs.setdefault("initialFontName", get_font("latin").fontName)
        super().__init__(*args, **kwargs)
        self._spec = spec
        self._saved: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            _decorate(self, self._spec, self._pageNumber, total)
            Canvas.showPage(self)
        Canvas.save(self)


class LanguageMark(Flowable):
    """Invisible marker: pages from here on are in ``language``, so a packet with an English copy
    behind the family's language numbers each part's pages in that part's language."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:  # noqa: ARG002
        return 0, 0

    def draw(self) -> None:
        self.canv._famdesk_language = self.language  # type: ignore[attr-defined]  # kept per page


def _decorate(canv: Canvas, spec: PageSpec, page: int, total: int) -> None:
    width, height = spec.pagesize
    m = spec.margin
    lang = normalize_language(getattr(canv, "_famdesk_language", None) or spec.language)
    inner = width - 2 * m
    rtl = is_rtl(lang)
    canv.saveState()
    canv.setStrokeColorRGB(0.75, 0.75, 0.75)
    canv.setLineWidth(0.5)
    if spec.header:
        draw_text_line(canv, spec.header, m, height - m + 26, inner, _HF_STYLE, language=lang, rtl=rtl)
        canv.line(m, height - m + 8, width - m, height - m + 8)
    if spec.footer:
        _ = translator_for(lang).gettext
        label = _("Page {page} of {pages}").format(page=page, pages=total)
        end = Style(size=_HF_STYLE.size, color=_HF_STYLE.color, align="end", space_after=0)
        canv.line(m, m - 12, width - m, m - 12)
        draw_text_line(canv, label, m, m - 16, inner, end, language=lang, rtl=rtl)
    canv.restoreState()


def render_pdf(story: Iterable[Flowable | object], spec: PageSpec) -> bytes:
    """Lay out ``story`` (blocks from ``blocks.py`` or ready flowables) and return the PDF bytes."""
    from famdesk.printing.blocks import to_flowables  # blocks import page's PageSpec: avoid a cycle

    flowables = to_flowables(list(story), spec)
    buf = io.BytesIO()
    width, height = spec.pagesize
    m = spec.margin
    doc = BaseDocTemplate(
        buf, pagesize=(width, height), leftMargin=m, rightMargin=m, topMargin=m, bottomMargin=m,
        title=spec.title, author=spec.author, subject=spec.subject, creator="famdesk",
        producer="famdesk", keywords="", lang=_bcp47(spec.language), invariant=int(spec.invariant),
        initialFontName=get_font("latin").fontName, initialFontSize=10,
    )
    frame = Frame(m, m, width - 2 * m, height - 2 * m, id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def canvasmaker(*args, **kwargs):  # type: ignore[no-untyped-def]
        return _NumberedCanvas(*args, spec=spec, **kwargs)

    doc.build(flowables, canvasmaker=canvasmaker)
    return buf.getvalue()


def _bcp47(language: str) -> str:
    lang = normalize_language(language)
    return {"zh": "zh-Hans"}.get(lang, lang)
