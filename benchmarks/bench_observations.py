"""Observation speed: a child's timeline with 2,000 notes, full-text search over 200,000 notes.

Run: ``python benchmarks/bench_observations.py [--notes 200000] [--rebuild] [--quick]``. The first run
builds a demo program and bulk-adds the notes (the FTS5 triggers index them as they go); the database is
cached in /tmp (``FAMDESK_BENCH_CACHE``) and copied for each run, so a run on a newer schema also times
the migrations from the cached schema to head. Then it times the same service calls the window makes.
Targets (issue 9): timeline < 100 ms, search median < 5 ms for the first page, newest first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select, text  # noqa: E402

from famdesk.app import open_database  # noqa: E402
from famdesk.db import models as m  # noqa: E402
from famdesk.domain import observations as o  # noqa: E402
from famdesk.domain.roles import (  # noqa: E402
    DIRECTOR,  # noqa: E402
    Actor,
    Role,
)
from famdesk.services import frameworks  # noqa: E402
from famdesk.services import observation_search as search  # noqa: E402
from famdesk.services.demo import create_demo  # noqa: E402
from famdesk.services.demo_observations import _NOTES_EN, _NOTES_ES  # noqa: E402
from famdesk.services.observations import search_text_for  # noqa: E402

CACHE = Path(os.environ.get("FAMDESK_BENCH_CACHE", "/tmp/famdesk-bench"))


def timed(fn, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    fn()  # warm-up: statement compilation and the page cache are not what is measured
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def build(folder: Path, notes: int, timeline: int) -> float:
    """A demo program plus ``notes`` bulk-added notes; ``timeline`` of them about the first child."""
    opened = open_database(str(folder))
    opened.ctx = opened.ctx.as_actor(DIRECTOR)  # as the director who signed in
    ctx = opened.ctx
    create_demo(ctx, families=60)
    fw = frameworks.active_framework(ctx)
    subs = {s.key: (d.id, s.id) for d in fw.domains for s in d.subdomains}
    rng = random.Random(7)
    with ctx.db.read() as s:
        kids = list(s.scalars(select(m.Child.id).order_by(m.Child.id)))
        authors = list(s.scalars(select(m.StaffMember.id)))
        base = int(s.scalar(select(m.Observation.id).order_by(m.Observation.id.desc()).limit(1)) or 0)
    star = kids[0]
    templates = _NOTES_EN + _NOTES_ES
    from faker import Faker

    fake = Faker(["en_US", "es_MX", "vi_VN", "pt_BR"])
    fake.seed_instance(7)
    names = sorted({fake.first_name() for _ in range(20_000)})  # notes name children: rare words
    names += ["Đức"]
    start = time.perf_counter()
    batch = 10_000
    for first in range(0, notes, batch):
        rows, links, doms, subl = [], [], [], []
        for i in range(first, min(first + batch, notes)):
            oid = base + i + 1
            key, where, text = rng.choice(templates)
            text = text.format(name=rng.choice(names))
            child = star if i < timeline else rng.choice(kids[1:])
            when = dt.datetime(2026, rng.randint(1, 10), rng.randint(1, 28), rng.randint(8, 15))
            rows.append(
                dict(
                    id=oid,
                    author_id=rng.choice(authors),
                    observed_at=when,
                    context=where,
                    text=text,
                    shareable_with_family=rng.random() < 0.5,
                    translation="",
                    translation_language="",
                    search_text=search_text_for(text, "", where),
                    created_at=when,
                    updated_at=when,
                )
            )
            links.append(dict(observation_id=oid, child_id=child))
            doms.append(dict(observation_id=oid, domain_id=subs[key][0]))
            subl.append(dict(observation_id=oid, subdomain_id=subs[key][1]))
        with ctx.db.transaction() as s:
            conn = s.connection()
            conn.execute(insert(m.Observation.__table__), rows)
            conn.execute(insert(m.observation_child), links)
            conn.execute(insert(m.observation_domain), doms)
            conn.execute(insert(m.observation_subdomain), subl)
    with ctx.db.transaction() as s:
        s.connection().exec_driver_sql("ANALYZE")
    ctx.db.dispose()
    return time.perf_counter() - start


def cached(notes: int, timeline: int, rebuild: bool) -> Path:
    folder = CACHE / f"observations-{notes}-{timeline}"
    if rebuild or not (folder / "ready").exists():
        shutil.rmtree(folder, ignore_errors=True)
        seconds = build(folder, notes, timeline)
        (folder / "ready").write_text(f"{seconds:.1f}")
    return folder / "famdesk.sqlite3"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=200_000)
    parser.add_argument("--timeline", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=51)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--quick", action="store_true", help="20,000 notes, fewer runs")
    args = parser.parse_args()
    if args.quick:
        args.notes, args.runs = min(args.notes, 20_000), 15
    source = cached(args.notes, args.timeline, args.rebuild)
    with tempfile.TemporaryDirectory(prefix="famdesk-bench-obs-") as tmp:
        shutil.copy(source, Path(tmp) / "famdesk.sqlite3")
        start = time.perf_counter()
        opened = open_database(tmp)
        opened.ctx = opened.ctx.as_actor(DIRECTOR)  # as the director who signed in
        migrate_s = time.perf_counter() - start
        run(opened, args, migrate_s)
        opened.ctx.db.dispose()


def run(opened, args, migrate_s: float) -> None:  # type: ignore[no-untyped-def]
    ctx = opened.ctx
    with ctx.db.read() as s:
        star = s.scalar(select(m.Child.id).order_by(m.Child.id).limit(1))
        total = s.scalar(select(m.Observation.id).order_by(m.Observation.id.desc()).limit(1))
        teacher = s.execute(
            select(m.staff_classroom.c.staff_id, m.staff_classroom.c.classroom_id).limit(1)
        ).first()
        first_domain = s.scalar(select(m.FrameworkDomain.id).order_by(m.FrameworkDomain.id).limit(1))
    teacher_ctx = ctx.as_actor(Actor(Role.TEACHER, staff_id=teacher[0], label="bench"))
    rows = search.child_timeline(ctx, star)
    timeline = timed(lambda: search.child_timeline(ctx, star), 15)
    queries = {
        'a child\'s name ("Gustavo")': "Gustavo",
        'name prefix ("gust")': "gust",
        'folded, two words ("duc lombriz")': "duc lombriz",
        'a word in 1 of 32 notes ("tower")': "tower",
        'a word in 1 of 8 notes ("friend")': "friend",
        'a word in 7 of 10 notes ("the")': "the",
        'one letter ("t"), as typing starts': "t",
    }
    results = {}
    shares = {}
    for label, q in queries.items():
        found = len(search.search_observations(ctx, q))
        results[label] = (found, timed(lambda q=q: search.search_observations(ctx, q, limit=100), args.runs))
        shares[label] = share(ctx, q, total)

    def page_two() -> list[o.ObservationRow]:
        first = search.search_observations(ctx, "the", limit=100)
        flt = o.ObservationFilter(text="the", limit=100, before=(first[-1].observed_at, first[-1].id))
        return search.list_observations(ctx, flt)

    scoped = {
        '"the", second page (two calls)': page_two,
        '"the", as a teacher (own classrooms)': lambda: search.search_observations(teacher_ctx, "the"),
        '"the", one domain, shared only': lambda: search.list_observations(
            ctx, o.ObservationFilter(text="the", domain_id=first_domain, shared=True, limit=100)
        ),
        '"the", one month': lambda: search.list_observations(
            ctx,
            o.ObservationFilter(text="the", since=dt.date(2026, 3, 1), until=dt.date(2026, 3, 31), limit=100),
        ),
        '"the", in one child\'s timeline (2,000 notes)': lambda: search.list_observations(
            ctx, o.ObservationFilter(text="the", child_id=star, limit=100)
        ),
        '"tower", in one classroom': lambda: search.list_observations(
            ctx, o.ObservationFilter(text="tower", classroom_id=teacher[1], limit=100)
        ),
    }
    for label, fn in scoped.items():
        results[label] = (len(fn()), timed(fn, max(args.runs // 3, 5)))

    with ctx.db.read() as s:
        pages = {
            name: n * 4096 / 1e6
            for name, n in s.execute(
                text("SELECT name, count(*) FROM dbstat "
                     "WHERE name IN ('observation', 'observation_fts_data') GROUP BY name")
            )
        }
    print(
        f"famdesk observations benchmark: {total:,} notes, SQLite FTS5, load average "
        f"{os.getloadavg()[0]:.1f}; opening the cached copy (migrations included) took {migrate_s:.1f} s; "
        f"notes {pages.get('observation', 0):.0f} MB, "
        f"search index {pages.get('observation_fts_data', 0):.0f} MB"
    )
    print(f"{'what':62} {'rows':>6} {'median ms':>10} {'max ms':>8}  share of notes")
    print(
        f"{'child timeline (' + str(len(rows)) + ' notes)':62} {len(rows):>6} "
        f"{statistics.median(timeline):>10.1f} {max(timeline):>8.1f}"
    )
    for label, (found, times) in results.items():
        print(
            f"{'search: ' + label:62} {found:>6} {statistics.median(times):>10.2f} {max(times):>8.2f}"
            f"  {shares.get(label, '')}"
        )


def share(ctx, query: str, total: int) -> str:  # type: ignore[no-untyped-def]
    """How many notes the query matches, as "1 in N" (the FTS5 index counts them)."""
    from famdesk.domain.text import fold

    match = " ".join(f'"{w}"*' for w in fold(query).split())
    with ctx.db.read() as s:
        count = text("SELECT count(*) FROM observation_fts WHERE observation_fts MATCH :m")
        n = s.scalar(count, {"m": match})
    return f"{n:,} = 1 in {total / n:.1f}" if n else "none"


if __name__ == "__main__":
    main()
