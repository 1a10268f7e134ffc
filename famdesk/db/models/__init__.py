"""All mapped classes. Each area adds its module here (and a migration in db/migrations/versions)."""

from famdesk.db.models.accounts import AuditEntry, UserAccount, family_staff
from famdesk.db.models.base import Base
from famdesk.db.models.core import (
    Caregiver,
    Child,
    Classroom,
    Family,
    PickupPerson,
    Program,
    Setting,
    Site,
    StaffMember,
    staff_classroom,
)
from famdesk.db.models.observations import (
    Framework,
    FrameworkDomain,
    FrameworkSubdomain,
    Observation,
    observation_child,
    observation_domain,
    observation_subdomain,
)
from famdesk.db.models.partnership import Contact, Event, EventAttendance, FamilyGoal, GoalStep
from famdesk.db.models.visits import ProgramClosure, Visit, visit_staff
from famdesk.db.models.directory import ix_family_active_name, ix_family_name
from famdesk.db.models.handouts import CustomHandout, FamilyPrintOption, HandoutVersion
from famdesk.db.models.incidents import Incident
from famdesk.db.models.retention import LegalHold

__all__ = [
    "AuditEntry",
    "UserAccount",
    "family_staff",
    "Base",
    "Caregiver",
    "Child",
    "Classroom",
    "Family",
    "PickupPerson",
    "Program",
    "Setting",
    "Site",
    "StaffMember",
    "staff_classroom",
    "Framework",
    "FrameworkDomain",
    "FrameworkSubdomain",
    "Observation",
    "observation_child",
    "observation_domain",
    "observation_subdomain",
    "Contact", "Event", "EventAttendance", "FamilyGoal", "GoalStep",
    "ProgramClosure",
    "Visit",
    "visit_staff",
    "ix_family_active_name",
    "ix_family_name",
    "CustomHandout",
    "FamilyPrintOption",
    "HandoutVersion",
    "Incident", "LegalHold",
]
