"""Input checks shared by every service and importer. Each returns a clean value or raises."""

from __future__ import annotations

import datetime as dt
import functools
import re

import phonenumbers

from famdesk.domain.errors import FieldProblem
from famdesk.domain.languages import known_language_codes
from famdesk.formatting import ui_date
from famdesk.i18n import _
from famdesk.services.door import pure

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Problems:
    """Collects every problem of a form so the user sees them all at once, not one per try."""

    def __init__(self) -> None:
        self.items: list[FieldProblem] = []

    def add(self, field: str, message: str) -> None:
        self.items.append(FieldProblem(field, message))

    def raise_if_any(self) -> None:
        from famdesk.domain.errors import ValidationError

        if self.items:
            raise ValidationError(self.items)


@pure("checks a value in memory")
def phone_e164(raw: str, country: str = "US") -> str:
    """Parse a phone number as a person writes it; return E.164 ('' stays ''). Raises ValueError."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    return _phone_e164(raw, country)


@functools.lru_cache(maxsize=8192)  # an import checks the same numbers on many rows
def _phone_e164(raw: str, country: str) -> str:
    try:
        number = phonenumbers.parse(raw, (country or "US").upper())
    except phonenumbers.NumberParseException as exc:
        raise ValueError(_("The phone number “{phone}” cannot be read.").format(phone=raw)) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError(_("The phone number “{phone}” cannot be read.").format(phone=raw))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@pure("checks a value in memory")
def format_phone(e164: str, country: str = "US") -> str:
    """E.164 → how people in the program's country write it (national format at home)."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, country)
    except phonenumbers.NumberParseException:
        return e164
    region = phonenumbers.region_code_for_number(number)
    fmt = (phonenumbers.PhoneNumberFormat.NATIONAL if region == country.upper()
           else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, fmt)


@pure("checks a value in memory")
def check_phone(problems: Problems, field: str, raw: str, country: str) -> str:
    try:
        return phone_e164(raw, country)
    except ValueError as exc:
        problems.add(field, str(exc))
        return raw


@pure("checks a value in memory")
def check_email(problems: Problems, field: str, raw: str) -> str:
    value = (raw or "").strip()
    if value and not _EMAIL.match(value):
        problems.add(field, _("The email address “{email}” is not complete.").format(email=value))
    return value


@pure("checks a value in memory")
def check_required(problems: Problems, field: str, value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        problems.add(field, _("{what} is required.").format(what=what))
    return value


@pure("checks a value in memory")
def check_birth_date(problems: Problems, field: str, value: dt.date | None, today: dt.date | None = None,
                     who: str = "") -> dt.date | None:
    today = today or dt.date.today()
    if value is None:
        return None
    if value > today:
        problems.add(field, _("The birth date {date} of {who} is in the future.").format(
            date=ui_date(value), who=who or _("the child")))
    elif (today - value).days > 25 * 366:
        problems.add(field, _("The birth date {date} of {who} is more than 25 years ago.").format(
            date=ui_date(value), who=who or _("the child")))
    return value


@pure("checks a value in memory")
def check_date_order(problems: Problems, field: str, start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        problems.add(field, _("The end date {end} is before the start date {start}.").format(
            end=ui_date(end), start=ui_date(start)))


@pure("checks a value in memory")
def check_language(problems: Problems, field: str, code: str) -> str:
    code = (code or "").strip().replace("_", "-")
    base = code.split("-")[0].lower()
    if code and base not in known_language_codes():
        problems.add(field, _("“{code}” is not a language famdesk knows.").format(code=code))
    return base
