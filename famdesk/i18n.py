"""Gettext for famdesk: the UI language, and translators for printing in a family's language.

Catalogs live as ``translations/<lang>/LC_MESSAGES/<domain>.po``. Compiled ``.mo`` files are build
output, so when one is missing or older than its ``.po`` the catalog is compiled with Babel: a source
checkout works with no build step, and translators see their change on the next start. The compiled
catalog is then saved next to the ``.po`` (or in the user's cache folder when that is read-only), so
only the first start after a change pays for compiling; Babel is imported only when needed.

Two domains: ``famdesk`` (the interface) and ``handouts`` (fixed text of printables), so a family's
handout language never depends on the language the director reads the interface in.
"""

from __future__ import annotations

import gettext as _gettext
import hashlib
import io
import logging
import os
import re
import threading
from functools import lru_cache
from pathlib import Path

UI_DOMAIN = "famdesk"
HANDOUT_DOMAIN = "handouts"

log = logging.getLogger("famdesk.i18n")
_lock = threading.Lock()
_ui: _gettext.NullTranslations = _gettext.NullTranslations()
_ui_language = "en"


def translations_dir() -> Path:
    """The folder holding the ``.po`` catalogs (``famdesk/translations``, package data)."""
    return Path(__file__).resolve().parent / "translations"


# Language codes Babel leaves as they are (``tests/test_i18n.py`` checks every one against Babel, with
# regions and scripts): for these ``normalize_language`` needs no Babel, which keeps it out of start-up.
# Codes not listed (``iw``, ``tl``, ``ara``…) go through Babel, which knows their aliases.
PLAIN_LANGUAGES = frozenset(
    "en ar es fr ht ko ne pt ru so vi zh de it nl pl uk ro tr fa ur hi bn pa gu ta te ml mr sw am ti om "
    "my km lo th ja ps he el hu cs sk bg sr hr bs sq mk ka hy az kk uz ky mn si id ms yo ig ha zu xh "
    "rw rn lg ln wo ff sn ny mg hmn".split()
)


def normalize_language(code: str | None) -> str:
    """``es_MX`` / ``es-MX`` / ``ES`` → the catalog folder to use (``es``; ``zh`` keeps no region)."""
    if not code:
        return "en"
    return _normalize(code)


@lru_cache(maxsize=256)
def _normalize(code: str) -> str:
    code = code.replace("-", "_").strip()
    if code.lower().startswith("en_xa") or code.lower() == "pseudo":
        return "en_XA"
    if code.lower().startswith("ar_xb"):
        return "ar_XB"
    head = code.split("_")[0].lower()
    if head in PLAIN_LANGUAGES:
        return head
    from babel import Locale, UnknownLocaleError

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
    return _gettext.GNUTranslations(io.BytesIO(compile_po(po_path)))


def compile_po(po_path: Path) -> bytes:
    """The ``.mo`` bytes of a ``.po`` file (Babel, imported here: it is slow to import)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as fh:
        catalog = read_po(fh)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def mo_cache_dir() -> Path:
    """Where compiled catalogs go when the translations folder is read-only (an installed copy)."""
    import platformdirs

    from famdesk import APP_ID

    return Path(platformdirs.user_cache_dir(APP_ID, appauthor=False)) / "catalogs"


def _mtime_ns(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def _save_mo(data: bytes, mo: Path, po_mtime_ns: int) -> bool:
    """Write atomically and date the file like the ``.po`` it came from: were the ``.po`` changed while
    we compiled, it would be newer than this ``.mo`` and be compiled again on the next start."""
    tmp = mo.with_name(f"{mo.name}.{os.getpid()}.tmp")
    try:
        mo.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.utime(tmp, ns=(po_mtime_ns, po_mtime_ns))
        os.replace(tmp, mo)
        return True
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:  # the folder itself is what failed
            pass
        return False


def _compiled(po: Path, mo: Path, language: str, domain: str) -> _gettext.GNUTranslations:
    """The catalog from a fresh ``.mo``: next to the ``.po``, else in the cache, else compiled now."""
    po_mtime_ns = po.stat().st_mtime_ns
    # The cached copy is keyed by the .po's folder and must carry its exact date: two installed famdesk
    # versions never read each other's catalogs.
    key = hashlib.sha1(str(po.resolve()).encode()).hexdigest()[:16]
    cached = mo_cache_dir() / key / f"{domain}.mo"
    mo_time, cached_time = _mtime_ns(mo), _mtime_ns(cached)
    fresh = mo if mo_time is not None and mo_time >= po_mtime_ns else (
        cached if cached_time == po_mtime_ns else None)
    if fresh is not None:
        with fresh.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    data = compile_po(po)
    if not _save_mo(data, mo, po_mtime_ns) and not _save_mo(data, cached, po_mtime_ns):
        log.info("compiled catalog %s/%s could not be cached", language, domain)
    return _gettext.GNUTranslations(io.BytesIO(data))


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
    if po.exists():
        return _compiled(po, mo, language, domain)
    if mo.exists():
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
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
