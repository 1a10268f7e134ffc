"""Welcome packets from the database: family + program + classrooms/teachers → printing input → PDFs.

Runs one family, the families enrolled since a date, or all of them; one PDF for the printer or one per
family; each in the family's preferred language (or one forced language), with the English copy behind
it for families that asked.  ``progress(done, total)`` and ``cancelled()`` let the GUI show a bar and stop.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select

from famdesk.db import models as m
from famdesk.domain import records as r
from famdesk.domain.enums import StaffRole
from famdesk.domain.errors import ValidationError
from famdesk.domain.handouts import PacketFile, PacketRun
from famdesk.domain.languages import print_language_codes
from famdesk.domain.printables import ChildLine, ContactLine, EventLine, FamilyPacket, ProgramInfo
from famdesk.domain.roles import Action, Kind
from famdesk.i18n import _, normalize_language
from famdesk.services import access, door
from famdesk.services import events as event_service
from famdesk.services import handouts as library
from famdesk.services.classrooms import classroom_names
from famdesk.services.context import ServiceContext
from famdesk.services.door import internal, operation, pure
from famdesk.services.families import family_ids_enrolled_since, get_family
from famdesk.services.program import effective_paper_size, get_program, get_setting, set_setting
from famdesk.services.staff import list_staff
from famdesk.services.validation import format_phone

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
TEACHING_ROLES = (StaffRole.TEACHER, StaffRole.ASSISTANT_TEACHER)
# The family page lists the program's events of the next N weeks (a program setting).
EVENT_WEEKS_SETTING = "handouts.packet_event_weeks"
DEFAULT_EVENT_WEEKS = 8
MAX_EVENT_WEEKS = 52


@operation(Kind.PACKET, Action.READ)
def packet_event_weeks(ctx: ServiceContext) -> int:
    value = get_setting(ctx, EVENT_WEEKS_SETTING, DEFAULT_EVENT_WEEKS)
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_EVENT_WEEKS
    return value if ok else DEFAULT_EVENT_WEEKS


def _check_event_weeks(weeks: object) -> int:
    if not isinstance(weeks, int) or isinstance(weeks, bool) or not 1 <= weeks <= MAX_EVENT_WEEKS:
        raise ValidationError(_("Choose a number of weeks from 1 to {n}.").format(n=MAX_EVENT_WEEKS), "event_weeks")
    return weeks


@operation(Kind.PACKET, Action.WRITE)
def set_packet_event_weeks(ctx: ServiceContext, weeks: int) -> int:
    set_setting(ctx, EVENT_WEEKS_SETTING, _check_event_weeks(weeks))
    return weeks


@internal("part of printing the packets")
def upcoming_event_lines(ctx: ServiceContext, today: dt.date, weeks: int) -> tuple[EventLine, ...]:
    """The program's events from ``today`` through the next ``weeks`` weeks, as the family page prints them.

    Titles and places are printed as the director wrote them; dates and times are formatted later, in
    each family's language, by the printing layer.
    """
    end = today + dt.timedelta(weeks=weeks, days=-1)
    return tuple(EventLine(e.starts_at.date(), e.title, e.starts_at.time(), e.place)
                 for e in event_service.list_events(ctx, today, end) if e.starts_at is not None)


@internal("the printed header, for a print operation")
def program_info(ctx: ServiceContext) -> ProgramInfo:
    p = get_program(ctx)
    return ProgramInfo(name=p.name, address=p.address, phone=format_phone(p.phone, p.country), email=p.email,
                       logo_png=p.logo_png,
                       country=p.country, paper_size=effective_paper_size(p))


@operation(Kind.FAMILY, Action.READ, family=door.Arg("family_id"))
def choose_families(ctx: ServiceContext, *, family_id: int | None = None, new_since: dt.date | None = None,
                    everyone: bool = False) -> list[int]:
    """Exactly one of: one family, families enrolled on or after ``new_since``, or every current family
    (of the actor's: a home visitor's caseload, a teacher's classrooms)."""
    if sum(x is not None and x is not False for x in (family_id, new_since, everyone)) != 1:
        raise ValidationError(_("Choose one family, new families since a date, or all families."), "families")
    if family_id is not None:
        get_family(ctx, family_id)  # NotFoundError with a clear message
        return [family_id]
    if new_since is not None:
        return family_ids_enrolled_since(ctx, new_since)
    with ctx.db.read() as s:
        return list(s.scalars(access.scope_families(select(m.Family.id), ctx.actor)
                              .where(m.Family.archived_at.is_(None)).order_by(m.Family.name)))


class _Lookup:
    """Classroom names and their teachers, read once per run."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.country = get_program(ctx).country or "US"
        self.rooms = classroom_names(ctx)
        self.teachers: dict[int, list[r.StaffMember]] = {}
        for st in list_staff(ctx):
            if st.role in TEACHING_ROLES:
                for cid in st.classroom_ids:
                    self.teachers.setdefault(cid, []).append(st)
        for people in self.teachers.values():
            people.sort(key=lambda x: (x.role is not StaffRole.TEACHER, x.display_name))


@pure("reads a record")
def family_language(detail: r.FamilyDetail) -> str:
    lang = normalize_language(detail.family.preferred_language or "en")
    return lang if lang in print_language_codes() else "en"


@pure("formats a name")
def household_name(name: str) -> str:
    """"Nguyen family" → "Nguyen": the handouts say "Dear {family} family," themselves."""
    name = name.strip()
    for suffix in (" family", " Family", " FAMILY"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)].strip()
    return name


@pure("builds printing input from records")
def family_packet(detail: r.FamilyDetail, lookup: _Lookup, *, language: str, english_copy: bool,
                  events: tuple[EventLine, ...] = ()) -> FamilyPacket:
    from famdesk.printing.handouts import Tr

    t = Tr(language)
    children, contacts, seen = [], [], set()
    for c in detail.children:
        if c.exited_on is not None:
            continue
        teachers = lookup.teachers.get(c.classroom_id or -1, [])
        children.append(ChildLine(c.display_name, lookup.rooms.get(c.classroom_id or -1, ""),
                                  teachers[0].display_name if teachers else ""))
        for st in teachers:
            if st.id not in seen:
                seen.add(st.id)
                contacts.append(ContactLine(t._("Teacher"), st.display_name, format_phone(st.phone, lookup.country)))
    return FamilyPacket(household_name(detail.family.name), language, tuple(children), tuple(contacts), events,
                        both_languages=english_copy and language != "en")


@operation(Kind.FAMILY, Action.READ, family=door.Row("family_ids", m.Family, path="id"))
def family_packets(ctx: ServiceContext, family_ids: list[int], *, language: str = "auto",
                   progress: Progress | None = None, cancelled: Cancelled | None = None,
                   total: int | None = None, today: dt.date | None = None,
                   event_weeks: int | None = None) -> list[FamilyPacket] | None:
    """Printing input for each family (None if cancelled); classrooms, teachers and the upcoming events
    (the same for every family) are read once."""
    lookup = _Lookup(ctx)
    weeks = event_weeks if event_weeks is not None else packet_event_weeks(ctx)
    events = upcoming_event_lines(ctx, today or dt.date.today(), weeks)
    with ctx.db.read() as s:
        wants_english = library.english_copy_ids(s, family_ids)
    out = []
    for i, fid in enumerate(family_ids):
        if cancelled and cancelled():
            return None
        detail = get_family(ctx, fid)
        lang = family_language(detail) if language == "auto" else normalize_language(language)
        out.append(family_packet(detail, lookup, language=lang, english_copy=fid in wants_english, events=events))
        if progress:
            progress(i + 1, total or len(family_ids))
    return out


@operation(Kind.PACKET, Action.PRINT)
def print_welcome_packets(ctx: ServiceContext, family_ids: list[int], *, language: str = "auto",
                          one_file: bool = True, progress: Progress | None = None,
                          cancelled: Cancelled | None = None, invariant: bool = False,
                          today: dt.date | None = None, event_weeks: int | None = None) -> PacketRun:
    """Render the packets; a cancelled run returns ``cancelled=True`` and no files.

    The family page lists the events of the next ``event_weeks`` weeks from ``today`` (default: the
    program's setting, from today's date). Each family must be one the actor may print for (a home
    visitor: their caseload; a teacher: their classrooms); the door records the print.
    """
    if event_weeks is not None:
        _check_event_weeks(event_weeks)
    _check_families(ctx, family_ids)
    from famdesk.printing.documents import welcome_packet

    if language != "auto" and normalize_language(language) not in print_language_codes():
        raise ValidationError(_("famdesk cannot print in “{code}” yet.").format(code=language), "language")
    if not family_ids:
        raise ValidationError(_("No families match; nothing to print."), "families")
    program = program_info(ctx)
    keys = tuple(library.packet_handouts(ctx))
    custom = library.custom_texts(ctx, [k for k in keys if not library.is_builtin(k)])
    total = len(family_ids) * 2  # gathering, then rendering: one bar for both
    packets = family_packets(ctx, family_ids, language=language, progress=progress, cancelled=cancelled,
                             total=total, today=today, event_weeks=event_weeks)
    if packets is None:
        return PacketRun(cancelled=True)
    offset = len(family_ids)
    step = (lambda done, _n: progress(offset + done, total)) if progress else None
    results = welcome_packet.build_batch(program, packets, one_file=one_file, handouts=keys, custom=custom,
                                         invariant=invariant, progress=step, cancelled=cancelled)
    if cancelled and cancelled():
        return PacketRun(cancelled=True)
    if one_file:
        res = results[0]
        return PacketRun([PacketFile("welcome-packets.pdf", res.pdf, res.pages, len(packets), res.warnings)])
    files = [PacketFile(f"welcome-packet-{fid}-{p.language}.pdf", res.pdf, res.pages, 1,
                        [f"{p.family_name}: {w}" for w in res.warnings])
             for fid, p, res in zip(family_ids, packets, results, strict=True)]
    return PacketRun(files)


def _check_families(ctx: ServiceContext, family_ids: list[int]) -> None:
    if not access.is_scoped(ctx.actor, Kind.FAMILY):
        return
    with ctx.db.read() as s:
        for fid in dict.fromkeys(family_ids):
            access.require(ctx.actor, Kind.FAMILY, Action.PRINT, s, fid)


@operation(Kind.HANDOUT, Action.PRINT)
def print_handout(ctx: ServiceContext, key: str, language: str):  # type: ignore[no-untyped-def]
    """One library handout in one language → PrintResult (warnings say when it fell back)."""
    from famdesk.printing.documents import handout as handout_doc

    lang = normalize_language(language)
    if lang not in print_language_codes():
        raise ValidationError(_("famdesk cannot print in “{code}” yet.").format(code=language), "language")
    h = library.get_handout(ctx, key)
    target = key if h.builtin else library.custom_texts(ctx, [key])[0]
    return handout_doc.build_result(program_info(ctx), target, locale=lang)


