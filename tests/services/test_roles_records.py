"""Every role against the record areas: observation notes and photos, take-home notes, handouts and the
welcome packet, frameworks, imports, exports, incidents, the demo.

Each allowed cell succeeds; each refused one raises PermissionDenied with a sentence and writes nothing
at all (``roles_world.check_table``). Runs on SQLite and (with FAMDESK_TEST_POSTGRES_URL) PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from famdesk.domain import observations as o
from famdesk.domain.errors import PermissionDenied
from famdesk.domain.handouts import HandoutVersion
from famdesk.domain.incidents import Incident
from famdesk.domain.roles import Role
from famdesk.services import (
    audit,
    exports,
    frameworks,
    handouts,
    imports,
    incidents,
    observation_index,
    packets,
    take_home,
    worksheets,
)
from famdesk.services import observation_search as search
from famdesk.services import observations as obs
from famdesk.services.context import ServiceContext
from tests.services import roles_world
from tests.services.roles_world import World

WHEN = (dt.datetime.now() - dt.timedelta(days=1)).replace(microsecond=0)
SINCE = WHEN.date() - dt.timedelta(days=7)
PHOTO = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
ROSTER = b"Child First Name,Child Last Name,Caregiver 1 Name\nAna,Ruiz,Luz Ruiz\n"


def _note(w: World, child: int, text: str, author: int | None = None, **kw: Any) -> o.Observation:
    return o.Observation(text=text, child_ids=[child], observed_at=WHEN, author_id=author,
                         shareable_with_family=True, **kw)


def _setup(ctx: ServiceContext, w: World) -> dict[str, Any]:
    """As the director: notes (some by the teacher) about each family's child, a handout, an incident."""
    frameworks.active_framework(ctx)  # the built-in framework is loaded before anyone is tried
    own, other = w.own_child.id, w.other_child.id
    assert own is not None and other is not None
    notes = {
        "own": obs.add_observation(ctx, _note(w, own, "Stacked the zorblat blocks.", w.teacher)).id,
        "own_delete": obs.add_observation(ctx, _note(w, own, "Poured zorblat water.", w.teacher)).id,
        "own_photo": obs.add_observation(ctx, _note(w, own, "Painted a zorblat sun.", w.teacher,
                                                    photo=PHOTO)).id,
        "other": obs.add_observation(ctx, _note(w, other, "Sang the zorblat song.")).id,
        "other_delete": obs.add_observation(ctx, _note(w, other, "Climbed the zorblat ladder.")).id,
        "other_photo": obs.add_observation(ctx, _note(w, other, "Drew a zorblat cat.", photo=PHOTO)).id,
    }
    handout = handouts.create_handout(ctx, HandoutVersion("en", "Rain days", "Bring boots.")).key
    incident = incidents.add_incident(ctx, Incident(child_id=own, occurred_at=WHEN - dt.timedelta(hours=1),
                                                    behavior="Threw a shoe.", response="Calm corner.")).id
    return {"ctx": ctx, "notes": notes, "handout": handout, "incident": incident}


def _refused(what: str) -> PermissionDenied:
    return PermissionDenied(f"{what} was not there for this account.")


def _sees(c: ServiceContext, rows: list[o.ObservationRow], note_id: int) -> None:
    if note_id not in [x.id for x in rows]:
        raise _refused("The note")


def _walk(c: ServiceContext, text: str) -> list[o.ObservationRow]:
    """Every page of one at a time (``before`` = the last note shown)."""
    out: list[o.ObservationRow] = []
    flt = o.ObservationFilter(text=text, limit=1)
    while True:
        page = search.list_observations(c, flt)
        if not page:
            return out
        out += page
        flt = o.ObservationFilter(text=text, limit=1, before=(page[-1].observed_at, page[-1].id))


def _edit(full: ServiceContext, c: ServiceContext, note_id: int) -> None:
    note = obs.get_observation(full, note_id)  # as the form would hold it
    note.text += " Then again."
    obs.edit_observation(c, note)


