"""Plain records for observation notes and the developmental framework they are tagged with."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Subdomain:
    key: str
    name: str
    ages: list[str] = field(default_factory=list)  # "infant_toddler", "preschool"; empty = all ages
    group: str = ""  # e.g. "Mathematics Development" inside Cognition
    domain_id: int | None = None
    id: int | None = None


@dataclass
class Domain:
    key: str
    name: str
    age_names: dict[str, str] = field(default_factory=dict)  # "Language and Communication" for infants
    subdomains: list[Subdomain] = field(default_factory=list)
    framework_id: int | None = None
    id: int | None = None


@dataclass
class Framework:
    key: str
    name: str
    short_name: str = ""
    version: str = ""
    source: str = ""
    domains: list[Domain] = field(default_factory=list)
    id: int | None = None


@dataclass
class Observation:
    """One note about one or several children.

    ``translation`` is an optional rendering of ``text`` in ``translation_language`` entered by the
    teacher or a volunteer for take-home notes; the teacher's own words are never replaced.
    """

    text: str = ""
    child_ids: list[int] = field(default_factory=list)
    domain_ids: list[int] = field(default_factory=list)
    subdomain_ids: list[int] = field(default_factory=list)
    observed_at: dt.datetime | None = None
    context: str = ""
    author_id: int | None = None
    shareable_with_family: bool = False
    translation: str = ""
    translation_language: str = ""
    photo: bytes | None = None
    id: int | None = None
    version: int | None = None  # None: a new record (services.versions checks it on save)
    updated_at: dt.datetime | None = None  # the last change (UTC), for the stale-edit message
    updated_by: str = ""  # who made it: role and account id, never a name


@dataclass
class ObservationRow:
    """One line of a timeline or classroom view (names resolved, photo left out)."""

    id: int
    observed_at: dt.datetime
    text: str
    context: str
    author_id: int | None
    author_name: str
    children: list[tuple[int, str]]  # (child id, display name)
    domains: list[tuple[int, str]]  # (domain id, name)
    subdomains: list[tuple[int, str]]  # (subdomain id, name)
    shareable_with_family: bool
    translation: str
    translation_language: str
    has_photo: bool


@dataclass
class ObservationFilter:
    """What a timeline, classroom view or search shows. Every field narrows; None means "any"."""

    child_id: int | None = None
    classroom_id: int | None = None
    domain_id: int | None = None
    subdomain_id: int | None = None
    author_id: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    shared: bool | None = None
    text: str = ""
    limit: int | None = None
    # Paging: only notes older than this one, given as (observed_at, id) of the last note shown.
    before: tuple[dt.datetime, int] | None = None


@dataclass
class CoverageGap:
    """A child with no observation in a domain during the period looked at."""

    child_id: int
    child_name: str
    classroom_id: int | None
    domain_id: int
    domain_name: str
    last_observed: dt.datetime | None  # the latest note in that domain ever, if any
