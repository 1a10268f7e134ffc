"""The family's goal worksheet: their goal in their own words, the steps, and when we check in.

Printed in the family's language for the family to keep; the goal text itself is never translated.
"""

from __future__ import annotations

from famdesk.domain.partnership import GoalWorksheet
from famdesk.domain.printables import PrintResult
from famdesk.printing.blocks import Heading, KeyValue, Para, Spacer, Table
from famdesk.printing.documents.partnership_common import AREAS, STATUSES, own_direction, render_translated
from famdesk.printing.handouts import Tr
from famdesk.printing.page import PageSpec, render_pdf


def _blocks(data: GoalWorksheet, t: Tr) -> list[object]:
    g = data.goal
    blocks: list[object] = [Heading(t._("Our family goal")),
                            Para(t._("{family} family").format(family=data.family_name), bold=True),
                            Heading(t._("Our goal, in our own words"), 2), Para(own_direction(g.goal_text), size=13),
                            Spacer(6)]
    pairs = [(t._("Area"), t._(AREAS[g.area])), (t._("Status"), t._(STATUSES[g.status]))]
    if g.started_on:
        pairs.append((t._("Date we set this goal"), t.date(g.started_on)))
    if g.follow_up_on:
        pairs.append((t._("Next check-in"), t.date(g.follow_up_on)))
    if data.staff_name:
        pairs.append((t._("Staff member working with us"), data.staff_name))
    blocks += [KeyValue(pairs), Spacer(6), Heading(t._("Steps"), 2)]
    rows = [[own_direction(s.what), own_direction(s.who), t.date(s.due_on, "medium") if s.due_on else "",
             t._("Done") if s.done else ""]
            for s in g.steps]
    rows += [["", "", "", ""]] * max(0, 3 - len(rows))  # room to write new steps by hand
    blocks.append(Table(rows, header=[t._("What we will do"), t._("Who"), t._("By when"), t._("Done")],
                        col_widths=[0.5, 0.2, 0.18, 0.12]))
    if g.referrals:
        blocks += [Spacer(8), Heading(t._("Referrals"), 2), Para(own_direction(g.referrals))]
    line, short = ": ______________________     ", ": __________"
    blocks += [Spacer(18), Para(t._("Family signature") + line + t._("Date") + short),
               Spacer(10), Para(t._("Staff signature") + line + t._("Date") + short)]
    return blocks


def build_result(data: GoalWorksheet, *, locale: str, invariant: bool = False) -> PrintResult:
    program = data.program

    def make(t: Tr) -> bytes:
        spec = PageSpec(language=t.language, title=t._("Our family goal"), author=program.name,  # type: ignore[attr-defined]
                        header=program.name, paper=program.paper_size, country=program.country,  # type: ignore[attr-defined]
                        invariant=invariant)
        return render_pdf(_blocks(data, t), spec)

    return render_translated(make, locale, "Goal worksheet")


def build(data: GoalWorksheet, *, locale: str) -> bytes:
    return build_result(data, locale=locale).pdf
