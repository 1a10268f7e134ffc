"""Run every benchmark (never part of the tests), print one table, write results/latest.{json,md}.

    python benchmarks/run.py            # full run (builds 5,000- and 50,000-family demo databases once)
    python benchmarks/run.py --quick    # smaller repeats, skips the 50,000-family memory run

Each ``bench_*.py`` module exposes ``run(quick: bool) -> list[Result]``; a module that only prints its
own table when run as a script is run that way and its output kept verbatim in the results.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import platform
import subprocess
import sys
import traceback
from pathlib import Path

from common import ROOT, Result, print_table

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def machine() -> dict[str, object]:
    mem_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    cpu = ""
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "")
    except OSError:
        pass
    return {"python": platform.python_version(), "system": f"{platform.system()} {platform.release()}",
            "cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem_kb / 1024 / 1024, 1),
            "date": dt.date.today().isoformat()}


def markdown(results: list[Result], info: dict[str, object]) -> str:
    lines = [f"Machine: {info['cpu'] or 'unknown CPU'}, {info['cores']} cores, {info['memory_gb']} GB, "
             f"Python {info['python']}, {info['date']}.", "",
             "| area | measure | result | target | verdict |", "|---|---|---|---|---|"]
    for r in results:
        verdict = "" if r.ok is None else ("met" if r.ok else "**missed**")
        value = f"{r.value:,.1f} {r.unit}" if r.value < 1000 else f"{r.value:,.0f} {r.unit}"
        note = f" ({r.note})" if r.note else ""
        lines.append(f"| {r.area} | {r.name}{note} | {value} | {r.target} | {verdict} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    quick = "--quick" in sys.argv
    only = [a for a in sys.argv[1:] if not a.startswith("--")]
    sys.path.insert(0, str(HERE))
    results: list[Result] = []
    raw: dict[str, str] = {}
    failed = []
    for path in sorted(HERE.glob("bench_*.py")):
        if only and not any(o in path.stem for o in only):
            continue
        print(f"… {path.stem}", flush=True)
        try:
            module = importlib.import_module(path.stem)
            if hasattr(module, "run"):
                results += module.run(quick)
            else:
                proc = subprocess.run([sys.executable, str(path), *(["--quick"] if quick else [])],
                                      capture_output=True, text=True, cwd=ROOT)
                raw[path.stem] = proc.stdout
                print(proc.stdout)
                if proc.returncode != 0:
                    print(proc.stderr[-2000:])
                    failed.append(path.stem)
        except Exception:  # noqa: BLE001 - one broken benchmark must not hide the others
            traceback.print_exc()
            failed.append(path.stem)
    info = machine()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(
        {"machine": info, "quick": quick, "results": [r.as_dict() for r in results], "raw": raw,
         "failed": failed},
        indent=2, ensure_ascii=False))
    extra = "".join(f"\n### {name}\n\n```\n{text.strip()}\n```\n" for name, text in raw.items())
    (RESULTS / "latest.md").write_text(markdown(results, info) + extra)
    print()
    print_table(results)
    print(f"\nwritten: {RESULTS / 'latest.json'}, {RESULTS / 'latest.md'} (root {ROOT})")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
