"""The command line: a thin front end over the same services as the window.

Each area adds a module with ``register(subparsers)``; its handlers take ``(args, opened)`` and
return an exit code. Errors a user can fix print one clear line and exit 1; bad usage exits 2.
"""

from __future__ import annotations

import argparse
import sys
import typing
from collections.abc import Callable
from types import ModuleType

from famdesk import __version__
from famdesk.domain.errors import FamdeskError
from famdesk.i18n import _

Handler = Callable[[argparse.Namespace, object], int]


def _area_modules() -> list[ModuleType]:
    from famdesk.cli import accounts, core, directory, encryption, handouts, partnership, printing
    from famdesk.cli import incidents as incidents_cli
    from famdesk.cli import observations as observations_cli
    from famdesk.cli import retention as retention_cli
    from famdesk.cli import take_home as take_home_cli
    from famdesk.cli import visits as visits_cli

    return [core, accounts, encryption, directory, visits_cli, observations_cli, take_home_cli, partnership, printing,
            handouts, incidents_cli, retention_cli]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="famdesk",
        description=_("famdesk: families, home visits, observations and handouts for your program."),
    )
    parser.add_argument("--version", action="version", version=f"famdesk {__version__}")
    _start_options(parser)
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for module in _area_modules():
        module.register(sub)
    return parser


def _start_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", metavar="FOLDER",
                        help=_("keep the database, backups and logs in FOLDER (or set FAMDESK_DATA_DIR)"))
    parser.add_argument("--database-url", metavar="URL",
                        help=_("use this database instead, e.g. postgresql://user@host/famdesk "
                               "(or set FAMDESK_DATABASE_URL)"))
    parser.add_argument("--demo", action="store_true",
                        help=_("open the window with demo families (added if the database has none)"))


class _NotAPlainStart(Exception):
    pass


class _StartParser(argparse.ArgumentParser):
    def error(self, message: str) -> typing.NoReturn:
        raise _NotAPlainStart(message)


def plain_start(argv: list[str]) -> argparse.Namespace | None:
    """The arguments of a start without a command (the window), read without loading every area's
    command module: those import most of famdesk (~0.4 s) and the window needs none of them. None for
    anything else (a command, --help, --version, a mistake): the full parser handles and reports it."""
    parser = _StartParser(prog="famdesk", add_help=False)
    _start_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotAPlainStart:
        return None
    if rest:
        return None
    args.command = None
    return args


def run(argv: list[str]) -> int:
    args = plain_start(argv) or build_parser().parse_args(argv)
    from famdesk.app import Cancelled, open_database, start_logging
    from famdesk.cli.encryption import TerminalUnlock, acting_actor

    terminal = TerminalUnlock()
    try:
        opened = open_database(args.data_dir, args.database_url,
                               unlock=_gui_unlock(args) if args.command is None else terminal)
    except Cancelled:
        return 0
    except FamdeskError as exc:
        print(_("famdesk: {problem}").format(problem=exc), file=sys.stderr)
        return 1
    start_logging(opened.paths)
    fallback = opened.migration.backup_fallback
    try:
        if args.command is None:
            from famdesk.gui.application import run_gui

            return run_gui(opened, demo=args.demo)
        if fallback is not None:  # the window shows it; a command says it before its own output
            print(_("famdesk: warning: {problem}").format(problem=fallback.message()), file=sys.stderr)
        handler: Handler = args.handler
        # Unencrypted: as director, audited as "command line"; encrypted: as the unlocking director.
        opened.ctx = opened.ctx.as_actor(acting_actor(opened, terminal))
        return handler(args, opened)
    except FamdeskError as exc:
        print(_("famdesk: {problem}").format(problem=exc), file=sys.stderr)
        return 1
    finally:
        opened.ctx.db.dispose()


def _gui_unlock(args: argparse.Namespace) -> Callable[..., object]:
    """The window's unlock dialog, shown (in the user's language) only for an encrypted database."""
    def unlock(database: object) -> object:
        from famdesk import paths
        from famdesk.app import apply_preferred_language
        from famdesk.gui.dialogs.unlock import unlock_with_dialog

        apply_preferred_language(paths.resolve_paths(args.data_dir))
        return unlock_with_dialog(database)  # type: ignore[arg-type]
    return unlock
