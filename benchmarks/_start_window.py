"""Child process for the start-up benchmark: start famdesk, print when the window shows and when the
first rows of the families list are on screen. The parent times the lines as they arrive.

Modes:
  famdesk  the window through the API, as ``gui.application.run_gui`` builds it: open and check the
           database, logging, the QApplication, ``MainWindow(fill_after_paint=True)``; no sign-in, no
           Qt translations, no instance lock (the benchmark's definition since it was written).
  command  the real command, ``python -m famdesk --data-dir …``: arguments, language, database, logging,
           Qt translations, the instance lock, then the main window. The password dialog is replaced by
           an accepted sign-in as the director (a person typing is not a start-up cost; checking the
           password is, ~0.2 s of Argon2 by design, and is measured by bench_accounts).
  login    the real command up to its sign-in dialog on screen (then cancelled).
  bare     the issue's reference: a bare PySide6 window with a 10,000-row table.
"""

from __future__ import annotations

import sys
import time

T0 = time.perf_counter()
mode, data_dir = sys.argv[1], sys.argv[2]


def say(what: str) -> None:
    # Seconds since this script started, and the process's CPU seconds so far (all threads).
    print(f"{what} {time.perf_counter() - T0:.4f} {time.process_time():.4f}", flush=True)


def show_and_wait_for_rows(app, window) -> None:  # type: ignore[no-untyped-def]
    """Show the window; say when its first paint is done, then when the families table has painted
    rows (at most 10 s)."""
    from PySide6.QtCore import QEvent, QObject

    page = window._built["families"]  # not window.pages[…]: that would fill the page at once
    painted = []

    class Watch(QObject):
        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def] # noqa: N802
            if event.type() == QEvent.Type.Paint and page.model.rowCount() > 0:
                painted.append(True)
            return False

    watch = Watch()
    page.table.viewport().installEventFilter(watch)
    window.show()
    app.processEvents()
    say("shown")
    deadline = time.perf_counter() + 10
    while not painted and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.0005)
    say("rows" if painted else "norows")


if mode == "famdesk":
    from famdesk.app import open_database, start_logging
    from famdesk.domain.roles import DIRECTOR
    from famdesk.gui.application import ensure_qapplication
    from famdesk.gui.main_window import MainWindow

    opened = open_database(data_dir)
    opened.ctx = opened.ctx.as_actor(DIRECTOR)  # as the director who signed in
    start_logging(opened.paths)
    app = ensure_qapplication()
    window = MainWindow(opened.ctx, opened.paths, fill_after_paint=True)
    show_and_wait_for_rows(app, window)
elif mode in ("command", "login"):
    # The stand-ins below are put in place as the modules they replace are first imported, so famdesk
    # imports everything in the same order as ``python -m famdesk`` (the order matters: see famdesk/gui).
    import importlib.abc
    import importlib.util

    def fake_exec(app):  # type: ignore[no-untyped-def]
        """Stands in for the event loop: wait for the first paint and the rows, then quit."""
        from famdesk.gui.main_window import MainWindow

        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
        show_and_wait_for_rows(app, window)  # run_gui has called show(); nothing is painted before exec
        return 0

    def dialog_shown(dialog):  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QApplication, QDialog

        dialog.show()
        QApplication.processEvents()
        say("shown")
        say("rows")  # nothing to list in a dialog
        return QDialog.DialogCode.Rejected

    def patch(module):  # type: ignore[no-untyped-def]
        if module.__name__ == "PySide6.QtWidgets":
            if mode == "command":
                module.QApplication.exec = fake_exec
            else:
                module.QDialog.exec = dialog_shown
        elif module.__name__ == "famdesk.gui.dialogs.login" and mode == "command":
            from famdesk.domain.roles import DIRECTOR

            module.sign_in = lambda ctx, *_args, **_kw: DIRECTOR

    class PatchAfterImport(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):  # type: ignore[no-untyped-def]
            if name not in ("PySide6.QtWidgets", "famdesk.gui.dialogs.login"):
                return None
            sys.meta_path.remove(self)
            try:
                spec = importlib.util.find_spec(name)
            finally:
                sys.meta_path.insert(0, self)
            load = spec.loader.exec_module

            def exec_module(module):  # type: ignore[no-untyped-def]
                load(module)
                patch(module)

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, PatchAfterImport())
    from famdesk.app import main

    main(["--data-dir", data_dir])
else:  # the reference: a bare PySide6 window with a 10,000-row table
    from PySide6.QtCore import QAbstractTableModel, Qt
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    class Table(QAbstractTableModel):
        rows = [[f"r{row}c{col}" for col in range(4)] for row in range(10_000)]

        def rowCount(self, parent=None):  # noqa: ANN001, ANN201, N802
            return len(self.rows)

        def columnCount(self, parent=None):  # noqa: ANN001, ANN201, N802
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
    say("shown")
    say("rows")
