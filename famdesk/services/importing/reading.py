"""Turn a CSV/TSV/XLSX file into a header and rows of cells, whatever Excel or another system wrote.

CSV text may be UTF-8 with or without a BOM, UTF-16 with a BOM ("Unicode text" from Excel) or
Windows-1252 (Excel's "CSV" on Western Windows); the delimiter is sniffed from the header line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from famdesk.domain.errors import ValidationError
from famdesk.i18n import _
from famdesk.services.door import pure
from famdesk.services.spreadsheet_cells import unprotect

Cell = str | float | int | dt.date | dt.datetime | None
_DELIMITERS = [",", ";", "\t", "|"]
MAX_BYTES = 50 * 1024 * 1024


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""


@pure("reads a file the user chose, not stored data")
def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name). Never raises on bytes: Windows-1252 is the last resort (as Excel reads)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ValidationError(_("The file says it is UTF-16 text but it is damaged."), "file") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # cp1252 leaves 5 bytes undefined; map those through latin-1 rather than refusing the file.
    return data.decode("cp1252", errors="replace"), "cp1252"


@pure("reads a file the user chose, not stored data")
def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header into the most columns (quotes respected)."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(_DELIMITERS)).delimiter
    except csv.Error:
        pass
    header = text.splitlines()[0] if text else ""
    best = max(_DELIMITERS, key=lambda d: len(next(csv.reader([header], delimiter=d), [])))
    return best


@pure("reads a file the user chose, not stored data")
def read_csv_bytes(data: bytes) -> Table:
    text, encoding = decode(data)
    if "\x00" in text:
        raise ValidationError(_("This does not look like a text or spreadsheet file."), "file")
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ValidationError(_("The file is empty."), "file")
    delimiter = sniff_delimiter(text)
    # The sniffer sometimes picks a letter from a one-column file; only accept real delimiters.
    if delimiter not in _DELIMITERS:
        delimiter = ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ValidationError(
            _("The file cannot be read as a table: {detail}").format(detail=exc), "file"
        ) from None
    rows = [row for row in rows if any(c.strip() for c in row)]
    if not rows:
        raise ValidationError(_("The file is empty."), "file")
    headers = [h.strip() for h in rows[0]]
    # famdesk's own CSV carries a neutralizing apostrophe before =, +, -, @: the value is what follows it
    return Table(headers, [[unprotect(c) for c in r] for r in rows[1:]], encoding, delimiter)


@pure("reads a file the user chose, not stored data")
def read_xlsx_bytes(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(
            _("The spreadsheet cannot be opened: {detail}").format(detail=str(exc)[:200]), "file"
        ) from None
    try:
        ws = wb.worksheets[0]
        rows: list[list[Any]] = [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()
    rows = [r for r in rows if any(c is not None and str(c).strip() for c in r)]
    if not rows:
        raise ValidationError(_("The spreadsheet is empty."), "file")
    headers = ["" if h is None else str(h).strip() for h in rows[0]]
    # an apostrophe typed before a formula character (older famdesk exports wrote one) is not data
    return Table(headers, [[unprotect(c) for c in r] for r in rows[1:]], "xlsx", "")


@pure("reads a file the user chose, not stored data")
def read_table(path: str | Path, data: bytes | None = None) -> Table:
    """Read a roster file; ``data`` may be given instead of reading ``path`` (tests, drag and drop)."""
    p = Path(path)
    if data is None:
        try:
            if p.stat().st_size > MAX_BYTES:
                raise ValidationError(
                    _("The file is larger than 50 MB; split it and import the parts."), "file"
                )
            data = p.read_bytes()
        except OSError as exc:
            raise ValidationError(
                _("The file {name} cannot be read: {detail}").format(name=p.name, detail=exc.strerror or exc),
                "file",
            ) from None
    if data[:4] == b"PK\x03\x04" or p.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx_bytes(data)
    return read_csv_bytes(data)
