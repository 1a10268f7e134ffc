"""Shared benchmark helpers: cached demo databases by size, timing, and the result record format."""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FAMDESK_LANGUAGE", "en")

CACHE = Path(os.environ.get("FAMDESK_BENCH_CACHE", "/tmp/famdesk-bench"))


@dataclass
class Result:
    area: str
    name: str
    value: float
    unit: str
    target: str = ""
    ok: bool | None = None
    note: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def demo_data_dir(families: int, seed: int = 2026) -> Path:
    """A data folder holding a demo program of ``families`` households, made once and reused."""
    from famdesk.app import open_database
    from famdesk.db.migrate import HEAD
    from famdesk.services.demo import create_demo

    folder = CACHE / f"demo-{families}-{seed}-{HEAD}"  # a new schema gets a fresh database
    marker = folder / "ready"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        opened = open_database(str(folder))
        create_demo(opened.ctx, families=families, seed=seed)
        opened.ctx.db.dispose()
        marker.write_text("ok")
    return folder


def median_ms(fn: Callable[[], object], repeat: int = 20, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def print_table(results: list[Result]) -> None:
    width = max(len(r.name) for r in results)
    for r in results:
        verdict = "" if r.ok is None else ("ok" if r.ok else "MISSED")
        print(f"{r.area:<12} {r.name:<{width}}  {r.value:>10.2f} {r.unit:<8} {r.target:<12} {verdict}")
