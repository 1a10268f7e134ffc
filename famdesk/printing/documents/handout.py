"""One handout on its own (``famdesk print handout``): built-in or director-written, in one language.

Falls back like the packets do: a missing translation prints the fallback language and a warning says so.
"""

from __future__ import annotations

from famdesk.domain.printables import FamilyPacket, HandoutText, PrintResult, ProgramInfo
from famdesk.i18n import normalize_language
from famdesk.printing.blocks import SetLanguage
from famdesk.printing.custom import render_custom
from famdesk.printing.documents.welcome_packet import _count_pages
from famdesk.printing.handouts import HANDOUTS, Tr, render_handout
from famdesk.printing.page import PageSpec, render_pdf
from famdesk.printing.warnings import builtin_fallback, custom_fallback


def build_result(program: ProgramInfo, handout: str | HandoutText, *, locale: str,
                 family: FamilyPacket | None = None, invariant: bool = False) -> PrintResult:
    language = normalize_language(locale)
    warnings: list[str] = []
    if isinstance(handout, HandoutText):
        used, blocks, fell_back = render_custom(handout, language)
        title = handout.versions.get(used, (handout.key, ""))[0] or handout.key
        if fell_back:
            warnings.append(custom_fallback(title, language, used))
    else:
        used, blocks, missing = render_handout(handout, language, program, family)
        title = Tr(used)._(HANDOUTS[handout][0])
        if missing:
            warnings.append(builtin_fallback(HANDOUTS[handout][0], language, len(missing)))
    spec = PageSpec(language=used, title=title, author=program.name, header=program.name,
                    paper=program.paper_size, country=program.country, invariant=invariant)
    pdf = render_pdf([SetLanguage(used), *blocks], spec)
    return PrintResult(pdf, _count_pages(pdf), warnings)


def build(data: tuple[ProgramInfo, str | HandoutText], *, locale: str) -> bytes:
    program, handout = data
    return build_result(program, handout, locale=locale).pdf
