"""Visit printables from the database: letter in the family's language, record sheet, poster."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from famdesk.domain.visits import Visit, VisitKind, VisitPlace, VisitStatus
from famdesk.services import visit_printing, visits
from famdesk.services.families import get_family, update_family


def text(pdf: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def at(day: str, hhmm: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hhmm}")


def test_letter_record_and_poster(world) -> None:  # type: ignore[no-untyped-def]
    detail = get_family(world.ctx, world.late)
    detail.family.preferred_language = "es"
    update_family(world.ctx, detail)
    held = visits.save_visit(
        world.ctx,
        Visit(
            family_id=world.late,
            staff_ids=[world.rosa],
            minutes_held=90,
            starts_at=at("2025-11-05", "17:30"),
            ends_at=at("2025-11-05", "19:00"),
            status=VisitStatus.COMPLETED,
        ),
    )
    nxt = visits.save_visit(
        world.ctx,
        Visit(
            family_id=world.late,
            staff_ids=[world.rosa],
            purpose="Goals",
            starts_at=at("2025-11-12", "17:30"),
            ends_at=at("2025-11-12", "19:00"),
            interpreter_needed=True,
        ),
    )
    visits.save_visit(
        world.ctx,
        Visit(
            family_id=world.center,
            staff_ids=[world.rosa],
            kind=VisitKind.PARENT_CONFERENCE,
            place=VisitPlace.CENTER,
            status=VisitStatus.COMPLETED,
            starts_at=at("2025-10-15", "15:00"),
            ends_at=at("2025-10-15", "15:30"),
        ),
    )
    letter = visit_printing.visit_letter(world.ctx, nxt.id)
    body = text(letter.pdf)
    assert letter.warnings == [] and "Visita al hogar" in body and "Late family" in body
    assert "12 de noviembre de 2025" in body and "Habrá un intérprete." in body
    reminder = text(visit_printing.visit_letter(world.ctx, nxt.id, reminder=True, locale="en").pdf)
    assert "Reminder: Home visit" in reminder

    sheet = text(visit_printing.visit_record_sheet(world.ctx, nxt.id).pdf)
    # As of 2025-11-12: 10 days enrolled → 32*10//365 = 0 due; the minimum is the home-based 90.
    assert "Late family" in sheet and "Rosa Gutiérrez" in sheet and "Spanish" in sheet
    assert "at least 90 minutes" in sheet and "Nov 5, 2025" in sheet and held.id

    poster = text(visit_printing.visit_poster(world.ctx, dt.date(2025, 12, 31)).pdf)
    assert "Home visits made so far: 1." in poster
    assert "group activities): 1" in poster
