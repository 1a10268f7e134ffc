"""The QApplication: one per process; the signal pages hear changes by (``Signals.data_changed``)."""

from __future__ import annotations

import logging
import sys
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox

from famdesk import APP_ID, APP_NAME, __version__
from famdesk.domain.errors import FamdeskError
from famdesk.i18n import _
from famdesk.logs import error_frames
from famdesk.paths import resources_dir
from famdesk.services.context import ServiceContext


class Signals(QObject):
    """Pages listen here instead of to each other: every write says which areas changed (the window's
    ``ChangeNotices`` in ``gui.change_notices`` is the one instance; it hears this process's writes and
    other processes')."""

    # frozenset of area names: the kinds written ("family", "child", "visit", …) and their declared
    # changes; services.changes.ANY ("*") when what changed is not known.
    data_changed = Signal(object)


def ensure_qapplication() -> QApplication:
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setApplicationName(APP_NAME)
        QGuiApplication.setApplicationDisplayName(APP_NAME)
        QGuiApplication.setApplicationVersion(__version__)
        QGuiApplication.setDesktopFileName(APP_ID)
        app = QApplication(sys.argv[:1])
        load_bundled_fonts(app)
    assert isinstance(app, QApplication)
    return app


def load_bundled_fonts(app: QApplication) -> None:
    """Register the bundled Noto fonts so names in Arabic, Chinese, Korean or Devanagari never show as
    boxes, whatever fonts the PC has. The size stays the system's (users who enlarge text keep it)."""
    families: list[str] = []
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    if families:
        font = app.font()
        font.setFamilies(families)
        app.setFont(font)


log = logging.getLogger("famdesk.gui")


def show_error(parent: Any, error: BaseException) -> None:
    """Show a service error's sentence; anything else is a bug: said in words, logged, window kept."""
    if isinstance(error, FamdeskError):
        QMessageBox.warning(parent, _("Please check"), str(error))
    else:
        show_unexpected(parent, error)


def show_unexpected(parent: Any, error: BaseException) -> QMessageBox:
    """A bug reached the window: a plain sentence, "Copy details" for whoever looks after famdesk, and the
    details (class, files and lines; never the message, which may hold names) in the log file."""
    details = error_frames(error)
    log.error("unexpected error in the window: %s", details)
    box = QMessageBox(QMessageBox.Icon.Critical, _("Something went wrong"),
                      _("famdesk hit an unexpected problem, and what you were just doing was not saved; everything "
                        "saved before is safe. If it happens again, copy the details and send them to whoever looks "
                        "after famdesk (they are also in famdesk's log file)."),
                      QMessageBox.StandardButton.Ok, parent)
    copy = box.addButton(_("&Copy details"), QMessageBox.ButtonRole.ActionRole)
    box.setDetailedText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def clicked(button: object) -> None:
        if button is copy:
            QGuiApplication.clipboard().setText(f"famdesk {__version__}\n{details}")

    box.buttonClicked.connect(clicked)
    # open(), not exec(): no nested event loop inside whatever failed (a worker's callback, a paint). A box
    # without a parent window is kept alive here until it is closed.
    _open_boxes.append(box)
    box.finished.connect(lambda _r: _open_boxes.remove(box) if box in _open_boxes else None)
    box.open()
    return box


_open_boxes: list[QMessageBox] = []


_in_hook = False


def window_excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook while the window runs: no traceback reaches a person, and the window stays open."""
    global _in_hook
    if error.__traceback__ is None and tb is not None:
        error = error.with_traceback(tb)
    if _in_hook or QApplication.instance() is None:  # a failure inside the box itself: the log only
        log.error("unexpected error: %s", error_frames(error))
        return
    _in_hook = True
    try:
        show_error(QApplication.activeWindow(), error)
    finally:
        _in_hook = False


def announce_backup_fallback(window: QMainWindow, message: str) -> QMessageBox:
    """Tell the director that today's backup missed the chosen folder: a lasting note in the status bar
    (words and a sign, not colour alone) and a box that does not stop the window from opening."""
    note = QLabel("⚠ " + _("Backup not in the chosen folder"))
    note.setObjectName("backup_fallback")
    note.setToolTip(message)
    note.setAccessibleName(_("Backup warning"))
    note.setAccessibleDescription(message)
    window.statusBar().addPermanentWidget(note)
    box = QMessageBox(QMessageBox.Icon.Warning, _("Backup folder not available"), message,
                      QMessageBox.StandardButton.Ok, window)
    box.open()
    return box


def run_gui(opened: Any, demo: bool = False) -> int:
    """Open the main window on an already opened and migrated database."""
    from famdesk.db.location import InstanceLock
    from famdesk.gui.dialogs.login import IdleLock, sign_in
    from famdesk.gui.main_window import MainWindow
    from famdesk.gui.qt_i18n import apply_language
    from famdesk.i18n import ui_language
    from famdesk.services.accounts import idle_lock_minutes
    from famdesk.services.families import count_families

    ctx: ServiceContext = opened.ctx
    app = ensure_qapplication()
    sys.excepthook = window_excepthook  # from here on an unexpected error is a dialog, never a traceback
    apply_language(app, ui_language())
    try:
        lock = InstanceLock(opened.paths.data).acquire() if ctx.db.is_sqlite else None  # one famdesk per database
    except FamdeskError as exc:
        show_error(None, exc)
        return 1
    try:
        unlocked = getattr(opened, "unlocked", None)
        actor = sign_in(ctx, opened.paths.backups, unlocked.user_id if unlocked else None)
        if actor is None:
            return 0
        ctx = ctx.as_actor(actor)
        from famdesk.domain.roles import Action, Kind
        from famdesk.services.access import allowed

        # Demo families are a director's to add (a database write); anyone else just opens the window.
        if demo and allowed(actor, Kind.DATABASE, Action.WRITE) and count_families(ctx) == 0:
            from famdesk.services.demo import create_demo  # Faker: slow to import, only for --demo

            create_demo(ctx)
        # The window shows first; the families list fills right after its first paint.
        window = MainWindow(ctx, opened.paths, fill_after_paint=True)
        window.idle_lock = IdleLock(ctx, window, actor.label, idle_lock_minutes(ctx))  # type: ignore[attr-defined]
        window.show()
        fallback = opened.migration.backup_fallback
        if fallback is not None:
            window.backup_notice = announce_backup_fallback(window, fallback.message())  # type: ignore[attr-defined]
        return int(app.exec())
    finally:
        if lock is not None:
            lock.release()
