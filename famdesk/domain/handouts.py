"""Handout library records: built-in and director-written handouts, their language versions and status.

Plain dataclasses shared by services, CLI, GUI and printing (no SQLAlchemy, no Qt).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from famdesk.i18n import N_, _


class ReviewState(StrEnum):
    DRAFT = "draft"
    REVIEWED = "reviewed"


class LanguageStatus(StrEnum):
    """How far one language of one handout is: what the library list shows per language."""

    MISSING = "missing"
    TRANSLATED = "translated"  # a draft nobody fluent has checked yet
    REVIEWED = "reviewed"


STATUS_LABELS = {
    LanguageStatus.MISSING: N_("missing"),
    LanguageStatus.TRANSLATED: N_("translated, not reviewed"),
    LanguageStatus.REVIEWED: N_("reviewed"),
}


def status_label(status: LanguageStatus) -> str:
    return _(STATUS_LABELS[status])


@dataclass
class HandoutVersion:
    """One language of a director-written handout."""

    language: str
    title: str = ""
    body: str = ""  # markup: blank line = new paragraph, "- " bullets, "## " headings
    review_state: ReviewState = ReviewState.DRAFT
    reviewed_by: str = ""
    reviewed_on: dt.date | None = None


@dataclass
class Handout:
    """A handout in the library. Built-ins have ``builtin=True``, a fixed key and no stored versions."""

    key: str
    title: str  # in the interface language (built-ins) or the source version's title (custom)
    builtin: bool = False
    source_language: str = "en"
    versions: dict[str, HandoutVersion] = field(default_factory=dict)
    id: int | None = None
    version: int | None = None  # None: a new record (services.versions checks it on save)
    updated_at: dt.datetime | None = None  # the last change (UTC), for the stale-edit message
    updated_by: str = ""  # who made it: role and account id, never a name


@dataclass
class HandoutStatus:
    """One row of the library list: per print language, missing / translated / reviewed."""

    key: str
    title: str
    builtin: bool
    languages: dict[str, LanguageStatus] = field(default_factory=dict)

    def unreviewed(self) -> list[str]:
        return [lang for lang, st in self.languages.items() if st is LanguageStatus.TRANSLATED]

    def missing(self) -> list[str]:
        return [lang for lang, st in self.languages.items() if st is LanguageStatus.MISSING]


@dataclass
class PacketFile:
    """One printed PDF of a welcome-packet run. ``name`` holds no personal data (ids and language only)."""

    name: str
    pdf: bytes
    pages: int
    families: int
    warnings: list[str] = field(default_factory=list)


@dataclass
class PacketRun:
    files: list[PacketFile] = field(default_factory=list)
    cancelled: bool = False

    @property
    def pages(self) -> int:
        return sum(f.pages for f in self.files)

    @property
    def warnings(self) -> list[str]:
        return [w for f in self.files for w in f.warnings]
