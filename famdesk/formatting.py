"""Locale-aware formatting with Babel: dates, times, numbers, language names and paper sizes."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale, UnknownLocaleError, localedata

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
