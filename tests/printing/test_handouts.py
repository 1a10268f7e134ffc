"""Handout catalogs: fallback to English with a warning, status per language, Haitian dates."""

from __future__ import annotations

import datetime as dt
import gettext

from famdesk.domain.printables import ProgramInfo, WelcomePacket
from famdesk.printing import handouts
from famdesk.printing.catalogs import catalog_status
from famdesk.printing.documents import welcome_packet
from famdesk.printing.handouts import Tr

from .conftest import family, squash, text_of


def test_missing_translation_prints_english_with_a_warning(monkeypatch):
    real = handouts.translator_for

    def without_water(lang):  # GIVEN Spanish lacks one message of "What to bring"
        t = real(lang)
        if not hasattr(t, "_catalog"):
            return t
        clone = gettext.GNUTranslations.__new__(gettext.GNUTranslations)
        clone.__dict__.update(t.__dict__)
        clone._catalog = {k: v for k, v in t._catalog.items() if k != "A water bottle"}
        return clone

    monkeypatch.setattr(handouts, "translator_for", without_water)
    result = welcome_packet.build_result(WelcomePacket(ProgramInfo("P"), family("es")))
    assert any("What to bring" in w and "English" in w for w in result.warnings)
    text = squash(text_of(result.pdf))
    assert squash("A water bottle") in text and squash("What to bring") in text  # English, not empty
    assert squash("Comfortable shoes for outdoor play") in text  # the whole handout, not half
    assert squash("Visitas al hogar") in text  # other handouts stay in Spanish


def test_catalog_status_reports_every_language_complete_and_draft():
    status = catalog_status()
    assert set(status) == {"en", "es", "ar", "zh", "vi", "pt", "ru", "ht", "so", "fr", "ko", "ne"}
    for lang, st in status.items():
        assert st.missing == [], lang
        if lang != "en":
            assert st.review_state == "draft" and st.reviewed == 0 and st.translated > 40


def test_haitian_creole_dates_are_creole_not_french():
    t = Tr("ht")
    assert t.date(dt.date(2026, 11, 23)) == "23 novanm 2026"
    assert t.date(dt.date(2026, 11, 23), "full") == "lendi 23 novanm 2026"
    assert t.missing == []


def test_both_languages_adds_the_english_copy():
    result = welcome_packet.build_result(WelcomePacket(ProgramInfo("P"), family("vi", both=True)))
    text = squash(text_of(result.pdf))
    assert squash("Cần mang theo gì") in text and squash("What to bring") in text


def test_batch_one_file_and_one_per_family():
    fams = [family(lang, name=f"F{i}") for i, lang in enumerate(["en", "ar", "zh", "ne"])]
    seen = []
    one = welcome_packet.build_batch(ProgramInfo("P"), fams, progress=lambda i, n: seen.append(i))
    assert len(one) == 1 and one[0].pages >= 8 and seen == [1, 2, 3, 4]
    many = welcome_packet.build_batch(ProgramInfo("P"), fams, one_file=False)
    assert len(many) == 4
    cancelled = welcome_packet.build_batch(ProgramInfo("P"), fams, cancelled=lambda: True)
    assert cancelled == []
