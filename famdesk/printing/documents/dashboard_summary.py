"""The one-page partnership summary for the board and the bulletin board.

Counts only: no family is named, because the bulletin board is public.
"""

from __future__ import annotations

import datetime as dt

from famdesk.domain.partnership import DashboardSummary, GoalStatus, Tone
from famdesk.domain.printables import PrintResult
from famdesk.formatting import format_date, format_percent
from famdesk.printing.blocks import Heading, KeyValue, Para, Table
from famdesk.printing.documents.partnership_common import STATUSES, TONES, render_translated
from famdesk.printing.handouts import Tr
from famdesk.printing.page import PageSpec, render_pdf

MONTHS_SHOWN = 6


def _blocks(data: DashboardSummary, t: Tr) -> list[object]:
    d = data.dashboard
    hv = d.home_visits
    pairs = [(t._("Families enrolled"), str(d.enrolled_families)),
             (t._("Families who came to at least one event"), t._("{n} of {total} ({percent})").format(
                 n=d.families_attending, total=d.enrolled_families,
                 percent=format_percent(d.participation_rate, t.language))),
             (t._("Family goals achieved"), str(d.goals_by_status[GoalStatus.ACHIEVED]))]
    if hv:
        pairs.append((t._("Home visits made"), t._("{made} of {goal}").format(made=hv.made, goal=hv.goal)))
    pairs.append((t._("Families to reach out to"), str(len(d.attention))))
    blocks: list[object] = [Heading(t._("Family partnership at a glance")),
                            Para(t._("{start} to {end}").format(start=t.date(d.start), end=t.date(d.end))),
                            KeyValue(pairs, label_width=0.55)]
    past = [e for e in d.events if e.starts_at.date() <= d.today]
    if past:
        blocks += [Heading(t._("Events"), 2),
                   Table([[t.date(e.starts_at.date(), "medium"), e.title, str(e.families), str(e.adults),
                           str(e.children)] for e in past],
                         header=[t._("Date"), t._("Event"), t._("Families"), t._("Adults"), t._("Children")],
                         col_widths=[0.2, 0.41, 0.13, 0.13, 0.13])]
    months = [m for m in d.contacts_by_month if m <= f"{d.today:%Y-%m}"][-MONTHS_SHOWN:]
    blocks += [Heading(t._("Contacts with families"), 2),
               Table([[format_date(dt.date.fromisoformat(m + "-01"), t.language, "MMMM yyyy")]
                      + [str(d.contacts_by_month[m][tone]) for tone in Tone] for m in months],
                     header=[t._("Month")] + [t._(TONES[tone]) for tone in Tone])]
    blocks += [Heading(t._("Family goals"), 2),
               Table([[t._(STATUSES[s]), str(n)] for s, n in d.goals_by_status.items()],
                     header=[t._("Status"), t._("Goals")], col_widths=[0.7, 0.3])]
    return blocks


def build_result(data: DashboardSummary, *, locale: str, invariant: bool = False) -> PrintResult:
    program = data.program

    def make(t: Tr) -> bytes:
        spec = PageSpec(language=t.language, title=t._("Family partnership at a glance"),
                        author=program.name, header=program.name, paper=program.paper_size,  # type: ignore[attr-defined]
                        country=program.country, invariant=invariant)  # type: ignore[attr-defined]
        return render_pdf(_blocks(data, t), spec)

    return render_translated(make, locale, "Dashboard summary")


def build(data: DashboardSummary, *, locale: str) -> bytes:
    return build_result(data, locale=locale).pdf
