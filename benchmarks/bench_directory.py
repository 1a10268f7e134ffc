"""Directory speed: search per keystroke on 50,000 families (query + Qt model update), page open, and a
10,000-row roster import. Run: ``python benchmarks/bench_directory.py`` (not part of pytest).

The 50,000-family demo database takes a few minutes to build; it is cached in /tmp between runs
(``--rebuild`` builds it again) and copied for each run so the cache stays untouched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from famdesk.app import open_database  # noqa: E402
from famdesk.services.demo import create_demo  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "famdesk_bench50k"
TYPED = ["nguyen", "maria", "jose", "muller", "617555", "garcia ana", "xyzq", "محمد", "kim"]


def cached_db(families: int, rebuild: bool) -> Path:
    db = CACHE / "famdesk.sqlite3"
    if rebuild or not db.exists():
        shutil.rmtree(CACHE, ignore_errors=True)
        t = time.perf_counter()
        opened = open_database(str(CACHE))
        create_demo(opened.ctx, families=families)
        opened.ctx.db.dispose()
        print(f"built {families} demo families in {time.perf_counter() - t:.0f} s (cached in {CACHE})")
    return db


def bench_search(ctx) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from famdesk.gui.models.family_table import FamilyTableModel
    from famdesk.services import families

    QApplication.instance() or QApplication([])
    model = FamilyTableModel(ctx)
    model.refresh()
    per_key, bare = [], []
    for word in TYPED:
        for n in range(1, len(word) + 1):
            t = time.perf_counter()
            model.set_text(word[:n])
            per_key.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            families.search_families(ctx, families.FamilyFilter(text=word[:n]), limit=50)
            bare.append((time.perf_counter() - t) * 1000)
        model.set_text("")
    return per_key, bare


def bench_page_open(ctx) -> list[float]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from famdesk.gui.pages.families import FamiliesPage

    app = QApplication.instance() or QApplication([])
    out = []
    for _ in range(5):
        t = time.perf_counter()
        page = FamiliesPage(ctx)
        page.resize(1200, 760)
        page.show()
        app.processEvents()
        out.append((time.perf_counter() - t) * 1000)
        page.close()
        page.deleteLater()
        app.processEvents()
    return out


def roster_csv(rows: int) -> bytes:
    lines = [
        "Family ID,Child First Name,Child Last Name,Date of Birth,Classroom,Program Option,Home Language,"
        "Caregiver 1 Name,Caregiver 1 Relationship,Caregiver 1 Phone,Caregiver 1 Email,Caregiver 2 Name,"
        "Caregiver 2 Phone,Street,City,State,ZIP,Directory Consent"
    ]
    firsts = ["Ana", "José", "Minh", "Amina", "Olivia", "Yusuf", "Sofía", "Lena", "Hodan", "Wei"]
    lasts = ["Nguyễn", "García", "Müller", "Hassan", "Smith", "Pierre", "Cali", "Kim", "Silva", "Ivanova"]
    for i in range(rows):
        fam = i // 2
        last = lasts[fam % 10] + str(fam)
        lines.append(
            f"B{fam:06d},{firsts[i % 10]},{last},{1 + i % 12}/{1 + i % 28}/{2021 + i % 4},Room {fam % 8},"
            f"Center-based,Spanish,{firsts[(fam + 3) % 10]} {last},Mother,"
            f"(617) 555-{fam % 10000:04d},p{fam}@example.org,{firsts[(fam + 5) % 10]} {last},"
            f"(508) 555-{(fam * 7) % 10000:04d},{fam} Main St,Springfield,OR,97{fam % 1000:03d},Yes"
        )
    return ("\ufeff" + "\r\n".join(lines)).encode("utf-8")


def bench_import(rows: int) -> tuple[float, object]:
    from famdesk.services.imports import import_roster

    with tempfile.TemporaryDirectory() as tmp:
        opened = open_database(tmp)
        data = roster_csv(rows)
        t = time.perf_counter()
        report = import_roster(opened.ctx, "bench.csv", data=data)
        elapsed = time.perf_counter() - t
        opened.ctx.db.dispose()
    return elapsed, report


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--families", type=int, default=50_000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    src = cached_db(args.families, args.rebuild)
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(src, Path(tmp) / "famdesk.sqlite3")
        opened = open_database(tmp)
        per_key, bare = bench_search(opened.ctx)
        page = bench_page_open(opened.ctx)
        opened.ctx.db.dispose()
    seconds, report = bench_import(10_000)
    print(f"\n{'measure':<52}{'median':>10}{'max':>10}  target")
    print(
        f"{'search keystroke, query + model update (ms)':<52}{statistics.median(per_key):>10.2f}"
        f"{max(per_key):>10.2f}  < 5 ms"
    )
    print(
        f"{'search query alone, one page of 50 (ms)':<52}{statistics.median(bare):>10.2f}{max(bare):>10.2f}"
    )
    print(f"{'families page open (ms)':<52}{statistics.median(page):>10.1f}{max(page):>10.1f}  < 300 ms")
    print(f"{'import 10,000 rows: validate + commit (s)':<52}{seconds:>10.2f}{'':>10}  < 5 s")
    print(
        f"  ({report.families} families, {report.caregivers} caregivers, {report.children} children, "  # type: ignore[attr-defined]
        f"written={report.written})"
    )  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
