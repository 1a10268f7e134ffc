"""Change notices in the window: one signal for every change, from this process or another.

``ChangeNotices`` (one per window) subscribes to the door (``door.listen``: every successful write in
this process, from the GUI thread or a worker of ``gui.tasks``) and polls ``services.changes``' watcher
from a timer (other processes: SQLite's ``PRAGMA data_version``, PostgreSQL's ``LISTEN``). Whatever the
source, the areas arrive queued on the GUI thread and leave as one ``data_changed(frozenset)``.

A page follows the areas it shows (``follow(page, areas, refresh)``): when a notice touches them and the
page is visible, ``refresh(areas)`` runs at once; a hidden page is only marked stale and refreshes when it
is next shown. A page that has just re-read an area itself (after its own save) says so with
``mark_fresh(page, area…)``, and the notice of that same save does not make it read again.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from famdesk.domain.errors import FamdeskError
from famdesk.gui.application import Signals
from famdesk.services import changes, door
from famdesk.services.context import ServiceContext

log = logging.getLogger("famdesk.gui.changes")

ANY = changes.ANY
_serials = itertools.count(1)
_serial_lock = threading.Lock()
_last_serial = 0


def _next_serial() -> int:
    global _last_serial
    with _serial_lock:
        _last_serial = next(_serials)
        return _last_serial


def current_serial() -> int:
    """The number of the latest notice heard (in any thread) in this process."""
    return _last_serial


def mark_fresh(widget: QWidget, *areas: str) -> None:
    """``widget`` has just re-read ``areas``: notices of changes made before now need no second read."""
    fresh: dict[str, int] = widget.__dict__.setdefault("_famdesk_fresh", {})
    serial = current_serial()
    for area in areas:
        fresh[area] = serial


def _fresh(widget: QWidget, area: str) -> int:
    return widget.__dict__.get("_famdesk_fresh", {}).get(area, -1)  # type: ignore[no-any-return]


class ChangeNotices(Signals):
    """The window's one ``data_changed`` signal, fed by the door and by the other-process watcher."""

    POLL_MS = 1000  # other processes' changes show within about a second

    _incoming = Signal(object, int)  # (areas, serial) from any thread, queued to this object's thread

    def __init__(self, ctx: ServiceContext, parent: QObject | None = None, *, watch: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.serials: dict[str, int] = {}  # area -> serial of the notice being delivered
        self._pending: dict[str, int] = {}
        self._flush_queued = False
        self._incoming.connect(self._arrive, Qt.ConnectionType.QueuedConnection)
        incoming = self._incoming

        def heard(areas: frozenset[str]) -> None:  # in the thread that wrote
            incoming.emit(areas, _next_serial())

        self._unlisten = door.listen(heard)
        self.watcher: changes.Watcher = changes.Watcher()
        if watch:
            try:
                self.watcher = changes.watch(ctx.db)
            except Exception:  # noqa: BLE001 - the window works without; changes then show on restart
                log.warning("cannot watch the database for other programs' changes", exc_info=True)
        self.timer = QTimer(self)
        self.timer.setInterval(self.POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        unlisten, watcher = self._unlisten, self.watcher
        self.destroyed.connect(lambda *_a: (unlisten(), watcher.close()))
        self._stopped = False

    def poll(self) -> frozenset[str]:
        """Ask the watcher what other processes changed; tell the pages (the timer calls this)."""
        if self._stopped:
            return frozenset()
        areas = self.watcher.poll()
        if areas:
            self._arrive(areas, _next_serial())
        return areas

    def _arrive(self, areas: frozenset[str], serial: int) -> None:
        if self._stopped:
            return
        for area in areas:
            self._pending[area] = max(serial, self._pending.get(area, 0))
        if not self._flush_queued:  # several notices in a row become one refresh
            self._flush_queued = True
            QTimer.singleShot(0, self._flush)

    def _flush(self) -> None:
        self._flush_queued = False
        if not self._pending or self._stopped:
            return
        self.serials, self._pending = self._pending, {}
        self.data_changed.emit(frozenset(self.serials))

    def follow(self, widget: QWidget, areas: Iterable[str],
               refresh: Callable[[frozenset[str]], None]) -> Follower:
        return Follower(self, widget, frozenset(areas), refresh)

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self.timer.stop()
        self._unlisten()
        self.watcher.close()


class Follower(QObject):
    """Refreshes one widget for the notices touching ``areas``: now when visible, else on next show."""

    def __init__(self, notices: ChangeNotices, widget: QWidget, areas: frozenset[str],
                 refresh: Callable[[frozenset[str]], None]) -> None:
        super().__init__(widget)
        self.notices = notices
        self.widget = widget
        self.areas = areas
        self._refresh = refresh
        self.stale: set[str] = set()
        notices.data_changed.connect(self._changed)
        widget.installEventFilter(self)

    def _changed(self, areas: frozenset[str]) -> None:
        hit = changes.affected(areas, self.areas)
        serials = self.notices.serials
        newest = max(serials.values(), default=0)
        # A notice the widget already caught up with (it re-read the area after its own save) is done.
        self.stale |= {a for a in hit if _fresh(self.widget, a) < serials.get(a, serials.get(ANY, newest))}
        if self.stale and self.widget.isVisible():
            self.flush()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.widget and event.type() == QEvent.Type.Show and self.stale:
            self.flush()
        return False

    def flush(self) -> None:
        areas, self.stale = frozenset(self.stale), set()
        try:
            self._refresh(areas)
        except FamdeskError as exc:  # e.g. the database busy: stays stale, read again next time
            log.warning("refreshing after a change failed: %s", exc)
            self.stale |= areas
        except Exception:  # noqa: BLE001 - a page that cannot refresh keeps what it shows
            log.exception("refreshing after a change failed")
