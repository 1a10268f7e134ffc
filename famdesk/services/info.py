"""What `famdesk info` and the About box report: where the data is, which schema, how many records."""

from __future__ import annotations

from sqlalchemy import func, select

from famdesk.db import migrate
from famdesk.db.models import Base, load_all
from famdesk.domain.roles import Action, Kind
from famdesk.services import door
from famdesk.services.context import ServiceContext

# Tables that are plumbing, not records a director would count.
_NOT_RECORDS = {"alembic_version", "setting", "staff_classroom", "program"}


@door.operation(Kind.DATABASE, Action.READ)
def record_counts(ctx: ServiceContext) -> dict[str, int]:
    """Row counts of every record table the model has (later issues' tables appear automatically)."""
    counts: dict[str, int] = {}
    load_all()  # area models load lazily; count every table
    with ctx.db.read() as s:
        for name, table in sorted(Base.metadata.tables.items()):
            if name in _NOT_RECORDS:
                continue
            counts[name] = int(s.scalar(select(func.count()).select_from(table)) or 0)
    return counts


@door.operation(Kind.DATABASE, Action.READ)
def database_info(ctx: ServiceContext) -> dict[str, object]:
    return {
        "database": ctx.db.url,
        "path": ctx.db.sqlite_path,
        "encrypted": ctx.db.key is not None,
        "schema_revision": migrate.current_revision(ctx.db),
        "schema_head": migrate.head_revision(),
        "counts": record_counts(ctx),
    }
