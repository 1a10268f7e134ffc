"""Logging to a rotating file in the log folder. Log lines carry ids and counts, never names or notes."""

from __future__ import annotations

import logging
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path


def setup_logging(log_dir: Path, level: int = logging.INFO) -> None:
    log_dir.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(log_dir / "famdesk.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("famdesk")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


def error_frames(error: BaseException) -> str:
    """Where an unexpected error happened, for the log: the error's class, then files, lines and code, never
    its message (that may hold names or notes)."""
    where = "".join(traceback.format_list(traceback.extract_tb(error.__traceback__)))
    return f"{type(error).__name__}\n{where}"
