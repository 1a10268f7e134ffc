"""Composition root: arguments → paths → logging → i18n → open the database and migrate → GUI or CLI."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from famdesk import paths as app_paths
from famdesk.db import migrate
from famdesk.db.engine import sqlite_url
from famdesk.db.location import check_location
from famdesk.db.session import Database
from famdesk.i18n import set_ui_language
from famdesk.logs import setup_logging
from famdesk.preferences import load_preferences
from famdesk.services.context import ServiceContext

log = logging.getLogger("famdesk.app")


@dataclass
class Opened:
    ctx: ServiceContext
    paths: app_paths.AppPaths
    migration: migrate.MigrationResult


def open_database(data_dir: str | None = None, database_url: str | None = None) -> Opened:
    """Open (creating if needed) the database, back it up and bring its schema to head."""
    paths = app_paths.resolve_paths(data_dir).create()
    url = database_url or os.environ.get(app_paths.DATABASE_URL_ENV) or sqlite_url(paths.database)
    if url.startswith("sqlite") and ":memory:" not in url:
        check_location(Path(make_url(url).database or paths.database).parent)
    db = Database.open(url)
    try:
        result = migrate.upgrade(db, backup_dir=paths.backups)
    except Exception:
        db.dispose()
        raise
    log.info("database opened (schema %s → %s)", result.previous, result.current)
    return Opened(ServiceContext(db), paths, result)


def ui_language_from_env(preferred: str = "") -> str | None:
    """FAMDESK_LANGUAGE, then the user's choice in Settings, then the system's locale."""
    if os.environ.get("FAMDESK_LANGUAGE"):
        return os.environ["FAMDESK_LANGUAGE"]
    if preferred:
        return preferred
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value and value not in ("C", "POSIX"):
            return value.split(".")[0]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    from famdesk.cli import run

    set_ui_language(ui_language_from_env())
    return run(list(sys.argv[1:] if argv is None else argv))


def start_logging(paths: app_paths.AppPaths) -> None:
    setup_logging(Path(paths.logs))
    set_ui_language(ui_language_from_env(load_preferences(paths.config).ui_language))
