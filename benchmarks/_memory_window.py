"""Child process for the memory benchmark: browse 50,000 families as a director would, report peak RSS.

The window is started as ``run_gui`` starts it; then a search typed letter by letter, 5,000 rows
scrolled through, 20 families' records shown, and every area opened once.
"""

from __future__ import annotations

import resource
import sys

from famdesk.app import open_database, start_logging
from famdesk.gui.application import ensure_qapplication
from famdesk.gui.main_window import MainWindow
from PySide6.QtCore import QModelIndex  # noqa: I001 (after famdesk, as the app imports it)

opened = open_database(sys.argv[1])
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
print(f"rows {page.model.rowCount()} areas {len(window._built)}", flush=True)
print(f"maxrss_kb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", flush=True)
