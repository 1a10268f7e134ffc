"""Formula neutralizing for every spreadsheet file famdesk writes or reads, in one place.

A CSV cell that a spreadsheet would evaluate (its first non-space character is ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) is written with a leading apostrophe (OWASP "CSV injection"). A phone number
"+52 55 1234 5678" is such a cell: Excel evaluates it. Plain negative numbers ("-1", "-2.5") are left alone:
a spreadsheet reads them as the number they are, nothing runs.

XLSX needs no apostrophe: famdesk writes every cell as a string cell, which no spreadsheet evaluates.

On import, ``unprotect`` removes the apostrophe again where it is followed by a trigger character, so
famdesk's own files come back exactly as they were exported.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from famdesk.services.door import pure

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NEGATIVE_NUMBER = re.compile(r"-\d+(?:\.\d+)?")


def _triggers(text: str) -> bool:
    return text.lstrip(" ").startswith(TRIGGERS)


@pure("formats a cell")
def neutralize(value: Any) -> str:
    """The cell as text, with a leading apostrophe when a spreadsheet would evaluate it."""
    text = "" if value is None else str(value)
    if _triggers(text) and not _NEGATIVE_NUMBER.fullmatch(text):
        return "'" + text
    return text


@pure("reads a cell of a file the user chose")
def unprotect(value: Any) -> Any:
    """The cell without famdesk's neutralizing apostrophe (only one followed by a trigger character)."""
    if isinstance(value, str) and value.startswith("'") and _triggers(value[1:]):
        return value[1:]
    return value


@pure("formats cells")
def neutralize_row(row: Iterable[Any]) -> list[str]:
    return [neutralize(c) for c in row]


@pure("formats cells")
def csv_text(rows: Iterable[Sequence[Any]], lineterminator: str = "\n") -> str:
    """Rows as CSV text with every cell neutralized (headers included: they are cells too)."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator=lineterminator)
    for row in rows:
        writer.writerow(neutralize_row(row))
    return buf.getvalue()
