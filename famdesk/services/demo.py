"""`famdesk demo`: a realistic program to try famdesk with (and the data benchmarks are measured on).

Varied household shapes (two parents, a single parent, grandparents raising grandchildren, foster
families, several children), home languages and names from many cultures, consents and available
times. Deterministic for a given seed, so tests and benchmarks see the same program every time.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

import phonenumbers
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain.enums import (
    ContactChannel,
    FamilyStatus,
    ProgramOption,
    Relationship,
    StaffRole,
)
from famdesk.domain.roles import Action, Kind
from famdesk.i18n import _
from famdesk.services.classrooms import main_site
from famdesk.services.context import ServiceContext
from famdesk.services.demo_names import CULTURES, Culture, FakerPool, NameMaker
from famdesk.services.door import operation, pure
from famdesk.services.family_records import search_text_for
from famdesk.services.program import default_program_year, load_program

_AREA_CODES = ["617", "857", "508", "978", "401", "212", "718", "312", "415", "206", "503", "612", "713"]
_STREETS = ["Maple Street", "Washington Avenue", "Elm Street", "Columbia Road", "Dorchester Avenue",
            "Blue Hill Avenue", "Centre Street", "Hyde Park Avenue", "Main Street", "Pleasant Street"]
_CITIES = [("Boston", "MA", "021"), ("Chelsea", "MA", "021"), ("Lynn", "MA", "019"), ("Quincy", "MA", "021")]
_CLASSROOMS = [("Butterflies", ProgramOption.CENTER_BASED, "3–4 years"),
               ("Sunflowers", ProgramOption.CENTER_BASED, "3–4 years"),
               ("Little Explorers", ProgramOption.CENTER_BASED, "4–5 years"),
               ("Caterpillars", ProgramOption.CENTER_BASED, "18–36 months"),
               ("Home-Based North", ProgramOption.HOME_BASED, "0–5 years"),
               ("Family Child Care Network", ProgramOption.FAMILY_CHILD_CARE, "0–5 years")]


@dataclass
class DemoResult:
    families: int
    caregivers: int
    children: int
    staff: int
    classrooms: int


# Later areas (visits, observations, contacts…) register a step here: fn(session, rng, today).
DemoStep = Callable[[Session, random.Random, dt.date], None]
EXTRA_STEPS: list[DemoStep] = []


@pure("makes up a number")
def phone(rng: random.Random) -> str:
    while True:
        raw = f"+1{rng.choice(_AREA_CODES)}{rng.randint(200, 989)}{rng.randint(0, 9999):04d}"
        if phonenumbers.is_valid_number(phonenumbers.parse(raw)):
            return raw


def _pick_culture(rng: random.Random) -> Culture:
    return rng.choices(CULTURES, weights=[c.weight for c in CULTURES])[0]


# Every area the demo fills (the window refreshes them all).
DEMO_CHANGES = tuple(str(k) for k in (
    Kind.PROGRAM, Kind.CLASSROOM, Kind.STAFF, Kind.FAMILY, Kind.CAREGIVER, Kind.CHILD, Kind.PICKUP, Kind.VISIT,
    Kind.CONTACT, Kind.GOAL, Kind.EVENT, Kind.ATTENDANCE, Kind.OBSERVATION, Kind.FRAMEWORK, Kind.INCIDENT))


@operation(Kind.DATABASE, Action.WRITE, changes=DEMO_CHANGES)
def create_demo(ctx: ServiceContext, families: int = 60, seed: int = 2026,
                today: dt.date | None = None) -> DemoResult:
    """Add a demo program to the database in one transaction (all or nothing); a director's."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    with ctx.db.transaction() as s:
        program = load_program(s)
        if not program.year_start:
            program.year_start, program.year_end = default_program_year(today)
        program.name = _("Sunrise Community Head Start")
        program.address = "120 Columbia Road\nBoston, MA 02121"
        program.phone = "+16175550142"
        program.email = "office@sunrise-hs.example.org"
        rooms = _classrooms(s)
        staff = _staff(s, rng, rooms)
        s.flush()
        result_staff, result_rooms = len(staff), len(rooms)
        room_ids = [(room.id, room.program_option) for room in rooms]
        _families(s, rng, families, room_ids, today, program.year_start or today, seed)
        s.flush()
        for step in EXTRA_STEPS:
            step(s, rng, today)
        return DemoResult(
            families=int(s.scalar(select(func.count(m.Family.id))) or 0),
            caregivers=int(s.scalar(select(func.count(m.Caregiver.id))) or 0),
            children=int(s.scalar(select(func.count(m.Child.id))) or 0),
            staff=result_staff, classrooms=result_rooms)


