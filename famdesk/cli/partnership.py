"""`famdesk report dashboard`: the partnership dashboard as CSV numbers or a one-page PDF."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from famdesk.domain.errors import FamdeskError
from famdesk.i18n import _
from famdesk.services import dashboard as dashboard_service
from famdesk.services.spreadsheet_cells import csv_text


def _report_subparsers(sub: Any) -> Any:
    """The `report` command's subcommands, shared with other areas that add reports."""
    report = sub.choices.get("report")
    if report is None:
        report = sub.add_parser("report", help=_("print or export a report"))
        report.set_defaults(handler=lambda args, opened: (report.print_help(), 2)[1])
        report._famdesk_reports = report.add_subparsers(dest="report", metavar=_("REPORT"))
    return report._famdesk_reports


def register(sub: Any) -> None:
    dash = _report_subparsers(sub).add_parser(
        "dashboard", help=_("the partnership dashboard: participation, contacts, goals, home visits"))
    dash.add_argument("--format", choices=["pdf", "csv"], default=None,
                      help=_("csv: the numbers (to the screen, or to -o); pdf: the one-page summary (default "
                             "with -o)"))
    dash.add_argument("-o", "--output", metavar="PATH", help=_("write to PATH"))
    dash.add_argument("--from", dest="start", type=_date, metavar="YYYY-MM-DD",
                      help=_("start of the period (default: the program year)"))
    dash.add_argument("--to", dest="end", type=_date, metavar="YYYY-MM-DD", help=_("end of the period"))
    dash.add_argument("--today", type=_date, help=argparse.SUPPRESS)
    dash.add_argument("--language", default=None,
                      help=_("language of the printed summary (default: the program's)"))
    dash.set_defaults(handler=_dashboard)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{value}” is not a date like 2026-09-30").format(value=text)) from None


def _dashboard(args: argparse.Namespace, opened: Any) -> int:
    fmt = args.format or ("pdf" if args.output else "csv")
    if fmt == "pdf" and not args.output:
        print(_("famdesk: a PDF needs a file name: add -o PATH"), file=sys.stderr)
        return 2
    if fmt == "csv":
        # neutralized: event titles and family names may start with "=" or "+"
        text = csv_text(dashboard_service.export_rows(opened.ctx, args.start, args.end, today=args.today))
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    d = dashboard_service.dashboard(opened.ctx, args.start, args.end, today=args.today)
    try:
        from famdesk.services.partnership_print import dashboard_pdf
    except ImportError:
        raise FamdeskError(_("Printing is not installed in this famdesk yet; use --format csv.")) from None
    Path(args.output).write_bytes(dashboard_pdf(opened.ctx, d, language=args.language))
    print(_("Dashboard summary written to {path}").format(path=args.output))
    return 0
