"""The fields a roster column can feed, and recognition of the headers other systems export.

Headers are compared folded and stripped of punctuation, so "Child's First Name", "child_first_name"
and "CHILD FIRST NAME" are one header. Caregiver columns are recognized by a numbered or ranked
prefix ("Parent 1 Cell", "Guardian2 Email", "Primary Contact Phone", "Mother Name").
"""

from __future__ import annotations

import re

from famdesk.domain.imports import ImportMapping
from famdesk.domain.text import fold
from famdesk.i18n import N_, _
from famdesk.services.door import pure

CAREGIVER_SLOTS = 3
_CG_PARTS = {
    "full_name": N_("name"),
    "first_name": N_("first name"),
    "last_name": N_("last name"),
    "relationship": N_("relationship"),
    "mobile_phone": N_("mobile phone"),
    "home_phone": N_("home phone"),
    "work_phone": N_("work phone"),
    "email": N_("email"),
}
FIELD_LABELS: dict[str, str] = {
    "family.external_id": N_("Family ID (rows with the same ID are one household)"),
    "family.name": N_("Family name"),
    "family.address_line1": N_("Street address"),
    "family.address_line2": N_("Address line 2"),
    "family.city": N_("City"),
    "family.region": N_("State / region"),
    "family.postal_code": N_("ZIP / postal code"),
    "family.home_languages": N_("Home language(s)"),
    "family.preferred_language": N_("Language for written materials"),
    "family.interpreter_needed": N_("Interpreter needed"),
    "family.directory_consent": N_("Directory consent"),
    "family.photo_consent": N_("Photo consent"),
    "family.notes": N_("Family notes"),
    "child.full_name": N_("Child's full name"),
    "child.first_name": N_("Child's first name"),
    "child.last_name": N_("Child's last name"),
    "child.preferred_name": N_("Child's preferred name"),
    "child.birth_date": N_("Child's birth date"),
    "child.classroom": N_("Classroom"),
    "child.program_option": N_("Program option"),
    "child.enrolled_on": N_("Enrolment date"),
}
for _n in range(1, CAREGIVER_SLOTS + 1):
    for _part in _CG_PARTS:
        FIELD_LABELS[f"caregiver{_n}.{_part}"] = f"caregiver {_n}: {_part}"


@pure("column names and labels")
def field_label(key: str) -> str:
    if key.startswith("caregiver") and "." in key:
        slot, part = key.split(".", 1)
        return _("Caregiver {n}: {part}").format(
            n=slot[len("caregiver") :], part=_(_CG_PARTS.get(part, part))
        )
    return _(FIELD_LABELS.get(key, key))


@pure("column names and labels")
def norm(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(header).replace("'s ", " ")).strip()


