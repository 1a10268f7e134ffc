"""`famdesk observations …`: load a developmental framework, list coverage gaps."""

from __future__ import annotations

import argparse
from typing import Any

from famdesk.i18n import _
from famdesk.services import frameworks, observation_index
from famdesk.services.observation_search import coverage_gaps


def register(sub: Any) -> None:
    area = sub.add_parser("observations", help=_("observation notes: frameworks and coverage"))
    cmds = area.add_subparsers(dest="observations_command", metavar=_("COMMAND"), required=True)
    load = cmds.add_parser(
        "load-framework", help=_("add or update a developmental framework from a JSON file")
    )
    load.add_argument("file", metavar="FILE")
    load.add_argument(
        "--activate", action="store_true", help=_("tag new observations with this framework from now on")
    )
    load.set_defaults(handler=_load)
    frameworks_cmd = cmds.add_parser("frameworks", help=_("list the loaded frameworks"))
    frameworks_cmd.set_defaults(handler=_list)
    cov = cmds.add_parser("coverage", help=_("children without a note in a domain for N weeks"))
    cov.add_argument("--weeks", type=int, default=4, metavar="N")
    cov.add_argument("--classroom", type=int, metavar="ID")
    cov.set_defaults(handler=_coverage)
    reindex = cmds.add_parser("reindex", help=_("rebuild the notes' search index (when famdesk check asks)"))
    reindex.set_defaults(handler=_reindex)


def _load(args: argparse.Namespace, opened: Any) -> int:
    fw = frameworks.load_framework(opened.ctx, args.file, activate=args.activate)
    subs = sum(len(d.subdomains) for d in fw.domains)
    print(
        _("Loaded “{name}”: {domains} domains, {subdomains} sub-domains.").format(
            name=fw.name, domains=len(fw.domains), subdomains=subs
        )
    )
    return 0


def _list(args: argparse.Namespace, opened: Any) -> int:
    active = frameworks.active_framework(opened.ctx).key
    for fw in frameworks.list_frameworks(opened.ctx):
        mark = "*" if fw.key == active else " "
        print(f"{mark} {fw.key}  {fw.name}")
    return 0


def _coverage(args: argparse.Namespace, opened: Any) -> int:
    gaps = coverage_gaps(opened.ctx, weeks=args.weeks, classroom_id=args.classroom)
    for gap in gaps:
        print(f"{gap.child_id}\t{gap.child_name}\t{gap.domain_name}")
    print(
        _("{count} child-domain gap(s) over the last {weeks} weeks.").format(
            count=len(gaps), weeks=args.weeks
        )
    )
    return 0


def _reindex(args: argparse.Namespace, opened: Any) -> int:
    count = observation_index.rebuild(opened.ctx)
    print(_("Search index rebuilt: {count} note(s).").format(count=count))
    return 0
