"""Behaviour-incident records (restricted: directors only, see services.access)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from famdesk.db.models.base import Base, Timestamps, Versioned
from famdesk.db.models.core import str_enum
from famdesk.domain.incidents import InformedHow


class Incident(Base, Timestamps, Versioned):
    __tablename__ = "incident"
    id: Mapped[int] = mapped_column(primary_key=True)
    # CASCADE: erasing a family (or a child) removes its incidents with it; merging moves them.
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id", ondelete="CASCADE"), index=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)  # program-local wall clock
    classroom_id: Mapped[int | None] = mapped_column(ForeignKey("classroom.id", ondelete="SET NULL"),
                                                     index=True)
    location: Mapped[str] = mapped_column(String(200), default="")
    antecedent: Mapped[str] = mapped_column(Text, default="")
    behavior: Mapped[str] = mapped_column(Text, default="")
    response: Mapped[str] = mapped_column(Text, default="")
    family_informed: Mapped[bool] = mapped_column(Boolean, default=False)
    family_informed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    family_informed_how: Mapped[InformedHow | None] = mapped_column(str_enum(InformedHow))
    staff_informed: Mapped[str] = mapped_column(Text, default="")
    author_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id", ondelete="SET NULL"))
