"""directory: name index for sorting; on SQLite a trigram full-text index over family.search_text

Revision ID: 0007_directory
Revises: 0006_visits

The FTS5 table is external-content (it stores only the index) and kept in step by triggers. A later
batch rebuild of ``family`` drops these triggers with the old table: re-create them the same way (the
search service falls back to LIKE while they are missing, and ``famdesk check`` reports it).
"""

from __future__ import annotations

from alembic import op

revision = "0007_directory"
down_revision = "0006_visits"
branch_labels = None
depends_on = None

FTS_SQL = [
    # Substrings of three letters or more ("guy" finds Nguyen) …
    "CREATE VIRTUAL TABLE family_fts USING fts5(search_text, content='family', content_rowid='id', "
    "tokenize='trigram')",
    # … and word prefixes of one or two letters ("ng", "李"), which a trigram index cannot answer.
    "CREATE VIRTUAL TABLE family_words USING fts5(search_text, content='family', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0', prefix='1 2')",
    "CREATE TRIGGER family_fts_ai AFTER INSERT ON family BEGIN "
    "INSERT INTO family_fts(rowid, search_text) VALUES (new.id, new.search_text); "
    "INSERT INTO family_words(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER family_fts_ad AFTER DELETE ON family BEGIN "
    "INSERT INTO family_fts(family_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO family_words(family_words, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER family_fts_au AFTER UPDATE OF search_text ON family BEGIN "
    "INSERT INTO family_fts(family_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO family_words(family_words, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO family_fts(rowid, search_text) VALUES (new.id, new.search_text); "
    "INSERT INTO family_words(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO family_fts(family_fts) VALUES ('rebuild')",
    "INSERT INTO family_words(family_words) VALUES ('rebuild')",
]


def upgrade() -> None:
    op.create_index("ix_family_name", "family", ["name"])
    op.create_index("ix_family_active_name", "family", ["archived_at", "name"])
    if op.get_bind().dialect.name == "sqlite":
        for sql in FTS_SQL:
            op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("family_fts_ai", "family_fts_ad", "family_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS family_fts")
        op.execute("DROP TABLE IF EXISTS family_words")
    op.drop_index("ix_family_active_name", table_name="family")
    op.drop_index("ix_family_name", table_name="family")
