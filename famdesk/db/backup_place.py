"""Where backups go: the folder the director chose (a USB stick, a second disk), else the default one.

The choice is the ``backup.folder`` row of ``setting``. Start-up reads it with plain SQL because the
daily backup is taken *before* migrating, when the ORM model may not match an older file yet.

A chosen folder that is missing is never created: with the USB stick unplugged, making
``/media/stick/famdesk`` would quietly put the "off-machine" copy on the same disk as the database.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from famdesk.db.session import Database
from famdesk.i18n import _, isolate

BACKUP_FOLDER_SETTING = "backup.folder"


def chosen_folder(db: Database) -> Path | None:
    """The director's folder, or None when none is chosen (or the database has no settings yet)."""
    try:
        with db.engine.connect() as conn:
            raw = conn.execute(text("SELECT value FROM setting WHERE key = :k"),
                               {"k": BACKUP_FOLDER_SETTING}).scalar()
    except Exception:  # noqa: BLE001 - no setting table yet (a new or very old file): no choice made
        return None
    if raw is None:
        return None
    try:
        value = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        value = raw
    return Path(value) if isinstance(value, str) and value.strip() else None


MISSING, UNWRITABLE, FAILED = "missing", "unwritable", "failed"


def folder_problem(folder: Path) -> str | None:
    """``MISSING`` or ``UNWRITABLE`` when backups cannot go into ``folder`` now, else None.

    Writability is tested by writing a file: ``os.access`` says yes for root and for a read-only
    mounted stick alike."""
    if not folder.is_dir():
        return MISSING
    try:
        fd, probe = tempfile.mkstemp(prefix=".famdesk-probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError:
        return UNWRITABLE
    return None


def problem_text(reason: str, folder: Path, error: str = "") -> str:
    """The sentence for the director (translated when shown, not when found)."""
    where = isolate(str(folder))
    if reason == MISSING:
        return _("The backup folder {folder} is not there (is the USB stick or disk plugged in?).").format(
            folder=where)
    if reason == UNWRITABLE:
        return _("famdesk cannot write into the backup folder {folder} (is it full or read-only?).").format(
            folder=where)
    return _("Writing the backup to {folder} failed ({error}).").format(folder=where, error=error)


@dataclass(frozen=True)
class Fallback:
    """The chosen folder could not be used, so a backup went to the default folder instead."""

    chosen: Path
    default: Path
    reason: str  # MISSING, UNWRITABLE or FAILED
    error: str = ""

    def message(self) -> str:
        problem = problem_text(self.reason, self.chosen, self.error)
        return _("{problem} This backup went to {default} instead; choose another folder in Settings if "
                 "this one is gone for good.").format(problem=problem, default=isolate(str(self.default)))


@dataclass(frozen=True)
class Place:
    folder: Path
    fallback: Fallback | None = None  # set when the chosen folder could not be used


def place(chosen: Path | None, default: Path) -> Place:
    """The chosen folder when it can be written to, else the default folder and why."""
    if chosen is None or chosen == default:
        return Place(default)
    reason = folder_problem(chosen)
    if reason is None:
        return Place(chosen)
    return Place(default, Fallback(chosen, default, reason))
