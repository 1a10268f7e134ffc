"""Cold start to the main window shown (fresh process, offscreen) and peak memory of the app.

Measured from the parent: wall time from spawning the interpreter to the child's "shown" line, so
interpreter start, imports, opening + checking the database and building the window all count.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import ROOT, Result, demo_data_dir, print_table

CHILD = Path(__file__).with_name("_start_window.py")
MEMORY_CHILD = Path(__file__).with_name("_memory_window.py")


def _spawn(mode: str, data_dir: Path) -> tuple[float, int]:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(CHILD), mode, str(data_dir)], stdout=subprocess.PIPE,
                            text=True, cwd=ROOT, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout is not None
    shown = 0.0
    rss = 0
    for line in proc.stdout:
        if line.startswith("shown"):
            shown = time.perf_counter() - t0
        elif line.startswith("maxrss_kb"):
            rss = int(line.split()[1])
    proc.wait()
    return shown, rss


def run(quick: bool = False) -> list[Result]:
    repeat = 3 if quick else 7
    data = demo_data_dir(5000)
    famdesk = [_spawn("famdesk", data)[0] for _ in range(repeat)]
    bare = [_spawn("bare", data)[0] for _ in range(repeat)]
    start = statistics.median(famdesk)
    results = [
        Result("startup", "cold start, 5,000 families", start * 1000, "ms", "< 600 ms", start < 0.6),
        Result("startup", "bare PySide6 window, 10,000-row table", statistics.median(bare) * 1000, "ms",
               note="reference"),
    ]
    if not quick:
        big = demo_data_dir(50000)
        proc = subprocess.run([sys.executable, str(MEMORY_CHILD), str(big)], capture_output=True, text=True,
                              cwd=ROOT, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
        rss_mb = int(proc.stdout.split("maxrss_kb")[1].split()[0]) / 1024
        results.append(Result("memory", "peak RSS, 50,000 families, browsing", rss_mb, "MB", "< 250 MB",
                              rss_mb < 250))
    return results


if __name__ == "__main__":
    print_table(run("--quick" in sys.argv))
