"""How long the partnership dashboard takes on demo programs of growing size (never part of pytest).

    python benchmarks/bench_partnership.py
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Result  # noqa: E402

from famdesk.app import open_database  # noqa: E402
from famdesk.domain.roles import DIRECTOR  # noqa: E402
from famdesk.services import contacts, dashboard, events  # noqa: E402
from famdesk.services.demo import create_demo  # noqa: E402
from famdesk.services.info import record_counts  # noqa: E402

TODAY = dt.date(2026, 11, 20)


def best(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times) * 1000


def measure(sizes: tuple[int, ...] = (60, 300, 1000)) -> list[tuple[int, int, float, float, float]]:
    """(families, contacts, dashboard ms, no-positive ms, flagged events ms) per size, best of 5."""
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            opened = open_database(tmp)
            opened.ctx = opened.ctx.as_actor(DIRECTOR)  # as the director who signed in
            ctx = opened.ctx
            create_demo(ctx, families=n, today=TODAY)
            count = record_counts(ctx)["contact"]
            d = best(lambda ctx=ctx: dashboard.dashboard(ctx, today=TODAY))
            q = best(lambda ctx=ctx: contacts.families_without_positive(ctx, today=TODAY))
            f = best(lambda ctx=ctx: events.flagged_events(ctx))
            rows.append((n, count, d, q, f))
            opened.ctx.db.dispose()
    return rows


def bench_results(quick: bool = False) -> list[Result]:
    out = []
    for n, count, d, q, f in measure((60, 300) if quick else (60, 300, 1000)):
        note = f"{n:,} families, {count:,} contacts, best of 5"
        out += [Result("partnership", f"dashboard, {n:,} families", d, "ms", note=note, runs=5),
                Result("partnership", f"families without a positive contact, {n:,} families", q, "ms",
                       runs=5),
                Result("partnership", f"flagged events, {n:,} families", f, "ms", runs=5)]
    return out


def main() -> None:
    print(f"{'families':>8} {'contacts':>8} {'dashboard ms':>13} {'no-positive ms':>15} {'flagged events ms':>18}")
    for n, count, d, q, f in measure():
        print(f"{n:>8} {count:>8} {d:>13.1f} {q:>15.1f} {f:>18.1f}")


if __name__ == "__main__":
    main()
