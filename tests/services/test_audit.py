"""The audit trail: written for views and changes, chained by SHA-256, tampering found by `famdesk check`
(the anchored cases: tests/services/test_audit_anchor.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from famdesk.db import models as m
from famdesk.domain import records as r
from famdesk.domain.errors import PermissionDenied
from famdesk.domain.roles import COMMAND_LINE, Action, Actor, Kind, Role
from famdesk.services import audit, door, families
from famdesk.services.checks import run_checks

CANARY = "Zzyzxcanary"


def _add(ctx):  # type: ignore[no-untyped-def]
    return families.add_family(ctx, r.FamilyDetail(
        r.Family(name=f"{CANARY} family"), [r.Caregiver(first_name=CANARY)],
        [r.Child(first_name="Kid", birth_date=dt.date(2022, 2, 2))]))


def test_views_and_changes_are_recorded_with_ids_only(ctx) -> None:  # type: ignore[no-untyped-def]
    fid = _add(ctx).family.id
    families.get_family(ctx.as_actor(COMMAND_LINE), fid)
    families.archive_family(ctx, fid)
    rows = audit.entries(ctx)
    assert [(e.action, e.kind, e.record_id) for e in rows][:3] == [
        ("write", "family", fid), ("read", "family", fid), ("write", "family", fid)]
    assert rows[1].actor == "command line"
    with ctx.db.read() as s:
        text = " ".join(f"{e.actor} {e.detail}" for e in s.scalars(select(m.AuditEntry)))
    assert CANARY.lower() not in text.lower()


def test_only_directors_read_the_trail(ctx) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        audit.entries(ctx.as_actor(Actor(Role.OFFICE)))


@door.operation(Kind.FAMILY, Action.READ, audit=True)
def _view(ctx, family_id: int) -> None:  # type: ignore[no-untyped-def]
    """An audited view through the door (one entry each)."""


def test_intact_chain_passes_check(ctx) -> None:  # type: ignore[no-untyped-def]
    fid = _add(ctx).family.id
    _view(ctx, fid)
    assert not [p for p in run_checks(ctx) if "Audit" in p]


@pytest.mark.parametrize("tamper", ["detail", "delete_middle", "prev_hash"])
def test_tampered_entry_is_reported_by_check(ctx, tamper: str) -> None:  # type: ignore[no-untyped-def]
    fid = _add(ctx).family.id
    for _ in range(3):
        _view(ctx, fid)
    with ctx.db.transaction() as s:
        if tamper == "detail":
            s.execute(update(m.AuditEntry).where(m.AuditEntry.id == 2).values(action="print"))
        elif tamper == "delete_middle":
            s.delete(s.get(m.AuditEntry, 2))
        else:
            s.execute(update(m.AuditEntry).where(m.AuditEntry.id == 3).values(prev_hash="f" * 64))
    problems = [p for p in run_checks(ctx) if p.startswith("Audit log")]
    assert problems, "tampering went unnoticed"
    assert any(" 2 " in p or " 3 " in p or "2 to 2" in p for p in problems)
