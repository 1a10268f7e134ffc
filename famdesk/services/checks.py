"""`famdesk check`: the database's own integrity plus famdesk's rules about its data."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain.roles import Action, Kind
from famdesk.formatting import ui_number
from famdesk.i18n import _
from famdesk.services import door
from famdesk.services.context import ServiceContext

# Later areas (visits…) add checks here: fn(session) -> list of problems. The audit chain is checked
# by run_checks itself (its remarks go to ``notes``).
EXTRA_CHECKS: list[Callable[[Session], list[str]]] = []


@door.operation(Kind.DATABASE, Action.READ)
def run_checks(ctx: ServiceContext, notes: list[str] | None = None) -> list[str]:
    """Every problem as one sentence ([] when all is well); ``notes`` receives remarks that are no
    problem (the audit log's entries from before it was anchored)."""
    from famdesk.services import audit

    problems: list[str] = []
    with ctx.db.read() as s:
        if ctx.db.is_sqlite:
            rows = [r[0] for r in s.execute(text("PRAGMA integrity_check")).all()]
            problems += [_("Database integrity: {detail}").format(detail=r) for r in rows if r != "ok"]
            for table, rowid, parent, _fk in s.execute(text("PRAGMA foreign_key_check")).all():
                problems.append(_("Broken reference: {table} row {rowid} points to a missing "
                                  "{parent}.").format(table=table, rowid=rowid, parent=parent))
        problems += _rules(s)
        problems += audit.chain_problems(s, notes)
        for check in EXTRA_CHECKS:
            problems += check(s)
    return problems


def _rules(s: Session) -> list[str]:
    out: list[str] = []
    empty = s.scalar(select(func.count(m.Family.id)).where(~m.Family.children.any(),
                                                           m.Family.archived_at.is_(None)))
    if empty:
        out.append(_("{count} active family record(s) have no child.").format(count=ui_number(empty)))
    no_adult = s.scalar(select(func.count(m.Family.id)).where(~m.Family.caregivers.any(),
                                                              m.Family.archived_at.is_(None)))
    if no_adult:
        out.append(_("{count} active family record(s) have no caregiver.").format(count=ui_number(no_adult)))
    return out



from famdesk.services import visit_checks  # noqa: E402

EXTRA_CHECKS.append(visit_checks.check_visits)


def _on_demand(module: str, name: str) -> Callable[[Session], list[str]]:
    """An area's check imported only when `famdesk check` runs: the window's start imports this module
    (through the directory's search), and these areas' models and services are not needed to start."""
    def check(s: Session) -> list[str]:
        return getattr(import_module(module), name)(s)  # type: ignore[no-any-return]
    return check


EXTRA_CHECKS += [
    _on_demand("famdesk.services.incidents", "check_incidents"),
    _on_demand("famdesk.services.retention", "check_retention"),
    _on_demand("famdesk.services.observation_index", "index_problems"),
]
