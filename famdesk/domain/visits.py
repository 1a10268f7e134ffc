"""Home visits, conferences and socializations: enums, plain records and the conflict error.

Times: every visit datetime here is *local wall-clock time in the program's time zone*
(``Program.timezone``), naive (no tzinfo). A 17:30 Tuesday visit stays 17:30 across a daylight-saving
change, weekly series repeat at the same wall-clock time, and a family's available times (also local)
compare directly. The zone is attached only at the edges that need it (iCalendar export).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from famdesk.domain.enums import ProgramOption
from famdesk.domain.errors import FamdeskError
from famdesk.i18n import N_


class VisitKind(StrEnum):
    HOME_VISIT = "home_visit"
    PARENT_CONFERENCE = "parent_conference"
    GROUP_SOCIALIZATION = "group_socialization"


class VisitPlace(StrEnum):
    HOME = "home"
    CENTER = "center"
    OTHER = "other"


class VisitStatus(StrEnum):
    SCHEDULED = "scheduled"
    COMPLETED = "completed"
    FAMILY_CANCELLED = "family_cancelled"
    PROGRAM_CANCELLED = "program_cancelled"
    NO_SHOW = "no_show"


CANCELLED = frozenset({VisitStatus.FAMILY_CANCELLED, VisitStatus.PROGRAM_CANCELLED, VisitStatus.NO_SHOW})
# Statuses that occupy a staff member's time (a cancelled visit frees the slot).
BUSY = frozenset({VisitStatus.SCHEDULED, VisitStatus.COMPLETED})


class ConflictKind(StrEnum):
    STAFF_DOUBLE_BOOKED = "staff_double_booked"
    FAMILY_DOUBLE_BOOKED = "family_double_booked"
    OUTSIDE_AVAILABLE_TIMES = "outside_available_times"
    PROGRAM_CLOSED = "program_closed"
    CASELOAD_OVER_LIMIT = "caseload_over_limit"


class AgeBand(StrEnum):
    """Early Head Start (children under three) or Head Start (three to five)."""

    EARLY_HEAD_START = "ehs"
    HEAD_START = "hs"


LABELS: dict[StrEnum, str] = {
    VisitKind.HOME_VISIT: N_("Home visit"),
    VisitKind.PARENT_CONFERENCE: N_("Parent conference"),
    VisitKind.GROUP_SOCIALIZATION: N_("Group socialization"),
    VisitPlace.HOME: N_("At home"),
    VisitPlace.CENTER: N_("At the center"),
    VisitPlace.OTHER: N_("Somewhere else"),
    VisitStatus.SCHEDULED: N_("Scheduled"),
    VisitStatus.COMPLETED: N_("Completed"),
    VisitStatus.FAMILY_CANCELLED: N_("Cancelled by the family"),
    VisitStatus.PROGRAM_CANCELLED: N_("Cancelled by the program"),
    VisitStatus.NO_SHOW: N_("No-show"),
    ConflictKind.STAFF_DOUBLE_BOOKED: N_("Staff member double-booked"),
    ConflictKind.FAMILY_DOUBLE_BOOKED: N_("Family already has a visit then"),
    ConflictKind.OUTSIDE_AVAILABLE_TIMES: N_("Outside the family's available times"),
    ConflictKind.PROGRAM_CLOSED: N_("Program closed"),
    ConflictKind.CASELOAD_OVER_LIMIT: N_("Caseload over the limit"),
    AgeBand.EARLY_HEAD_START: N_("Early Head Start"),
    AgeBand.HEAD_START: N_("Head Start"),
}


def label(value: StrEnum) -> str:
    from famdesk.domain.enums import label as base_label
    from famdesk.i18n import _

    if value in LABELS:
        return _(LABELS[value])
    return base_label(value)


@dataclass
class Visit:
    family_id: int | None = None
    staff_ids: list[int] = field(default_factory=list)
    starts_at: dt.datetime | None = None  # local wall-clock time, program time zone, naive
    ends_at: dt.datetime | None = None
    kind: VisitKind = VisitKind.HOME_VISIT
    place: VisitPlace = VisitPlace.HOME
    address: str = ""
    purpose: str = ""
    interpreter_needed: bool = False
    interpreter_name: str = ""
    status: VisitStatus = VisitStatus.SCHEDULED
    make_up_of_id: int | None = None
    outcome_notes: str = ""
    minutes_held: int | None = None  # None until completed; then what actually happened
    series_id: str = ""
    id: int | None = None
    version: int | None = None  # None: a new record (services.versions checks it on save)
    updated_at: dt.datetime | None = None  # the last change (UTC), for the stale-edit message
    updated_by: str = ""  # who made it: role and account id, never a name

    @property
    def scheduled_minutes(self) -> int:
        if self.starts_at is None or self.ends_at is None:
            return 0
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


@dataclass
class VisitRow:
    """One visit on a calendar or agenda (names resolved, kept small for 2,000 a month)."""

    id: int
    family_id: int
    family_name: str
    staff_ids: list[int]
    staff_names: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    kind: VisitKind
    place: VisitPlace
    status: VisitStatus
    purpose: str = ""
    address: str = ""
    interpreter_needed: bool = False
    make_up_of_id: int | None = None


@dataclass
class VisitConflict:
    """A warning found before saving; the caller may still save with ``accept_conflicts=True``."""

    kind: ConflictKind
    message: str
    other_visit_id: int | None = None
    on: dt.date | None = None


class VisitConflictError(FamdeskError):
    """Conflicts were found and the caller did not accept them; nothing was written."""

    def __init__(self, conflicts: list[VisitConflict]) -> None:
        self.conflicts = conflicts
        super().__init__("\n".join(c.message for c in conflicts))


@dataclass
class Closure:
    """Days the program is closed (holidays, breaks, training days), both ends included."""

    name: str = ""
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    id: int | None = None

    def covers(self, day: dt.date) -> bool:
        return (
            self.starts_on is not None and self.ends_on is not None and self.starts_on <= day <= self.ends_on
        )


@dataclass
class Requirement:
    """What one program option asks per family per program year (all numbers are settings)."""

    home_visits: int = 0
    parent_conferences: int = 0
    group_socializations: int = 0
    min_home_visit_minutes: int = 0  # 0: no minimum length


@dataclass
class VisitRequirements:
    """The program's compliance settings. Keys of ``rules`` are ``"<option>:<band>"``."""

    rules: dict[str, Requirement] = field(default_factory=dict)
    caseload_max: int = 12
    ehs_under_months: int = 36  # a family with a child younger than this counts as Early Head Start

    def for_family(self, option: ProgramOption, band: AgeBand) -> Requirement:
        return self.rules.get(f"{option.value}:{band.value}", Requirement())


