"""Legal holds: a family on hold is never erased, not by hand and not by the retention rule.

Directors only (``Kind.LEGAL_HOLD``). Placing and releasing a hold go in the audit trail (the door) with the
family's id; the reason stays in the database, never in the trail or the logs.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain.errors import NotFoundError, ValidationError
from famdesk.domain.retention import LegalHold
from famdesk.domain.roles import Action, Kind
from famdesk.i18n import _
from famdesk.services import door
from famdesk.services.context import ServiceContext

MAX_REASON = 1000


@door.internal("reads holds inside the caller's session")
def hold_in(s: Session, family_id: int) -> LegalHold | None:
    """The family's hold inside the caller's session (several rows after a merge: reasons joined)."""
    rows = list(s.scalars(select(m.LegalHold).where(m.LegalHold.family_id == family_id)
                          .order_by(m.LegalHold.id)))
    if not rows:
        return None
    reasons = "; ".join(dict.fromkeys(r.reason for r in rows))
    return LegalHold(family_id, reasons, min(r.placed_on for r in rows))


@door.internal("reads holds inside the caller's session")
def holds_in(s: Session) -> dict[int, str]:
    """Family id → reason, for every family on hold."""
    reasons: dict[int, list[str]] = {}
    for fid, reason in s.execute(select(m.LegalHold.family_id, m.LegalHold.reason).order_by(m.LegalHold.id)):
        if reason not in reasons.setdefault(fid, []):
            reasons[fid].append(reason)
    return {fid: "; ".join(texts) for fid, texts in reasons.items()}


@door.internal("reads holds inside the caller's session")
def refuse_if_held(s: Session, family_id: int) -> None:
    """Called by every erase path before anything is deleted."""
    hold = hold_in(s, family_id)
    if hold is not None:
        message = _("This family is on legal hold and cannot be erased ({reason}). A director must release "
                    "the hold first; nothing was erased.")
        raise ValidationError(message.format(reason=hold.reason), "legal_hold")


@door.operation(Kind.LEGAL_HOLD, Action.READ, record="family_id")
def get_hold(ctx: ServiceContext, family_id: int) -> LegalHold | None:
    with ctx.db.read() as s:
        return hold_in(s, family_id)


@door.operation(Kind.LEGAL_HOLD, Action.WRITE, record="family_id")
def place_hold(ctx: ServiceContext, family_id: int, reason: str, today: dt.date | None = None) -> LegalHold:
    """Put the family on hold (or change the reason of its hold)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the family is on legal hold (a court case, an audit, a records "
                                "request…)."), "reason")
    if len(reason) > MAX_REASON:
        raise ValidationError(_("Keep the reason under {limit} characters.").format(limit=MAX_REASON),
                              "reason")
    with ctx.db.transaction() as s:
        if s.get(m.Family, family_id) is None:
            raise NotFoundError(_("That family is no longer in the directory."))
        earlier = hold_in(s, family_id)
        s.execute(delete(m.LegalHold).where(m.LegalHold.family_id == family_id))
        door.set_detail("hold on")
        placed = earlier.placed_on if earlier else (today or dt.date.today())
        s.add(m.LegalHold(family_id=family_id, reason=reason, placed_on=placed,
                          placed_by_user_id=ctx.actor.user_id))
    return LegalHold(family_id, reason, placed)


@door.operation(Kind.LEGAL_HOLD, Action.WRITE, record="family_id")
def release_hold(ctx: ServiceContext, family_id: int) -> None:
    with ctx.db.transaction() as s:
        if hold_in(s, family_id) is None:
            raise NotFoundError(_("This family is not on legal hold."))
        door.set_detail("hold off")
        s.execute(delete(m.LegalHold).where(m.LegalHold.family_id == family_id))
