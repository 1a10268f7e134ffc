"""Shaping and bidi levels: the two pieces of Unicode text layout ReportLab 5.1 gets wrong.

* :func:`shape` runs HarfBuzz on one run of one font, direction and weight, and caches the result in font
  units (so it is shared by every size and every document: handouts repeat the same words thousands of
  times in a batch).
* :func:`bidi_levels` resolves the Unicode Bidirectional Algorithm's embedding levels (rules W1–I2) with
  python-bidi's reference implementation; the reordering of each *line* (rule L2) happens after line
  breaking, in ``text.py``, which is exactly the step ReportLab's Paragraph leaves out.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import NamedTuple

import uharfbuzz as hb
from bidi import algorithm as _uba

from famdesk.printing.fonts import get_font

_FEATURES = {"kern": True, "liga": True}
_RTL_TYPES = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI"})


class Glyph(NamedTuple):
    """One shaped glyph in font units (1/upem), in visual (left-to-right) order."""

    gid: int
    cluster: int
    x_advance: int
    x_offset: int
    y_offset: int


class Shaped(NamedTuple):
    glyphs: tuple[Glyph, ...]
    advance: int  # total advance in font units
    upem: int


@lru_cache(maxsize=65536)
def shape(text: str, family: str, bold: bool, rtl: bool) -> Shaped:
    """Shape ``text`` (logical order) with one font; glyphs come back in visual order."""
    font = get_font(family, bold)
    buf = hb.Buffer()
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    hb.shape(font.hb_font, buf, _FEATURES)
    glyphs = tuple(
        Glyph(info.codepoint, info.cluster, pos.x_advance, pos.x_offset, pos.y_offset)
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True)
    )
    return Shaped(glyphs, sum(g.x_advance for g in glyphs), font.upem)


def cluster_texts(text: str, glyphs: tuple[Glyph, ...]) -> list[str]:
    """The logical text each glyph stands for; extra glyphs of one cluster stand for nothing.

    Used to build the PDF's ToUnicode map so that extraction yields the characters, not the glyphs.
    """
    starts = sorted({g.cluster for g in glyphs})
    end_of = {s: (starts[i + 1] if i + 1 < len(starts) else len(text)) for i, s in enumerate(starts)}
    seen: set[int] = set()
    # glyphs of an RTL run are visual; the text of a cluster goes to its first glyph in logical order
    logical = sorted(range(len(glyphs)), key=lambda i: (glyphs[i].cluster, i))
    texts = [""] * len(glyphs)
    for i in logical:
        c = glyphs[i].cluster
        if c not in seen:
            seen.add(c)
            texts[i] = text[c:end_of[c]]
    return texts


def rtl_cluster_texts(text: str, glyphs: tuple[Glyph, ...]) -> list[str]:
    """Like :func:`cluster_texts`, for right-to-left runs: each cluster's text goes to the glyph that has
    an advance (the letter, not Noto Sans Arabic's separate dot glyphs), and combining marks (harakat)
    join the text of the letter they sit on.

    So every glyph that carries text is a real, advancing letter in visual order, which is what PDF text
    extractors (poppler, pypdf) reverse into reading order; zero-width glyphs carry nothing and are drawn
    as outlines (``text.py``) so that they cannot split a word in two.
    """
    starts = sorted({g.cluster for g in glyphs})
    end_of = {s: (starts[i + 1] if i + 1 < len(starts) else len(text)) for i, s in enumerate(starts)}
    members: dict[int, list[int]] = {}
    for i, g in enumerate(glyphs):
        members.setdefault(g.cluster, []).append(i)
    texts = [""] * len(glyphs)
    carrier: int | None = None  # the glyph holding the text of the last letter, in logical order
    for c in starts:
        chunk = text[c:end_of[c]]
        idx = members[c]
        advancing = [i for i in idx if glyphs[i].x_advance]
        marks_only = all(unicodedata.category(ch) == "Mn" for ch in chunk)
        if marks_only and carrier is not None and not advancing:
            texts[carrier] += chunk
            continue
        carrier = advancing[0] if advancing else idx[0]
        texts[carrier] = chunk
    return texts


def needs_bidi(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _RTL_TYPES for ch in text)


def bidi_levels(text: str, base_level: int) -> list[int]:
    """Embedding level per character (even = left-to-right, odd = right-to-left)."""
    if not text:
        return []
    if base_level == 0 and not needs_bidi(text):
        return [0] * len(text)
    return list(_levels_cached(text, base_level))


@lru_cache(maxsize=4096)
def _levels_cached(text: str, base_level: int) -> tuple[int, ...]:
    storage = _uba.get_empty_storage()
    storage["base_level"] = base_level
    storage["base_dir"] = ("L", "R")[base_level]
    _uba.get_embedding_levels(text, storage)
    _uba.explicit_embed_and_overrides(storage)
    _uba.resolve_weak_types(storage)
    _uba.resolve_neutral_types(storage, False)
    _uba.resolve_implicit_levels(storage, False)
    return tuple(ch["level"] for ch in storage["chars"])


def reorder(levels: list[int]) -> list[int]:
    """Rule L2: the visual order (indices) of items at the given levels."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min((lv for lv in levels if lv % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        n = len(order)
        while i < n:
            if levels[order[i]] >= level:
                j = i
                while j < n and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order