_FAMILY_HEADERS = {
    "family.external_id": [
        "family id",
        "household id",
        "familyid",
        "family number",
        "family no",
        "family",
        "household",
        "household number",
        "account id",
        "account number",
        "family code",
        "case number",
        "family key",
    ],
    "family.name": ["family name", "household name", "account name"],
    "family.address_line1": [
        "street",
        "address",
        "street address",
        "address 1",
        "address line 1",
        "address1",
        "home address",
        "mailing address",
        "street 1",
    ],
    "family.address_line2": [
        "address 2",
        "address line 2",
        "address2",
        "apt",
        "apartment",
        "unit",
        "street 2",
    ],
    "family.city": ["city", "town", "city town"],
    "family.region": ["state", "province", "region", "st", "state province"],
    "family.postal_code": ["zip", "zip code", "zipcode", "postal code", "postcode", "zip postal code"],
    "family.home_languages": [
        "home language",
        "home languages",
        "primary language",
        "language",
        "languages spoken at home",
        "language spoken at home",
        "family language",
        "primary home language",
        "native language",
    ],
    "family.preferred_language": [
        "preferred language",
        "written language",
        "language for materials",
        "correspondence language",
    ],
    "family.interpreter_needed": [
        "interpreter needed",
        "needs interpreter",
        "interpreter",
        "interpreter required",
    ],
    "family.directory_consent": [
        "directory consent",
        "include in directory",
        "directory ok",
        "directory",
        "share in directory",
        "directory opt in",
        "publish in directory",
    ],
    "family.photo_consent": [
        "photo consent",
        "photo release",
        "photo permission",
        "media release",
        "photos ok",
    ],
    "family.notes": ["family notes", "notes", "comments"],
    "child.full_name": [
        "child name",
        "child",
        "student name",
        "student",
        "child full name",
        "name of child",
        "kid name",
        "participant name",
    ],
    "child.first_name": [
        "child first name",
        "first name",
        "student first name",
        "child first",
        "firstname",
        "child given name",
        "given name",
        "participant first name",
    ],
    "child.last_name": [
        "child last name",
        "last name",
        "student last name",
        "child last",
        "lastname",
        "child surname",
        "surname",
        "family name of child",
        "participant last name",
    ],
    "child.preferred_name": [
        "child preferred name",
        "preferred name",
        "nickname",
        "goes by",
        "child nickname",
    ],
    "child.birth_date": [
        "date of birth",
        "dob",
        "birth date",
        "birthdate",
        "child dob",
        "child date of birth",
        "child birth date",
        "birthday",
        "student dob",
    ],
    "child.classroom": [
        "classroom",
        "room",
        "class",
        "group",
        "classroom name",
        "child classroom",
        "room name",
    ],
    "child.program_option": [
        "program option",
        "program",
        "program type",
        "option",
        "enrollment type",
        "service type",
        "program model",
    ],
    "child.enrolled_on": [
        "enrollment date",
        "enrolment date",
        "start date",
        "enrolled on",
        "date enrolled",
        "admission date",
    ],
}
_LOOKUP = {h: key for key, hs in _FAMILY_HEADERS.items() for h in hs}
_CG_PREFIX = re.compile(r"^(caregiver|parent|guardian|contact|adult|parent guardian|pg)\s*(\d)\s*(.*)$")
_CG_RANKED = {"primary": 1, "secondary": 2, "mother": 1, "father": 2, "parent a": 1, "parent b": 2}
_CG_PART_HEADERS = {
    "": "full_name",
    "name": "full_name",
    "full name": "full_name",
    "first name": "first_name",
    "first": "first_name",
    "given name": "first_name",
    "last name": "last_name",
    "last": "last_name",
    "surname": "last_name",
    "relationship": "relationship",
    "relation": "relationship",
    "role": "relationship",
    "relationship to child": "relationship",
    "phone": "mobile_phone",
    "cell": "mobile_phone",
    "cell phone": "mobile_phone",
    "mobile": "mobile_phone",
    "mobile phone": "mobile_phone",
    "phone number": "mobile_phone",
    "primary phone": "mobile_phone",
    "home phone": "home_phone",
    "home": "home_phone",
    "work phone": "work_phone",
    "work": "work_phone",
    "email": "email",
    "e mail": "email",
    "email address": "email",
}


@pure("column names and labels")
def recognize(header: str) -> str:
    """The field key a header most likely means, or '' when famdesk does not know it."""
    h = norm(header)
    if not h:
        return ""
    if h in _LOOKUP:
        return _LOOKUP[h]
    match = _CG_PREFIX.match(h)
    slot, rest = (int(match.group(2)), match.group(3).strip()) if match else (0, "")
    if not match:
        for word, n in _CG_RANKED.items():
            for prefix in (
                word + " contact ",
                word + " caregiver ",
                word + " parent ",
                word + " guardian ",
                word + " ",
            ):
                if h.startswith(prefix) or h == word:
                    slot, rest = n, h[len(prefix) :].strip() if h != word else ""
                    break
            if slot:
                break
    if slot and 1 <= slot <= CAREGIVER_SLOTS and rest in _CG_PART_HEADERS:
        return f"caregiver{slot}.{_CG_PART_HEADERS[rest]}"
    return ""


@pure("column names and labels")
def suggest_mapping(headers: list[str]) -> ImportMapping:
    """Recognize every header; a field is taken by the first column that means it."""
    taken: set[str] = set()
    columns: dict[str, str] = {}
    for header in headers:
        key = recognize(header)
        if key and key not in taken:
            columns[header] = key
            taken.add(key)
    return ImportMapping(columns=columns)


@pure("column names and labels")
def all_field_keys() -> list[str]:
    return list(FIELD_LABELS)
