"""Extract the interface strings and bring every interface catalog up to date. Safe to re-run.

    python tools/update_catalogs.py            # extract famdesk.pot, update/create catalogs, report
    python tools/update_catalogs.py --check    # only report; exit 1 if famdesk.pot is out of date

What it does, with Babel's API (the same as ``pybabel extract`` + ``update`` + ``init``):
1. extracts the ``famdesk`` domain (everything under famdesk/ except famdesk/printing, see babel-ui.cfg)
   into ``famdesk/translations/famdesk.pot``;
2. for each interface language, updates ``famdesk/translations/<lang>/LC_MESSAGES/famdesk.po`` from the
   template, or creates it: existing translations are kept, reworded strings come back as *fuzzy*
   suggestions (not used by the app until a translator clears the fuzzy flag), removed strings are dropped;
3. keeps the ``X-Review-State`` header (Babel itself drops unknown headers) — new catalogs are ``draft``;
4. prints translated / fuzzy / total per language.

The ``handouts`` domain (printed text) is never touched here; see babel-handouts.cfg.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "famdesk" / "translations"
DOMAIN = "famdesk"
POT = TRANSLATIONS / f"{DOMAIN}.pot"
MAPPING = ROOT / "babel-ui.cfg"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
COMMENT_TAGS = ("TRANSLATORS:",)
# Complete interface catalogs first, then the other handout languages (partial: navigation, menus,
# main window, settings and common buttons; everything else falls back to English).
LANGUAGES = ("es", "ar", "zh", "vi", "pt", "ru", "ht", "so", "fr", "ko", "ne")
_REVIEW = re.compile(r'^"X-Review-State: *([\w-]+)\\n"$', re.MULTILINE)


@dataclass
class Counts:
    language: str
    translated: int
    fuzzy: int
    total: int
    review_state: str

    def __str__(self) -> str:
        pct = 100 * self.translated // self.total if self.total else 100
        return (f"{self.language:<4} {self.translated:>4} / {self.total:<4} ({pct:>3} %)"
                f"  fuzzy {self.fuzzy:<3}  {self.review_state}")


def extract() -> Catalog:
    """The template: every marked string in the interface code, with its source locations."""
    with MAPPING.open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, filename=str(MAPPING))
    from famdesk import __version__

    template = Catalog(project=DOMAIN, version=__version__, charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS, comment_tags=COMMENT_TAGS,
            strip_comment_tags=True):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def _po_bytes(catalog: Catalog, *, template: bool = False) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=None, ignore_obsolete=True, omit_header=False, include_previous=False,
             sort_output=False)
    return buf.getvalue()


def _set_review_state(text: str, state: str) -> str:
    line = f'"X-Review-State: {state}\\n"'
    if _REVIEW.search(text):
        return _REVIEW.sub(line, text, count=1)
    return text.replace('"Content-Transfer-Encoding: 8bit\\n"\n',
                        f'"Content-Transfer-Encoding: 8bit\\n"\n{line}\n', 1)


def _same_without_dates(a: str, b: str) -> bool:
    date = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*$', re.MULTILINE)
    return date.sub("", a) == date.sub("", b)


def _ids(catalog: Catalog) -> set[object]:
    """The strings themselves (moved line numbers alone do not make the template stale)."""
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in catalog if m.id}


def count(catalog: Catalog, language: str, state: str) -> Counts:
    messages = [m for m in catalog if m.id]
    def done(m) -> bool:  # type: ignore[no-untyped-def]
        strings = m.string if isinstance(m.string, (list, tuple)) else (m.string,)
        return not m.fuzzy and all(strings)
    return Counts(language, sum(done(m) for m in messages), sum(bool(m.fuzzy) for m in messages),
                  len(messages), state)


def update_language(template: Catalog, language: str, *, write: bool) -> Counts:
    path = TRANSLATIONS / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if path.exists():
        old_text = path.read_text(encoding="utf-8")
        match = _REVIEW.search(old_text)
        state = match.group(1) if match else "draft"
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=language, domain=DOMAIN)
    else:
        old_text, state = "", "draft"
        catalog = Catalog(locale=language, domain=DOMAIN, project=DOMAIN, version=template.version,
                          charset="utf-8", fuzzy=False)
    catalog.update(template, update_header_comment=False)
    catalog.fuzzy = False  # the header is not fuzzy: a draft is usable, X-Review-State says how good
    text = _set_review_state(_po_bytes(catalog).decode("utf-8"), state)
    if write and not _same_without_dates(text, old_text):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return count(catalog, language, state)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only; exit 1 if famdesk.pot is stale")
    parser.add_argument("languages", nargs="*", default=list(LANGUAGES),
                        help="default: all interface languages")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    template = extract()
    pot_text = _po_bytes(template, template=True).decode("utf-8")
    old_pot = POT.read_text(encoding="utf-8") if POT.exists() else ""
    if not args.check and not _same_without_dates(pot_text, old_pot):
        POT.write_text(pot_text, encoding="utf-8")
    stale = _ids(template) != (_ids(read_po(io.BytesIO(old_pot.encode("utf-8")))) if old_pot else set())
    print(f"{POT.relative_to(ROOT)}: {len([m for m in template if m.id])} strings"
          + (" (out of date: run without --check)" if args.check and stale else ""))
    results = [update_language(template, language, write=not args.check) for language in args.languages]
    print("\n".join(map(str, results)))  # after all writes: a closed pipe cannot stop half-way
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
