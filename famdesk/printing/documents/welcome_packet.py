"""Welcome packets: the program's chosen handouts plus the family's own page, in the family's language.

``build(data, *, locale)`` returns PDF bytes; ``build_result`` also returns the page count and the
warnings a director must see (handouts printed in English for lack of a translation).  ``build_batch``
prints many families as one PDF (for the printer) or one PDF per family, with progress and cancel hooks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from famdesk.domain.printables import FamilyPacket, HandoutText, PrintResult, ProgramInfo, WelcomePacket
from famdesk.i18n import normalize_language
from famdesk.printing.blocks import Image, PageBreak, SetLanguage, Spacer
from famdesk.printing.custom import render_custom
from famdesk.printing.handouts import HANDOUTS, Tr, render_handout
from famdesk.printing.page import PageSpec, render_pdf
from famdesk.printing.warnings import builtin_fallback, custom_fallback


def packet_blocks(data: WelcomePacket, language: str) -> tuple[list[object], list[str]]:
    """Blocks of one family's packet (both languages if asked) and the fallback warnings."""
    languages = [language]
    if data.family.both_languages and language != "en":
        languages.append("en")
    blocks: list[object] = []
    warnings: list[str] = []
    custom = {h.key: h for h in data.custom}
    for lang in languages:
        if blocks:
            blocks.append(PageBreak())
        for name in (*data.handouts, "family_page"):
            if name in custom:
                used, hblocks, fell_back = render_custom(custom[name], lang)
                if fell_back and hblocks:
                    title = next(iter(custom[name].versions.get(used, ("",))), "") or name
                    warnings.append(custom_fallback(title, lang, used))
            elif name in HANDOUTS:
                used, hblocks, missing = render_handout(name, lang, data.program, data.family)
                if missing:
                    warnings.append(builtin_fallback(HANDOUTS[name][0], lang, len(missing)))
            else:
                continue
            if not hblocks:
                continue
            if name == "family_page":
                if blocks and not isinstance(blocks[-1], PageBreak):  # a packet of the family page alone
                    blocks.append(PageBreak())
            elif blocks and not isinstance(blocks[-1], PageBreak):
                blocks.append(Spacer(14))
            blocks.append(SetLanguage(used))
            if name == "welcome_letter" and data.program.logo_png:
                blocks.append(Image(data.program.logo_png))
            blocks.extend(hblocks)
    return blocks, warnings


def page_spec(program: ProgramInfo, language: str, *, invariant: bool = False) -> PageSpec:
    t = Tr(language)
    return PageSpec(language=language, title=t._("Welcome letter"), author=program.name,
                    header=program.name, paper=program.paper_size, country=program.country,
                    invariant=invariant)


def build_result(data: WelcomePacket, *, locale: str | None = None, invariant: bool = False) -> PrintResult:
    language = normalize_language(locale or data.family.language)
    blocks, warnings = packet_blocks(data, language)
    pdf = render_pdf(blocks, page_spec(data.program, language, invariant=invariant))
    return PrintResult(pdf, _count_pages(pdf), warnings)


def build(data: WelcomePacket, *, locale: str | None = None) -> bytes:
    """PDF bytes of one family's welcome packet (``locale`` overrides the family's language)."""
    return build_result(data, locale=locale).pdf


def build_batch(program: ProgramInfo, families: Iterable[FamilyPacket], *, one_file: bool = True,
                handouts: tuple[str, ...] | None = None, custom: tuple[HandoutText, ...] = (),
                invariant: bool = False,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> list[PrintResult]:
    """Packets for many families: one PDF (each family from a new page) or one PDF per family.

    The single file's page furniture (title, footer language) is English since families differ.
    """
    fams = list(families)
    base = WelcomePacket(program, fams[0]) if fams else None
    results: list[PrintResult] = []
    all_blocks: list[object] = []
    all_warnings: list[str] = []
    for i, fam in enumerate(fams):
        if cancelled and cancelled():
            break
        data = replace(base, family=fam) if base else WelcomePacket(program, fam)  # type: ignore[arg-type]
        if handouts is not None:
            data = replace(data, handouts=handouts)
        if custom:
            data = replace(data, custom=custom)
        if one_file:
            blocks, warnings = packet_blocks(data, normalize_language(fam.language))
            if all_blocks:
                all_blocks.append(PageBreak())
            all_blocks.extend(blocks)
            all_warnings.extend(f"{fam.family_name}: {w}" for w in warnings)
        else:
            results.append(build_result(data, invariant=invariant))
        if progress:
            progress(i + 1, len(fams))
    if one_file and all_blocks:
        pdf = render_pdf(all_blocks, page_spec(program, "en", invariant=invariant))
        results.append(PrintResult(pdf, _count_pages(pdf), all_warnings))
    return results


def _count_pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page ") or pdf.count(b"/Type /Page>>")
