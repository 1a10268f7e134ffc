"""Take-home notes: warm, short notes about something a child did, in the family's language.

The frame (title, greeting, "what we saw", the learning area and the date) is translated through the
``handouts`` catalog; the teacher's words are printed exactly as written, with the optional translation
below them. Several notes share a sheet (two columns of cards). Each family starts a new page in its
own language; a language without a complete catalog prints in English and ``build_result`` says so.
"""

from __future__ import annotations

import unicodedata

from famdesk.domain.languages import is_rtl
from famdesk.domain.printables import PrintResult
from famdesk.domain.take_home import FamilyNotes, TakeHomeBatch, TakeHomeNote
from famdesk.i18n import N_, normalize_language
from famdesk.printing.blocks import Card, Cards, PageBreak, Para, SetLanguage, Spacer
from famdesk.printing.handouts import Tr
from famdesk.printing.page import PageSpec, render_pdf
from famdesk.printing.text import ltr

# ELOF central domains: names printed in the family's language (catalog msgids; extracted by pybabel).
DOMAIN_NAMES = (
    N_("Approaches to Learning"),
    N_("Social and Emotional Development"),
    N_("Language and Literacy"),
    N_("Language and Communication"),
    N_("Cognition"),
    N_("Perceptual, Motor, and Physical Development"),
)


def _plain(text: str, language: str) -> str:
    """The teacher's words as written: the engine's only markup neutralised (never bold by accident),
    and an English sentence on an Arabic page kept left-to-right so its full stop stays at its end."""
    text = text.replace("<b>", "‹b›").replace("</b>", "‹/b›")
    if is_rtl(language) and _first_strong(text) == "L":
        return ltr(text)
    return text


def _first_strong(text: str) -> str:
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("L", "R", "AL"):
            return "L" if kind == "L" else "R"
    return ""


def note_card(note: TakeHomeNote, t: Tr, language: str) -> Card:
    blocks: list[object] = [
        Para(
            t._("Good news about {child}!").format(child=note.child_name),
            size=13,
            bold=True,
            color=(0.12, 0.36, 0.55),
        ),
        Para(t._("Dear family,")),
        Para(
            t._("On {date}, {teacher} saw this:").format(
                date=t.date(note.observed_on), teacher=note.teacher or t._("the teacher")
            )
        ),
        Para(_plain(note.text, language), size=11.5),
    ]
    if note.translation and normalize_language(note.translation_language) == language:
        blocks.append(Para(t._("In your language:"), size=9, color=(0.35, 0.35, 0.35)))
        blocks.append(Para(_plain(note.translation, language), size=11.5))
    if note.domains:
        names = t._(", ").join(t._(name) for name in note.domains)
        blocks.append(
            Para(t._("Learning area: {areas}").format(areas=names), size=9.5, color=(0.3, 0.3, 0.3))
        )
    blocks.append(
        Para(t._("Ask {child} to tell you about it!").format(child=note.child_name), size=10, bold=True)
    )
    return Card(blocks)


def family_blocks(fam: FamilyNotes, language: str) -> tuple[list[object], list[str]]:
    """Cards of one family in ``language``, or in English when its catalog lacks a message."""
    t = Tr(language)
    cards = [note_card(n, t, language) for n in fam.notes]
    if not t.missing or language == "en":
        return [SetLanguage(language), Cards(cards, columns=2)], []
    english = Tr("en")
    warning = (
        f"take-home notes: no {language} translation for {len(set(t.missing))} message(s); printed in English"
    )
    return [SetLanguage("en"), Cards([note_card(n, english, "en") for n in fam.notes], columns=2)], [warning]


def build_result(data: TakeHomeBatch, *, locale: str | None = None, invariant: bool = False) -> PrintResult:
    blocks: list[object] = []
    warnings: list[str] = []
    languages = []
    for fam in data.families:
        lang = normalize_language(locale or fam.language)
        fblocks, fwarn = family_blocks(fam, lang)
        if blocks:
            blocks.append(PageBreak())
        blocks.extend(fblocks)
        warnings.extend(fwarn)
        languages.append(lang)
    if not blocks:
        blocks = [Spacer(1)]
    doc_lang = languages[0] if len(set(languages)) == 1 else "en"
    spec = PageSpec(
        language=doc_lang,
        title=Tr(doc_lang)._("Take-home notes"),
        author=data.program_name,
        header=data.program_name,
        paper=data.paper_size,
        country=data.country,
        invariant=invariant,
    )
    pdf = render_pdf(blocks, spec)
    pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page ") or pdf.count(b"/Type /Page>>")
    return PrintResult(pdf, pages, warnings)


def build(data: TakeHomeBatch, *, locale: str | None = None) -> bytes:
    """PDF bytes; ``locale`` forces one language for every family (else each family's own)."""
    return build_result(data, locale=locale).pdf
