"""Plain records of the directory's housekeeping: possible duplicates and merges."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class DuplicateCandidate:
    """A family already in the directory that looks like the one being added."""

    family_id: int
    family_name: str
    reason: str  # translated sentence: why it looks the same


@dataclass
class MergeResult:
    family_id: int
    caregivers_moved: int = 0
    caregivers_merged: int = 0
    children_moved: int = 0
    children_merged: int = 0


@dataclass
class DirectoryFamily:
    """One household as the printed school directory shows it (consented families only)."""

    name: str
    children: list[str]
    caregivers: list[str]
    phones: list[str]
    emails: list[str]


@dataclass
class DirectoryGroup:
    classroom: str  # "" = children not placed in a classroom
    families: list[DirectoryFamily]


@dataclass
class SchoolDirectory:
    program_name: str
    country: str
    paper_size: str
    groups: list[DirectoryGroup]
