"""All mapped classes. Each area adds its module here (and a migration in db/migrations/versions).

The core (program, families, staff, accounts) loads with this package. The other areas' modules load
the first time one of their names is used (``m.Visit``, ``from famdesk.db.models import Visit``):
mapping a class costs a few milliseconds, and the start-up window needs none of them. Code that
needs *every* table (merging households, table counts, migrations) calls ``load_all()`` first.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

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
from famdesk.db.models.directory import ix_family_active_name, ix_family_name

if TYPE_CHECKING:  # for type checkers, the lazily loaded names below are plain imports
    from famdesk.db.models.handouts import CustomHandout, FamilyPrintOption, HandoutVersion
    from famdesk.db.models.incidents import Incident
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
    from famdesk.db.models.retention import LegalHold
    from famdesk.db.models.visits import ProgramClosure, Visit, visit_staff

# name → area module, loaded on first use
LAZY_AREAS: dict[str, str] = {
    **dict.fromkeys(["Framework", "FrameworkDomain", "FrameworkSubdomain", "Observation", "observation_child",
                     "observation_domain", "observation_subdomain"], "observations"),
    **dict.fromkeys(["Contact", "Event", "EventAttendance", "FamilyGoal", "GoalStep"], "partnership"),
    **dict.fromkeys(["ProgramClosure", "Visit", "visit_staff"], "visits"),
    **dict.fromkeys(["CustomHandout", "FamilyPrintOption", "HandoutVersion"], "handouts"),
    "Incident": "incidents",
    "LegalHold": "retention",
}


def __getattr__(name: str) -> Any:
    area = LAZY_AREAS.get(name)
    if area is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{area}"), name)
    globals()[name] = value  # later look-ups are plain attribute reads
    return value


def load_all() -> None:
    """Map every area's classes, so ``Base.metadata`` holds every table."""
    for area in sorted(set(LAZY_AREAS.values())):
        import_module(f"{__name__}.{area}")


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
    "load_all",
]
