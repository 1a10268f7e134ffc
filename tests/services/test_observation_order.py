"""Search walks the index newest first: order, paging, scopes and folding against a plain Python model.

Notes are written in an order unrelated to their dates, with many equal times, so a search that
returned index (id) order, sorted only within a page, or lost a filter while walking would differ
from the model below.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import pytest

from famdesk.domain import observations as o
from famdesk.domain import records as r
from famdesk.domain.roles import Actor, Role
from famdesk.domain.text import fold
from famdesk.services import classrooms, families, frameworks, staff
from famdesk.services import observation_search as search
from famdesk.services import observations as obs

WORDS = ["tower", "painting", "friend", "puzzle", "garden", "song", "Đức", "ladder"]
TIMES = [dt.datetime(2026, month, day, hour) for month in (3, 4) for day in (2, 9) for hour in (9, 14)]


@dataclass
class Note:
    id: int
    when: dt.datetime
    children: set[int]
    domain: int
    shared: bool
    author: int
    text: str


@pytest.fixture
def program(ctx):  # type: ignore[no-untyped-def]
    rng = random.Random(2026)
    bees = classrooms.save_classroom(ctx, r.Classroom(name="Butterflies"))
    suns = classrooms.save_classroom(ctx, r.Classroom(name="Sunflowers"))
    ana = staff.save_staff(ctx, r.StaffMember(first_name="Ana", last_name="Ruiz", classroom_ids=[bees.id]))
    tom = staff.save_staff(ctx, r.StaffMember(first_name="Tom", last_name="Lee", classroom_ids=[suns.id]))
    fam = families.add_family(
        ctx,
        r.FamilyDetail(
            family=r.Family(name="Nguyễn family", preferred_language="vi"),
            caregivers=[r.Caregiver(first_name="Hoa", last_name="Nguyễn")],
            children=[
                r.Child(first_name="Minh", last_name="Nguyễn", classroom_id=bees.id),
                r.Child(first_name="Lan", last_name="Nguyễn", classroom_id=bees.id),
                r.Child(first_name="Bao", last_name="Nguyễn", classroom_id=suns.id),
            ],
        ),
    )
    kids = [c.id for c in fam.children]
    domains = [d.id for d in frameworks.active_framework(ctx).domains]
    notes: list[Note] = []
    for i in range(72):
        children = set(rng.sample(kids, rng.choice((1, 1, 2))))
        words = rng.sample(WORDS, 3)
        text = f"Note {i}: " + " ".join(words) + (" 积木" if i % 9 == 0 else "")
        saved = obs.add_observation(
            ctx,
            o.Observation(
                text=text,
                child_ids=sorted(children),
                domain_ids=[rng.choice(domains)],
                observed_at=rng.choice(TIMES),
                author_id=rng.choice((ana.id, tom.id)),
                shareable_with_family=rng.random() < 0.5,
            ),
        )
        assert saved.id is not None and saved.observed_at is not None
        notes.append(Note(saved.id, saved.observed_at, children, saved.domain_ids[0],
                          saved.shareable_with_family, saved.author_id or 0, text))
    return dict(ctx=ctx, notes=notes, kids=kids, bees=bees.id, suns=suns.id, ana=ana.id, tom=tom.id,
                domains=domains, room_of={kids[0]: bees.id, kids[1]: bees.id, kids[2]: suns.id})


def expected(p, flt: o.ObservationFilter, rooms: set[int] | None = None) -> list[int]:  # type: ignore[no-untyped-def]
    """The model: every filter as plain Python, newest first, equal times by id, highest first."""
    def keep(n: Note) -> bool:
        tokens = fold(n.text).replace(":", " ").split()
        return all(
            (
                rooms is None or any(p["room_of"][c] in rooms for c in n.children),
                flt.child_id is None or flt.child_id in n.children,
                flt.classroom_id is None or any(p["room_of"][c] == flt.classroom_id for c in n.children),
                flt.domain_id is None or n.domain == flt.domain_id,
                flt.author_id is None or n.author == flt.author_id,
                flt.shared is None or n.shared == flt.shared,
                flt.since is None or n.when.date() >= flt.since,
                flt.until is None or n.when.date() <= flt.until,
                all(any(t.startswith(w) for t in tokens) or (w in fold(n.text) and not w.isascii())
                    for w in fold(flt.text).split()),
            )
        )
    return [n.id for n in sorted(filter(keep, p["notes"]), key=lambda n: (n.when, n.id), reverse=True)]


def paged(ctx, flt: o.ObservationFilter, size: int) -> list[int]:  # type: ignore[no-untyped-def]
    """Every page of ``size`` through ``before``, as the window loads them while scrolling."""
    out: list[int] = []
    while True:
        page = search.list_observations(ctx, o.ObservationFilter(**{**flt.__dict__, "limit": size}))
        assert not {row.id for row in page} & set(out), "a page repeated notes"
        out += [row.id for row in page]
        if len(page) < size:
            return out
        flt.before = (page[-1].observed_at, page[-1].id)


def test_search_is_newest_first_with_ties_by_id(program) -> None:  # type: ignore[no-untyped-def]
    ctx = program["ctx"]
    for word in ("tower", "towe", "to", "f", "song puzzle", "DUC", "duc friend"):
        got = [row.id for row in search.search_observations(ctx, word, limit=1000)]
        assert got == expected(program, o.ObservationFilter(text=word)), word
        assert got, word
    # Without words the list takes the other path (the observed_at index); same order.
    assert [row.id for row in search.list_observations(ctx)] == expected(program, o.ObservationFilter())


def test_pages_join_up_without_gaps_or_repeats(program) -> None:  # type: ignore[no-untyped-def]
    ctx = program["ctx"]
    for text in ("", "tower", "f", "积木"):
        flt = o.ObservationFilter(text=text)
        want = expected(program, flt)
        for size in (1, 5, 7):
            assert paged(ctx, o.ObservationFilter(text=text), size) == want, (text, size)
    first = search.search_observations(ctx, "p", limit=5)
    assert [row.id for row in first] == expected(program, o.ObservationFilter(text="p"))[:5]


@pytest.mark.parametrize(
    "make",
    [
        lambda p: o.ObservationFilter(text="tower", child_id=p["kids"][0]),
        lambda p: o.ObservationFilter(text="f", classroom_id=p["suns"]),
        lambda p: o.ObservationFilter(text="friend", domain_id=p["domains"][1]),
        lambda p: o.ObservationFilter(text="s", author_id=p["tom"], shared=True),
        lambda p: o.ObservationFilter(text="p", shared=False, since=dt.date(2026, 3, 9)),
        lambda p: o.ObservationFilter(text="garden", since=dt.date(2026, 4, 2), until=dt.date(2026, 4, 2)),
        lambda p: o.ObservationFilter(text="la 积木", until=dt.date(2026, 3, 31)),
        lambda p: o.ObservationFilter(child_id=p["kids"][2], domain_id=p["domains"][0]),
    ],
    ids=["child", "classroom", "domain", "author+shared", "shared+since", "one day", "han+until", "no text"],
)
def test_every_filter_holds_while_walking(program, make) -> None:  # type: ignore[no-untyped-def]
    flt = make(program)
    want = expected(program, flt)
    assert paged(program["ctx"], flt, 4) == want
    assert [row.id for row in search.list_observations(program["ctx"], make(program))] == want


def test_teacher_walks_only_own_classrooms(program, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    teacher = program["ctx"].as_actor(Actor(Role.TEACHER, staff_id=program["ana"], label="Ana"))
    rooms = {program["bees"]}
    for threshold in (search.SMALL_SCOPE, 0):  # a listed classroom, then one checked note by note
        monkeypatch.setattr(search, "SMALL_SCOPE", threshold)
        for text in ("f", "tower", "积木"):
            flt = o.ObservationFilter(text=text)
            assert paged(teacher, flt, 3) == expected(program, o.ObservationFilter(text=text), rooms)
        got = search.list_observations(teacher, o.ObservationFilter(text="s", classroom_id=program["bees"]))
        assert [x.id for x in got] == expected(program, o.ObservationFilter(text="s"), rooms)


def test_editing_the_time_moves_the_note_in_the_search(program) -> None:  # type: ignore[no-untyped-def]
    ctx = program["ctx"]
    oldest = expected(program, o.ObservationFilter(text="tower"))[-1]
    note = obs.get_observation(ctx, oldest)
    note.observed_at = dt.datetime(2026, 5, 1, 10, 0, 0, 654321)  # sub-seconds are dropped on save
    saved = obs.edit_observation(ctx, note)
    assert saved.observed_at == dt.datetime(2026, 5, 1, 10, 0, 0)
    assert search.search_observations(ctx, "tower", limit=1)[0].id == oldest
    obs.delete_observation(ctx, oldest)
    assert oldest not in [x.id for x in search.search_observations(ctx, "tower", limit=1000)]


def test_folding_finds_the_same_notes_in_every_spelling(program) -> None:  # type: ignore[no-untyped-def]
    ctx = program["ctx"]
    ids = lambda q: [x.id for x in search.search_observations(ctx, q, limit=1000)]  # noqa: E731
    assert ids("duc") == ids("ĐỨC") == ids("Đức") == ids("dUc") != []
    assert ids("LADDER") == ids("ládder") != []
    assert ids("积木") == [n.id for n in sorted(program["notes"], key=lambda n: (n.when, n.id), reverse=True)
                           if "积木" in n.text]


def test_notes_before_1990_are_refused(program) -> None:  # type: ignore[no-untyped-def]
    from famdesk.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="before 1990"):
        obs.add_observation(program["ctx"], o.Observation(
            text="x", child_ids=[program["kids"][0]], observed_at=dt.datetime(1899, 1, 1)))


def test_a_teacher_without_a_classroom_or_an_empty_classroom_finds_nothing(program) -> None:  # type: ignore[no-untyped-def]
    ctx = program["ctx"]
    lone = staff.save_staff(ctx, r.StaffMember(first_name="Lee", last_name="Park"))
    teacher = ctx.as_actor(Actor(Role.TEACHER, staff_id=lone.id, label="Lee"))
    assert search.search_observations(teacher, "f") == [] and search.list_observations(teacher) == []
    empty = classrooms.save_classroom(ctx, r.Classroom(name="Ladybugs"))
    assert search.list_observations(ctx, o.ObservationFilter(text="f", classroom_id=empty.id)) == []
