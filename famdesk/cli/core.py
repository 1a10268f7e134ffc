"""Core commands: demo, info, check; and `famdesk restore` over a damaged database."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
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


def restore_damaged(args: argparse.Namespace, paths: Any, live: Path, damage_error: Exception) -> int:
    """`famdesk restore FILE` when the live database is damaged (nothing could open it, so no sign-in:
    its accounts are in the damaged file). The backup is checked first; the damaged file is kept as
    ``<name>.damaged-<time>``. Every problem is one sentence and exit code 1."""
    from famdesk import cli
    from famdesk.cli.accounts import _password
    from famdesk.cli.encryption import director_password
    from famdesk.db import damage
    from famdesk.db.backup_files import BackupKeyNeeded, is_encrypted
    from famdesk.db.location import InstanceLock
    from famdesk.domain.errors import DamagedDatabase, FamdeskError

    tag = "damaged" if isinstance(damage_error, DamagedDatabase) else "newer"  # a newer famdesk's file
    print(_("famdesk: {problem}").format(problem=damage_error), file=sys.stderr)
    try:
        password = _password(confirm=False) if args.file.is_file() and is_encrypted(args.file) else None
        if not args.yes and input(_("Replace the damaged database with this backup? The damaged file is kept. "
                                    "[y/N] ")).strip().lower() != "y":
            print(_("Nothing was changed."))
            return 1
        with InstanceLock(paths.data):
            try:
                kept = damage.restore_over_damaged(args.file, live, password, tag=tag)
            except BackupKeyNeeded:
                director = director_password(_("Password of a director at the time of the backup: "))
                kept = damage.restore_over_damaged(args.file, live, password, director, tag=tag)
    except FamdeskError as exc:
        cli.report(exc)
        return 1
    except EOFError:
        print(_("famdesk: no answer was given; nothing more was done."), file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one sentence, where it happened in the log
        logging.getLogger("famdesk.cli").error("unexpected %s restoring over a damaged database\n%s",
                                               type(exc).__name__, cli.frames(exc))
        cli.report_unexpected(exc)
        return 1
    print(_("Restored {backup}. The database it replaced was kept as {kept}.").format(backup=args.file, kept=kept))
    return 0
