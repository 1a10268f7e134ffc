"""The context every service call receives: the database and who is acting.

There is no default actor: a context made without one (as ``app.open_database`` returns it, before
anyone signed in) can call only the operations declared ``anonymous`` (signing in, the first start);
``services.door`` refuses everything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from famdesk.domain.roles import Actor


@dataclass(frozen=True)
class ServiceContext:
    db: Any  # famdesk.db.session.Database (or the door's view of it during an operation)
    actor: Actor | None = None

    def as_actor(self, actor: Actor) -> ServiceContext:
        return ServiceContext(self.db, actor)
