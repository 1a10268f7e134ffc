"""A bilingual translation worksheet on paper: each English piece with ruled lines to write on."""

from __future__ import annotations

from dataclasses import dataclass

from famdesk.domain.printables import ProgramInfo
from famdesk.formatting import language_name
from famdesk.i18n import _
from famdesk.printing.blocks import Heading, KeepWithNext, PageBreak, Para, Rule, Spacer
from famdesk.printing.page import PageSpec, render_pdf


@dataclass(frozen=True)
class Worksheet:
    program: ProgramInfo
    title: str
    pieces: list[str]
    languages: list[str]


def build(data: Worksheet, *, locale: str = "en") -> bytes:
    blocks: list[object] = []
    for lang in data.languages:
        if blocks:
            blocks.append(PageBreak())
        blocks += [Heading(_("Translation worksheet: {title}").format(title=data.title)),
                   Para(_("Please write the {language} translation under each English piece. Keep the "
                          "meaning; plain, friendly words are best.").format(
                       language=language_name(lang, "en"))),
                   Spacer(8)]
        for i, piece in enumerate(data.pieces, start=1):
            lines = max(2, len(piece) // 70 + 2)
            blocks.append(KeepWithNext([Para(f"{i}. {piece}", bold=i == 1), Spacer(14),
                                        *[x for _n in range(lines) for x in (Rule(0.4), Spacer(16))]]))
    spec = PageSpec(language=locale, title=_("Translation worksheet"), author=data.program.name,
                    header=data.program.name, paper=data.program.paper_size, country=data.program.country)
    return render_pdf(blocks, spec)
