"""Composition root: arguments → paths → logging, language → unlocker → open, migrate → window or command.

``main`` is the only place that knows both front ends: it starts logging before anything else (so a
database that does not open is logged, by the error's class only: no names, no paths), chooses how an
encrypted database is unlocked (the window's dialog or the terminal), opens the database and hands it
to ``famdesk.gui.application.run_gui`` or to ``famdesk.cli.run_command``. The command line never
imports the window.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url

from famdesk import paths as app_paths
from famdesk.db import cipher, damage, keyring, migrate
from famdesk.db.engine import sqlite_url
from famdesk.db.location import check_location
from famdesk.db.session import Database
from famdesk.domain.errors import Cancelled as Cancelled  # re-exported: its home is domain/errors.py
from famdesk.domain.errors import DamagedDatabase, DatabaseTooNewError, FamdeskError, StorageError
from famdesk.domain.errors import PasswordNeeded as PasswordNeeded  # re-exported, likewise
from famdesk.i18n import _, set_ui_language
from famdesk.logs import setup_logging
from famdesk.preferences import load_preferences
from famdesk.services.context import ServiceContext

log = logging.getLogger("famdesk.app")


# Asks for a director's password (GUI dialog, terminal prompt or FAMDESK_PASSWORD) and returns the key.
Unlocker = Callable[[Path], keyring.Unlocked]


@dataclass
class Opened:
    ctx: ServiceContext
    paths: app_paths.AppPaths
    migration: migrate.MigrationResult
    unlocked: keyring.Unlocked | None = None  # set for an encrypted database: whose password opened it
    password: str | None = field(default=None, repr=False)  # a command's sign-in password (for `encrypt`)


def open_database(data_dir: str | None = None, database_url: str | None = None,
                  unlock: Unlocker | None = None, password: str | None = None) -> Opened:
    """Open (creating if needed) the database, back it up and bring its schema to head.

    An encrypted database is opened with the key ``unlock`` returns (or that ``password`` unwraps)."""
    paths = app_paths.resolve_paths(data_dir).create()
    url = database_url or os.environ.get(app_paths.DATABASE_URL_ENV) or sqlite_url(paths.database)
    unlocked = None
    if url.startswith("sqlite") and ":memory:" not in url:
        path = Path(make_url(url).database or paths.database)
        check_location(path.parent)
        if password is not None and unlock is None:
            unlock = lambda database: keyring.unlock_database(database, password)  # noqa: E731
        unlocked = unlock_if_encrypted(path, unlock, paths.backups)
    db = Database.open(url, key=unlocked.key if unlocked else None)
    db.anchor_folder = paths.config  # a PostgreSQL database's audit head on this PC (db/audit_anchor.py)
    try:
        result = migrate.upgrade(db, backup_dir=paths.backups)
    except Exception:
        db.dispose()
        raise
    log.info("database opened (schema %s → %s%s)", result.previous, result.current,
             ", encrypted" if unlocked else "")
    return Opened(ServiceContext(db), paths, result, unlocked)


def unlock_if_encrypted(path: Path, unlock: Unlocker | None,
                        backups: Path | None = None) -> keyring.Unlocked | None:
    """None for a plain database; else the key, after a director's password (nothing is opened before).

    A damaged file (empty, not SQLite, not famdesk's, malformed: ``db/damage.py``) raises DamagedDatabase
    before anything opens it; only the missing database of a key file is said as such."""
    keys = keyring.keys_file(path)
    if not (keys.is_file() and (not path.is_file() or path.stat().st_size == 0)):
        damage.check_file(path, backups)
    if cipher.is_encrypted_file(path):
        cipher.sqlcipher()  # a clear message naming the package when it is missing
        if not keys.is_file():
            # Encrypted, or so damaged nothing in it looks like SQLite: either way `famdesk restore` may
            # replace it (a DamagedDatabase), keeping the file.
            raise DamagedDatabase(_("This database is encrypted, and its key file {name} is missing. Copy it "
                                    "back from a backup folder (each encrypted backup has one beside it).")
                                  .format(name=keys.name), state="unreadable")
        if unlock is None:
            raise PasswordNeeded(_("This database is encrypted; a director's password is needed to open it."))
        return unlock(path)
    if keys.is_file():
        if not path.is_file() or path.stat().st_size == 0:
            # Never start a new, empty plain database beside the key file of a missing encrypted one.
            raise DamagedDatabase(_("The key file {keys} is here but the encrypted database {name} is missing. "
                                    "Copy the database back or restore a backup.")
                                  .format(keys=keys.name, name=path.name), state="missing")
        log.warning("a key file lies beside a plain database (an interrupted encrypt or decrypt); ignored")
    return None


def ui_language_from_env(preferred: str = "") -> str | None:
    """FAMDESK_LANGUAGE, then the user's choice in Settings, then the system's language: the LANG-style
    variables (Linux, macOS terminals), else the Windows display language, which sets no variable."""
    if os.environ.get("FAMDESK_LANGUAGE"):
        return os.environ["FAMDESK_LANGUAGE"]
    if preferred:
        return preferred
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value and value not in ("C", "POSIX"):
            return value.split(".")[0]
    if sys.platform == "win32":
        import ctypes

        return windows_language(ctypes.windll.kernel32.GetUserDefaultUILanguage)  # type: ignore[attr-defined]
    return None


def windows_language(user_ui_language: Callable[[], int]) -> str | None:
    """The Windows display language (a LANGID such as 0x0C0A) as a locale name ("es_ES"), or None."""
    import locale

    try:
        return locale.windows_locale.get(int(user_ui_language()))
    except (OSError, ValueError, TypeError):
        return None


def no_display_reason() -> str | None:
    """Why the window cannot open here (Linux or BSD without a desktop session), before anything is made.

    Without this, Qt aborts with a message about a missing xcb-cursor0 library, misleading on a server."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return _("famdesk's window needs a desktop, and this session has none (no DISPLAY or WAYLAND_DISPLAY). "
             "Start famdesk from the desktop, or use its commands here: famdesk --help.")


