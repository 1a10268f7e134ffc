"""The context every service call receives."""

from __future__ import annotations

from dataclasses import dataclass

from famdesk.db.session import Database
from famdesk.domain.roles import DIRECTOR, Actor


@dataclass(frozen=True)
class ServiceContext:
    db: Database
    actor: Actor = DIRECTOR

    def as_actor(self, actor: Actor) -> ServiceContext:
        return ServiceContext(self.db, actor)
