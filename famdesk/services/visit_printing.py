"""Printables of the visits area: appointment letters and reminders (family's language), the visit-record
sheet (staff's language) and the bulletin-board poster. Gathers plain data; printing/ makes the PDF."""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict

from pypdf import PdfReader
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from famdesk.db import models as m
from famdesk.domain.enums import PaperSize
from famdesk.domain.errors import NotFoundError
from famdesk.domain.printables import PrintResult, ProgramInfo
from famdesk.domain.roles import Action, Kind
from famdesk.domain.visit_printables import PastVisit, PosterRow, VisitLetter, VisitPoster, VisitRecord
from famdesk.domain.visits import VisitKind, VisitPlace, VisitStatus, label
from famdesk.formatting import language_name
from famdesk.i18n import _, ui_language
from famdesk.services.compliance import family_compliance
from famdesk.services.context import ServiceContext
from famdesk.services.door import Row, internal, operation
from famdesk.services.program import load_program
from famdesk.services.validation import format_phone
from famdesk.services.visit_common import program_now, program_year, staff_name
from famdesk.services.visit_requirements import load_requirements


@internal("reads the program in the caller's session")
def program_info(s: Session) -> ProgramInfo:
    p = load_program(s)
    phone = format_phone(p.phone, p.country or "US")
    return ProgramInfo(
        p.name,
        p.address,
        phone,
        p.email,
        p.logo_png,
        p.country or "US",
        None if p.paper_size is PaperSize.AUTO else p.paper_size.value,
    )


def _visit(s: Session, visit_id: int) -> m.Visit:
    row = s.get(m.Visit, visit_id, options=[selectinload(m.Visit.staff), selectinload(m.Visit.family)])
    if row is None:
        raise NotFoundError(_("That visit was deleted in the meantime."))
    return row


@operation(Kind.VISIT, Action.PRINT, family=Row("visit_id", m.Visit), record="visit_id")
def visit_letter(
    ctx: ServiceContext, visit_id: int, *, reminder: bool = False, locale: str | None = None
) -> PrintResult:
    """The appointment letter (or reminder) in the family's preferred language unless ``locale``."""
    from famdesk.printing.documents import visit_letter as doc

    with ctx.db.read() as s:
        v = _visit(s, visit_id)
        data = VisitLetter(
            program_info(s),
            v.family.name,
            v.family.preferred_language or "en",
            v.starts_at,
            v.ends_at,
            v.kind.value,
            v.place.value,
            v.address,
            tuple(staff_name(x) for x in v.staff),
            v.interpreter_needed,
            v.make_up_of_id is not None,
            reminder,
        )
    return doc.build_result(data, locale=locale)


@operation(Kind.VISIT, Action.PRINT, family=Row("visit_id", m.Visit), record="visit_id")
def visit_record_sheet(ctx: ServiceContext, visit_id: int, *, locale: str | None = None) -> PrintResult:
    """The sheet to take on the visit, in the interface language (it is for staff)."""
    from famdesk.printing.documents import visit_record as doc

    with ctx.db.read() as s:
        v = _visit(s, visit_id)
        recent = [
            PastVisit(x.starts_at.date(), label(x.status), x.minutes_held)
            for x in s.scalars(
                select(m.Visit)
                .where(m.Visit.family_id == v.family_id, m.Visit.starts_at < v.starts_at)
                .order_by(m.Visit.starts_at.desc())
                .limit(4)
            )
        ]
        children = tuple(
            f"{c.preferred_name or c.first_name} {c.last_name}".strip() for c in v.family.children
        )
        req = load_requirements(s)
        minimum = (
            max((r.min_home_visit_minutes for r in req.rules.values()), default=0)
            if v.kind is VisitKind.HOME_VISIT
            else 0
        )
        lang = locale or ui_language()
        data_args = dict(
            program=program_info(s),
            family_name=v.family.name,
            starts_at=v.starts_at,
            ends_at=v.ends_at,
            kind=v.kind.value,
            address=v.address,
            staff_names=tuple(staff_name(x) for x in v.staff),
            children=children,
            family_language=language_name(v.family.preferred_language, lang),
            interpreter_name=v.interpreter_name,
            interpreter_needed=v.interpreter_needed,
            purpose=v.purpose,
            recent=tuple(recent),
        )
        family_id, day, is_home_visit = v.family_id, v.starts_at.date(), v.kind is VisitKind.HOME_VISIT
    tally = next((f for f in family_compliance(ctx, day) if f.family_id == family_id), None)
    if tally is not None:
        rule_min = req.for_family(tally.option, tally.band).min_home_visit_minutes
        minimum = rule_min if is_home_visit else 0
        data_args.update(
            held_so_far=tally.home_visits.held, required_to_date=tally.home_visits.required_to_date
        )
    pdf = doc.build(VisitRecord(**data_args, minimum_minutes=minimum), locale=lang)  # type: ignore[arg-type]
    return PrintResult(pdf, len(PdfReader(io.BytesIO(pdf)).pages))


@operation(Kind.DASHBOARD, Action.PRINT)
def visit_poster(
    ctx: ServiceContext, as_of: dt.date | None = None, *, locale: str | None = None
) -> PrintResult:
    """Home visits held this year against the year's goal per classroom, and family visits to the program."""
    from famdesk.printing.documents import visit_poster as doc

    with ctx.db.read() as s:
        as_of = as_of or program_now(s).date()
        start, end = program_year(s, as_of)
        info = program_info(s)
        language = locale or load_program(s).default_language or "en"
        rooms: dict[int, set[int]] = defaultdict(set)
        names = {}
        for fid, rid, rname in s.execute(
            select(m.Child.family_id, m.Classroom.id, m.Classroom.name)
            .join(m.Classroom, m.Classroom.id == m.Child.classroom_id)
            .where(m.Classroom.archived.is_(False))
        ):
            rooms[rid].add(fid)
            names[rid] = rname
        to_program = int(
            s.scalar(
                select(func.count(m.Visit.id)).where(
                    m.Visit.status == VisitStatus.COMPLETED,
                    m.Visit.place == VisitPlace.CENTER,
                    m.Visit.kind.in_([VisitKind.PARENT_CONFERENCE, VisitKind.GROUP_SOCIALIZATION]),
                    m.Visit.starts_at >= dt.datetime.combine(start, dt.time()),
                    m.Visit.starts_at < dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time()),
                )
            )
            or 0
        )
    tallies = {f.family_id: f for f in family_compliance(ctx, as_of)}
    placed = set().union(*rooms.values()) if rooms else set()
    if set(tallies) - placed:
        rooms[-1] = set(tallies) - placed
        names[-1] = _("Without a classroom")
    rows = []
    for rid in sorted(rooms, key=lambda r: (r < 0, names[r])):
        fams = [tallies[f] for f in rooms[rid] if f in tallies]
        if fams:
            rows.append(
                PosterRow(
                    names[rid],
                    len(fams),
                    sum(f.home_visits.held for f in fams),
                    sum(f.home_visits.required_year for f in fams),
                )
            )
    pdf = doc.build(VisitPoster(info, start, end, as_of, tuple(rows), to_program, language))
    return PrintResult(pdf, len(PdfReader(io.BytesIO(pdf)).pages))
