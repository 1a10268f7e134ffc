"""What keeps the start fast stays correct: the shortcuts give Babel's answers, compiled catalogs are
reused only while fresh, lazily mapped areas are all there when needed, and the start imports little."""

from __future__ import annotations

import gettext
import os
import subprocess
import sys
import textwrap

import pytest
from babel import Locale, UnknownLocaleError, localedata

from famdesk import formatting, i18n
from famdesk.cli import build_parser, plain_start
from famdesk.domain.languages import known_language_codes


def _babel_normalize(code: str) -> str:
    """normalize_language as it was before the shortcut: always through Babel."""
    code = code.replace("-", "_").strip()
    try:
        return Locale.parse(code).language
    except (ValueError, UnknownLocaleError):
        return code.split("_")[0].lower()


def test_plain_languages_normalize_as_babel_does() -> None:
    for code in sorted(i18n.PLAIN_LANGUAGES):
        ids = [i for i in localedata.locale_identifiers() if i.split("_")[0] == code]
        variants = [code, code.upper(), code.title(), f"{code}_ZZ", f"{code}-US", f"{code}_Latn_419", *ids]
        for variant in variants:
            assert i18n.normalize_language(variant) == _babel_normalize(variant), variant


def test_aliases_still_go_through_babel() -> None:
    assert i18n.normalize_language("iw") == "he"
    assert i18n.normalize_language("tl") == "fil"
    assert i18n.normalize_language("en_XA") == "en_XA" and i18n.normalize_language("") == "en"


def _babel_language_name(code: str, in_language: str | None) -> str:
    try:
        loc = Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return code
    name = loc.get_display_name(formatting.babel_locale(in_language or code)) or code
    return name[:1].upper() + name[1:]


def test_language_names_are_babels() -> None:
    codes = sorted(set(known_language_codes()) | i18n.PLAIN_LANGUAGES | {"es_MX", "zh_Hant", "pt-BR", "xx"})
    for ui in (None, "en", "es", "ar", "zh", "vi", "ht", "so", "en_XA"):
        for code in codes:
            assert formatting.language_name(code, ui) == _babel_language_name(code, ui), (code, ui)


@pytest.fixture()
def catalog(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    po = tmp_path / "tr" / "xx" / "LC_MESSAGES" / "famdesk.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Save"\nmsgstr "Guardar"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "mo_cache_dir", lambda: tmp_path / "cache")
    return po


def test_compiled_catalog_is_saved_and_reused_until_the_po_changes(catalog) -> None:  # type: ignore[no-untyped-def]
    mo = catalog.with_suffix(".mo")
    assert i18n._compiled(catalog, mo, "xx", "famdesk").gettext("Save") == "Guardar"
    assert mo.exists() and mo.stat().st_mtime_ns == catalog.stat().st_mtime_ns
    mo.write_bytes(mo.read_bytes().replace(b"Guardar", b"Gu4rd4r"))  # proves it is read
    os.utime(mo, ns=(catalog.stat().st_mtime_ns,) * 2)
    assert i18n._compiled(catalog, mo, "xx", "famdesk").gettext("Save") == "Gu4rd4r"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("Guardar", "Salvar"), encoding="utf-8")
    later = mo.stat().st_mtime_ns + 1_000_000_000
    os.utime(catalog, ns=(later, later))  # the translator's edit is newer than the compiled copy
    assert i18n._compiled(catalog, mo, "xx", "famdesk").gettext("Save") == "Salvar"


def test_read_only_translations_compile_into_the_cache(catalog) -> None:  # type: ignore[no-untyped-def]
    blocker = catalog.parent / "ro"
    blocker.write_text("a file where a folder would be: nothing can be written under it")
    mo = blocker / "famdesk.mo"
    first = i18n._compiled(catalog, mo, "xx", "famdesk")
    assert not mo.exists() and first.gettext("Save") == "Guardar"
    cached = list((catalog.parents[3] / "cache").rglob("famdesk.mo"))
    assert len(cached) == 1 and cached[0].stat().st_mtime_ns == catalog.stat().st_mtime_ns
    assert isinstance(i18n._compiled(catalog, mo, "xx", "famdesk"), gettext.GNUTranslations)
    os.utime(catalog, ns=(cached[0].stat().st_mtime_ns + 10**9,) * 2)  # any other date: not used
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("Guardar", "Salvar"), encoding="utf-8")
    assert i18n._compiled(catalog, mo, "xx", "famdesk").gettext("Save") == "Salvar"


def _run(code: str, *args: str) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FAMDESK_LANGUAGE": "en"}
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, text=True,
                         env=env, check=True)
    return out.stdout.strip()


