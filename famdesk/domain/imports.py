"""Plain records of a roster import: the mapping the user chose and the row-by-row report."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class DateStyle(StrEnum):
    AUTO = "auto"  # detect from the whole column; ambiguous values are reported
    US = "us"  # month/day/year
    DMY = "dmy"  # day/month/year
    ISO = "iso"  # year-month-day
    SERIAL = "serial"  # Excel day numbers


@dataclass
class ImportMapping:
    """Which source column feeds which famdesk field (``{header: field key}``; unmapped = ignored)."""

    columns: dict[str, str] = field(default_factory=dict)
    date_style: DateStyle = DateStyle.AUTO

    def to_json(self) -> dict[str, object]:
        return {"columns": dict(self.columns), "date_style": self.date_style.value}

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> ImportMapping:
        cols = raw.get("columns") or {}
        style = str(raw.get("date_style") or DateStyle.AUTO.value)
        return cls(
            columns={str(k): str(v) for k, v in dict(cols).items()},  # type: ignore[call-overload]
            date_style=DateStyle(style) if style in DateStyle._value2member_map_ else DateStyle.AUTO,
        )


@dataclass
class ImportProblem:
    """A problem on one data row (1 = the first row after the header) in one source column."""

    row: int
    column: str
    message: str


@dataclass
class PossibleDuplicate:
    """An imported household that looks like a family already in the directory."""

    row: int
    household: str
    existing_family_id: int
    existing_family: str
    reason: str


@dataclass
class ImportReport:
    file: str = ""
    encoding: str = ""
    delimiter: str = ""
    date_style: DateStyle = DateStyle.AUTO
    data_rows: int = 0
    families: int = 0
    caregivers: int = 0
    children: int = 0
    new_classrooms: list[str] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    duplicates: list[PossibleDuplicate] = field(default_factory=list)
    written: bool = False
    cancelled: bool = False  # stopped by the user before anything was written
    backup_path: Path | None = None  # the verified backup taken just before writing

    @property
    def bad_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems})
