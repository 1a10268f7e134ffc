"""Child process for the memory benchmark: browse 50,000 families as a director would, report peak RSS.

    python benchmarks/_memory_window.py DATA_DIR [--every-tab]

The window is started as ``run_gui`` starts it; then a search typed letter by letter, 5,000 rows
scrolled through, 20 families' records shown, and every area opened once; ``--every-tab`` then also
opens every tab of every area (family goals, events, contacts, observation coverage…).
"""

from __future__ import annotations

import resource
import sys
import time

from PySide6.QtCore import QModelIndex  # noqa: I001 (after famdesk, as the app imports it)
from PySide6.QtWidgets import QTabWidget

from famdesk.app import open_database, start_logging
from famdesk.domain.roles import DIRECTOR
from famdesk.gui.application import ensure_qapplication
from famdesk.gui.main_window import MainWindow

opened = open_database(sys.argv[1])
opened.ctx = opened.ctx.as_actor(DIRECTOR)  # as the director who signed in
start_logging(opened.paths)
app = ensure_qapplication()
window = MainWindow(opened.ctx, opened.paths, fill_after_paint=True)
window.show()
app.processEvents()
page = window.pages["families"]
for text in ("n", "ng", "ngu", "nguy", "", "ma", "mar", "maria", ""):
    page.model.set_text(text)
    app.processEvents()
for _ in range(100):  # scroll through 5,000 rows (pages of 50)
    if page.model.canFetchMore(QModelIndex()):
        page.model.fetchMore(QModelIndex())
app.processEvents()
for row in range(0, 5000, 250):
    page.show_family(row)
for index in range(window.nav.count()):
    window.nav.setCurrentRow(index)
    app.processEvents()
tabs = 0
if "--every-tab" in sys.argv:
    for index in range(window.nav.count()):
        window.nav.setCurrentRow(index)
        for tab_widget in window.stack.currentWidget().findChildren(QTabWidget):
            for tab in range(tab_widget.count()):
                tab_widget.setCurrentIndex(tab)
                app.processEvents()
                tabs += 1
print(f"rows {page.model.rowCount()} areas {len(window._built)} tabs {tabs} "
      f"seconds {time.process_time():.1f}", flush=True)


def peak_kb() -> int:
    """This process's own peak RSS. Linux keeps ``ru_maxrss`` across exec, so a child started by a parent
    that had just built a 50,000-family demo would report the parent's peak; ``VmHWM`` is this image's."""
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # macOS counts bytes


print(f"maxrss_kb {peak_kb()}", flush=True)
