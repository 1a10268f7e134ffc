"""The program, its sites, classrooms and staff, and the households it serves."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from famdesk.db.models.base import Base, Timestamps, Versioned
from famdesk.domain.enums import (
    ContactChannel,
    FamilyStatus,
    PaperSize,
    ProgramOption,
    Relationship,
    StaffRole,
)


def str_enum(enum_cls: Any, length: int = 32) -> Enum:
    """Store an enum as its plain string value, portable across SQLite and PostgreSQL."""
    return Enum(enum_cls, native_enum=False, create_constraint=False, length=length,
                values_callable=lambda e: [m.value for m in e], validate_strings=True)


class Program(Base, Timestamps, Versioned):
    __tablename__ = "program"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    default_language: Mapped[str] = mapped_column(String(16), default="en")
    country: Mapped[str] = mapped_column(String(2), default="US")
    timezone: Mapped[str] = mapped_column(String(64), default="America/New_York")
    year_start: Mapped[dt.date | None] = mapped_column(Date)
    year_end: Mapped[dt.date | None] = mapped_column(Date)
    paper_size: Mapped[PaperSize] = mapped_column(str_enum(PaperSize), default=PaperSize.AUTO)


class Setting(Base):
    """Small key/value settings (remembered import mappings, thresholds, UI preferences)."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(64), default="", server_default="")


class Site(Base, Timestamps):
    __tablename__ = "site"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    classrooms: Mapped[list[Classroom]] = relationship(back_populates="site")


staff_classroom = Table(
    "staff_classroom",
    Base.metadata,
    Column("staff_id", ForeignKey("staff_member.id", ondelete="CASCADE"), primary_key=True),
    Column("classroom_id", ForeignKey("classroom.id", ondelete="CASCADE"), primary_key=True),
)


class Classroom(Base, Timestamps):
    __tablename__ = "classroom"
    __table_args__ = (UniqueConstraint("site_id", "name_key", name="uq_classroom_site_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    # Folded name, unique per site, so "Butterflies" and "butterflies " are one classroom.
    name_key: Mapped[str] = mapped_column(String(120))
    program_option: Mapped[ProgramOption] = mapped_column(str_enum(ProgramOption),
                                                           default=ProgramOption.CENTER_BASED)
    age_group: Mapped[str] = mapped_column(String(60), default="")
    capacity: Mapped[int | None] = mapped_column(Integer)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    site: Mapped[Site] = relationship(back_populates="classrooms")
    staff: Mapped[list[StaffMember]] = relationship(secondary=staff_classroom, back_populates="classrooms")


class StaffMember(Base, Timestamps):
    __tablename__ = "staff_member"
    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[StaffRole] = mapped_column(str_enum(StaffRole), default=StaffRole.TEACHER)
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    classrooms: Mapped[list[Classroom]] = relationship(secondary=staff_classroom, back_populates="staff")


class Family(Base, Timestamps, Versioned):
    __tablename__ = "family"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address_line1: Mapped[str] = mapped_column(String(200), default="")
    address_line2: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    home_languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    preferred_language: Mapped[str] = mapped_column(String(16), default="en", index=True)
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    preferred_channel: Mapped[ContactChannel] = mapped_column(str_enum(ContactChannel),
                                                              default=ContactChannel.PHONE)
    best_times: Mapped[str] = mapped_column(Text, default="")
    # [{"weekday": 0-6, "start": "HH:MM", "end": "HH:MM"}]: the family's weekly available windows.
    available_times: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    directory_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    photo_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[FamilyStatus] = mapped_column(str_enum(FamilyStatus), default=FamilyStatus.ENROLLED,
                                                 index=True)
    enrolled_on: Mapped[dt.date | None] = mapped_column(Date)
    exited_on: Mapped[dt.date | None] = mapped_column(Date)
    external_id: Mapped[str] = mapped_column(String(64), default="", index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    archived_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # Case- and accent-folded names, phones and emails of the household, kept by the service layer
    # so search-as-you-type is one indexed column instead of a join over three tables.
    search_text: Mapped[str] = mapped_column(Text, default="")
    caregivers: Mapped[list[Caregiver]] = relationship(back_populates="family", cascade="all, delete-orphan",
                                                       order_by="Caregiver.position")
    children: Mapped[list[Child]] = relationship(back_populates="family", cascade="all, delete-orphan",
                                                 order_by="Child.id")
    pickups: Mapped[list[PickupPerson]] = relationship(back_populates="family", cascade="all, delete-orphan",
                                                       order_by="PickupPerson.id")


class Caregiver(Base, Timestamps):
    __tablename__ = "caregiver"
    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100), default="")
    relationship_: Mapped[Relationship] = mapped_column("relationship", str_enum(Relationship),
                                                        default=Relationship.OTHER)
    mobile_phone: Mapped[str] = mapped_column(String(20), default="")
    home_phone: Mapped[str] = mapped_column(String(20), default="")
    work_phone: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    lives_with_child: Mapped[bool] = mapped_column(Boolean, default=True)
    authorized_pickup: Mapped[bool] = mapped_column(Boolean, default=True)
    emergency_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    custody_notes: Mapped[str] = mapped_column(Text, default="")  # restricted (see services.access)
    preferred_language: Mapped[str] = mapped_column(String(16), default="")
    family: Mapped[Family] = relationship(back_populates="caregivers")


class Child(Base, Timestamps):
    __tablename__ = "child"
    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100), default="")
    preferred_name: Mapped[str] = mapped_column(String(100), default="")
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    classroom_id: Mapped[int | None] = mapped_column(ForeignKey("classroom.id", ondelete="SET NULL"),
                                                     index=True)
    program_option: Mapped[ProgramOption] = mapped_column(str_enum(ProgramOption),
                                                           default=ProgramOption.CENTER_BASED)
    enrolled_on: Mapped[dt.date | None] = mapped_column(Date)
    exited_on: Mapped[dt.date | None] = mapped_column(Date)
    health_notes: Mapped[str] = mapped_column(Text, default="")  # restricted (see services.access)
    family: Mapped[Family] = relationship(back_populates="children")
    classroom: Mapped[Classroom | None] = relationship()


class PickupPerson(Base, Timestamps):
    __tablename__ = "pickup_person"
    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    relationship_: Mapped[str] = mapped_column("relationship", String(100), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    family: Mapped[Family] = relationship(back_populates="pickups")
