"""gui/tasks.py: work runs off the GUI thread, reports progress, can be cancelled, and errors are shown."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QMessageBox, QWidget

from famdesk.domain.errors import ValidationError
from famdesk.gui.tasks import run_task


def test_result_progress_and_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict[str, object] = {}

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        seen["thread"] = threading.current_thread()
        for i in range(3):
            progress(i + 1, 3)
        return 42

    done: list[object] = []
    task = run_task(parent, "Working", work, done.append)
    qtbot.waitUntil(lambda: not task.running, timeout=10000)
    assert done == [42] and task.result == 42
    assert seen["thread"] is not threading.main_thread()


def test_cancel_and_error_reach_the_user(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    gate = threading.Event()

    def slow(progress, cancelled):  # type: ignore[no-untyped-def]
        gate.wait(5)
        return "stopped" if cancelled() else "finished"

    task = run_task(parent, "Slow", slow)
    task.cancel()
    gate.set()
    qtbot.waitUntil(lambda: not task.running, timeout=10000)
    assert task.result == "stopped"

    def broken(progress, cancelled):  # type: ignore[no-untyped-def]
        raise ValidationError("The date is in the future.")

    task = run_task(parent, "Broken", broken)
    qtbot.waitUntil(lambda: not task.running, timeout=10000)
    assert isinstance(task.error, ValidationError) and shown == ["The date is in the future."]
