"""Calendar UIDs unique across programs; SEQUENCE and LAST-MODIFIED follow a visit's changes; no-shows."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import icalendar
import vobject

from famdesk.domain import records as r
from famdesk.domain.enums import StaffRole
from famdesk.domain.visits import Visit, VisitStatus
from famdesk.services import families, program, staff, visits
from famdesk.services.visit_ics import PROGRAM_UID_SETTING, export_ics


def at(day: str, hhmm: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hhmm}")


def _other_program(ctx):  # type: ignore[no-untyped-def]
    """A second, separate program with one home visitor and one family (its own database)."""
    rosa = staff.save_staff(ctx, r.StaffMember("Rosa", "Other", StaffRole.HOME_VISITOR)).id
    late = families.add_family(ctx, r.FamilyDetail(
        r.Family(name="Other family", address_line1="1 Main Street", city="Boston", region="MA",
                 postal_code="02121"),
        [r.Caregiver(first_name="Ana", last_name="Other")],
        [r.Child(first_name="Kid", last_name="Other", birth_date=dt.date(2023, 1, 1))])).family.id
    return SimpleNamespace(ctx=ctx, rosa=rosa, late=late)


def _visit(w, day: str = "2025-11-05") -> Visit:  # type: ignore[no-untyped-def]
    return visits.save_visit(w.ctx, Visit(family_id=w.late, staff_ids=[w.rosa], purpose="Goals",
                                          starts_at=at(day, "17:30"), ends_at=at(day, "19:00")),
                             accept_conflicts=True)


def _events(data: bytes) -> dict[str, icalendar.Event]:
    vobject.readOne(data.decode("utf-8"))  # the second parser reads it too
    return {str(e["uid"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def test_two_programs_never_share_a_uid(world, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    other = _other_program(sqlite_ctx)
    a, b = _visit(world), _visit(other)
    assert a.id == b.id  # the same visit number in both programs
    mine, theirs = _events(export_ics(world.ctx)), _events(export_ics(other.ctx))
    assert mine and theirs and not set(mine) & set(theirs)
    # the program's calendar id is made once and kept: the next export gives the same UIDs
    assert set(_events(export_ics(world.ctx))) == set(mine)
    assert program.get_setting(world.ctx, PROGRAM_UID_SETTING) in next(iter(mine))


def test_an_updated_visit_keeps_its_uid_and_its_sequence_grows(world) -> None:  # type: ignore[no-untyped-def]
    v = _visit(world)
    (uid, first), = _events(export_ics(world.ctx)).items()
    assert uid.startswith(f"visit-{v.id}-") and uid.endswith("@famdesk")
    assert int(first["sequence"]) == 0
    assert first.decoded("last-modified").tzinfo is not None and first.decoded("dtstamp").tzinfo is not None
    changed = visits.get_visit(world.ctx, v.id)
    changed.starts_at, changed.ends_at = at("2025-11-07", "17:30"), at("2025-11-07", "19:00")
    visits.save_visit(world.ctx, changed, accept_conflicts=True)
    (uid2, second), = _events(export_ics(world.ctx)).items()
    assert uid2 == uid
    assert int(second["sequence"]) > int(first["sequence"])
    assert second.decoded("last-modified") >= first.decoded("last-modified")
    assert second.decoded("dtstart").date() == dt.date(2025, 11, 7)
    visits.cancel_visit(world.ctx, v.id, VisitStatus.PROGRAM_CANCELLED)
    (uid3, third), = _events(export_ics(world.ctx)).items()
    assert uid3 == uid and int(third["sequence"]) > int(second["sequence"])
    assert str(third["status"]) == "CANCELLED"


def test_a_no_show_is_not_cancelled(world) -> None:  # type: ignore[no-untyped-def]
    no_show, family_cancelled = _visit(world, "2025-11-05"), _visit(world, "2025-11-07")
    visits.cancel_visit(world.ctx, no_show.id, VisitStatus.NO_SHOW)
    visits.cancel_visit(world.ctx, family_cancelled.id, VisitStatus.FAMILY_CANCELLED)
    events = _events(export_ics(world.ctx))
    status = {uid.split("-")[1]: str(e["status"]) for uid, e in events.items()}
    assert status == {str(no_show.id): "CONFIRMED", str(family_cancelled.id): "CANCELLED"}
    no_show_event = next(e for uid, e in events.items() if uid.startswith(f"visit-{no_show.id}-"))
    assert "No-show" in str(no_show_event["description"])
