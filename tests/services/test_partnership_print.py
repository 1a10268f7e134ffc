"""Partnership printables built from the database: the family's language, one flyer per language."""

from __future__ import annotations

import io

from partnership_fixture import build
from pypdf import PdfReader

from famdesk.domain import records as r
from famdesk.services import families, partnership_print


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_worksheet_in_the_familys_language_and_flyers_per_language(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    prog = build(sqlite_ctx)
    detail = families.get_family(sqlite_ctx, prog.a)
    detail.family.preferred_language = "es"
    families.update_family(sqlite_ctx, detail)
    sheet = partnership_print.goal_worksheet(sqlite_ctx, prog.goal_a)
    assert sheet.warnings == []
    text = _text(sheet.pdf)
    assert "La meta de nuestra familia" in text and "Familia Alvarez" in text
    assert "Get a library card" in text
    # Enrolled: Alvarez (es), Begum and Chen (en): English first (two families), then Spanish.
    assert partnership_print.flyer_languages(sqlite_ctx) == ["en", "es"]
    flyers = partnership_print.event_flyers(sqlite_ctx, prog.e3)
    assert list(flyers) == ["en", "es"]
    assert "You are invited!" in _text(flyers["en"].pdf)
    assert "¡Están invitados!" in _text(flyers["es"].pdf)
    assert isinstance(detail, r.FamilyDetail)
