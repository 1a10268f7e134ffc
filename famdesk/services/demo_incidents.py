"""`famdesk demo`: a handful of behaviour incidents over the last six weeks, as teachers write them.

Registered last in ``services.demo.EXTRA_STEPS`` (called inside the demo's one transaction). The demo is
meant to show a pattern worth a team conversation: most incidents in one classroom, around the move to
nap and at pick-up. The texts avoid other children's names, as a program's policy usually asks.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain.enums import FamilyStatus, ProgramOption, StaffRole
from famdesk.domain.incidents import InformedHow
from famdesk.services.door import internal

# (time, where exactly, what happened before, the behaviour, the response, other staff told)
_INCIDENTS = [
    (dt.time(12, 40), "Nap room", "Lights were dimmed and cots set out; the child was asked to lie down.",
     "Threw a shoe across the room and kicked the cot for about two minutes.",
     "Offered the calm-down corner and a choice of two books; rested after ten minutes with a back rub.",
     "Lead teacher; mental health consultant"),
    (dt.time(16, 20), "Cubbies", "Parents arriving; the child's caregiver was late and other children left.",
     "Cried loudly and pushed a classmate who came near the cubby.",
     "Stayed close, named the feeling (\"you are worried\"), checked the classmate, read a book together.",
     "Assistant teacher"),
    (dt.time(8, 10), "Arrival", "Long goodbye at the door; the caregiver had to leave for work.",
     "Hit the teacher's arm twice and ran to the block corner.",
     "Gave space, then offered a job (feeding the fish); calm within five minutes.", ""),
    (dt.time(12, 35), "Nap room", "Transition from lunch to rest; a favourite blanket was in the wash.",
     "Screamed and bit own hand, no mark left.",
     "Offered a program blanket and a stuffed animal, sat beside the cot; asked the family for a spare.",
     "Lead teacher; education manager"),
    (dt.time(10, 5), "Outdoor play", "Two children wanted the same tricycle; the timer had run out.",
     "Pulled a classmate off the tricycle by the shirt.",
     "Separated gently, checked both children, practised asking \"my turn please\" with the sand timer.", ""),
    (dt.time(16, 45), "Hallway to the door", "Pick-up; the child did not want to stop playing.",
     "Lay on the floor and refused to move, kicking when touched.",
     "Waited nearby with the caregiver, gave a two-minute warning and a goodbye ritual for next time.",
     "Family advocate"),
    (dt.time(14, 50), "Snack table", "Snack was crackers, not the fruit the child expected.",
     "Swept the plate off the table and shouted.",
     "Calmly named the rule, offered water and a turn to help clean up, which the child took.", ""),
    (dt.time(12, 50), "Nap room", "Most children asleep; the child had napped in the car that morning.",
     "Climbed off the cot repeatedly and threw toys at sleeping children.",
     "Moved to the quiet table with puzzles; agreed a quiet-activity plan for non-nappers.",
     "Lead teacher; mental health consultant"),
]


@internal("a step of the demo's one transaction")
def create(s: Session, rng: random.Random, today: dt.date) -> None:
    kids = list(s.execute(
        select(m.Child.id, m.Child.classroom_id).join(m.Family, m.Family.id == m.Child.family_id)
        .join(m.Classroom, m.Classroom.id == m.Child.classroom_id)
        .where(m.Family.status == FamilyStatus.ENROLLED,
               m.Classroom.program_option == ProgramOption.CENTER_BASED)
        .order_by(m.Child.id)))
    if not kids:
        return
    authors: dict[int, list[int]] = {}
    for staff_id, room_id in s.execute(
            select(m.StaffMember.id, m.staff_classroom.c.classroom_id)
            .join(m.staff_classroom, m.staff_classroom.c.staff_id == m.StaffMember.id)
            .where(m.StaffMember.role.in_([StaffRole.TEACHER, StaffRole.ASSISTANT_TEACHER]))):
        authors.setdefault(room_id, []).append(staff_id)
    busiest = kids[0][1]  # one classroom has most incidents: the pattern the summary should show
    in_busiest = [k for k in kids if k[1] == busiest]
    school_days = [d for d in (today - dt.timedelta(days=n) for n in range(1, 43)) if d.weekday() < 5]
    for i, (at, where, before, behaviour, response, told) in enumerate(_INCIDENTS):
        child_id, room_id = rng.choice(in_busiest if i % 4 != 2 else kids)
        day = rng.choice(school_days)
        when = dt.datetime.combine(day, at)
        informed = i % 5 != 4
        s.add(m.Incident(
            child_id=child_id, occurred_at=when, classroom_id=room_id, location=where, antecedent=before,
            behavior=behaviour, response=response, family_informed=informed,
            family_informed_at=dt.datetime.combine(day, dt.time(16, 30)) if informed and at < dt.time(16, 30)
            else (when + dt.timedelta(minutes=15) if informed else None),
            family_informed_how=rng.choice([InformedHow.IN_PERSON, InformedHow.PHONE]) if informed else None,
            staff_informed=told, author_staff_id=rng.choice(authors.get(room_id) or [None])))
