"""The visit-record sheet a home visitor takes along: who, when, where, recent visits, space to write."""

from __future__ import annotations

from famdesk.domain.visit_printables import VisitRecord
from famdesk.i18n import normalize_language
from famdesk.printing.blocks import Heading, KeyValue, Para, Rule, Spacer, Table
from famdesk.printing.documents.visit_letter import KINDS
from famdesk.printing.handouts import Tr
from famdesk.printing.page import PageSpec, render_pdf


def build(data: VisitRecord, *, locale: str, invariant: bool = False) -> bytes:
    t = Tr(normalize_language(locale))
    if t.language != "en" and _needs_english(t, data):
        t = Tr("en")  # a staff sheet in half a language helps nobody
    title = t._("Visit record: {kind}").format(kind=t._(KINDS.get(data.kind, KINDS["home_visit"])))
    return render_pdf(
        _blocks(t, data),
        PageSpec(
            language=t.language,
            title=title,
            author=data.program.name,
            header=data.program.name,
            paper=data.program.paper_size,
            country=data.program.country,
            invariant=invariant,
        ),
    )


def _needs_english(t: Tr, data: VisitRecord) -> bool:
    _blocks(t, data)
    return bool(t.missing)


def _blocks(t: Tr, d: VisitRecord) -> list[object]:
    when = f"{t.date(d.starts_at.date(), 'full')}, {t.time(d.starts_at.time())} – {t.time(d.ends_at.time())}"
    pairs = [(t._("Family"), d.family_name), (t._("When"), when)]
    if d.address:
        pairs.append((t._("Where"), d.address))
    pairs.append((t._("Staff"), ", ".join(d.staff_names)))
    if d.children:
        pairs.append((t._("Children"), ", ".join(d.children)))
    if d.family_language:
        pairs.append((t._("Family's language"), d.family_language))
    if d.interpreter_needed or d.interpreter_name:
        pairs.append((t._("Interpreter"), d.interpreter_name or t._("needed, not yet arranged")))
    if d.purpose:
        pairs.append((t._("Purpose"), d.purpose))
    if d.required_to_date:
        pairs.append(
            (
                t._("Visits this year"),
                t._("{held} held of {required} due so far").format(
                    held=d.held_so_far, required=d.required_to_date
                ),
            )
        )
    blocks: list[object] = [
        Heading(t._("Visit record: {kind}").format(kind=t._(KINDS.get(d.kind, KINDS["home_visit"])))),
        KeyValue(pairs),
    ]
    if d.recent:
        blocks += [
            Heading(t._("Recent visits"), level=2),
            Table(
                [
                    [t.date(v.date, "medium"), v.status, str(v.minutes) if v.minutes is not None else ""]
                    for v in d.recent
                ],
                header=[t._("Date"), t._("Outcome"), t._("Minutes")],
                col_widths=[0.3, 0.5, 0.2],
            ),
        ]
    blocks.append(Heading(t._("During the visit"), level=2))
    for prompt in (
        t._("Started at: ______   Ended at: ______   Minutes held: ______"),
        t._("Something positive the child did:"),
        t._("What the family shared (strengths, goals):"),
        t._("Activities we did together:"),
        t._("Next steps and date of the next visit:"),
    ):
        blocks += [Para(prompt, bold=True), Spacer(22), Rule()]
    if d.minimum_minutes:
        blocks.append(
            Para(
                t._("A home visit counts when it lasts at least {minutes} minutes.").format(
                    minutes=d.minimum_minutes
                )
            )
        )
    blocks += [
        Spacer(10),
        Para(t._("Staff signature: ____________________    Family signature: ____________________")),
    ]
    return blocks
