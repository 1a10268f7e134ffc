"""Users, family-services caseload assignments and the tamper-evident audit log."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from famdesk.db.models.base import Base, Timestamps, utcnow
from famdesk.db.models.core import str_enum
from famdesk.domain.roles import Role

# Which families a family-services worker / home visitor works with (their caseload).
family_staff = Table(
    "family_staff",
    Base.metadata,
    Column("family_id", ForeignKey("family.id", ondelete="CASCADE"), primary_key=True),
    Column("staff_id", ForeignKey("staff_member.id", ondelete="CASCADE"), primary_key=True),
)


class UserAccount(Base, Timestamps):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[Role] = mapped_column(str_enum(Role), default=Role.OFFICE)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id", ondelete="SET NULL"))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class AuditEntry(Base):
    """One line of the audit trail. ``entry_hash`` = SHA-256(previous hash + this entry's canonical content)."""

    __tablename__ = "audit_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(Integer)  # no FK: the trail outlives deleted users
    actor: Mapped[str] = mapped_column(String(40))          # role or "command line"; never a name
    action: Mapped[str] = mapped_column(String(20))         # read / write / print / export / erase / login…
    kind: Mapped[str] = mapped_column(String(40))           # record kind (see services.access.Kind)
    record_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="")    # ids and counts only
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))
    # "key id:HMAC-SHA256(key, entry_hash)" under the audit key kept outside the database
    # (db/audit_anchor.py); NULL for entries written before the log was anchored (legacy).
    seal: Mapped[str | None] = mapped_column(String(100), nullable=True)
