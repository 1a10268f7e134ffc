"""Qt's side of the interface language: Qt's own dialog strings, QLocale and layout direction."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from famdesk.i18n import is_rtl_language, normalize_language
from famdesk.paths import resources_dir

_installed: list[QTranslator] = []


def _qt_locale_name(language: str) -> str:
    return {"zh": "zh_CN", "pt": "pt_BR", "en_XA": "en_US", "ar_XB": "ar"}.get(language, language)


def own_qt_translations_dir() -> str:
    """famdesk's qtbase_<lang>.qm for languages PySide6 ships none for (vi, so, ht, ne)."""
    return str(resources_dir() / "qt_translations")


def ui_qlocale(language: str, country: str | None = None) -> QLocale:
    """The QLocale for ``language``, in ``country`` when Qt knows that pair (``es`` + ``US`` →
    ``es_US``: Sunday-first calendars and month/day dates for a US program); else the language's
    main locale."""
    name = _qt_locale_name(normalize_language(language))
    if country and len(country) == 2 and "_" not in name:
        candidate = QLocale(f"{name}_{country.upper()}")
        if (candidate.name() == f"{name}_{country.upper()}"
                and candidate.language() == QLocale(name).language()):
            return candidate
    return QLocale(name)


def load_qt_translator(language: str, parent: QApplication | None = None) -> QTranslator | None:
    """qtbase from PySide6 (``qtbase_es.qm``…), else famdesk's own (``resources/qt_translations``)."""
    name = _qt_locale_name(normalize_language(language))
    translator = QTranslator(parent)
    for folder in (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), own_qt_translations_dir()):
        for candidate in dict.fromkeys((name, name.split("_")[0])):
            if translator.load(f"qtbase_{candidate}", folder):
                return translator
    return None


def apply_language(app: QApplication, language: str, country: str | None = None) -> None:
    """Install qtbase translations for ``language``, set QLocale and the layout direction.

    ``country`` (the program's, optional) picks the regional variant for dates and week starts."""
    language = normalize_language(language)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    translator = load_qt_translator(language, app) if language not in ("en", "en_XA") else None
    if translator is not None:
        app.installTranslator(translator)
        _installed.append(translator)
    QLocale.setDefault(ui_qlocale(language, country))
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl_language(language)
                           else Qt.LayoutDirection.LeftToRight)
