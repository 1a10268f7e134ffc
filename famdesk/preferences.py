"""Per-user preferences kept in the config folder (not in the shared database): interface language.

Several staff share one database but each PC account keeps its own interface language.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger("famdesk.preferences")
FILE_NAME = "preferences.json"


@dataclass
class Preferences:
    ui_language: str = ""  # "" = follow the system


def load_preferences(config_dir: Path) -> Preferences:
    path = config_dir / FILE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Preferences()
    except (OSError, ValueError):
        log.warning("preferences file unreadable; using defaults")
        return Preferences()
    return Preferences(ui_language=str(data.get("ui_language", "")))


def save_preferences(config_dir: Path, prefs: Preferences) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    tmp = config_dir / (FILE_NAME + ".tmp")
    tmp.write_text(json.dumps(asdict(prefs), indent=2), encoding="utf-8")
    tmp.replace(config_dir / FILE_NAME)
