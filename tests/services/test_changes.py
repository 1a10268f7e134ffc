"""The other-process change watcher (services.changes), without Qt: a second Database on the same store
stands for a second program; this process's own writes and mere views are not reported."""

from __future__ import annotations

import time
import uuid

import pytest
from sqlalchemy import text

from famdesk.db.session import Database
from famdesk.domain import records as r
from famdesk.domain.roles import DIRECTOR, Action, Kind
from famdesk.services import changes, door, families
from famdesk.services.context import ServiceContext


def _marked(kind: Kind) -> tuple[str, object]:
    """A write declaring an area of its own: on PostgreSQL the notice names it, so notices of other test
    runs sharing the server's database (other schemas) cannot be mistaken for this one's."""
    marker = f"marker_{uuid.uuid4().hex[:8]}"

    @door.operation(kind, Action.WRITE, changes={marker})
    def write(c: ServiceContext, name: str, fail: bool = False) -> None:
        families.add_family(c, r.FamilyDetail(r.Family(name=name), [r.Caregiver(first_name="Ana")]))
        if fail:
            raise ValueError("after the write")

    return marker, write


def _heard(found: frozenset[str], marker: str, ctx: ServiceContext) -> bool:
    return ("family" in found) if ctx.db.is_sqlite else (marker in found)


def _quiet(found: frozenset[str], marker: str, ctx: ServiceContext) -> bool:
    return found == frozenset() if ctx.db.is_sqlite else marker not in found


def _poll_until(watcher: changes.Watcher, marker: str, ctx: ServiceContext,
                tries: int = 60) -> frozenset[str]:
    found: set[str] = set()
    for _ in range(tries):
        found |= watcher.poll()
        if _heard(frozenset(found), marker, ctx):
            break
        time.sleep(0.05)
    return frozenset(found)


def test_the_watcher_reports_what_another_program_wrote_and_not_its_own(ctx) -> None:  # type: ignore[no-untyped-def]
    watcher = changes.watch(ctx.db)
    other = Database.open(ctx.db.engine.url.render_as_string(hide_password=False))
    marker, write = _marked(Kind.FAMILY)
    try:
        write(ctx, "Own family")  # this program's write: the window heard of it through door.listen
        families.get_family(ctx, families.search_families(ctx)[0].id)  # an audited view is no change
        assert _quiet(_poll_until(watcher, marker, ctx, tries=6), marker, ctx)
        write(ServiceContext(other, DIRECTOR), "Other family")
        assert _heard(_poll_until(watcher, marker, ctx), marker, ctx)
        assert _quiet(watcher.poll(), marker, ctx)
    finally:
        watcher.close()
        other.dispose()


def test_a_notice_goes_with_the_commit_only(ctx) -> None:  # type: ignore[no-untyped-def]
    """A write rolled back tells nobody (PostgreSQL delivers a NOTIFY on commit only)."""
    watcher = changes.watch(ctx.db)
    other = Database.open(ctx.db.engine.url.render_as_string(hide_password=False))
    marker, write = _marked(Kind.FAMILY)

    @door.operation(Kind.FAMILY, Action.WRITE, changes={marker})
    def rolled_back(c: ServiceContext) -> None:
        with c.db.transaction() as s:
            s.execute(text("SELECT 1"))
            raise ValueError("rolled back")

    try:
        with pytest.raises(ValueError):
            rolled_back(ServiceContext(other, DIRECTOR))
        assert _quiet(_poll_until(watcher, marker, ctx, tries=6), marker, ctx)
        write(ServiceContext(other, DIRECTOR), "Committed family")
        assert _heard(_poll_until(watcher, marker, ctx), marker, ctx)
    finally:
        watcher.close()
        other.dispose()


def test_payloads_and_implied_areas() -> None:
    assert changes.payload({"child", "family"}) == "child,family"
    assert changes.parse_payload("child,family") == {"child", "family"}
    assert changes.parse_payload("") == {changes.ANY}
    assert changes.affected({"import"}, {"family", "visit"}) == {"family"}
    assert changes.affected({changes.ANY}, {"family", "visit"}) == {"family", "visit"}
    assert changes.affected({"handout"}, {"family"}) == frozenset()
