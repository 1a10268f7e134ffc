"""Demo partnership data: a term's contacts, family goals with steps, events and attendance.

Registered in ``services.demo.EXTRA_STEPS``; called inside the demo's one transaction.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain.enums import FamilyStatus
from famdesk.domain.partnership import ContactMethod, Direction, GoalArea, GoalStatus, Tone
from famdesk.i18n import N_, _
from famdesk.services.door import internal
from famdesk.services.events import family_can_come

# Goals as families say them, in their own language (the goal is never translated).
_GOALS: dict[str, list[tuple[GoalArea, str]]] = {
    "es": [(GoalArea.LIFELONG_EDUCATORS, "Quiero leerle a mi hija un cuento cada noche."),
           (GoalArea.LEARNERS, "Terminar mis clases de inglés este año."),
           (GoalArea.WELL_BEING, "Encontrar un apartamento más cerca del trabajo.")],
    "ar": [(GoalArea.LIFELONG_EDUCATORS, "أريد أن أقرأ لابني قصة كل مساء."),
           (GoalArea.PEERS_COMMUNITY, "أن أتعرف على عائلات أخرى في الحي.")],
    "vi": [(GoalArea.LEARNERS, "Tôi muốn học lái xe để đưa con đi học."),
           (GoalArea.PARENT_CHILD, "Dành thời gian chơi với con mỗi tối.")],
    "zh": [(GoalArea.TRANSITIONS, "帮助孩子准备好上幼儿园。")],
    "en": [(GoalArea.WELL_BEING, "Get my son's asthma under control with a regular doctor."),
           (GoalArea.ADVOCATES_LEADERS, "Join the parent policy council."),
           (GoalArea.TRANSITIONS, "Visit the kindergarten before Maya starts.")],
}
_STEPS = [(N_("Call the clinic for an appointment"), N_("Caregiver")),
          (N_("Bring the list of resources"), N_("Family advocate")),
          (N_("Talk it over at the next home visit"), N_("Family advocate")),
          (N_("Sign up at the library"), N_("Caregiver"))]
_POSITIVE = [N_("Shared how well the child helped a friend today."), N_("Sent a photo note about the block tower."),
             N_("Praised the child's new words at circle time.")]
_NEUTRAL = [N_("Reminded the family about picture day."), N_("Family asked about the holiday schedule."),
            N_("Talked about the child's sleep routine.")]
_CONCERN = [N_("Child was upset at drop-off several days; agreed to talk again."),
            N_("Missed several days; checked in about transport.")]
_EVENTS = [(N_("Family welcome picnic"), 5, dt.time(11), dt.time(13), N_("Park pavilion"), N_("Lunch")),
           (N_("Family literacy night"), 1, dt.time(18), dt.time(19, 30), N_("Main building, room 4"), N_("Dinner")),
           (N_("Parent coffee morning"), 2, dt.time(9, 30), dt.time(10, 30), N_("Parent room"),
            N_("Coffee and pastries")),
           (N_("Kindergarten transition night"), 3, dt.time(18), dt.time(19), N_("Gym"), N_("Snacks")),
           (N_("Policy council open meeting"), 2, dt.time(13), dt.time(14), N_("Conference room"), "")]


@internal("a demo step, run inside the demo's one transaction")
def create(s: Session, rng: random.Random, today: dt.date) -> None:
    fams = list(s.execute(select(m.Family.id, m.Family.preferred_language, m.Family.available_times,
                                 m.Family.enrolled_on).where(m.Family.status == FamilyStatus.ENROLLED)
                          .order_by(m.Family.id)))
    staff = list(s.scalars(select(m.StaffMember.id).order_by(m.StaffMember.id)))
    start = today - dt.timedelta(days=120)
    for fid, lang, _times, enrolled_on in fams:
        _contacts(s, rng, fid, lang, max(start, enrolled_on or start), today, staff)
        if rng.random() < 0.6:
            _goal(s, rng, fid, lang, today, staff)
    _events(s, rng, fams, today)


def _contacts(s: Session, rng: random.Random, fid: int, lang: str, start: dt.date, today: dt.date,
              staff: list[int]) -> None:
    span = max((today - start).days, 1)
    # Most families hear something positive first; a few relationships start with a concern.
    first = Tone.POSITIVE if rng.random() < 0.8 else Tone.CONCERN
    days = sorted(rng.sample(range(span), k=min(span, rng.randint(0, 7))))
    for i, offset in enumerate(days):
        tone = first if i == 0 else rng.choices(list(Tone), weights=[5, 4, 2])[0]
        summary = rng.choice({Tone.POSITIVE: _POSITIVE, Tone.NEUTRAL: _NEUTRAL, Tone.CONCERN: _CONCERN}[tone])
        when = dt.datetime.combine(start + dt.timedelta(days=offset), dt.time(rng.randint(8, 18), rng.choice([0, 30])))
        due = when.date() + dt.timedelta(days=7) if tone is Tone.CONCERN else None
        s.add(m.Contact(family_id=fid, staff_id=rng.choice(staff) if staff else None, occurred_at=when,
                        channel=rng.choices(list(ContactMethod), weights=[6, 4, 3, 2, 3, 1, 1])[0],
                        direction=Direction.TO_FAMILY if rng.random() < 0.75 else Direction.FROM_FAMILY,
                        tone=tone, language=lang, interpreter_present=lang != "en" and rng.random() < 0.4,
                        summary=_(summary), follow_up_due=due,
                        follow_up_done=bool(due and due < today and rng.random() < 0.7)))


def _goal(s: Session, rng: random.Random, fid: int, lang: str, today: dt.date, staff: list[int]) -> None:
    area, text = rng.choice(_GOALS.get(lang, _GOALS["en"]))
    started = today - dt.timedelta(days=rng.randint(10, 100))
    status = rng.choices(list(GoalStatus), weights=[6, 1, 2, 1])[0]
    goal = m.FamilyGoal(family_id=fid, staff_id=rng.choice(staff) if staff else None, goal_text=text, area=area,
                        status=status, started_on=started,
                        follow_up_on=started + dt.timedelta(days=rng.choice([30, 45, 60, 90])),
                        achieved_on=today - dt.timedelta(days=rng.randint(0, 9)) if status is GoalStatus.ACHIEVED
                        else None,
                        referrals=rng.choice(["", "", _("Community health center"), _("Adult education program")]))
    for pos, (what, who) in enumerate(rng.sample(_STEPS, k=rng.randint(1, 3))):
        goal.steps.append(m.GoalStep(position=pos, what=_(what), who=_(who),
                                     due_on=started + dt.timedelta(days=14 * (pos + 1)),
                                     done=status is GoalStatus.ACHIEVED or rng.random() < 0.4))
    s.add(goal)


def _events(s: Session, rng: random.Random, fams: list, today: dt.date) -> None:  # type: ignore[type-arg]
    langs = sorted({lang for _f, lang, _t, _e in fams if lang != "en"})[:4]
    for i, (title, weekday, t0, t1, place, food) in enumerate(_EVENTS):
        day = today - dt.timedelta(days=100 - 25 * i)
        day += dt.timedelta(days=(weekday - day.weekday()) % 7)
        starts, ends = dt.datetime.combine(day, t0), dt.datetime.combine(day, t1)
        event = m.Event(title=_(title), starts_at=starts, ends_at=ends, place=_(place), food=_(food) if food else "",
                        childcare=t0.hour >= 17 or weekday == 5, interpretation=bool(langs),
                        interpretation_languages=langs,
                        description=_("All families welcome. Children are welcome too."))
        s.add(event)
        if day >= today:
            continue
        for fid, _lang, times, _e in fams:
            chance = 0.55 if family_can_come(times, starts, ends) else 0.08
            if rng.random() < chance:
                event.attendance.append(m.EventAttendance(family_id=fid, adults=rng.choice([1, 1, 2]),
                                                          children=rng.choice([0, 1, 1, 2])))
