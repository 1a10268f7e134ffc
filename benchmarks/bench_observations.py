"""Observation speed: a child's timeline with 2,000 notes, full-text search over 200,000 notes.

Run: ``python benchmarks/bench_observations.py [--notes 200000]``. Builds a demo program in a
temporary folder, bulk-adds notes (the FTS5 triggers index them as they go), then times the same
service calls the window makes. Targets (issue 9): timeline < 100 ms, search median < 5 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select  # noqa: E402

from famdesk.app import open_database  # noqa: E402
from famdesk.db import models as m  # noqa: E402
from famdesk.domain.text import fold  # noqa: E402
from famdesk.services import frameworks  # noqa: E402
from famdesk.services import observation_search as search  # noqa: E402
from famdesk.services.demo import create_demo  # noqa: E402
from famdesk.services.demo_observations import _NOTES_EN, _NOTES_ES  # noqa: E402
from famdesk.services.observations import search_text_for  # noqa: E402


def timed(fn, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=200_000)
    parser.add_argument("--timeline", type=int, default=2_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="famdesk-bench-obs-"))
    opened = open_database(str(folder))
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
    for first in range(0, args.notes, batch):
        notes, links, doms, subl = [], [], [], []
        for i in range(first, min(first + batch, args.notes)):
            oid = base + i + 1
            key, where, text = rng.choice(templates)
            text = text.format(name=rng.choice(names))
            child = star if i < args.timeline else rng.choice(kids[1:])
            when = f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d} {rng.randint(8, 15):02d}:00:00"
            notes.append(
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
            for n in notes:
                n["observed_at"] = n["created_at"] = n["updated_at"] = dt.datetime.fromisoformat(
                    n["observed_at"]
                )
            conn.execute(insert(m.Observation.__table__), notes)
            conn.execute(insert(m.observation_child), links)
            conn.execute(insert(m.observation_domain), doms)
            conn.execute(insert(m.observation_subdomain), subl)
    load_s = time.perf_counter() - start
    with ctx.db.transaction() as s:
        s.connection().exec_driver_sql("ANALYZE")

    rows = search.child_timeline(ctx, star)
    timeline = timed(lambda: search.child_timeline(ctx, star), 15)
    queries = {
        'a child\'s name ("Gustavo")': "Gustavo",
        'name prefix ("gust")': "gust",
        'folded, two words ("duc lombriz")': "duc lombriz",
        'word in 1 of 32 notes ("tower"), newest 100': "tower",
        'word in 1 of 8 notes ("the"), newest 100': "the",
    }
    results = {}
    raw = {}
    for label, q in queries.items():
        found = len(search.search_observations(ctx, q))
        results[label] = (found, timed(lambda q=q: search.search_observations(ctx, q, limit=100), 51))
        match = " ".join(f'"{w}"*' for w in fold(q).split())
        with ctx.db.read() as s:
            conn = s.connection().connection.driver_connection  # the index alone, no Python around it
            raw[label] = timed(
                lambda conn=conn, match=match: conn.execute(
                    "SELECT rowid FROM observation_fts WHERE observation_fts MATCH ? "
                    "ORDER BY rowid DESC LIMIT 100",
                    (match,),
                ).fetchall(),
                51,
            )

    total = args.notes + base
    print(f"famdesk observations benchmark: {total:,} notes (loaded in {load_s:.1f} s), SQLite FTS5")
    print(f"{'what':58} {'rows':>6} {'median ms':>10} {'max ms':>8}")
    print(
        f"{'child timeline (' + str(len(rows)) + ' notes)':58} {len(rows):>6} "
        f"{statistics.median(timeline):>10.1f} {max(timeline):>8.1f}"
    )
    for label, (found, times) in results.items():
        print(f"{'search: ' + label:58} {found:>6} {statistics.median(times):>10.2f} {max(times):>8.2f}")
    for label, times in raw.items():
        print(
            f"{'FTS5 MATCH only: ' + label:58} {'':>6} {statistics.median(times):>10.2f} {max(times):>8.2f}"
        )
    ctx.db.dispose()


if __name__ == "__main__":
    main()
