"""Where text may break and which way its pieces run: inline markup, LTR isolates, atoms (kinsoku).

Split from ``text.py`` to keep modules small; ``text.py`` re-exports ``ltr`` and ``parse_spans``.
"""

from __future__ import annotations

import re

from famdesk.printing.fonts import script_of
from famdesk.printing.shaping import bidi_levels

# Kinsoku shori: characters that must not start / end a line (CJK and their ASCII look-alikes).
NO_LINE_START = frozenset("、。，．,.!?！？：；:;)）」』】〉》〕｝〙〗ー・…‥％%〜～ゝゞ々")
NO_LINE_END = frozenset("（(「『【〈《〔｛〘〖")
_CJK = frozenset({"han", "kana", "cjk_punct"})
_BOLD_RE = re.compile(r"<b>(.*?)</b>", re.S)

def parse_spans(text: str) -> list[tuple[str, bool]]:
    """``"a <b>b</b> c"`` → [("a ", False), ("b", True), (" c", False)]."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _BOLD_RE.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False))
        out.append((m.group(1), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out or [("", False)]


def ltr(text: str) -> str:
    """Mark ``text`` (a phone number, e-mail, code) to read left to right even inside Arabic."""
    return f"{LRI}{text}{PDI}"


LRI, PDI = "\u2066", "\u2069"


def _strip_isolates(text: str, bold_at: list[bool]) -> tuple[str, list[bool], list[bool]]:
    """Remove LRI…PDI marks, remembering which characters they enclosed."""
    if LRI not in text:
        return text, bold_at, [False] * len(text)
    out, bold, iso = [], [], []
    depth = 0
    for ch, b in zip(text, bold_at, strict=True):
        if ch == LRI:
            depth += 1
        elif ch == PDI:
            depth = max(0, depth - 1)
        else:
            out.append(ch)
            bold.append(b)
            iso.append(depth > 0)
    return "".join(out), bold, iso


def _levels_with_isolates(text: str, base: int, isolated: list[bool]) -> list[int]:
    """Bidi levels where isolated spans act as one neutral and read left to right inside."""
    if not any(isolated):
        return bidi_levels(text, base)
    masked = "".join("\ufffc" if iso else ch for ch, iso in zip(text, isolated, strict=True))
    levels = bidi_levels(masked, base)
    inner = base + 1 if base % 2 else base  # next even level (LTR)
    out = list(levels)
    i = 0
    while i < len(text):  # each isolated segment gets its own left-to-right paragraph levels
        if isolated[i]:
            j = i
            while j < len(text) and isolated[j]:
                j += 1
            out[i:j] = [inner + lv for lv in bidi_levels(text[i:j], 0)]
            i = j
        else:
            i += 1
    return out


def _atoms(text: str) -> list[tuple[int, int]]:
    """Unbreakable spans [start, end) of ``text``: words, spaces, CJK characters (kinsoku-aware)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text):
            spans.append((start, i))
            break
        prev, ch = text[i - 1], text[i]
        if prev == "\n" or ch == "\n":
            brk = True
        elif ch.isspace() != prev.isspace():
            brk = True
        elif ch.isspace():
            brk = False
        elif script_of(ch) in _CJK or script_of(prev) in _CJK:
            brk = ch not in NO_LINE_START and prev not in NO_LINE_END
        elif prev in "/" and i - start > 12:
            brk = True
        else:
            brk = False
        if brk:
            spans.append((start, i))
            start = i
    return spans


