"""Plain data that printables take as input: no database rows, no Qt, so services build them and tests
write them by hand.  Personal data lives here only for the page body; it never reaches PDF metadata."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Built-in daily routine activities (keys of printing.handouts.ROUTINE_LABELS).
DEFAULT_ROUTINE: tuple[tuple[dt.time, str], ...] = (
    (dt.time(8, 0), "arrival"),
    (dt.time(9, 0), "learning"),
    (dt.time(10, 30), "outdoor"),
    (dt.time(11, 30), "lunch"),
    (dt.time(12, 30), "rest"),
    (dt.time(15, 0), "pickup"),
)


@dataclass(frozen=True)
class ProgramInfo:
    """The program as printed on every handout (the PDF author is ``name``)."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    logo_png: bytes | None = None
    country: str = "US"
    paper_size: str | None = None   # "letter" | "a4" | None = from country
    opens: dt.time = dt.time(8, 0)
    closes: dt.time = dt.time(15, 0)
    call_from: dt.time = dt.time(7, 30)
    call_until: dt.time = dt.time(17, 0)
    routine: tuple[tuple[dt.time, str], ...] = DEFAULT_ROUTINE


@dataclass(frozen=True)
class ChildLine:
    name: str
    classroom: str = ""
    teacher: str = ""


@dataclass(frozen=True)
class ContactLine:
    """A staff contact for the family (role is free text written by the director)."""

    role: str
    name: str
    phone: str = ""


@dataclass(frozen=True)
class EventLine:
    date: dt.date
    title: str
    start: dt.time | None = None
    place: str = ""


@dataclass(frozen=True)
class FamilyPacket:
    """One family's welcome packet request."""

    family_name: str
    language: str = "en"
    children: tuple[ChildLine, ...] = ()
    contacts: tuple[ContactLine, ...] = ()
    upcoming_events: tuple[EventLine, ...] = ()
    both_languages: bool = False  # the English copy printed behind the family's language


@dataclass(frozen=True)
class HandoutText:
    """A handout the director wrote: per language ``(title, body)``; body markup is blank-line
    paragraphs, ``- `` bullets and ``## `` headings.  ``fallback`` is printed when a language is missing."""

    key: str
    versions: dict[str, tuple[str, str]] = field(default_factory=dict)
    fallback: str = "en"


DEFAULT_PACKET: tuple[str, ...] = (
    "welcome_letter", "program_info", "contact_us", "what_to_bring", "events", "home_visits",
)


@dataclass(frozen=True)
class WelcomePacket:
    """What ``printing.documents.welcome_packet.build`` takes.

    ``handouts`` names built-in handouts or keys of ``custom`` (director-written) ones, in print order.
    """

    program: ProgramInfo
    family: FamilyPacket
    handouts: tuple[str, ...] = DEFAULT_PACKET
    custom: tuple[HandoutText, ...] = ()


@dataclass
class PrintResult:
    """PDF bytes plus what the director should know (e.g. handouts printed in English)."""

    pdf: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)
