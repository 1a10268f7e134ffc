"""A hand-built program year for the visit and compliance tests.

Program year 2025-08-01 .. 2026-07-31 (365 days), America/New_York. Closures: Thanksgiving
(2025-11-27..28) and winter break (2025-12-22..2026-01-02). Staff: Rosa (home visitor), Marie
(home visitor), Old (inactive). Families:

* early: home-based, a child born 2024-03-01 (Early Head Start), enrolled 2025-08-01,
  available Mon–Fri 09:00–15:00.
* late: home-based, a child born 2021-09-01 (Head Start), enrolled 2025-11-03 (late),
  available Wed and Fri 17:00–20:00.
* center: center-based, a child born 2021-05-10, enrolled 2025-08-01, no windows recorded.
* gone: archived.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from famdesk.domain import records as r
from famdesk.domain.enums import ProgramOption, StaffRole
from famdesk.domain.visits import Closure
from famdesk.services.closures import save_closure
from famdesk.services.context import ServiceContext
from famdesk.services.families import add_family, archive_family
from famdesk.services.program import get_program, save_program
from famdesk.services.staff import save_staff

YEAR = (dt.date(2025, 8, 1), dt.date(2026, 7, 31))


@dataclass
class World:
    ctx: ServiceContext
    rosa: int
    marie: int
    old: int
    early: int
    late: int
    center: int
    gone: int


def family(
    ctx: ServiceContext,
    name: str,
    option: ProgramOption,
    born: dt.date,
    enrolled: dt.date,
    windows: list[tuple[int, str, str]],
) -> int:
    detail = r.FamilyDetail(
        r.Family(
            name=name,
            address_line1="12 Elm Street",
            city="Boston",
            region="MA",
            postal_code="02121",
            enrolled_on=enrolled,
            available_times=[
                r.AvailableTime(d, dt.time.fromisoformat(a), dt.time.fromisoformat(b)) for d, a, b in windows
            ],
        ),
        caregivers=[r.Caregiver(first_name="Ana", last_name=name.split()[0])],
        children=[
            r.Child(
                first_name="Kid",
                last_name=name.split()[0],
                birth_date=born,
                program_option=option,
                enrolled_on=enrolled,
            )
        ],
    )
    fid = add_family(ctx, detail).family.id
    assert fid is not None
    return fid


def build_world(ctx: ServiceContext) -> World:
    program = get_program(ctx)
    program.year_start, program.year_end = YEAR
    program.timezone = "America/New_York"
    save_program(ctx, program)
    save_closure(ctx, Closure("Thanksgiving", dt.date(2025, 11, 27), dt.date(2025, 11, 28)))
    save_closure(ctx, Closure("Winter break", dt.date(2025, 12, 22), dt.date(2026, 1, 2)))
    rosa = save_staff(ctx, r.StaffMember("Rosa", "Gutiérrez", StaffRole.HOME_VISITOR)).id
    marie = save_staff(ctx, r.StaffMember("Marie", "Joseph", StaffRole.HOME_VISITOR)).id
    old = save_staff(ctx, r.StaffMember("Old", "Timer", StaffRole.TEACHER, active=False)).id
    early = family(
        ctx,
        "Early family",
        ProgramOption.HOME_BASED,
        dt.date(2024, 3, 1),
        dt.date(2025, 8, 1),
        [(d, "09:00", "15:00") for d in range(5)],
    )
    late = family(
        ctx,
        "Late family",
        ProgramOption.HOME_BASED,
        dt.date(2021, 9, 1),
        dt.date(2025, 11, 3),
        [(2, "17:00", "20:00"), (4, "17:00", "20:00")],
    )
    center = family(
        ctx, "Center family", ProgramOption.CENTER_BASED, dt.date(2021, 5, 10), dt.date(2025, 8, 1), []
    )
    gone = family(ctx, "Gone family", ProgramOption.HOME_BASED, dt.date(2022, 1, 1), dt.date(2025, 8, 1), [])
    archive_family(ctx, gone)
    assert rosa and marie and old
    return World(ctx, rosa, marie, old, early, late, center, gone)


@pytest.fixture
def world(ctx: ServiceContext) -> World:
    return build_world(ctx)


def at(day: str, hhmm: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hhmm}")
