"""Languages famdesk knows about: what it prints in, which script each uses, which way it runs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str          # BCP 47 / catalog code
    english_name: str  # for logs and tests; the UI shows Babel's localized name
    script: str        # ISO 15924
    rtl: bool = False


# The languages every handout must print correctly (domain.md, "Languages to print in first").
PRINT_LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "Latn"),
    Language("es", "Spanish", "Latn"),
    Language("ar", "Arabic", "Arab", rtl=True),
    Language("zh", "Chinese (Simplified)", "Hans"),
    Language("vi", "Vietnamese", "Latn"),
    Language("pt", "Portuguese", "Latn"),
    Language("ru", "Russian", "Cyrl"),
    Language("ht", "Haitian Creole", "Latn"),
    Language("so", "Somali", "Latn"),
    Language("fr", "French", "Latn"),
    Language("ko", "Korean", "Kore"),
    Language("ne", "Nepali", "Deva"),
)

# Home languages families may have beyond the print set (recorded, printed in a fallback language).
OTHER_HOME_LANGUAGES: tuple[Language, ...] = (
    Language("am", "Amharic", "Ethi"),
    Language("tl", "Tagalog", "Latn"),
    Language("ur", "Urdu", "Arab", rtl=True),
    Language("fa", "Persian", "Arab", rtl=True),
    Language("ps", "Pashto", "Arab", rtl=True),
    Language("sw", "Swahili", "Latn"),
    Language("hmn", "Hmong", "Latn"),
    Language("my", "Burmese", "Mymr"),
    Language("uk", "Ukrainian", "Cyrl"),
    Language("hi", "Hindi", "Deva"),
)

_BY_CODE = {lang.code: lang for lang in PRINT_LANGUAGES + OTHER_HOME_LANGUAGES}


def language(code: str) -> Language | None:
    return _BY_CODE.get(code.split("-")[0].split("_")[0].lower()) if code else None


def known_language_codes() -> list[str]:
    return list(_BY_CODE)


def is_rtl(code: str | None) -> bool:
    lang = language(code or "")
    return bool(lang and lang.rtl)


def print_language_codes() -> list[str]:
    return [lang.code for lang in PRINT_LANGUAGES]
