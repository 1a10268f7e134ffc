"""Legal holds: a family on hold is never erased (not by hand, not by the retention rule)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from famdesk.db.models.base import Base


class LegalHold(Base):
    """One row per hold. Not keyed by family: merging two held households keeps both reasons."""

    __tablename__ = "legal_hold"
    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    placed_on: Mapped[dt.date] = mapped_column(Date)
    placed_by_user_id: Mapped[int | None] = mapped_column(Integer)  # no FK: the hold outlives the account
