"""`famdesk incidents summary`: the incident summary (counts only, no names) as CSV or PDF. Directors only."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from famdesk.i18n import _
from famdesk.services import incident_summary


def register(sub: Any) -> None:
    inc = sub.add_parser("incidents", help=_("behaviour-incident records (directors only)"))
    inc.set_defaults(handler=lambda args, opened: (inc.print_help(), 2)[1])
    commands = inc.add_subparsers(dest="incidents_command", metavar=_("COMMAND"))
    summary = commands.add_parser(
        "summary", help=_("counts by classroom × time of day and by weekday, without names"))
    summary.add_argument("--from", dest="start", type=_date, required=True, metavar="YYYY-MM-DD",
                         help=_("first day of the period"))
    summary.add_argument("--to", dest="end", type=_date, required=True, metavar="YYYY-MM-DD",
                         help=_("last day of the period"))
    summary.add_argument("--format", choices=["csv", "pdf"], default=None,
                         help=_("csv (default without -o, or for a .csv file) or pdf"))
    summary.add_argument("-o", "--output", metavar="PATH", type=Path, help=_("write to PATH"))
    summary.set_defaults(handler=_summary)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{value}” is not a date like 2026-09-30").format(value=text)) from None


def _summary(args: argparse.Namespace, opened: Any) -> int:
    fmt = args.format or ("pdf" if args.output and args.output.suffix.lower() == ".pdf" else "csv")
    if fmt == "pdf":
        if not args.output:
            print(_("famdesk: a PDF needs a file name: add -o PATH"), file=sys.stderr)
            return 2
        args.output.write_bytes(incident_summary.summary_pdf(opened.ctx, args.start, args.end))
        print(_("Incident summary written to {path}").format(path=args.output))
        return 0
    text = incident_summary.summary_csv(opened.ctx, args.start, args.end)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(_("Incident summary written to {path}").format(path=args.output))
    else:
        sys.stdout.write(text)
    return 0
