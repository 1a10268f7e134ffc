"""Every role against every guarded service call: the table role × record × action → allowed/denied.

Runs on SQLite and (with FAMDESK_TEST_POSTGRES_URL) PostgreSQL through the ``ctx`` fixture.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from famdesk.domain import records as r
from famdesk.domain.errors import PermissionDenied
from famdesk.domain.roles import Action, Actor, Kind, Role
from famdesk.services import access, accounts, audit, classrooms, door, families, members, program, staff
from famdesk.services.context import ServiceContext
from tests.services.roles_world import LETTER, World, build, household, snapshot
from tests.services.roles_world import actor as _actor


def _update(ctx: ServiceContext, fid: int) -> None:
    detail = families.get_family(ctx, fid)
    detail.family.best_times = "Mornings"
    families.update_family(ctx, detail)


def _sees_custody(ctx: ServiceContext, fid: int) -> None:
    if families.get_family(ctx, fid).caregivers[0].custody_notes is None:
        raise PermissionDenied("hidden")


def _sees_health(ctx: ServiceContext, fid: int) -> None:
    if families.get_family(ctx, fid).children[0].health_notes is None:
        raise PermissionDenied("hidden")


def _save_child(ctx: ServiceContext, child: r.Child) -> None:
    child.preferred_name = "Leito"
    members.save_child(ctx, child)


def _sees_other_in_list(ctx: ServiceContext, fid: int) -> None:
    if fid not in [x.id for x in families.search_families(ctx)]:
        raise PermissionDenied("not listed")


# name → (call, {role: allowed}). D=director, F=family services, T=teacher, O=office.
Call = Callable[[ServiceContext, World], Any]
TABLE: dict[str, tuple[Call, str]] = {
    "family/read own": (lambda c, w: families.get_family(c, w.own), "DFTO"),
    "family/read other": (lambda c, w: families.get_family(c, w.other), "DO"),
    "family/list other": (lambda c, w: _sees_other_in_list(c, w.other), "DO"),
    "family/write own": (lambda c, w: _update(c, w.own), "DF"),
    "family/write other": (lambda c, w: _update(c, w.other), "D"),
    "family/add": (lambda c, w: families.add_family(c, household("New", w.room)), "D"),
    "family/archive own": (lambda c, w: families.archive_family(c, w.own, False), "DF"),
    "child/write own": (lambda c, w: _save_child(c, w.own_child), "DF"),
    "child/write other": (lambda c, w: _save_child(c, w.other_child), "D"),
    "child/list": (lambda c, w: members.search_children(c), "DFTO"),
    "custody_notes/read": (lambda c, w: _sees_custody(c, w.own), "D"),
    "health_notes/read": (lambda c, w: _sees_health(c, w.own), "D"),
    "classroom/read": (lambda c, w: classrooms.list_classrooms(c), "DFTO"),
    "classroom/write": (lambda c, w: classrooms.save_classroom(c, r.Classroom(name="Owls")), "D"),
    "staff/read": (lambda c, w: staff.list_staff(c), "DFTO"),
    "staff/write": (lambda c, w: staff.save_staff(c, r.StaffMember(first_name="Zed")), "D"),
    "program/read": (lambda c, w: program.get_program(c), "DFTO"),
    "program/write": (lambda c, w: program.save_program(c, program.get_program(c)), "D"),
    "audit/read": (lambda c, w: audit.entries(c), "D"),
    "users/write": (lambda c, w: accounts.add_user(c, "x" + str(id(c)), "long enough pw", Role.OFFICE), "D"),
    "family/assign": (lambda c, w: accounts.assign_family(c, w.other, w.worker), "D"),
    "family/erase": (lambda c, w: families.erase_family(c, w.other), "D"),  # last: removes "other"
}


@pytest.fixture(autouse=True)
def _fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "HASH_PARAMETERS", accounts.OWASP_MINIMUM)


@pytest.mark.parametrize("role", list(Role))
def test_role_table(ctx, role: Role) -> None:  # type: ignore[no-untyped-def]
    world = build(ctx)
    acting = ctx.as_actor(_actor(role, world))
    got, wanted = {}, {}
    for name, (call, allowed_for) in TABLE.items():
        try:
            call(acting, world)
            got[name] = True
        except PermissionDenied:
            got[name] = False
        wanted[name] = LETTER[role] in allowed_for
    mismatches = {k: f"got {'allowed' if got[k] else 'denied'}" for k in TABLE if got[k] != wanted[k]}
    assert mismatches == {}


def test_scoped_actor_without_staff_link_sees_no_family(ctx) -> None:  # type: ignore[no-untyped-def]
    build(ctx)
    nobody = ctx.as_actor(Actor(Role.TEACHER, staff_id=None))
    assert families.search_families(nobody) == []
    assert families.count_families(nobody) == 0


def test_denial_message_says_what_and_who_to_ask(ctx) -> None:  # type: ignore[no-untyped-def]
    office = ctx.as_actor(Actor(Role.OFFICE))
    with pytest.raises(PermissionDenied, match="may not change staff. Ask the program director"):
        staff.save_staff(office, r.StaffMember(first_name="Zed"))


def test_denied_write_writes_nothing(ctx) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    teacher = ctx.as_actor(_actor(Role.TEACHER, w))
    detail = families.get_family(ctx, w.own)
    detail.family.name = "Changed"
    with pytest.raises(PermissionDenied):
        families.update_family(teacher, detail)
    assert families.get_family(ctx, w.own).family.name == "Own family"


def test_health_notes_kept_when_hidden_actor_saves(ctx) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    worker = ctx.as_actor(_actor(Role.FAMILY_SERVICES, w))
    seen = families.get_family(worker, w.own)
    assert seen.children[0].health_notes is None
    families.update_family(worker, seen)
    assert families.get_family(ctx, w.own).children[0].health_notes == "Peanut allergy."


def test_table_rules_restricted_kinds_to_directors_only() -> None:
    for role in Role:
        for kind in access.RESTRICTED_KINDS:
            assert access.allowed(Actor(role), kind, Action.READ) is (role is Role.DIRECTOR)
    assert access.may_read_restricted(Actor(Role.DIRECTOR), Kind.HEALTH_NOTES)


@door.operation(Kind.FAMILY, Action.PRINT, family=door.Arg("family_id"), record="family_id")
def _print_family(ctx: ServiceContext, family_id: int) -> None:
    """A print of one family's data, declared as the printing areas declare theirs."""


@door.operation(Kind.FAMILY, Action.EXPORT, family=door.Arg("family_id"), record="family_id")
def _export_family(ctx: ServiceContext, family_id: int) -> None:
    """An export of one family's data."""


@pytest.mark.parametrize(("role", "action", "family", "allowed_"), [
    (Role.TEACHER, Action.PRINT, "own", True), (Role.TEACHER, Action.PRINT, "other", False),
    (Role.OFFICE, Action.EXPORT, "own", False), (Role.DIRECTOR, Action.EXPORT, "other", True),
])
def test_print_and_export_checks_are_recorded(ctx, role, action, family, allowed_) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    fid = w.own if family == "own" else w.other
    acting = ctx.as_actor(_actor(role, w))
    output = _print_family if action is Action.PRINT else _export_family
    if allowed_:
        output(acting, fid)
        last = audit.entries(ctx, limit=1)[0]
        assert (last.action, last.kind, last.record_id, last.actor) == (action.value, "family", fid, role.value)
    else:
        before = snapshot(ctx)
        with pytest.raises(PermissionDenied):
            output(acting, fid)
        assert snapshot(ctx) == before  # no audit entry, nothing at all
