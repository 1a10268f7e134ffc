"""The communication log: record contacts with families, follow-ups, and each relationship's health.

Research the programs follow asks for the first contact to be positive and for positives to stay well
ahead of concerns; ``relationship_health`` turns the log into those figures.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain import partnership as p
from famdesk.domain.enums import FamilyStatus
from famdesk.domain.errors import NotFoundError, ValidationError
from famdesk.domain.roles import Action, Kind
from famdesk.formatting import ui_date, ui_number
from famdesk.i18n import _
from famdesk.services import access, door, versions
from famdesk.services import program as program_service
from famdesk.services.context import ServiceContext
from famdesk.services.door import internal, operation
from famdesk.services.validation import Problems, check_language, check_required

POSITIVE_DAYS_SETTING = "partnership.positive_contact_days"
DEFAULT_POSITIVE_DAYS = 30
SUMMARY_MAX = 2000


@operation(Kind.PROGRAM, Action.READ)
def positive_days(ctx: ServiceContext) -> int:
    """N: a family should hear something positive at least every N days (a program setting)."""
    value = program_service.get_setting(ctx, POSITIVE_DAYS_SETTING, DEFAULT_POSITIVE_DAYS)
    return int(value) if isinstance(value, int) and value > 0 else DEFAULT_POSITIVE_DAYS


@operation(Kind.PROGRAM, Action.WRITE)
def set_positive_days(ctx: ServiceContext, days: int) -> None:
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 365:
        raise ValidationError(_("Choose a number of days from 1 to 365."), "positive_days")
    program_service.set_setting(ctx, POSITIVE_DAYS_SETTING, days)


def _validate(s: Session, c: p.Contact, now: dt.datetime) -> None:
    problems = Problems()
    if c.family_id is None or s.get(m.Family, c.family_id) is None:
        problems.add("family_id", _("Choose the family this contact was with."))
    if c.staff_id is not None and s.get(m.StaffMember, c.staff_id) is None:
        problems.add("staff_id", _("That staff member is no longer in the list; choose another."))
    if c.occurred_at is None:
        problems.add("occurred_at", _("Enter when the contact happened."))
    elif c.occurred_at > now + dt.timedelta(hours=1):
        problems.add("occurred_at", _("The contact's date {date} is in the future.").format(
            date=ui_date(c.occurred_at.date())))
    for attr, enum in (("channel", p.ContactMethod), ("direction", p.Direction), ("tone", p.Tone)):
        try:
            setattr(c, attr, enum(getattr(c, attr)))
        except ValueError:
            problems.add(attr, _("“{value}” is not a choice famdesk knows.").format(value=getattr(c, attr)))
    c.language = check_language(problems, "language", c.language) or "en"
    c.summary = check_required(problems, "summary", c.summary, _("A short summary"))
    if len(c.summary) > SUMMARY_MAX:
        problems.add("summary", _("Keep the summary under {n} characters.").format(n=ui_number(SUMMARY_MAX)))
    if c.follow_up_due and c.occurred_at and c.follow_up_due < c.occurred_at.date():
        problems.add("follow_up_due", _("The follow-up date is before the contact itself."))
    problems.raise_if_any()


def _apply(row: m.Contact, c: p.Contact) -> None:
    for f in ("family_id", "staff_id", "occurred_at", "channel", "direction", "tone", "language",
              "interpreter_present", "summary", "follow_up_due", "follow_up_done"):
        setattr(row, f, getattr(c, f))


def _record(row: m.Contact) -> p.Contact:
    staff = row.staff
    return p.Contact(family_id=row.family_id, occurred_at=row.occurred_at, channel=row.channel,
                     direction=row.direction, tone=row.tone, language=row.language,
                     interpreter_present=row.interpreter_present, summary=row.summary, staff_id=row.staff_id,
                     follow_up_due=row.follow_up_due, follow_up_done=row.follow_up_done, id=row.id,
                     **versions.fields(row),
                     family_name=row.family.name,
                     staff_name=f"{staff.first_name} {staff.last_name}".strip() if staff else "")


@operation(Kind.CONTACT, Action.WRITE, family=door.Attr("contact", "family_id"))
def add_contact(ctx: ServiceContext, contact: p.Contact, *, now: dt.datetime | None = None) -> p.Contact:
    with ctx.db.transaction() as s:
        _validate(s, contact, now or dt.datetime.now())
        row = m.Contact()
        _apply(row, contact)
        versions.stamp_new(row, ctx.actor)
        s.add(row)
        s.flush()
        door.set_record(row.id)
        return _record(row)


@operation(Kind.CONTACT, Action.WRITE, family=door.Attr("contact", "family_id", m.Contact),
           record="contact.id")
def update_contact(ctx: ServiceContext, contact: p.Contact, *, now: dt.datetime | None = None) -> p.Contact:
    with ctx.db.transaction() as s:
        row = _load(s, contact.id)
        _validate(s, contact, now or dt.datetime.now())
        versions.check_and_bump(s, row, contact.version, ctx.actor)  # refuses a stale form
        _apply(row, contact)
        s.flush()
        return _record(row)


def _load(s: Session, contact_id: int | None) -> m.Contact:
    row = s.get(m.Contact, contact_id) if contact_id is not None else None
    if row is None:
        raise NotFoundError(_("That contact is no longer in the log."))
    return row


@operation(Kind.CONTACT, Action.READ, family=door.Row("contact_id", m.Contact))
def get_contact(ctx: ServiceContext, contact_id: int) -> p.Contact:
    with ctx.db.read() as s:
        return _record(_load(s, contact_id))


@operation(Kind.CONTACT, Action.WRITE, family=door.Row("contact_id", m.Contact), record="contact_id")
def delete_contact(ctx: ServiceContext, contact_id: int) -> None:
    with ctx.db.transaction() as s:
        s.delete(_load(s, contact_id))


@operation(Kind.CONTACT, Action.WRITE, family=door.Row("contact_id", m.Contact), record="contact_id")
def mark_follow_up_done(ctx: ServiceContext, contact_id: int, done: bool = True) -> None:
    with ctx.db.transaction() as s:
        row = _load(s, contact_id)
        versions.bump(s, row, ctx.actor)
        row.follow_up_done = done


@operation(Kind.CONTACT, Action.READ, family=door.each(door.Arg("family_id"), door.LISTED))
def list_contacts(ctx: ServiceContext, family_id: int | None = None, *, open_follow_ups: bool = False,
                  limit: int = 500) -> list[p.Contact]:
    """Newest first; one family's log or everyone's; optionally only contacts with a follow-up open."""
    q = select(m.Contact).order_by(m.Contact.occurred_at.desc(), m.Contact.id.desc()).limit(limit)
    if family_id is not None:
        q = q.where(m.Contact.family_id == family_id)
    if open_follow_ups:
        q = q.where(m.Contact.follow_up_due.is_not(None), m.Contact.follow_up_done.is_(False))
    if access.is_scoped(ctx.actor, Kind.CONTACT):
        q = q.where(m.Contact.family_id.in_(access.own_family_ids(ctx.actor)))
    with ctx.db.read() as s:
        return [_record(row) for row in s.scalars(q)]


FEW_FAMILIES = 500  # up to this many, health_for asks SQLite for their contacts by id
STREAM_ROWS = 2000  # rows fetched at a time where a whole program's contacts are read


@internal("reads in the caller's session")
def health_for(s: Session, families: dict[int, str], today: dt.date) -> dict[int, p.RelationshipHealth]:
    """Relationship health of the given families (id → name), from their whole contact log.

    Days since the last positive contact count only positive contacts *to* the family: a family that
    calls to thank us has not heard something positive about its child.
    """
    out = {fid: p.RelationshipHealth(fid, name) for fid, name in families.items()}
    first: dict[int, tuple[dt.datetime, int, p.Tone]] = {}
    q = select(m.Contact.id, m.Contact.family_id, m.Contact.occurred_at, m.Contact.tone, m.Contact.direction,
               m.Contact.follow_up_due, m.Contact.follow_up_done)
    if len(families) <= FEW_FAMILIES:
        q = q.where(m.Contact.family_id.in_(list(families)))
    # else every contact is read and the others skipped: an IN list of tens of thousands of ids would
    # bind more variables than SQLite allows (32,766 by default) and costs more than it saves. Rows are
    # read in batches (yield_per), not all at once: 135,000 contacts took ~60 MB as one list.
    rows = s.execute(q.execution_options(yield_per=STREAM_ROWS))
    for cid, fid, when, tone, direction, due, done in rows:
        h = out.get(fid)
        if h is None:
            continue
        h.contacts += 1
        if tone is p.Tone.POSITIVE:
            h.positive += 1
            if direction is p.Direction.TO_FAMILY and (h.last_positive_on is None or when.date() > h.last_positive_on):
                h.last_positive_on = when.date()
        elif tone is p.Tone.CONCERN:
            h.concern += 1
        else:
            h.neutral += 1
        if due is not None and not done:
            h.open_follow_ups += 1
            if due < today:
                h.overdue_follow_ups += 1
        if fid not in first or (when, cid) < first[fid][:2]:
            first[fid] = (when, cid, tone)
    for fid, h in out.items():
        if h.last_positive_on is not None:
            h.days_since_positive = (today - h.last_positive_on).days
        if fid in first:
            h.first_contact_positive = first[fid][2] is p.Tone.POSITIVE
    return out


@internal("reads in the caller's session")
def enrolled_families(s: Session, only: Any = None) -> dict[int, str]:
    """Families currently enrolled and not archived: the program's denominator everywhere (``only``: a
    subquery of family ids to keep, for a role limited to its own families)."""
    q = (select(m.Family.id, m.Family.name)
         .where(m.Family.status == FamilyStatus.ENROLLED, m.Family.archived_at.is_(None))
         .order_by(m.Family.name, m.Family.id))
    if only is not None:
        q = q.where(m.Family.id.in_(only))
    rows = s.execute(q)
    return {fid: name for fid, name in rows}


@operation(Kind.CONTACT, Action.READ, family=door.Arg("family_id"))
def relationship_health(ctx: ServiceContext, family_id: int, today: dt.date | None = None) -> p.RelationshipHealth:
    with ctx.db.read() as s:
        fam = s.get(m.Family, family_id)
        if fam is None:
            raise NotFoundError(_("That family is no longer in the directory."))
        return health_for(s, {fam.id: fam.name}, today or dt.date.today())[fam.id]


@operation(Kind.CONTACT, Action.READ, family=door.LISTED)
def families_without_positive(ctx: ServiceContext, days: int | None = None,
                              today: dt.date | None = None) -> list[p.RelationshipHealth]:
    """Enrolled families who have not heard something positive in the last N days (never, or longer ago)."""
    days = positive_days(ctx) if days is None else days
    today = today or dt.date.today()
    with ctx.db.read() as s:
        health = health_for(s, enrolled_families(s, _own(ctx, Kind.CONTACT)), today)
    late = [h for h in health.values() if h.days_since_positive is None or h.days_since_positive > days]
    return sorted(late, key=lambda h: (-(h.days_since_positive if h.days_since_positive is not None else 10**6),
                                       h.family_name))


@internal("reads in the caller's session")
def contacts_by_month(s: Session, start: dt.date, end: dt.date) -> dict[str, dict[p.Tone, int]]:
    """Contacts per calendar month and tone between two dates (inclusive); every month present."""
    months: dict[str, dict[p.Tone, int]] = {}
    y, mo = start.year, start.month
    while (y, mo) <= (end.year, end.month):
        months[f"{y:04d}-{mo:02d}"] = {t: 0 for t in p.Tone}
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    counts: dict[tuple[str, p.Tone], int] = defaultdict(int)
    rows = s.execute(select(m.Contact.occurred_at, m.Contact.tone)
                     .where(m.Contact.occurred_at >= dt.datetime.combine(start, dt.time()),
                            m.Contact.occurred_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
                     .execution_options(yield_per=STREAM_ROWS))
    for when, tone in rows:
        counts[(f"{when.year:04d}-{when.month:02d}", tone)] += 1
    for (month, tone), n in counts.items():
        months[month][tone] = n
    return months


@operation(Kind.FAMILY, Action.READ, family=door.LISTED)
def list_enrolled_families(ctx: ServiceContext) -> dict[int, str]:
    """Enrolled families by name (the actor's own, for a role limited to them): for pickers."""
    with ctx.db.read() as s:
        return enrolled_families(s, _own(ctx, Kind.FAMILY))


def _own(ctx: ServiceContext, kind: Kind) -> Any:
    return access.own_family_ids(ctx.actor) if access.is_scoped(ctx.actor, kind) else None
