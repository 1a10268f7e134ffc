"""Our VTIMEZONE resolves local times exactly as zoneinfo does, read back by vobject (dateutil)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar, Event

from famdesk.services.ics_timezone import transitions, vtimezone

CASES = {
    "America/New_York": [
        (2025, 10, 29, 17, 30),
        (2025, 11, 5, 17, 30),
        (2026, 3, 8, 1, 30),
        (2026, 3, 8, 3, 30),
    ],
    "Europe/Paris": [(2025, 10, 29, 17, 30), (2026, 7, 1, 9, 0)],
    "Asia/Kolkata": [(2026, 1, 1, 9, 0)],
    "Australia/Lord_Howe": [(2026, 1, 1, 9, 0), (2026, 6, 1, 9, 0)],  # half-hour daylight saving
}


@pytest.mark.parametrize("name", list(CASES))
def test_local_times_survive_a_round_trip(name: str) -> None:
    zone = ZoneInfo(name)
    cal = Calendar()
    cal.add("prodid", "-//test//")
    cal.add("version", "2.0")
    cal.add_component(vtimezone(zone, 2025, 2026))
    for i, t in enumerate(CASES[name]):
        ev = Event()
        ev.add("uid", str(i))
        ev.add("dtstamp", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        ev.add("dtstart", dt.datetime(*t, tzinfo=zone))
        cal.add_component(ev)
    parsed = vobject.readOne(cal.to_ical().decode())
    got = [ev.dtstart.value.astimezone(dt.UTC) for ev in parsed.vevent_list]
    assert got == [dt.datetime(*t, tzinfo=zone).astimezone(dt.UTC) for t in CASES[name]]


def test_new_york_changes_twice_a_year_at_the_right_instant() -> None:
    changes = transitions(ZoneInfo("America/New_York"), 2025, 2025)
    assert [(c[0], c[1].total_seconds() / 3600, c[2].total_seconds() / 3600) for c in changes] == [
        (dt.datetime(2025, 3, 9, 7, 0), -5, -4),
        (dt.datetime(2025, 11, 2, 6, 0), -4, -5),
    ]
    assert transitions(ZoneInfo("Asia/Kolkata"), 2025, 2026) == []
