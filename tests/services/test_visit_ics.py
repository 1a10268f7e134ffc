"""The .ics export parses back with icalendar and with vobject, at the right moment in the right zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from famdesk.domain.errors import NotFoundError
from famdesk.domain.visits import Visit, VisitStatus
from famdesk.services import visits
from famdesk.services.visit_ics import export_ics

NY = ZoneInfo("America/New_York")


def at(day: str, hhmm: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hhmm}")


def test_ics_round_trips_through_two_parsers(world) -> None:  # type: ignore[no-untyped-def]
    # One visit before and one after the end of daylight saving time (2025-11-02 in New York).
    a = visits.save_visit(
        world.ctx,
        Visit(
            family_id=world.late,
            staff_ids=[world.rosa],
            purpose="Goals",
            starts_at=at("2025-10-29", "17:30"),
            ends_at=at("2025-10-29", "19:00"),
        ),
        accept_conflicts=True,
    )
    visits.save_visit(
        world.ctx,
        Visit(
            family_id=world.late,
            staff_ids=[world.rosa],
            starts_at=at("2025-11-05", "17:30"),
            ends_at=at("2025-11-05", "19:00"),
            status=VisitStatus.PROGRAM_CANCELLED,
        ),
    )
    visits.save_visit(
        world.ctx,
        Visit(
            family_id=world.early,
            staff_ids=[world.marie],
            starts_at=at("2025-11-06", "10:00"),
            ends_at=at("2025-11-06", "11:30"),
        ),
    )
    data = export_ics(world.ctx, staff_id=world.rosa)

    cal = icalendar.Calendar.from_ical(data)
    events = sorted(cal.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert [str(e["summary"]) for e in events] == ["Home visit: Late family", "Home visit: Late family"]
    assert [e.decoded("dtstart").astimezone(dt.UTC) for e in events] == [
        dt.datetime(2025, 10, 29, 21, 30, tzinfo=dt.UTC),  # EDT, UTC-4
        dt.datetime(2025, 11, 5, 22, 30, tzinfo=dt.UTC),
    ]  # EST, UTC-5
    assert events[0]["dtstart"].params["TZID"] == "America/New_York"
    assert [str(e["status"]) for e in events] == ["CONFIRMED", "CANCELLED"]
    assert str(events[0]["uid"]).startswith(f"visit-{a.id}-") and str(events[0]["uid"]).endswith("@famdesk")
    assert "Purpose: Goals" in str(events[0]["description"])
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]

    parsed = vobject.readOne(data.decode("utf-8"))
    starts = sorted(ev.dtstart.value for ev in parsed.vevent_list)
    assert [s.astimezone(dt.UTC).replace(tzinfo=None) for s in starts] == [
        dt.datetime(2025, 10, 29, 21, 30),
        dt.datetime(2025, 11, 5, 22, 30),
    ]
    assert [s.astimezone(NY).strftime("%H:%M") for s in starts] == ["17:30", "17:30"]
    assert all(ev.dtend.value - ev.dtstart.value == dt.timedelta(minutes=90) for ev in parsed.vevent_list)

    everyone = icalendar.Calendar.from_ical(export_ics(world.ctx))
    assert len(everyone.walk("VEVENT")) == 3


def test_unknown_staff_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError, match="not in the program"):
        export_ics(world.ctx, staff_id=999)