def _classrooms(s: Session) -> list[m.Classroom]:
    existing = list(s.scalars(select(m.Classroom)))
    if existing:
        return existing
    site = main_site(s)
    site.name, site.address = _("Columbia Road Center"), "120 Columbia Road, Boston, MA 02121"
    rooms = [m.Classroom(site=site, name=n, name_key=n.casefold(), program_option=o, age_group=a, capacity=17)
             for n, o, a in _CLASSROOMS]
    s.add_all(rooms)
    return rooms


_STAFF = [("Dolores", "Ramírez", StaffRole.DIRECTOR, ["en", "es"]),
          ("Aaliyah", "Johnson", StaffRole.TEACHER, ["en"]),
          ("Nguyễn Thị", "Lan", StaffRole.TEACHER, ["vi", "en"]),
          ("Amina", "Farah", StaffRole.TEACHER, ["so", "en", "ar"]),
          ("Carlos", "Mendoza", StaffRole.TEACHER, ["es", "en"]),
          ("Wei", "Chen", StaffRole.ASSISTANT_TEACHER, ["zh", "en"]),
          ("Marie-Claude", "Joseph", StaffRole.HOME_VISITOR, ["ht", "fr", "en"]),
          ("Rosa", "Gutiérrez", StaffRole.HOME_VISITOR, ["es", "en"]),
          ("Samir", "Haddad", StaffRole.FAMILY_SERVICES, ["ar", "en"]),
          ("Kathleen", "O'Brien", StaffRole.OFFICE, ["en"])]


def _staff(s: Session, rng: random.Random, rooms: list[m.Classroom]) -> list[m.StaffMember]:
    existing = list(s.scalars(select(m.StaffMember)))
    if existing:
        return existing
    out = []
    for i, (first, last, role, langs) in enumerate(_STAFF):
        member = m.StaffMember(first_name=first, last_name=last, role=role, languages=langs,
                               email=f"{first.split()[0].lower()}@sunrise-hs.example.org", phone=phone(rng))
        if role in (StaffRole.TEACHER, StaffRole.ASSISTANT_TEACHER):
            member.classrooms = [rooms[i % min(4, len(rooms))]]
        elif role is StaffRole.HOME_VISITOR:
            member.classrooms = [rooms[(4 if i % 2 == 0 else 5) % len(rooms)]]
        out.append(member)
    s.add_all(out)
    return out


def _families(s: Session, rng: random.Random, count: int, rooms: list[tuple[int, ProgramOption]], today: dt.date,
              year_start: dt.date, seed: int) -> None:
    fakers = FakerPool(seed)
    for n in range(count):
        culture = _pick_culture(rng)
        names = NameMaker(culture, rng, fakers)
        fam = _household(rng, names, culture, rooms, today, year_start)
        fam.external_id = f"D{n + 1:05d}"
        fam.search_text = search_text_for(fam)
        s.add(fam)
        if n % 500 == 499:
            s.flush()
            s.expunge_all()


