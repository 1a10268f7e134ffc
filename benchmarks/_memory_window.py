"""Child process for the memory benchmark: browse 50,000 families as a director would, report peak RSS."""

from __future__ import annotations

import resource
import sys

from PySide6.QtCore import QModelIndex

from famdesk.app import open_database, start_logging
from famdesk.gui.application import ensure_qapplication
from famdesk.gui.main_window import MainWindow

opened = open_database(sys.argv[1])
start_logging(opened.paths)
app = ensure_qapplication()
window = MainWindow(opened.ctx, opened.paths)
window.show()
app.processEvents()
page = window.pages["families"]
for text in ("n", "ng", "ngu", "nguy", "", "ma", "mar", "maria", ""):
    page.model.set_text(text)
    app.processEvents()
for _ in range(25):  # scroll through 5,000 rows
    if page.model.canFetchMore(QModelIndex()):
        page.model.fetchMore(QModelIndex())
for row in range(0, 5000, 250):
    page.show_family(row)
for index in range(window.nav.count()):
    window.nav.setCurrentRow(index)
    app.processEvents()
print(f"maxrss_kb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", flush=True)
