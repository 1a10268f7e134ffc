"""`famdesk print take-home-notes`: shareable observations as warm notes in each family's language."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from famdesk.cli.printing import PRINT_COMMANDS
from famdesk.i18n import _
from famdesk.services.take_home import print_take_home_notes


def register(sub: Any) -> None:
    """Nothing at the top level: ``take-home-notes`` lives in the shared ``print`` group."""


def _register_print(docs: Any) -> None:
    notes = docs.add_parser(
        "take-home-notes", help=_("shareable observation notes, in each family's language, several per sheet")
    )
    scope = notes.add_mutually_exclusive_group(required=True)
    scope.add_argument("--child", type=int, metavar="ID")
    scope.add_argument("--classroom", type=int, metavar="ID")
    scope.add_argument("--all", action="store_true", help=_("every child"))
    notes.add_argument("--since", type=_date, required=True, metavar="YYYY-MM-DD")
    notes.add_argument("-o", "--output", required=True, metavar="PATH")
    notes.set_defaults(handler=_take_home)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{value}” is not a date like 2026-09-01").format(value=text)
        ) from None


def _take_home(args: argparse.Namespace, opened: Any) -> int:
    result = print_take_home_notes(
        opened.ctx, since=args.since, child_id=args.child, classroom_id=args.classroom, all_children=args.all
    )
    Path(args.output).write_bytes(result.pdf)
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    print(_("Wrote {pages} page(s) to {path}.").format(pages=result.pages, path=args.output))
    return 0


PRINT_COMMANDS.append(_register_print)
