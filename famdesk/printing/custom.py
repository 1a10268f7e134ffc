"""Director-written handouts: a tiny markup turned into blocks, with the same fallback rule as built-ins.

Markup (what a director types in the editor): a blank line starts a new paragraph, lines starting with
``- `` are bullets, ``## `` starts a heading.  Nothing else is special, so a stray ``*`` or ``#`` in the
middle of a sentence prints as typed.  ``<`` is escaped so a typed ``<b>`` cannot switch on bold.
"""

from __future__ import annotations

from famdesk.domain.printables import HandoutText
from famdesk.i18n import normalize_language
from famdesk.printing.blocks import Bullets, Heading, Para


def _clean(text: str) -> str:
    return text.replace("<", "‹").replace(">", "›").strip()


def markup_blocks(title: str, body: str) -> list[object]:
    """Blocks of one handout version: its title as the heading, then paragraphs, bullets, sub-headings."""
    blocks: list[object] = [Heading(_clean(title))] if title.strip() else []
    para: list[str] = []
    bullets: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Para(_clean(" ".join(para))))
            para.clear()
        if bullets:
            blocks.append(Bullets([_clean(b) for b in bullets]))
            bullets.clear()

    for raw in body.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("## ") or line == "##":
            flush()
            if line[2:].strip():
                blocks.append(Heading(_clean(line[2:]), level=2))
        elif line.startswith("- ") or line.startswith("• "):
            if para:
                flush()
            bullets.append(line[2:])
        elif bullets and raw.startswith(("  ", "\t")):
            bullets[-1] += " " + line  # a wrapped bullet continues on an indented line
        else:
            if bullets:
                flush()
            para.append(line)
    flush()
    return blocks


def has_text(version: tuple[str, str] | None) -> bool:
    return bool(version and (version[0].strip() or version[1].strip()))


def render_custom(handout: HandoutText, language: str) -> tuple[str, list[object], bool]:
    """(language used, blocks, fell back?) — a missing or empty version prints the fallback language,
    and if that is missing too, any language that has text, so the page is never empty."""
    lang = normalize_language(language)
    if has_text(handout.versions.get(lang)):
        title, body = handout.versions[lang]
        return lang, markup_blocks(title, body), False
    order = [handout.fallback, "en", *sorted(handout.versions)]
    for other in order:
        if has_text(handout.versions.get(other)):
            title, body = handout.versions[other]
            return other, markup_blocks(title, body), True
    return lang, [], True
