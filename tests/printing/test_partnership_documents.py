"""Goal worksheet, event flyer and dashboard summary: read back from real PDFs, in Spanish and Arabic."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from famdesk.domain import partnership as p
from famdesk.domain.languages import print_language_codes
from famdesk.printing.documents import dashboard_summary, event_flyer, goal_worksheet
from famdesk.printing.documents.partnership_common import AREAS, STATUSES
from famdesk.printing.handouts import Tr

from .conftest import assert_real_glyphs, squash, text_of

LANGS = print_language_codes()

GOAL = p.Goal(family_id=1, goal_text="Leer con Sofía cada noche", area=p.GoalArea.LIFELONG_EDUCATORS,
              started_on=dt.date(2026, 9, 10), follow_up_on=dt.date(2026, 12, 1), referrals="Biblioteca pública",
              steps=[p.GoalStep("Sacar la tarjeta de la biblioteca", "Mamá", dt.date(2026, 9, 20), True),
                     p.GoalStep("Leer 15 minutos", "Familia")])
EVENT = p.Event(title="Noche de cuentos", starts_at=dt.datetime(2026, 12, 1, 18),
                ends_at=dt.datetime(2026, 12, 1, 19, 30), place="Salón 4", childcare=True, interpretation=True,
                interpretation_languages=["es", "ar"], food="Cena")


@pytest.mark.parametrize(("locale", "expected"), [
    ("es", ["La meta de nuestra familia", "Leer con Sofía cada noche", "Familias como educadoras de por vida",
            "Sacar la tarjeta de la biblioteca", "Hecho"]),
    ("ar", ["هدف عائلتنا", "العائلات معلمة مدى الحياة", "الخطوات"]),
])
def test_goal_worksheet_in_the_familys_language(program, locale, expected) -> None:  # type: ignore[no-untyped-def]
    result = goal_worksheet.build_result(p.GoalWorksheet(program, "Zyxwvutson", GOAL, "Ana López"), locale=locale,
                                         invariant=True)
    assert result.warnings == []
    text = squash(text_of(result.pdf))
    for piece in expected:
        assert squash(piece) in text
    assert "Zyxwvutson" not in str(PdfReader(io.BytesIO(result.pdf)).metadata)


@pytest.mark.parametrize(("locale", "expected"), [
    ("es", ["¡Están invitados!", "Noche de cuentos", "Habrá cuidado de niños gratis.", "Dónde", "Salón 4"]),
    ("ar", ["أنتم مدعوون", "تتوفر رعاية مجانية للأطفال."]),
])
def test_event_flyer(program, locale, expected) -> None:  # type: ignore[no-untyped-def]
    result = event_flyer.build_result(p.EventFlyer(program, EVENT), locale=locale, invariant=True)
    assert result.warnings == []
    text = squash(text_of(result.pdf))
    for piece in expected:
        assert squash(piece) in text


def test_flyer_without_translation_falls_back_to_english_and_says_so(program) -> None:  # type: ignore[no-untyped-def]
    result = event_flyer.build_result(p.EventFlyer(program, EVENT), locale="de", invariant=True)  # no catalog
    assert result.warnings and "printed in English" in result.warnings[0]
    assert "You are invited!" in text_of(result.pdf)


def test_dashboard_summary_names_no_family(program) -> None:  # type: ignore[no-untyped-def]
    d = p.Dashboard(start=dt.date(2026, 8, 1), end=dt.date(2027, 7, 31), today=dt.date(2026, 11, 20),
                    enrolled_families=3, families_attending=2, participation_rate=2 / 3,
                    events=[p.EventParticipation(1, "Family dinner", dt.datetime(2026, 9, 15, 18), 2, 3, 3, 2 / 3)],
                    contacts_by_month={"2026-11": {p.Tone.POSITIVE: 2, p.Tone.NEUTRAL: 1, p.Tone.CONCERN: 0}},
                    goals_by_status={s: i for i, s in enumerate(p.GoalStatus)},
                    attention=[p.AttentionItem(7, "Zyxwvutson family", ["no positive contact"])], positive_days=30,
                    home_visits=p.HomeVisitProgress("contacts", 1, 3, 1, 3))
    pdf = dashboard_summary.build_result(p.DashboardSummary(program, d), locale="en", invariant=True).pdf
    text = text_of(pdf)
    assert "2 of 3 (67%)" in text and "Family dinner" in text and "1 of 3" in text
    assert "Zyxwvutson" not in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    es = text_of(dashboard_summary.build_result(p.DashboardSummary(program, d), locale="es", invariant=True).pdf)
    assert "2 de 3" in es and "Familias inscritas" in es


@pytest.mark.parametrize("lang", LANGS)
def test_worksheet_and_flyer_print_translated_in_every_print_language(program, lang) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a goal and an event WHEN printed in any handout language THEN no English fallback, the translated
    # heading, area and status extract back, and every character has a real glyph (no tofu)
    t = Tr(lang)
    sheet = goal_worksheet.build_result(p.GoalWorksheet(program, "Zyxwvutson", GOAL, "Ana López"), locale=lang,
                                        invariant=True)
    flyer = event_flyer.build_result(p.EventFlyer(program, EVENT), locale=lang, invariant=True)
    assert sheet.warnings == [] and flyer.warnings == []
    sheet_text, flyer_text = squash(text_of(sheet.pdf)), squash(text_of(flyer.pdf))
    for msg in ("Our family goal", "Steps", AREAS[GOAL.area], STATUSES[GOAL.status]):
        assert squash(t._(msg)) in sheet_text, (lang, t._(msg))
    for msg in ("You are invited!", "Free childcare is provided."):
        # sentence-final punctuation of a right-to-left line extracts at the visual end: compare the words
        assert squash(t._(msg)).strip("!.。！") in flyer_text, (lang, t._(msg))
    assert t.missing == []
    if lang != "en":
        assert t._("Our family goal") != "Our family goal" and t._("You are invited!") != "You are invited!"
    assert_real_glyphs(sheet.pdf, lang)
    assert_real_glyphs(flyer.pdf, lang)


def test_flyer_lists_interpreter_languages_the_way_the_language_does(program) -> None:  # type: ignore[no-untyped-def]
    zh = text_of(event_flyer.build_result(p.EventFlyer(program, EVENT), locale="zh", invariant=True).pdf)
    assert "西班牙语和阿拉伯语" in squash(zh)
    en = text_of(event_flyer.build_result(p.EventFlyer(program, EVENT), locale="en", invariant=True).pdf)
    assert "Spanish and Arabic" in en
