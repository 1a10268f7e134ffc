"""Conversions between database rows and the plain records of a household, and household validation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from famdesk.db import models as m
from famdesk.domain import records as r
from famdesk.domain.roles import Actor, Kind
from famdesk.domain.text import digits_only, fold
from famdesk.i18n import _
from famdesk.services import door
from famdesk.services.access import may_read_restricted
from famdesk.services.validation import (
    Problems,
    check_birth_date,
    check_date_order,
    check_email,
    check_language,
    check_phone,
    check_required,
)
from famdesk.services.versions import fields as version_fields

FAMILY_FIELDS = ("name", "address_line1", "address_line2", "city", "region", "postal_code", "home_languages",
                 "preferred_language", "interpreter_needed", "preferred_channel", "best_times",
                 "directory_consent", "photo_consent", "status", "enrolled_on", "exited_on", "external_id",
                 "notes")
CAREGIVER_FIELDS = ("first_name", "last_name", "mobile_phone", "home_phone", "work_phone", "email",
                    "lives_with_child", "authorized_pickup", "emergency_contact", "preferred_language")
CHILD_FIELDS = ("first_name", "last_name", "preferred_name", "birth_date", "classroom_id", "program_option",
                "enrolled_on", "exited_on")
PHONE_FIELDS = ("mobile_phone", "home_phone", "work_phone")


@door.pure("converts plain values")
def times_to_json(times: list[r.AvailableTime]) -> list[dict[str, Any]]:
    return [{"weekday": t.weekday, "start": t.start.strftime("%H:%M"), "end": t.end.strftime("%H:%M")}
            for t in times]


@door.pure("converts plain values")
def times_from_json(raw: list[dict[str, Any]] | None) -> list[r.AvailableTime]:
    return [r.AvailableTime(int(x["weekday"]), dt.time.fromisoformat(x["start"]), dt.time.fromisoformat(x["end"]))
            for x in raw or []]


@door.internal("converts a row the caller loaded in its session")
def family_record(row: m.Family) -> r.Family:
    return r.Family(**{f: getattr(row, f) for f in FAMILY_FIELDS},
                    available_times=times_from_json(row.available_times),
                    archived=row.archived_at is not None, id=row.id, **version_fields(row))


@door.internal("converts a row the caller loaded in its session")
def caregiver_record(row: m.Caregiver, actor: Actor) -> r.Caregiver:
    return r.Caregiver(**{f: getattr(row, f) for f in CAREGIVER_FIELDS}, relationship=row.relationship_,
                       custody_notes=row.custody_notes if may_read_restricted(actor) else None,
                       family_id=row.family_id, id=row.id)


@door.internal("converts a row the caller loaded in its session")
def child_record(row: m.Child, actor: Actor | None = None) -> r.Child:
    health = row.health_notes if actor is not None and may_read_restricted(actor, Kind.HEALTH_NOTES) else None
    return r.Child(**{f: getattr(row, f) for f in CHILD_FIELDS}, health_notes=health, family_id=row.family_id,
                   id=row.id)


@door.internal("converts a row the caller loaded in its session")
def pickup_record(row: m.PickupPerson) -> r.PickupPerson:
    return r.PickupPerson(name=row.name, relationship=row.relationship_, phone=row.phone, notes=row.notes,
                          family_id=row.family_id, id=row.id)


@door.internal("converts a row the caller loaded in its session")
def detail_record(row: m.Family, actor: Actor) -> r.FamilyDetail:
    return r.FamilyDetail(family_record(row), [caregiver_record(c, actor) for c in row.caregivers],
                          [child_record(c, actor) for c in row.children], [pickup_record(p) for p in row.pickups])


@door.internal("converts a row the caller loaded in its session")
def search_text_for(row: m.Family) -> str:
    """Everything search-as-you-type should find the household by, folded once at write time."""
    parts: list[str] = [row.name, row.external_id]
    for c in row.caregivers:
        parts += [c.first_name, c.last_name, c.email]
        parts += [digits_only(getattr(c, f))[-10:] for f in PHONE_FIELDS if getattr(c, f)]
    for ch in row.children:
        parts += [ch.first_name, ch.last_name, ch.preferred_name]
    return " " + " ".join(fold(p) for p in parts if p) + " "


@door.pure("checks a record in memory")
def validate_detail(detail: r.FamilyDetail, country: str, today: dt.date | None = None) -> Problems:
    """Check a whole household; phone numbers come back normalized to E.164 in ``detail``."""
    problems = Problems()
    fam = detail.family
    fam.name = check_required(problems, "family.name", fam.name, _("The family's name"))
    fam.preferred_language = check_language(problems, "family.preferred_language", fam.preferred_language) or "en"
    fam.home_languages = [check_language(problems, "family.home_languages", c) for c in fam.home_languages if c]
    check_date_order(problems, "family.exited_on", fam.enrolled_on, fam.exited_on)
    for t in fam.available_times:
        if not 0 <= t.weekday <= 6 or t.end <= t.start:
            problems.add("family.available_times", _("An available time must end after it starts."))
    for i, cg in enumerate(detail.caregivers):
        where = f"caregivers[{i}]"
        cg.first_name = check_required(problems, f"{where}.first_name", cg.first_name,
                                       _("Caregiver {n}'s first name").format(n=i + 1))
        cg.last_name = (cg.last_name or "").strip()
        for f in PHONE_FIELDS:
            setattr(cg, f, check_phone(problems, f"{where}.{f}", getattr(cg, f), country))
        cg.email = check_email(problems, f"{where}.email", cg.email)
        if cg.preferred_language:
            cg.preferred_language = check_language(problems, f"{where}.preferred_language", cg.preferred_language)
    for i, ch in enumerate(detail.children):
        where = f"children[{i}]"
        ch.first_name = check_required(problems, f"{where}.first_name", ch.first_name,
                                       _("Child {n}'s first name").format(n=i + 1))
        ch.last_name = (ch.last_name or "").strip()
        check_birth_date(problems, f"{where}.birth_date", ch.birth_date, today, who=ch.first_name)
        check_date_order(problems, f"{where}.exited_on", ch.enrolled_on, ch.exited_on)
    for i, p in enumerate(detail.pickups):
        p.name = check_required(problems, f"pickups[{i}].name", p.name, _("The pickup person's name"))
        p.phone = check_phone(problems, f"pickups[{i}].phone", p.phone, country)
    return problems


@door.internal("converts a row the caller loaded in its session")
def apply_family(row: m.Family, fam: r.Family) -> None:
    for f in FAMILY_FIELDS:
        setattr(row, f, getattr(fam, f))
    row.available_times = times_to_json(fam.available_times)


@door.internal("converts a row the caller loaded in its session")
def apply_caregiver(row: m.Caregiver, cg: r.Caregiver, actor: Actor) -> None:
    for f in CAREGIVER_FIELDS:
        setattr(row, f, getattr(cg, f))
    row.relationship_ = cg.relationship
    # None means "not shown to this actor": keep what is stored rather than wiping it.
    if cg.custody_notes is not None and may_read_restricted(actor):
        row.custody_notes = cg.custody_notes


@door.internal("converts a row the caller loaded in its session")
def apply_child(row: m.Child, ch: r.Child, actor: Actor | None = None) -> None:
    for f in CHILD_FIELDS:
        setattr(row, f, getattr(ch, f))
    if ch.health_notes is not None and actor is not None and may_read_restricted(actor, Kind.HEALTH_NOTES):
        row.health_notes = ch.health_notes  # None = not shown to this actor: keep what is stored


@door.internal("converts a row the caller loaded in its session")
def apply_pickup(row: m.PickupPerson, p: r.PickupPerson) -> None:
    row.name, row.relationship_, row.phone, row.notes = p.name, p.relationship, p.phone, p.notes
