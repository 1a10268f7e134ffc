"""Compliance requirements per program option: program settings, with the Head Start figures as defaults.

Stored as the ``visits.requirements`` setting (JSON), so a program that follows older or stricter
numbers changes them without a schema change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain.roles import Action, Kind
from famdesk.domain.visits import Requirement, VisitRequirements, default_requirements
from famdesk.i18n import _
from famdesk.services.context import ServiceContext
from famdesk.services.door import internal, operation
from famdesk.services.validation import Problems

SETTING_KEY = "visits.requirements"
_FIELDS = ("home_visits", "parent_conferences", "group_socializations", "min_home_visit_minutes")


def _to_json(req: VisitRequirements) -> dict[str, Any]:
    return {
        "caseload_max": req.caseload_max,
        "ehs_under_months": req.ehs_under_months,
        "rules": {k: {f: getattr(v, f) for f in _FIELDS} for k, v in req.rules.items()},
    }


def _from_json(raw: dict[str, Any] | None) -> VisitRequirements:
    req = default_requirements()
    if not raw:
        return req
    req.caseload_max = int(raw.get("caseload_max", req.caseload_max))
    req.ehs_under_months = int(raw.get("ehs_under_months", req.ehs_under_months))
    for key, values in (raw.get("rules") or {}).items():
        req.rules[key] = Requirement(**{f: int(values.get(f, 0)) for f in _FIELDS})
    return req


@internal("reads in the caller's session")
def load_requirements(session: Session) -> VisitRequirements:
    row = session.get(m.Setting, SETTING_KEY)
    return _from_json(row.value if row is not None else None)


@operation(Kind.VISIT_SETTINGS, Action.READ)
def get_requirements(ctx: ServiceContext) -> VisitRequirements:
    with ctx.db.read() as s:
        return load_requirements(s)


@operation(Kind.VISIT_SETTINGS, Action.WRITE)
def save_requirements(ctx: ServiceContext, req: VisitRequirements) -> VisitRequirements:
    """The requirements are program settings: directors change them."""
    problems = Problems()
    if not 1 <= req.caseload_max <= 200:
        problems.add("caseload_max", _("The caseload limit must be between 1 and 200 families."))
    if not 0 <= req.ehs_under_months <= 72:
        problems.add("ehs_under_months", _("The Early Head Start age limit must be between 0 and 72 months."))
    for key, rule in req.rules.items():
        for f in _FIELDS:
            value = getattr(rule, f)
            if not isinstance(value, int) or value < 0 or value > 600:
                problems.add(
                    f"rules.{key}.{f}", _("Requirement numbers must be whole numbers from 0 to 600.")
                )
                break
    problems.raise_if_any()
    with ctx.db.transaction() as s:
        row = s.get(m.Setting, SETTING_KEY)
        if row is None:
            s.add(m.Setting(key=SETTING_KEY, value=_to_json(req)))
        else:
            row.value = _to_json(req)
    return req
