"""Enumerations shared by every layer. Values are stored in the database as their string value."""

from __future__ import annotations

from enum import StrEnum

from famdesk.i18n import N_


class ProgramOption(StrEnum):
    CENTER_BASED = "center_based"
    HOME_BASED = "home_based"
    FAMILY_CHILD_CARE = "family_child_care"


class FamilyStatus(StrEnum):
    APPLICANT = "applicant"
    WAITLIST = "waitlist"
    ENROLLED = "enrolled"
    EXITED = "exited"


class ContactChannel(StrEnum):
    PHONE = "phone"
    TEXT = "text"
    EMAIL = "email"
    IN_PERSON = "in_person"
    NOTE_HOME = "note_home"


class StaffRole(StrEnum):
    DIRECTOR = "director"
    TEACHER = "teacher"
    ASSISTANT_TEACHER = "assistant_teacher"
    FAMILY_SERVICES = "family_services"
    HOME_VISITOR = "home_visitor"
    OFFICE = "office"
    OTHER = "other"


class PaperSize(StrEnum):
    AUTO = "auto"
    LETTER = "letter"
    A4 = "a4"


class Relationship(StrEnum):
    MOTHER = "mother"
    FATHER = "father"
    GRANDMOTHER = "grandmother"
    GRANDFATHER = "grandfather"
    AUNT = "aunt"
    UNCLE = "uncle"
    GUARDIAN = "guardian"
    FOSTER_PARENT = "foster_parent"
    STEPPARENT = "stepparent"
    SIBLING = "sibling"
    OTHER = "other"


# Labels for the GUI and exports; marked with N_ and translated with _() where shown.
LABELS: dict[StrEnum, str] = {
    ProgramOption.CENTER_BASED: N_("Center-based"),
    ProgramOption.HOME_BASED: N_("Home-based"),
    ProgramOption.FAMILY_CHILD_CARE: N_("Family child care"),
    FamilyStatus.APPLICANT: N_("Applicant"),
    FamilyStatus.WAITLIST: N_("Waiting list"),
    FamilyStatus.ENROLLED: N_("Enrolled"),
    FamilyStatus.EXITED: N_("Left the program"),
    ContactChannel.PHONE: N_("Phone call"),
    ContactChannel.TEXT: N_("Text message"),
    ContactChannel.EMAIL: N_("Email"),
    ContactChannel.IN_PERSON: N_("In person"),
    ContactChannel.NOTE_HOME: N_("Note home"),
    StaffRole.DIRECTOR: N_("Director"),
    StaffRole.TEACHER: N_("Teacher"),
    StaffRole.ASSISTANT_TEACHER: N_("Assistant teacher"),
    StaffRole.FAMILY_SERVICES: N_("Family services"),
    StaffRole.HOME_VISITOR: N_("Home visitor"),
    StaffRole.OFFICE: N_("Office"),
    StaffRole.OTHER: N_("Other"),
    PaperSize.AUTO: N_("Automatic (from the program's country)"),
    PaperSize.LETTER: N_("US Letter"),
    PaperSize.A4: N_("A4"),
    Relationship.MOTHER: N_("Mother"),
    Relationship.FATHER: N_("Father"),
    Relationship.GRANDMOTHER: N_("Grandmother"),
    Relationship.GRANDFATHER: N_("Grandfather"),
    Relationship.AUNT: N_("Aunt"),
    Relationship.UNCLE: N_("Uncle"),
    Relationship.GUARDIAN: N_("Legal guardian"),
    Relationship.FOSTER_PARENT: N_("Foster parent"),
    Relationship.STEPPARENT: N_("Stepparent"),
    Relationship.SIBLING: N_("Sibling"),
    Relationship.OTHER: N_("Other"),
}


def label(value: StrEnum) -> str:
    """The translated label of an enum value (falls back to the raw value)."""
    from famdesk.i18n import _

    return _(LABELS.get(value, str(value)))
