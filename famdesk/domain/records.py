"""Plain records passed between services, the GUI, the CLI and printing (no SQLAlchemy here).

``id is None`` means "not saved yet". Services accept these as input and return them as output, so no
caller ever holds a live database object.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from famdesk.domain.enums import (
    ContactChannel,
    FamilyStatus,
    PaperSize,
    ProgramOption,
    Relationship,
    StaffRole,
)


@dataclass
class AvailableTime:
    """A weekly window when a family can meet or take calls (weekday 0 = Monday)."""

    weekday: int
    start: dt.time
    end: dt.time


@dataclass
class Program:
    name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    logo_png: bytes | None = None
    default_language: str = "en"
    country: str = "US"
    timezone: str = "America/New_York"
    year_start: dt.date | None = None
    year_end: dt.date | None = None
    paper_size: PaperSize = PaperSize.AUTO
    id: int | None = None
    version: int | None = None  # None: a new record (services.versions checks it on save)
    updated_at: dt.datetime | None = None  # the last change (UTC), for the stale-edit message
    updated_by: str = ""  # who made it: role and account id, never a name


@dataclass
class Site:
    name: str = ""
    address: str = ""
    phone: str = ""
    id: int | None = None


@dataclass
class Classroom:
    name: str = ""
    site_id: int | None = None
    program_option: ProgramOption = ProgramOption.CENTER_BASED
    age_group: str = ""
    capacity: int | None = None
    archived: bool = False
    id: int | None = None


@dataclass
class StaffMember:
    first_name: str = ""
    last_name: str = ""
    role: StaffRole = StaffRole.TEACHER
    email: str = ""
    phone: str = ""
    languages: list[str] = field(default_factory=list)
    classroom_ids: list[int] = field(default_factory=list)
    active: bool = True
    id: int | None = None

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass
class Caregiver:
    first_name: str = ""
    last_name: str = ""
    relationship: Relationship = Relationship.OTHER
    mobile_phone: str = ""
    home_phone: str = ""
    work_phone: str = ""
    email: str = ""
    lives_with_child: bool = True
    authorized_pickup: bool = True
    emergency_contact: bool = False
    # Restricted: only roles allowed to read custody notes get a value; others get None.
    custody_notes: str | None = None
    preferred_language: str = ""
    family_id: int | None = None
    id: int | None = None

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass
class Child:
    first_name: str = ""
    last_name: str = ""
    preferred_name: str = ""
    birth_date: dt.date | None = None
    classroom_id: int | None = None
    program_option: ProgramOption = ProgramOption.CENTER_BASED
    enrolled_on: dt.date | None = None
    exited_on: dt.date | None = None
    health_notes: str | None = None  # restricted: None when the actor may not read it
    family_id: int | None = None
    id: int | None = None

    @property
    def display_name(self) -> str:
        first = self.preferred_name or self.first_name
        return f"{first} {self.last_name}".strip()


@dataclass
class PickupPerson:
    """Someone other than a caregiver the family authorizes to collect the children."""

    name: str = ""
    relationship: str = ""
    phone: str = ""
    notes: str = ""
    family_id: int | None = None
    id: int | None = None


@dataclass
class Family:
    name: str = ""
    address_line1: str = ""
    address_line2: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    home_languages: list[str] = field(default_factory=list)
    preferred_language: str = "en"
    interpreter_needed: bool = False
    preferred_channel: ContactChannel = ContactChannel.PHONE
    best_times: str = ""
    available_times: list[AvailableTime] = field(default_factory=list)
    directory_consent: bool = False
    photo_consent: bool = False
    status: FamilyStatus = FamilyStatus.ENROLLED
    enrolled_on: dt.date | None = None
    exited_on: dt.date | None = None
    external_id: str = ""
    notes: str = ""
    archived: bool = False
    id: int | None = None
    version: int | None = None  # None: a new record (services.versions checks it on save)
    updated_at: dt.datetime | None = None  # the last change (UTC), for the stale-edit message
    updated_by: str = ""  # who made it: role and account id, never a name


@dataclass
class FamilyDetail:
    """Everything on one household's page."""

    family: Family
    caregivers: list[Caregiver] = field(default_factory=list)
    children: list[Child] = field(default_factory=list)
    pickups: list[PickupPerson] = field(default_factory=list)


@dataclass
class FamilyRow:
    """One line of the families list (kept small: the list may hold 50,000 of them)."""

    id: int
    name: str
    caregivers: str
    children: str
    phone: str
    preferred_language: str
    status: FamilyStatus
    archived: bool
