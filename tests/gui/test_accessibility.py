"""Keyboard, screen-reader names, mnemonics, focus ring and system font size on the window shell."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from famdesk.gui.accessibility import (
    FOCUS_STYLE,
    first_focusable,
    label_for,
    plain,
    unnamed_focusable,
    uses_system_font,
)
from famdesk.gui.main_window import MainWindow
from famdesk.gui.qt_i18n import apply_language
from famdesk.i18n import set_ui_language
from famdesk.paths import resolve_paths
from tools.update_catalogs import LANGUAGES

GUI = Path(__file__).resolve().parents[2] / "famdesk" / "gui"


@pytest.fixture
def window(qtbot, sqlite_ctx, tmp_path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    w = MainWindow(sqlite_ctx, resolve_paths(tmp_path / "d").create())
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    yield w


def test_every_area_by_ctrl_number_and_back_with_f6(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    keys = list(window.pages)
    for n, key in enumerate(keys, start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + n), Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentWidget() is window.pages[key]
        assert QApplication.focusWidget() is window.nav
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)  # into the page …
        focus = QApplication.focusWidget()
        assert focus is not None and window.pages[key].isAncestorOf(focus), key
        qtbot.keyClick(focus, Qt.Key.Key_F6)  # … and back to the area list
        assert QApplication.focusWidget() is window.nav


def test_f6_lands_on_the_first_control_of_the_page(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    settings = window.show_area("settings")
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is settings.name
    families = window.show_area("families")
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is families.search


def test_menus_by_mnemonic_and_shortcuts_listed(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    bar = window.menuBar()
    for letter, menu in zip((Qt.Key.Key_F, Qt.Key.Key_G, Qt.Key.Key_H), window.menus, strict=True):
        qtbot.keyClick(window, letter, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(menu.isVisible)
        assert bar.activeAction() is menu.menuAction()
        qtbot.keyClick(menu, Qt.Key.Key_Escape)
        qtbot.keyClick(bar, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda m=menu: not m.isVisible())
    for menu in window.menus:  # every command: an Alt+letter in its menu or a shortcut of its own
        for action in menu.actions():
            assert action.isSeparator() or _mnemonic(action.text()) or not action.shortcut().isEmpty(), action.text()
    go_menu = window.menus[1]
    assert [a.shortcut().toString() for a in go_menu.actions() if not a.isSeparator()] == [
        "Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Ctrl+5", "Ctrl+6", "Ctrl+7", "F6"]
    text = window.shortcuts_text()
    assert "\u2068Ctrl+6\u2069: Settings" in text and "\u2068F6\u2069:" in text


def test_f1_lists_the_open_pages_own_shortcuts(window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.show_area("observations")
    text = window.shortcuts_text()
    assert "On this page:" in text
    page_part = text.split("On this page:")[1]
    assert "\u2068Ctrl+P\u2069: Print take-home notes…" in page_part
    assert "\u2068Ctrl+E\u2069: Edit note…" in page_part
    window.show_area("families")
    page_part = window.shortcuts_text().split("On this page:")[1]
    assert "\u2068Ctrl+N\u2069:" in page_part and "Print take-home" not in page_part


def test_settings_fields_by_mnemonic(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    settings = window.show_area("settings")
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is settings.year_start
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is settings.email


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


@pytest.mark.parametrize("language", ["en", *LANGUAGES])
def test_mnemonics_are_unique_in_every_language(qapp, sqlite_ctx, tmp_path, language: str) -> None:  # type: ignore[no-untyped-def]
    set_ui_language(language)
    try:
        w = MainWindow(sqlite_ctx, resolve_paths(tmp_path / "d").create())
        settings = w.pages["settings"]
        window_level = [m.title() for m in w.menus]
        window_level += [lbl.text() for lbl in settings.findChildren(QLabel) if lbl.buddy() is not None]
        window_level += [b.text() for b in settings.findChildren(QAbstractButton)]
        window_level += [g.title() for g in settings.findChildren(QGroupBox)]
        letters = [_mnemonic(t) for t in window_level if _mnemonic(t)]
        assert len(letters) == len(set(letters)), (language, sorted(window_level))
        for menu in w.menus:
            inside = [_mnemonic(a.text()) for a in menu.actions() if _mnemonic(a.text())]
            assert len(inside) == len(set(inside)), (language, menu.title())
        for text in window_level:
            assert text.replace("&&", "").count("&") <= 1, text
        w.deleteLater()
    finally:
        set_ui_language("en")


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_no_unnamed_controls_on_the_main_window_and_settings(qtbot, sqlite_ctx, tmp_path, language: str) -> None:  # type: ignore[no-untyped-def]
    set_ui_language(language)
    try:
        w = MainWindow(sqlite_ctx, resolve_paths(tmp_path / "d").create())
        qtbot.addWidget(w)
        assert unnamed_focusable(w) == []
        assert w.nav.accessibleDescription()
        assert all(page.accessibleName() for page in w.pages.values())
    finally:
        set_ui_language("en")


def test_the_walker_finds_an_unnamed_control(qtbot) -> None:  # type: ignore[no-untyped-def]
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    named, unnamed = QLineEdit(), QLineEdit()
    unnamed.setObjectName("postcode")
    layout.addWidget(label_for(named, "&Town", "Where the family lives"))
    layout.addWidget(named)
    layout.addWidget(unnamed)
    assert unnamed_focusable(root) == ["QLineEdit postcode"]
    assert named.accessibleName() == "Town" and named.accessibleDescription() == "Where the family lives"
    assert first_focusable(root) is named
    assert plain("Fish && &Chips") == "Fish & Chips"


def test_focus_ring_is_drawn_in_both_directions(qtbot, window: MainWindow, qapp) -> None:  # type: ignore[no-untyped-def]
    assert FOCUS_STYLE.strip() in window.styleSheet()
    for direction in (Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft):
        qapp.setLayoutDirection(direction)
        settings = window.show_area("settings")
        field = settings.phone
        highlight = field.palette().highlight().color()
        settings.name.setFocus()
        qtbot.waitUntil(settings.name.hasFocus)
        before = field.grab().toImage()
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        after = field.grab().toImage()
        y = after.height() // 2
        for x in (0, 1, after.width() - 1, after.width() - 2):  # left and right edges, 2 px ring
            assert after.pixelColor(x, y) == highlight, (direction, x)
        assert before.pixelColor(0, y) != highlight
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_system_font_size_and_high_dpi(qapp) -> None:  # type: ignore[no-untyped-def]
    assert QGuiApplication.highDpiScaleFactorRoundingPolicy() == Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    assert uses_system_font(qapp)
    pixel_sizes = re.compile(r"setPixelSize|font-size:\s*\d+px|setPointSize\(\s*\d")
    offenders = [str(p.relative_to(GUI)) for p in GUI.rglob("*.py")
                 if pixel_sizes.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_apply_language_english_restores_left_to_right(qapp) -> None:  # type: ignore[no-untyped-def]
    apply_language(qapp, "ar")
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    apply_language(qapp, "en")
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_open_area_is_shown_without_relying_on_colour(window: MainWindow) -> None:
    window.show_area("settings")
    bold = [window.nav.item(i).font().bold() for i in range(window.nav.count())]
    assert bold == [False, False, False, False, False, True, False]
    assert window.windowTitle() == "Settings — famdesk"


def test_settings_controls_have_descriptions(window: MainWindow) -> None:
    from famdesk.gui.accessibility import focusable_widgets

    settings = window.pages["settings"]
    missing = [w.accessibleName() or w.text() for w in focusable_widgets(settings) if not w.accessibleDescription()]
    assert missing == []
