"""Who is acting: every service call is made on behalf of an Actor.

The accounts issue adds real users and passwords; until then the GUI and the CLI act as the
director. Services already take the actor, so permission rules land in one place later.
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
    CLASSROOM = "classroom"
    STAFF = "staff"
    PROGRAM = "program"
    CUSTODY_NOTES = "custody_notes"
    HEALTH_NOTES = "health_notes"
    INCIDENT = "incident"
    LEGAL_HOLD = "legal_hold"  # legal holds and the retention rule for families who left
    AUDIT = "audit"
    USERS = "users"
    DATABASE = "database"  # backups, restores, the database as a whole


class Action(StrEnum):
    READ = "read"
    WRITE = "write"
    PRINT = "print"
    EXPORT = "export"
    ERASE = "erase"
