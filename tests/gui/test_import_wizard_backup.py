"""The GUI import wizard: the verified backup before writing (as `famdesk import` takes), the import
in a worker with progress while the window keeps painting, and a failure that changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from famdesk.db import models as m
from famdesk.domain import records as r
from famdesk.gui.pages.families import FamiliesPage
from famdesk.services import families

SAMPLE = Path(__file__).parent.parent / "data" / "imports" / "roster_utf8_bom_us_dates.csv"


def _count(ctx, model) -> int:  # type: ignore[no-untyped-def]
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


def _wizard(qtbot, ctx, backups_dir: Path, source: Path):  # type: ignore[no-untyped-def]
    page = FamiliesPage(ctx, backups_dir=backups_dir)
    qtbot.addWidget(page)
    wizard = page.import_roster()
    wizard.file_page.path.setText(str(source))
    wizard.next()
    wizard.next()  # dry run
    wizard.report_page.skip.setChecked(True)
    return page, wizard


def _wait(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: wizard.task is not None and not wizard.task.running, timeout=120000)


def _existing(ctx) -> None:  # type: ignore[no-untyped-def]
    families.add_family(ctx, r.FamilyDetail(r.Family(name="Existing family"), [r.Caregiver(first_name="Ana")],
                                            [r.Child(first_name="Luz")]))


def test_gui_import_takes_the_verified_backup_first(qtbot, sqlite_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _existing(sqlite_ctx)
    page, wizard = _wizard(qtbot, sqlite_ctx, tmp_path / "backups", SAMPLE)
    wizard.accept()
    _wait(qtbot, wizard)
    assert _count(sqlite_ctx, m.Family) == 28 and page.model.total == 28
    taken = list((tmp_path / "backups").glob("before-import-*.sqlite3"))
    assert len(taken) == 1 and wizard.report is not None and wizard.report.backup_path == taken[0]
    conn = sqlite3.connect(taken[0])
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT name FROM family").fetchall() == [("Existing family",)]  # the state before
    finally:
        conn.close()


def _big_roster(path: Path, households: int) -> Path:
    lines = ["Family ID,Family Name,Child First Name,Child Last Name,Date of Birth,Caregiver 1 Name,Caregiver 1 Phone"]
    for i in range(households):
        lines.append(f"F{i:05d},Family {i},Kid{i},Last{i},3/{1 + i % 28}/2023,Parent {i},(541) 555-{i % 10000:04d}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_runs_in_a_worker_and_the_window_keeps_painting(qtbot, sqlite_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = _big_roster(tmp_path / "big.csv", 3000)
    page, wizard = _wizard(qtbot, sqlite_ctx, tmp_path / "backups", source)
    # Counted, not timed: ticks of a timer that fire while the import is still running prove the event
    # loop kept turning (a duration threshold would fail on a busy machine).
    ticks_while_running: list[bool] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks_while_running.append(bool(wizard.task and wizard.task.running)))
    timer.start(20)
    wizard.accept()
    assert wizard.task is not None and wizard.task.running  # accept() came straight back
    assert not wizard.button(wizard.WizardButton.FinishButton).isEnabled()  # no second import meanwhile
    wizard.accept()  # a second click while it runs is ignored
    _wait(qtbot, wizard)
    timer.stop()
    assert _count(sqlite_ctx, m.Family) == 3000
    assert sum(ticks_while_running) >= 3, ticks_while_running
    assert wizard.task.dialog is not None
    assert wizard.button(wizard.WizardButton.FinishButton).isEnabled()


def test_a_failed_backup_stops_the_import_with_a_clear_message(qtbot, sqlite_ctx, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    _existing(sqlite_ctx)
    not_a_folder = tmp_path / "backups"
    not_a_folder.write_text("a file where the backup folder should be")
    page, wizard = _wizard(qtbot, sqlite_ctx, not_a_folder, SAMPLE)
    wizard.accept()
    _wait(qtbot, wizard)
    assert shown and "backup" in shown[0].lower() and str(not_a_folder) in shown[0]
    assert _count(sqlite_ctx, m.Family) == 1 and _count(sqlite_ctx, m.Child) == 1
    assert "Nothing was imported" in wizard.report_page.status.text()
    assert wizard.button(wizard.WizardButton.FinishButton).isEnabled()  # can try again


def test_a_failed_write_leaves_the_database_unchanged(qtbot, sqlite_ctx, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))

    _existing(sqlite_ctx)
    rooms = _count(sqlite_ctx, m.Classroom)
    live = sqlite3.connect(str(sqlite_ctx.db.sqlite_path))
    # A real SQLite failure in the middle of the write: the 10th household refuses to go in.
    live.execute("CREATE TRIGGER fail_tenth BEFORE INSERT ON family WHEN (SELECT count(*) FROM family) >= 10 "
                 "BEGIN SELECT RAISE(ABORT, 'refused by test'); END")
    live.commit()
    try:
        page, wizard = _wizard(qtbot, sqlite_ctx, tmp_path / "backups", SAMPLE)
        wizard.accept()
        _wait(qtbot, wizard)
    finally:
        live.execute("DROP TRIGGER fail_tenth")
        live.commit()
        live.close()
    boxes = [w for w in QApplication.allWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    shown += [b.text() for b in boxes]  # the unexpected-problem box is a real dialog, open beside the wizard
    for box in boxes:
        box.close()
    assert shown and "was not saved" in shown[0] and "Traceback" not in shown[0]
    assert _count(sqlite_ctx, m.Family) == 1 and _count(sqlite_ctx, m.Caregiver) == 1
    assert _count(sqlite_ctx, m.Child) == 1 and _count(sqlite_ctx, m.Classroom) == rooms  # no new classrooms
    assert wizard.isVisible() and "Nothing was imported" in wizard.report_page.status.text()
    assert list((tmp_path / "backups").glob("before-import-*.sqlite3"))  # the backup was taken first
