"""Cold start (fresh process, offscreen) and peak memory of the app.

    python benchmarks/bench_startup.py [--quick]

Measured from the parent: wall time from spawning the interpreter to each line the child prints
(``_start_window.py``), so interpreter start, imports, opening and checking the database and building
the window all count. Two moments: the main window's first paint ("shown"), and the first paint of the
families table with rows in it ("rows": famdesk fills the list right after the window shows). The OS
file cache is warm (one discarded run of each kind first); the modes are interleaved so a change in
the machine's load hits them alike. CPU time of each child is reported too: it hardly changes when
other jobs share the cores, where wall time does.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import ROOT, Result, demo_data_dir, print_table

CHILD = Path(__file__).with_name("_start_window.py")
MEMORY_CHILD = Path(__file__).with_name("_memory_window.py")
START_TARGET_MS = 600
MEMORY_TARGET_MB = 250


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


def _spawn(mode: str, data_dir: Path) -> dict[str, float]:
    """Seconds from spawn to each line the child prints ("shown", "rows"), and its CPU seconds up to
    "rows" (not its exit, which tears the window down)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(CHILD), mode, str(data_dir)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, cwd=ROOT, env=_env())
    assert proc.stdout is not None
    seen: dict[str, float] = {}
    for line in proc.stdout:
        parts = line.split()
        if parts and parts[0] not in seen:
            seen[parts[0]] = time.perf_counter() - t0
            if parts[0] == "rows":
                seen["cpu"] = float(parts[2])
    proc.wait()
    if proc.returncode != 0 or "shown" not in seen or "rows" not in seen:
        raise RuntimeError(f"start-up child {mode!r} failed (exit {proc.returncode}, saw {sorted(seen)})")
    return seen


def _ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def measure_start(data: Path, repeat: int) -> dict[str, dict[str, list[float]]]:
    modes = ("famdesk", "command", "login", "bare")
    for mode in modes:  # warm-up: OS file cache, .pyc files, today's on-start backup
        _spawn(mode, data)
    runs: dict[str, dict[str, list[float]]] = {m: {"shown": [], "rows": [], "cpu": []} for m in modes}
    for _ in range(repeat):
        for mode in modes:
            got = _spawn(mode, data)
            for what in ("shown", "rows", "cpu"):
                runs[mode][what].append(got[what])
    return runs


def peak_memory_mb(data: Path, every_tab: bool = False) -> float:
    cmd = [sys.executable, str(MEMORY_CHILD), str(data), *(["--every-tab"] if every_tab else [])]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=_env())
    if "maxrss_kb" not in proc.stdout:
        raise RuntimeError(f"memory child failed: {proc.stderr[-2000:]}")
    return int(proc.stdout.split("maxrss_kb")[1].split()[0]) / 1024


def bench_results(quick: bool = False) -> list[Result]:
    repeat = 3 if quick else 9
    families = 5000
    data = demo_data_dir(families)
    runs = measure_start(data, repeat)
    bare = _ms(runs["bare"]["shown"])
    n = f"{families:,} families"

    def result(key: str, name: str, mode: str, what: str, target: bool = True) -> Result:
        ms = _ms(runs[mode][what])
        spread = f"{min(runs[mode][what]) * 1000:,.0f}–{max(runs[mode][what]) * 1000:,.0f} ms"
        note = f"range {spread}; CPU {_ms(runs[mode]['cpu']):,.0f} ms; {ms / bare:.1f}× the bare window"
        return Result("startup", name, ms, "ms", note=note, runs=repeat, key=key,
                      limit=START_TARGET_MS if target else None)

    results = [
        result("startup.shown", f"cold start to main window shown, {n}", "famdesk", "shown"),
        result("startup.rows", f"cold start to first rows painted, {n}", "famdesk", "rows"),
        result("startup.command", f"`famdesk` command to main window shown, {n} (sign-in skipped)",
               "command", "shown"),
        result("startup.command_rows", f"`famdesk` command to first rows painted, {n} (sign-in skipped)",
               "command", "rows"),
        result("startup.login", f"`famdesk` command to the sign-in dialog shown, {n}", "login", "shown"),
        Result("startup", "bare PySide6 window, 10,000-row table (reference, same run)", bare, "ms",
               note=f"CPU {_ms(runs['bare']['cpu']):,.0f} ms", runs=repeat, key="startup.bare"),
    ]
    big = families if quick else 50000
    data = demo_data_dir(big)
    note = "quick run: the 50,000-family database is measured without --quick; " if quick else ""
    results.append(Result("memory", f"peak RSS, {big:,} families, browsing every area", peak_memory_mb(data),
                          "MB", limit=MEMORY_TARGET_MB, key="memory.peak",
                          note=note + "search, scroll 5,000 rows, 20 family records, every area opened"))
    results.append(Result("memory", f"peak RSS, {big:,} families, every tab of every area too",
                          peak_memory_mb(data, every_tab=True), "MB", limit=MEMORY_TARGET_MB,
                          note="adds visit compliance, observation coverage, goals, events, contacts"))
    return results


if __name__ == "__main__":
    print_table(bench_results("--quick" in sys.argv))
