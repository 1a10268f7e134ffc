"""Appointment letter or reminder for a home visit, conference or socialization, in the family's language.

Printed in one language only: if any sentence lacks a translation the whole letter comes out in
English and ``build_result`` says so (the director then prints it with an interpreter's help).
"""

from __future__ import annotations

import io

from pypdf import PdfReader

from famdesk.domain.printables import PrintResult
from famdesk.domain.visit_printables import VisitLetter
from famdesk.i18n import N_, normalize_language
from famdesk.printing.blocks import Heading, KeyValue, Para, Spacer
from famdesk.printing.handouts import Tr
from famdesk.printing.page import PageSpec, render_pdf
from famdesk.printing.text import ltr

KINDS = {
    "home_visit": N_("Home visit"),
    "parent_conference": N_("Parent conference"),
    "group_socialization": N_("Group socialization"),
}
PLACES = {"home": N_("At your home"), "center": N_("At the center"), "other": N_("Somewhere else")}


def _blocks(t: Tr, d: VisitLetter) -> list[object]:
    kind = t._(KINDS.get(d.kind, KINDS["home_visit"]))
    when = f"{t.date(d.starts_at.date(), 'full')}, {t.time(d.starts_at.time())} – {t.time(d.ends_at.time())}"
    title = t._("Reminder: {kind}").format(kind=kind) if d.reminder else kind
    blocks: list[object] = [Heading(title), Para(t._("Dear {family},").format(family=d.family_name))]
    if d.reminder:
        blocks.append(Para(t._("This is a friendly reminder of our meeting:")))
    elif d.make_up:
        blocks.append(Para(t._("We are sorry we had to cancel our last visit. Here is the new date:")))
    else:
        blocks.append(Para(t._("We look forward to meeting with you:")))
    where = t._(PLACES.get(d.place, PLACES["other"]))
    if d.address:
        where = f"{where}: {d.address}"
    pairs = [(t._("When"), when), (t._("Where"), where)]
    if d.staff_names:
        pairs.append((t._("With"), ", ".join(d.staff_names)))
    blocks += [KeyValue(pairs), Spacer(6)]
    if d.interpreter:
        blocks.append(Para(t._("An interpreter will be there.")))
    blocks.append(
        Para(
            t._("If this time does not work for you, please call us and we will find another time together.")
        )
    )
    if d.program.phone:
        blocks.append(KeyValue([(t._("Phone"), ltr(d.program.phone))]))
    blocks += [
        Spacer(6),
        Para(t._("With warm wishes,")),
        Para(t._("The {program} team").format(program=d.program.name), bold=True),
    ]
    return blocks


def build_result(data: VisitLetter, *, locale: str | None = None, invariant: bool = False) -> PrintResult:
    language = normalize_language(locale or data.language)
    t = Tr(language)
    blocks = _blocks(t, data)
    warnings = []
    if t.missing:
        warnings.append(
            f"No {language} translation for {len(set(t.missing))} sentence(s) of the letter; "
            f"printed in English"
        )
        t = Tr("en")
        blocks = _blocks(t, data)
    spec = PageSpec(
        language=t.language,
        title=t._("Home visit"),
        author=data.program.name,
        header=data.program.name,
        paper=data.program.paper_size,
        country=data.program.country,
        invariant=invariant,
    )
    pdf = render_pdf(blocks, spec)
    return PrintResult(pdf, len(PdfReader(io.BytesIO(pdf)).pages), warnings)


def build(data: VisitLetter, *, locale: str | None = None) -> bytes:
    return build_result(data, locale=locale).pdf
