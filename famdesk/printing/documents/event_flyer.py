"""An event flyer in one family language: when, where, childcare, interpretation and food."""

from __future__ import annotations

from famdesk.domain.partnership import EventFlyer
from famdesk.domain.printables import PrintResult
from famdesk.formatting import language_name
from famdesk.printing.blocks import Bullets, Heading, KeyValue, Para, Spacer
from famdesk.printing.documents.partnership_common import own_direction, render_translated
from famdesk.printing.handouts import Tr
from famdesk.printing.page import PageSpec, render_pdf
from famdesk.printing.text import ltr


def _blocks(data: EventFlyer, t: Tr) -> list[object]:
    e, program = data.event, data.program
    assert e.starts_at is not None and e.ends_at is not None
    blocks: list[object] = [Para(t._("You are invited!"), size=14, bold=True, align="center"),
                            Heading(own_direction(e.title)), Spacer(4)]
    # "Date", not "When": some languages translate "When" and "Time" with the same word
    pairs = [(t._("Date"), t.date(e.starts_at.date(), "full")),
             (t._("Time"), f"{t.time(e.starts_at.time())} – {t.time(e.ends_at.time())}")]
    if e.place:
        pairs.append((t._("Where"), own_direction(e.place)))
    if e.food:
        pairs.append((t._("Food"), own_direction(e.food)))
    blocks.append(KeyValue(pairs))
    notes = [t._("Children are welcome.")]
    if e.childcare:
        notes.append(t._("Free childcare is provided."))
    if e.interpretation and e.interpretation_languages:
        names = t.join([language_name(code, t.language) for code in e.interpretation_languages])
        notes.append(t._("Interpreters will be there for: {languages}").format(languages=names))
    blocks += [Spacer(4), Bullets(notes)]
    if e.description:
        blocks += [Spacer(4), Para(own_direction(e.description))]
    if program.phone:  # type: ignore[attr-defined]
        blocks += [Spacer(10), Para(t._("Questions? Call us at {phone}.").format(phone=ltr(program.phone)))]  # type: ignore[attr-defined]
    return blocks


def build_result(data: EventFlyer, *, locale: str, invariant: bool = False) -> PrintResult:
    program = data.program

    def make(t: Tr) -> bytes:
        spec = PageSpec(language=t.language, title=t._("You are invited!"), author=program.name,  # type: ignore[attr-defined]
                        header=program.name, paper=program.paper_size, country=program.country,  # type: ignore[attr-defined]
                        invariant=invariant)
        return render_pdf(_blocks(data, t), spec)

    return render_translated(make, locale, "Event flyer")


def build(data: EventFlyer, *, locale: str) -> bytes:
    return build_result(data, locale=locale).pdf
