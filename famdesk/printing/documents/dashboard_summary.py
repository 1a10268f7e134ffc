"""The one-page partnership summary for the board and the bulletin board.

Counts only: no family is named, because the bulletin board is public.  Key figures, then charts
(``printing.charts``: patterns and printed values, legible when photocopied in greyscale): families,
adults and children at the most recent events, contacts by tone per month, goals by status.  Every chart
has a fixed number of bars, so the summary stays one page on Letter and A4.
"""

from __future__ import annotations

import datetime as dt

from famdesk.domain.partnership import Dashboard, DashboardSummary, GoalStatus, Tone
from famdesk.domain.printables import PrintResult
from famdesk.formatting import format_date, format_number, format_percent
from famdesk.printing.blocks import Heading, KeyValue, Para, Spacer
from famdesk.printing.charts import BarChart, ChartRow, Series
from famdesk.printing.documents.partnership_common import STATUSES, TONES, render_translated
from famdesk.printing.handouts import Tr
from famdesk.printing.page import PageSpec, render_pdf

MONTHS_SHOWN = 6
EVENTS_SHOWN = 8  # the page must stay one page however many events the year had


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
                            KeyValue(pairs, label_width=0.55), Spacer(6)]
    blocks += _events_chart(d, t)
    blocks.append(ChartRow([_contacts_chart(d, t), _goals_chart(d, t)], language=t.language))
    return blocks


def _events_chart(d: Dashboard, t: Tr) -> list[object]:
    """Families, adults and children at the most recent events (a fixed number, so the page stays one)."""
    past = [e for e in d.events if e.starts_at.date() <= d.today]
    if not past:
        return [Heading(t._("Families at each event"), 2), Para(t._("No events have taken place yet.")),
                Spacer(6)]
    shown = past[-EVENTS_SHOWN:]
    title = t._("Families at each event")
    if len(past) > len(shown):
        title += " " + t._("(the {n} most recent of {total})").format(n=len(shown), total=len(past))
    cats = [f"{t.date(e.starts_at.date(), 'medium')}\n{e.title}" for e in shown]
    families = Series(t._("Families"), tuple(float(e.families) for e in shown), style=3,
                      labels=tuple(t._("{n} ({percent})").format(
                          n=format_number(e.families, t.language), percent=format_percent(e.rate, t.language))
                          for e in shown))
    adults = Series(t._("Adults"), tuple(float(e.adults) for e in shown), style=4)
    children = Series(t._("Children"), tuple(float(e.children) for e in shown), style=5)
    return [BarChart(title, cats, [families, adults, children], language=t.language, horizontal=True, bar=8)]


def _contacts_chart(d: Dashboard, t: Tr) -> BarChart:
    months = [m for m in d.contacts_by_month if m <= f"{d.today:%Y-%m}"][-MONTHS_SHOWN:]
    cats = [format_date(dt.date.fromisoformat(m + "-01"), t.language, "MMM yyyy") for m in months]
    series = [Series(t._(TONES[tone]), tuple(float(d.contacts_by_month[m][tone]) for m in months), style=i)
              for i, tone in enumerate(Tone)]  # positive solid, neutral dots, concern stripes
    return BarChart(t._("Contacts with families"), cats, series, language=t.language, plot_height=115)


def _goals_chart(d: Dashboard, t: Tr) -> BarChart:
    cats = [t._(STATUSES[s]) for s in d.goals_by_status]
    series = [Series(t._("Goals"), tuple(float(n) for n in d.goals_by_status.values()), style=3)]
    return BarChart(t._("Family goals"), cats, series, language=t.language, horizontal=True, bar=12)


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
