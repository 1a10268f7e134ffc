"""Directory commands: import a roster, export the families (CSV, XLSX, vCard) or one family's record."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from famdesk.domain.imports import DateStyle, ImportReport
from famdesk.i18n import _, ngettext
from famdesk.services import exports, imports


def register(sub: Any) -> None:
    imp = sub.add_parser("import", help=_("import families from a CSV or XLSX roster"))
    imp.add_argument("file", metavar="FILE", help=_("the roster (.csv, .txt or .xlsx)"))
    imp.add_argument("--mapping", metavar="NAME", help=_("use a column mapping saved under NAME"))
    imp.add_argument("--save-mapping", metavar="NAME", help=_("remember the mapping used under NAME"))
    imp.add_argument(
        "--date-style",
        choices=[s.value for s in DateStyle],
        default=None,
        help=_("how the file writes dates (default: detect from the whole column)"),
    )
    imp.add_argument("--dry-run", action="store_true", help=_("check the file and report; write nothing"))
    imp.add_argument(
        "--skip-bad-rows", action="store_true", help=_("import the good rows and leave out the bad ones")
    )
    imp.set_defaults(handler=_import)

    exp = sub.add_parser("export", help=_("export the directory or one family's record"))
    what = exp.add_subparsers(dest="what", metavar=_("WHAT"), required=True)
    fams = what.add_parser("families", help=_("every family (CSV, XLSX or vCard of caregivers)"))
    fams.add_argument("--format", choices=["csv", "xlsx", "vcf"], default="csv")
    fams.add_argument("-o", "--output", required=True, metavar="FILE")
    fams.add_argument("--include-archived", action="store_true", help=_("also export archived families"))
    fams.set_defaults(handler=_export_families)
    one = what.add_parser("family", help=_("everything held about one family, as JSON"))
    one.add_argument("family_id", type=int, metavar="ID")
    one.add_argument("-o", "--output", required=True, metavar="FILE")
    one.set_defaults(handler=_export_family)
    book = what.add_parser("directory", help=_("the printed school directory (families who agreed), as PDF"))
    book.add_argument("--language", default="en", help=_("language of the directory's own text (default en)"))
    book.add_argument("-o", "--output", required=True, metavar="FILE")
    book.set_defaults(handler=_export_directory)


def print_report(report: ImportReport) -> None:
    print(
        _("{file}: {rows} data rows ({encoding}, dates {style}).").format(
            file=report.file,
            rows=report.data_rows,
            encoding=report.encoding or "?",
            style=report.date_style.value,
        )
    )
    for p in report.problems:
        print(
            _("  row {row}, column “{column}”: {problem}").format(
                row=p.row, column=p.column, problem=p.message
            )
        )
    for d in report.duplicates:
        print(
            _(
                "  row {row}: {household} may already be in the directory as {existing} (#{id}): {reason}"
            ).format(
                row=d.row,
                household=d.household,
                existing=d.existing_family,
                id=d.existing_family_id,
                reason=d.reason,
            )
        )
    if report.new_classrooms:
        print(_("  New classrooms: {names}").format(names=", ".join(report.new_classrooms)))


def _import(args: argparse.Namespace, opened: Any) -> int:
    ctx = opened.ctx
    table = imports.read_file(args.file)
    mapping = (
        imports.load_mapping(ctx, args.mapping) if args.mapping else imports.suggest_mapping(table.headers)
    )
    if args.date_style:
        mapping.date_style = DateStyle(args.date_style)
    if args.dry_run:
        report = imports.preview_roster(ctx, args.file, mapping, table=table,
                                        skip_bad_rows=args.skip_bad_rows)
    else:
        report = imports.import_roster(ctx, args.file, mapping, table=table, skip_bad_rows=args.skip_bad_rows,
                                       backup_dir=opened.paths.backups)
    print_report(report)
    if args.save_mapping:
        imports.save_mapping(ctx, args.save_mapping, mapping)
    counts = _("{families} families, {caregivers} caregivers, {children} children").format(
        families=report.families, caregivers=report.caregivers, children=report.children
    )
    bad = len(report.bad_rows)
    if report.written:
        print(
            _("Imported {counts}.").format(counts=counts)
            + (
                " " + ngettext("{n} bad row left out.", "{n} bad rows left out.", bad).format(n=bad)
                if bad
                else ""
            )
        )
        return 0
    if args.dry_run:
        print(_("Dry run: would import {counts}; nothing was written.").format(counts=counts))
        return 1 if bad and not args.skip_bad_rows else 0
    if bad:
        print(
            ngettext(
                "Nothing was imported: {n} row has problems. Fix it, or use --skip-bad-rows.",
                "Nothing was imported: {n} rows have problems. Fix them, or use --skip-bad-rows.",
                bad,
            ).format(n=bad),
            file=sys.stderr,
        )
        return 1
    print(_("Nothing to import."))
    return 0


def _write(path: str, data: bytes) -> None:
    out = Path(path)
    try:
        out.write_bytes(data)
    except OSError as exc:
        from famdesk.domain.errors import FamdeskError

        raise FamdeskError(
            _("Cannot write {file}: {detail}").format(file=path, detail=exc.strerror or exc)
        ) from None


def _export_families(args: argparse.Namespace, opened: Any) -> int:
    from famdesk.services.families import FamilyFilter

    f = FamilyFilter(include_archived=args.include_archived)
    build = {"csv": exports.families_csv, "xlsx": exports.families_xlsx, "vcf": exports.caregivers_vcf}[
        args.format
    ]
    _write(args.output, build(opened.ctx, f))
    print(_("Wrote {file}.").format(file=args.output))
    return 0


def _export_family(args: argparse.Namespace, opened: Any) -> int:
    _write(args.output, exports.family_record_json(opened.ctx, args.family_id))
    print(_("Wrote {file}.").format(file=args.output))
    return 0


def _export_directory(args: argparse.Namespace, opened: Any) -> int:
    _write(args.output, exports.school_directory_pdf(opened.ctx, args.language))
    print(_("Wrote {file}.").format(file=args.output))
    return 0
