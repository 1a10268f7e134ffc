"""Every print language: a real welcome packet, read back with pypdf and fontTools."""

from __future__ import annotations

import pytest

from famdesk.domain.languages import print_language_codes
from famdesk.domain.printables import WelcomePacket
from famdesk.printing.documents import welcome_packet
from famdesk.printing.handouts import Tr

from .conftest import assert_real_glyphs, embedded_fonts, family, squash, text_of

LANGS = print_language_codes()


@pytest.fixture(scope="module")
def packets():
    from famdesk.domain.printables import ProgramInfo

    program = ProgramInfo("Sunny Days Preschool", "12 Oak Street", "(555) 123-4567", "hi@sunny.org")
    return {lang: welcome_packet.build_result(WelcomePacket(program, family(lang)), invariant=True)
            for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_handout_text_extracts_back_in_logical_order(packets, lang):
    # GIVEN a packet in the family's language WHEN its text is extracted THEN the sentences are there
    result = packets[lang]
    assert result.warnings == []
    text = squash(text_of(result.pdf))
    t = Tr(lang)
    for msg in ("What to bring", "A water bottle", "Home visits", "You can ask for an interpreter.",
                "Call us if your child will be absent, or if someone new will pick up your child."):
        assert squash(t._(msg)) in text, (lang, t._(msg))
    assert t.missing == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_character_has_a_real_glyph_in_an_embedded_subset(packets, lang):
    assert_real_glyphs(packets[lang].pdf, lang)


def test_arabic_reads_in_reading_order(packets):
    text = text_of(packets["ar"].pdf)
    # one-font sentence: extracted exactly in logical order, words in reading order
    sentence = Tr("ar")._("A water bottle")
    assert sentence in text
    words = Tr("ar")._("You can ask for an interpreter.").split()
    line = next(li for li in text.splitlines() if words[0] in li)
    positions = [line.index(w) for w in words]
    assert positions == sorted(positions)


def test_scripts_use_their_fonts(packets):
    names = {lang: " ".join(f["name"] for f in embedded_fonts(packets[lang].pdf)) for lang in LANGS}
    assert "NotoSansArabic" in names["ar"]
    assert "NotoSansSC" in names["zh"]
    assert "NotoSansKR" in names["ko"]
    assert "NotoSansDevanagari" in names["ne"]
    assert "NotoSansSC" not in names["en"] and "NotoSansArabic" not in names["ru"]
