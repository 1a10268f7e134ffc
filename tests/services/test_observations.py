"""Observation notes through the service layer: add/edit/delete, timelines, filters, search, access."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from famdesk.db import models as m
from famdesk.domain import observations as o
from famdesk.domain import records as r
from famdesk.domain.errors import NotFoundError, PermissionDenied, ValidationError
from famdesk.domain.roles import Actor, Role
from famdesk.services import classrooms, families, frameworks, staff
from famdesk.services import observation_search as search
from famdesk.services import observations as obs

NOW = dt.datetime(2026, 10, 5, 9, 30)


@pytest.fixture
def world(ctx):  # type: ignore[no-untyped-def]
    """Two classrooms, a teacher in each, three children (two in Butterflies, one in Sunflowers)."""
    bees = classrooms.save_classroom(ctx, r.Classroom(name="Butterflies"))
    suns = classrooms.save_classroom(ctx, r.Classroom(name="Sunflowers"))
    ana = staff.save_staff(ctx, r.StaffMember(first_name="Ana", last_name="Ruiz", classroom_ids=[bees.id]))
    tom = staff.save_staff(ctx, r.StaffMember(first_name="Tom", last_name="Lee", classroom_ids=[suns.id]))
    fam = families.add_family(
        ctx,
        r.FamilyDetail(
            family=r.Family(name="Trần family", preferred_language="vi"),
            caregivers=[r.Caregiver(first_name="Hoa", last_name="Trần")],
            children=[
                r.Child(first_name="Đức", last_name="Trần", classroom_id=bees.id),
                r.Child(first_name="Lina", last_name="Trần", classroom_id=bees.id),
                r.Child(first_name="Sam", last_name="Trần", classroom_id=suns.id),
            ],
        ),
    )
    duc, lina, sam = (c.id for c in fam.children)
    fw = frameworks.active_framework(ctx)
    doms = {d.key: d for d in fw.domains}
    return dict(bees=bees.id, suns=suns.id, ana=ana.id, tom=tom.id, duc=duc, lina=lina, sam=sam, doms=doms)


def note(w, text: str = "Built a tall tower and counted the blocks: 12!", **kw) -> o.Observation:  # type: ignore[no-untyped-def]
    base = dict(
        text=text,
        child_ids=[w["duc"]],
        domain_ids=[w["doms"]["cog"].id],
        observed_at=NOW,
        author_id=w["ana"],
        context="Block corner",
    )
    base.update(kw)
    return o.Observation(**base)  # type: ignore[arg-type]


def test_builtin_elof_is_loaded_with_its_five_domains(ctx) -> None:  # type: ignore[no-untyped-def]
    fw = frameworks.active_framework(ctx)
    assert fw.key == "head_start_elof"
    assert [d.name for d in fw.domains] == [
        "Approaches to Learning",
        "Social and Emotional Development",
        "Language and Literacy",
        "Cognition",
        "Perceptual, Motor, and Physical Development",
    ]
    lang = fw.domains[2]
    assert lang.age_names["infant_toddler"] == "Language and Communication"
    subs = {s.name: s.ages for s in fw.domains[0].subdomains}
    assert subs["Creativity"] == ["preschool"]
    assert "Cognitive Self-Regulation (Executive Functioning)" in subs
    pmp = {s.name: s.ages for s in fw.domains[4].subdomains}
    assert pmp["Perception"] == ["infant_toddler"]
    assert "Health, Safety, and Nutrition" in pmp


def test_one_note_about_two_children_shows_in_both_timelines(ctx, world) -> None:  # type: ignore[no-untyped-def]
    w = world
    saved = obs.add_observation(
        ctx, note(w, child_ids=[w["duc"], w["lina"]], subdomain_ids=[w["doms"]["sed"].subdomains[1].id])
    )
    assert saved.id is not None
    # The sub-domain "Relationships with Other Children" brings its domain along.
    assert set(saved.domain_ids) == {w["doms"]["cog"].id, w["doms"]["sed"].id}
    for child in (w["duc"], w["lina"]):
        rows = search.child_timeline(ctx, child)
        assert [x.id for x in rows] == [saved.id]
        assert rows[0].author_name == "Ana Ruiz"
        assert [n for _i, n in rows[0].children] == ["Đức Trần", "Lina Trần"]
    assert search.child_timeline(ctx, w["sam"]) == []


def test_bad_note_is_refused_and_writes_nothing(ctx, world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        obs.add_observation(ctx, note(world, text="  ", child_ids=[]))
    assert {p.field for p in err.value.problems} == {"text", "child_ids"}
    with pytest.raises(ValidationError, match="in the future"):
        obs.add_observation(ctx, note(world, observed_at=dt.datetime.now() + dt.timedelta(days=2)))
    with pytest.raises(ValidationError, match="PNG, JPEG"):
        obs.add_observation(ctx, note(world, photo=b"not an image"))
    with pytest.raises(NotFoundError):
        obs.add_observation(ctx, note(world, child_ids=[999_999]))
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(m.Observation)) == 0


def test_photo_and_translation_are_kept(ctx, world) -> None:  # type: ignore[no-untyped-def]
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    saved = obs.add_observation(
        ctx,
        note(
            world,
            photo=png,
            translation="Construyó una torre alta.",
            translation_language="es",
            shareable_with_family=True,
        ),
    )
    again = obs.get_observation(ctx, saved.id)
    assert again.photo == png
    assert (again.translation, again.translation_language) == ("Construyó una torre alta.", "es")
    assert search.child_timeline(ctx, world["duc"])[0].has_photo


def test_edit_and_delete(ctx, world) -> None:  # type: ignore[no-untyped-def]
    saved = obs.add_observation(ctx, note(world))
    saved.text = "Sorted the shells by size, smallest to biggest."
    saved.domain_ids = [world["doms"]["cog"].id]
    obs.edit_observation(ctx, saved)
    assert search.child_timeline(ctx, world["duc"])[0].text.startswith("Sorted the shells")
    assert [x.id for x in search.search_observations(ctx, "shells")] == [saved.id]
    assert search.search_observations(ctx, "tower") == []  # the FTS index followed the edit
    obs.delete_observation(ctx, saved.id)
    assert search.child_timeline(ctx, world["duc"]) == []
    assert search.search_observations(ctx, "shells") == []


def test_filters(ctx, world) -> None:  # type: ignore[no-untyped-def]
    w = world
    a = obs.add_observation(ctx, note(w, observed_at=NOW - dt.timedelta(days=10)))
    b = obs.add_observation(
        ctx,
        note(
            w,
            text="Hopped on one foot across the room.",
            domain_ids=[w["doms"]["pmp"].id],
            shareable_with_family=True,
        ),
    )
    c = obs.add_observation(
        ctx,
        note(
            w,
            text="Asked Sam to join the puzzle.",
            child_ids=[w["sam"]],
            author_id=w["tom"],
            domain_ids=[w["doms"]["sed"].id],
        ),
    )
    ids = lambda **kw: [x.id for x in search.list_observations(ctx, o.ObservationFilter(**kw))]  # noqa: E731
    assert ids() == [c.id, b.id, a.id] or ids() == [b.id, c.id, a.id]
    assert ids(domain_id=w["doms"]["pmp"].id) == [b.id]
    assert ids(author_id=w["tom"]) == [c.id]
    assert ids(shared=True) == [b.id]
    assert set(ids(shared=False)) == {a.id, c.id}
    assert ids(since=NOW.date() - dt.timedelta(days=11), until=NOW.date() - dt.timedelta(days=9)) == [a.id]
    assert set(ids(classroom_id=w["bees"])) == {a.id, b.id}
    assert [x.id for x in search.classroom_observations(ctx, w["suns"])] == [c.id]


def test_search_folds_accents_and_d_stroke(ctx, world) -> None:  # type: ignore[no-untyped-def]
    w = world
    a = obs.add_observation(ctx, note(w, text="Đức sang “Cây Đa” with his friends, smiling."))
    b = obs.add_observation(
        ctx,
        note(
            w,
            text="Dibujó una mariposa y escribió su nombre.",
            translation="Drew a butterfly and wrote her name.",
            translation_language="en",
        ),
    )
    c = obs.add_observation(ctx, note(w, text="她用积木搭了一座桥。"))
    assert [x.id for x in search.search_observations(ctx, "duc")] == [a.id]
    assert [x.id for x in search.search_observations(ctx, "cay da")] == [a.id]
    assert [x.id for x in search.search_observations(ctx, "DIBUJO")] == [b.id]
    assert [x.id for x in search.search_observations(ctx, "butterf")] == [b.id]  # prefix, in the translation
    assert [x.id for x in search.search_observations(ctx, "积木")] == [c.id]  # Han, no spaces
    assert search.search_observations(ctx, "giraffe") == []
    assert search.search_observations(ctx, '"') == search.list_observations(
        ctx, o.ObservationFilter(limit=100)
    )


def test_teacher_sees_own_classrooms_only(ctx, world) -> None:  # type: ignore[no-untyped-def]
    w = world
    mine = obs.add_observation(ctx, note(w))
    theirs = obs.add_observation(ctx, note(w, child_ids=[w["sam"]], author_id=w["tom"]))
    ana = ctx.as_actor(Actor(Role.TEACHER, staff_id=w["ana"]))
    assert [x.id for x in search.list_observations(ana)] == [mine.id]
    assert [x.id for x in search.search_observations(ana, "tower")] == [mine.id]
    with pytest.raises(PermissionDenied):
        search.child_timeline(ana, w["sam"])
    with pytest.raises(PermissionDenied):
        search.classroom_observations(ana, w["suns"])
    with pytest.raises(PermissionDenied):
        obs.get_observation(ana, theirs.id)
    with pytest.raises(PermissionDenied, match="own classrooms"):
        obs.add_observation(ana, note(w, child_ids=[w["duc"], w["sam"]]))
    with pytest.raises(PermissionDenied):
        obs.delete_observation(ana, theirs.id)
    # Her own note about her own child: she may write, change and read it; the author is her.
    added = obs.add_observation(
        ana, o.Observation(text="Zipped her coat by herself.", child_ids=[w["lina"]], observed_at=NOW)
    )
    assert added.author_id == w["ana"]
    added.text = "Zipped her coat by herself, then helped Đức."
    obs.edit_observation(ana, added)
    assert {x.id for x in search.child_timeline(ana, w["lina"])} == {added.id}
    # A teacher not linked to a staff member sees nothing; the director sees everything.
    assert search.list_observations(ctx.as_actor(Actor(Role.TEACHER))) == []
    assert len(search.list_observations(ctx)) == 3
    assert {g.child_id for g in search.coverage_gaps(ana, today=NOW.date())} == {w["duc"], w["lina"]}
    with pytest.raises(PermissionDenied):
        search.list_observations(ctx.as_actor(Actor(Role.OFFICE)))


def test_coverage_lists_domains_without_recent_notes(ctx, world) -> None:  # type: ignore[no-untyped-def]
    w = world
    today = NOW.date()
    obs.add_observation(ctx, note(w, observed_at=NOW - dt.timedelta(days=3)))  # Đức: Cognition
    obs.add_observation(
        ctx,
        note(
            w,
            observed_at=NOW - dt.timedelta(weeks=6),  # too old
            domain_ids=[w["doms"]["pmp"].id],
        ),
    )
    gaps = search.coverage_gaps(ctx, weeks=4, classroom_id=w["bees"], today=today)
    duc = {g.domain_name: g.last_observed for g in gaps if g.child_id == w["duc"]}
    assert "Cognition" not in duc
    assert set(duc) == {
        "Approaches to Learning",
        "Social and Emotional Development",
        "Language and Literacy",
        "Perceptual, Motor, and Physical Development",
    }
    assert duc["Perceptual, Motor, and Physical Development"] == NOW - dt.timedelta(weeks=6)
    assert len([g for g in gaps if g.child_id == w["lina"]]) == 5
    assert all(g.child_id != w["sam"] for g in gaps)


def test_load_another_framework_from_json(ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "ours.json"
    path.write_text(
        '{"key": "ours", "name": "Our framework", "domains": ['
        '{"key": "play", "name": "Play", "subdomains": [{"key": "pretend", "name": "Pretend play"}]}]}',
        encoding="utf-8",
    )
    fw = frameworks.load_framework(ctx, path, activate=True)
    assert [d.name for d in fw.domains] == ["Play"]
    assert frameworks.active_framework(ctx).key == "ours"
    assert {f.key for f in frameworks.list_frameworks(ctx)} == {"ours", "head_start_elof"}
    # Loading again with a renamed domain updates in place (ids kept).
    path.write_text(path.read_text().replace('"Play"', '"Playing"'), encoding="utf-8")
    again = frameworks.load_framework(ctx, path)
    assert again.domains[0].id == fw.domains[0].id and again.domains[0].name == "Playing"
    bad = tmp_path / "bad.json"
    bad.write_text('{"key": "x", "name": "", "domains": []}', encoding="utf-8")
    with pytest.raises(ValidationError, match="domains"):
        frameworks.load_framework(ctx, bad)
