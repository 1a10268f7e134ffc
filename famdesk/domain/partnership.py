"""Family partnership: the communication log, family goals, events and the dashboard's figures.

Plain enums and records only (no SQLAlchemy, no Qt). ``ContactMethod`` is wider than the family's
*preferred* channel (``enums.ContactChannel``): a contact can also be a home visit or a conference.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from famdesk.i18n import N_


class ContactMethod(StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    TEXT = "text"
    EMAIL = "email"
    NOTE_HOME = "note_home"
    HOME_VISIT = "home_visit"
    CONFERENCE = "conference"


class Direction(StrEnum):
    TO_FAMILY = "to_family"
    FROM_FAMILY = "from_family"


class Tone(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    CONCERN = "concern"


class GoalArea(StrEnum):
    """The seven Head Start Parent, Family and Community Engagement (PFCE) family outcomes."""

    WELL_BEING = "family_well_being"
    PARENT_CHILD = "parent_child_relationships"
    LIFELONG_EDUCATORS = "lifelong_educators"
    LEARNERS = "learners"
    TRANSITIONS = "transitions"
    PEERS_COMMUNITY = "peers_community"
    ADVOCATES_LEADERS = "advocates_leaders"


class GoalStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    ON_HOLD = "on_hold"
    ACHIEVED = "achieved"
    CLOSED = "closed"


LABELS: dict[StrEnum, str] = {
    ContactMethod.IN_PERSON: N_("In person"),
    ContactMethod.PHONE: N_("Phone call"),
    ContactMethod.TEXT: N_("Text message"),
    ContactMethod.EMAIL: N_("Email"),
    ContactMethod.NOTE_HOME: N_("Note home"),
    ContactMethod.HOME_VISIT: N_("Home visit"),
    ContactMethod.CONFERENCE: N_("Conference"),
    Direction.TO_FAMILY: N_("To the family"),
    Direction.FROM_FAMILY: N_("From the family"),
    Tone.POSITIVE: N_("Positive"),
    Tone.NEUTRAL: N_("Neutral"),
    Tone.CONCERN: N_("Concern"),
    GoalArea.WELL_BEING: N_("Family well-being"),
    GoalArea.PARENT_CHILD: N_("Positive parent-child relationships"),
    GoalArea.LIFELONG_EDUCATORS: N_("Families as lifelong educators"),
    GoalArea.LEARNERS: N_("Families as learners"),
    GoalArea.TRANSITIONS: N_("Family engagement in transitions"),
    GoalArea.PEERS_COMMUNITY: N_("Family connections to peers and community"),
    GoalArea.ADVOCATES_LEADERS: N_("Families as advocates and leaders"),
    GoalStatus.IN_PROGRESS: N_("In progress"),
    GoalStatus.ON_HOLD: N_("On hold"),
    GoalStatus.ACHIEVED: N_("Achieved"),
    GoalStatus.CLOSED: N_("Closed"),
}


def label(value: StrEnum) -> str:
    """The translated label of a partnership enum value."""
    from famdesk.i18n import _

    return _(LABELS.get(value, str(value)))


@dataclass
class Contact:
    """One conversation, note or meeting with a family, logged in a few seconds."""

    family_id: int | None = None
    occurred_at: dt.datetime | None = None
    channel: ContactMethod = ContactMethod.PHONE
    direction: Direction = Direction.TO_FAMILY
    tone: Tone = Tone.NEUTRAL
    language: str = "en"
    interpreter_present: bool = False
    summary: str = ""
    staff_id: int | None = None
    follow_up_due: dt.date | None = None
    follow_up_done: bool = False
    id: int | None = None
    version: int | None = None  # None: a new record (services.versions checks it on save)
    updated_at: dt.datetime | None = None  # the last change (UTC), for the stale-edit message
    updated_by: str = ""  # who made it: role and account id, never a name
    # Filled on the way out, for lists (ignored on save).
    family_name: str = ""
    staff_name: str = ""


@dataclass
class GoalStep:
    what: str = ""
    who: str = ""
    due_on: dt.date | None = None
    done: bool = False
    id: int | None = None


@dataclass
class Goal:
    """A family partnership agreement goal, in the family's own words."""

    family_id: int | None = None
    goal_text: str = ""
    area: GoalArea = GoalArea.WELL_BEING
    status: GoalStatus = GoalStatus.IN_PROGRESS
    started_on: dt.date | None = None
    follow_up_on: dt.date | None = None
    last_follow_up_on: dt.date | None = None
    achieved_on: dt.date | None = None
    referrals: str = ""
    staff_id: int | None = None
    steps: list[GoalStep] = field(default_factory=list)
    id: int | None = None
    version: int | None = None  # None: a new record (services.versions checks it on save)
    updated_at: dt.datetime | None = None  # the last change (UTC), for the stale-edit message
    updated_by: str = ""  # who made it: role and account id, never a name
    family_name: str = ""


