"""Rows → households. Each row is parsed and validated on its own (so every problem carries its row and
source column), then the good rows are folded into one household per family key.

Validation reuses ``family_records.validate_detail`` on a one-row household; its field paths
("caregivers[0].mobile_phone") are translated back to the column the value came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from famdesk.domain import records as r
from famdesk.domain.imports import DateStyle, ImportMapping, ImportProblem
from famdesk.domain.languages import print_language_codes
from famdesk.domain.text import digits_only, fold
from famdesk.i18n import _
from famdesk.services.door import pure
from famdesk.services.family_records import validate_detail
from famdesk.services.importing import values as v
from famdesk.services.importing.mapping import CAREGIVER_SLOTS
from famdesk.services.importing.reading import Cell, Table


@dataclass
class ParsedRow:
    row: int
    key: str
    detail: r.FamilyDetail
    classroom: str = ""
    problems: list[ImportProblem] = field(default_factory=list)


@dataclass
class Household:
    key: str
    first_row: int
    detail: r.FamilyDetail
    child_classrooms: list[str] = field(default_factory=list)  # parallel to detail.children
    rows: list[int] = field(default_factory=list)


class _Row:
    """Access to one row's cells by field key, remembering problems by source column."""

    def __init__(self, number: int, cells: list[Cell], columns: dict[str, tuple[int, str]]) -> None:
        self.number, self.cells, self.columns = number, cells, columns
        self.problems: list[ImportProblem] = []
        self.paths: dict[str, str] = {}  # validate_detail path → source column
        n = len(cells)
        self.raws = {key: cells[i] if i < n else None for key, (i, _h) in columns.items()}
        self.texts = {key: v.cell_text(raw) for key, raw in self.raws.items()}

    def raw(self, key: str) -> Cell:
        return self.raws.get(key)

    def text(self, key: str) -> str:
        return self.texts.get(key, "")

    def column(self, key: str) -> str:
        return self.columns[key][1] if key in self.columns else ""

    def parse(self, key: str, parser: Callable[[Cell], object], default: object) -> object:
        if key not in self.columns:
            return default
        try:
            return parser(self.raw(key))
        except ValueError as exc:
            self.problems.append(ImportProblem(self.number, self.column(key), str(exc)))
            return default

    def link(self, path: str, key: str) -> None:
        if key in self.columns:
            self.paths[path] = self.column(key)


@pure("parses rows of a file the user chose")
def column_index(table: Table, mapping: ImportMapping) -> dict[str, tuple[int, str]]:
    out: dict[str, tuple[int, str]] = {}
    for i, header in enumerate(table.headers):
        key = mapping.columns.get(header, "")
        if key and key not in out:
            out[key] = (i, header)
    return out


@pure("parses rows of a file the user chose")
def effective_date_style(table: Table, mapping: ImportMapping) -> DateStyle:
    if mapping.date_style is not DateStyle.AUTO:
        return mapping.date_style
    cols = column_index(table, mapping)
    found = DateStyle.AUTO
    for key in ("child.birth_date", "child.enrolled_on"):
        if key in cols:
            i = cols[key][0]
            style = v.detect_date_style(row[i] for row in table.rows if i < len(row))
            if style is not DateStyle.AUTO:
                found = style if found is DateStyle.AUTO or found is DateStyle.SERIAL else found
    return found


@pure("parses rows of a file the user chose")
def parse_rows(
    table: Table, mapping: ImportMapping, country: str, today: dt.date | None = None,
    on_row: Callable[[int], None] | None = None,
) -> tuple[list[ParsedRow], DateStyle]:
    """Parse and validate every row; ``on_row(n)`` every 100 rows lets a window show progress."""
    columns = column_index(table, mapping)
    style = effective_date_style(table, mapping)
    out = []
    for n, cells in enumerate(table.rows, start=1):
        out.append(_parse_row(_Row(n, cells, columns), style, country, today))
        if on_row is not None and n % 100 == 0:
            on_row(n)
    return out, style


