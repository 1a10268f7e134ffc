"""Locale-aware formatting with Babel: dates, times, numbers, language names and paper sizes."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale, UnknownLocaleError, localedata
from babel.core import get_global

from famdesk.i18n import PLAIN_LANGUAGES

# babel.dates and babel.numbers (~30 ms to import) are imported by the functions that use them: the
# window shows before anything is formatted.

# Countries that use US Letter; everyone else prints on A4 (CLDR's paperSize data agrees).
LETTER_COUNTRIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "SV", "PR", "DO", "PA", "NI"})

# Babel has no Haitian Creole date names (it falls back to French); ours come from the handout catalog.
_BABEL_FALLBACK = {"ht": "fr_HT", "so": "so_SO"}


@lru_cache(maxsize=128)
def babel_locale(language: str | None) -> Locale:
    """Cached: Locale.parse is slow (a directory scan per call) and tables format thousands of dates."""
    code = (language or "en").replace("-", "_")
    if code == "en_XA":
        code = "en"
    try:
        return Locale.parse(_BABEL_FALLBACK.get(code, code))
    except (ValueError, UnknownLocaleError):
        try:
            return Locale.parse(code.split("_")[0])
        except (ValueError, UnknownLocaleError):
            return Locale.parse("en")


def format_date(value: dt.date, language: str | None, fmt: str = "long") -> str:
    from babel import dates as babel_dates

    return babel_dates.format_date(value, format=fmt, locale=babel_locale(language))


def format_time(value: dt.time | dt.datetime, language: str | None, fmt: str = "short") -> str:
    from babel import dates as babel_dates

    return babel_dates.format_time(value, format=fmt, locale=babel_locale(language))


def format_datetime(value: dt.datetime, language: str | None, fmt: str = "medium") -> str:
    from babel import dates as babel_dates

    return babel_dates.format_datetime(value, format=fmt, locale=babel_locale(language))


def format_number(value: float | int, language: str | None) -> str:
    from babel import numbers as babel_numbers

    return babel_numbers.format_decimal(value, locale=babel_locale(language))


def format_percent(value: float, language: str | None) -> str:
    from babel import numbers as babel_numbers

    return babel_numbers.format_percent(value, locale=babel_locale(language))


@lru_cache(maxsize=1024)
def language_name(code: str, in_language: str | None = None) -> str:
    """The name of language ``code`` written in ``in_language`` (default: in itself, its autonym)."""
    if code in PLAIN_LANGUAGES and localedata.exists(code):
        # A bare code Babel has and keeps as it is: the name is a look-up in one locale's table,
        # without parsing a Locale for ``code`` (~0.5 ms each; the families page names 22 at start).
        name = babel_locale(in_language or code).languages.get(code)
        if name:
            return name[:1].upper() + name[1:]
    try:
        loc = Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return code
    name = loc.get_display_name(babel_locale(in_language or code)) or code
    return name[:1].upper() + name[1:]


def first_weekday(language: str | None) -> int:
    """0 = Monday … 6 = Sunday, per the locale's week data."""
    return babel_locale(language).first_week_day


def paper_size_for(country: str | None) -> str:
    """``"letter"`` or ``"a4"`` for a program in ``country`` (ISO 3166 alpha-2)."""
    return "letter" if (country or "US").upper() in LETTER_COUNTRIES else "a4"


# ---- The interface language, for messages built by services (which must not import Qt) ----------
#
# The window formats with QLocale, whose "ar" is Egyptian Arabic with Arabic-Indic digits; Babel's
# bare "ar" writes Latin digits. Resolving CLDR's likely subtags (ar → ar_EG, es → es_ES, en → en_US)
# and writing the locale's own digits keeps a date in a message the same as the date in the table
# next to it.


@lru_cache(maxsize=32)
def ui_babel_locale(language: str) -> Locale:
    base = babel_locale(language)
    if base.territory:
        return base
    likely = get_global("likely_subtags").get(base.language)
    try:
        return Locale.parse(likely) if likely else base
    except (ValueError, UnknownLocaleError):
        return base


# The first digit of each decimal numbering system an interface language may default to (CLDR
# numberingSystems; Babel has their names and separators but not their digits).
_ZERO = {"arab": 0x0660, "arabext": 0x06F0, "deva": 0x0966, "beng": 0x09E6, "mymr": 0x1040, "thai": 0x0E50,
         "khmr": 0x17E0, "tibt": 0x0F20, "laoo": 0x0ED0}


@lru_cache(maxsize=32)
def _native_digits(loc: Locale) -> dict[int, str] | None:
    zero = _ZERO.get(loc.default_numbering_system)
    return str.maketrans("0123456789", "".join(chr(zero + d) for d in range(10))) if zero else None


def _in_ui_script(text: str, loc: Locale) -> str:
    table = _native_digits(loc)
    return text.translate(table) if table else text


def _ui() -> Locale:
    from famdesk.i18n import ui_language  # here, not at import: i18n must not depend on formatting

    return ui_babel_locale(ui_language())


def ui_date(value: dt.date, fmt: str = "long") -> str:
    """A date for a sentence in the interface language: ``September 1, 2026`` / ``1 de septiembre de
    2026`` / ``١ سبتمبر ٢٠٢٦``. Long by default: a spelled-out month is never read the wrong way round."""
    from babel import dates as babel_dates

    loc = _ui()
    return _in_ui_script(babel_dates.format_date(value, format=fmt, locale=loc), loc)


def ui_time(value: dt.time | dt.datetime, fmt: str = "short") -> str:
    from babel import dates as babel_dates

    loc = _ui()
    return _in_ui_script(babel_dates.format_time(value, format=fmt, locale=loc), loc)


def ui_datetime(value: dt.datetime, fmt: str = "medium") -> str:
    from babel import dates as babel_dates

    loc = _ui()
    return _in_ui_script(babel_dates.format_datetime(value, format=fmt, locale=loc), loc)


def ui_number(value: float | int) -> str:
    """``1,500`` / ``1500`` / ``١٬٥٠٠`` as the interface language writes numbers."""
    from babel import numbers as babel_numbers

    loc = _ui()
    return _in_ui_script(babel_numbers.format_decimal(value, locale=loc, numbering_system="default"), loc)
