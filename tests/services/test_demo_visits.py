"""`famdesk demo` also builds a realistic program year of visits."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from famdesk.db import models as m
from famdesk.domain.visits import VisitKind, VisitStatus
from famdesk.services.checks import run_checks
from famdesk.services.closures import list_closures
from famdesk.services.compliance import at_risk, family_compliance
from famdesk.services.demo import create_demo
from famdesk.services.program import default_program_year

TODAY = default_program_year()[0] + dt.timedelta(days=200)  # mid-year of the demo's program year


def test_demo_year_of_visits(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    create_demo(sqlite_ctx, families=40, today=TODAY)
    closures = list_closures(sqlite_ctx)
    assert [c.name for c in closures][:3] == ["Labor Day", "Thanksgiving", "Winter break"]
    with sqlite_ctx.db.read() as s:
        by_status = dict(s.execute(select(m.Visit.status, func.count()).group_by(m.Visit.status)).all())
        kinds = set(s.scalars(select(m.Visit.kind).distinct()))
        make_ups = s.scalar(select(func.count()).where(m.Visit.make_up_of_id.is_not(None)))
        short = s.scalar(
            select(func.count()).where(m.Visit.status == VisitStatus.COMPLETED, m.Visit.minutes_held < 90)
        )
        future_done = s.scalar(
            select(func.count()).where(
                m.Visit.starts_at >= dt.datetime.combine(TODAY, dt.time()),
                m.Visit.status != VisitStatus.SCHEDULED,
            )
        )
        starts = list(s.scalars(select(m.Visit.starts_at)))
    assert (
        set(by_status) == set(VisitStatus)
        and by_status[VisitStatus.COMPLETED] > by_status[VisitStatus.NO_SHOW]
    )
    assert kinds == set(VisitKind)
    assert make_ups and short and future_done == 0
    assert not any(c.covers(d.date()) for c in closures for d in starts)  # closures skipped
    assert family_compliance(sqlite_ctx, TODAY) and at_risk(sqlite_ctx, TODAY)
    assert run_checks(sqlite_ctx) == []
    create_demo(sqlite_ctx, families=5, today=TODAY)  # a second run adds families, not a second year
    with sqlite_ctx.db.read() as s:
        assert s.scalar(select(func.count(m.ProgramClosure.id))) == len(closures)
