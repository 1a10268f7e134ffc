"""Built-in handouts: their fixed text (gettext domain ``handouts``) and how each is laid out.

Each handout is a function ``(t, program, family) -> blocks`` where ``t`` is a :class:`Tr`.  The English
msgids in this file are the source text: ``pybabel extract`` (see ``babel.cfg``) collects every ``t._()``,
``t.p_()`` and ``N_()`` into ``translations/handouts.pot``.

A handout is printed in one language only: if any of its messages lacks a translation, the whole handout
falls back to English and a warning says so (never a half-translated page, never empty text).
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Callable

from babel.lists import format_list

from famdesk.domain.printables import EventLine, FamilyPacket, ProgramInfo
from famdesk.formatting import babel_locale, format_date, format_time
from famdesk.i18n import N_, normalize_language, translator_for
from famdesk.printing.blocks import Bullets, Heading, KeyValue, Para, Spacer, Table
from famdesk.printing.text import ltr


class Tr:
    """A handout translator that remembers which messages had no translation."""

    def __init__(self, language: str) -> None:
        self.language = normalize_language(language)
        self._t: gettext.NullTranslations = translator_for(self.language)
        self.missing: list[str] = []
        # a translation equal to the source ("Email" in Vietnamese) is still a translation
        self._known: dict = getattr(self._t, "_catalog", {})

    def _(self, message: str) -> str:
        if self.language != "en" and message not in self._known:
            self.missing.append(message)
        return self._t.gettext(message)

    def p_(self, context: str, message: str) -> str:
        if self.language != "en" and f"{context}\x04{message}" not in self._known:
            self.missing.append(message)
        return self._t.pgettext(context, message)

    def date(self, value: dt.date, fmt: str = "long") -> str:
        """A date in the language; Haitian Creole names come from our catalog (Babel has none)."""
        if self.language == "ht":
            month = self._(MONTHS[value.month - 1])
            text = f"{value.day} {month} {value.year}"
            if fmt == "full":
                text = f"{self._(WEEKDAYS[value.weekday()])} {text}"
            return text
        return format_date(value, self.language, fmt)

    def time(self, value: dt.time) -> str:
        return format_time(value, self.language)

    def join(self, items: list[str]) -> str:
        """"A, B and C" in the language (Babel's list patterns: "A、B和C", "A وB وC")."""
        if self.language in DATE_NAME_LANGUAGES:  # Babel would use French for Haitian Creole
            return ", ".join(items)
        return format_list(items, locale=babel_locale(self.language))


MONTHS = [N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December")]
WEEKDAYS = [N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
            N_("Sunday")]
# Only languages Babel cannot name dates in need these (see Tr.date); listed for catalog_status.
DATE_NAME_LANGUAGES = frozenset({"ht"})

ROUTINE_LABELS = {
    "arrival": N_("Arrival and breakfast"),
    "learning": N_("Play and learning time"),
    "outdoor": N_("Outdoor play"),
    "lunch": N_("Lunch"),
    "rest": N_("Rest time"),
    "pickup": N_("Pick-up"),
}

Blocks = list[object]
HandoutFn = Callable[[Tr, ProgramInfo, FamilyPacket | None], Blocks]


def welcome_letter(t: Tr, program: ProgramInfo, family: FamilyPacket | None) -> Blocks:
    greeting = (t._("Dear {family} family,").format(family=family.family_name) if family
                else t._("Dear families,"))
    return [
        Heading(t._("Welcome to {program}!").format(program=program.name)),
        Para(greeting),
        Para(t._("We are so happy that your child is joining us. You know your child best, "
                 "and we want to learn from you.")),
        Para(t._("Please talk with us at any time, in the language you prefer. "
                 "We will find an interpreter if you need one.")),
        Para(t._("With warm wishes,")),
        Para(t._("The {program} team").format(program=program.name), bold=True),
    ]


def program_info(t: Tr, program: ProgramInfo, family: FamilyPacket | None) -> Blocks:
    rows = [[t.time(when), t._(ROUTINE_LABELS.get(key, key))] for when, key in program.routine]
    return [
        Heading(t._("Our program and daily routine")),
        KeyValue([(t._("Opening hours"),
                   f"{t.time(program.opens)} – {t.time(program.closes)}")]),
        Spacer(6),
        Table(rows, header=[t._("Time"), t._("Activity")], col_widths=[0.25, 0.75]),
    ]


def contact_us(t: Tr, program: ProgramInfo, family: FamilyPacket | None) -> Blocks:
    pairs = []
    if program.phone:
        pairs.append((t._("Phone"), ltr(program.phone)))
    if program.email:
        pairs.append((t._("Email"), ltr(program.email)))
    if program.address:
        pairs.append((t._("Address"), program.address))
    pairs.append((t._("Best times to call"),
                  f"{t.time(program.call_from)} – {t.time(program.call_until)}"))
    return [
        Heading(t._("How to reach us")),
        KeyValue(pairs),
        Para(t._("Call us if your child will be absent, or if someone new will pick up your child.")),
    ]


def what_to_bring(t: Tr, program: ProgramInfo, family: FamilyPacket | None) -> Blocks:
    return [
        Heading(t._("What to bring")),
        Bullets([
            t._("A change of clothes, labeled with your child's name"),
            t._("A water bottle"),
            t._("Comfortable shoes for outdoor play"),
            t._("Any medicine your child needs, with a signed form"),
        ]),
    ]


def events(t: Tr, program: ProgramInfo, family: FamilyPacket | None) -> Blocks:
    upcoming = family.upcoming_events if family else ()
    blocks: Blocks = [Heading(t._("Family events"))]
    if not upcoming:
        blocks.append(Para(t._("No events are planned yet.")))
    else:
        blocks.append(event_table(t, upcoming))
    blocks.append(Para(t._("Everyone is welcome. Brothers and sisters can come too.")))
    return blocks


def home_visits(t: Tr, program: ProgramInfo, family: FamilyPacket | None) -> Blocks:
    return [
        Heading(t._("Home visits")),
        Para(t._("A teacher or family worker will visit you at home to get to know your family.")),
        Bullets([
            t._("A visit takes about one hour. You choose the day and time."),
            t._("It is not an inspection. We talk about your child's strengths and your goals."),
            t._("You can ask for an interpreter."),
        ]),
    ]


def note_frame(t: Tr, program: ProgramInfo, family: FamilyPacket | None) -> Blocks:
    """The take-home note's fixed text; the teacher's own words go between greeting and closing."""
    greeting = (t._("Dear {family} family,").format(family=family.family_name) if family
                else t._("Dear families,"))
    return [
        Heading(t._("A note from school"), level=2),
        Para(greeting),
        Para(t._("Here is something your child did today:")),
        Spacer(60),
        Para(t._("Thank you!")),
    ]


def family_page(t: Tr, program: ProgramInfo, family: FamilyPacket | None) -> Blocks:
    """The family's own page: children, classrooms, teachers, contacts, upcoming events."""
    if family is None:
        return []
    blocks: Blocks = [Heading(t._("About your family"))]
    if family.children:
        rows = [[c.name, c.classroom, c.teacher] for c in family.children]
        blocks.append(Table(rows, header=[t._("Child"), t._("Classroom"), t._("Teacher")]))
    if family.contacts:
        blocks += [Heading(t._("Your contacts at the program"), level=2),
                   KeyValue([(c.role, f"{c.name}  {ltr(c.phone)}" if c.phone else c.name)
                             for c in family.contacts])]
    if family.upcoming_events:
        blocks += [Heading(t._("Upcoming events"), level=2), event_table(t, family.upcoming_events)]
    return blocks


def event_table(t: Tr, events: tuple[EventLine, ...]) -> Table:
    """Date, time, title (and place when any event has one); dates and times in the handout's language,
    titles and places as the program wrote them."""
    rows = [[t.date(e.date), t.time(e.start) if e.start else "", e.title] for e in events]
    header = [t._("Date"), t._("Time"), t._("Event")]
    if any(e.place for e in events):
        for row, e in zip(rows, events, strict=True):
            row.append(e.place)
        return Table(rows, header=header + [t._("Where")], col_widths=[0.3, 0.15, 0.33, 0.22])
    return Table(rows, header=header, col_widths=[0.32, 0.18, 0.5])


HANDOUTS: dict[str, tuple[str, HandoutFn]] = {
    "welcome_letter": (N_("Welcome letter"), welcome_letter),
    "program_info": (N_("Program information and daily routine"), program_info),
    "contact_us": (N_("How to reach us and when"), contact_us),
    "what_to_bring": (N_("What to bring"), what_to_bring),
    "events": (N_("Family events calendar"), events),
    "home_visits": (N_("Home visits"), home_visits),
    "note_frame": (N_("Take-home note"), note_frame),
    "family_page": (N_("Family page"), family_page),
}


def render_handout(name: str, language: str, program: ProgramInfo,
                   family: FamilyPacket | None = None) -> tuple[str, Blocks, list[str]]:
    """Blocks of handout ``name`` in ``language`` → (language used, blocks, missing msgids).

    If anything is untranslated the English version is returned instead (language ``"en"``).
    """
    _title, fn = HANDOUTS[name]
    t = Tr(language)
    blocks = fn(t, program, family)
    if t.missing:
        return "en", fn(Tr("en"), program, family), sorted(set(t.missing))
    return t.language, blocks, []
