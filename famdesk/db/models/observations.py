"""Developmental frameworks (loaded from JSON) and observation notes tagged with them.

The full-text index (SQLite FTS5 over ``observation.search_text``) is created by the migration
(0010_observation_order) and kept in sync by triggers; it is not a mapped table. Its rowid is the
note's order key (``order_key``), so a search walks it newest first. On PostgreSQL search falls back
to LIKE on the same folded column.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from famdesk.db.models.base import Base, Timestamps, Versioned
from famdesk.db.models.core import Child, StaffMember

FTS_TABLE = "observation_fts"
FTS_TRIGGERS = ("observation_fts_ai", "observation_fts_ad", "observation_fts_au")
KEY_EPOCH = dt.datetime(2000, 1, 1)
ID_BITS = 31  # the low bits of an order key are the note's id
ID_MASK = (1 << ID_BITS) - 1
# The same key in SQL, for a row alias ``{t}`` (the triggers of migration 0010 hold a frozen copy).
ORDER_KEY_SQL = "((CAST(strftime('%s', {t}.observed_at) AS INTEGER) - 946684800) * 2147483648 + {t}.id)"


def order_key(observed_at: dt.datetime, note_id: int) -> int:
    """The FTS rowid of a note: newer notes have larger keys, and equal times order by id.

    Whole seconds since 2000 (the service stores no sub-seconds) times 2**31 plus the id: unique,
    and it fits SQLite's 64-bit integers for the years 1864–2136.
    """
    seconds = (observed_at.replace(microsecond=0) - KEY_EPOCH) // dt.timedelta(seconds=1)
    return (seconds << ID_BITS) + note_id


class Framework(Base, Timestamps):
    __tablename__ = "framework"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(40), default="")
    version: Mapped[str] = mapped_column(String(40), default="")
    source: Mapped[str] = mapped_column(Text, default="")
    domains: Mapped[list[FrameworkDomain]] = relationship(
        back_populates="framework", cascade="all, delete-orphan", order_by="FrameworkDomain.position"
    )


class FrameworkDomain(Base):
    __tablename__ = "framework_domain"
    __table_args__ = (UniqueConstraint("framework_id", "key", name="uq_framework_domain_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("framework.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(200))
    age_names: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    position: Mapped[int] = mapped_column(Integer, default=0)
    framework: Mapped[Framework] = relationship(back_populates="domains")
    subdomains: Mapped[list[FrameworkSubdomain]] = relationship(
        back_populates="domain", cascade="all, delete-orphan", order_by="FrameworkSubdomain.position"
    )


class FrameworkSubdomain(Base):
    __tablename__ = "framework_subdomain"
    __table_args__ = (UniqueConstraint("domain_id", "key", name="uq_framework_subdomain_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("framework_domain.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(200))
    ages: Mapped[list[str]] = mapped_column(JSON, default=list)
    group_name: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    domain: Mapped[FrameworkDomain] = relationship(back_populates="subdomains")


observation_child = Table(
    "observation_child",
    Base.metadata,
    Column("observation_id", ForeignKey("observation.id", ondelete="CASCADE"), primary_key=True),
    Column("child_id", ForeignKey("child.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_observation_child_child_id", "child_id"),
)

observation_domain = Table(
    "observation_domain",
    Base.metadata,
    Column("observation_id", ForeignKey("observation.id", ondelete="CASCADE"), primary_key=True),
    Column("domain_id", ForeignKey("framework_domain.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_observation_domain_domain_id", "domain_id"),
)

observation_subdomain = Table(
    "observation_subdomain",
    Base.metadata,
    Column("observation_id", ForeignKey("observation.id", ondelete="CASCADE"), primary_key=True),
    Column("subdomain_id", ForeignKey("framework_subdomain.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_observation_subdomain_subdomain_id", "subdomain_id"),
)


class Observation(Base, Timestamps, Versioned):
    __tablename__ = "observation"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL"), index=True
    )
    observed_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    context: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)
    shareable_with_family: Mapped[bool] = mapped_column(Boolean, default=False)
    translation: Mapped[str] = mapped_column(Text, default="")
    translation_language: Mapped[str] = mapped_column(String(16), default="")
    # The photo lives in the database (never in a loose file), so a backup carries it.
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # Folded text + translation + context (famdesk.domain.text.fold: case, accents, đ→d), written by
    # the service; the FTS5 index mirrors it through triggers.
    search_text: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[StaffMember | None] = relationship()
    children: Mapped[list[Child]] = relationship(secondary=observation_child, order_by="Child.first_name")
    domains: Mapped[list[FrameworkDomain]] = relationship(
        secondary=observation_domain, order_by="FrameworkDomain.position"
    )
    subdomains: Mapped[list[FrameworkSubdomain]] = relationship(
        secondary=observation_subdomain, order_by="FrameworkSubdomain.position"
    )