def _photo(c: ServiceContext, note_id: int) -> None:
    if obs.get_observation(c, note_id).photo != PHOTO:
        raise _refused("The photo")


def _add(c: ServiceContext, child: int | None, photo: bytes | None = None) -> None:
    assert child is not None
    obs.add_observation(c, o.Observation(text="Zipped the zorblat coat.", child_ids=[child], observed_at=WHEN,
                                         photo=photo))


def _take_home(c: ServiceContext, child: int | None) -> None:
    result = take_home.print_take_home_notes(c, since=SINCE, child_id=child)
    assert result.pdf.startswith(b"%PDF")


def table(s: dict[str, Any]) -> dict[str, tuple[roles_world.Call, str]]:
    full, n = s["ctx"], s["notes"]
    fw_file = frameworks.BUILTIN_FRAMEWORK
    return {
        # observation notes: a child of the own family (caseload, teacher's classroom) and of the other
        "note/add own": (lambda c, w: _add(c, w.own_child.id), "DFT"),
        "note/add other": (lambda c, w: _add(c, w.other_child.id), "D"),
        "note/add both": (lambda c, w: obs.add_observation(c, o.Observation(
            text="Played zorblat tag.", child_ids=[w.own_child.id, w.other_child.id], observed_at=WHEN)),
            "D"),
        "note/read own": (lambda c, w: obs.get_observation(c, n["own"]), "DFT"),
        "note/read other": (lambda c, w: obs.get_observation(c, n["other"]), "D"),
        "note/edit own": (lambda c, w: _edit(full, c, n["own"]), "DFT"),
        "note/edit other": (lambda c, w: _edit(full, c, n["other"]), "D"),
        "note/list own": (lambda c, w: _sees(c, search.list_observations(c), n["own"]), "DFT"),
        "note/list other": (lambda c, w: _sees(c, search.list_observations(c), n["other"]), "D"),
        "note/search own": (lambda c, w: _sees(c, search.search_observations(c, "zorbl"), n["own"]), "DFT"),
        "note/search other": (lambda c, w: _sees(c, search.search_observations(c, "zorbl"), n["other"]), "D"),
        "note/search pages other": (lambda c, w: _sees(c, _walk(c, "zorblat"), n["other"]), "D"),
        "note/timeline own": (lambda c, w: search.child_timeline(c, w.own_child.id), "DFT"),
        "note/timeline other": (lambda c, w: search.child_timeline(c, w.other_child.id), "D"),
        "note/classroom other": (
            lambda c, w: _sees(c, search.classroom_observations(c, w.room_b), n["other"]), "D"),
        "note/coverage": (lambda c, w: search.coverage_gaps(c), "DFT"),
        "note/delete own": (lambda c, w: obs.delete_observation(c, n["own_delete"]), "DFT"),
        "note/delete other": (lambda c, w: obs.delete_observation(c, n["other_delete"]), "D"),
        # photos
        "photo/add own": (lambda c, w: _add(c, w.own_child.id, PHOTO), "DFT"),
        "photo/add other": (lambda c, w: _add(c, w.other_child.id, PHOTO), "D"),
        "photo/read own": (lambda c, w: _photo(c, n["own_photo"]), "DFT"),
        "photo/read other": (lambda c, w: _photo(c, n["other_photo"]), "D"),
        # take-home notes (a print, audited)
        "take-home/print own": (lambda c, w: _take_home(c, w.own_child.id), "DFT"),
        "take-home/print other": (lambda c, w: _take_home(c, w.other_child.id), "D"),
        # handouts and the welcome packet: written by directors, read and printed by all
        "handout/list": (lambda c, w: handouts.handout_status(c), "DFTO"),
        "handout/add": (lambda c, w: handouts.create_handout(c, HandoutVersion("en", "Snow", "Hats.")), "D"),
        "handout/edit": (lambda c, w: handouts.save_version(
            c, s["handout"], HandoutVersion("es", "Lluvia", "Botas.")), "D"),
        "handout/review": (lambda c, w: handouts.set_review(c, s["handout"], "en", True, "Ana"), "D"),
        "handout/print": (lambda c, w: packets.print_handout(c, "welcome_letter", "en"), "DFTO"),
        "handout/worksheet print": (lambda c, w: worksheets.export_pdf(c, s["handout"], ["fr"]), "DFTO"),
        "handout/worksheet export": (lambda c, w: worksheets.export_xlsx(c, s["handout"], ["fr"]), "D"),
        "packet/contents read": (lambda c, w: handouts.packet_handouts(c), "DFTO"),
        "packet/contents edit": (lambda c, w: handouts.set_packet_handouts(c, ["welcome_letter"]), "D"),
        "packet/event weeks edit": (lambda c, w: packets.set_packet_event_weeks(c, 6), "D"),
        "packet/english copy own": (lambda c, w: handouts.set_english_copy(c, w.own, True), "DF"),
        "packet/english copy other": (lambda c, w: handouts.set_english_copy(c, w.other, True), "D"),
        "packet/print own": (lambda c, w: packets.print_welcome_packets(c, [w.own]), "DFTO"),
        "packet/print other": (lambda c, w: packets.print_welcome_packets(c, [w.other]), "DO"),
        "packet/choose other": (lambda c, w: packets.choose_families(c, family_id=w.other), "DO"),
        "directory/print": (lambda c, w: exports.school_directory_pdf(c, "en"), "DFTO"),
        # frameworks: read by all, written by directors
        "framework/read": (lambda c, w: frameworks.list_frameworks(c), "DFTO"),
        "framework/activate": (lambda c, w: frameworks.set_active_framework(c, frameworks.BUILTIN_KEY), "D"),
        "framework/load": (lambda c, w: frameworks.load_framework(c, fw_file), "D"),
        # imports, exports, incidents, the database as a whole: directors
        "import/mappings": (lambda c, w: imports.mapping_names(c), "D"),
        "import/dry run": (lambda c, w: imports.preview_roster(c, "r.csv", data=ROSTER), "D"),
        "import/import": (lambda c, w: imports.import_roster(c, "r.csv", data=ROSTER), "D"),
        "export/csv": (lambda c, w: exports.families_csv(c), "D"),
        "export/xlsx": (lambda c, w: exports.families_xlsx(c), "D"),
        "export/vcard": (lambda c, w: exports.caregivers_vcf(c), "D"),
        "export/family json": (lambda c, w: exports.family_record_json(c, w.own), "D"),
        "incident/read": (lambda c, w: incidents.get_incident(c, s["incident"]), "D"),
        "incident/list": (lambda c, w: incidents.list_incidents(c), "D"),
        "incident/add": (lambda c, w: incidents.add_incident(c, Incident(
            child_id=w.own_child.id, occurred_at=WHEN, behavior="Bit.", response="Ice.")), "D"),
        "database/reindex notes": (lambda c, w: observation_index.rebuild(c), "D"),
    }