@dataclass
class Event:
    title: str = ""
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    place: str = ""
    description: str = ""
    childcare: bool = False
    interpretation: bool = False
    interpretation_languages: list[str] = field(default_factory=list)
    food: str = ""
    id: int | None = None
    version: int | None = None  # None: a new record (services.versions checks it on save)
    updated_at: dt.datetime | None = None  # the last change (UTC), for the stale-edit message
    updated_by: str = ""  # who made it: role and account id, never a name


@dataclass
class Attendance:
    family_id: int
    adults: int = 1
    children: int = 0
    family_name: str = ""


@dataclass
class RelationshipHealth:
    """How the relationship with one family is going, from its contact log."""

    family_id: int
    family_name: str
    contacts: int = 0
    positive: int = 0
    neutral: int = 0
    concern: int = 0
    last_positive_on: dt.date | None = None
    days_since_positive: int | None = None     # None: the family never heard something positive
    first_contact_positive: bool | None = None  # None: no contact yet
    open_follow_ups: int = 0
    overdue_follow_ups: int = 0

    @property
    def positive_to_concern(self) -> float | None:
        """Positives per concern; None when there is no concern (nothing to balance)."""
        return self.positive / self.concern if self.concern else None


@dataclass
class EventTiming:
    """Whether the families who gave their weekly available times can come to an event."""

    event_id: int | None
    families_with_times: int
    families_available: int
    families_without_times: int

    @property
    def families_unavailable(self) -> int:
        return self.families_with_times - self.families_available

    @property
    def flagged(self) -> bool:
        """Most families who told us their times cannot come."""
        return self.families_unavailable * 2 > self.families_with_times


@dataclass
class EventParticipation:
    event_id: int
    title: str
    starts_at: dt.datetime
    families: int
    adults: int
    children: int
    rate: float  # families attending / families enrolled


@dataclass
class AttentionItem:
    family_id: int
    family_name: str
    reasons: list[str]


@dataclass
class HomeVisitProgress:
    """Home visits made against the program's goal; ``source`` says where the count came from."""

    source: str          # "visits" (the visits area's table) or "contacts" (contacts logged as home visits)
    made: int
    goal: int            # visits expected in the period across enrolled families
    families_meeting_goal: int
    families: int


@dataclass
class Dashboard:
    start: dt.date
    end: dt.date
    today: dt.date
    enrolled_families: int
    families_attending: int
    participation_rate: float
    events: list[EventParticipation]
    contacts_by_month: dict[str, dict[Tone, int]]   # "YYYY-MM" → tone → count
    goals_by_status: dict[GoalStatus, int]
    attention: list[AttentionItem]
    positive_days: int
    home_visits: HomeVisitProgress | None


# What the partnership printables take (built by services.partnership_print; tests write them by hand).
# ProgramInfo comes from domain.printables; typed loosely here to keep this module free of printing.


@dataclass
class GoalWorksheet:
    program: object            # domain.printables.ProgramInfo
    family_name: str
    goal: Goal
    staff_name: str = ""


@dataclass
class EventFlyer:
    program: object            # domain.printables.ProgramInfo
    event: Event


@dataclass
class DashboardSummary:
    program: object            # domain.printables.ProgramInfo
    dashboard: Dashboard