def default_requirements() -> VisitRequirements:
    """The Head Start Program Performance Standards figures (45 CFR 1302.22, 1302.34(b)(7))."""
    home_ehs = Requirement(46, 0, 22, 90)
    home_hs = Requirement(32, 0, 16, 90)
    center = Requirement(2, 2, 0, 0)
    rules: dict[str, Requirement] = {}
    for band in AgeBand:
        rules[f"{ProgramOption.HOME_BASED.value}:{band.value}"] = (
            home_ehs if band is AgeBand.EARLY_HEAD_START else home_hs
        )
        rules[f"{ProgramOption.CENTER_BASED.value}:{band.value}"] = Requirement(**vars(center))
        rules[f"{ProgramOption.FAMILY_CHILD_CARE.value}:{band.value}"] = Requirement(**vars(center))
    return VisitRequirements(rules=rules, caseload_max=12, ehs_under_months=36)


@dataclass
class KindTally:
    """One kind of contact for one family: what the standard asks so far and what happened."""

    required_year: int = 0
    required_to_date: int = 0
    held: int = 0
    short: int = 0  # completed but under the minimum length (not counted as held)
    family_missed: int = 0  # family cancelled or no-show
    program_cancelled: int = 0
    make_ups_owed: int = 0  # program-cancelled without a completed make-up
    unrecorded: int = 0  # in the past but still marked scheduled
    scheduled_ahead: int = 0

    @property
    def behind(self) -> int:
        return max(0, self.required_to_date - self.held)


@dataclass
class FamilyCompliance:
    family_id: int
    family_name: str
    option: ProgramOption
    band: AgeBand
    counted_from: dt.date
    days_enrolled: int
    staff_id: int | None  # primary visitor: most home visits this year
    staff_name: str
    home_visits: KindTally
    conferences: KindTally
    socializations: KindTally

    @property
    def at_risk(self) -> bool:
        tallies = (self.home_visits, self.conferences, self.socializations)
        return any(t.behind > 0 or t.make_ups_owed > 0 for t in tallies)

    @property
    def shortfall(self) -> int:
        tallies = (self.home_visits, self.conferences, self.socializations)
        return sum(t.behind + t.make_ups_owed for t in tallies)


@dataclass
class StaffCompliance:
    staff_id: int | None
    staff_name: str
    families: int = 0
    home_based_families: int = 0
    required_to_date: int = 0
    held: int = 0
    short: int = 0
    family_missed: int = 0
    program_cancelled: int = 0
    make_ups_owed: int = 0
    at_risk_families: int = 0


@dataclass
class SeriesResult:
    created: list[Visit] = field(default_factory=list)
    skipped_closed: list[dt.date] = field(default_factory=list)
    conflicts: list[VisitConflict] = field(default_factory=list)
