"""Work-arounds for defects of the installed PySide6 that would otherwise crash famdesk.

PySide6 6.12.0 on Python 3.11 returns ``None`` from every method without a return value (``setText``,
``addItem``…) without taking a reference to it, so each such call lowers ``None``'s reference count by
one. ``None`` starts with a few thousand references: after that many calls (opening the Observations
area of a 50,000-family program adds 70,000 children to a list) Python aborts with "Fatal Python
error: none_dealloc: deallocating None", or at exit. PySide6 6.11 and Python 3.12 (where ``None`` is
immortal, PEP 683) are not affected. The fix gives ``None`` what Python 3.12 gives it: a reference
count that cannot run out. It is applied only when a probe shows the leak.
"""

from __future__ import annotations

import ctypes
import logging
import platform
import sys

log = logging.getLogger("famdesk.gui")

PROBE_CALLS = 16
HEADROOM = 1 << 40  # a trillion void calls; Python 3.12 makes None immortal outright


def none_leaks_per_call() -> float:
    """How many references to ``None`` one void PySide6 call loses (0 when PySide6 is sound)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(PROBE_CALLS):
        probe.setObjectName("")
    return (before - sys.getrefcount(None)) / PROBE_CALLS


def protect_none() -> bool:
    """Apply the fix if this PySide6 leaks references to ``None``; True when applied."""
    if sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return False  # None is immortal there, or reference counts work differently
    if hasattr(sys, "gettotalrefcount"):  # a debug build lays objects out differently: leave it alone
        return False
    if none_leaks_per_call() < 0.5:
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt, first field of every object
    refcount.value += HEADROOM
    log.info("PySide6 loses a reference to None per call; None made immortal as in Python 3.12")
    return True
