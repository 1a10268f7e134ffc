"""Shared fixtures for printing tests: a demo program and families, helpers that read PDFs back."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

import pytest
from fontTools.ttLib import TTFont as FTFont
from pypdf import PdfReader

from famdesk.domain.printables import ChildLine, ContactLine, EventLine, FamilyPacket, ProgramInfo

FAMILY_NAME = "Zyxwvutson"  # unusual on purpose: easy to spot if it leaks into metadata


@pytest.fixture
def program() -> ProgramInfo:
    return ProgramInfo("Sunny Days Preschool", "12 Oak Street, Springfield", "(555) 123-4567",
                       "hello@sunnydays.org", country="US")


def family(language: str, name: str = FAMILY_NAME, both: bool = False) -> FamilyPacket:
    return FamilyPacket(
        name, language, (ChildLine("Lan", "Butterflies", "Ms. Rivera"),),
        (ContactLine("Family worker", "Ana Lopez", "(555) 222-3333"),),
        (EventLine(dt.date(2026, 12, 5), "Winter family night", dt.time(17, 30)),), both)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    """NFC and no whitespace: compare extracted text independent of line breaks."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def embedded_fonts(pdf: bytes) -> list[dict]:
    """Each embedded font subset: name, the fontTools font and its ToUnicode text."""
    reader = PdfReader(io.BytesIO(pdf))
    seen: dict[str, dict] = {}
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for key in fonts:
            f = fonts[key].get_object()
            base = str(f["/BaseFont"])
            if base in seen:
                continue
            desc = f["/FontDescriptor"].get_object() if "/FontDescriptor" in f else {}
            data = desc["/FontFile2"].get_object().get_data() if "/FontFile2" in desc else None
            seen[base] = {
                "name": base, "subtype": str(f["/Subtype"]), "data": data,
                "font": FTFont(io.BytesIO(data)) if data else None,
                "last": int(f.get("/LastChar", -1)),
                "tounicode": f["/ToUnicode"].get_object().get_data().decode() if "/ToUnicode" in f else "",
            }
    return list(seen.values())


def assert_real_glyphs(pdf: bytes, label: str = "") -> None:
    """Every font is an embedded TrueType subset and every code drawn maps to a real glyph: no .notdef
    (tofu), no empty glyph standing for a visible character, no U+FFFD in the ToUnicode map."""
    fonts = embedded_fonts(pdf)
    assert fonts
    for f in fonts:
        assert f["subtype"] == "/TrueType" and f["font"] is not None, f["name"]
        assert "+" in f["name"], "fonts must be subset"
        ft = f["font"]
        order = ft.getGlyphOrder()
        cmap = {}
        for table in ft["cmap"].tables:
            cmap.update(table.cmap)
        for code in range(1, f["last"] + 1):
            gname = cmap.get(code, order[0])
            assert gname != order[0], (label, f["name"], code)  # glyph 0 is .notdef (tofu)
            glyph = ft["glyf"][gname]
            assert glyph.numberOfContours != 0 or ft["hmtx"][gname][0] > 0 or code == 32, (label, code)
        assert "FFFD" not in f["tounicode"].upper().replace("<FEFF", "")
