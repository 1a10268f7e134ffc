"""The window in Spanish, Arabic and the pseudo-locale: translated labels, right-to-left layout,
Qt's own dialog strings, locale dates and numbers, and no clipped text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from famdesk.gui import locale_format as lf
from famdesk.gui.accessibility import plain
from famdesk.gui.main_window import MainWindow
from famdesk.gui.qt_i18n import apply_language, load_qt_translator, ui_qlocale
from famdesk.i18n import _, set_ui_language
from famdesk.paths import resolve_paths
from famdesk.services.demo import create_demo


@pytest.fixture
def ui(qapp) -> Iterator:  # type: ignore[no-untyped-def]
    """Switch gettext and Qt to a language for one test, then back to English."""
    def switch(language: str) -> None:
        set_ui_language(language)
        apply_language(qapp, language)
    yield switch
    set_ui_language("en")
    apply_language(qapp, "en")


def _window(qtbot, ctx, families: int = 0, data_dir=None) -> MainWindow:  # type: ignore[no-untyped-def]
    if families:
        create_demo(ctx, families=families)
    window = MainWindow(ctx, resolve_paths(data_dir).create() if data_dir else None)
    qtbot.addWidget(window)
    window.show()
    return window


def _nav(window: MainWindow) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def test_spanish_interface(qtbot, sqlite_ctx, ui, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ui("es")
    window = _window(qtbot, sqlite_ctx, families=3, data_dir=tmp_path / "d")
    assert _nav(window) == ["Familias", "Visitas al hogar", "Observaciones", "Folletos", "Colaboración",
                            "Configuración",
                            "Incidentes"]
    assert [m.title() for m in window.menus] == ["&Archivo", "&Ir", "A&yuda"]
    assert window.statusBar().currentMessage().startswith("3 familias · base de datos:")
    settings = window.show_area("settings")
    labels = {plain(lbl.text()) for lbl in settings.findChildren(QLabel)}
    assert {"Nombre del programa", "Zona horaria", "Idioma de la interfaz"} <= labels
    assert settings.name.accessibleName() == "Nombre del programa"
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"  # Qt's own strings


def test_arabic_interface_is_right_to_left(qtbot, sqlite_ctx, ui) -> None:  # type: ignore[no-untyped-def]
    ui("ar")
    window = _window(qtbot, sqlite_ctx, families=3)
    assert _nav(window) == ["الأسر", "الزيارات المنزلية", "الملاحظات", "النشرات", "الشراكة", "الإعدادات", "الحوادث"]
    assert [plain(m.title()) for m in window.menus] == ["ملف", "انتقال", "مساعدة"]
    assert window.isRightToLeft() and QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # The area list sits on the right of the page, mirrored.
    nav_x = window.nav.mapTo(window, window.nav.rect().topLeft()).x()
    assert nav_x > window.stack.mapTo(window, window.stack.rect().topLeft()).x()
    # Arabic has six plural forms: 3 takes the 3–10 form, 11 the 11–99 form.
    message = window.statusBar().currentMessage()
    assert message.startswith("٣ أسر · قاعدة البيانات:")  # the count in the window's (Arabic-Indic) digits
    assert "\u2068" in message  # the database path is isolated so it reads left to right
    settings = window.show_area("settings")
    assert settings.name.accessibleName() == "اسم البرنامج"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"
    assert QLocale().firstDayOfWeek() == Qt.DayOfWeek.Saturday


@pytest.mark.parametrize("language", ["es", "ar", "zh", "vi", "pt", "ru", "ht", "so", "fr", "ko", "ne"])
def test_qt_dialog_strings_exist_for_every_interface_language(qapp, language: str) -> None:  # type: ignore[no-untyped-def]
    translator = load_qt_translator(language)
    assert translator is not None, f"no qtbase translation for {language}"
    for context, text in (("QPlatformTheme", "Cancel"), ("QPlatformTheme", "Save"), ("QPlatformTheme", "&Yes")):
        assert translator.translate(context, text) not in ("", text), (language, text)


def test_partial_catalogs_cover_navigation_menus_and_settings(ui) -> None:  # type: ignore[no-untyped-def]
    for language, families in (("fr", "Familles"), ("zh", "家庭"), ("so", "Qoysaska"), ("ne", "परिवारहरू")):
        ui(language)
        assert _("Families") == families
        for text in ("Settings", "&File", "&Help", "Program &name", "&Save settings", "&Interface language"):
            assert _(text) != text, (language, text)
        assert _("The capacity cannot be negative.") == "The capacity cannot be negative."  # falls back


def test_dates_numbers_and_week_start_follow_the_language(ui) -> None:  # type: ignore[no-untyped-def]
    day = dt.date(2026, 3, 14)
    ui("en")
    assert (lf.date_text(day), lf.number_text(1234.5, 1), lf.first_day_of_week()) == (
        "3/14/26", "1,234.5", Qt.DayOfWeek.Sunday)
    ui("es")
    assert lf.date_text(day) == "14/3/26"
    assert lf.date_text(day, long=True) == "sábado, 14 de marzo de 2026"
    assert lf.number_text(12345) == "12.345"
    assert lf.time_text(dt.time(14, 30)) == "14:30"
    assert lf.first_day_of_week() == Qt.DayOfWeek.Monday
    assert lf.numeric_date_format() == "d/M/yyyy"
    ui("fr")
    assert lf.number_text(1234.5, 1) == "1\u202f234,5"
    # A Spanish-speaking director of a US program: Sunday-first calendars.
    assert ui_qlocale("es", "US").firstDayOfWeek() == Qt.DayOfWeek.Sunday
    assert ui_qlocale("ar", "ZZ").name() == "ar_EG"  # unknown pair: the language's main locale


def test_settings_dates_use_the_locale(qtbot, sqlite_ctx, ui) -> None:  # type: ignore[no-untyped-def]
    ui("es")
    window = _window(qtbot, sqlite_ctx)
    settings = window.show_area("settings")
    assert settings.year_start.displayFormat() == "d/M/yyyy"
    assert settings.year_start.calendarWidget().firstDayOfWeek() == Qt.DayOfWeek.Monday


@pytest.mark.parametrize("area", ["families", "settings", "visits"])
def test_no_clipped_text_in_the_pseudo_locale(qtbot, sqlite_ctx, ui, tmp_path, area: str) -> None:  # type: ignore[no-untyped-def]
    ui("en_XA")
    window = _window(qtbot, sqlite_ctx, families=5, data_dir=tmp_path / "d")
    page = window.show_area(area)
    qtbot.waitExposed(window)
    clipped = []
    for widget in [*page.findChildren(QLabel), *page.findChildren(QAbstractButton)]:
        if not widget.isVisible() or (isinstance(widget, QLabel) and widget.wordWrap()):
            continue
        need = widget.sizeHint().width() if isinstance(widget, QAbstractButton) else widget.minimumSizeHint().width()
        if widget.width() < need:
            clipped.append(f"{type(widget).__name__} {widget.text()!r}: {widget.width()} < {need}")
    assert not clipped, clipped
    window.show_area("dashboard")  # the longest area name in bold
    assert window.nav.viewport().width() >= window.nav.sizeHintForColumn(0)
    assert window.menuBar().sizeHint().width() <= window.width()
