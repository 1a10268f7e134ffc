"""The handout library: handouts the director writes (one version per language) and per-family print options.

Built-in handouts live in code and the ``handouts`` gettext catalogs, not here; the packet's chosen
handouts and their order are a small setting (``services.handouts.PACKET_SETTING``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from famdesk.db.models.base import Base, Timestamps, Versioned
from famdesk.db.models.core import str_enum
from famdesk.domain.handouts import ReviewState


class CustomHandout(Base, Timestamps, Versioned):
    __tablename__ = "custom_handout"
    id: Mapped[int] = mapped_column(primary_key=True)
    # "custom-<id>"-style stable key used in packet composition and on the command line.
    key: Mapped[str] = mapped_column(String(80), unique=True)
    source_language: Mapped[str] = mapped_column(String(16), default="en")
    versions: Mapped[list[HandoutVersion]] = relationship(back_populates="handout", cascade="all, delete-orphan",
                                                          order_by="HandoutVersion.language")


class HandoutVersion(Base, Timestamps):
    __tablename__ = "handout_version"
    __table_args__ = (UniqueConstraint("handout_id", "language", name="uq_handout_version_language"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    handout_id: Mapped[int] = mapped_column(ForeignKey("custom_handout.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    review_state: Mapped[ReviewState] = mapped_column(str_enum(ReviewState), default=ReviewState.DRAFT)
    reviewed_by: Mapped[str] = mapped_column(String(200), default="")
    reviewed_on: Mapped[dt.date | None] = mapped_column(Date)
    handout: Mapped[CustomHandout] = relationship(back_populates="versions")


class FamilyPrintOption(Base):
    """Per-family printing wishes kept out of the core family table (one row only when set)."""

    __tablename__ = "family_print_option"
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), primary_key=True)
    english_copy: Mapped[bool] = mapped_column(Boolean, default=False)