@pytest.mark.parametrize("role", list(Role))
def test_role_table_records(ctx, role: Role) -> None:  # type: ignore[no-untyped-def]
    world = roles_world.build(ctx)
    roles_world.check_table(ctx, role, table(_setup(ctx, world)), world)


def test_demo_creation_is_a_directors_database_write(ctx) -> None:  # type: ignore[no-untyped-def]
    from famdesk.services import demo

    world = roles_world.build(ctx)
    cells = {"database/demo": (lambda c, w: demo.create_demo(c, families=2), "D")}
    for role in (Role.OFFICE, Role.TEACHER, Role.FAMILY_SERVICES, Role.DIRECTOR):
        roles_world.check_table(ctx, role, cells, world)
    last = audit.entries(ctx, limit=1)[0]
    assert (last.action, last.kind) == ("write", "database")


def test_a_home_visitor_changes_no_note_outside_the_caseload(ctx) -> None:  # type: ignore[no-untyped-def]
    w = roles_world.build(ctx)
    both = obs.add_observation(ctx, o.Observation(text="Zorblat tag together.", observed_at=WHEN,
                                                  child_ids=[w.own_child.id, w.other_child.id]))
    worker = ctx.as_actor(roles_world.actor(Role.FAMILY_SERVICES, w))
    assert obs.get_observation(worker, both.id).id == both.id  # about one of theirs: they may read it
    with pytest.raises(PermissionDenied, match="not in one of your families"):
        obs.delete_observation(worker, both.id)
    note = obs.get_observation(ctx, both.id)
    note.child_ids = [w.own_child.id]  # nor take the other child off it
    with pytest.raises(PermissionDenied):
        obs.edit_observation(worker, note)
    assert obs.get_observation(ctx, both.id).child_ids == both.child_ids


