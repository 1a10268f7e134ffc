"""Plain data for the visit printables: appointment letter / reminder, visit-record sheet, poster.

Built by services.visit_printing; taken by printing/documents/visit_*.py. Times are local wall-clock
times in the program's zone, as everywhere in visits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from famdesk.domain.printables import ProgramInfo


@dataclass(frozen=True)
class VisitLetter:
    """An appointment letter (or a reminder) for one family, printed in the family's language."""

    program: ProgramInfo
    family_name: str
    language: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    kind: str  # a VisitKind value
    place: str  # a VisitPlace value
    address: str = ""
    staff_names: tuple[str, ...] = ()
    interpreter: bool = False
    make_up: bool = False
    reminder: bool = False


@dataclass(frozen=True)
class PastVisit:
    date: dt.date
    status: str  # already translated for the sheet's reader
    minutes: int | None = None


@dataclass(frozen=True)
class VisitRecord:
    """The sheet a home visitor takes on the visit (in the program's language, for staff)."""

    program: ProgramInfo
    family_name: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    kind: str
    address: str = ""
    staff_names: tuple[str, ...] = ()
    children: tuple[str, ...] = ()
    family_language: str = ""  # language name, already readable
    interpreter_name: str = ""
    interpreter_needed: bool = False
    purpose: str = ""
    minimum_minutes: int = 0
    held_so_far: int = 0
    required_to_date: int = 0
    recent: tuple[PastVisit, ...] = ()


@dataclass(frozen=True)
class PosterRow:
    classroom: str
    families: int
    home_visits: int
    goal: int


@dataclass(frozen=True)
class VisitPoster:
    """Home visits made this year against the goal, per classroom, and family visits to the program."""

    program: ProgramInfo
    year_start: dt.date
    year_end: dt.date
    as_of: dt.date
    rows: tuple[PosterRow, ...] = field(default_factory=tuple)
    family_visits_to_program: int = 0  # conferences and socializations held at the center
    language: str = "en"
