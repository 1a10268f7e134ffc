"""Plain data for take-home notes: what the print engine needs, nothing more (no ids, no database)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TakeHomeNote:
    """One shareable observation about one child, as the family will read it.

    ``domains`` are the framework's English names (the msgids the handouts catalog translates);
    ``text`` is the teacher's own words, printed as written; ``translation`` is printed beside it when
    it is in the family's language.
    """

    child_name: str
    observed_on: dt.date
    text: str
    domains: tuple[str, ...] = ()
    teacher: str = ""
    translation: str = ""
    translation_language: str = ""


@dataclass(frozen=True)
class FamilyNotes:
    """The notes for one household, printed in its language."""

    language: str
    notes: tuple[TakeHomeNote, ...]


@dataclass(frozen=True)
class TakeHomeBatch:
    program_name: str
    families: tuple[FamilyNotes, ...] = field(default_factory=tuple)
    country: str = "US"
    paper_size: str | None = None
