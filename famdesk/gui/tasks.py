"""Run a slow service call off the GUI thread, with a progress dialog, cancel, and errors shown properly.

    run_task(parent, _("Printing welcome packets…"),
             lambda progress, cancelled: packets.print_welcome_packets(ctx, ids, progress=progress,
                                                                       cancelled=cancelled),
             on_done=lambda run: …)

The function gets ``progress(done, total)`` and ``cancelled() -> bool`` and runs in a QThreadPool worker;
``on_done`` runs on the GUI thread with its result.  Exceptions reach ``gui.application.show_error``.
Services open their own sessions, so a worker never shares a database session with the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from famdesk.gui.application import show_error
from famdesk.i18n import _

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Work, signals: _Signals, stop: threading.Event) -> None:
        super().__init__()
        self.work, self.signals, self.stop = work, signals, stop
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.work(lambda done, total: self.signals.progress.emit(done, total), self.stop.is_set)
        except Exception as exc:  # noqa: BLE001 - every failure is shown to the user, never lost
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class Task(QObject):
    """One running job; kept alive by its parent widget until it finishes."""

    finished = Signal(object)  # result, or None if it failed

    def __init__(self, parent: QWidget, title: str, work: Work,
                 on_done: Callable[[Any], None] | None = None) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.stop = threading.Event()
        self.on_done = on_done
        self.result: Any = None
        self.error: Exception | None = None
        self.running = True
        self.dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.signals = _Signals()
        self.signals.progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self.signals.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        QThreadPool.globalInstance().start(_Runnable(work, self.signals, self.stop))

    def cancel(self) -> None:
        self.stop.set()
        self.dialog.setLabelText(_("Stopping…"))

    def _progress(self, done: int, total: int) -> None:
        if total and self.dialog.maximum() != total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _finish(self) -> None:
        self.running = False
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()

    def _done(self, result: Any) -> None:
        self._finish()
        self.result = result
        if self.on_done is not None:
            try:
                self.on_done(result)
            except Exception as exc:  # noqa: BLE001
                show_error(self.parent_widget, exc)
        self.finished.emit(result)

    def _failed(self, error: Exception) -> None:
        self._finish()
        self.error = error
        show_error(self.parent_widget, error)
        self.finished.emit(None)


def run_task(parent: QWidget, title: str, work: Work, on_done: Callable[[Any], None] | None = None) -> Task:
    return Task(parent, title, work, on_done)
