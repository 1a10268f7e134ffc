"""Exports of the directory: CSV (formula-safe: services.spreadsheet_cells), XLSX, vCard 4 and one family's record.

The CSV/XLSX layout is the one the importer recognizes (one row per child, household columns repeated,
two caregivers per row), so an export can be imported again. Custody notes appear only for actors
allowed to read them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import io
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from famdesk.db import models as m
from famdesk.domain import records as r
from famdesk.domain.directory import DirectoryFamily, DirectoryGroup, SchoolDirectory
from famdesk.domain.enums import FamilyStatus, label
from famdesk.domain.roles import Action, Kind
from famdesk.domain.text import fold
from famdesk.formatting import language_name
from famdesk.i18n import _
from famdesk.services import access, audit, door
from famdesk.services.context import ServiceContext
from famdesk.services.door import internal, operation
from famdesk.services.families import FamilyFilter, _filtered, load_family
from famdesk.services.family_records import detail_record
from famdesk.services.program import program_country
from famdesk.services.spreadsheet_cells import csv_text
from famdesk.services.validation import format_phone

BASE_HEADERS = [
    "Family ID",
    "Family Name",
    "Child First Name",
    "Child Last Name",
    "Child Preferred Name",
    "Date of Birth",
    "Classroom",
    "Program Option",
    "Home Language",
    "Interpreter Needed",
    "Caregiver 1 Name",
    "Caregiver 1 Relationship",
    "Caregiver 1 Phone",
    "Caregiver 1 Email",
    "Caregiver 2 Name",
    "Caregiver 2 Relationship",
    "Caregiver 2 Phone",
    "Caregiver 2 Email",
    "Street",
    "Address Line 2",
    "City",
    "State",
    "ZIP",
    "Directory Consent",
    "Photo Consent",
]
RESTRICTED_HEADERS = ["Caregiver 1 Custody Notes", "Caregiver 2 Custody Notes"]


def _details(ctx: ServiceContext, f: FamilyFilter | None) -> tuple[list[r.FamilyDetail], dict[int, str], str]:
    """The actor's families (scope_families) for an export or a print the door checked and records."""
    with ctx.db.read() as s:
        ids = access.scope_families(_filtered(f or FamilyFilter()), ctx.actor).subquery()
        rows = s.scalars(
            select(m.Family)
            .where(m.Family.id.in_(select(ids.c.id)))
            .order_by(m.Family.name, m.Family.id)
            .options(
                selectinload(m.Family.caregivers),
                selectinload(m.Family.children),
                selectinload(m.Family.pickups),
            )
        )
        details = [detail_record(row, ctx.actor) for row in rows]
        rooms = dict(s.execute(select(m.Classroom.id, m.Classroom.name)).all())
        return details, rooms, program_country(s)


