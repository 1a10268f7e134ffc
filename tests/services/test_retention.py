"""Retention for families who left, and legal holds: who is due, erasing for real, holds that always win.

Runs on SQLite and (with FAMDESK_TEST_POSTGRES_URL) PostgreSQL through the ``ctx`` fixture; the file
canary runs on SQLite, where famdesk owns the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from famdesk.db import models as m
from famdesk.domain import records as r
from famdesk.domain.enums import FamilyStatus
from famdesk.domain.errors import NotFoundError, PermissionDenied, ValidationError
from famdesk.domain.incidents import Incident
from famdesk.domain.retention import years_before
from famdesk.domain.roles import Actor, Role
from famdesk.services import audit, families, incidents, legal_holds, retention
from famdesk.services.checks import run_checks
from famdesk.services.context import ServiceContext
from famdesk.services.duplicates import merge_families

TODAY = dt.date(2026, 6, 1)   # with the default 3 years: families who left before 2023-06-01 are due
CANARY = "Zyxtrombel"


@dataclass
class World:
    gone: int       # left 2020, due
    edge: int       # left exactly on the cutoff day: not yet due
    archived: int   # archived in 2019 without a "left" date: due
    held: int       # left 2019, on legal hold
    undated: int    # "left the program" with no date
    enrolled: int


def _family(ctx: ServiceContext, name: str, status: FamilyStatus = FamilyStatus.EXITED,
            left: dt.date | None = None) -> int:
    detail = r.FamilyDetail(r.Family(name=name, status=status, enrolled_on=dt.date(2018, 9, 1), exited_on=left),
                            [r.Caregiver(first_name=name.split()[0])],
                            [r.Child(first_name=name.split()[0], birth_date=dt.date(2016, 2, 2))])
    fid = families.add_family(ctx, detail).family.id
    assert fid is not None
    return fid


def build(ctx: ServiceContext) -> World:
    w = World(gone=_family(ctx, f"{CANARY} family", left=dt.date(2020, 1, 15)),
              edge=_family(ctx, "Edge family", left=dt.date(2023, 6, 1)),
              archived=_family(ctx, "Archived family", FamilyStatus.ENROLLED),
              held=_family(ctx, "Held family", left=dt.date(2019, 3, 1)),
              undated=_family(ctx, "Undated family"),
              enrolled=_family(ctx, "Enrolled family", FamilyStatus.ENROLLED))
    families.archive_family(ctx, w.archived)
    with ctx.db.transaction() as s:
        s.execute(update(m.Family).where(m.Family.id == w.archived).values(archived_at=dt.datetime(2019, 5, 5, 12)))
    legal_holds.place_hold(ctx, w.held, "Court case 2026-CV-114", today=dt.date(2026, 1, 10))
    return w


def _ids(people: list[Any]) -> list[int]:
    return [p.family_id for p in people]


def _exists(ctx: ServiceContext, fid: int) -> bool:
    with ctx.db.read() as s:
        return s.get(m.Family, fid) is not None


def test_review_lists_due_held_and_undated(ctx) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    review = retention.review(ctx, TODAY)
    assert (review.years, review.cutoff) == (3, dt.date(2023, 6, 1))
    assert _ids(review.due) == [w.archived, w.gone]  # by name
    assert review.due[0].left_on == dt.date(2019, 5, 5) and review.due[1].left_on == dt.date(2020, 1, 15)
    assert _ids(review.held) == [w.held] and review.held[0].hold_reason == "Court case 2026-CV-114"
    assert review.undated == 1
    retention.set_retention_years(ctx, 7)
    assert _ids(retention.review(ctx, TODAY).due) == [w.archived]  # 2019-05-05 is more than 7 years ago
    retention.set_retention_years(ctx, 8)
    assert _ids(retention.review(ctx, TODAY).due) == []
    assert years_before(dt.date(2028, 2, 29), 3) == dt.date(2025, 2, 28)
    for bad in (0, 101, True):
        with pytest.raises(ValidationError, match="1 to 100 years"):
            retention.set_retention_years(ctx, bad)
    assert retention.retention_years(ctx) == 8


def test_apply_needs_confirmation_then_erases_only_the_due(ctx) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    with pytest.raises(ValidationError, match="Nothing was erased"):
        retention.apply_retention(ctx, None, today=TODAY)
    assert _exists(ctx, w.gone)
    result = retention.apply_retention(ctx, [w.gone, w.held, w.edge], confirmed=True, today=TODAY)
    assert result.erased == [w.gone] and result.skipped == [w.held, w.edge] and result.failed == {}
    assert not _exists(ctx, w.gone) and _exists(ctx, w.held) and _exists(ctx, w.edge)
    result = retention.apply_retention(ctx, None, confirmed=True, today=TODAY)  # everything still due
    assert result.erased == [w.archived]
    assert [_exists(ctx, f) for f in (w.held, w.edge, w.undated, w.enrolled)] == [True] * 4
    trail = audit.entries(ctx, limit=1000)
    erased = [(e.record_id, e.detail) for e in trail if e.action == "erase" and e.kind == "family"]
    assert sorted(erased) == sorted([(w.gone, "retention"), (w.archived, "retention")])
    assert any(e.kind == "legal_hold" and e.action == "erase" for e in trail)  # the door's entry for the run
    assert all(CANARY.lower() not in e.detail.lower() for e in trail)


def test_a_family_on_legal_hold_can_never_be_erased(ctx) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    with pytest.raises(ValidationError, match="legal hold.*Court case 2026-CV-114.*nothing was erased"):
        families.erase_family(ctx, w.held)
    assert _exists(ctx, w.held)
    with pytest.raises(ValidationError, match="Say why"):
        legal_holds.place_hold(ctx, w.enrolled, "   ")
    with pytest.raises(NotFoundError):
        legal_holds.place_hold(ctx, 999_999, "Audit")
    changed = legal_holds.place_hold(ctx, w.held, "Records request from the state")
    assert changed.placed_on == dt.date(2026, 1, 10)  # changing the reason keeps the date it started
    legal_holds.release_hold(ctx, w.held)
    with pytest.raises(NotFoundError, match="not on legal hold"):
        legal_holds.release_hold(ctx, w.held)
    families.erase_family(ctx, w.held)
    assert not _exists(ctx, w.held)
    holds = [(e.action, e.record_id) for e in audit.entries(ctx, limit=1000) if e.kind == "legal_hold"]
    assert holds.count(("write", w.held)) == 3  # placed (in build), changed, released: ids only


def test_a_family_on_legal_hold_is_never_merged(ctx) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    for keep, gone in ((w.edge, w.held), (w.held, w.edge)):  # held merged away, or merged into
        with pytest.raises(ValidationError, match="hold cannot be merged.*Court case.*nothing was merged"):
            merge_families(ctx, keep, gone)
    assert _exists(ctx, w.held) and _exists(ctx, w.edge)
    assert legal_holds.get_hold(ctx, w.held) is not None
    legal_holds.release_hold(ctx, w.held)
    merge_families(ctx, w.edge, w.held)
    assert not _exists(ctx, w.held)


Call = Callable[[ServiceContext, World], Any]
TABLE: dict[str, tuple[Call, str]] = {
    "retention/read years": (lambda c, w: retention.retention_years(c), "DFTO"),
    "retention/set years": (lambda c, w: retention.set_retention_years(c, 5), "D"),
    "retention/review": (lambda c, w: retention.review(c, TODAY), "D"),
    "legal_hold/read": (lambda c, w: legal_holds.get_hold(c, w.held), "D"),
    "legal_hold/place": (lambda c, w: legal_holds.place_hold(c, w.enrolled, "Audit"), "D"),
    "legal_hold/release": (lambda c, w: legal_holds.release_hold(c, w.enrolled), "D"),
    "retention/apply": (lambda c, w: retention.apply_retention(c, None, confirmed=True, today=TODAY), "D"),
}
LETTER = {Role.DIRECTOR: "D", Role.FAMILY_SERVICES: "F", Role.TEACHER: "T", Role.OFFICE: "O"}


@pytest.mark.parametrize("role", list(Role))
def test_role_table_retention_and_holds(ctx, role: Role) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    acting = ctx.as_actor(Actor(role, label=role.value))
    got = {}
    for name, (call, _allowed) in TABLE.items():
        try:
            call(acting, w)
            got[name] = True
        except PermissionDenied:
            got[name] = False
    assert got == {name: LETTER[role] in allowed for name, (_c, allowed) in TABLE.items()}
    assert _exists(ctx, w.gone) is (role is not Role.DIRECTOR)


def test_check_reports_families_past_retention(ctx) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    due = len(retention.review(ctx).due)  # `famdesk check` judges on the real date
    assert due >= 2
    problems = [p for p in run_checks(ctx) if "retention" in p]
    assert problems == [f"{due} family record(s) are past the retention period of 3 years; see “famdesk "
                        "retention list”."]
    retention.apply_retention(ctx, None, confirmed=True)
    assert [p for p in run_checks(ctx) if "retention" in p] == []
    assert _exists(ctx, w.held)


def test_erased_by_retention_is_gone_from_the_file_with_its_incidents(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    w = build(ctx)
    for i in range(15):  # neighbours on the same pages
        _family(ctx, f"Neighbour{i} family", FamilyStatus.ENROLLED)
    with ctx.db.read() as s:
        child = s.scalar(select(m.Child.id).where(m.Child.family_id == w.gone))
    incidents.add_incident(ctx, Incident(child_id=child, occurred_at=dt.datetime(2019, 11, 4, 10),
                                         behavior=f"{CANARY}behaviour", response=f"{CANARY}response"))
    live = Path(ctx.db.sqlite_path or "")
    needle = CANARY.lower().encode()
    assert any(needle in p.read_bytes().lower() for p in live.parent.glob("famdesk.sqlite3*"))
    retention.apply_retention(ctx, [w.gone], confirmed=True, today=TODAY)
    with ctx.db.read() as s:
        assert s.scalar(select(func.count(m.Incident.id))) == 0
    assert [p.name for p in live.parent.glob("famdesk.sqlite3*") if needle in p.read_bytes().lower()] == []
