"""Behaviour incidents and retention on a large program (never part of pytest).

    python benchmarks/bench_incidents.py [--quick]

A 1,000-family demo program plus 20,000 incidents spread over a program year (about 20 per enrolled child,
far more than any real program writes): the year's summary in the window, as PDF, a month's list, and the
retention review over every family. Each timed call includes its audit entry (its own write transaction).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Result, demo_data_dir, median_ms, print_table  # noqa: E402

INCIDENTS = 20_000
YEAR = (dt.date(2025, 8, 1), dt.date(2026, 7, 31))


def _fill(ctx, count: int) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import insert, select

    from famdesk.db import models as m

    rng = random.Random(7)
    with ctx.db.read() as s:
        kids = list(s.execute(select(m.Child.id, m.Child.classroom_id)))
    days = [YEAR[0] + dt.timedelta(days=n) for n in range((YEAR[1] - YEAR[0]).days + 1)]
    days = [d for d in days if d.weekday() < 5]
    rows = []
    for _ in range(count):
        child, room = rng.choice(kids)
        when = dt.datetime.combine(rng.choice(days), dt.time(rng.randint(7, 18), rng.randrange(0, 60, 5)))
        rows.append({"child_id": child, "classroom_id": room, "occurred_at": when, "location": "Classroom",
                     "antecedent": "Transition", "behavior": "Threw toys", "response": "Redirected",
                     "family_informed": False, "staff_informed": "", "created_at": when, "updated_at": when})
    with ctx.db.transaction() as s:
        s.execute(insert(m.Incident.__table__), rows)


def run(quick: bool) -> list[Result]:
    from famdesk.app import open_database
    from famdesk.domain.roles import DIRECTOR
    from famdesk.services import incident_summary, incidents, retention

    source = demo_data_dir(1000)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(source, folder, ignore=shutil.ignore_patterns("backups", "logs", "*.lock"))
        opened = open_database(str(folder))
        opened.ctx = opened.ctx.as_actor(DIRECTOR)  # as the director who signed in
        ctx = opened.ctx
        try:
            _fill(ctx, INCIDENTS)
            repeat = 5 if quick else 15
            year = median_ms(lambda: incident_summary.summary(ctx, *YEAR), repeat=repeat)
            pdf = median_ms(lambda: incident_summary.summary_pdf(ctx, *YEAR), repeat=max(3, repeat // 3))
            month = median_ms(lambda: incidents.list_incidents(ctx, start=dt.date(2026, 3, 1),
                                                               end=dt.date(2026, 3, 31)), repeat=repeat)
            review = median_ms(lambda: retention.review(ctx, dt.date(2030, 1, 1)), repeat=repeat)
        finally:
            ctx.db.dispose()
    note = f"{INCIDENTS:,} incidents, 1,000 families"
    return [Result("incidents", "summary of a program year (window)", year, "ms", "< 500 ms", year < 500, note),
            Result("incidents", "summary of a program year as PDF", pdf, "ms", "< 1 s", pdf < 1000, note),
            Result("incidents", "list of one month with names", month, "ms", "< 300 ms", month < 300, note),
            Result("retention", "retention review over every family", review, "ms", "< 300 ms", review < 300,
                   "1,000 families")]


if __name__ == "__main__":
    print_table(run("--quick" in sys.argv))
