"""Volunteer-translator round trip: a handout's missing languages out as a bilingual worksheet, back in.

The XLSX has one row per piece of the English text (title, each paragraph line, bullet, heading) with
the English beside one empty column per language; a hidden ``famdesk`` sheet records the handout and the
English it was made from.  Importing checks everything first (unknown handout, English changed since the
export, half-filled languages with their row and column) and then writes all languages in one
transaction, or nothing.  The PDF variant is the same worksheet on paper, with lines to write on.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

from famdesk.db import models as m
from famdesk.domain.errors import FieldProblem, ValidationError
from famdesk.domain.handouts import Handout, ReviewState
from famdesk.domain.languages import print_language_codes
from famdesk.domain.roles import Action, Kind
from famdesk.i18n import _, normalize_language
from famdesk.services import door
from famdesk.services import handouts as library
from famdesk.services.context import ServiceContext
from famdesk.services.door import operation, pure

FORMAT = "famdesk-worksheet-1"
PREFIXES = ("## ", "- ")


@dataclass
class Segment:
    id: str
    prefix: str       # "## ", "- " or "" — kept from the English so the translation has the same shape
    text: str
    blank_before: bool


@pure("splits a text")
def segments(title: str, body: str) -> list[Segment]:
    out = [Segment("title", "", title.strip(), False)]
    blank = False
    for line in body.replace("\r\n", "\n").split("\n"):
        s = line.strip()
        if not s:
            blank = True
            continue
        prefix = next((p for p in PREFIXES if s.startswith(p)), "")
        out.append(Segment(f"line{len(out)}", prefix, s[len(prefix):].strip(), blank))
        blank = False
    return out


@pure("joins a text")
def rebuild(segs: list[Segment], texts: dict[str, str]) -> tuple[str, str]:
    """Title and body of a translation laid out like the English."""
    lines: list[str] = []
    for seg in segs[1:]:
        if seg.blank_before and lines:
            lines.append("")
        text = texts[seg.id].strip()
        if seg.prefix and text.startswith(seg.prefix.strip()):
            text = text[len(seg.prefix.strip()):].strip()
        lines.append(seg.prefix + text)
    return texts["title"].strip(), "\n".join(lines)


def _source(ctx: ServiceContext, key: str) -> tuple[Handout, list[Segment]]:
    library._refuse_builtin(key)
    h = library.get_handout(ctx, key)
    src = h.versions.get(h.source_language)
    if src is None:
        raise ValidationError(_("This handout has no text to translate yet."), "handout")
    return h, segments(src.title, src.body)


def _languages(h: Handout, languages: list[str] | None) -> list[str]:
    wanted = [normalize_language(x) for x in languages] if languages else [
        x for x in print_language_codes() if x not in h.versions]
    bad = [x for x in wanted if x not in print_language_codes() or x == h.source_language]
    if bad:
        raise ValidationError(_("famdesk cannot make a worksheet for “{code}”.").format(code=bad[0]), "language")
    if not wanted:
        raise ValidationError(_("Every language of this handout is written already."), "language")
    return wanted


# The worksheet leaves famdesk for a volunteer translator: an export (a director's), like the import.
@operation(Kind.HANDOUT, Action.EXPORT)
def export_xlsx(ctx: ServiceContext, key: str, languages: list[str] | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    h, segs = _source(ctx, key)
    langs = _languages(h, languages)
    wb = Workbook()
    ws = wb.active
    ws.title = _("Translate")
    ws.append([_("Row"), _("English")] + langs)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for seg in segs:
        ws.append([seg.id, seg.prefix + seg.text] + [""] * len(langs))
    ws.column_dimensions["A"].hidden = False
    ws.column_dimensions["A"].width = 8
    for col in range(2, 3 + len(langs)):
        ws.column_dimensions[ws.cell(1, col).column_letter].width = 60
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    meta = wb.create_sheet("famdesk")
    meta.append(["format", FORMAT])
    meta.append(["handout", h.key])
    meta.append(["english", json.dumps([[s.id, s.prefix, s.text] for s in segs], ensure_ascii=False)])
    meta.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@operation(Kind.HANDOUT, Action.WRITE)
def import_xlsx(ctx: ServiceContext, data: bytes) -> tuple[Handout, list[str]]:
    """Read a filled worksheet; returns the handout and the languages written. All or nothing."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file gets the same clear message
        raise ValidationError(_("This file is not a famdesk translation worksheet (.xlsx).")) from None
    if "famdesk" not in wb.sheetnames:
        raise ValidationError(_("This file is not a famdesk translation worksheet (.xlsx)."))
    meta = {str(r[0]): r[1] for r in wb["famdesk"].iter_rows(values_only=True) if r and r[0]}
    if meta.get("format") != FORMAT:
        raise ValidationError(_("This worksheet comes from another famdesk version; export a new one."))
    h, segs = _source(ctx, str(meta.get("handout", "")))
    if [[s.id, s.prefix, s.text] for s in segs] != json.loads(str(meta.get("english", "[]"))):
        raise ValidationError(_("The English text of “{title}” changed after this worksheet was made; "
                                "export a new worksheet.").format(title=h.title))
    rows = list(wb[wb.sheetnames[0]].iter_rows(values_only=True))
    header = [str(c or "").strip() for c in rows[0]] if rows else []
    problems: list[FieldProblem] = []
    langs = header[2:]
    for col, code in enumerate(langs, start=3):
        if normalize_language(code) not in print_language_codes() or code == h.source_language:
            problems.append(FieldProblem("header", _("Column {col}: “{code}” is not a language famdesk prints.")
                                         .format(col=_letter(col), code=code)))
    body = rows[1:]
    ids = [str(r[0] or "").strip() for r in body]
    if ids != [s.id for s in segs]:
        problems.append(FieldProblem("rows", _("Rows were added, removed or moved; only fill in the empty "
                                               "cells of the worksheet.")))
    if problems:
        raise ValidationError(problems)
    written: dict[str, tuple[str, str]] = {}
    for col, code in enumerate(langs, start=3):
        texts = {s.id: str((r[col - 1] if len(r) >= col else None) or "").strip()
                 for s, r in zip(segs, body, strict=True)}
        filled = [sid for sid, t in texts.items() if t]
        if not filled:
            continue  # a language nobody translated: skipped, not an error
        for row_no, seg in enumerate(segs, start=2):
            if not texts[seg.id]:
                problems.append(FieldProblem(code, _("Row {row}, column {col} ({code}) is empty; translate it "
                                                     "or leave the whole column empty.").format(
                    row=row_no, col=_letter(col), code=code)))
        written[normalize_language(code)] = rebuild(segs, texts)
    if problems:
        raise ValidationError(problems)
    if not written:
        raise ValidationError(_("The worksheet has no translations filled in."))
    with ctx.db.transaction() as s:
        row = library._load_custom(s, h.key)
        door.set_record(row.id)
        current = {v.language: v for v in row.versions}
        for code, (title, text) in written.items():
            v = current.get(code)
            if v is None:
                row.versions.append(m.HandoutVersion(language=code, title=title, body=text,
                                                     review_state=ReviewState.DRAFT, reviewed_by=""))
            else:
                v.title, v.body, v.review_state, v.reviewed_by, v.reviewed_on = \
                    title, text, ReviewState.DRAFT, "", None
        s.flush()
        return library._custom_record(row), sorted(written)


@operation(Kind.HANDOUT, Action.PRINT)
def export_pdf(ctx: ServiceContext, key: str, languages: list[str] | None = None) -> bytes:
    """The same worksheet to print: English pieces with lines beneath, one section per language."""
    from famdesk.printing.documents import worksheet
    from famdesk.services.packets import program_info

    h, segs = _source(ctx, key)
    langs = _languages(h, languages)
    return worksheet.build(worksheet.Worksheet(program_info(ctx), h.title,
                                               [(s.prefix + s.text) for s in segs], langs), locale="en")


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)
