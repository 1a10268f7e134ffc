"""Behaviour-incident records and their summary for the team meeting (plain records, no SQLAlchemy, no Qt).

An incident is written for the program's own review under its behaviour-support policy: what happened
before (the antecedent), the behaviour itself, how staff responded and who was told. Times are the
program's local wall-clock time, like visits. The summary counts incidents by classroom × time of day
and by weekday and never carries a child's name or id: it is the page a director takes to a meeting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from famdesk.i18n import N_


class InformedHow(StrEnum):
    """How the family was told (kept short: the program's policy usually names these)."""

    IN_PERSON = "in_person"
    PHONE = "phone"
    TEXT = "text"
    EMAIL = "email"
    WRITTEN_NOTE = "written_note"
    OTHER = "other"


LABELS: dict[StrEnum, str] = {
    InformedHow.IN_PERSON: N_("In person (at pick-up or drop-off)"),
    InformedHow.PHONE: N_("Phone call"),
    InformedHow.TEXT: N_("Text message"),
    InformedHow.EMAIL: N_("Email"),
    InformedHow.WRITTEN_NOTE: N_("Written note home"),
    InformedHow.OTHER: N_("Other"),
}


def label(value: StrEnum) -> str:
    from famdesk.i18n import _

    return _(LABELS.get(value, str(value)))


@dataclass
class Incident:
    """One behaviour incident. ``id is None``: not saved yet. Names are filled in by the service on read."""

    child_id: int | None = None
    occurred_at: dt.datetime | None = None      # program-local wall-clock time
    classroom_id: int | None = None             # where; None on save = the child's own classroom
    location: str = ""                          # where exactly: "playground", "hallway to the bus"
    antecedent: str = ""                        # what happened just before
    behavior: str = ""
    response: str = ""                          # what staff did
    family_informed: bool = False
    family_informed_at: dt.datetime | None = None
    family_informed_how: InformedHow | None = None
    staff_informed: str = ""                    # other staff told (names or roles, free text)
    author_staff_id: int | None = None          # who wrote it
    id: int | None = None
    version: int | None = None  # None: a new record (services.versions checks it on save)
    updated_at: dt.datetime | None = None  # the last change (UTC), for the stale-edit message
    updated_by: str = ""  # who made it: role and account id, never a name
    # Read-only, filled in by the service for lists and the form:
    child_name: str = ""
    classroom_name: str = ""
    author_name: str = ""


# Built-in bands of the day (keys get translated labels; a band's own label, if set, wins).
BAND_LABELS: dict[str, str] = {
    "arrival": N_("Arrival"),
    "morning": N_("Morning"),
    "lunch": N_("Lunch"),
    "nap": N_("Nap / rest"),
    "afternoon": N_("Afternoon"),
    "pickup": N_("Pick-up"),
}
OTHER_TIMES = N_("Other times")


@dataclass(frozen=True)
class TimeBand:
    """A part of the program day, ``start`` included, ``end`` excluded."""

    key: str
    start: dt.time
    end: dt.time
    label: str = ""

    def title(self) -> str:
        from famdesk.i18n import _

        if self.label:
            return self.label
        return _(BAND_LABELS[self.key]) if self.key in BAND_LABELS else self.key

    def holds(self, moment: dt.time) -> bool:
        return self.start <= moment < self.end


DEFAULT_BANDS: tuple[TimeBand, ...] = (
    TimeBand("arrival", dt.time(6, 0), dt.time(9, 0)),
    TimeBand("morning", dt.time(9, 0), dt.time(11, 30)),
    TimeBand("lunch", dt.time(11, 30), dt.time(12, 30)),
    TimeBand("nap", dt.time(12, 30), dt.time(14, 30)),
    TimeBand("afternoon", dt.time(14, 30), dt.time(16, 0)),
    TimeBand("pickup", dt.time(16, 0), dt.time(19, 0)),
)


@dataclass(frozen=True)
class SummaryRow:
    """One classroom's counts, one per column of ``IncidentSummary.columns``."""

    classroom: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class IncidentSummary:
    """Counts only: classrooms are named, children never are."""

    start: dt.date
    end: dt.date
    columns: list[str]                      # band titles (+ "Other times" when any fell outside the bands)
    rows: list[SummaryRow]                  # one per classroom with incidents, by name
    weekdays: list[tuple[str, int]]         # Monday … Sunday (names in the interface language)
    total: int = 0
    column_totals: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class SummaryPrint:
    """What the PDF shows, already in the interface language (the summary is for staff, not families)."""

    program_name: str
    country: str
    paper_size: str | None
    language: str
    title: str
    period: str
    note: str
    table_title: str
    table_header: list[str]
    table_rows: list[list[str]]
    weekday_title: str
    weekday_header: list[str]
    weekday_rows: list[list[str]]
    bands_title: str = ""
    bands: list[tuple[str, str]] = field(default_factory=list)  # (part of the day, "06:00 to 09:00")
