"""The printed school directory: families who agreed to be listed, grouped by classroom, in one language.

Fixed text goes through the ``handouts`` domain (``Tr``); names, phones and e-mails are printed as given,
phones and e-mails left to right in any language.
"""

from __future__ import annotations

from famdesk.domain.directory import SchoolDirectory
from famdesk.i18n import normalize_language
from famdesk.printing.blocks import Heading, KeepWithNext, Para, Spacer, Table
from famdesk.printing.handouts import Tr
from famdesk.printing.page import PageSpec, render_pdf
from famdesk.printing.text import ltr

WIDTHS = [0.17, 0.2, 0.2, 0.16, 0.27]  # family, children, caregivers, phone, e-mail (fractions of the width)


def build(data: SchoolDirectory, *, locale: str, invariant: bool = False) -> bytes:
    t = Tr(normalize_language(locale))
    blocks: list[object] = [
        Heading(t._("School directory")),
        Para(
            t._(
                "Families who agreed to be listed, so that families can find each other. Please use these "
                "details only to contact other families of the program."
            )
        ),
    ]
    header = [t._("Family"), t._("Children"), t._("Parents and caregivers"), t._("Phone"), t._("Email")]
    for group in data.groups:
        rows = [
            [
                f.name,
                ", ".join(f.children),
                ", ".join(f.caregivers),
                "\n".join(ltr(p) for p in f.phones),
                "\n".join(ltr(e) for e in f.emails),
            ]
            for f in group.families
        ]
        title = group.classroom or t._("Other families")
        blocks += [
            Spacer(10),
            KeepWithNext([Heading(title, level=2), Table(rows[:1], header=header, col_widths=WIDTHS)]),
        ]
        if rows[1:]:
            blocks.append(Table(rows[1:], col_widths=WIDTHS))
    if not data.groups:
        blocks.append(Para(t._("No family has agreed to be listed yet.")))
    spec = PageSpec(
        language=t.language,
        title=t._("School directory"),
        author=data.program_name,
        header=data.program_name,
        paper=data.paper_size,
        country=data.country,
        invariant=invariant,
    )
    return render_pdf(blocks, spec)
