"""Role × kind × action for the people of a program and the program itself.

Families, caregivers, children, pickup persons, custody and health notes, classrooms, staff, program
settings, user accounts and a person's own password, legal holds and retention, backups, merging and the
audit log: for each role, every allowed cell succeeds and every refused one raises ``PermissionDenied``
with a sentence and writes nothing at all (``roles_world.check_table``). Runs on SQLite and (with
FAMDESK_TEST_POSTGRES_URL) PostgreSQL through the ``ctx`` fixture.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from famdesk.domain import records as r
from famdesk.domain.errors import PermissionDenied, StorageError, ValidationError
from famdesk.domain.roles import DIRECTOR, Action, Actor, Kind, Role
from famdesk.services import (
    accounts,
    audit,
    backups,
    classrooms,
    door,
    duplicates,
    encryption,
    families,
    info,
    legal_holds,
    members,
    program,
    retention,
    staff,
)
from famdesk.services.context import ServiceContext
from famdesk.services.family_records import detail_record
from tests.services.roles_world import LETTER, Call, World, actor, build, check_table, household, snapshot

PW = "a long enough password"


@pytest.fixture(autouse=True)
def _fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "HASH_PARAMETERS", accounts.OWASP_MINIMUM)


@dataclass
class People:
    w: World
    director: ServiceContext   # to load what a form would show, without writing as the acting role
    own2: int                  # a second family on the worker's caseload
    spare: int                 # a third household, on nobody's caseload
    user_id: int               # an office account to manage
    tmp: Path


def _people(ctx: ServiceContext, tmp: Path) -> People:
    w = build(ctx)
    own2 = families.add_family(ctx, household("Second own family", w.room)).family.id
    spare = families.add_family(ctx, household("Spare family", w.room_b)).family.id
    assert own2 is not None and spare is not None
    accounts.assign_family(ctx, own2, w.worker)
    user = accounts.add_user(ctx, "olga", PW, Role.OFFICE)
    assert user.id is not None
    return People(w, ctx, own2, spare, user.id, tmp)


def _loaded(p: People, fid: int) -> r.FamilyDetail:
    """The household as a director's form shows it, read without the audited view (so a refused save that
    follows is seen to write nothing)."""
    with p.director.db.read() as s:
        return detail_record(families.load_family(s, fid), DIRECTOR)


def _listed(c: ServiceContext, fid: int) -> None:
    if fid not in [x.id for x in families.search_families(c)]:
        raise PermissionDenied("That family is not in this account's list.")


def _update(c: ServiceContext, p: People, fid: int) -> None:
    detail = _loaded(p, fid)
    detail.family.best_times = "Mornings"
    families.update_family(c, detail)


def _add_pickup(c: ServiceContext, p: People, fid: int) -> None:
    detail = _loaded(p, fid)
    detail.pickups.append(r.PickupPerson(name="Grandma Rosa"))
    families.update_family(c, detail)


def _sees_pickups(c: ServiceContext, fid: int) -> None:
    assert isinstance(families.get_family(c, fid).pickups, list)


def _write_caregiver(c: ServiceContext, p: People, fid: int) -> None:
    caregiver = _loaded(p, fid).caregivers[0]
    caregiver.email = "ana@example.com"
    members.save_caregiver(c, caregiver)


def _write_child(c: ServiceContext, p: People, fid: int) -> None:
    child = _loaded(p, fid).children[0]
    child.preferred_name = "Leito"
    members.save_child(c, child)


def _backup(c: ServiceContext, p: People) -> None:
    try:
        backups.take_backup(c, p.tmp / "backups", output=p.tmp / f"b-{c.actor.role}.sqlite3")  # type: ignore[union-attr]
    except StorageError:  # PostgreSQL is backed up with pg_dump: allowed, but not famdesk's to do
        if c.db.is_sqlite:
            raise


def _table(p: People) -> dict[str, tuple[Call, str]]:
    w = p.w
    return {
        # Families: read (a whole record), list, write, add, archive.
        "family/read own": (lambda c, _w: families.get_family(c, w.own), "DFTO"),
        "family/read other": (lambda c, _w: families.get_family(c, w.other), "DO"),
        "family/list other": (lambda c, _w: _listed(c, w.other), "DO"),
        "family/list own": (lambda c, _w: _listed(c, w.own), "DFTO"),
        "family/count": (lambda c, _w: families.count_families(c), "DFTO"),
        "family/duplicates": (lambda c, _w: duplicates.find_duplicates(c, household("Own family", w.room)),
                              "DFTO"),
        "family/write own": (lambda c, _w: _update(c, p, w.own), "DF"),
        "family/write other": (lambda c, _w: _update(c, p, w.other), "D"),
        "family/add": (lambda c, _w: families.add_family(c, household("New family", w.room)), "D"),
        "family/bring back own": (lambda c, _w: families.archive_family(c, w.own, False), "DF"),
        "family/archive other": (lambda c, _w: families.archive_family(c, p.spare, False), "D"),
        # Caregivers.
        "caregiver/write own": (lambda c, _w: _write_caregiver(c, p, w.own), "DF"),
        "caregiver/write other": (lambda c, _w: _write_caregiver(c, p, w.other), "D"),
        "caregiver/add own": (lambda c, _w: members.save_caregiver(
            c, r.Caregiver(first_name="Bo", family_id=w.own)), "DF"),
        "caregiver/add other": (lambda c, _w: members.save_caregiver(
            c, r.Caregiver(first_name="Bo", family_id=w.other)), "D"),
        "caregiver/move other into own": (lambda c, _w: members.save_caregiver(
            c, _with_family(_loaded(p, w.other).caregivers[0], w.own)), ""),  # refused for all: see below
        # Children.
        "child/read own": (lambda c, _w: members.get_child(c, w.own_child.id), "DFTO"),  # type: ignore[arg-type]
        "child/read other": (lambda c, _w: members.get_child(c, w.other_child.id), "DO"),  # type: ignore[arg-type]
        "child/list": (lambda c, _w: members.search_children(c), "DFTO"),
        "child/names": (lambda c, _w: members.child_names(c), "DFTO"),
        "child/write own": (lambda c, _w: _write_child(c, p, w.own), "DF"),
        "child/write other": (lambda c, _w: _write_child(c, p, w.other), "D"),
        "child/add own": (lambda c, _w: members.save_child(
            c, r.Child(first_name="Mia", birth_date=dt.date(2023, 3, 3), family_id=w.own)), "DF"),
        "child/add other": (lambda c, _w: members.save_child(
            c, r.Child(first_name="Mia", birth_date=dt.date(2023, 3, 3), family_id=w.other)), "D"),
        # Authorized pickup persons (saved with the household).
        "pickup/read own": (lambda c, _w: _sees_pickups(c, w.own), "DFTO"),
        "pickup/write own": (lambda c, _w: _add_pickup(c, p, w.own), "DF"),
        "pickup/write other": (lambda c, _w: _add_pickup(c, p, w.other), "D"),
        # Classrooms and sites.
        "classroom/read": (lambda c, _w: classrooms.list_classrooms(c), "DFTO"),
        "classroom/names": (lambda c, _w: classrooms.classroom_names(c), "DFTO"),
        "site/read": (lambda c, _w: classrooms.list_sites(c), "DFTO"),
        "classroom/write": (lambda c, _w: classrooms.save_classroom(c, r.Classroom(name="Owls")), "D"),
        "site/add": (lambda c, _w: classrooms.add_site(c, r.Site(name="North site")), "D"),
        # Staff and caseloads.
        "staff/read": (lambda c, _w: staff.list_staff(c), "DFTO"),
        "staff/read one": (lambda c, _w: staff.get_staff(c, w.worker), "DFTO"),
        "staff/write": (lambda c, _w: staff.save_staff(c, r.StaffMember(first_name="Zed")), "D"),
        "staff/caseload": (lambda c, _w: accounts.assign_family(c, w.other, w.worker), "D"),
        # Program settings: directors' to change, everyone's to read.
        "program/read": (lambda c, _w: program.get_program(c), "DFTO"),
        "program/write": (lambda c, _w: program.save_program(c, program.get_program(p.director)), "D"),
        "program/setting read": (lambda c, _w: program.get_setting(c, "contacts.positive_days", 30), "DFTO"),
        "program/setting write": (lambda c, _w: program.set_setting(c, "contacts.positive_days", 45), "D"),
        "program/idle lock read": (lambda c, _w: accounts.idle_lock_minutes(c), "DFTO"),
        "program/idle lock write": (lambda c, _w: accounts.set_idle_lock_minutes(c, 15), "D"),
        "program/retention years": (lambda c, _w: retention.retention_years(c), "DFTO"),
        # User accounts.
        "users/read": (lambda c, _w: accounts.list_users(c), "D"),
        "users/add": (lambda c, _w: accounts.add_user(c, f"new-{c.actor.role}", PW, Role.OFFICE), "D"),  # type: ignore[union-attr]
        "users/reset password": (lambda c, _w: accounts.reset_password(c, p.user_id, "another long password"),
                                 "D"),
        "users/activate": (lambda c, _w: accounts.set_active(c, p.user_id, True), "D"),
        # Legal holds and retention.
        "legal_hold/read": (lambda c, _w: legal_holds.get_hold(c, w.own), "D"),
        "legal_hold/place": (lambda c, _w: legal_holds.place_hold(c, p.own2, "Records request"), "D"),
        "legal_hold/release": (lambda c, _w: legal_holds.release_hold(c, p.own2), "D"),
        "retention/set years": (lambda c, _w: retention.set_retention_years(c, 5), "D"),
        "retention/review": (lambda c, _w: retention.review(c), "D"),
        "retention/apply": (lambda c, _w: retention.apply_retention(c, [], confirmed=True), "D"),
        # The database as a whole.
        "backup/take": (lambda c, _w: _backup(c, p), "D"),
        "backup/folder": (lambda c, _w: backups.backup_folder(c, p.tmp / "backups"), "D"),
        "backup/latest": (lambda c, _w: backups.latest_backup(c, p.tmp / "backups"), "D"),
        "database/info": (lambda c, _w: info.record_counts(c), "D"),
        "database/encrypted": (lambda c, _w: encryption.is_encrypted(c), "D"),
        # The audit log.
        "audit/read": (lambda c, _w: audit.entries(c, limit=5), "D"),
        # Merging: erase and write on both families; last, as it removes a household.
        "merge/own+own": (lambda c, _w: duplicates.merge_families(c, w.own, p.own2), "D"),
        "merge/own+other": (lambda c, _w: duplicates.merge_families(c, w.own, p.spare), "D"),
        "family/erase other": (lambda c, _w: families.erase_family(c, w.other), "D"),
    }


def _with_family(caregiver: r.Caregiver, family_id: int) -> r.Caregiver:
    moved = copy.copy(caregiver)
    moved.family_id = family_id
    return moved


@pytest.mark.parametrize("role", list(Role))
def test_role_table_people_and_program(ctx, tmp_path: Path, role: Role) -> None:  # type: ignore[no-untyped-def]
    p = _people(ctx, tmp_path)
    table = _table(p)
    # Moving another family's caregiver into one's own: scoped roles are refused by the door (the stored
    # row's family is not theirs); a director is told the caregiver is not in that family (not a refusal).
    call, _ = table.pop("caregiver/move other into own")
    if role is not Role.DIRECTOR:
        table["caregiver/move other into own"] = (call, "")
    check_table(ctx, role, table, p.w)


@pytest.mark.parametrize("role", list(Role))
def test_restricted_notes_are_shown_to_directors_only_and_never_lost(ctx, role: Role) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    acting = ctx.as_actor(actor(role, w))
    seen = families.get_family(acting, w.own)
    director = LETTER[role] == "D"
    assert (seen.caregivers[0].custody_notes == "Court order on file.") is director
    assert (seen.children[0].health_notes == "Peanut allergy.") is director
    child = members.get_child(acting, w.own_child.id)  # type: ignore[arg-type]
    assert (child.health_notes == "Peanut allergy.") is director
    if role is Role.FAMILY_SERVICES:  # may save the household: the notes hidden from them stay as stored
        families.update_family(acting, seen)
        members.save_caregiver(acting, _with_notes(seen.caregivers[0], "Forged note."))
    stored = families.get_family(ctx, w.own)
    assert stored.caregivers[0].custody_notes == "Court order on file."
    assert stored.children[0].health_notes == "Peanut allergy."


def _with_notes(caregiver: r.Caregiver, notes: str) -> r.Caregiver:
    changed = copy.copy(caregiver)
    changed.custody_notes = notes
    return changed


def test_opening_a_whole_family_record_is_audited_and_the_list_is_not(ctx) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    worker = ctx.as_actor(actor(Role.FAMILY_SERVICES, w))
    before = snapshot(ctx)["audit_entry"]
    families.search_families(worker)
    families.count_families(worker)
    members.search_children(worker)
    assert snapshot(ctx)["audit_entry"] == before  # arrowing down the list writes nothing
    families.get_family(worker, w.own)
    last = audit.entries(ctx, limit=1)[0]
    assert (last.action, last.kind, last.record_id) == ("read", "family", w.own)
    assert last.actor == "family_services"


@pytest.mark.parametrize("role", list(Role))
def test_a_family_on_legal_hold_is_never_merged_by_anyone(ctx, role: Role) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    legal_holds.place_hold(ctx, w.other, "Court case")
    acting = ctx.as_actor(actor(role, w))
    for keep, gone in ((w.own, w.other), (w.other, w.own)):
        before = snapshot(ctx)
        with pytest.raises((PermissionDenied, ValidationError)) as refused:
            duplicates.merge_families(acting, keep, gone)
        message = str(refused.value)
        assert message.endswith(".") and " " in message
        if role is Role.DIRECTOR:
            assert "legal hold" in message and "nothing was merged" in message
        assert snapshot(ctx) == before


def test_merge_audits_both_families(ctx) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    duplicates.merge_families(ctx, w.own, w.other)
    trail = [(e.action, e.kind, e.record_id) for e in audit.entries(ctx, limit=2)]
    assert set(trail) == {("erase", "family", w.other), ("write", "family", w.own)}


def test_only_the_program_director_adds_a_family_or_merges(ctx) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    worker = ctx.as_actor(actor(Role.FAMILY_SERVICES, w))
    with pytest.raises(PermissionDenied, match="Only the program director can add a new family"):
        families.add_family(worker, household("New", w.room))
    with pytest.raises(PermissionDenied, match="may not erase family records"):
        duplicates.merge_families(worker, w.own, w.own)


@pytest.mark.parametrize("role", list(Role))
def test_own_password_is_ones_own(ctx, role: Role) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    staff_id = actor(role, w).staff_id
    me = accounts.add_user(ctx, "me", PW, role, staff_id)
    other = accounts.add_user(ctx, "someone", PW, Role.OFFICE)
    acting = ctx.as_actor(accounts.login(ctx, "me", PW))
    before = snapshot(ctx)
    with pytest.raises(PermissionDenied, match="not your current password"):
        accounts.change_own_password(acting, "wrong password here", "my new password 1")
    assert snapshot(ctx)["user_account"] != before["user_account"]  # the failed try is counted, nothing else
    accounts.login(ctx, "me", PW)  # the count starts again
    accounts.change_own_password(acting, PW, "my new password 1")
    assert accounts.login(ctx, "me", "my new password 1").user_id == me.id
    entry = audit.entries(ctx, limit=10)
    assert ("write", "preferences", me.id) in [(e.action, e.kind, e.record_id) for e in entry]
    # Someone else's password: directors only (reset_password); verifying it: nobody.
    if role is not Role.DIRECTOR:
        before = snapshot(ctx)
        with pytest.raises(PermissionDenied, match="may not change user accounts"):
            accounts.reset_password(acting, other.id, "taken over password")  # type: ignore[arg-type]
        assert snapshot(ctx) == before
    with pytest.raises(PermissionDenied, match="your own account"):
        accounts.verify_password(acting, other.id, PW)  # type: ignore[arg-type]


def test_first_director_signs_in_and_starts_before_anyone_is_signed_in(opened) -> None:  # type: ignore[no-untyped-def]
    nobody = ServiceContext(opened.ctx.db)
    assert accounts.has_users(nobody) is False
    user = accounts.create_first_director(nobody, "boss", PW)
    with pytest.raises(PermissionDenied, match="already has accounts"):
        accounts.create_first_director(nobody, "mallory", PW)
    signed_in = accounts.login(nobody, "boss", PW)
    assert signed_in.user_id == user.id and accounts.has_users(nobody) is True
    for refused in (lambda: accounts.add_user(nobody, "x", PW, Role.DIRECTOR),
                    lambda: accounts.reset_password(nobody, user.id, "taken over password"),  # type: ignore[arg-type]
                    lambda: accounts.list_users(nobody)):
        with pytest.raises(PermissionDenied, match="signed in"):
            refused()
    trail = audit.entries(opened.ctx.as_actor(signed_in), limit=10)
    assert [(e.action, e.kind, e.record_id, e.user_id) for e in reversed(trail)] == \
        [("write", "users", user.id, user.id), ("login", "users", user.id, user.id)]


def test_every_write_here_is_declared_and_audited_with_its_kind() -> None:
    """The declarations these tests rely on, read back from the door."""
    declared = {fn: door.declaration_of(fn) for fn in (
        families.get_family, families.update_family, duplicates.merge_families, program.set_setting,
        accounts.change_own_password, accounts.login, accounts.create_first_director)}
    got = {fn.__name__: (d.kind, d.action, d.audited, d.anonymous) for fn, d in declared.items()}  # type: ignore[union-attr]
    assert got == {
        "get_family": (Kind.FAMILY, Action.READ, True, False),
        "update_family": (Kind.FAMILY, Action.WRITE, True, False),
        "merge_families": (Kind.FAMILY, Action.ERASE, True, False),
        "set_setting": (Kind.PROGRAM, Action.WRITE, True, False),
        "change_own_password": (Kind.PREFERENCES, Action.WRITE, True, False),
        "login": (Kind.PREFERENCES, Action.READ, False, True),
        "create_first_director": (Kind.USERS, Action.WRITE, True, True),
    }


def test_a_signed_in_role_without_the_right_is_refused_even_where_anonymous_is_allowed(ctx) -> None:  # type: ignore[no-untyped-def]
    office = ctx.as_actor(Actor(Role.OFFICE))
    with pytest.raises(PermissionDenied, match="may not change user accounts"):
        accounts.create_first_director(office, "x", PW)


def test_merging_two_families_of_one_caseload_keeps_the_caseload(ctx) -> None:  # type: ignore[no-untyped-def]
    w = build(ctx)
    second = families.add_family(ctx, household("Second own family", w.room)).family.id
    assert second is not None
    accounts.assign_family(ctx, second, w.worker)
    duplicates.merge_families(ctx, w.own, second)  # both on the worker's caseload: one link stays
    worker = ctx.as_actor(actor(Role.FAMILY_SERVICES, w))
    assert [x.id for x in families.search_families(worker)] == [w.own]
