"""`famdesk visits …`: export visits to iCalendar, print Head Start compliance as a table or CSV."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from famdesk.domain.visits import FamilyCompliance, label
from famdesk.i18n import _, ngettext
from famdesk.services.compliance import family_compliance
from famdesk.services.spreadsheet_cells import csv_text


def register(sub: Any) -> None:
    visits = sub.add_parser("visits", help=_("home visits: calendar export and compliance"))
    vsub = visits.add_subparsers(dest="visits_command", metavar=_("ACTION"), required=True)

    ics = vsub.add_parser(
        "export-ics", help=_("write visits to an iCalendar (.ics) file for a phone or Outlook")
    )
    ics.add_argument("--staff", type=int, metavar="ID", help=_("only this staff member's visits"))
    ics.add_argument("-o", "--output", required=True, metavar="FILE", help=_("the .ics file to write"))
    ics.set_defaults(handler=_export_ics)

    comp = vsub.add_parser("compliance", help=_("visits required so far, held, missed and owed, per family"))
    comp.add_argument("--format", choices=["table", "csv"], default="table", help=_("table (default) or csv"))
    comp.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help=_("count up to this day (default: today)"),
    )
    comp.add_argument("--at-risk", action="store_true", help=_("only families behind or owed a make-up"))
    comp.set_defaults(handler=_compliance)

    letter = vsub.add_parser(
        "letter", help=_("print an appointment letter or reminder in the family's language")
    )
    letter.add_argument("visit", type=int, metavar="VISIT_ID")
    letter.add_argument("--reminder", action="store_true", help=_("a reminder instead of the first letter"))
    letter.add_argument(
        "--language", metavar="CODE", help=_("print in this language instead of the family's")
    )
    letter.add_argument("-o", "--output", required=True, metavar="FILE", help=_("the PDF file to write"))
    letter.set_defaults(handler=_letter)

    sheet = vsub.add_parser("record-sheet", help=_("print the visit-record sheet to take on a visit"))
    sheet.add_argument("visit", type=int, metavar="VISIT_ID")
    sheet.add_argument("-o", "--output", required=True, metavar="FILE", help=_("the PDF file to write"))
    sheet.set_defaults(handler=_record_sheet)

    closures = vsub.add_parser("closures", help=_("list, add or remove program closures and holidays"))
    csub = closures.add_subparsers(dest="closures_command", metavar=_("ACTION"))
    closures.set_defaults(handler=_closures_list)
    add = csub.add_parser("add", help=_("add a closure (no visits are scheduled on these days)"))
    add.add_argument("name", metavar="NAME")
    add.add_argument("--from", dest="start", required=True, type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                     help=_("the first closed day"))
    add.add_argument("--to", dest="end", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                     help=_("the last closed day (default: the first)"))
    add.set_defaults(handler=_closures_add)
    remove = csub.add_parser("remove", help=_("remove a closure"))
    remove.add_argument("closure", type=int, metavar="CLOSURE_ID")
    remove.set_defaults(handler=_closures_remove)

    poster = vsub.add_parser(
        "poster", help=_("print the bulletin-board poster of home visits against the goal")
    )
    poster.add_argument("--as-of", type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    poster.add_argument("-o", "--output", required=True, metavar="FILE", help=_("the PDF file to write"))
    poster.set_defaults(handler=_poster)


def _export_ics(args: argparse.Namespace, opened: Any) -> int:
    from famdesk.services.visit_ics import export_ics

    data = export_ics(opened.ctx, staff_id=args.staff)
    Path(args.output).write_bytes(data)
    n = data.count(b"BEGIN:VEVENT")
    print(
        ngettext("Wrote {count} visit to {file}.", "Wrote {count} visits to {file}.", n).format(
            count=n, file=args.output
        )
    )
    return 0


def _columns() -> list[str]:
    return [
        _("Family"),
        _("Option"),
        _("Staff"),
        _("Enrolled days"),
        _("Home visits required"),
        _("Home visits held"),
        _("Short"),
        _("Family missed"),
        _("Program cancelled"),
        _("Make-ups owed"),
        _("Conferences required"),
        _("Conferences held"),
        _("Socializations required"),
        _("Socializations held"),
        _("At risk"),
    ]


def _values(r: FamilyCompliance) -> list[str]:
    hv = r.home_visits
    return [
        r.family_name,
        f"{label(r.option)} ({label(r.band)})",
        r.staff_name,
        str(r.days_enrolled),
        str(hv.required_to_date),
        str(hv.held),
        str(hv.short),
        str(hv.family_missed),
        str(hv.program_cancelled),
        str(hv.make_ups_owed + r.conferences.make_ups_owed + r.socializations.make_ups_owed),
        str(r.conferences.required_to_date),
        str(r.conferences.held),
        str(r.socializations.required_to_date),
        str(r.socializations.held),
        _("yes") if r.at_risk else "",
    ]


def _compliance(args: argparse.Namespace, opened: Any) -> int:
    rows = family_compliance(opened.ctx, args.as_of)
    if args.at_risk:
        rows = [r for r in rows if r.at_risk]
    header, body = _columns(), [_values(r) for r in rows]
    if args.format == "csv":
        sys.stdout.write(csv_text([header, *body]))  # neutralized: a family name may start with "="
        return 0
    short = [
        _("Family"),
        _("Option"),
        _("Staff"),
        _("HV req"),
        _("HV held"),
        _("Short"),
        _("Missed"),
        _("Owed"),
        _("Conf"),
        _("Soc"),
        _("At risk"),
    ]
    table = [
        [v[0], v[1], v[2], v[4], v[5], v[6], v[7], v[9], f"{v[11]}/{v[10]}", f"{v[13]}/{v[12]}", v[14]]
        for v in body
    ]
    widths = [max(len(x) for x in col) for col in zip(short, *table, strict=False)]
    for line in [short, *table]:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
    print(
        ngettext("{count} family, {risk} at risk.", "{count} families, {risk} at risk.", len(rows)).format(
            count=len(rows), risk=sum(r.at_risk for r in rows)
        )
    )
    return 0


def _write_pdf(result: Any, path: str) -> int:
    Path(path).write_bytes(result.pdf)
    for warning in result.warnings:
        print(_("Note: {warning}").format(warning=warning), file=sys.stderr)
    print(
        ngettext("Wrote {pages} page to {file}.", "Wrote {pages} pages to {file}.", result.pages).format(
            pages=result.pages, file=path
        )
    )
    return 0


def _letter(args: argparse.Namespace, opened: Any) -> int:
    from famdesk.services.visit_printing import visit_letter

    return _write_pdf(
        visit_letter(opened.ctx, args.visit, reminder=args.reminder, locale=args.language), args.output
    )


def _record_sheet(args: argparse.Namespace, opened: Any) -> int:
    from famdesk.services.visit_printing import visit_record_sheet

    return _write_pdf(visit_record_sheet(opened.ctx, args.visit), args.output)


def _poster(args: argparse.Namespace, opened: Any) -> int:
    from famdesk.services.visit_printing import visit_poster

    return _write_pdf(visit_poster(opened.ctx, args.as_of), args.output)


def _closures_list(args: argparse.Namespace, opened: Any) -> int:
    from famdesk.formatting import ui_date
    from famdesk.services.closures import list_closures

    rows = list_closures(opened.ctx)
    if not rows:
        print(_("No closures entered."))
    for c in rows:
        assert c.starts_on is not None and c.ends_on is not None
        days = ui_date(c.starts_on) if c.ends_on == c.starts_on else _("{start} to {end}").format(
            start=ui_date(c.starts_on), end=ui_date(c.ends_on))
        print(f"{c.id}\t{days}\t{c.name}")
    return 0


def _closures_add(args: argparse.Namespace, opened: Any) -> int:
    from famdesk.domain.visits import Closure
    from famdesk.services.closures import save_closure

    saved = save_closure(opened.ctx, Closure(args.name, args.start, args.end))
    print(_("Added closure {id}: {name}.").format(id=saved.id, name=saved.name))
    return 0


def _closures_remove(args: argparse.Namespace, opened: Any) -> int:
    from famdesk.services.closures import delete_closure

    delete_closure(opened.ctx, args.closure)
    print(_("Removed closure {id}.").format(id=args.closure))
    return 0
