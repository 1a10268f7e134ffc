"""Parsing of single cells: dates (with whole-column style detection), yes/no, languages, relationships.

Every parser returns a clean value or raises ``ValueError`` with a message for the row report; nothing
is guessed silently (a date like 03/04/2024 in a column with no telling value is reported, not read).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from famdesk.domain.enums import ProgramOption, Relationship
from famdesk.domain.imports import DateStyle
from famdesk.domain.languages import OTHER_HOME_LANGUAGES, PRINT_LANGUAGES
from famdesk.domain.text import fold
from famdesk.i18n import _
from famdesk.services.door import pure

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_PAIR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$")
_SERIAL = re.compile(r"^\d{1,6}(?:\.0+)?$")


@pure("parses one cell")
def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@pure("parses one cell")
def detect_date_style(values: Iterable[object]) -> DateStyle:
    """The style a whole column is written in: a day above 12 in either place decides it."""
    first_big = second_big = serial = 0
    for raw in values:
        if isinstance(raw, dt.date):
            continue
        text = cell_text(raw)
        m = _PAIR.match(text)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            first_big += a > 12
            second_big += b > 12
        elif _SERIAL.match(text):
            serial += 1
    if first_big and not second_big:
        return DateStyle.DMY
    if second_big and not first_big:
        return DateStyle.US
    if serial and not (first_big or second_big):
        return DateStyle.SERIAL
    return DateStyle.AUTO


@pure("parses one cell")
def parse_date(raw: object, style: DateStyle) -> dt.date | None:
    if raw is None:
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = cell_text(raw)
    if not text:
        return None
    m = _ISO.match(text)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)), text)
    if _SERIAL.match(text) or isinstance(raw, (int, float)):
        try:
            n = float(text)
        except ValueError:
            raise ValueError(_("“{value}” is not a date.").format(value=text)) from None
        if not 1 <= n <= 2958465:
            raise ValueError(_("“{value}” is not a date.").format(value=text))
        return _EXCEL_EPOCH + dt.timedelta(days=int(n))
    m = _PAIR.match(text)
    if not m:
        raise ValueError(
            _(
                "“{value}” is not a date famdesk can read; write it as year-month-day, e.g. 2023-03-31."
            ).format(value=text)
        )
    a, b, year_text = int(m.group(1)), int(m.group(2)), m.group(3)
    if len(year_text) == 2:
        raise ValueError(_("“{value}” has a two-digit year; write the year in full.").format(value=text))
    year = int(year_text)
    if style is DateStyle.US:
        return _make(year, a, b, text)
    if style is DateStyle.DMY:
        return _make(year, b, a, text)
    if a == b or a > 12 or b > 12:
        return _make(year, a, b, text) if b > 12 or a == b else _make(year, b, a, text)
    raise ValueError(
        _("“{value}” could be month/day or day/month; choose the file's date style.").format(value=text)
    )


def _make(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(_("“{value}” is not a real date.").format(value=text)) from None


_YES = {"yes", "y", "true", "1", "x", "si", "oui", "sim", "da", "ok", "checked", "opt in", "agree", "agreed"}
_NO = {"no", "n", "false", "0", "", "non", "nao", "net", "unchecked", "opt out", "declined", "-"}


@pure("parses one cell")
def parse_bool(raw: object) -> bool:
    text = fold(cell_text(raw)).strip(". ")
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(_("“{value}” is not yes or no.").format(value=cell_text(raw)))


_LANGUAGE_ALIASES = {
    "mandarin": "zh",
    "chinese": "zh",
    "cantonese": "zh",
    "chinese mandarin": "zh",
    "chinese cantonese": "zh",
    "chinese simplified": "zh",
    "haitian": "ht",
    "creole": "ht",
    "kreyol": "ht",
    "haitian creole": "ht",
    "kreyol ayisyen": "ht",
    "farsi": "fa",
    "dari": "fa",
    "filipino": "tl",
    "espanol": "es",
    "castellano": "es",
    "portugues": "pt",
    "francais": "fr",
    "tieng viet": "vi",
    "русский": "ru",
    "العربية": "ar",
    "中文": "zh",
    "한국어": "ko",
    "नेपाली": "ne",
    "soomaali": "so",
    "brazilian portuguese": "pt",
}
_LANGUAGES = {fold(lang.english_name): lang.code for lang in PRINT_LANGUAGES + OTHER_HOME_LANGUAGES}
_LANGUAGES.update({lang.code: lang.code for lang in PRINT_LANGUAGES + OTHER_HOME_LANGUAGES})


@pure("parses one cell")
def parse_languages(raw: object) -> list[str]:
    out: list[str] = []
    for part in re.split(r"[,;/&+]| and ", cell_text(raw)):
        key = re.sub(r"[()]", " ", fold(part))
        key = re.sub(r"\s+", " ", key).strip()
        if not key:
            continue
        code = _LANGUAGES.get(key) or _LANGUAGE_ALIASES.get(key) or _LANGUAGES.get(key.split(" ")[0])
        if code is None:
            raise ValueError(_("“{value}” is not a language famdesk knows.").format(value=part.strip()))
        if code not in out:
            out.append(code)
    return out


_RELATIONSHIPS = {
    "mother": Relationship.MOTHER,
    "mom": Relationship.MOTHER,
    "mum": Relationship.MOTHER,
    "madre": Relationship.MOTHER,
    "mere": Relationship.MOTHER,
    "father": Relationship.FATHER,
    "dad": Relationship.FATHER,
    "padre": Relationship.FATHER,
    "pere": Relationship.FATHER,
    "grandmother": Relationship.GRANDMOTHER,
    "grandma": Relationship.GRANDMOTHER,
    "abuela": Relationship.GRANDMOTHER,
    "grandfather": Relationship.GRANDFATHER,
    "grandpa": Relationship.GRANDFATHER,
    "abuelo": Relationship.GRANDFATHER,
    "aunt": Relationship.AUNT,
    "tia": Relationship.AUNT,
    "uncle": Relationship.UNCLE,
    "tio": Relationship.UNCLE,
    "guardian": Relationship.GUARDIAN,
    "legal guardian": Relationship.GUARDIAN,
    "foster parent": Relationship.FOSTER_PARENT,
    "foster mother": Relationship.FOSTER_PARENT,
    "foster father": Relationship.FOSTER_PARENT,
    "foster": Relationship.FOSTER_PARENT,
    "stepparent": Relationship.STEPPARENT,
    "stepmother": Relationship.STEPPARENT,
    "stepfather": Relationship.STEPPARENT,
    "step parent": Relationship.STEPPARENT,
    "sibling": Relationship.SIBLING,
    "sister": Relationship.SIBLING,
    "brother": Relationship.SIBLING,
}


@pure("parses one cell")
def parse_relationship(raw: object) -> Relationship:
    """Unknown relationships become "other" (a caregiver is still a caregiver), never an error."""
    key = fold(cell_text(raw)).replace("-", " ")
    if key in Relationship._value2member_map_:
        return Relationship(key)
    return _RELATIONSHIPS.get(key, Relationship.OTHER)


_OPTIONS = {
    "center based": ProgramOption.CENTER_BASED,
    "center": ProgramOption.CENTER_BASED,
    "centre based": ProgramOption.CENTER_BASED,
    "cb": ProgramOption.CENTER_BASED,
    "home based": ProgramOption.HOME_BASED,
    "home": ProgramOption.HOME_BASED,
    "hb": ProgramOption.HOME_BASED,
    "home visiting": ProgramOption.HOME_BASED,
    "family child care": ProgramOption.FAMILY_CHILD_CARE,
    "fcc": ProgramOption.FAMILY_CHILD_CARE,
    "family childcare": ProgramOption.FAMILY_CHILD_CARE,
}


@pure("parses one cell")
def parse_program_option(raw: object) -> ProgramOption | None:
    key = re.sub(r"[-_]", " ", fold(cell_text(raw))).strip()
    if not key:
        return None
    if key.replace(" ", "_") in ProgramOption._value2member_map_:
        return ProgramOption(key.replace(" ", "_"))
    if key in _OPTIONS:
        return _OPTIONS[key]
    raise ValueError(
        _("“{value}” is not a program option (center-based, home-based or family child care).").format(
            value=cell_text(raw)
        )
    )


@pure("parses one cell")
def split_name(full: str) -> tuple[str, str]:
    """ "Last, First" or "First Middle Last" → (first, last)."""
    full = re.sub(r"\s+", " ", full or "").strip()
    if "," in full:
        last, first = (p.strip() for p in full.split(",", 1))
        return first, last
    parts = full.rsplit(" ", 1)
    return (parts[0], parts[1]) if len(parts) == 2 else (full, "")
