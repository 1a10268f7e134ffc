"""The ordered search index on SQLite: built for notes written before it existed, checked, rebuilt."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import text

from famdesk.app import open_database
from famdesk.db import migrate
from famdesk.domain import observations as o
from famdesk.domain import records as r
from famdesk.domain.errors import PermissionDenied
from famdesk.domain.roles import DIRECTOR, Actor, Role
from famdesk.paths import DATABASE_FILE
from famdesk.services import families, observation_index
from famdesk.services import observation_search as search
from famdesk.services import observations as obs
from famdesk.services.checks import run_checks


def _child(ctx) -> int:  # type: ignore[no-untyped-def]
    fam = families.add_family(ctx, r.FamilyDetail(
        family=r.Family(name="Trần family"), caregivers=[r.Caregiver(first_name="Hoa", last_name="Trần")],
        children=[r.Child(first_name="Đức", last_name="Trần")]))
    assert fam.children[0].id is not None
    return fam.children[0].id


def test_upgrade_indexes_notes_written_before_it_in_date_order(tmp_path) -> None:  # type: ignore[no-untyped-def]
    opened = open_database(str(tmp_path))
    ctx = opened.ctx.as_actor(DIRECTOR)
    kid = _child(ctx)
    first = obs.add_observation(ctx, o.Observation(text="Climbed the ladder", child_ids=[kid],
                                                   observed_at=dt.datetime(2026, 3, 1, 9)))
    migrate.downgrade(ctx.db, "0008_handouts")  # back to the schema of famdesk before the ordered index
    ctx.db.dispose()
    conn = sqlite3.connect(tmp_path / DATABASE_FILE)  # notes as the older famdesk wrote them
    for when, words in (("2026-01-05 08:00:00.250000", "Sang the ladder song"),
                        ("2026-04-02 10:30:00.999999", "Built a ladder of blocks"),
                        ("2026-01-05 08:00:00.000000", "Đức climbed the LADDER")):
        cur = conn.execute(
            "INSERT INTO observation (observed_at, context, text, shareable_with_family, translation, "
            "translation_language, search_text, created_at, updated_at) "
            "VALUES (?, '', ?, 0, '', '', ?, ?, ?)",
            (when, words, obs.search_text_for(words), when, when))
        conn.execute("INSERT INTO observation_child VALUES (?, ?)", (cur.lastrowid, kid))
    conn.commit()
    old_index = "SELECT count(*) FROM observation_fts WHERE observation_fts MATCH 'ladder'"
    assert conn.execute(old_index).fetchone() == (4,)
    conn.close()

    reopened = open_database(str(tmp_path))  # upgrades through 0010
    ctx = reopened.ctx.as_actor(DIRECTOR)
    try:
        assert migrate.current_revision(ctx.db) == migrate.HEAD
        rows = search.search_observations(ctx, "ladder")
        # Sub-seconds are gone, so the two notes of 08:00 tie and the later id comes first.
        assert [(x.observed_at, x.text) for x in rows] == [
            (dt.datetime(2026, 4, 2, 10, 30), "Built a ladder of blocks"),
            (dt.datetime(2026, 3, 1, 9), "Climbed the ladder"),
            (dt.datetime(2026, 1, 5, 8), "Đức climbed the LADDER"),
            (dt.datetime(2026, 1, 5, 8), "Sang the ladder song"),
        ]
        assert rows[1].id == first.id
        assert [x.text for x in search.search_observations(ctx, "duc lad")] == ["Đức climbed the LADDER"]
        with ctx.db.read() as s:
            assert observation_index.index_problems(s) == []
            triggers = set(s.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                          "AND name LIKE 'observation_fts%'")))
        assert triggers == {"observation_fts_ai", "observation_fts_ad", "observation_fts_au"}
    finally:
        ctx.db.dispose()


def test_check_finds_a_stale_index_and_reindex_mends_it(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    kid = _child(ctx)
    obs.add_observation(ctx, o.Observation(text="Poured water into the funnel", child_ids=[kid]))
    assert run_checks(ctx) == []
    with ctx.db.transaction() as s:  # as a table rebuild in a careless migration would leave it
        s.execute(text("DROP TRIGGER observation_fts_ai"))
    late = obs.add_observation(ctx, o.Observation(text="Poured sand through the funnel", child_ids=[kid]))
    assert any("reindex" in p for p in run_checks(ctx))
    observation_index._READY.clear()  # a new start: the missing trigger is noticed, search uses LIKE
    assert [x.id for x in search.search_observations(ctx, "poured sand")] == [late.id]
    with pytest.raises(PermissionDenied):
        observation_index.rebuild(ctx.as_actor(Actor(Role.TEACHER, staff_id=None, label="t")))
    assert observation_index.rebuild(ctx) == 2
    assert run_checks(ctx) == []
    with ctx.db.read() as s:
        assert observation_index.ready(s)
    assert [x.id for x in search.search_observations(ctx, "poured sand")] == [late.id]
    assert len(search.search_observations(ctx, "funnel")) == 2
    with ctx.db.transaction() as s:  # a note left out of the index entirely
        s.execute(text("INSERT INTO observation_fts(observation_fts) VALUES ('delete-all')"))
    assert any("2 missing" in p for p in run_checks(ctx))
