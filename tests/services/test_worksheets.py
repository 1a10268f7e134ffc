"""Translator round trip: export a worksheet, fill it like a volunteer would, import it back."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from famdesk.domain.errors import PermissionDenied, ValidationError
from famdesk.domain.handouts import HandoutVersion, ReviewState
from famdesk.services import handouts as h
from famdesk.services import worksheets as w

BODY = "When it rains we go outside.\n\n- Boots\n- Raincoat\n## Questions\nAsk your teacher."


def _fill(data: bytes, values: dict[tuple[int, int], str]) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    for (row, col), text in values.items():
        ws.cell(row, col).value = text
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_segments_and_rebuild_keep_the_shape() -> None:
    segs = w.segments("Rain", BODY)
    assert [(s.prefix, s.text, s.blank_before) for s in segs[1:]] == [
        ("", "When it rains we go outside.", False), ("- ", "Boots", True), ("- ", "Raincoat", False),
        ("## ", "Questions", False), ("", "Ask your teacher.", False)]
    texts = {"title": "Lluvia", "line1": "Salimos.", "line2": "- Botas", "line3": "Impermeable",
             "line4": "Preguntas", "line5": "Pregunte."}
    assert w.rebuild(segs, texts) == ("Lluvia", "Salimos.\n\n- Botas\n- Impermeable\n## Preguntas\nPregunte.")


def test_xlsx_round_trip_all_or_nothing(ctx) -> None:  # type: ignore[no-untyped-def]
    key = h.create_handout(ctx, HandoutVersion("en", "Rain", BODY)).key
    data = w.export_xlsx(ctx, key, ["es", "so"])
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    assert [c.value for c in ws[1]] == ["Row", "English", "es", "so"]
    assert [ws.cell(r, 1).value for r in (2, 3, 4)] == ["title", "line1", "line2"]
    assert (ws.cell(2, 2).value, ws.cell(4, 2).value, ws.cell(4, 3).value) == ("Rain", "- Boots", None)

    es = {(2, 3): "Lluvia", (3, 3): "Salimos.", (4, 3): "Botas", (5, 3): "Impermeable",
          (6, 3): "Preguntas", (7, 3): "Pregunte."}
    half_so = {(2, 4): "Roob"}
    with pytest.raises(ValidationError) as err:
        w.import_xlsx(ctx, _fill(data, {**es, **half_so}))
    messages = [p.message for p in err.value.problems]
    assert "Row 3, column D (so) is empty; translate it or leave the whole column empty." in messages
    assert len(messages) == 5
    assert "es" not in h.get_handout(ctx, key).versions  # nothing written

    handout, langs = w.import_xlsx(ctx, _fill(data, es))
    assert langs == ["es"]
    v = handout.versions["es"]
    assert v.title == "Lluvia" and v.body == "Salimos.\n\n- Botas\n- Impermeable\n## Preguntas\nPregunte."
    assert v.review_state is ReviewState.DRAFT


def test_import_refuses_moved_rows_changed_english_and_other_files(ctx) -> None:  # type: ignore[no-untyped-def]
    key = h.create_handout(ctx, HandoutVersion("en", "Rain", BODY)).key
    data = w.export_xlsx(ctx, key, ["es"])
    with pytest.raises(ValidationError, match="Rows were added"):
        w.import_xlsx(ctx, _fill(data, {(3, 1): "line9", (2, 3): "x"}))
    with pytest.raises(ValidationError, match="not a famdesk translation worksheet"):
        w.import_xlsx(ctx, b"not a zip")
    h.save_version(ctx, key, HandoutVersion("en", "Rain", BODY + "\nMore."))
    with pytest.raises(ValidationError, match="changed after this worksheet"):
        w.import_xlsx(ctx, _fill(data, {(2, 3): "x"}))
    with pytest.raises(PermissionDenied):
        w.export_xlsx(ctx, "welcome_letter")


def test_pdf_worksheet_has_english_and_language(ctx) -> None:  # type: ignore[no-untyped-def]
    key = h.create_handout(ctx, HandoutVersion("en", "Rain", BODY)).key
    pdf = w.export_pdf(ctx, key, ["vi", "ar"])
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Ask your teacher." in text and "Vietnamese" in text and "Arabic" in text
    assert len(reader.pages) >= 2
