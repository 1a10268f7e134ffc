"""Translation status of the ``handouts`` catalogs: what is translated, missing, reviewed, per language.

Review state is a catalog header ``X-Review-State: draft|reviewed`` (a fluent speaker flips it); a single
message can be marked reviewed with a translator comment ``# reviewed`` when only part was checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from babel.messages.pofile import read_po

from famdesk.domain.languages import print_language_codes
from famdesk.i18n import HANDOUT_DOMAIN, translations_dir
from famdesk.printing.handouts import DATE_NAME_LANGUAGES, MONTHS, WEEKDAYS

_DATE_IDS = frozenset(MONTHS + WEEKDAYS)


@dataclass
class CatalogStatus:
    language: str
    translated: int = 0
    missing: list[str] = field(default_factory=list)
    reviewed: int = 0
    review_state: str = "draft"

    @property
    def complete(self) -> bool:
        return not self.missing


def catalog_status(languages: list[str] | None = None) -> dict[str, CatalogStatus]:
    """Per language: translated / missing msgids / reviewed count (English is the source: complete)."""
    out: dict[str, CatalogStatus] = {}
    for lang in languages or print_language_codes():
        status = CatalogStatus(lang)
        if lang == "en":
            status.review_state = "source"
            out[lang] = status
            continue
        po = translations_dir() / lang / "LC_MESSAGES" / f"{HANDOUT_DOMAIN}.po"
        if not po.exists():
            status.review_state = "none"
            out[lang] = status
            continue
        with po.open("rb") as fh:
            cat = read_po(fh)
        header = dict(cat.mime_headers)
        status.review_state = header.get("X-Review-State", "draft")
        for msg in cat:
            if not msg.id or (msg.id in _DATE_IDS and lang not in DATE_NAME_LANGUAGES):
                continue
            if msg.string and not msg.fuzzy:
                status.translated += 1
                if status.review_state == "reviewed" or "reviewed" in msg.user_comments:
                    status.reviewed += 1
            else:
                status.missing.append(str(msg.id))
        out[lang] = status
    return out