# Exports (CSV, XLSX, vCard, JSON) are directors'; the door checks and records each one (ids only).
@operation(Kind.FAMILY, Action.EXPORT, family=door.LISTED)
def family_rows(ctx: ServiceContext, f: FamilyFilter | None = None) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the directory as text cells (not yet neutralized)."""
    details, rooms, country = _details(ctx, f)
    restricted = ctx.actor.may_read_restricted
    headers = BASE_HEADERS + (RESTRICTED_HEADERS if restricted else [])
    out = []
    yes, no = "Yes", "No"
    for d in details:
        fam = d.family
        cgs = [*d.caregivers[:2], None, None][:2]
        cg_cells: list[str] = []
        for cg in cgs:
            cg_cells += (
                [
                    cg.display_name,
                    label(cg.relationship),
                    format_phone(cg.mobile_phone or cg.home_phone, country),
                    cg.email,
                ]
                if cg
                else ["", "", "", ""]
            )
        tail = [
            fam.address_line1,
            fam.address_line2,
            fam.city,
            fam.region,
            fam.postal_code,
            yes if fam.directory_consent else no,
            yes if fam.photo_consent else no,
        ]
        if restricted:
            tail += [(cg.custody_notes or "") if cg else "" for cg in cgs]
        langs = ", ".join(language_name(c, "en") for c in fam.home_languages)
        for ch in d.children or [None]:  # type: ignore[list-item]
            child = (
                [
                    ch.first_name,
                    ch.last_name,
                    ch.preferred_name,
                    ch.birth_date.isoformat() if ch.birth_date else "",
                    rooms.get(ch.classroom_id or 0, ""),
                    label(ch.program_option),
                ]
                if ch
                else ["", "", "", "", "", ""]
            )
            out.append(
                [
                    fam.external_id or f"FD{fam.id}",
                    fam.name,
                    *child,
                    langs,
                    yes if fam.interpreter_needed else no,
                    *cg_cells,
                    *tail,
                ]
            )
    return headers, out


@operation(Kind.FAMILY, Action.EXPORT, family=door.LISTED)
def families_csv(ctx: ServiceContext, f: FamilyFilter | None = None) -> bytes:
    """UTF-8 with BOM and CRLF, as Excel opens it without asking about the encoding."""
    headers, rows = family_rows(ctx, f)
    return ("\ufeff" + csv_text([headers, *rows], lineterminator="\r\n")).encode("utf-8")


@operation(Kind.FAMILY, Action.EXPORT, family=door.LISTED)
def families_xlsx(ctx: ServiceContext, f: FamilyFilter | None = None) -> bytes:
    from openpyxl import Workbook

    headers, rows = family_rows(ctx, f)
    wb = Workbook()
    ws = wb.active
    ws.title = "Families"
    ws.append(headers)
    for row in rows:
        ws.append(row)
    for row_cells in ws.iter_rows(min_row=2):
        for cell in row_cells:
            # a string cell: text, never a formula, whatever it starts with (so no apostrophe either)
            cell.data_type = "s"
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@operation(Kind.FAMILY, Action.EXPORT, family=door.LISTED)
def caregivers_vcf(ctx: ServiceContext, f: FamilyFilter | None = None) -> bytes:
    """One vCard 4.0 per caregiver; the household and children go in ORG and NOTE."""
    import vobject

    details, _rooms, _country = _details(ctx, f)
    cards = []
    for d in details:
        kids = ", ".join(c.display_name for c in d.children)
        for cg in d.caregivers:
            card = vobject.vCard()
            card.add("version").value = "4.0"
            card.add("fn").value = cg.display_name
            card.add("n").value = vobject.vcard.Name(family=cg.last_name, given=cg.first_name)
            card.add("org").value = [d.family.name]
            for kind, number in (("cell", cg.mobile_phone), ("home", cg.home_phone), ("work", cg.work_phone)):
                if number:
                    tel = card.add("tel")
                    tel.value = f"tel:{number}"
                    tel.params["VALUE"] = ["uri"]
                    tel.params["TYPE"] = [kind]
            if cg.email:
                card.add("email").value = cg.email
            fam = d.family
            if fam.address_line1:
                card.add("adr").value = vobject.vcard.Address(
                    street=" ".join(x for x in (fam.address_line1, fam.address_line2) if x),
                    city=fam.city,
                    region=fam.region,
                    code=fam.postal_code,
                )
            lang = cg.preferred_language or fam.preferred_language
            if lang:
                card.add("lang").value = lang
            if kids:
                card.add("note").value = _("{relationship} of {names}").format(
                    relationship=label(cg.relationship), names=kids
                )
            cards.append(card.serialize())
    return "".join(cards).encode("utf-8")


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.date, dt.time, dt.datetime)):
        return value.isoformat()
    return value


@operation(Kind.FAMILY, Action.EXPORT, family=door.Arg("family_id"), record="family_id")
def family_record_json(ctx: ServiceContext, family_id: int) -> bytes:
    """Everything famdesk holds about one household, for the family's request to see its record."""
    with ctx.db.read() as s:
        row = load_family(s, family_id)
        detail = detail_record(row, ctx.actor)
        rooms = dict(s.execute(select(m.Classroom.id, m.Classroom.name)).all())
    data = _plain(detail)
    for child in data["children"]:
        child["classroom"] = rooms.get(child.get("classroom_id") or 0, "")
    if not ctx.actor.may_read_restricted:
        for cg in data["caregivers"]:
            cg.pop("custody_notes", None)
    if access.allowed(ctx.actor, Kind.INCIDENT, Action.EXPORT):  # restricted: only in a director's export
        from famdesk.services.incidents import family_incidents

        found = family_incidents(ctx, family_id)
        data["incidents"] = [_plain(x) for x in found]
        with ctx.db.transaction() as s:  # restricted records leave too: said apart (the door adds its own)
            audit.record(s, ctx.actor, Action.EXPORT, Kind.INCIDENT, None,
                         f"family={family_id} n={len(found)}")
    data = {
        "exported_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "format": "famdesk family record 1",
        **data,
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


# The directory printed for families: a print of the actor's families, recorded by the door.
@operation(Kind.FAMILY, Action.PRINT, family=door.LISTED)
def school_directory(ctx: ServiceContext) -> SchoolDirectory:
    """Enrolled, active families who agreed to be listed, grouped by their children's classrooms.

    Custody notes, addresses and birth dates never appear; a family with children in two classrooms
    is listed under both.
    """
    details, rooms, country = _details(ctx, FamilyFilter(status=FamilyStatus.ENROLLED))
    with ctx.db.read() as s:
        program = load_program_readonly(s)
    groups: dict[str, list[DirectoryFamily]] = {}
    for d in details:
        if not d.family.directory_consent:
            continue
        entry = DirectoryFamily(
            d.family.name,
            [c.display_name for c in d.children if c.exited_on is None],
            [c.display_name for c in d.caregivers],
            [
                format_phone(c.mobile_phone or c.home_phone, country)
                for c in d.caregivers
                if c.mobile_phone or c.home_phone
            ],
            [c.email for c in d.caregivers if c.email],
        )
        names = {rooms.get(c.classroom_id or 0, "") for c in d.children if c.exited_on is None} or {""}
        for name in names:
            groups.setdefault(name, []).append(entry)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] == "", fold(kv[0])))
    return SchoolDirectory(
        program[0],
        country,
        program[1],
        [DirectoryGroup(name, sorted(fams, key=lambda f: fold(f.name))) for name, fams in ordered],
    )


@internal("reads inside the caller's session")
def load_program_readonly(s: Session) -> tuple[str, str]:
    from famdesk.domain.enums import PaperSize
    from famdesk.formatting import paper_size_for

    row = s.scalars(select(m.Program).order_by(m.Program.id)).first()
    if row is None:
        return "", "letter"
    paper = paper_size_for(row.country) if row.paper_size is PaperSize.AUTO else row.paper_size.value
    return row.name, paper


@operation(Kind.FAMILY, Action.PRINT, family=door.LISTED)
def school_directory_pdf(ctx: ServiceContext, language: str) -> bytes:
    from famdesk.printing.documents import school_directory as document

    return document.build(school_directory(ctx), locale=language)
