"""Partnership with families: the communication log, family goals with steps, events and attendance."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from famdesk.db.models.base import Base, Timestamps, Versioned
from famdesk.db.models.core import Family, StaffMember, str_enum
from famdesk.domain.partnership import ContactMethod, Direction, GoalArea, GoalStatus, Tone


class Contact(Base, Timestamps, Versioned):
    __tablename__ = "contact"
    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id", ondelete="SET NULL"), index=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    channel: Mapped[ContactMethod] = mapped_column(str_enum(ContactMethod), default=ContactMethod.PHONE)
    direction: Mapped[Direction] = mapped_column(str_enum(Direction), default=Direction.TO_FAMILY)
    tone: Mapped[Tone] = mapped_column(str_enum(Tone), default=Tone.NEUTRAL)
    language: Mapped[str] = mapped_column(String(16), default="en")
    interpreter_present: Mapped[bool] = mapped_column(Boolean, default=False)
    summary: Mapped[str] = mapped_column(Text, default="")
    follow_up_due: Mapped[dt.date | None] = mapped_column(Date)
    follow_up_done: Mapped[bool] = mapped_column(Boolean, default=False)
    family: Mapped[Family] = relationship()
    staff: Mapped[StaffMember | None] = relationship()


class FamilyGoal(Base, Timestamps, Versioned):
    __tablename__ = "family_goal"
    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id", ondelete="SET NULL"))
    goal_text: Mapped[str] = mapped_column(Text)
    area: Mapped[GoalArea] = mapped_column(str_enum(GoalArea), default=GoalArea.WELL_BEING)
    status: Mapped[GoalStatus] = mapped_column(str_enum(GoalStatus), default=GoalStatus.IN_PROGRESS, index=True)
    started_on: Mapped[dt.date | None] = mapped_column(Date)
    follow_up_on: Mapped[dt.date | None] = mapped_column(Date)
    last_follow_up_on: Mapped[dt.date | None] = mapped_column(Date)
    achieved_on: Mapped[dt.date | None] = mapped_column(Date)
    referrals: Mapped[str] = mapped_column(Text, default="")
    family: Mapped[Family] = relationship()
    steps: Mapped[list[GoalStep]] = relationship(back_populates="goal", cascade="all, delete-orphan",
                                                 order_by="GoalStep.position")


class GoalStep(Base, Timestamps):
    __tablename__ = "goal_step"
    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("family_goal.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    what: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(200), default="")
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    goal: Mapped[FamilyGoal] = relationship(back_populates="steps")


class Event(Base, Timestamps, Versioned):
    __tablename__ = "event"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    ends_at: Mapped[dt.datetime] = mapped_column(DateTime)
    place: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    childcare: Mapped[bool] = mapped_column(Boolean, default=False)
    interpretation: Mapped[bool] = mapped_column(Boolean, default=False)
    interpretation_languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    food: Mapped[str] = mapped_column(String(200), default="")
    attendance: Mapped[list[EventAttendance]] = relationship(back_populates="event", cascade="all, delete-orphan")


class EventAttendance(Base):
    __tablename__ = "event_attendance"
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), primary_key=True,
                                           index=True)
    adults: Mapped[int] = mapped_column(Integer, default=1)
    children: Mapped[int] = mapped_column(Integer, default=0)
    event: Mapped[Event] = relationship(back_populates="attendance")
