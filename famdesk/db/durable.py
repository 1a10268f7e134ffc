"""Writes that survive a power cut: a file's bytes and a folder's entries flushed to disk, and the atomic
rename of a finished copy over a live file (the one way backups, restores and key files are put in place)."""

from __future__ import annotations

import os
from pathlib import Path


def sync_file(path: Path) -> None:
    """Flush ``path``'s bytes to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename or a new file in it) to disk; POSIX only (Windows has no
    folder handles to flush, and NTFS journals the rename itself)."""
    if os.name == "posix":
        sync_file(folder)


def replace_durably(copy: Path, live: Path) -> None:
    """``copy`` flushed, renamed over ``live`` in one atomic step, and the rename flushed too."""
    sync_file(copy)
    os.replace(copy, live)
    sync_folder(live.parent)
