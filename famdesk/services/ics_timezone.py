"""A compact, RFC 5545 VTIMEZONE for one zone over a span of years, built from the zone's real rules.

Why our own: icalendar's generated VTIMEZONE lists 68 years of RDATEs that some readers (vobject,
some phone calendars) misapply. Here each transition inside the span is its own STANDARD or DAYLIGHT
sub-component with DTSTART in the local time before the change: every reader agrees on it.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

from famdesk.services.door import pure

_DAY = dt.timedelta(days=1)


def _offset(zone: ZoneInfo, utc: dt.datetime) -> dt.timedelta:
    return utc.replace(tzinfo=dt.UTC).astimezone(zone).utcoffset() or dt.timedelta()


@pure("computes a zone's rules")
def transitions(
    zone: ZoneInfo, first_year: int, last_year: int
) -> list[tuple[dt.datetime, dt.timedelta, dt.timedelta]]:
    """(instant in UTC, offset before, offset after) for each change in [first_year, last_year]."""
    out = []
    day = dt.datetime(first_year, 1, 1)
    end = dt.datetime(last_year + 1, 1, 1)
    before = _offset(zone, day)
    while day < end:
        after = _offset(zone, day + _DAY)
        if after != before:
            lo, hi = day, day + _DAY  # offset(lo) == before, offset(hi) == after: bisect to the minute
            while hi - lo > dt.timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                if _offset(zone, mid) == before:
                    lo = mid
                else:
                    hi = mid
            out.append((hi.replace(second=0, microsecond=0), before, after))
            before = after
        day += _DAY
    return out


@pure("builds a calendar component")
def vtimezone(zone: ZoneInfo, first_year: int, last_year: int) -> Timezone:
    tz = Timezone()
    tz.add("tzid", zone.key)
    changes = transitions(zone, first_year, last_year)
    start = dt.datetime(first_year, 1, 1)
    base = _offset(zone, start)
    # The offset in force at the start of the span, so times before the first change resolve too.
    first = (
        TimezoneDaylight()
        if zone.dst(start.replace(tzinfo=dt.UTC).astimezone(zone).replace(tzinfo=None))
        else TimezoneStandard()
    )
    first.add("dtstart", dt.datetime(first_year - 1, 1, 1))
    first.add("tzoffsetfrom", base)
    first.add("tzoffsetto", base)
    first.add("tzname", start.replace(tzinfo=dt.UTC).astimezone(zone).tzname() or zone.key)
    tz.add_component(first)
    for instant, before, after in changes:
        local_after = instant.replace(tzinfo=dt.UTC).astimezone(zone)
        part = TimezoneDaylight() if local_after.dst() else TimezoneStandard()
        part.add("dtstart", instant + before)  # local wall-clock time just before the change
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", after)
        part.add("tzname", local_after.tzname() or zone.key)
        tz.add_component(part)
    return tz
