"""Core commands: demo, info, check."""

from __future__ import annotations

import argparse
import json
from typing import Any

from famdesk.i18n import _
from famdesk.services import info as info_service
from famdesk.services.checks import run_checks
from famdesk.services.demo import create_demo


def register(sub: Any) -> None:
    demo = sub.add_parser("demo", help=_("add a realistic demo program (families, staff, classrooms)"))
    demo.add_argument("--families", type=_positive, default=60, metavar="N",
                      help=_("how many families to create (default 60)"))
    demo.add_argument("--seed", type=int, default=2026, help=argparse.SUPPRESS)
    demo.set_defaults(handler=_demo)

    info = sub.add_parser("info", help=_("show where the data is, the schema revision and record counts"))
    info.add_argument("--json", action="store_true", help=_("print machine-readable JSON"))
    info.set_defaults(handler=_info)

    check = sub.add_parser("check", help=_("check the database's integrity and famdesk's own rules"))
    check.set_defaults(handler=_check)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{value}” is not a whole number").format(value=text)) from None
    if value < 0 or value > 1_000_000:
        raise argparse.ArgumentTypeError(_("choose a number from 0 to 1,000,000"))
    return value


def _demo(args: argparse.Namespace, opened: Any) -> int:
    result = create_demo(opened.ctx, families=args.families, seed=args.seed)
    print(_("Demo program ready: {families} families, {caregivers} caregivers, {children} children, "
            "{staff} staff, {classrooms} classrooms.").format(**vars(result)))
    return 0


def _info(args: argparse.Namespace, opened: Any) -> int:
    data = info_service.database_info(opened.ctx)
    data["data_folder"] = str(opened.paths.data)
    data["backups_folder"] = str(opened.paths.backups)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    print(_("Database: {url}").format(url=data["database"]))
    print(_("Encrypted: {answer}").format(answer=_("yes") if data.get("encrypted") else _("no")))
    print(_("Data folder: {folder}").format(folder=data["data_folder"]))
    print(_("Backups: {folder}").format(folder=data["backups_folder"]))
    print(_("Schema revision: {revision}").format(revision=data["schema_revision"]))
    counts: dict[str, int] = data["counts"]  # type: ignore[assignment]
    width = max(len(k) for k in counts)
    for name, count in counts.items():
        print(f"  {name.ljust(width)}  {count:>8}")
    return 0


def _check(args: argparse.Namespace, opened: Any) -> int:
    notes: list[str] = []
    problems = run_checks(opened.ctx, notes)
    for note in notes:
        print(note)
    if not problems:
        print(_("All checks passed."))
        return 0
    for problem in problems:
        print(problem)
    print(_("{count} problem(s) found.").format(count=len(problems)))
    return 1
