"""Visit printables from hand-written data, read back with pypdf."""

from __future__ import annotations

import datetime as dt

import pytest

from famdesk.domain.languages import PRINT_LANGUAGES
from famdesk.domain.printables import ProgramInfo
from famdesk.domain.visit_printables import PastVisit, PosterRow, VisitLetter, VisitPoster, VisitRecord
from famdesk.printing.documents import visit_letter, visit_poster, visit_record

from .conftest import squash, text_of

PROGRAM = ProgramInfo("Sunny Days Head Start", phone="(617) 555-0142", country="US")
START = dt.datetime(2026, 12, 2, 17, 30)


def letter(language: str, **kw) -> VisitLetter:  # type: ignore[no-untyped-def]
    return VisitLetter(
        PROGRAM,
        "Zyxwvutson family",
        language,
        START,
        START + dt.timedelta(minutes=90),
        "home_visit",
        "home",
        "12 Elm Street",
        ("Rosa Gutiérrez",),
        **kw,
    )


def test_spanish_letter_is_all_spanish() -> None:
    result = visit_letter.build_result(letter("es", interpreter=True), invariant=True)
    text = text_of(result.pdf)
    assert result.warnings == [] and result.pages == 1
    for expected in (
        "Visita al hogar",
        "Estimada Zyxwvutson family:",
        "miércoles, 2 de diciembre de 2026",
        "17:30",
        "En su casa: 12 Elm Street",
        "Rosa Gutiérrez",
        "Habrá un intérprete.",
        "(617) 555-0142",
    ):
        assert squash(expected) in squash(text), expected
    assert "Home visit" not in text


def test_reminder_and_make_up_wording() -> None:
    assert "Recordatorio: Visita al hogar" in text_of(visit_letter.build(letter("es", reminder=True)))
    made_up = text_of(visit_letter.build(letter("en", make_up=True)))
    assert "We are sorry we had to cancel our last visit" in made_up


@pytest.mark.parametrize("language", [lang.code for lang in PRINT_LANGUAGES])
def test_letter_prints_in_every_print_language(language: str) -> None:
    result = visit_letter.build_result(letter(language))
    assert result.warnings == [], language  # every catalog has the letter's sentences
    assert "Zyxwvutson" in text_of(result.pdf)


def test_unknown_language_falls_back_to_english_with_a_warning() -> None:
    result = visit_letter.build_result(letter("de"))
    assert "Dear Zyxwvutson family," in text_of(result.pdf)
    assert result.warnings and "printed in English" in result.warnings[0]


def test_record_sheet_and_poster() -> None:
    record = VisitRecord(
        PROGRAM,
        "Zyxwvutson family",
        START,
        START + dt.timedelta(minutes=90),
        "home_visit",
        "12 Elm Street",
        ("Rosa Gutiérrez",),
        ("Lan",),
        "Tiếng Việt",
        "",
        True,
        "Goals",
        90,
        5,
        7,
        (PastVisit(dt.date(2026, 11, 25), "Completed", 90),),
    )
    text = squash(text_of(visit_record.build(record, locale="en")))
    for expected in (
        "Visit record: Home visit",
        "5 held of 7 due so far",
        "needed, not yet arranged",
        "Nov 25, 2026",
        "at least 90 minutes",
        "Something positive the child did:",
    ):
        assert squash(expected) in text, expected
    poster = VisitPoster(
        PROGRAM,
        dt.date(2026, 8, 1),
        dt.date(2027, 7, 31),
        dt.date(2026, 12, 1),
        (PosterRow("Butterflies", 10, 12, 20), PosterRow("Home-Based North", 8, 90, 280)),
        31,
    )
    text = squash(text_of(visit_poster.build(poster)))
    assert squash("Home visits made so far: 102.") in text
    assert squash("12 / 20") in text and squash("102 / 300") in text
    assert squash("(conferences and group activities): 31") in text
    assert visit_poster.bar(12, 20) == "█" * 12 + "░" * 8 and visit_poster.bar(5, 0) == "░" * 20
