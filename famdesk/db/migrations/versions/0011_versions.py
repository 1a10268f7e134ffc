"""versions: every record a form edits carries a version, so a stale save is refused, never silent

Revision ID: 0011_versions
Revises: 0010_observation_order

``version`` (starts at 1, bumped by every change with ``UPDATE … WHERE version = :v``), ``updated_by``
(the acting role and account id, ``"director#3"``; never a name) and, for ``setting``, ``updated_at``.
The family's version covers its caregivers, children and pickup persons; a custom handout's covers its
language versions.

Added columns only: on SQLite Alembic's batch mode adds them with ``ALTER TABLE … ADD COLUMN`` and does
not rebuild ``family`` or ``observation``, so their FTS triggers stay. Should a rebuild ever happen
(an older SQLite), the triggers are re-created below from frozen copies, as 0007 and 0010 made them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_versions"
down_revision = "0010_observation_order"
branch_labels = None
depends_on = None

TABLES = ("family", "visit", "contact", "family_goal", "event", "observation", "incident", "custom_handout",
          "program")

# Frozen copies of the triggers of 0007_directory and 0010_observation_order.
_KEY = "((CAST(strftime('%s', {t}.observed_at) AS INTEGER) - 946684800) * 2147483648 + {t}.id)"
TRIGGERS = {
    "family_fts_ai": "CREATE TRIGGER family_fts_ai AFTER INSERT ON family BEGIN "
    "INSERT INTO family_fts(rowid, search_text) VALUES (new.id, new.search_text); "
    "INSERT INTO family_words(rowid, search_text) VALUES (new.id, new.search_text); END",
    "family_fts_ad": "CREATE TRIGGER family_fts_ad AFTER DELETE ON family BEGIN "
    "INSERT INTO family_fts(family_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO family_words(family_words, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "family_fts_au": "CREATE TRIGGER family_fts_au AFTER UPDATE OF search_text ON family BEGIN "
    "INSERT INTO family_fts(family_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO family_words(family_words, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO family_fts(rowid, search_text) VALUES (new.id, new.search_text); "
    "INSERT INTO family_words(rowid, search_text) VALUES (new.id, new.search_text); END",
    "observation_fts_ai": "CREATE TRIGGER observation_fts_ai AFTER INSERT ON observation BEGIN "
    f"INSERT INTO observation_fts(rowid, search_text) VALUES ({_KEY.format(t='new')}, new.search_text); END",
    "observation_fts_ad": "CREATE TRIGGER observation_fts_ad AFTER DELETE ON observation BEGIN "
    "INSERT INTO observation_fts(observation_fts, rowid, search_text) "
    f"VALUES ('delete', {_KEY.format(t='old')}, old.search_text); END",
    "observation_fts_au": "CREATE TRIGGER observation_fts_au AFTER UPDATE OF search_text, observed_at "
    "ON observation BEGIN INSERT INTO observation_fts(observation_fts, rowid, search_text) "
    f"VALUES ('delete', {_KEY.format(t='old')}, old.search_text); "
    f"INSERT INTO observation_fts(rowid, search_text) VALUES ({_KEY.format(t='new')}, new.search_text); END",
}
_INDEX_OF = {"family": "family_fts", "observation": "observation_fts"}


def _existing(kind: str) -> set[str]:
    return {row[0] for row in op.get_bind().execute(sa.text("SELECT name FROM sqlite_master WHERE type = :k"),
                                                    {"k": kind})}


def _restore_triggers() -> None:
    """Re-create any index trigger a batch rebuild dropped (only where its index table exists)."""
    tables, triggers = _existing("table"), _existing("trigger")
    for name, sql in TRIGGERS.items():
        table = name.split("_fts_")[0]
        if name not in triggers and _INDEX_OF[table] in tables:
            op.execute(sql)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
            batch.add_column(sa.Column("updated_by", sa.String(64), nullable=False, server_default=""))
    with op.batch_alter_table("setting") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("updated_by", sa.String(64), nullable=False, server_default=""))
    if sqlite:
        _restore_triggers()


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("setting") as batch:
        batch.drop_column("updated_by")
        batch.drop_column("updated_at")
        batch.drop_column("version")
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("updated_by")
            batch.drop_column("version")
    if sqlite:
        _restore_triggers()  # dropping a column rebuilds the table on SQLite older than 3.35
