"""The SQLite full-text index of observation notes: is it there, is it complete, rebuild it.

The index (``observation_fts``, migration 0010_observation_order) is contentless and keyed by
``models.observations.order_key``; three triggers keep it in step with ``observation``. A batch
rebuild of ``observation`` in a later migration, or a copy of the file made by a tool that skips
triggers, leaves it stale: search then falls back to LIKE (``ready`` is False) and ``famdesk check``
says so; ``famdesk observations reindex`` puts it right.
"""

from __future__ import annotations

import weakref
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from famdesk.db.models.observations import FTS_TABLE, FTS_TRIGGERS, ORDER_KEY_SQL
from famdesk.domain.roles import Action, Kind
from famdesk.i18n import _
from famdesk.services.context import ServiceContext
from famdesk.services.door import internal, operation

# Same definitions as migration 0010 (which keeps its own frozen copy).
_KEY_NEW, _KEY_OLD = ORDER_KEY_SQL.format(t="new"), ORDER_KEY_SQL.format(t="old")
_DELETE_OLD = (
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) "
    f"VALUES ('delete', {_KEY_OLD}, old.search_text); "
)
CREATE_SQL = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(search_text, content='', "
    "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3 4 5 6')",
    f"CREATE TRIGGER {FTS_TRIGGERS[0]} AFTER INSERT ON observation BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES ({_KEY_NEW}, new.search_text); END",
    f"CREATE TRIGGER {FTS_TRIGGERS[1]} AFTER DELETE ON observation BEGIN "
    f"{_DELETE_OLD} END",
    f"CREATE TRIGGER {FTS_TRIGGERS[2]} AFTER UPDATE OF search_text, observed_at ON observation BEGIN "
    f"{_DELETE_OLD}INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES ({_KEY_NEW}, new.search_text); END",
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) "
    f"SELECT {ORDER_KEY_SQL.format(t='observation')}, search_text FROM observation",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')",
]

# Per engine (weakly held: an id() could be reused by a later engine on another file).
_READY: weakref.WeakKeyDictionary[Any, bool] = weakref.WeakKeyDictionary()


@internal("looks at the caller's session")
def ready(s: Session) -> bool:
    """Whether this is SQLite with the index and its triggers (looked up once per engine)."""
    bind = s.get_bind()
    engine = getattr(bind, "engine", bind)
    if engine not in _READY:
        _READY[engine] = bind.dialect.name == "sqlite" and _objects(s) >= {FTS_TABLE, *FTS_TRIGGERS}
    return _READY[engine]


def _objects(s: Session) -> set[str]:
    query = text("SELECT name FROM sqlite_master WHERE name IN :names").bindparams(
        bindparam("names", expanding=True)
    )
    return set(s.scalars(query, {"names": [FTS_TABLE, *FTS_TRIGGERS]}))


@internal("a `famdesk check` rule, in the check's session")
def index_problems(s: Session) -> list[str]:
    """`famdesk check`: the index, its triggers, and one entry for every note under its current key."""
    if s.get_bind().dialect.name != "sqlite":
        return []
    if _objects(s) != {FTS_TABLE, *FTS_TRIGGERS}:
        return [_("The observation search index or its triggers are missing; search works but slowly. "
                  "Run “famdesk observations reindex”.")]
    # The docsize shadow table has one row per indexed note, keyed like the index (FTS5's own format).
    missing = s.scalar(text(
        f"SELECT count(*) FROM observation WHERE NOT EXISTS (SELECT 1 FROM {FTS_TABLE}_docsize d "
        f"WHERE d.id = {ORDER_KEY_SQL.format(t='observation')})"
    ))
    extra = s.scalar(text(f"SELECT count(*) FROM {FTS_TABLE}_docsize")) - s.scalar(
        text("SELECT count(*) FROM observation")
    ) + (missing or 0)
    if missing or extra:
        message = _("The observation search index is out of step with the notes ({missing} missing, "
                    "{extra} left over). Run “famdesk observations reindex”.")
        return [message.format(missing=missing, extra=extra)]
    return []


@operation(Kind.DATABASE, Action.WRITE)
def rebuild(ctx: ServiceContext) -> int:
    """Drop and re-create the index and its triggers from the notes; returns the number of notes indexed.

    Work on the database as a whole: a director's (``Kind.DATABASE``)."""
    if not ctx.db.is_sqlite:
        return 0
    with ctx.db.transaction() as s:
        for trigger in FTS_TRIGGERS:
            s.execute(text(f"DROP TRIGGER IF EXISTS {trigger}"))
        s.execute(text(f"DROP TABLE IF EXISTS {FTS_TABLE}"))
        for statement in CREATE_SQL:
            s.execute(text(statement))
        count = int(s.scalar(text("SELECT count(*) FROM observation")) or 0)
    _READY.clear()
    return count
