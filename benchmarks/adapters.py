"""Results for benchmarks that only print their own table (no ``bench_results``): how ``run.py`` calls
them and reads their figures back. Kept apart so those scripts stay as their areas wrote them."""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable

from common import Result

SEARCH_TARGET_MS = 5
TIMELINE_TARGET_MS = 100

_ROW = re.compile(r"^(?P<what>child timeline \((?P<notes>[\d,]+) notes\)|search: (?P<label>.+?))\s+"
                  r"(?P<rows>\d+)\s+(?P<median>[\d.]+)\s+(?P<max>[\d.]+)(?:\s+\S.*)?$")  # then maybe the share


def observations(output: str, quick: bool) -> list[Result]:
    """``bench_observations.py``: one result per line of its table, and the issue's two figures."""
    total = re.search(r"([\d,]+) notes", output)
    notes = f"{total.group(1)} notes" if total else "notes"
    results: list[Result] = []
    searches: list[tuple[float, str]] = []
    for line in output.splitlines():
        m = _ROW.match(line.strip())
        if not m:
            continue
        median, worst = float(m["median"]), float(m["max"])
        if m["label"] is None:
            results.append(Result("observations", f"child timeline, {m['notes']} notes", median, "ms",
                                  limit=TIMELINE_TARGET_MS, key="observations.timeline", runs=-1,
                                  note=f"{notes} in the database; max {worst:.1f} ms"))
        else:
            searches.append((median, m["label"]))
            results.append(Result("observations", f"search {m['label']}", median, "ms", runs=-1,
                                  limit=SEARCH_TARGET_MS, note=f"{m['rows']} found; max {worst:.1f} ms"))
    if searches:
        slowest = max(searches)
        results.insert(1 if results and results[0].key else 0, Result(
            "observations", f"full-text search over {notes}: median of {len(searches)} queries' medians",
            statistics.median(m for m, _ in searches), "ms", limit=SEARCH_TARGET_MS, runs=-1,
            key="observations.search", note=f"slowest {slowest[0]:.1f} ms: {slowest[1]}"))
    return results


# name → (arguments for a quick run, for a full run, reader of its output)
ADAPTERS: dict[str, tuple[list[str], list[str], Callable[[str, bool], list[Result]]]] = {
    "bench_observations": (["--notes", "20000"], [], observations),
}
