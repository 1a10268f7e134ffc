"""The catalog update script keeps translations and the review state, and Spanish/Arabic stay complete."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from tools import update_catalogs as uc


def _template(*ids: str) -> Catalog:
    template = Catalog(project="famdesk", version="0", fuzzy=False)
    for msgid in ids:
        template.add(msgid, locations=[("famdesk/x.py", 1)])
    template.add(("{n} family", "{n} families"), locations=[("famdesk/x.py", 2)])
    return template


def test_update_keeps_translations_and_review_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uc, "TRANSLATIONS", tmp_path)
    first = uc.update_language(_template("Settings", "Families"), "ar", write=True)
    po = tmp_path / "ar" / "LC_MESSAGES" / "famdesk.po"
    assert (first.translated, first.total, first.review_state) == (0, 3, "draft")
    assert "nplurals=6" in po.read_text(encoding="utf-8")
    text = po.read_text(encoding="utf-8").replace('msgid "Settings"\nmsgstr ""', 'msgid "Settings"\nmsgstr "الإعدادات"')
    po.write_text(text.replace("X-Review-State: draft", "X-Review-State: reviewed"), encoding="utf-8")

    again = uc.update_language(_template("Settings", "Home visits"), "ar", write=True)  # one new, one gone
    catalog = read_po(po.open("rb"))
    assert catalog.get("Settings").string == "الإعدادات"
    assert catalog.get("Home visits").string == ""
    assert catalog.get("Families") is None
    assert (again.translated, again.total, again.review_state) == (1, 3, "reviewed")
    assert "X-Review-State: reviewed" in po.read_text(encoding="utf-8")


def test_check_mode_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uc, "TRANSLATIONS", tmp_path)
    counts = uc.update_language(_template("Settings"), "es", write=False)
    assert counts.total == 2 and not (tmp_path / "es").exists()


def test_extraction_finds_interface_strings_but_not_printing() -> None:
    template = uc.extract()
    files = {loc[0] for message in template for loc in message.locations}
    assert "famdesk/gui/main_window.py" in files
    # printing speaks the handouts domain, except what the director reads on screen (fallback warnings)
    # and the translation worksheet for an English-reading volunteer
    on_screen = {"famdesk/printing/warnings.py", "famdesk/printing/documents/worksheet.py"}
    assert "famdesk/printing/warnings.py" in files
    assert not any(f.startswith("famdesk/printing/") for f in files - on_screen)


@pytest.mark.parametrize("language", ["es", "ar"])
def test_spanish_and_arabic_catalogs_are_complete(language: str) -> None:
    po = uc.TRANSLATIONS / language / "LC_MESSAGES" / "famdesk.po"
    catalog = read_po(po.open("rb"))
    counts = uc.count(catalog, language, "draft")
    untranslated = [m.id for m in catalog if m.id and (m.fuzzy or not all(
        m.string if isinstance(m.string, (list, tuple)) else [m.string]))]
    assert counts.translated == counts.total and not untranslated, untranslated