def _household(rng: random.Random, names: NameMaker, culture: Culture, rooms: list[tuple[int, ProgramOption]],
               today: dt.date, year_start: dt.date) -> m.Family:
    shape = rng.choices(["two_parents", "single_mother", "single_father", "grandparents", "foster"],
                        weights=[50, 30, 6, 9, 5])[0]
    last = names.last()
    city, state, zip3 = rng.choice(_CITIES)
    english = culture.language == "en"
    lang = culture.language
    fam = m.Family(
        name=_("{last} family").format(last=last), address_line1=f"{rng.randint(3, 990)} {rng.choice(_STREETS)}",
        address_line2=rng.choice(["", "", f"Apt {rng.randint(1, 40)}"]), city=city, region=state,
        postal_code=f"{zip3}{rng.randint(10, 99)}", home_languages=[lang] if english else [lang, "en"],
        preferred_language=lang if rng.random() > 0.1 or english else "en",
        interpreter_needed=not english and rng.random() < 0.55,
        preferred_channel=rng.choice(list(ContactChannel)),
        best_times=rng.choice([_("Weekday evenings after 5"), _("Mornings at drop-off"), _("Saturdays"),
                               _("Lunch time on weekdays"), ""]),
        available_times=_available(rng), directory_consent=rng.random() < 0.6, photo_consent=rng.random() < 0.8,
        status=rng.choices(list(FamilyStatus), weights=[3, 5, 85, 7])[0],
        enrolled_on=year_start + dt.timedelta(days=rng.choice([0, 0, 0, 7, 21, 45, 90, 130])),
    )
    if fam.enrolled_on and fam.enrolled_on > today:
        fam.enrolled_on = today
    fam.caregivers = _caregivers(rng, names, shape, last)
    option = rng.choices(list(ProgramOption), weights=[75, 17, 8])[0]
    room_pool = [rid for rid, opt in rooms if opt is option] or [rid for rid, _o in rooms]
    for _i in range(rng.choices([1, 2, 3], weights=[62, 30, 8])[0]):
        female = rng.random() < 0.5
        age_days = rng.randint(200, 5 * 365 - 30)
        fam.children.append(m.Child(
            first_name=names.first(female), last_name=last if rng.random() < 0.9 else names.last(female),
            birth_date=today - dt.timedelta(days=age_days), classroom_id=rng.choice(room_pool), program_option=option,
            enrolled_on=fam.enrolled_on, preferred_name=""))
    if rng.random() < 0.35:
        fam.pickups.append(m.PickupPerson(name=f"{names.first(True)} {names.last(True)}",
                                          relationship_=rng.choice([_("Neighbor"), _("Aunt"), _("Family friend")]),
                                          phone=phone(rng)))
    return fam


def _caregivers(rng: random.Random, names: NameMaker, shape: str, last: str) -> list[m.Caregiver]:
    def person(rel: Relationship, female: bool, pos: int, **kw: object) -> m.Caregiver:
        return m.Caregiver(first_name=names.first(female), last_name=last, relationship_=rel, position=pos,
                           mobile_phone=phone(rng),
                           email=rng.choice(["", f"family{rng.randint(100, 99999)}@example.com"]),
                           **kw)

    if shape == "two_parents":
        return [person(Relationship.MOTHER, True, 0, emergency_contact=True),
                person(Relationship.FATHER, False, 1, work_phone=phone(rng) if rng.random() < 0.4 else "")]
    if shape == "single_mother":
        out = [person(Relationship.MOTHER, True, 0, emergency_contact=True)]
        if rng.random() < 0.25:
            out.append(person(Relationship.FATHER, False, 1, lives_with_child=False, authorized_pickup=False,
                              custody_notes=_("Court order on file: no pickup without the mother's written consent.")))
        return out
    if shape == "single_father":
        return [person(Relationship.FATHER, False, 0, emergency_contact=True)]
    if shape == "grandparents":
        return [person(Relationship.GRANDMOTHER, True, 0, emergency_contact=True),
                person(Relationship.GRANDFATHER, False, 1)]
    return [person(Relationship.FOSTER_PARENT, True, 0, emergency_contact=True,
                   custody_notes=_("Placement through the state agency; caseworker must be told of any incident."))]


def _available(rng: random.Random) -> list[dict[str, object]]:
    """Weekly windows: most working families have evenings and Saturdays; some have daytime."""
    choice = rng.random()
    if choice < 0.55:
        return [{"weekday": d, "start": "17:30", "end": "19:30"} for d in range(5)] + \
               [{"weekday": 5, "start": "10:00", "end": "14:00"}]
    if choice < 0.85:
        days = rng.sample(range(5), 3)
        return [{"weekday": d, "start": "09:00", "end": "15:00"} for d in sorted(days)]
    return [{"weekday": d, "start": "08:00", "end": "18:00"} for d in range(5)]


from famdesk.services import demo_visits  # noqa: E402

EXTRA_STEPS.append(demo_visits.create)
from famdesk.services import demo_observations  # noqa: E402

EXTRA_STEPS.append(demo_observations.create)
from famdesk.services import demo_partnership  # noqa: E402

EXTRA_STEPS.append(demo_partnership.create)
from famdesk.services import demo_incidents  # noqa: E402

EXTRA_STEPS.append(demo_incidents.create)
