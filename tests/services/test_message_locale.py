"""Messages built by services write dates and numbers as the interface language does (Babel, no Qt):
"1 de septiembre de 2099" in Spanish, "١ سبتمبر ٢٠٩٩" in Arabic, never "2099-09-01"."""

from __future__ import annotations

import datetime as dt

import pytest

from famdesk.domain import records as r
from famdesk.domain.errors import ValidationError
from famdesk.formatting import ui_date, ui_number, ui_time
from famdesk.i18n import set_ui_language
from famdesk.services import families
from famdesk.services.validation import Problems, check_date_order

FUTURE = dt.date(2099, 9, 1)

EXPECTED = {
    "en": ("September 1, 2099", "10,000"),
    "es": ("1 de septiembre de 2099", "10.000"),
    "ar": ("١ سبتمبر ٢٠٩٩", "١٠٬٠٠٠"),
}


def _future_child(ctx) -> ValidationError:  # type: ignore[no-untyped-def]
    detail = r.FamilyDetail(r.Family(name="Ruiz family"), [r.Caregiver(first_name="Ana")],
                            [r.Child(first_name="Luz", birth_date=FUTURE)])
    with pytest.raises(ValidationError) as caught:
        families.add_family(ctx, detail)
    return caught.value


@pytest.mark.parametrize("language", ["es", "ar"])
def test_birth_date_in_the_future_is_written_in_the_interface_language(sqlite_ctx, language: str) -> None:  # type: ignore[no-untyped-def]
    set_ui_language(language)
    message = str(_future_child(sqlite_ctx))
    date, _number = EXPECTED[language]
    assert date in message, message
    assert "2099-09-01" not in message and "Luz" in message
    assert families.count_families(sqlite_ctx) == 0  # bad input: nothing written


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_dates_and_numbers_follow_the_interface_language(language: str) -> None:
    set_ui_language(language)
    date, number = EXPECTED[language]
    assert ui_date(FUTURE) == date
    assert ui_number(10_000) == number
    problems = Problems()
    check_date_order(problems, "exited_on", dt.date(2026, 9, 1), dt.date(2026, 8, 15))
    message = problems.items[0].message
    assert "2026-08-15" not in message and ui_date(dt.date(2026, 8, 15)) in message


def test_arabic_time_uses_arabic_digits_like_the_window() -> None:
    set_ui_language("ar")
    assert ui_time(dt.time(14, 30)) == "٢:٣٠ م"
    set_ui_language("ar_XB")  # the mirrored pseudo-language formats as Arabic too
    assert ui_date(FUTURE) == EXPECTED["ar"][0]
    set_ui_language("en_XA")
    assert ui_date(FUTURE) == EXPECTED["en"][0]


def test_the_window_and_the_message_agree(qapp) -> None:  # type: ignore[no-untyped-def]
    """The same date in a table cell (QLocale) and in a message (Babel) reads the same."""
    from famdesk.gui.locale_format import number_text
    from famdesk.gui.qt_i18n import apply_language

    for language in ("es", "ar"):
        set_ui_language(language)
        apply_language(qapp, language)
        try:
            assert number_text(10_000) == ui_number(10_000)
        finally:
            apply_language(qapp, "en")
