"""The behaviour-incident summary for a team meeting: counts by classroom × time of day and by weekday.

A staff document, printed in the interface language the director works in: every word on it arrives
already translated in ``SummaryPrint`` (the ``handouts`` catalogs are for families). No child is named,
and the PDF metadata carries only the title and the program.
"""

from __future__ import annotations

from famdesk.domain.incidents import SummaryPrint
from famdesk.printing.blocks import Heading, KeepWithNext, KeyValue, Para, Spacer, Table
from famdesk.printing.page import PageSpec, render_pdf

CLASSROOM_WIDTH = 0.22


def _widths(columns: int) -> list[float]:
    """The classroom column wide, every count column the same."""
    rest = (1 - CLASSROOM_WIDTH) / max(1, columns - 1)
    return [CLASSROOM_WIDTH] + [rest] * (columns - 1)


def build(data: SummaryPrint, *, invariant: bool = False) -> bytes:
    blocks: list[object] = [
        Heading(data.title),
        Para(data.period, bold=True),
        Para(data.note, size=9),
        Spacer(6),
        KeepWithNext([Heading(data.table_title, level=2),
                      Table(data.table_rows, header=data.table_header,
                            col_widths=_widths(len(data.table_header)), size=9)]),
        Spacer(8),
        KeepWithNext([Heading(data.weekday_title, level=2),
                      Table(data.weekday_rows, header=data.weekday_header, size=9)]),
    ]
    if data.bands:
        blocks += [Spacer(8), KeepWithNext([Heading(data.bands_title, level=3),
                                            KeyValue(data.bands, label_width=0.3)])]
    spec = PageSpec(language=data.language, title=data.title, author=data.program_name,
                    header=data.program_name, paper=data.paper_size, country=data.country,
                    invariant=invariant)
    return render_pdf(blocks, spec)
