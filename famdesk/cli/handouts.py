"""``famdesk handouts …``: the translator round trip and per-family printing options.

    famdesk handouts export-worksheet NAME [--lang CODE[,CODE…]] -o FILE.xlsx|FILE.pdf
    famdesk handouts import-worksheet FILE.xlsx
    famdesk handouts english-copy --family ID (--on | --off)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from famdesk.i18n import _


def register(sub: Any) -> None:
    group = sub.add_parser("handouts", help=_("translation worksheets and printing options for handouts"))
    hs = group.add_subparsers(dest="handouts_command", metavar=_("ACTION"), required=True)

    ex = hs.add_parser("export-worksheet", help=_("a bilingual worksheet of a handout's missing languages"))
    ex.add_argument("name", metavar="NAME", help=_("handout name as shown by 'famdesk print handout --list'"))
    ex.add_argument("--lang", metavar="CODE[,CODE]", help=_("languages (default: every missing one)"))
    ex.add_argument("-o", "--output", required=True, metavar="FILE",
                    help=_(".xlsx to fill in on a computer, .pdf to print and write on"))
    ex.set_defaults(handler=_export)

    im = hs.add_parser("import-worksheet", help=_("read a filled worksheet back into the handout"))
    im.add_argument("file", metavar="FILE.xlsx")
    im.set_defaults(handler=_import)

    en = hs.add_parser("english-copy", help=_("print the English version behind a family's packets"))
    en.add_argument("--family", type=int, required=True, metavar="ID")
    onoff = en.add_mutually_exclusive_group(required=True)
    onoff.add_argument("--on", action="store_true")
    onoff.add_argument("--off", action="store_true")
    en.set_defaults(handler=_english)


def _export(args: argparse.Namespace, opened: Any) -> int:
    from famdesk.services import worksheets

    langs = [x.strip() for x in args.lang.split(",") if x.strip()] if args.lang else None
    out = Path(args.output)
    if out.suffix.lower() == ".pdf":
        data = worksheets.export_pdf(opened.ctx, args.name, langs)
    elif out.suffix.lower() == ".xlsx":
        data = worksheets.export_xlsx(opened.ctx, args.name, langs)
    else:
        print(_("famdesk: the worksheet must end in .xlsx or .pdf"), file=sys.stderr)
        return 2
    out.write_bytes(data)
    print(_("Worksheet written to {path}").format(path=out))
    return 0


def _import(args: argparse.Namespace, opened: Any) -> int:
    from famdesk.domain.errors import ValidationError
    from famdesk.services import worksheets

    try:
        data = Path(args.file).read_bytes()
    except OSError:
        print(_("famdesk: cannot read {path}").format(path=args.file), file=sys.stderr)
        return 1
    try:
        handout, langs = worksheets.import_xlsx(opened.ctx, data)
    except ValidationError as exc:
        print(_("famdesk: nothing was imported:"), file=sys.stderr)
        for p in exc.problems:
            print(f"  {p.message}", file=sys.stderr)
        return 1
    print(_("Imported {languages} into “{title}” (drafts until a fluent speaker reviews them).").format(
        languages=", ".join(langs), title=handout.title))
    return 0


def _english(args: argparse.Namespace, opened: Any) -> int:
    from famdesk.services import handouts

    handouts.set_english_copy(opened.ctx, args.family, bool(args.on))
    print(_("English copy on.") if args.on else _("English copy off."))
    return 0
