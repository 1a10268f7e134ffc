"""Program closures and holidays: the days no visit should be scheduled (the director enters them)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain.errors import NotFoundError
from famdesk.domain.roles import Action, Kind
from famdesk.domain.visits import Closure
from famdesk.formatting import ui_number
from famdesk.i18n import _
from famdesk.services import door
from famdesk.services.context import ServiceContext
from famdesk.services.door import internal, operation, pure
from famdesk.services.validation import Problems, check_date_order, check_required

# A closure longer than this is almost surely a typo in the year (e.g. 2026-12-22 to 2027-12-31).
MAX_CLOSURE_DAYS = 120


def _record(row: m.ProgramClosure) -> Closure:
    return Closure(name=row.name, starts_on=row.starts_on, ends_on=row.ends_on, id=row.id)


@internal("reads in the caller's session")
def closures_between(session: Session, start: dt.date, end: dt.date) -> list[Closure]:
    """Closures overlapping [start, end] (both included), oldest first."""
    q = (
        select(m.ProgramClosure)
        .where(m.ProgramClosure.starts_on <= end, m.ProgramClosure.ends_on >= start)
        .order_by(m.ProgramClosure.starts_on, m.ProgramClosure.id)
    )
    return [_record(x) for x in session.scalars(q)]


@pure("searches a list")
def closure_on(closures: list[Closure], day: dt.date) -> Closure | None:
    return next((c for c in closures if c.covers(day)), None)


@operation(Kind.VISIT_SETTINGS, Action.READ)
def list_closures(
    ctx: ServiceContext, start: dt.date | None = None, end: dt.date | None = None
) -> list[Closure]:
    with ctx.db.read() as s:
        return closures_between(s, start or dt.date.min, end or dt.date.max)


def _validate(data: Closure) -> None:
    problems = Problems()
    data.name = check_required(problems, "name", data.name, _("The closure's name"))
    if data.starts_on is None:
        problems.add("starts_on", _("Choose the first closed day."))
    if data.ends_on is None:
        data.ends_on = data.starts_on
    check_date_order(problems, "ends_on", data.starts_on, data.ends_on)
    if data.starts_on and data.ends_on and (data.ends_on - data.starts_on).days > MAX_CLOSURE_DAYS:
        problems.add(
            "ends_on",
            _("A closure of more than {days} days looks like a typo; check the dates.").format(
                days=ui_number(MAX_CLOSURE_DAYS)
            ),
        )
    problems.raise_if_any()


@operation(Kind.VISIT_SETTINGS, Action.WRITE, record="data.id")
def save_closure(ctx: ServiceContext, data: Closure) -> Closure:
    """Add (``id is None``) or change a closure (program settings: directors)."""
    _validate(data)
    with ctx.db.transaction() as s:
        row = m.ProgramClosure() if data.id is None else s.get(m.ProgramClosure, data.id)
        if row is None:
            raise NotFoundError(_("That closure was deleted in the meantime."))
        row.name, row.starts_on, row.ends_on = data.name, data.starts_on, data.ends_on  # type: ignore[assignment]
        s.add(row)
        s.flush()
        door.set_record(row.id)
        return _record(row)


@operation(Kind.VISIT_SETTINGS, Action.WRITE, record="closure_id")
def delete_closure(ctx: ServiceContext, closure_id: int) -> None:
    with ctx.db.transaction() as s:
        row = s.get(m.ProgramClosure, closure_id)
        if row is None:
            raise NotFoundError(_("That closure was deleted in the meantime."))
        s.delete(row)
