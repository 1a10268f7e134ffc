"""Child process for the start-up benchmark: start famdesk as a user does, print when the window shows."""

from __future__ import annotations

import sys
import time

T0 = time.perf_counter()
mode, data_dir = sys.argv[1], sys.argv[2]

if mode == "famdesk":
    from famdesk.app import open_database, start_logging
    from famdesk.gui.application import ensure_qapplication
    from famdesk.gui.main_window import MainWindow

    opened = open_database(data_dir)
    start_logging(opened.paths)
    app = ensure_qapplication()
    window = MainWindow(opened.ctx, opened.paths)
else:  # the reference: a bare PySide6 window with a 10,000-row table
    from PySide6.QtCore import QAbstractTableModel, Qt
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    class Table(QAbstractTableModel):
        rows = [[f"r{row}c{col}" for col in range(4)] for row in range(10_000)]

        def rowCount(self, parent=None):  # noqa: ANN001, ANN201
            return len(self.rows)

        def columnCount(self, parent=None):  # noqa: ANN001, ANN201
            return 4

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201
            return self.rows[index.row()][index.column()] if role == Qt.ItemDataRole.DisplayRole else None

    app = QApplication([])
    window = QMainWindow()
    model = Table()
    view = QTableView()
    view.setModel(model)
    window.setCentralWidget(view)
window.show()
app.processEvents()
print(f"shown {time.perf_counter() - T0:.4f}", flush=True)
