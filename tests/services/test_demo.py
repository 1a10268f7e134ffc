from __future__ import annotations

from famdesk.domain.roles import DIRECTOR
from famdesk.services import demo, families
from famdesk.services.checks import run_checks
from famdesk.services.info import record_counts


def test_demo_creates_varied_program(ctx) -> None:  # type: ignore[no-untyped-def]
    result = demo.create_demo(ctx, families=80)
    counts = record_counts(ctx)
    assert counts["family"] == result.families == 80
    assert counts["child"] >= 80 and counts["caregiver"] >= 80
    rows = families.search_families(ctx, limit=1000)
    languages = {row.preferred_language for row in rows}
    assert {"es", "en", "ar", "vi", "zh"} <= languages
    names = " ".join(row.caregivers for row in rows)
    assert any("\u0600" <= ch <= "\u06ff" for ch in names), "some Arabic-script names"
    assert any(ch in names for ch in "ễệạắảặ"), "Vietnamese diacritics"
    assert run_checks(ctx) == []


def test_demo_is_deterministic(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from famdesk.app import open_database

    names = []
    for sub in ("a", "b"):
        opened = open_database(str(tmp_path / sub))
        ctx = opened.ctx.as_actor(DIRECTOR)
        demo.create_demo(ctx, families=20, seed=7)
        names.append([row.caregivers for row in families.search_families(ctx)])
        opened.ctx.db.dispose()
    assert names[0] == names[1]


def test_demo_includes_partnership_records(ctx) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from famdesk.services import dashboard

    demo.create_demo(ctx, families=40, today=dt.date(2026, 11, 20))
    counts = record_counts(ctx)
    assert counts["contact"] > 40 and counts["family_goal"] > 10 and counts["goal_step"] >= counts["family_goal"]
    assert counts["event"] == 5 and counts["event_attendance"] > 5
    d = dashboard.dashboard(ctx, today=dt.date(2026, 11, 20))
    assert 0 < d.families_attending <= d.enrolled_families
    assert run_checks(ctx) == []
