"""Strengths-based wording help: a gentle hint for notes that only say what a child did not do.

The word lists are data (``resources/wording/<lang>.json``: ``deficit`` and ``strengths`` phrases),
so a program can add its own words or a language. The hint never blocks saving: it is a nudge
towards "what the child did, tried or enjoyed".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from famdesk.domain.text import fold
from famdesk.i18n import _
from famdesk.services.door import pure

WORDING_DIR = Path(__file__).resolve().parent.parent / "resources" / "wording"


@dataclass(frozen=True)
class WordList:
    language: str
    deficit: tuple[str, ...] = field(default_factory=tuple)
    strengths: tuple[str, ...] = field(default_factory=tuple)


@pure("word lists famdesk ships (resources/wording)")
@lru_cache(maxsize=32)
def word_list(language: str, folder: Path = WORDING_DIR) -> WordList | None:
    path = folder / f"{language.split('-')[0].lower()}.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return WordList(
        language=data.get("language", language),
        deficit=tuple(fold(x) for x in data.get("deficit", [])),
        strengths=tuple(fold(x) for x in data.get("strengths", [])),
    )


def _contains(text: str, phrase: str) -> bool:
    # Whole words only: "never" must not match "nevertheless".
    pattern = r"(?<!\w)" + re.escape(phrase) + r"(?!\w)"
    return re.search(pattern, text) is not None


@pure("looks at a text")
def deficit_only(text: str, languages: list[str]) -> bool:
    """True when the note has deficit phrases and no strength phrase in any of ``languages``."""
    folded = fold(text.replace("’", "'"))
    lists = [w for w in (word_list(lang) for lang in languages) if w is not None]
    has_deficit = any(_contains(folded, p) for w in lists for p in w.deficit)
    has_strength = any(_contains(folded, p) for w in lists for p in w.strengths)
    return has_deficit and not has_strength


@pure("looks at a text")
def wording_hint(text: str, languages: list[str] | None = None) -> str | None:
    """A gentle suggestion for a deficit-only note, or None. Never a reason to refuse saving."""
    languages = languages or ["en", "es"]
    if not text.strip() or not deficit_only(text, languages):
        return None
    return _(
        "This note only says what the child did not do. Could you add one thing the child did, "
        "tried or enjoyed? You can save it as it is."
    )
