"""Where famdesk keeps its files: per-user folders from platformdirs, or one portable folder.

``--data-dir`` / ``FAMDESK_DATA_DIR`` put everything (database, backups, logs, settings) in one
folder: a USB stick, a test's tmp_path.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from famdesk import APP_ID

DATA_DIR_ENV = "FAMDESK_DATA_DIR"
DATABASE_URL_ENV = "FAMDESK_DATABASE_URL"
DATABASE_FILE = "famdesk.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    data: Path
    backups: Path
    logs: Path
    config: Path

    @property
    def database(self) -> Path:
        return self.data / DATABASE_FILE

    def create(self) -> AppPaths:
        for folder in (self.data, self.backups, self.logs, self.config):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    chosen = data_dir or os.environ.get(DATA_DIR_ENV)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(data=root, backups=root / "backups", logs=root / "logs", config=root / "config")
    data = Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
    return AppPaths(data=data, backups=data / "backups",
                    logs=Path(platformdirs.user_log_dir(APP_ID, appauthor=False)),
                    config=Path(platformdirs.user_config_dir(APP_ID, appauthor=False)))


def resources_dir() -> Path:
    return Path(__file__).resolve().parent / "resources"  # package data: works from a wheel too
