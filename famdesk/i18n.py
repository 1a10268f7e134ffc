"""Gettext for famdesk: the UI language, and translators for printing in a family's language.

Catalogs live as ``translations/<lang>/LC_MESSAGES/<domain>.po``. Compiled ``.mo`` files are build
output, so when one is missing or older than its ``.po`` the catalog is compiled in memory with Babel:
a source checkout works with no build step, and translators see their change on the next start.

Two domains: ``famdesk`` (the interface) and ``handouts`` (fixed text of printables), so a family's
handout language never depends on the language the director reads the interface in.
"""

from __future__ import annotations

import gettext as _gettext
import io
import re
import threading
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

UI_DOMAIN = "famdesk"
HANDOUT_DOMAIN = "handouts"

_lock = threading.Lock()
_ui: _gettext.NullTranslations = _gettext.NullTranslations()
_ui_language = "en"


def translations_dir() -> Path:
    """The folder holding the ``.po`` catalogs (top-level ``translations/`` of the source tree)."""
    return Path(__file__).resolve().parent.parent / "translations"


def normalize_language(code: str | None) -> str:
    """``es_MX`` / ``es-MX`` / ``ES`` → the catalog folder to use (``es``; ``zh`` keeps no region)."""
    if not code:
        return "en"
    code = code.replace("-", "_").strip()
    if code.lower().startswith("en_xa") or code.lower() == "pseudo":
        return "en_XA"
    if code.lower().startswith("ar_xb"):
        return "ar_XB"
    try:
        loc = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return code.split("_")[0].lower()
    return loc.language


def available_languages(domain: str = UI_DOMAIN) -> list[str]:
    """Languages that have a catalog for ``domain``, English first (English is the source text)."""
    found = sorted(
        p.parent.parent.name for p in translations_dir().glob(f"*/LC_MESSAGES/{domain}.po")
    )
    return ["en", *[code for code in found if code != "en"]]


def is_rtl_language(language: str) -> bool:
    return normalize_language(language).split("_")[0] in {"ar", "fa", "ur", "ps", "he"} or language == "ar_XB"


def compile_catalog(po_path: Path) -> _gettext.GNUTranslations:
    """Read a ``.po`` file and return it compiled (fuzzy entries are left out, as msgfmt does)."""
    with po_path.open("rb") as fh:
        catalog = read_po(fh)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return _gettext.GNUTranslations(buf)


PSEUDO_LANGUAGES = ("en_XA", "ar_XB")  # long + accented; the same, mirrored right-to-left

_PSEUDO_MAP = str.maketrans("aeiouyAEIOUYcnsCNS", "àéîöûýÅÉÎÖÛÝçñšÇÑŠ")
_KEEP = re.compile(r"(\{[^{}]*\}|<[^<>]*>|&\w+;|%\(\w+\)s|&\w)")  # "&m": the mnemonic letter stays typable


def pseudo(message: str) -> str:
    """Accented and about 40 % longer, placeholders, tags and mnemonics kept: shows clipped and
    untranslated text at a glance without anyone needing to read another language."""
    parts = _KEEP.split(message)
    out = [part if _KEEP.fullmatch(part) else part.translate(_PSEUDO_MAP) for part in parts]
    text = "".join(out)
    padding = "·" * max(2, len(message) * 2 // 5)
    return f"[{text} {padding}]" if message.strip() else message


class PseudoTranslations(_gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)


@lru_cache(maxsize=64)
def _load(domain: str, language: str) -> _gettext.NullTranslations:
    if language in PSEUDO_LANGUAGES:
        return PseudoTranslations()
    if language == "en":
        return _gettext.NullTranslations()
    base = translations_dir() / language / "LC_MESSAGES"
    po, mo = base / f"{domain}.po", base / f"{domain}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    if po.exists():
        return compile_catalog(po)
    return _gettext.NullTranslations()


def translator_for(language: str | None, domain: str = HANDOUT_DOMAIN) -> _gettext.NullTranslations:
    """A translator for ``language`` (falls back to English text where a string is untranslated)."""
    return _load(domain, normalize_language(language))


def has_catalog(language: str | None, domain: str = HANDOUT_DOMAIN) -> bool:
    lang = normalize_language(language)
    return lang == "en" or (translations_dir() / lang / "LC_MESSAGES" / f"{domain}.po").exists()


def set_ui_language(language: str | None) -> str:
    """Switch the interface language (called once by app.py, and by Settings)."""
    global _ui, _ui_language
    lang = normalize_language(language)
    with _lock:
        _ui = _load(UI_DOMAIN, lang)
        _ui_language = lang
    return lang


def ui_language() -> str:
    return _ui_language


def _(message: str) -> str:
    """Translate an interface string now."""
    return _ui.gettext(message)


def N_(message: str) -> str:
    """Mark a module-level constant for extraction; translate it later with ``_()``."""
    return message


def isolate(text: str) -> str:
    """Wrap a path, URL, e-mail or code in Unicode first-strong isolates so it keeps its own
    direction inside a right-to-left sentence (otherwise ``/tmp/data.db`` shows as ``tmp/data.db/``)."""
    return f"\u2068{text}\u2069"


def ngettext(singular: str, plural: str, n: int) -> str:
    return _ui.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _ui.pgettext(context, message)


def review_state(language: str, domain: str = UI_DOMAIN) -> str:
    """``reviewed`` or ``draft`` (the catalog's ``X-Review-State`` header); English is the source."""
    lang = normalize_language(language)
    if lang == "en" or lang in PSEUDO_LANGUAGES:
        return "reviewed"
    po = translations_dir() / lang / "LC_MESSAGES" / f"{domain}.po"
    try:
        head = po.read_text(encoding="utf-8")[:4000]
    except OSError:
        return "draft"
    match = re.search(r"X-Review-State: *([\w-]+)", head)
    return match.group(1) if match else "draft"
