"""The program's own settings (one row) and small key/value settings.

Program settings are directors' to change (``Kind.PROGRAM`` write); everyone signed in reads them. A
person's own choices (their password, their interface language) are ``Kind.PREFERENCES``, not here."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain import records as r
from famdesk.domain.enums import PaperSize
from famdesk.domain.roles import Action, Kind
from famdesk.formatting import paper_size_for
from famdesk.i18n import _
from famdesk.services import door, versions
from famdesk.services.context import ServiceContext
from famdesk.services.validation import Problems, check_email, check_language, check_required, phone_e164

_PROGRAM_FIELDS = ("name", "address", "phone", "email", "logo_png", "default_language", "country",
                   "timezone", "year_start", "year_end", "paper_size")


@door.pure("date arithmetic")
def default_program_year(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """US programs run August to July; the year containing ``today``."""
    today = today or dt.date.today()
    start_year = today.year if today.month >= 8 else today.year - 1
    return dt.date(start_year, 8, 1), dt.date(start_year + 1, 7, 31)


@door.internal("finds or makes the program row inside the caller's session")
def load_program(session: Session) -> m.Program:
    program = session.scalars(select(m.Program).order_by(m.Program.id)).first()
    if program is None:
        start, end = default_program_year()
        program = m.Program(name=_("Our program"), year_start=start, year_end=end)
        session.add(program)
        session.flush()
    return program


@door.operation(Kind.PROGRAM, Action.READ)
def get_program(ctx: ServiceContext) -> r.Program:
    with ctx.db.transaction() as s:  # a write: the first call creates the program row
        program = load_program(s)
        return r.Program(**{f: getattr(program, f) for f in _PROGRAM_FIELDS}, id=program.id,
                         **versions.fields(program))


@door.internal("reads inside the caller's session")
def program_country(session: Session) -> str:
    return load_program(session).country or "US"


@door.operation(Kind.PROGRAM, Action.WRITE)
def save_program(ctx: ServiceContext, data: r.Program) -> r.Program:
    problems = Problems()
    data.name = check_required(problems, "name", data.name, _("The program's name"))
    data.email = check_email(problems, "email", data.email)
    data.default_language = check_language(problems, "default_language", data.default_language) or "en"
    data.country = (data.country or "US").strip().upper()
    if len(data.country) != 2:
        problems.add("country", _("The country must be a two-letter code such as US."))
    try:
        ZoneInfo(data.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.add("timezone", _("“{zone}” is not a time zone famdesk knows.").format(zone=data.timezone))
    if data.year_start and data.year_end and data.year_end <= data.year_start:
        problems.add("year_end", _("The program year must end after it starts."))
    if data.phone:
        try:
            data.phone = phone_e164(data.phone, data.country)
        except ValueError as exc:
            problems.add("phone", str(exc))
    problems.raise_if_any()
    with ctx.db.transaction() as s:
        program = load_program(s)
        versions.check_and_bump(s, program, data.version, ctx.actor)  # refuses a stale form
        for f in _PROGRAM_FIELDS:
            setattr(program, f, getattr(data, f))
        s.flush()
        data.id = program.id
        door.set_record(program.id)
        data.version, data.updated_at, data.updated_by = versions.fields(program).values()
    return data


@door.pure("reads a record in memory")
def effective_paper_size(program: r.Program) -> str:
    """``"letter"`` or ``"a4"``: the program's explicit choice, else what its country uses."""
    if program.paper_size is PaperSize.AUTO:
        return paper_size_for(program.country)
    return program.paper_size.value


@door.operation(Kind.PROGRAM, Action.READ)
def get_setting(ctx: ServiceContext, key: str, default: Any = None) -> Any:
    """A program setting (positive-contact days, packet weeks, saved import mappings…): everyone reads."""
    with ctx.db.read() as s:
        row = s.get(m.Setting, key)
        return default if row is None else row.value


@door.operation(Kind.PROGRAM, Action.READ)
def setting_version(ctx: ServiceContext, key: str) -> int:
    """The stored setting's version (0 when none is stored), for a form to hand back to ``set_setting``."""
    with ctx.db.read() as s:
        row = s.get(m.Setting, key)
        return 0 if row is None else row.version


@door.operation(Kind.PROGRAM, Action.WRITE)
def set_setting(ctx: ServiceContext, key: str, value: Any, *, version: int | None = None) -> None:
    """Change a program setting: directors only (the door checks; a service calling this has its own
    declaration, which the door checked instead). ``version`` (from ``setting_version`` when the form
    opened) refuses a stale save."""
    with ctx.db.transaction() as s:
        row = versions.setting_row(s, key, version, ctx.actor)
        row.value = value
