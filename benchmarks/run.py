"""Run every benchmark (never part of the tests), print one table, write results/latest.{json,md}.

    python benchmarks/run.py              # full run (builds 5,000- and 50,000-family demo databases once)
    python benchmarks/run.py --quick      # fewer repeats and smaller data (5,000 families); minutes
    python benchmarks/run.py startup visits   # only the benchmarks whose names contain these words

Each ``bench_*.py`` exposes ``bench_results(quick) -> list[Result]`` and runs in its own process
(``_run_one.py``); a module without it is run as a script, its output kept verbatim and, where
``adapters.py`` knows the script, its figures read back from that output. The
summary lists the issue's measures (results with a ``key``) with median, target and verdict; the
machine, its load before and after, and the library versions are part of the output because the
figures mean nothing without them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from adapters import ADAPTERS
from common import RESULT_MARK, ROOT, Result, print_table, verdict

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
ORDER = ["bench_startup", "bench_directory", "bench_visits", "bench_observations", "bench_packets",
         "bench_partnership", "bench_accounts"]

# The measures, in its order: (key, what the summary calls it). Quick runs measure smaller data;
# each result's own name says what was measured.
SUMMARY = [
    ("startup.shown", "Cold start to the main window shown"),
    ("startup.rows", "… and to the first rows of the families list painted"),
    ("directory.search", "Directory search per keystroke"),
    ("directory.page", "Opening the families page"),
    ("directory.family", "Opening a family's record"),
    ("directory.import", "Importing 10,000 CSV rows"),
    ("visits.month", "Month calendar with 2,000 visits"),
    ("observations.timeline", "Child timeline with 2,000 notes"),
    ("observations.search", "Full-text search over 200,000 notes"),
    ("packets.rate", "Welcome packets for 200 families"),
    ("packets.weasyprint", "… famdesk ÷ WeasyPrint, same content"),
    ("packets.libreoffice", "… famdesk ÷ LibreOffice, same content"),
    ("memory.peak", "Peak memory (RSS) with 50,000 families"),
]


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def machine() -> dict[str, object]:
    mem_kb = next((int(line.split()[1]) for line in _read("/proc/meminfo").splitlines()
                   if line.startswith("MemTotal")), 0)
    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines()
                if line.startswith("model name")), "") or platform.processor()
    info: dict[str, object] = {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "system": f"{platform.system()} {platform.release()}", "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version, "date": dt.date.today().isoformat(),
    }
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        info["qt"] = qVersion()
        info["pyside6"] = PySide6.__version__
    except ImportError:
        pass
    for name in ("sqlalchemy", "reportlab", "weasyprint"):
        try:
            info[name] = __import__(name).__version__
        except (ImportError, AttributeError):
            pass
    soffice = next((p for p in ("soffice", "libreoffice") if _which(p)), None)
    if soffice:
        out = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=60).stdout
        info["libreoffice"] = out.strip().split("\n")[0]
    return info


def _which(name: str) -> bool:
    import shutil

    return shutil.which(name) is not None


def run_bench(path: Path, quick: bool) -> tuple[list[Result], str, bool]:
    """(results, the benchmark's own output, whether it failed)."""
    has_run = "\ndef bench_results(" in path.read_text(encoding="utf-8")
    adapter = ADAPTERS.get(path.stem)
    if has_run:
        cmd = [sys.executable, str(HERE / "_run_one.py"), path.stem, *(["--quick"] if quick else [])]
    else:
        cmd = [sys.executable, str(path), *((adapter[0] if quick else adapter[1]) if adapter else [])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
                            env=env)
    assert proc.stdout is not None
    results, lines = [], []
    for line in proc.stdout:
        if line.startswith(RESULT_MARK):
            results.append(Result(**json.loads(line[len(RESULT_MARK):])))
        else:
            lines.append(line)
            print("   " + line, end="", flush=True)
    proc.wait()
    output = "".join(lines)
    if adapter and not has_run and proc.returncode == 0:
        results = adapter[2](output, quick)
    failed = proc.returncode != 0 or ((has_run or adapter is not None) and not results)
    return results, output, failed


def _value(r: Result) -> str:
    return f"{r.value:,.1f} {r.unit}" if abs(r.value) < 1000 else f"{r.value:,.0f} {r.unit}"


def _verdict_md(r: Result) -> str:
    text = verdict(r)
    return f"**{text.lower()}**" if text.startswith("MISSED") else text


def markdown(results: list[Result], info: dict[str, object], quick: bool, failed: list[str]) -> str:
    load = info.get("load_before"), info.get("load_after")
    lines = [
        f"Machine: {info['cpu'] or 'unknown CPU'}, {info['cores']} cores, {info['memory_gb']} GB RAM, "
        f"{info['system']}; Python {info['python']}, Qt {info.get('qt', '?')} "
        f"(PySide6 {info.get('pyside6', '?')}), "
        f"SQLite {info['sqlite']}, SQLAlchemy {info.get('sqlalchemy', '?')}"
        + (f", WeasyPrint {info['weasyprint']}" if "weasyprint" in info else "")
        + (f", {info['libreoffice']}" if "libreoffice" in info else ", LibreOffice not installed") + ".",
        f"Load average (1/5/15 min) before: {load[0]}, after: {load[1]}. {info['date']}, "
        f"{'quick run (smaller data, fewer repeats)' if quick else 'full run'}, "
        f"{info.get('minutes', '?')} min.",
        "",
        "| measure | median | runs | target | verdict | what exactly |",
        "|---|---|---|---|---|---|",
    ]
    by_key = {r.key: r for r in results if r.key}
    for key, label in SUMMARY:
        r = by_key.get(key)
        if r is None:
            lines.append(f"| {label} | not measured | | | | |")
            continue
        runs = str(r.runs) if r.runs > 0 else ("1" if r.runs == 0 else "its own")
        exactly = r.name + (f"; {r.note}" if r.note else "")
        lines.append(f"| {label} | {_value(r)} | {runs} | {r.target} | {_verdict_md(r)} | {exactly} |")
    lines += ["", "All figures:", "", "| area | measure | result | target | verdict |",
              "|---|---|---|---|---|"]
    for r in results:
        note = f" ({r.note})" if r.note else ""
        lines.append(f"| {r.area} | {r.name}{note} | {_value(r)} | {r.target} | {_verdict_md(r)} |")
    if failed:
        lines += ["", "Failed: " + ", ".join(failed)]
    return "\n".join(lines) + "\n"


def main() -> int:
    quick = "--quick" in sys.argv
    only = [a for a in sys.argv[1:] if not a.startswith("--")]
    found = {p.stem: p for p in HERE.glob("bench_*.py")}
    names = [n for n in ORDER if n in found] + sorted(n for n in found if n not in ORDER)
    started = time.perf_counter()
    load_before = load_average()
    results: list[Result] = []
    raw: dict[str, str] = {}
    failed: list[str] = []
    for name in names:
        if only and not any(o in name for o in only):
            continue
        print(f"… {name} (load {' '.join(map(str, load_average()))})", flush=True)
        got, output, bad = run_bench(found[name], quick)
        results += got
        raw[name] = output
        if bad:
            failed.append(name)
    info = machine()
    info.update(load_before=load_before, load_after=load_average(),
                minutes=round((time.perf_counter() - started) / 60, 1))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(
        {"machine": info, "quick": quick, "results": [r.as_dict() for r in results], "failed": failed,
         "output": raw}, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / "latest.md").write_text(markdown(results, info, quick, failed))
    print()
    print_table(results)
    print()
    print(markdown(results, info, quick, failed))
    print(f"written: {RESULTS / 'latest.json'}, {RESULTS / 'latest.md'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