def _parse_row(row: _Row, style: DateStyle, country: str, today: dt.date | None) -> ParsedRow:
    date = lambda raw: v.parse_date(raw, style)  # noqa: E731
    langs = row.parse("family.home_languages", v.parse_languages, [])
    preferred = row.parse("family.preferred_language", v.parse_languages, [])
    fam = r.Family(
        name=row.text("family.name"),
        external_id=row.text("family.external_id")[:64],
        address_line1=row.text("family.address_line1"),
        address_line2=row.text("family.address_line2"),
        city=row.text("family.city"),
        region=row.text("family.region"),
        postal_code=row.text("family.postal_code"),
        home_languages=list(langs),  # type: ignore[call-overload]
        interpreter_needed=bool(row.parse("family.interpreter_needed", v.parse_bool, False)),
        directory_consent=bool(row.parse("family.directory_consent", v.parse_bool, False)),
        photo_consent=bool(row.parse("family.photo_consent", v.parse_bool, False)),
        notes=row.text("family.notes"),
    )
    fam.preferred_language = (
        preferred[0]
        if preferred
        # type: ignore[index]
        else next((c for c in fam.home_languages if c in print_language_codes()), "en")
    )
    for path in ("name", "external_id", "home_languages", "preferred_language"):
        row.link(f"family.{path}", f"family.{path}")
    caregivers = []
    for slot in range(1, CAREGIVER_SLOTS + 1):
        cg = _caregiver(row, slot, len(caregivers))
        if cg is not None:
            caregivers.append(cg)
    children = []
    child_keys = (
        "child.full_name",
        "child.first_name",
        "child.last_name",
        "child.preferred_name",
        "child.birth_date",
    )
    if any(k in row.columns for k in child_keys) and any(
        row.text(k) for k in child_keys + ("child.classroom",)
    ):
        first, last = row.text("child.first_name"), row.text("child.last_name")
        if not first and not last and row.text("child.full_name"):
            first, last = v.split_name(row.text("child.full_name"))
        option = row.parse("child.program_option", v.parse_program_option, None)
        child = r.Child(
            first_name=first,
            last_name=last,
            preferred_name=row.text("child.preferred_name"),
            birth_date=row.parse("child.birth_date", date, None),  # type: ignore[arg-type]
            enrolled_on=row.parse("child.enrolled_on", date, None),
        )  # type: ignore[arg-type]
        if option is not None:
            child.program_option = option  # type: ignore[assignment]
        children.append(child)
        name_key = "child.first_name" if "child.first_name" in row.columns else "child.full_name"
        row.link("children[0].first_name", name_key)
        row.link("children[0].birth_date", "child.birth_date")
        row.link("children[0].exited_on", "child.enrolled_on")
    if not fam.name:
        last = (children[0].last_name if children else "") or (caregivers[0].last_name if caregivers else "")
        fam.name = _("{last} family").format(last=last) if last else ""
        row.link("family.name", "child.last_name" if children else "caregiver1.full_name")
    detail = r.FamilyDetail(fam, caregivers, children)
    date_columns = {p.column for p in row.problems}
    for problem in validate_detail(detail, country, today).items:
        column = row.paths.get(problem.field) or row.paths.get(problem.field.split("[")[0], "")
        if column in date_columns and problem.field.endswith("birth_date"):
            continue
        row.problems.append(ImportProblem(row.number, column, problem.message))
    return ParsedRow(
        row.number, _household_key(row, fam, caregivers), detail, row.text("child.classroom"), row.problems
    )


def _caregiver(row: _Row, slot: int, index: int) -> r.Caregiver | None:
    p = f"caregiver{slot}."
    full = row.text(p + "full_name")
    first, last = row.text(p + "first_name"), row.text(p + "last_name")
    if full and not (first or last):
        first, last = v.split_name(full)
    phones = {f: row.text(p + f) for f in ("mobile_phone", "home_phone", "work_phone")}
    email = row.text(p + "email")
    if not (first or last or email or any(phones.values())):
        return None
    cg = r.Caregiver(
        first_name=first,
        last_name=last,
        email=email,
        relationship=v.parse_relationship(row.raw(p + "relationship")),
        **phones,
    )
    where = f"caregivers[{index}]"
    row.link(f"{where}.first_name", p + ("first_name" if p + "first_name" in row.columns else "full_name"))
    for f in ("mobile_phone", "home_phone", "work_phone", "email"):
        row.link(f"{where}.{f}", p + f)
    return cg


def _household_key(row: _Row, fam: r.Family, caregivers: list[r.Caregiver]) -> str:
    if fam.external_id:
        return "id:" + fold(fam.external_id)
    if caregivers:
        cg = caregivers[0]
        contact = digits_only(cg.mobile_phone or cg.home_phone) or fold(cg.email)
        return "cg:" + fold(cg.display_name) + "|" + contact
    return f"row:{row.number}"


@pure("parses rows of a file the user chose")
def person_key(cg: r.Caregiver) -> str:
    return fold(f"{cg.first_name} {cg.last_name}")


@pure("parses rows of a file the user chose")
def households(rows: list[ParsedRow], skip_bad_rows: bool) -> list[Household]:
    """Fold good rows into households: first row's household details win; people are merged by name."""
    out: dict[str, Household] = {}
    for pr in rows:
        if pr.problems:
            continue
        d = pr.detail
        h = out.get(pr.key)
        if h is None:
            h = out[pr.key] = Household(pr.key, pr.row, r.FamilyDetail(d.family, [], [], []))
        h.rows.append(pr.row)
        fam = h.detail.family
        for code in d.family.home_languages:
            if code not in fam.home_languages:
                fam.home_languages.append(code)
        known = {person_key(c): c for c in h.detail.caregivers}
        for cg in d.caregivers:
            same = known.get(person_key(cg))
            if same is None:
                h.detail.caregivers.append(cg)
                known[person_key(cg)] = cg
            else:
                for f in ("mobile_phone", "home_phone", "work_phone", "email"):
                    if not getattr(same, f):
                        setattr(same, f, getattr(cg, f))
        for ch in d.children:
            h.detail.children.append(ch)
            h.child_classrooms.append(pr.classroom)
    return list(out.values())
