"""Small rules shared by visits, conflicts and compliance: program clock, year, a family's option."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain.enums import ProgramOption
from famdesk.domain.errors import StorageError
from famdesk.domain.visits import AgeBand
from famdesk.formatting import ui_date, ui_time
from famdesk.i18n import _
from famdesk.services.door import internal, pure
from famdesk.services.program import default_program_year, load_program


@internal("reads the program in the caller's session")
def program_zone(session: Session) -> ZoneInfo:
    """The program's zone. Never a silent UTC: visit times in the wrong zone would send families to visits
    at the wrong hour, so a zone this computer does not know is said in a sentence."""
    name = load_program(session).timezone or "UTC"
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise StorageError(_("The program's time zone {zone} is not known on this computer, so visit times "
                             "cannot be shown correctly. Reinstall famdesk (it brings the tzdata package), or "
                             "choose the time zone again in Settings.").format(zone=name)) from None


@internal("reads the program in the caller's session")
def program_now(session: Session) -> dt.datetime:
    """Now as local wall-clock time in the program's zone (how visit times are stored)."""
    return dt.datetime.now(program_zone(session)).replace(tzinfo=None, microsecond=0)


@internal("reads the program in the caller's session")
def program_year(session: Session, day: dt.date | None = None) -> tuple[dt.date, dt.date]:
    program = load_program(session)
    if program.year_start and program.year_end:
        return program.year_start, program.year_end
    return default_program_year(day)


@pure("date arithmetic")
def months_between(born: dt.date, on: dt.date) -> int:
    months = (on.year - born.year) * 12 + on.month - born.month
    return months - (1 if on.day < born.day else 0)


@pure("a rule on plain values")
def option_and_band(
    children: Iterable[tuple[ProgramOption, dt.date | None]], on: dt.date, ehs_under_months: int
) -> tuple[ProgramOption, AgeBand]:
    """A family's program option and age band from its children.

    Home-based wins if any child is home-based (its visits follow the home-based rules), then
    center-based, then family child care. The band is Early Head Start when a child in that option
    is younger than ``ehs_under_months`` on ``on`` (the day counting starts), else Head Start.
    """
    kids = list(children)
    options = {opt for opt, _b in kids}
    for option in (ProgramOption.HOME_BASED, ProgramOption.CENTER_BASED, ProgramOption.FAMILY_CHILD_CARE):
        if option in options:
            break
    else:
        option = ProgramOption.CENTER_BASED
    young = any(
        opt is option and born is not None and months_between(born, on) < ehs_under_months
        for opt, born in kids
    )
    return option, AgeBand.EARLY_HEAD_START if young else AgeBand.HEAD_START


@internal("reads in the caller's session")
def home_based_family_ids(session: Session, family_ids: Iterable[int] | None = None) -> set[int]:
    q = select(m.Child.family_id).where(m.Child.program_option == ProgramOption.HOME_BASED).distinct()
    if family_ids is not None:
        q = q.where(m.Child.family_id.in_(list(family_ids)))
    return set(session.scalars(q))


@pure("formatting")
def when_text(start: dt.datetime, end: dt.datetime) -> str:
    """``Sep 1, 2026, 2:30 PM–3:30 PM`` in the interface language, for messages about a visit."""
    return _("{date}, {start}–{end}").format(date=ui_date(start.date(), "medium"), start=ui_time(start),
                                              end=ui_time(end))


@pure("formats a row the caller loaded")
def staff_name(row: m.StaffMember) -> str:
    return f"{row.first_name} {row.last_name}".strip()


@pure("pauses the garbage collector")
@contextmanager
def gc_paused() -> Iterator[None]:
    """Build thousands of short-lived records without the cyclic collector scanning them repeatedly
    (they hold no cycles; in a GUI process with many live objects each scan is expensive)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
