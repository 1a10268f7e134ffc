"""The command line: a thin front end over the same services as the window.

Each area adds a module with ``register(subparsers)``; its handlers take ``(args, opened)`` and
return an exit code. Errors a user can fix print one clear line and exit 1; bad usage exits 2; no
traceback is ever printed. ``famdesk.app.main`` parses the arguments here, opens the database and hands
a command to ``run_command``, which signs it in (``famdesk.cli.sign_in``) and runs it with that user's
role. Nothing here imports the window (``famdesk.gui``).
"""

from __future__ import annotations

import argparse
import logging
import sys
import typing
from collections.abc import Callable
from types import ModuleType
from typing import Any

from famdesk import __version__
from famdesk.domain.errors import FamdeskError
from famdesk.i18n import _

Handler = Callable[[argparse.Namespace, object], int]
log = logging.getLogger("famdesk.cli")


def _area_modules() -> list[ModuleType]:
    from famdesk.cli import accounts, core, directory, encryption, handouts, partnership, printing
    from famdesk.cli import incidents as incidents_cli
    from famdesk.cli import observations as observations_cli
    from famdesk.cli import retention as retention_cli
    from famdesk.cli import take_home as take_home_cli
    from famdesk.cli import visits as visits_cli

    return [core, accounts, encryption, directory, visits_cli, observations_cli, take_home_cli, partnership,
            printing, handouts, incidents_cli, retention_cli]


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
    parser.add_argument("--user", metavar="NAME",
                        help=_("sign in as NAME (or set FAMDESK_USER): needed once the program has accounts; "
                               "the password is asked, or read from FAMDESK_PASSWORD"))


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


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """The start's arguments; bad usage exits 2 (and --help, --version exit 0) as argparse does."""
    return plain_start(argv) or build_parser().parse_args(argv)


def report(error: Exception) -> None:
    """One line on stderr: "famdesk: " and the error's sentence."""
    print(_("famdesk: {problem}").format(problem=error), file=sys.stderr)


def report_unexpected(error: BaseException) -> None:
    print(_("famdesk: something unexpected went wrong ({name}) and the command stopped. The log file in "
            "famdesk's log folder says where; please tell whoever looks after famdesk.").format(
        name=type(error).__name__), file=sys.stderr)


def frames(error: BaseException) -> str:
    """Where an unexpected error happened, for the log (``logs.error_frames``: never its message)."""
    from famdesk.logs import error_frames

    return error_frames(error)


def terminal_unlock() -> Callable[..., object]:
    """The command line's unlocker: a director's password from the terminal or FAMDESK_PASSWORD."""
    from famdesk.cli.encryption import TerminalUnlock

    return TerminalUnlock()


def run_command(args: argparse.Namespace, opened: Any, unlock: object = None) -> int:
    """Sign the command in, run it and close the database; FamdeskErrors print their sentence (exit 1)."""
    from famdesk.cli.sign_in import acting_actor

    try:
        fallback = opened.migration.backup_fallback
        if fallback is not None:  # the window shows it; a command says it before its own output
            print(_("famdesk: warning: {problem}").format(problem=fallback.message()), file=sys.stderr)
        opened.ctx = opened.ctx.as_actor(acting_actor(args, opened, getattr(unlock, "password", None)))
        handler: Handler = args.handler
        return handler(args, opened)
    except FamdeskError as exc:
        report(exc)
        return 1
    except EOFError:  # a question (a confirmation, a new password) met the end of the input
        print(_("famdesk: no answer was given; nothing more was done."), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("famdesk: stopped."), file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one sentence for the user, where it happened in the log
        log.error("unexpected %s in a command\n%s", type(exc).__name__, frames(exc))
        report_unexpected(exc)
        return 1
    finally:
        opened.ctx.db.dispose()

