"""observations: full-text index keyed in date order, so a search reads only the page it shows

Revision ID: 0010_observation_order
Revises: 0008_handouts

The 0003 index was keyed by note id, so "newest first" had to find every match and sort them: 100–190 ms
for a word in most of 200,000 notes. Here the FTS5 rowid is an order key,
``(seconds since 2000-01-01) * 2**31 + id``: unique (the id is in it), monotonic in ``observed_at`` then
``id`` (the list's order), and the id comes back as ``rowid & (2**31 - 1)``. ``MATCH … ORDER BY rowid
DESC LIMIT n`` then walks the index newest first and stops after n matches, and date ranges become rowid
ranges. The key is no column of ``observation``, so the index is contentless (``content=''``): a search
reads rowids only, and the triggers give the old text back on delete, as an external-content index needs.
Prefix indexes of 1–6 characters let a word being typed ("t", "the", "friend") be read like a whole
word instead of merging every term it starts (measured: 1–2 ms → 0.03 ms at 200,000 notes).

Times are whole seconds from now on (the service drops sub-seconds), so both orders agree; this revision
drops them from existing notes too. A later batch rebuild of ``observation`` drops these triggers with the
table: re-create them the same way (search falls back to LIKE while they are missing, and ``famdesk
check`` says so).
"""

from __future__ import annotations

from alembic import op

revision = "0010_observation_order"
down_revision = "0009_incidents"
branch_labels = None
depends_on = None

# Frozen copies (a migration must not change when the application code does).
_KEY = "((CAST(strftime('%s', {t}.observed_at) AS INTEGER) - 946684800) * 2147483648 + {t}.id)"
NEW_SQL = [
    "CREATE VIRTUAL TABLE observation_fts USING fts5(search_text, content='', "
    "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3 4 5 6')",
    "CREATE TRIGGER observation_fts_ai AFTER INSERT ON observation BEGIN "
    f"INSERT INTO observation_fts(rowid, search_text) VALUES ({_KEY.format(t='new')}, new.search_text); END",
    "CREATE TRIGGER observation_fts_ad AFTER DELETE ON observation BEGIN "
    "INSERT INTO observation_fts(observation_fts, rowid, search_text) "
    f"VALUES ('delete', {_KEY.format(t='old')}, old.search_text); END",
    "CREATE TRIGGER observation_fts_au AFTER UPDATE OF search_text, observed_at ON observation BEGIN "
    "INSERT INTO observation_fts(observation_fts, rowid, search_text) "
    f"VALUES ('delete', {_KEY.format(t='old')}, old.search_text); "
    f"INSERT INTO observation_fts(rowid, search_text) VALUES ({_KEY.format(t='new')}, new.search_text); END",
    "INSERT INTO observation_fts(rowid, search_text) "
    f"SELECT {_KEY.format(t='observation')}, search_text FROM observation",
    # One merged b-tree per term instead of the many segments a bulk insert leaves: faster walks.
    "INSERT INTO observation_fts(observation_fts) VALUES ('optimize')",
]
OLD_SQL = [
    "CREATE VIRTUAL TABLE observation_fts USING fts5(search_text, content='observation', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER observation_fts_ai AFTER INSERT ON observation BEGIN "
    "INSERT INTO observation_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER observation_fts_ad AFTER DELETE ON observation BEGIN "
    "INSERT INTO observation_fts(observation_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER observation_fts_au AFTER UPDATE OF search_text ON observation BEGIN "
    "INSERT INTO observation_fts(observation_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO observation_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO observation_fts(observation_fts) VALUES ('rebuild')",
]
TRIGGERS = ("observation_fts_ai", "observation_fts_ad", "observation_fts_au")


def _drop_index() -> None:
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS observation_fts")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        _drop_index()  # first, so the UPDATE below does not feed the old index
        # SQLAlchemy stores "YYYY-MM-DD HH:MM:SS.ffffff"; keep the seconds.
        op.execute(
            "UPDATE observation SET observed_at = substr(observed_at, 1, 19) || '.000000' "
            "WHERE length(observed_at) > 19 AND substr(observed_at, 21) != '000000'"
        )
        for statement in NEW_SQL:
            op.execute(statement)
    else:
        op.execute("UPDATE observation SET observed_at = date_trunc('second', observed_at) "
                   "WHERE observed_at <> date_trunc('second', observed_at)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _drop_index()
        for statement in OLD_SQL:
            op.execute(statement)
