"""Plain records for user accounts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from famdesk.domain.roles import Role


@dataclass
class User:
    username: str
    role: Role
    staff_id: int | None = None
    active: bool = True
    last_login_at: dt.datetime | None = None
    locked_until: dt.datetime | None = None
    id: int | None = None
