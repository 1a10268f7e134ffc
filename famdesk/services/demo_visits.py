"""Demo step: a realistic program year of visits up to today, and the next weeks scheduled.

Home-based families get a weekly 90-minute visit from a home visitor (caseloads of at most 12) in one
of their available windows, and fortnightly group socializations; center-based families get two home
visits and two parent conferences from their child's teacher. Past visits are mostly completed, some
short, some cancelled by the family or the program (most of the latter made up), a few no-shows.
Program closures (Thanksgiving, winter break, spring break…) are entered and skipped.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from famdesk.db import models as m
from famdesk.domain.enums import FamilyStatus, ProgramOption, StaffRole
from famdesk.domain.visits import VisitKind, VisitPlace, VisitStatus
from famdesk.i18n import _
from famdesk.services.door import internal
from famdesk.services.family_records import times_from_json
from famdesk.services.program import default_program_year, load_program

SCHEDULE_AHEAD_WEEKS = 6


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _closures(start: dt.date) -> list[m.ProgramClosure]:
    y = start.year
    thanksgiving = _nth_weekday(y, 11, 3, 4)
    memorial = _nth_weekday(y + 1, 6, 0, 1) - dt.timedelta(days=7)
    spring = _nth_weekday(y + 1, 4, 0, 3)
    return [
        m.ProgramClosure(
            name=_("Labor Day"), starts_on=_nth_weekday(y, 9, 0, 1), ends_on=_nth_weekday(y, 9, 0, 1)
        ),
        m.ProgramClosure(
            name=_("Thanksgiving"), starts_on=thanksgiving, ends_on=thanksgiving + dt.timedelta(days=1)
        ),
        m.ProgramClosure(name=_("Winter break"), starts_on=dt.date(y, 12, 22), ends_on=dt.date(y + 1, 1, 2)),
        m.ProgramClosure(
            name=_("Martin Luther King Jr. Day"),
            starts_on=_nth_weekday(y + 1, 1, 0, 3),
            ends_on=_nth_weekday(y + 1, 1, 0, 3),
        ),
        m.ProgramClosure(name=_("Spring break"), starts_on=spring, ends_on=spring + dt.timedelta(days=4)),
        m.ProgramClosure(name=_("Memorial Day"), starts_on=memorial, ends_on=memorial),
    ]


@internal("a demo step, run inside the demo's one transaction")
def create(s: Session, rng: random.Random, today: dt.date) -> None:
    if s.scalar(select(m.Visit.id).limit(1)) is not None:
        return  # a second `famdesk demo` adds families, not a second year of visits
    program = load_program(s)
    year_start, year_end = (
        (program.year_start, program.year_end)
        if program.year_start and program.year_end
        else default_program_year(today)
    )
    closures = _closures(year_start)
    s.add_all(closures)
    closed = {
        c.starts_on + dt.timedelta(days=i)
        for c in closures
        for i in range((c.ends_on - c.starts_on).days + 1)
    }
    staff = list(s.scalars(select(m.StaffMember).options(selectinload(m.StaffMember.classrooms))))
    visitors = [x for x in staff if x.role in (StaffRole.HOME_VISITOR, StaffRole.FAMILY_SERVICES)] or staff[
        :1
    ]
    teachers_by_room: dict[int, list[m.StaffMember]] = defaultdict(list)
    for x in staff:
        for room in x.classrooms:
            teachers_by_room[room.id].append(x)
    families = list(
        s.scalars(
            select(m.Family)
            .where(m.Family.archived_at.is_(None), m.Family.status == FamilyStatus.ENROLLED)
            .options(selectinload(m.Family.children))
            .order_by(m.Family.id)
        )
    )
    horizon = min(year_end, today + dt.timedelta(weeks=SCHEDULE_AHEAD_WEEKS))
    maker = _Maker(s, rng, today, closed)
    caseload: dict[int, int] = defaultdict(int)
    busy: dict[int, set[tuple[int, dt.time]]] = defaultdict(set)
    home_based = []
    for fam in families:
        options = {c.program_option for c in fam.children}
        first_day = max(year_start, fam.enrolled_on or year_start)
        if ProgramOption.HOME_BASED in options:
            visitor = min(visitors, key=lambda v: caseload[v.id])
            if caseload[visitor.id] >= 12:
                continue
            caseload[visitor.id] += 1
            home_based.append(fam)
            maker.weekly(fam, visitor, first_day, horizon, busy[visitor.id])
        else:
            room_ids = [c.classroom_id for c in fam.children if c.classroom_id is not None]
            teacher = next((t for rid in room_ids for t in teachers_by_room.get(rid, [])), None) or staff[0]
            maker.center(fam, teacher, first_day, year_start, horizon)
    maker.socializations(home_based, visitors, year_start, horizon)
    s.flush()


class _Maker:
    def __init__(self, s: Session, rng: random.Random, today: dt.date, closed: set[dt.date]) -> None:
        self.s, self.rng, self.today, self.closed = s, rng, today, closed

    def _address(self, fam: m.Family) -> str:
        return ", ".join(
            p for p in (fam.address_line1, fam.address_line2, f"{fam.city} {fam.region}".strip()) if p
        )

    def visit(
        self,
        fam: m.Family,
        who: list[m.StaffMember],
        start: dt.datetime,
        minutes: int,
        kind: VisitKind,
        place: VisitPlace,
        purpose: str,
        make_up_of: m.Visit | None = None,
    ) -> m.Visit:
        v = m.Visit(
            family=fam,
            staff=who,
            starts_at=start,
            ends_at=start + dt.timedelta(minutes=minutes),
            kind=kind,
            place=place,
            address=self._address(fam) if place is VisitPlace.HOME else "",
            purpose=purpose,
            interpreter_needed=fam.interpreter_needed,
            status=VisitStatus.SCHEDULED,
            make_up_of=make_up_of,
        )
        if start.date() < self.today:
            self._outcome(v, minutes, kind)
        self.s.add(v)
        return v

    def _outcome(self, v: m.Visit, minutes: int, kind: VisitKind) -> None:
        roll = self.rng.random()
        if roll < 0.80 or kind is not VisitKind.HOME_VISIT and roll < 0.9:
            v.status = VisitStatus.COMPLETED
            v.minutes_held = minutes if self.rng.random() > 0.08 else self.rng.choice([45, 60, 75])
            v.outcome_notes = self.rng.choice(
                [
                    _("Read a picture book together; planned a routine chart."),
                    _("Talked about sleep routines; family set a new goal."),
                    _("Practised counting with kitchen objects."),
                    _("Reviewed the family partnership goal; good progress."),
                ]
            )
        elif roll < 0.87:
            v.status = VisitStatus.FAMILY_CANCELLED
        elif roll < 0.91:
            v.status = VisitStatus.NO_SHOW
        else:
            v.status = VisitStatus.PROGRAM_CANCELLED
            v.outcome_notes = _("Home visitor out sick.")

    def weekly(
        self,
        fam: m.Family,
        visitor: m.StaffMember,
        first_day: dt.date,
        horizon: dt.date,
        busy: set[tuple[int, dt.time]],
    ) -> None:
        windows = times_from_json(fam.available_times) or [
            times_from_json([{"weekday": 2, "start": "10:00", "end": "12:00"}])[0]
        ]
        slot = None
        for w in self.rng.sample(windows, len(windows)):
            start = w.start
            while (dt.datetime.combine(self.today, start) + dt.timedelta(minutes=90)).time() <= w.end:
                if (w.weekday, start) not in busy:
                    slot = (w.weekday, start)
                    break
                start = (dt.datetime.combine(self.today, start) + dt.timedelta(minutes=90)).time()
            if slot:
                break
        slot = slot or (windows[0].weekday, windows[0].start)
        busy.add(slot)
        day = first_day + dt.timedelta(days=(slot[0] - first_day.weekday()) % 7)
        while day <= horizon:
            if day not in self.closed:
                v = self.visit(
                    fam,
                    [visitor],
                    dt.datetime.combine(day, slot[1]),
                    90,
                    VisitKind.HOME_VISIT,
                    VisitPlace.HOME,
                    _("Weekly home visit"),
                )
                if v.status is VisitStatus.PROGRAM_CANCELLED and self.rng.random() < 0.75:
                    later = day + dt.timedelta(days=2)
                    if later not in self.closed:
                        self.visit(
                            fam,
                            [visitor],
                            dt.datetime.combine(later, slot[1]),
                            90,
                            VisitKind.HOME_VISIT,
                            VisitPlace.HOME,
                            _("Make-up visit"),
                            make_up_of=v,
                        )
            day += dt.timedelta(weeks=1)

    def center(
        self, fam: m.Family, teacher: m.StaffMember, first_day: dt.date, year_start: dt.date, horizon: dt.date
    ) -> None:
        plan = [
            (35, VisitKind.HOME_VISIT, VisitPlace.HOME, 60, _("Getting-to-know-you home visit")),
            (110, VisitKind.PARENT_CONFERENCE, VisitPlace.CENTER, 30, _("Fall parent conference")),
            (220, VisitKind.HOME_VISIT, VisitPlace.HOME, 60, _("Spring home visit")),
            (260, VisitKind.PARENT_CONFERENCE, VisitPlace.CENTER, 30, _("Spring parent conference")),
        ]
        for offset, kind, place, minutes, purpose in plan:
            day = max(
                first_day + dt.timedelta(days=14),
                year_start + dt.timedelta(days=offset + self.rng.randint(0, 20)),
            )
            while day.weekday() >= 5 or day in self.closed:
                day += dt.timedelta(days=1)
            if day > horizon:
                continue
            hour = (
                self.rng.choice([8, 15, 16, 17])
                if kind is VisitKind.PARENT_CONFERENCE
                else self.rng.choice([16, 17, 18])
            )
            self.visit(
                fam,
                [teacher],
                dt.datetime.combine(day, dt.time(hour, self.rng.choice([0, 30]))),
                minutes,
                kind,
                place,
                purpose,
            )

    def socializations(
        self, families: list[m.Family], visitors: list[m.StaffMember], year_start: dt.date, horizon: dt.date
    ) -> None:
        day = year_start + dt.timedelta(days=(4 - year_start.weekday()) % 7 + 14)  # a Friday, two weeks in
        while day <= horizon:
            if day not in self.closed:
                start = dt.datetime.combine(day, dt.time(10, 0))
                for fam in families:
                    if (fam.enrolled_on or year_start) <= day and self.rng.random() < 0.8:
                        self.visit(
                            fam,
                            visitors,
                            start,
                            90,
                            VisitKind.GROUP_SOCIALIZATION,
                            VisitPlace.CENTER,
                            _("Group socialization: music and movement"),
                        )
            day += dt.timedelta(weeks=2)
