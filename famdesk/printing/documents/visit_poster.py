"""The bulletin-board poster: home visits made this year against the goal, per classroom, and how many
times families came to the program. Large type, no family names (it hangs in the hallway)."""

from __future__ import annotations

from famdesk.domain.visit_printables import VisitPoster
from famdesk.i18n import normalize_language
from famdesk.printing.blocks import Heading, Para, Spacer, Table
from famdesk.printing.handouts import Tr
from famdesk.printing.page import PageSpec, render_pdf

BAR_CELLS = 20


def bar(done: int, goal: int) -> str:
    """A text progress bar (█ done, ░ to go): prints in every font and survives photocopying."""
    filled = 0 if goal <= 0 else min(BAR_CELLS, round(BAR_CELLS * done / goal))
    return "█" * filled + "░" * (BAR_CELLS - filled)


def build(data: VisitPoster, *, locale: str | None = None, invariant: bool = False) -> bytes:
    t = Tr(normalize_language(locale or data.language))
    blocks = _blocks(t, data)
    if t.missing:
        t = Tr("en")
        blocks = _blocks(t, data)
    return render_pdf(
        blocks,
        PageSpec(
            language=t.language,
            title=t._("Home visits this year"),
            author=data.program.name,
            header=data.program.name,
            footer=False,
            paper=data.program.paper_size,
            country=data.program.country,
            invariant=invariant,
        ),
    )


def _blocks(t: Tr, d: VisitPoster) -> list[object]:
    total = sum(r.home_visits for r in d.rows)
    goal = sum(r.goal for r in d.rows)
    rows = [
        [r.classroom, str(r.families), f"{r.home_visits} / {r.goal}", bar(r.home_visits, r.goal)]
        for r in d.rows
    ]
    rows.append(
        [t._("All classrooms"), str(sum(r.families for r in d.rows)), f"{total} / {goal}", bar(total, goal)]
    )
    return [
        Heading(t._("Home visits this year")),
        Para(
            t._("{start} to {end} — counted on {today}").format(
                start=t.date(d.year_start, "medium"),
                end=t.date(d.year_end, "medium"),
                today=t.date(d.as_of, "medium"),
            )
        ),
        Spacer(8),
        Para(
            t._("Home visits made so far: {count}. Thank you, families, for welcoming us!").format(
                count=total
            ),
            bold=True,
        ),
        Spacer(8),
        Table(
            rows,
            header=[t._("Classroom"), t._("Families"), t._("Visits / goal"), t._("Progress")],
            col_widths=[0.3, 0.14, 0.18, 0.38],
        ),
        Spacer(14),
        Heading(t._("Families visiting us"), level=2),
        Para(
            t._("Family visits to the program (conferences and group activities): {count}").format(
                count=d.family_visits_to_program
            )
        ),
    ]
