"""The printed dashboard summary's charts: values and labels in the PDF text, one page on Letter and A4."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from famdesk.domain import partnership as p
from famdesk.domain.languages import is_rtl
from famdesk.domain.printables import ProgramInfo
from famdesk.printing.charts import STYLES, BarChart, Series
from famdesk.printing.documents import dashboard_summary
from famdesk.printing.documents.partnership_common import STATUSES, TONES
from famdesk.printing.handouts import Tr
from famdesk.printing.page import PageSpec, render_pdf

from .conftest import assert_real_glyphs, squash, text_of

LONG = "Family literacy night with the public library, story time and a bilingual book swap for everyone"


def _dashboard(n_events: int = 3) -> p.Dashboard:
    events = [p.EventParticipation(i, LONG if i == 1 else f"Event number {i}",
                                   dt.datetime(2026, 8, 3, 18) + dt.timedelta(days=10 * i),
                                   5 + i, 7 + 2 * i, 3 + i, (5 + i) / 40) for i in range(n_events)]
    months = {"2026-09": {p.Tone.POSITIVE: 17, p.Tone.NEUTRAL: 4, p.Tone.CONCERN: 5},
              "2026-10": {p.Tone.POSITIVE: 23, p.Tone.NEUTRAL: 11, p.Tone.CONCERN: 2},
              "2027-01": {p.Tone.POSITIVE: 0, p.Tone.NEUTRAL: 0, p.Tone.CONCERN: 0}}  # after today: not shown
    return p.Dashboard(start=dt.date(2026, 8, 1), end=dt.date(2027, 7, 31), today=dt.date(2026, 12, 31),
                       enrolled_families=40, families_attending=31, participation_rate=31 / 40, events=events,
                       contacts_by_month=months,
                       goals_by_status={p.GoalStatus.IN_PROGRESS: 14, p.GoalStatus.ON_HOLD: 2,
                                        p.GoalStatus.ACHIEVED: 9, p.GoalStatus.CLOSED: 3},
                       attention=[], positive_days=30, home_visits=p.HomeVisitProgress("visits", 61, 80, 20, 40))


def _pdf(d: p.Dashboard, lang: str = "en", paper: str = "letter") -> bytes:
    program = ProgramInfo("Sunny Days Preschool", paper_size=paper)
    result = dashboard_summary.build_result(p.DashboardSummary(program, d), locale=lang, invariant=True)
    assert result.warnings == []
    return result.pdf


def test_charts_carry_their_titles_legends_labels_and_values() -> None:
    text = text_of(_pdf(_dashboard()))
    flat = squash(text)
    for title in ("Families at each event", "Contacts with families", "Family goals"):
        assert title in text
    for legend in ("Families", "Adults", "Children", "Positive", "Neutral", "Concern"):
        assert legend in text
    # families at each event with the share of enrolled families; adults and children as plain values
    assert "5 (12%)" in text and "6 (15%)" in text and "7 (18%)" in text
    tokens = text.split()
    assert all(v in tokens for v in ("7", "9", "11", "3", "4", "5"))
    assert "Event number 0" in text and "Aug 3, 2026" in text
    assert squash("Family literacy night") in flat and LONG not in text  # long title cut with an ellipsis
    assert "…" in text
    # contacts per month: months up to today only, every value printed
    assert "Sep 2026" in text and "Oct 2026" in text and "Jan 2027" not in text
    assert all(v in tokens for v in ("17", "23", "11", "2"))
    for status, n in (("In progress", 14), ("On hold", 2), ("Achieved", 9), ("Closed", 3)):
        assert status in text and str(n) in text


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("lang", ["en", "es", "ar", "zh", "vi", "ne", "ru", "so"])
def test_a_whole_year_still_prints_on_one_page(lang: str, paper: str) -> None:
    # GIVEN 30 past events with long titles WHEN printed THEN one page, the 8 most recent events, real glyphs
    pdf = _pdf(replace(_dashboard(30), today=dt.date(2027, 7, 31)), lang, paper)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    width = float(reader.pages[0].mediabox.width)
    assert round(width) == (612 if paper == "letter" else 595)
    t = Tr(lang)
    text = squash(text_of(pdf))
    assert squash(t._("Families at each event")) in text
    note = t._("(the {n} most recent of {total})").format(n=8, total=30)
    if is_rtl(lang):  # pypdf reorders digits and brackets inside Arabic lines: check the words
        assert all(word in text for word in note.split() if word.isalpha()), note
    else:
        assert squash(note) in text
    for tone in p.Tone:
        assert squash(t._(TONES[tone])) in text
    assert squash(t._(STATUSES[p.GoalStatus.IN_PROGRESS])) in text
    assert squash("Event number 29") in text and squash("Event number 21") not in text
    assert_real_glyphs(pdf, lang)


def test_no_events_yet_says_so_and_names_no_family() -> None:
    d = replace(_dashboard(0), attention=[p.AttentionItem(7, "Zyxwvutson family", ["no positive contact"])])
    text = text_of(_pdf(d))
    assert "No events have taken place yet." in text and "Zyxwvutson" not in text


def _positions(pdf: bytes) -> dict[str, float]:
    """x of each text run on the page (pypdf's visitor sees our Tm operators)."""
    seen: dict[str, float] = {}

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if text.strip():
            seen.setdefault(text.strip(), tm[4])

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return seen


def test_right_to_left_charts_are_mirrored() -> None:
    # GIVEN one chart in English and in Arabic WHEN drawn THEN the category label sits left of its bar's
    # value in English and right of it in Arabic
    def chart_pdf(lang: str) -> bytes:
        chart = BarChart("T", ["Zebra"], [Series("S", (4.0,), labels=("444",))], language=lang, horizontal=True)
        return render_pdf([chart], PageSpec(language=lang, paper="letter"))

    en, ar = _positions(chart_pdf("en")), _positions(chart_pdf("ar"))
    assert en["Zebra"] < en["444"]
    assert ar["Zebra"] > ar["444"]


def test_every_series_style_differs_in_pattern_or_lightness() -> None:
    # greyscale copies keep series apart: no two styles share both pattern and (rounded) lightness
    def lightness(rgb: tuple[float, float, float]) -> int:
        return round((0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) * 4)

    keys = [(pattern, lightness(colour)) for colour, pattern in STYLES]
    assert len(set(keys)) == len(keys)
