"""Stale edits are never silent (SQLite, and PostgreSQL when FAMDESK_TEST_POSTGRES_URL is set).

Two members of staff open the same record; the one who saves second from a form opened before the
first save is refused with a sentence saying who changed it and when, nothing of the first save is lost,
and no row the second never saw (a child added meanwhile) is deleted. The second member of staff is
also a real second OS process (``stale_worker.py``), and 100 randomized interleavings of two actors
lose nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from famdesk.db import models as m
from famdesk.db.session import Database
from famdesk.domain import observations as o
from famdesk.domain import partnership as p
from famdesk.domain import records as r
from famdesk.domain.enums import StaffRole
from famdesk.domain.errors import StaleEditError
from famdesk.domain.incidents import Incident
from famdesk.domain.roles import Actor, Role
from famdesk.domain.visits import Visit
from famdesk.services import (
    contacts,
    events,
    families,
    goals,
    handouts,
    incidents,
    members,
    observations,
    program,
    staff,
    versions,
    visits,
)
from famdesk.services.context import ServiceContext

WORKER = Path(__file__).with_name("stale_worker.py")
OFFICE_DIRECTOR = Actor(Role.DIRECTOR, user_id=5, label="second director")
NOW = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=1)


@dataclasses.dataclass
class Records:
    family: int
    visit: int
    contact: int
    observation: int
    staff: int
    child: int


@pytest.fixture
def records(ctx: ServiceContext) -> Records:
    person = staff.save_staff(ctx, r.StaffMember("Rosa", "Gutiérrez", StaffRole.HOME_VISITOR))
    fam = families.add_family(ctx, r.FamilyDetail(
        r.Family(name="Trần family", address_line1="12 Elm Street", city="Boston", region="MA"),
        caregivers=[r.Caregiver(first_name="Hoa", last_name="Trần", mobile_phone="(617) 555-0100")],
        children=[r.Child(first_name="Đức", last_name="Trần", birth_date=dt.date(2022, 3, 1))],
    ))
    assert fam.family.id is not None and person.id is not None
    visit = visits.save_visit(ctx, Visit(family_id=fam.family.id, staff_ids=[person.id],
                                         starts_at=NOW + dt.timedelta(days=3, hours=1),
                                         ends_at=NOW + dt.timedelta(days=3, hours=2), purpose="Goals"),
                              accept_conflicts=True)
    contact = contacts.add_contact(ctx, p.Contact(family_id=fam.family.id, occurred_at=NOW, summary="Called"))
    note = observations.add_observation(ctx, o.Observation(text="Counted to 12",
                                                           child_ids=[fam.children[0].id], observed_at=NOW))
    ids = (fam.family.id, visit.id, contact.id, note.id, person.id, fam.children[0].id)
    return Records(*ids)  # type: ignore[arg-type]


def other(ctx: ServiceContext) -> ServiceContext:
    """A second member of staff, on a connection of their own."""
    return ctx.as_actor(OFFICE_DIRECTOR)


def count_children(ctx: ServiceContext, family_id: int) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(m.Child).where(m.Child.family_id == family_id)))


# --- the two stories of the issue -----------------------------------------------------------------

def test_phone_change_survives_a_stale_address_save(ctx, records) -> None:  # type: ignore[no-untyped-def]
    stale = families.get_family(ctx, records.family)  # the second person's form, opened first
    theirs = families.get_family(other(ctx), records.family)
    theirs.caregivers[0].mobile_phone = "(617) 555-0199"
    families.update_family(other(ctx), theirs)
    stale.family.address_line1 = "40 Oak Street"
    with pytest.raises(StaleEditError) as err:
        families.update_family(ctx, stale)
    message = str(err.value)
    assert "Someone else (director) changed this family at" in message
    assert "Nothing was saved; reload" in message and "what you typed is kept" in message
    assert err.value.changed_by == "director#5" and err.value.changed_at is not None
    now = families.get_family(ctx, records.family)
    assert now.caregivers[0].mobile_phone == "+16175550199"
    assert now.family.address_line1 == "12 Elm Street"


def test_child_added_by_the_other_user_survives_a_stale_notes_save(ctx, records) -> None:  # type: ignore[no-untyped-def]
    stale = families.get_family(ctx, records.family)
    theirs = families.get_family(other(ctx), records.family)
    theirs.children.append(r.Child(first_name="Lina", last_name="Trần"))
    families.update_family(other(ctx), theirs)
    stale.family.notes = "Prefers texts"
    with pytest.raises(StaleEditError):
        families.update_family(ctx, stale)
    assert [c.first_name for c in families.get_family(ctx, records.family).children] == ["Đức", "Lina"]


def test_a_child_saved_on_its_own_makes_the_family_form_stale(ctx, records) -> None:  # type: ignore[no-untyped-def]
    stale = families.get_family(ctx, records.family)
    members.save_child(other(ctx), r.Child(first_name="Sam", last_name="Trần", family_id=records.family))
    stale.family.notes = "x"
    with pytest.raises(StaleEditError):
        families.update_family(ctx, stale)
    assert count_children(ctx, records.family) == 2


def test_a_fresh_form_saves_and_the_next_save_from_its_result_too(ctx, records) -> None:  # type: ignore[no-untyped-def]
    form = families.get_family(ctx, records.family)
    first = form.family.version
    saved = families.update_family(ctx, dataclasses.replace(form))
    assert saved.family.version == first + 1 and saved.family.updated_by == "director"
    saved.family.notes = "again"
    assert families.update_family(ctx, saved).family.version == first + 2


@pytest.mark.parametrize("kind", ["visit", "contact", "observation", "goal", "event", "incident", "handout",
                                  "program", "setting"])
def test_stale_saves_of_every_kind_are_refused(ctx, records, kind) -> None:  # type: ignore[no-untyped-def]
    get, save, change, kept = _kinds(ctx, records)[kind]
    stale = get(ctx)
    theirs = get(other(ctx))
    change(theirs, "theirs")
    save(other(ctx), theirs)
    change(stale, "mine")
    with pytest.raises(StaleEditError, match="after you opened") as err:
        save(ctx, stale)
    assert "Someone else (director)" in str(err.value)
    assert kept(get(ctx)) == "theirs"
    fresh = get(ctx)
    change(fresh, "mine again")
    save(ctx, fresh)  # reloaded: saves
    assert kept(get(ctx)) == "mine again"


def _kinds(ctx: ServiceContext, rec: Records) -> dict[str, tuple[Any, Any, Any, Any]]:
    goal = goals.add_goal(ctx, p.Goal(family_id=rec.family, goal_text="Read every night"))
    event = events.add_event(ctx, p.Event(title="Story night", starts_at=NOW + dt.timedelta(days=5),
                                          ends_at=NOW + dt.timedelta(days=5, hours=1)))
    incident = incidents.add_incident(ctx, Incident(child_id=rec.child, occurred_at=NOW, behavior="Bit",
                                                    response="Talked"))
    handout = handouts.create_handout(ctx, handouts.HandoutVersion("en", "Sleep", "Sleep well."))
    key = "test.stale"
    program.set_setting(ctx, key, "start")

    def setting_get(c: ServiceContext) -> list[Any]:
        return [program.get_setting(c, key), program.setting_version(c, key)]

    def setting_save(c: ServiceContext, form: list[Any]) -> None:
        program.set_setting(c, key, form[0], version=form[1])

    def handout_save(c: ServiceContext, h: Any) -> None:
        handouts.save_version(c, h.key, h.versions["en"], seen=h.version)

    def set_body(h: Any, v: str) -> None:
        h.versions["en"].body = v

    def set_first(form: list[Any], v: str) -> None:
        form[0] = v

    return {
        "visit": (lambda c: visits.get_visit(c, rec.visit),
                  lambda c, v: visits.save_visit(c, v, accept_conflicts=True),
                  lambda v, x: setattr(v, "purpose", x), lambda v: v.purpose),
        "contact": (lambda c: contacts.get_contact(c, rec.contact), contacts.update_contact,
                    lambda v, x: setattr(v, "summary", x), lambda v: v.summary),
        "observation": (lambda c: observations.get_observation(c, rec.observation),
                        observations.edit_observation, lambda v, x: setattr(v, "text", x), lambda v: v.text),
        "goal": (lambda c: goals.get_goal(c, goal.id), goals.update_goal,
                 lambda v, x: setattr(v, "goal_text", x), lambda v: v.goal_text),
        "event": (lambda c: events.get_event(c, event.id), events.update_event,
                  lambda v, x: setattr(v, "place", x), lambda v: v.place),
        "incident": (lambda c: incidents.get_incident(c, incident.id), incidents.update_incident,
                     lambda v, x: setattr(v, "location", x), lambda v: v.location),
        "handout": (lambda c: handouts.get_handout(c, handout.key), handout_save, set_body,
                    lambda h: h.versions["en"].body),
        "program": (program.get_program, program.save_program, lambda v, x: setattr(v, "address", x),
                    lambda v: v.address),
        "setting": (setting_get, setting_save, set_first, lambda form: form[0]),
    }


def test_cancelling_a_visit_makes_an_open_visit_form_stale(ctx, records) -> None:  # type: ignore[no-untyped-def]
    from famdesk.domain.visits import VisitStatus

    form = visits.get_visit(ctx, records.visit)
    visits.cancel_visit(other(ctx), records.visit, VisitStatus.FAMILY_CANCELLED)
    form.purpose = "Changed"
    with pytest.raises(StaleEditError):
        visits.save_visit(ctx, form, accept_conflicts=True)
    assert visits.get_visit(ctx, records.visit).status is VisitStatus.FAMILY_CANCELLED


def test_the_same_account_in_another_window_is_told_so(ctx, records) -> None:  # type: ignore[no-untyped-def]
    me = ctx.as_actor(Actor(Role.DIRECTOR, user_id=9, label="me"))
    stale = contacts.get_contact(me, records.contact)
    fresh = contacts.get_contact(me, records.contact)
    fresh.summary = "First window"
    contacts.update_contact(me, fresh)
    stale.summary = "Second window"
    with pytest.raises(StaleEditError, match="You \\(in another window\\) changed this contact"):
        contacts.update_contact(me, stale)


def test_merge_edits_keeps_what_was_typed_and_what_they_added() -> None:
    original = r.FamilyDetail(r.Family(name="A", notes="", city="Boston", id=1, version=1),
                              caregivers=[r.Caregiver(first_name="Hoa", mobile_phone="1", id=10)],
                              children=[r.Child(first_name="Đức", id=20), r.Child(first_name="Old", id=21)])
    mine = dataclasses.replace(original, family=dataclasses.replace(original.family, notes="typed"),
                               caregivers=[dataclasses.replace(original.caregivers[0])],
                               children=[original.children[0], r.Child(first_name="New")])
    theirs = dataclasses.replace(original,
                                 family=dataclasses.replace(original.family, city="Quincy", version=2),
                                 caregivers=[dataclasses.replace(original.caregivers[0], mobile_phone="2")],
                                 children=[*original.children, r.Child(first_name="Lina", id=22)])
    merged = versions.merge_edits(original, mine, theirs)
    assert (merged.family.notes, merged.family.city, merged.family.version) == ("typed", "Quincy", 2)
    assert merged.caregivers[0].mobile_phone == "2"
    assert [c.first_name for c in merged.children] == ["Đức", "Lina", "New"]  # "Old" removed by me


# --- a second OS process --------------------------------------------------------------------------

class Worker:
    """The stale_worker process: the other member of staff, on another "PC"."""

    def __init__(self, ctx: ServiceContext) -> None:
        url = ctx.db.engine.url.render_as_string(hide_password=False)
        self.proc = subprocess.Popen([sys.executable, str(WORKER), url], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        assert self._read() == {"ready": True}

    def _read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, "the worker process stopped"
        return json.loads(line)

    def __call__(self, op: str, **kw: Any) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"op": op, **kw}) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"op": "quit"}) + "\n")
        self.proc.stdin.close()
        self.proc.wait()


@pytest.fixture
def worker(ctx: ServiceContext):  # type: ignore[no-untyped-def]
    w = Worker(ctx)
    yield w
    w.close()


def test_another_process_saving_first_refuses_our_stale_family(ctx, records, worker) -> None:  # type: ignore[no-untyped-def]
    stale = families.get_family(ctx, records.family)
    worker("load", kind="family", id=records.family)
    worker("set", path="caregivers.0.mobile_phone", value="(617) 555-0142")
    worker("add_child", first_name="Lina")
    assert worker("save")["saved"]
    stale.family.address_line1 = "40 Oak Street"
    with pytest.raises(StaleEditError):
        families.update_family(ctx, stale)
    now = families.get_family(ctx, records.family)
    assert now.caregivers[0].mobile_phone == "+16175550142"
    assert [c.first_name for c in now.children] == ["Đức", "Lina"]
    assert now.family.address_line1 == "12 Elm Street"


@pytest.mark.parametrize(("kind", "path", "attr"), [("visit", "purpose", "id"), ("contact", "summary", "id"),
                                                     ("observation", "text", "id")])
def test_our_save_first_refuses_the_other_process_stale_copy(ctx, records, worker, kind, path, attr) -> None:  # type: ignore[no-untyped-def]
    record_id = getattr(records, kind)
    get, save = {"visit": (visits.get_visit, lambda c, v: visits.save_visit(c, v, accept_conflicts=True)),
                 "contact": (contacts.get_contact, contacts.update_contact),
                 "observation": (observations.get_observation, observations.edit_observation)}[kind]
    worker("load", kind=kind, id=record_id)  # their form is open…
    mine = get(ctx, record_id)
    setattr(mine, path, "ours")
    save(ctx, mine)  # …we save first
    worker("set", path=path, value="theirs")
    answer = worker("save")
    assert answer.get("stale") and "after you opened it" in answer["message"]
    assert getattr(get(ctx, record_id), path) == "ours"


def test_two_saves_from_one_version_cannot_both_pass(ctx, records, worker, backend) -> None:  # type: ignore[no-untyped-def]
    """Our save holds the row (inside its transaction, after the compare-and-set) while the other process
    saves from the same version; when ours commits, theirs is refused. On PostgreSQL the other UPDATE waits
    on the row lock and then finds the version moved; on SQLite its BEGIN IMMEDIATE waits for ours."""
    worker("load", kind="contact", id=records.contact)
    form = contacts.get_contact(ctx, records.contact)
    worker("set", path="summary", value="theirs")
    assert worker.proc.stdin is not None
    with ctx.db.transaction() as s:
        row = s.get(m.Contact, records.contact)
        versions.check_and_bump(s, row, form.version, ctx.actor)
        row.summary = "ours"
        worker.proc.stdin.write(json.dumps({"op": "save"}) + "\n")
        worker.proc.stdin.flush()  # their save starts now and has to wait for our commit
    answer = worker._read()
    assert answer.get("stale"), answer
    assert contacts.get_contact(ctx, records.contact).summary == "ours"


# --- 100 randomized interleavings of two actors, one of them in another process ----------------------

# kind -> (our field, their field, value maker)
FIELDS = {"family": ("family.notes", "family.address_line1"), "visit": ("purpose", "interpreter_name"),
          "contact": ("summary", "language"), "observation": ("text", "context")}


def _field(record: Any, path: str) -> Any:
    for part in path.split("."):
        record = getattr(record, part)
    return record


def test_100_random_interleavings_lose_nothing(ctx, records, worker) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(13)
    getters = {"family": families.get_family, "visit": visits.get_visit, "contact": contacts.get_contact,
               "observation": observations.get_observation}
    savers = {"family": families.update_family,
              "visit": lambda c, v: visits.save_visit(c, v, accept_conflicts=True),
              "contact": contacts.update_contact, "observation": observations.edit_observation}
    languages = ["es", "vi", "ar", "zh", "so", "ht", "pt", "fr"]
    silent_losses, refused_wrongly, accepted, refused = 0, 0, 0, 0
    for i in range(100):
        kind = list(FIELDS)[i % 4]
        record_id = getattr(records, kind)
        ours_path, theirs_path = FIELDS[kind]
        our_value = f"ours {i}"
        their_value = languages[i % len(languages)] if kind == "contact" else f"theirs {i}"
        add_child = kind == "family" and rng.random() < 0.5
        steps = ["A"] * 3 + ["B"] * 3
        rng.shuffle(steps)
        stored = {"version": _version(getters[kind](ctx, record_id))}  # bumped by every accepted save
        loaded: dict[str, int] = {}
        form: Any = None
        done = {"A": 0, "B": 0}
        outcome: dict[str, bool] = {}
        for who in steps:
            step = done[who]
            done[who] += 1
            if who == "A":
                if step == 0:
                    form = getters[kind](ctx, record_id)
                    loaded["A"] = _version(form)
                elif step == 1:
                    _set_path(form, ours_path, our_value)
                else:
                    try:
                        saved = savers[kind](ctx, form)
                        outcome["A"] = True
                        stored["version"] = _version(saved)
                    except StaleEditError:
                        outcome["A"] = False
                    # accepted exactly when nobody saved between our load and our save
                    refused_wrongly += outcome["A"] != (loaded["A"] == stored["version"] - outcome["A"])
            else:
                if step == 0:
                    loaded["B"] = worker("load", kind=kind, id=record_id)["version"]
                elif step == 1:
                    worker("set", path=theirs_path, value=their_value)
                    if add_child:
                        worker("add_child", first_name=f"Kid {i}")
                else:
                    answer = worker("save")
                    outcome["B"] = bool(answer.get("saved"))
                    if outcome["B"]:
                        stored["version"] = answer["version"]
                    # accepted exactly when nobody saved between their load and their save
                    refused_wrongly += outcome["B"] != (loaded["B"] == stored["version"] - outcome["B"])
        after = getters[kind](ctx, record_id)
        if outcome["A"] and _field(after, ours_path) != our_value:
            silent_losses += 1
        if outcome["B"] and _field(after, theirs_path) != their_value:
            silent_losses += 1
        if outcome["B"] and add_child and f"Kid {i}" not in [c.first_name for c in after.children]:
            silent_losses += 1
        accepted += outcome["A"] + outcome["B"]
        refused += (not outcome["A"]) + (not outcome["B"])
    assert silent_losses == 0 and refused_wrongly == 0
    assert accepted >= 100 and refused > 10  # both outcomes were exercised


def _version(record: Any) -> int:
    return record.family.version if isinstance(record, r.FamilyDetail) else record.version


def _set_path(record: Any, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        record = getattr(record, part)
    setattr(record, last, value)


def test_stale_worker_uses_its_own_connection(ctx) -> None:  # type: ignore[no-untyped-def]
    """The worker opens the URL the tests' database has (a file for SQLite, a schema for PostgreSQL)."""
    url = ctx.db.engine.url.render_as_string(hide_password=False)
    db = Database.open(url)
    try:
        with db.read() as s:
            assert s.scalar(select(func.count()).select_from(m.Family)) is not None
    finally:
        db.dispose()
