"""A small, fully hand-checkable program for the partnership tests (see the table in ``build``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from famdesk.domain import partnership as p
from famdesk.domain import records as r
from famdesk.domain.enums import FamilyStatus
from famdesk.services import contacts, events, families, goals

TODAY = dt.date(2026, 11, 20)  # a Friday
START, END = dt.date(2026, 8, 1), dt.date(2027, 7, 31)
EVENINGS = [r.AvailableTime(d, dt.time(17, 30), dt.time(19, 30)) for d in range(5)]
TUESDAY_DAYTIME = [r.AvailableTime(1, dt.time(9), dt.time(15))]


@dataclass
class Program:
    a: int  # Alvarez: enrolled, weekday evenings
    b: int  # Begum: enrolled, Tuesday daytime
    c: int  # Chen: enrolled, no available times given, no contacts
    d: int  # Diallo: waiting list (not counted as enrolled)
    e: int  # Evans: enrolled but archived (not counted)
    e1: int
    e2: int
    e3: int
    goal_a: int


def family(ctx, name: str, status=FamilyStatus.ENROLLED, times=()) -> int:  # type: ignore[no-untyped-def]
    detail = r.FamilyDetail(family=r.Family(name=name, status=status, available_times=list(times)),
                            caregivers=[r.Caregiver(first_name="Pat", last_name=name.split()[0])],
                            children=[r.Child(first_name="Kim", last_name=name.split()[0])])
    fid = families.add_family(ctx, detail).family.id
    assert fid is not None
    return fid


def contact(ctx, fid: int, day: str, tone: p.Tone, *, direction=p.Direction.TO_FAMILY,  # type: ignore[no-untyped-def]
            channel=p.ContactMethod.PHONE, due: str | None = None) -> p.Contact:
    return contacts.add_contact(ctx, p.Contact(
        family_id=fid, occurred_at=dt.datetime.fromisoformat(day + "T10:00"), tone=tone, direction=direction,
        channel=channel, summary=f"{tone} on {day}", follow_up_due=dt.date.fromisoformat(due) if due else None),
        now=dt.datetime(2026, 11, 20, 12))


def event(ctx, title: str, day: str, start: str, end: str) -> int:  # type: ignore[no-untyped-def]
    saved = events.add_event(ctx, p.Event(title=title, starts_at=dt.datetime.fromisoformat(f"{day}T{start}"),
                                          ends_at=dt.datetime.fromisoformat(f"{day}T{end}")))
    assert saved.id is not None
    return saved.id


def build(ctx) -> Program:  # type: ignore[no-untyped-def]
    """
    Contacts (tone, direction):            Goals:
      A 09-02 positive to   (first)          A in progress, follow-up 11-01 (overdue), 2 steps
      A 10-05 concern to, follow-up 10-12    A achieved
      A 11-10 positive to                    B in progress, follow-up 12-01
      A 11-12 neutral from, home visit       D closed; E (archived) on hold
      B 09-03 concern to    (first)
      B 09-20 positive FROM the family     Events (attendance: adults/children):
      B 10-01 concern to, follow-up 11-25    E0 2026-07-20 (before the year): C 1/0
      D 07-15 neutral (before the year)      E1 Tue 09-15 18-19h: A 2/1, D 1/2
      D 11-01 positive to, home visit        E2 Wed 10-14 10-11h: A 1/0
                                             E3 Tue 11-17 10-12h: B 1/1
    """
    a = family(ctx, "Alvarez family", times=EVENINGS)
    b = family(ctx, "Begum family", times=TUESDAY_DAYTIME)
    c = family(ctx, "Chen family")
    d = family(ctx, "Diallo family", status=FamilyStatus.WAITLIST, times=EVENINGS)
    e = family(ctx, "Evans family", times=EVENINGS)
    families.archive_family(ctx, e)
    P, N, C = p.Tone.POSITIVE, p.Tone.NEUTRAL, p.Tone.CONCERN
    contact(ctx, a, "2026-09-02", P)
    contact(ctx, a, "2026-10-05", C, due="2026-10-12")
    contact(ctx, a, "2026-11-10", P)
    contact(ctx, a, "2026-11-12", N, direction=p.Direction.FROM_FAMILY, channel=p.ContactMethod.HOME_VISIT)
    contact(ctx, b, "2026-09-03", C)
    contact(ctx, b, "2026-09-20", P, direction=p.Direction.FROM_FAMILY)
    contact(ctx, b, "2026-10-01", C, due="2026-11-25")
    contact(ctx, d, "2026-07-15", N)
    contact(ctx, d, "2026-11-01", P, channel=p.ContactMethod.HOME_VISIT)
    goal_a = goals.add_goal(ctx, p.Goal(family_id=a, goal_text="Leer con Sofía cada noche",
                                        area=p.GoalArea.LIFELONG_EDUCATORS, started_on=dt.date(2026, 9, 10),
                                        follow_up_on=dt.date(2026, 11, 1),
                                        steps=[p.GoalStep("Get a library card", "Mother", dt.date(2026, 9, 20)),
                                               p.GoalStep("Borrow 3 books a week", "Family")])).id
    goals.add_goal(ctx, p.Goal(family_id=a, goal_text="Find a GED class", area=p.GoalArea.LEARNERS,
                               status=p.GoalStatus.ACHIEVED, started_on=dt.date(2026, 9, 1),
                               achieved_on=dt.date(2026, 11, 1)))
    goals.add_goal(ctx, p.Goal(family_id=b, goal_text="Make friends with other parents",
                               area=p.GoalArea.PEERS_COMMUNITY, started_on=dt.date(2026, 10, 1),
                               follow_up_on=dt.date(2026, 12, 1)))
    goals.add_goal(ctx, p.Goal(family_id=d, goal_text="Stable housing", status=p.GoalStatus.CLOSED))
    goals.add_goal(ctx, p.Goal(family_id=e, goal_text="Job training", status=p.GoalStatus.ON_HOLD))
    e0 = event(ctx, "Summer splash", "2026-07-20", "10:00", "11:00")
    e1 = event(ctx, "Family dinner", "2026-09-15", "18:00", "19:00")
    e2 = event(ctx, "Morning coffee", "2026-10-14", "10:00", "11:00")
    e3 = event(ctx, "Book fair", "2026-11-17", "10:00", "12:00")
    events.record_attendance(ctx, e0, [p.Attendance(c, 1, 0)])
    events.record_attendance(ctx, e1, [p.Attendance(a, 2, 1), p.Attendance(d, 1, 2)])
    events.record_attendance(ctx, e2, [p.Attendance(a, 1, 0)])
    events.record_attendance(ctx, e3, [p.Attendance(b, 1, 1)])
    assert goal_a is not None
    return Program(a, b, c, d, e, e1, e2, e3, goal_a)
