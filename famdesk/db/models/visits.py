"""Visits (home visits, parent conferences, group socializations), who makes them, program closures.

Visit times are naive local wall-clock times in the program's time zone (see famdesk/domain/visits.py).
Compliance requirements are program settings (``setting`` row ``visits.requirements``), not a table.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from famdesk.db.models.base import Base, Timestamps, Versioned
from famdesk.db.models.core import Family, StaffMember, str_enum
from famdesk.domain.visits import VisitKind, VisitPlace, VisitStatus

visit_staff = Table(
    "visit_staff",
    Base.metadata,
    Column("visit_id", ForeignKey("visit.id", ondelete="CASCADE"), primary_key=True),
    Column("staff_id", ForeignKey("staff_member.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Visit(Base, Timestamps, Versioned):
    __tablename__ = "visit"
    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    kind: Mapped[VisitKind] = mapped_column(str_enum(VisitKind), default=VisitKind.HOME_VISIT)
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    ends_at: Mapped[dt.datetime] = mapped_column(DateTime)
    place: Mapped[VisitPlace] = mapped_column(str_enum(VisitPlace), default=VisitPlace.HOME)
    address: Mapped[str] = mapped_column(Text, default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    interpreter_name: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[VisitStatus] = mapped_column(
        str_enum(VisitStatus), default=VisitStatus.SCHEDULED, index=True
    )
    make_up_of_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id", ondelete="SET NULL"), index=True)
    outcome_notes: Mapped[str] = mapped_column(Text, default="")
    minutes_held: Mapped[int | None] = mapped_column(Integer)
    series_id: Mapped[str] = mapped_column(String(36), default="", index=True)
    family: Mapped[Family] = relationship()
    staff: Mapped[list[StaffMember]] = relationship(secondary=visit_staff, order_by=StaffMember.id)
    make_up_of: Mapped[Visit | None] = relationship(remote_side=[id])


class ProgramClosure(Base, Timestamps):
    """Holidays, breaks and closed days the director enters; both ends included."""

    __tablename__ = "program_closure"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[dt.date] = mapped_column(Date, index=True)
    ends_on: Mapped[dt.date] = mapped_column(Date)
