"""`famdesk check` rules of the visits area (registered in services.checks.EXTRA_CHECKS)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from famdesk.db import models as m
from famdesk.formatting import ui_number
from famdesk.i18n import _
from famdesk.services.door import internal


@internal("a `famdesk check` rule, run in the check's session")
def check_visits(s: Session) -> list[str]:
    out: list[str] = []
    backwards = s.scalar(select(func.count(m.Visit.id)).where(m.Visit.ends_at <= m.Visit.starts_at))
    if backwards:
        out.append(_("{count} visit(s) end before they start.").format(count=ui_number(backwards)))
    original = aliased(m.Visit)
    crossed = s.scalar(
        select(func.count(m.Visit.id))
        .join(original, original.id == m.Visit.make_up_of_id)
        .where(original.family_id != m.Visit.family_id)
    )
    if crossed:
        out.append(
            _("{count} make-up visit(s) belong to another family than the visit they make up.").format(
                count=crossed
            )
        )
    no_staff = s.scalar(select(func.count(m.Visit.id)).where(~m.Visit.staff.any()))
    if no_staff:
        out.append(_("{count} visit(s) have no staff member.").format(count=ui_number(no_staff)))
    return out
