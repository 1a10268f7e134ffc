"""The window as a user sees it: real widgets, offscreen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from famdesk.gui.main_window import MainWindow
from famdesk.services.demo import create_demo


def test_window_switches_between_all_areas(qtbot, sqlite_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    create_demo(sqlite_ctx, families=30)
    window = MainWindow(sqlite_ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["Families", "Home visits", "Observations", "Handouts", "Partnership", "Settings",
                      "Incidents"]  # the last area is for directors only
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        assert window.stack.currentIndex() == row
    qtbot.keyClick(window.nav, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget().objectName() == "page_families"
    assert "30 families" in window.statusBar().currentMessage()
    assert window.grab().save(str(tmp_path / "main.png"))


def test_families_page_search(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    create_demo(sqlite_ctx, families=30)
    window = MainWindow(sqlite_ctx)
    qtbot.addWidget(window)
    page = window.pages["families"]
    first = page.model.rows[0]
    qtbot.keyClicks(page.search, first.name.split()[0])
    qtbot.waitUntil(lambda: page.model.total < 30 and page.model.total >= 1)
    assert any(row.id == first.id for row in page.model.rows)
    page.table.selectRow(0)
    assert page.detail.toPlainText().strip() != ""


def test_settings_page_saves_and_reports_errors(qtbot, sqlite_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from famdesk.gui.pages import settings as settings_module
    from famdesk.services.program import get_program

    window = MainWindow(sqlite_ctx)
    qtbot.addWidget(window)
    page = window.show_area("settings")
    page.name.setText("Casa de los Niños")
    page.phone.setText("617 555 0100")
    page.save()
    assert get_program(sqlite_ctx).name == "Casa de los Niños"
    assert get_program(sqlite_ctx).phone == "+16175550100"
    shown = []
    monkeypatch.setattr(settings_module, "show_error", lambda parent, exc: shown.append(str(exc)))
    page.phone.setText("not a phone")
    page.save()
    assert shown and "cannot be read" in shown[0]
    assert get_program(sqlite_ctx).phone == "+16175550100"
    assert page.phone.text() == "not a phone"  # what the user typed is kept
