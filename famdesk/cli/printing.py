"""``famdesk print …``: every printable on the command line, one subcommand per document.

Other areas add their own subcommands to the ``print`` group without touching this file's code:
in their ``famdesk/cli/<area>.py`` (imported by ``cli._area_modules()`` before the parser is built) do

    from famdesk.cli.printing import PRINT_COMMANDS

    def _register_print(print_sub):          # print_sub: the ``print`` group's subparsers
        p = print_sub.add_parser("visit-letter", help=_("…"))
        p.add_argument("-o", "--output", required=True)
        p.set_defaults(handler=_visit_letter)  # handler(args, opened) -> exit code, as everywhere

    PRINT_COMMANDS.append(_register_print)

Registration functions run in the order they were appended, after the built-in ``welcome-packet`` and
``handout`` subcommands.  Output paths: ``-o`` is a file, or a folder for one-PDF-per-family runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from famdesk.domain.handouts import LanguageStatus
from famdesk.i18n import _

PRINT_COMMANDS: list[Callable[[Any], None]] = []

_MARK = {LanguageStatus.REVIEWED: "reviewed", LanguageStatus.TRANSLATED: "translated",
         LanguageStatus.MISSING: "missing"}


def register(sub: Any) -> None:
    group = sub.add_parser("print", help=_("print welcome packets and handouts to PDF"))
    print_sub = group.add_subparsers(dest="print_command", metavar=_("DOCUMENT"), required=True)

    wp = print_sub.add_parser("welcome-packet", help=_("welcome packets in each family's language"))
    which = wp.add_mutually_exclusive_group(required=True)
    which.add_argument("--family", type=int, metavar="ID", help=_("one family (its number)"))
    which.add_argument("--new-since", type=_date, metavar="DATE",
                       help=_("families enrolled on or after DATE (YYYY-MM-DD)"))
    which.add_argument("--all", action="store_true", help=_("every current family"))
    wp.add_argument("--lang", default="auto", metavar="auto|CODE",
                    help=_("auto = each family's preferred language (default), or a language code"))
    wp.add_argument("--one-file-per-family", action="store_true",
                    help=_("write one PDF per family into the folder given by -o"))
    wp.add_argument("--event-weeks", type=int, metavar="N",
                    help=_("the family page lists the events of the next N weeks "
                           "(default: the program's setting)"))
    wp.add_argument("-o", "--output", required=True, metavar="PATH", help=_("PDF file (or folder)"))
    wp.set_defaults(handler=_welcome_packet)

    ho = print_sub.add_parser("handout", help=_("one handout from the library, or --list"))
    ho.add_argument("name", nargs="?", metavar="NAME", help=_("handout name as shown by --list"))
    ho.add_argument("--list", action="store_true", help=_("list handouts and their translation status"))
    ho.add_argument("--lang", default="en", metavar="CODE", help=_("language code (default en)"))
    ho.add_argument("-o", "--output", metavar="PATH", help=_("PDF file to write"))
    ho.set_defaults(handler=_handout)

    for add in PRINT_COMMANDS:
        add(print_sub)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{value}” is not a date like 2026-09-01").format(value=text)) from None


def _warn(lines: list[str]) -> None:
    for line in lines:
        print(_("warning: {problem}").format(problem=line), file=sys.stderr)


def _welcome_packet(args: argparse.Namespace, opened: Any) -> int:
    from famdesk.services import packets

    ctx = opened.ctx
    ids = packets.choose_families(ctx, family_id=args.family, new_since=args.new_since,
                                  everyone=True if args.all else None)  # type: ignore[arg-type]
    if not ids:
        print(_("No families match; nothing to print."), file=sys.stderr)
        return 1
    run = packets.print_welcome_packets(ctx, ids, language=args.lang, one_file=not args.one_file_per_family,
                                        event_weeks=args.event_weeks)
    out = Path(args.output)
    if args.one_file_per_family:
        out.mkdir(parents=True, exist_ok=True)
        for f in run.files:
            (out / f.name).write_bytes(f.pdf)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(run.files[0].pdf)
    _warn(run.warnings)
    print(_("{families} welcome packet(s), {pages} pages, written to {path}").format(
        families=len(ids), pages=run.pages, path=out))
    return 0


def _handout(args: argparse.Namespace, opened: Any) -> int:
    from famdesk.services import handouts, packets

    ctx = opened.ctx
    if args.list:
        rows = handouts.handout_status(ctx)
        width = max(len(r.key) for r in rows)
        for r in rows:
            kind = _("built-in") if r.builtin else _("yours")
            print(f"{r.key.ljust(width)}  {r.title}  ({kind})")
            print("    " + "  ".join(f"{lang}: {_MARK[st]}" for lang, st in r.languages.items()))
        return 0
    if not args.name or not args.output:
        print(_("famdesk: give a handout NAME and -o PATH, or --list"), file=sys.stderr)
        return 2
    result = packets.print_handout(ctx, args.name, args.lang)
    Path(args.output).write_bytes(result.pdf)
    _warn(result.warnings)
    print(_("{pages} page(s) written to {path}").format(pages=result.pages, path=args.output))
    return 0
