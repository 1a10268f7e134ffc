"""Declarative base with a naming convention (Alembic's batch mode on SQLite needs named constraints)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Timestamps:
    """Created/updated times in UTC (naive, so SQLite and PostgreSQL read back the same value)."""

    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Versioned:
    """A record a form edits: ``version`` counts its changes (``services.versions`` compares and bumps it
    inside the write transaction, so a save from a stale form is refused); ``updated_by`` is who made
    the last change (role and account id, ``"director#3"``: never a name)."""

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    updated_by: Mapped[str] = mapped_column(String(64), default="", server_default="")
