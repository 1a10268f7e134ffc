"""`famdesk retention …`: families past the retention period, erasing them, legal holds. Directors only."""

from __future__ import annotations

import argparse
from typing import Any

from famdesk.domain.retention import RetentionReview
from famdesk.i18n import _
from famdesk.services import backups, legal_holds, retention


def register(sub: Any) -> None:
    ret = sub.add_parser("retention",
                         help=_("records of families who left: retention period and legal holds"))
    ret.set_defaults(handler=lambda args, opened: (ret.print_help(), 2)[1])
    commands = ret.add_subparsers(dest="retention_command", metavar=_("COMMAND"))
    listing = commands.add_parser("list", help=_("families whose retention period has passed"))
    listing.set_defaults(handler=_list)
    apply = commands.add_parser("apply", help=_("erase every family whose retention period has passed"))
    apply.add_argument("--yes", action="store_true", help=_("confirm: erase them for good"))
    apply.set_defaults(handler=_apply)
    years = commands.add_parser(
        "years", help=_("show or set how many years records are kept after a family leaves"))
    years.add_argument("years", nargs="?", type=int, metavar="N")
    years.set_defaults(handler=_years)
    hold = commands.add_parser("hold", help=_("put a family on legal hold (it can then never be erased)"))
    hold.add_argument("family_id", type=int, metavar="FAMILY_ID")
    hold.add_argument("--reason", required=True, help=_("why (a court case, an audit, a records request…)"))
    hold.set_defaults(handler=_hold)
    release = commands.add_parser("release", help=_("release a family's legal hold"))
    release.add_argument("family_id", type=int, metavar="FAMILY_ID")
    release.set_defaults(handler=_release)


def _print_review(review: RetentionReview) -> None:
    print(_("Records are kept {years} years after a family leaves: families who left before {cutoff} are "
            "due.").format(years=review.years, cutoff=review.cutoff.isoformat()))
    for f in review.due:
        print(f"  {f.family_id:>6}  {f.left_on.isoformat()}  {f.name}")
    print(_("{n} family(ies) past the retention period.").format(n=len(review.due)))
    if review.held:
        print(_("Kept by a legal hold:"))
        for f in review.held:
            print(f"  {f.family_id:>6}  {f.left_on.isoformat()}  {f.name}  ({f.hold_reason})")
    if review.undated:
        print(_("{n} family(ies) left without a date on file; add the date they left to include them.")
              .format(n=review.undated))


def _list(args: argparse.Namespace, opened: Any) -> int:
    _print_review(retention.review(opened.ctx))
    return 0


def _apply(args: argparse.Namespace, opened: Any) -> int:
    review = retention.review(opened.ctx)
    if not review.due:
        print(_("No family is past the retention period; nothing to erase."))
        return 0
    if not args.yes:
        _print_review(review)
        print(_("Nothing was erased. Run again with --yes to erase these families for good."))
        return 1
    result = retention.apply_retention(opened.ctx, [f.family_id for f in review.due], confirmed=True)
    print(_("Erased {n} family(ies) for good.").format(n=len(result.erased)))
    for fid in result.skipped:
        print(_("Family {id} was skipped: it is no longer due (a legal hold or a change since).")
              .format(id=fid))
    for fid, problem in result.failed.items():
        print(_("Family {id} was not erased: {problem}").format(id=fid, problem=problem))
    holding = set()
    for fid in result.erased:
        found, unknown = backups.backups_holding_family(opened.ctx, opened.paths.backups, fid)
        holding.update(found + unknown)
    if holding:
        print(_("{n} backup file(s) still hold some of them until they are rotated out:")
              .format(n=len(holding)))
        for path in sorted(holding):
            print(f"  {path}")
    return 1 if result.failed else 0


def _years(args: argparse.Namespace, opened: Any) -> int:
    if args.years is None:
        print(retention.retention_years(opened.ctx))
        return 0
    years = retention.set_retention_years(opened.ctx, args.years)
    print(_("Records are now kept {years} years after a family leaves.").format(years=years))
    return 0


def _hold(args: argparse.Namespace, opened: Any) -> int:
    legal_holds.place_hold(opened.ctx, args.family_id, args.reason)
    print(_("Family {id} is on legal hold.").format(id=args.family_id))
    return 0


def _release(args: argparse.Namespace, opened: Any) -> int:
    legal_holds.release_hold(opened.ctx, args.family_id)
    print(_("Family {id} is no longer on legal hold.").format(id=args.family_id))
    return 0