def main(argv: Sequence[str] | None = None) -> int:
    """``famdesk [options] [COMMAND …]``: the window without a command, else the command; the exit code."""
    from famdesk import cli

    set_ui_language(ui_language_from_env())
    args = cli.parse_arguments(list(sys.argv[1:] if argv is None else argv))  # usage errors exit 2 here
    window = args.command is None
    if window and (reason := no_display_reason()):
        cli.report(FamdeskError(reason))  # said before the data folder is made
        return 1
    try:
        start_logging(app_paths.resolve_paths(args.data_dir).create())
    except OSError as exc:
        cli.report(StorageError(_("famdesk cannot use its data folder: {detail}").format(
            detail=exc.strerror or type(exc).__name__)))
        return 1
    unlock: Unlocker = _window_unlock if window else cli.terminal_unlock()
    try:
        opened = open_database(args.data_dir, args.database_url, unlock=unlock)
    except Cancelled:
        log.info("start cancelled at the unlock dialog")
        return 0
    except (DamagedDatabase, DatabaseTooNewError) as exc:
        log.error("the database is damaged or too new (%s)", getattr(exc, "state", "newer"))
        if args.command == "restore":  # the way out: a good backup in place of the damaged file
            from famdesk.cli.core import restore_damaged

            paths = app_paths.resolve_paths(args.data_dir)
            url = args.database_url or os.environ.get(app_paths.DATABASE_URL_ENV) or sqlite_url(paths.database)
            return restore_damaged(args, paths, Path(make_url(url).database or paths.database), exc)
        cli.report(exc)
        return 1
    except FamdeskError as exc:
        log.error("the database could not be opened (%s)", type(exc).__name__)
        cli.report(exc)
        return 1
    except Exception as exc:  # a bug: said in one sentence, logged without the message (it may hold data)
        log.error("the database could not be opened: %s\n%s", type(exc).__name__, cli.frames(exc))
        cli.report_unexpected(exc)
        return 1
    if window:
        return _run_window(opened, demo=args.demo)
    return cli.run_command(args, opened, unlock)


def _window_unlock(database: Path) -> keyring.Unlocked:
    """The window's unlock dialog, shown (in the user's language) only for an encrypted database."""
    from famdesk.gui.dialogs.unlock import unlock_with_dialog

    return unlock_with_dialog(database)


def _run_window(opened: Opened, demo: bool) -> int:
    from famdesk import cli
    from famdesk.gui.application import run_gui

    try:
        return run_gui(opened, demo=demo)
    except FamdeskError as exc:
        cli.report(exc)
        return 1
    finally:
        opened.ctx.db.dispose()


def start_logging(paths: app_paths.AppPaths) -> None:
    setup_logging(Path(paths.logs))
    apply_preferred_language(paths)


def apply_preferred_language(paths: app_paths.AppPaths) -> None:
    set_ui_language(ui_language_from_env(load_preferences(paths.config).ui_language))
