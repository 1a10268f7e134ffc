"""Who is acting: every service call is made on behalf of an Actor.

The window signs a user in; a command signs in with ``--user`` once the program has accounts. Every
service call goes through ``services.door``, which refuses a context without an actor.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    DIRECTOR = "director"
    FAMILY_SERVICES = "family_services"
    TEACHER = "teacher"
    OFFICE = "office"


@dataclass(frozen=True)
class Actor:
    role: Role
    user_id: int | None = None
    staff_id: int | None = None
    label: str = "local"  # "command line", "demo", a user name: for the audit trail, never in logs

    @property
    def may_read_restricted(self) -> bool:
        """Custody notes, incident and health records: directors only by default."""
        return self.role is Role.DIRECTOR


DIRECTOR = Actor(Role.DIRECTOR, label="director")
COMMAND_LINE = Actor(Role.DIRECTOR, label="command line")


class Kind(StrEnum):
    """Kinds of records permissions are given on (see services.access for the table)."""

    FAMILY = "family"
    CAREGIVER = "caregiver"
    CHILD = "child"
    PICKUP = "pickup"  # authorized pickup persons
    CUSTODY_NOTES = "custody_notes"
    HEALTH_NOTES = "health_notes"
    VISIT = "visit"  # home visits and conferences, with their addresses and notes
    VISIT_SETTINGS = "visit_settings"  # closures, visit requirements
    CONTACT = "contact"  # the communication log
    GOAL = "goal"  # family goals and their steps
    EVENT = "event"  # program events
    ATTENDANCE = "attendance"  # who came to an event
    OBSERVATION = "observation"  # observation notes and their photos
    HANDOUT = "handout"  # handout texts, custom handouts, wording lists, worksheets
    PACKET = "packet"  # welcome packets and their contents
    DASHBOARD = "dashboard"  # the partnership figures and the poster
    COMPLIANCE = "compliance"  # visit compliance and the at-risk list
    FRAMEWORK = "framework"  # early-learning frameworks
    IMPORT = "import"  # roster imports
    CLASSROOM = "classroom"
    STAFF = "staff"
    PROGRAM = "program"  # the program's own settings
    PREFERENCES = "preferences"  # a person's own choices (their password, their language)
    INCIDENT = "incident"
    LEGAL_HOLD = "legal_hold"  # legal holds and the retention rule for families who left
    AUDIT = "audit"
    USERS = "users"
    DATABASE = "database"  # backups, restores, encryption, the database as a whole


class Action(StrEnum):
    READ = "read"
    WRITE = "write"
    PRINT = "print"
    EXPORT = "export"
    ERASE = "erase"