@pytest.mark.parametrize("threshold", [search.SMALL_SCOPE, 0])
def test_a_home_visitor_walks_only_the_caseloads_notes(  # type: ignore[no-untyped-def]
        ctx, monkeypatch, threshold) -> None:
    """Both ways of narrowing (a listed scope, a check per note), the index walk and LIKE, every page."""
    monkeypatch.setattr(search, "SMALL_SCOPE", threshold)
    w = roles_world.build(ctx)
    mine, theirs = [], []
    texts = ["Built a zorblat tower.", "她用积木搭了一座桥。", "Zorblat puzzle done."]
    for i, text in enumerate(texts):
        when = WHEN - dt.timedelta(hours=i)
        mine.append(obs.add_observation(ctx, o.Observation(text=text, child_ids=[w.own_child.id],
                                                           observed_at=when)).id)
        theirs.append(obs.add_observation(ctx, o.Observation(text=text, child_ids=[w.other_child.id],
                                                             observed_at=when)).id)
    worker = ctx.as_actor(roles_world.actor(Role.FAMILY_SERVICES, w))
    for text in ("zorbl", "积木", ""):
        assert set(x.id for x in _walk(worker, text)) <= set(mine)
        assert set(x.id for x in _walk(ctx, text)) & set(theirs)
    assert [x.id for x in _walk(worker, "")] == mine
    got = search.classroom_observations(worker, w.room_b)  # a classroom: narrowed to their children
    assert got == []
    gaps = search.coverage_gaps(worker, today=WHEN.date())
    assert {g.child_id for g in gaps} == {w.own_child.id}
    batch = take_home.take_home_batch(worker, since=SINCE, all_children=True)
    assert batch.families == ()  # nothing was marked shareable


def test_prints_and_exports_are_recorded_with_ids_only(ctx) -> None:  # type: ignore[no-untyped-def]
    w = roles_world.build(ctx)
    s = _setup(ctx, w)
    _take_home(ctx, w.own_child.id)
    packets.print_welcome_packets(ctx, [w.own])
    exports.school_directory_pdf(ctx, "en")
    exports.families_csv(ctx)
    data = json.loads(exports.family_record_json(ctx, w.own))
    assert [x["id"] for x in data["incidents"]] == [s["incident"]]
    trail = [(e.action, e.kind, e.record_id) for e in reversed(audit.entries(ctx, limit=12))
             if e.action != "read"]
    trail = trail[-6:]  # (a nested read of a family may add its own entry until that read is a declared one)
    assert trail == [("print", "observation", None), ("print", "packet", None), ("print", "family", None),
                     ("export", "family", None), ("export", "incident", None), ("export", "family", w.own)]
    names = ("Own family", "Leo", "Ana", "zorblat")
    assert not any(name.lower() in e.detail.lower() for e in audit.entries(ctx, limit=50) for name in names)


def test_note_changes_are_audited_in_their_own_transaction(ctx) -> None:  # type: ignore[no-untyped-def]
    w = roles_world.build(ctx)
    teacher = ctx.as_actor(roles_world.actor(Role.TEACHER, w))
    added = obs.add_observation(teacher, _note(w, w.own_child.id, "Zipped the zorblat coat."))
    obs.edit_observation(teacher, added)
    obs.delete_observation(teacher, added.id)
    trail = [(e.action, e.kind, e.record_id, e.actor) for e in reversed(audit.entries(ctx, limit=3))]
    assert trail == [("write", "observation", added.id, "teacher")] * 2 + [("erase", "observation", added.id,
                                                                            "teacher")]
