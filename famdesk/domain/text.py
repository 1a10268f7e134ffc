"""Text folding for search: case- and accent-insensitive, scripts kept as they are.

"nguyen" must find "Nguyễn", "muller" find "Müller"; Đ/đ and a few letters that Unicode does not
decompose (ø, ł, ß, æ…) are folded by hand. Non-Latin scripts (Arabic, Han, Cyrillic…) keep their
letters, so a name typed in its own script still matches.
"""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = str.maketrans({
    "đ": "d", "Đ": "d", "ð": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "ß": "ss", "æ": "ae",
    "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "þ": "th", "ħ": "h", "ŧ": "t",
    # Arabic: drop tatweel; unify alef forms and taa marbuta/haa so spelling variants still match.
    "ـ": "", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي",
})
_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text.casefold().translate(_SPECIAL)).strip()


def digits_only(text: str | None) -> str:
    return "".join(ch for ch in (text or "") if ch.isdigit())
