"""Retention for families who left: who is past the program's retention period, and erasing them for real.

The period is the ``retention.years_after_leaving`` setting (directors change it). A family is due when it
left (status "left the program", or archived) on a date older than the period and is not on legal hold.
Erasing goes through ``families.erase_in`` one family at a time, each in its own transaction with its own
audit entry (the family's id, marked "retention"), secure_delete and a WAL checkpoint, only after an
explicit confirmation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain.enums import FamilyStatus
from famdesk.domain.errors import FamdeskError, ValidationError
from famdesk.domain.retention import DEFAULT_RETENTION_YEARS, LeftFamily, RetentionReview, years_before
from famdesk.domain.roles import Action, Kind
from famdesk.i18n import _
from famdesk.services import access, audit, door, families
from famdesk.services.context import ServiceContext
from famdesk.services.legal_holds import holds_in

SETTING = "retention.years_after_leaving"
MAX_YEARS = 100


@door.internal("reads the setting inside the caller's session")
def years_in(s: Session) -> int:
    row = s.get(m.Setting, SETTING)
    value = row.value if row is not None else None
    return value if isinstance(value, int) and 1 <= value <= MAX_YEARS else DEFAULT_RETENTION_YEARS


@door.operation(Kind.PROGRAM, Action.READ)
def retention_years(ctx: ServiceContext) -> int:
    with ctx.db.read() as s:
        return years_in(s)


@door.operation(Kind.LEGAL_HOLD, Action.WRITE)
def set_retention_years(ctx: ServiceContext, years: int) -> int:
    """Directors only; from 1 to 100 years after a family leaves."""
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= MAX_YEARS:
        raise ValidationError(_("Keep records from 1 to {max} years after a family leaves.")
                              .format(max=MAX_YEARS), "years")
    door.set_detail(f"retention years={years}")
    with ctx.db.transaction() as s:
        row = s.get(m.Setting, SETTING)
        if row is None:
            s.add(m.Setting(key=SETTING, value=years))
        else:
            row.value = years
    return years


@door.internal("works inside the caller's session")
def review_in(s: Session, today: dt.date) -> RetentionReview:
    """Who is due, who is kept by a hold and how many left without an end date (inside a session)."""
    years = years_in(s)
    review = RetentionReview(years, years_before(today, years))
    holds = holds_in(s)
    left = s.execute(select(m.Family.id, m.Family.name, m.Family.exited_on, m.Family.archived_at)
                     .where(or_(m.Family.status == FamilyStatus.EXITED, m.Family.archived_at.is_not(None)))
                     .order_by(m.Family.name, m.Family.id))
    for fid, name, exited_on, archived_at in left:
        left_on = exited_on or (archived_at.date() if archived_at else None)
        if left_on is None:
            review.undated += 1
        elif left_on < review.cutoff:
            if fid in holds:
                review.held.append(LeftFamily(fid, name, left_on, holds[fid]))
            else:
                review.due.append(LeftFamily(fid, name, left_on))
    return review


@door.operation(Kind.LEGAL_HOLD, Action.READ, audit=True)
def review(ctx: ServiceContext, today: dt.date | None = None) -> RetentionReview:
    """The families past retention (names included: for the director deciding). Audited as a view.

    Also needs erasing families (the review is the list to erase from)."""
    access.require(ctx.actor, Kind.FAMILY, Action.ERASE)
    with ctx.db.read() as s:
        return review_in(s, today or dt.date.today())


@dataclass
class RetentionResult:
    erased: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)   # no longer due (a hold placed, dates changed, gone)
    failed: dict[int, str] = field(default_factory=dict)


@door.operation(Kind.LEGAL_HOLD, Action.ERASE)
def apply_retention(ctx: ServiceContext, family_ids: list[int] | None = None, *, confirmed: bool = False,
                    today: dt.date | None = None) -> RetentionResult:
    """Erase the due families among ``family_ids`` (all due families when None), for real.

    Nothing happens without ``confirmed=True``. The list is checked again here, so a family put on hold
    or changed since the director looked is skipped, never erased. The door audits the run; each erased
    family gets its own entry (its id, "retention") in the transaction that erases it.
    """
    access.require(ctx.actor, Kind.FAMILY, Action.ERASE)
    if not confirmed:
        raise ValidationError(_("Nothing was erased: confirm that these families may be erased for good."),
                              "confirmed")
    with ctx.db.read() as s:
        due = [f.family_id for f in review_in(s, today or dt.date.today()).due]
    wanted = due if family_ids is None else list(dict.fromkeys(family_ids))
    result = RetentionResult(skipped=[fid for fid in wanted if fid not in due])
    for fid in wanted:
        if fid in result.skipped:
            continue
        try:
            with ctx.db.transaction() as s:
                families.erase_in(s, fid)
                audit.record(s, ctx.actor, Action.ERASE, Kind.FAMILY, fid, "retention")
            result.erased.append(fid)
        except FamdeskError as exc:  # one family's problem must not hide the others' outcome
            result.failed[fid] = str(exc)
    if result.erased:
        ctx.db.checkpoint()  # the erased names gone from the -wal file too
    return result


@door.internal("a `famdesk check` run in the checker's session")
def check_retention(s: Session) -> list[str]:
    """`famdesk check`: families the program's own retention rule says should have been erased."""
    review = review_in(s, dt.date.today())
    if not review.due:
        return []
    return [_("{count} family record(s) are past the retention period of {years} years; see "
              "“famdesk retention list”.").format(count=len(review.due), years=review.years)]
