"""Shared benchmark helpers: cached demo databases by size, timing, and the result record format."""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FAMDESK_LANGUAGE", "en")

CACHE = Path(os.environ.get("FAMDESK_BENCH_CACHE", "/tmp/famdesk-bench"))


@dataclass
class Result:
    """One measured figure. ``limit`` (with ``higher_is_better``) makes the verdict and says by how
    much a target is missed; ``ok`` alone is kept for results that judge themselves."""

    area: str
    name: str
    value: float
    unit: str
    target: str = ""
    ok: bool | None = None
    note: str = ""
    limit: float | None = None
    higher_is_better: bool = False
    runs: int = 0  # timed runs behind the median (or best); 0: one measurement; -1: as the script says
    key: str = ""  # stable id of an issue measure ("startup.shown"): run.py's summary picks these

    def __post_init__(self) -> None:
        if self.limit is not None and self.ok is None:
            self.ok = self.value >= self.limit if self.higher_is_better else self.value < self.limit
        if self.limit is not None and not self.target:
            self.target = f"{'>=' if self.higher_is_better else '<'} {self.limit:g} {self.unit}"

    def miss_factor(self) -> float | None:
        """How many times worse than the target (1.3 = 30 % over), None when met or without a limit."""
        if self.limit is None or self.ok or not self.value or not self.limit:
            return None
        return self.limit / self.value if self.higher_is_better else self.value / self.limit

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def demo_data_dir(families: int, seed: int = 2026, build: bool = True) -> Path:
    """A data folder holding a demo program of ``families`` households, made once and reused
    (``build=False``: only where it would be)."""
    from famdesk.db.migrate import HEAD

    folder = CACHE / f"demo-{families}-{seed}-{HEAD}"  # a new schema gets a fresh database
    marker = folder / "ready"
    if build and not marker.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        with _building(CACHE / f"{folder.name}.lock"):  # another benchmark may be building it right now
            if not marker.exists():
                from famdesk.app import open_database
                from famdesk.domain.roles import DIRECTOR
                from famdesk.services.demo import create_demo

                shutil.rmtree(folder, ignore_errors=True)
                opened = open_database(str(folder))
                opened.ctx = opened.ctx.as_actor(DIRECTOR)  # as the director who signed in
                create_demo(opened.ctx, families=families, seed=seed)
                opened.ctx.db.dispose()
                marker.write_text("ok")
    return folder


@contextmanager
def _building(lock: Path) -> Iterator[None]:
    with lock.open("a") as fh:
        try:
            import fcntl
        except ImportError:  # Windows: one benchmark at a time, then
            yield
            return
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def median_ms(fn: Callable[[], object], repeat: int = 20, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def verdict(r: Result) -> str:
    if r.ok is None:
        return ""
    if r.ok:
        return "met"
    factor = r.miss_factor()
    return f"MISSED ({factor:.2f}×)" if factor else "MISSED"


def print_table(results: list[Result]) -> None:
    if not results:
        return
    width = max(len(r.name) for r in results)
    for r in results:
        print(f"{r.area:<12} {r.name:<{width}}  {r.value:>10.2f} {r.unit:<8} {r.target:<14} {verdict(r)}")


def emit(results: list[Result]) -> None:
    """Hand results to ``run.py`` (which runs each benchmark in its own process) on stdout."""
    import json

    for r in results:
        print(RESULT_MARK + json.dumps(r.as_dict(), ensure_ascii=False), flush=True)


RESULT_MARK = "@@famdesk-bench-result@@ "