def test_every_table_is_known_where_all_are_needed() -> None:
    """Area models load on first use; merging households must still find every table that points at
    a family (a fresh process, nothing but the merge service imported)."""
    out = _run("""
        from famdesk.services import duplicates
        from famdesk.db import models
        import sys
        print("famdesk.db.models.visits" in sys.modules)
        print(sorted({t.name for t, _ in duplicates._references("family", set())}))
        print(models.Visit.__tablename__, models.Observation.__tablename__)
    """)
    before, tables, names = out.splitlines()
    assert before == "False"
    for table in ("visit", "contact", "family_goal", "event_attendance", "family_print_option",
                  "family_staff"):
        assert f"'{table}'" in tables
    assert names == "visit observation"


def test_plain_start_reads_the_same_options_as_the_full_parser() -> None:
    for argv in ([], ["--data-dir", "x"], ["--demo"], ["--de"], ["--database-url=sqlite://", "--demo"]):
        quick = plain_start(argv)
        assert quick is not None and vars(quick) == {**vars(build_parser().parse_args(argv)), "command": None}
    for argv in (["--data-dir"], ["--d"], ["-h"], ["--version"], ["info"], ["--demo", "extra"],
                 ["--data-dir", "x", "families", "list"]):
        assert plain_start(argv) is None, argv


def test_the_window_starts_without_the_heavy_modules(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The start path (``run_gui``'s imports and window) loads no printing, import/export, demo,
    migration or other area code: each of these costs tens of milliseconds."""
    from famdesk.app import open_database

    open_database(str(tmp_path)).ctx.db.dispose()  # made and migrated here; the start finds it current
    out = _run("""
        import sys
        from famdesk.app import open_database
        opened = open_database(sys.argv[1])
        from famdesk.gui import application
        from famdesk.gui.dialogs.login import IdleLock, sign_in
        from famdesk.gui.main_window import MainWindow
        from famdesk.gui.qt_i18n import apply_language
        app = application.ensure_qapplication()
        from famdesk.domain.roles import DIRECTOR
        window = MainWindow(opened.ctx.as_actor(DIRECTOR), opened.paths, fill_after_paint=True)
        window.show()
        app.processEvents()
        window.finish_start()
        heavy = ["alembic", "cryptography", "reportlab", "openpyxl", "faker", "icalendar", "rapidfuzz", "weasyprint",
                 "pypdf",
                 "pypdfium2", "babel.messages", "famdesk.printing", "famdesk.services.demo",
                 "famdesk.services.imports", "famdesk.services.exports", "famdesk.db.models.visits",
                 "famdesk.db.models.observations", "famdesk.db.models.partnership",
                 "famdesk.db.models.handouts", "famdesk.db.models.incidents", "famdesk.db.models.retention",
                 "famdesk.services.observation_index", "famdesk.services.incidents",
                 "famdesk.cli.directory", "famdesk.gui.dialogs.family_edit"]
        print(sorted(name for name in heavy if name in sys.modules))
    """, str(tmp_path))
    assert out.splitlines()[0] == "[]"


def test_window_shows_before_the_families_list_fills(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    from famdesk.gui.main_window import MainWindow
    from famdesk.services.demo import create_demo

    create_demo(sqlite_ctx, families=30)
    window = MainWindow(sqlite_ctx, fill_after_paint=True)
    qtbot.addWidget(window)
    page = window._built["families"]
    assert not page.loaded and page.model.rowCount() == 0 and window.statusBar().currentMessage() == ""
    assert page.language.count() == 1 and page.classroom.count() == 1  # only "All …" so far
    window.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    assert page.loaded and page.count_label.text() == "30 families"
    assert page.language.count() > 10 and page.classroom.count() > 1
    assert "30 families" in window.statusBar().currentMessage()
    assert (page.model.order_by, page.model.descending) == ("name", False)


def test_asking_for_a_page_fills_it(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    from famdesk.gui.main_window import MainWindow
    from famdesk.services.demo import create_demo

    create_demo(sqlite_ctx, families=12)
    window = MainWindow(sqlite_ctx, fill_after_paint=True)
    qtbot.addWidget(window)
    page = window.pages["families"]  # never shown: whoever asks gets the data
    assert page.model.rowCount() == 12 and "12 families" in window.statusBar().currentMessage()


def test_a_hundred_thousand_qt_calls_do_not_crash() -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None per void call; famdesk.gui guards
    against it (without the guard this aborts with "deallocating None" after a few thousand calls)."""
    out = _run("""
        import famdesk.gui
        from PySide6.QtWidgets import QApplication, QComboBox
        app = QApplication([])
        combo = QComboBox()
        for i in range(100_000):
            combo.addItem("family", i)
        print(combo.count())
    """)
    assert out == "100000"
