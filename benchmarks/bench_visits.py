"""Visits benchmarks: the month view with 2,000 visits, compliance for 1,000 families.

Run: ``python benchmarks/bench_visits.py`` (offscreen). Targets from issue 3: month view < 200 ms,
compliance for 1,000 families < 1 s. Each figure is the median of several runs after a warm-up.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Result  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from famdesk.app import open_database  # noqa: E402
from famdesk.db import models as m  # noqa: E402
from famdesk.domain.roles import DIRECTOR  # noqa: E402
from famdesk.domain.visits import VisitKind, VisitPlace, VisitStatus  # noqa: E402
from famdesk.i18n import set_ui_language  # noqa: E402
from famdesk.services import compliance, visits  # noqa: E402
from famdesk.services.demo import create_demo  # noqa: E402


def median_ms(fn, runs: int = 7) -> float:  # type: ignore[no-untyped-def]
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def add_month_of_visits(ctx, month: dt.date, count: int) -> None:  # type: ignore[no-untyped-def]
    """``count`` extra visits spread over the weekdays of ``month`` (one insert, like a busy program)."""
    rng = random.Random(7)
    with ctx.db.transaction() as s:
        families = list(s.scalars(select(m.Family.id)))
        staff = list(s.scalars(select(m.StaffMember.id)))
        days = [
            month + dt.timedelta(days=i)
            for i in range(31)
            if (month + dt.timedelta(days=i)).month == month.month
            and (month + dt.timedelta(days=i)).weekday() < 5
        ]
        now = dt.datetime(2026, 1, 1)
        rows = []
        for _ in range(count):
            start = dt.datetime.combine(rng.choice(days), dt.time(rng.randint(8, 18), rng.choice([0, 30])))
            rows.append(
                {
                    "family_id": rng.choice(families),
                    "kind": VisitKind.HOME_VISIT,
                    "starts_at": start,
                    "ends_at": start + dt.timedelta(minutes=90),
                    "place": VisitPlace.HOME,
                    "address": "",
                    "purpose": "",
                    "interpreter_needed": False,
                    "interpreter_name": "",
                    "status": rng.choice(list(VisitStatus)),
                    "outcome_notes": "",
                    "series_id": "",
                    "created_at": now,
                    "updated_at": now,
                }
            )
        first_id = (s.scalar(select(m.Visit.id).order_by(m.Visit.id.desc()).limit(1)) or 0) + 1
        s.execute(insert(m.Visit), rows)
        s.execute(
            insert(m.visit_staff),
            [{"visit_id": first_id + i, "staff_id": rng.choice(staff)} for i in range(count)],
        )


def add_year_of_visits(ctx, per_family: int) -> None:  # type: ignore[no-untyped-def]
    """A full program year: ``per_family`` weekly home visits for every family, mixed outcomes."""
    rng = random.Random(11)
    with ctx.db.transaction() as s:
        program = s.scalars(select(m.Program)).first()
        families = list(s.scalars(select(m.Family.id)))
        staff = list(s.scalars(select(m.StaffMember.id)))
        first_id = (s.scalar(select(m.Visit.id).order_by(m.Visit.id.desc()).limit(1)) or 0) + 1
        now = dt.datetime(2026, 1, 1)
        rows, links = [], []
        for fid in families:
            who = rng.choice(staff)
            for week in range(per_family):
                start = dt.datetime.combine(
                    program.year_start + dt.timedelta(weeks=week, days=rng.randint(0, 4)),
                    dt.time(rng.randint(8, 18)),
                )
                status = rng.choices(list(VisitStatus), weights=[10, 75, 7, 5, 3])[0]
                rows.append(
                    {
                        "family_id": fid,
                        "kind": VisitKind.HOME_VISIT,
                        "starts_at": start,
                        "ends_at": start + dt.timedelta(minutes=90),
                        "place": VisitPlace.HOME,
                        "address": "",
                        "purpose": "",
                        "interpreter_needed": False,
                        "interpreter_name": "",
                        "status": status,
                        "outcome_notes": "",
                        "series_id": "",
                        "minutes_held": rng.choice([None, 90, 60]),
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                links.append({"visit_id": first_id + len(links), "staff_id": who})
        s.execute(insert(m.Visit), rows)
        s.execute(insert(m.visit_staff), links)


def s_year_end(ctx) -> dt.date:  # type: ignore[no-untyped-def]
    with ctx.db.read() as s:
        end = s.scalars(select(m.Program)).first().year_end
        assert end is not None
        return end


Measured = tuple[str, float, int | None, str, int]


def measure() -> tuple[list[Measured], float]:
    """([(what, median ms, target ms or None, key, runs)], seconds to build the demo)."""
    set_ui_language("en")
    from famdesk.gui.application import ensure_qapplication
    from famdesk.gui.widgets.visit_calendar import MonthView, WeekView, week_start

    app = ensure_qapplication()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_database(tmp).ctx.as_actor(DIRECTOR)
        today = dt.date.today()
        t0 = time.perf_counter()
        create_demo(ctx, families=1000, today=today)
        demo_s = time.perf_counter() - t0
        month = today.replace(day=1)
        add_month_of_visits(ctx, month, 2000)
        first = week_start(month)
        lo, hi = (
            dt.datetime.combine(first, dt.time()),
            dt.datetime.combine(first + dt.timedelta(days=42), dt.time()),
        )
        n_month = len(visits.visits_between(ctx, lo, hi))

        view = MonthView()
        view.resize(1100, 720)
        view.show()

        def month_render() -> None:
            rows = visits.visits_between(ctx, lo, hi)
            view.set_month(month, rows)
            view.grab()

        def month_paint_only() -> None:
            view.update()
            view.grab()

        week = WeekView()
        week.resize(1100, 720)
        week.show()
        busiest = week_start(month + dt.timedelta(days=7))
        week_lo = dt.datetime.combine(busiest, dt.time())

        def week_render() -> None:
            rows = visits.visits_between(ctx, week_lo, week_lo + dt.timedelta(days=7))
            week.set_week(busiest, rows)
            week.grab()

        families = len(compliance.family_compliance(ctx, today))
        with ctx.db.read() as s:
            total_visits = len(list(s.scalars(select(m.Visit.id))))
        month_ms = median_ms(month_render)
        month = f"month view: query + lay out + paint ({n_month} visits)"
        results.append((month, month_ms, 200, "visits.month", 7))
        results.append(("month view: paint only", median_ms(month_paint_only), None, "", 7))
        week_ms = median_ms(week_render)
        results.append((f"week view: query + paint ({len(week.visits)} visits)", week_ms, None, "", 7))
        comp_ms = median_ms(lambda: compliance.family_compliance(ctx, today), runs=5)
        results.append((f"compliance: {families} families, {total_visits} visits", comp_ms, 1000, "", 5))
        results.append(
            ("at-risk list (same data)", median_ms(lambda: compliance.at_risk(ctx, today), runs=5), None, "",
             5)
        )
        add_year_of_visits(ctx, 46)
        with ctx.db.read() as s:
            total_visits = len(list(s.scalars(select(m.Visit.id))))
        year_end = s_year_end(ctx)
        comp_ms = median_ms(lambda: compliance.family_compliance(ctx, year_end), runs=3)
        year = f"compliance at year end: {families} families, {total_visits} visits"
        results.append((year, comp_ms, 1000, "", 3))
        ctx.db.dispose()
    app.processEvents()
    return results, demo_s


def bench_results(quick: bool = False) -> list[Result]:
    """For ``run.py`` (the same sizes either way: a 1,000-family demo takes seconds)."""
    results, _demo_s = measure()
    return [Result("visits", name, ms, "ms", limit=target, runs=runs, key=key)
            for name, ms, target, key, runs in results]


def main() -> None:
    results, demo_s = measure()
    print(f"demo with 1,000 families + a year of visits created in {demo_s:.1f} s")
    print(f"{'measure':58} {'median ms':>10} {'target':>8}")
    for name, ms, target, _key, _runs in results:
        flag = "" if target is None else ("ok" if ms < target else "SLOW")
        print(f"{name:58} {ms:10.1f} {('< ' + str(target)) if target else '':>8} {flag}")
    sys.stdout.flush()
    # PySide6 can crash while tearing widgets down at interpreter exit; the figures are printed.
    os._exit(0)


if __name__ == "__main__":
    main()
