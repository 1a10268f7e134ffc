"""Alembic environment: always handed an open connection by famdesk.db.migrate.

All pending revisions run in one real transaction, so a crash part-way leaves the previous schema
intact and the app still opens. On SQLite, foreign keys are checked before commit
because migrate.py switches enforcement off while batch operations rebuild tables.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from famdesk.db.models import Base, load_all

load_all()  # area models load lazily; migrations compare against every table

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)


def _check_foreign_keys() -> None:
    if connection.dialect.name != "sqlite":
        return
    problems = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
    if problems:
        raise RuntimeError(f"migration left {len(problems)} broken references; rolled back")


with context.begin_transaction():
    context.run_migrations()
    _check_foreign_keys()
