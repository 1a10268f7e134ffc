"""Directory speed: search per keystroke on 50,000 families (query + Qt model update), page open, one
family's record opened, and a 10,000-row roster import. Run: ``python benchmarks/bench_directory.py``
(not part of pytest; ``--quick``: the 5,000-family database, fewer repeats).

The 50,000-family demo database takes a few minutes to build; it is cached in /tmp between runs
(``common.demo_data_dir``, shared with the start-up and memory benchmarks; ``--rebuild`` builds it
again) and copied for each run so the cache stays untouched.
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
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Result, demo_data_dir  # noqa: E402

from famdesk.app import open_database  # noqa: E402
from famdesk.domain.roles import DIRECTOR  # noqa: E402

TYPED = ["nguyen", "maria", "jose", "muller", "617555", "garcia ana", "xyzq", "محمد", "kim"]


def cached_db(families: int, rebuild: bool) -> Path:
    if rebuild:
        shutil.rmtree(demo_data_dir(families, build=False), ignore_errors=True)
    t = time.perf_counter()
    folder = demo_data_dir(families)
    if time.perf_counter() - t > 5:
        print(f"built {families} demo families in {time.perf_counter() - t:.0f} s (cached in {folder})")
    return folder / "famdesk.sqlite3"


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


def bench_page_open(ctx, runs: int = 5) -> list[float]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from famdesk.gui.pages.families import FamiliesPage

    app = QApplication.instance() or QApplication([])
    out = []
    for _ in range(runs):
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


def bench_family_open(ctx, runs: int = 15) -> list[float]:  # type: ignore[no-untyped-def]
    """A family's record, as a double-click on the list opens it: read, build the editor, paint."""
    from PySide6.QtWidgets import QApplication

    from famdesk.gui.dialogs.family_edit import FamilyDialog
    from famdesk.services import families

    app = QApplication.instance() or QApplication([])
    listed = families.search_families(ctx, families.FamilyFilter(), limit=runs + 1, offset=500)
    ids = [row.id for row in listed]
    out = []
    for family_id in ids:  # the first one builds caches (fonts, Babel data): not counted
        t = time.perf_counter()
        dialog = FamilyDialog(ctx, family_id)
        dialog.show()
        app.processEvents()
        out.append((time.perf_counter() - t) * 1000)
        dialog.close()
        dialog.deleteLater()
        app.processEvents()
    return out[1:]


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
        opened.ctx = opened.ctx.as_actor(DIRECTOR)  # as the director who signed in
        data = roster_csv(rows)
        t = time.perf_counter()
        report = import_roster(opened.ctx, "bench.csv", data=data)
        elapsed = time.perf_counter() - t
        opened.ctx.db.dispose()
    return elapsed, report


def measure(families: int, rebuild: bool = False, quick: bool = False) -> tuple[list[Result], str]:
    src = cached_db(families, rebuild)
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(src, Path(tmp) / "famdesk.sqlite3")
        opened = open_database(tmp)
        opened.ctx = opened.ctx.as_actor(DIRECTOR)  # as the director who signed in
        per_key, bare = bench_search(opened.ctx)
        page = bench_page_open(opened.ctx, 3 if quick else 5)
        record = bench_family_open(opened.ctx, 6 if quick else 15)
        opened.ctx.db.dispose()
    seconds, report = bench_import(10_000)
    n = f"{families:,} families"
    written = (f"{report.families} families, {report.caregivers} caregivers, "  # type: ignore[attr-defined]
               f"{report.children} children written")  # type: ignore[attr-defined]
    results = [
        Result("directory", f"search per keystroke, {n} (query + model update)", statistics.median(per_key),
               "ms", limit=5, runs=len(per_key), key="directory.search",
               note=f"{len(TYPED)} words typed letter by letter; max {max(per_key):.1f} ms"),
        Result("directory", "search query alone, one page of 50", statistics.median(bare), "ms",
               runs=len(bare), note=f"max {max(bare):.1f} ms"),
        Result("directory", f"families page open, {n}", statistics.median(page), "ms", limit=300,
               runs=len(page), key="directory.page", note=f"the first open {page[0]:.0f} ms"),
        Result("directory", "a family's record opened (editor: read, build, paint)",
               statistics.median(record), "ms", runs=len(record), key="directory.family",
               note=f"max {max(record):.0f} ms"),
        Result("directory", "import 10,000 CSV rows: read, validate, commit", seconds, "s", limit=5,
               key="directory.import", note=written),
    ]
    table = (f"\n{'measure':<52}{'median':>10}{'max':>10}  target\n"
             f"{'search keystroke, query + model update (ms)':<52}{statistics.median(per_key):>10.2f}"
             f"{max(per_key):>10.2f}  < 5 ms\n"
             f"{'search query alone, one page of 50 (ms)':<52}{statistics.median(bare):>10.2f}"
             f"{max(bare):>10.2f}\n"
             f"{'families page open (ms)':<52}{statistics.median(page):>10.1f}{max(page):>10.1f}  < 300 ms\n"
             f"{'family record opened (ms)':<52}{statistics.median(record):>10.1f}{max(record):>10.1f}\n"
             f"{'import 10,000 rows: validate + commit (s)':<52}{seconds:>10.2f}{'':>10}  < 5 s\n"
             f"  ({written}, written={report.written})")  # type: ignore[attr-defined]
    return results, table


def bench_results(quick: bool = False) -> list[Result]:
    return measure(5000 if quick else 50_000, quick=quick)[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--families", type=int, default=50_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--quick", action="store_true", help="5,000 families, fewer repeats")
    args = parser.parse_args()
    print(measure(5000 if args.quick else args.families, args.rebuild, args.quick)[1])


if __name__ == "__main__":
    main()
