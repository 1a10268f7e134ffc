from __future__ import annotations

from famdesk import i18n
from famdesk.preferences import Preferences, load_preferences, save_preferences


def test_pseudo_language_keeps_placeholders_and_mnemonics() -> None:
    i18n.set_ui_language("en_XA")
    text = i18n._("Save {count} families to &file <b>now</b>")
    assert "{count}" in text and "&f" in text and "<b>" in text and "</b>" in text
    assert text.startswith("[") and len(text) > len("Save {count} families to &file <b>now</b>")
    assert "Šàvé" in text


def test_rtl_detection() -> None:
    assert i18n.is_rtl_language("ar") and i18n.is_rtl_language("ar_XB")
    assert not i18n.is_rtl_language("es")


def test_preferences_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert load_preferences(tmp_path).ui_language == ""
    save_preferences(tmp_path, Preferences(ui_language="es"))
    assert load_preferences(tmp_path).ui_language == "es"
    (tmp_path / "preferences.json").write_text("{broken", encoding="utf-8")
    assert load_preferences(tmp_path).ui_language == ""
