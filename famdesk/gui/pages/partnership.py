"""The Partnership area: the dashboard, family goals and events as tabs of one page.

Like the window's areas, a tab is built the first time it is shown (or asked for as ``page.goals``,
``page.events``, ``page.contacts``): with 50,000 families the goals and events tabs take seconds and
tens of megabytes, and most visits to the area are for the dashboard.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from famdesk.gui.pages.dashboard import DashboardPage
from famdesk.i18n import _
from famdesk.services.context import ServiceContext


class PartnershipPage(QWidget):
    # Changes the figures and lists of these tabs show (gui.change_notices).
    CHANGE_AREAS = frozenset({"contact", "goal", "event", "attendance", "family", "visit", "program",
                              "import"})

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dashboard = DashboardPage(ctx)
        self._built: dict[int, QWidget] = {0: self.dashboard}
        self._makers: dict[int, Callable[[], QWidget]] = {1: self._goals_page, 2: self._events_page,
                                                          3: self._contacts_page}
        self.tabs = QTabWidget()
        self.tabs.addTab(self.dashboard, _("Dashboard"))
        self.tabs.addTab(QWidget(), _("Family goals"))  # stand-ins until first shown
        self.tabs.addTab(QWidget(), _("Events"))
        self.tabs.addTab(QWidget(), _("Contacts"))
        # Figures change when goals, events or contacts do: recompute whenever a tab is shown.
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    @property
    def goals(self):  # type: ignore[no-untyped-def]  # noqa: ANN201 - GoalsPage, imported when built
        return self._tab(1)

    @property
    def events(self):  # type: ignore[no-untyped-def]  # noqa: ANN201 - EventsPage
        return self._tab(2)

    @property
    def contacts(self):  # type: ignore[no-untyped-def]  # noqa: ANN201 - ContactsPage
        return self._tab(3)

    def _tab(self, index: int) -> QWidget:
        if index not in self._built:
            page = self._built[index] = self._makers[index]()
            title, current = self.tabs.tabText(index), self.tabs.currentIndex()
            stand_in = self.tabs.widget(index)
            self.tabs.blockSignals(True)  # the page refreshed as it was built; no second refresh
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, page, title)
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
            stand_in.deleteLater()
        return self._built[index]

    def refresh_changes(self, areas: frozenset[str]) -> None:
        """Refresh the tab shown (the others refresh when shown). Attendance ticked on the events tab
        and not saved yet is left as it is."""
        page = self._built.get(self.tabs.currentIndex())
        if page is None or getattr(page, "sheet_edited", False):
            return
        if hasattr(page, "sheet_edited"):  # the events tab: the event shown stays shown
            shown = page.current()  # type: ignore[attr-defined]
            page.refresh(shown.id if shown is not None else None)  # type: ignore[attr-defined]
        else:
            page.refresh()  # type: ignore[attr-defined]

    def _tab_shown(self, index: int) -> None:
        fresh = index not in self._built
        page = self._tab(index)
        if not fresh:
            page.refresh()  # type: ignore[attr-defined]

    def _goals_page(self) -> QWidget:
        from famdesk.gui.pages.goals import GoalsPage

        return GoalsPage(self.ctx)

    def _events_page(self) -> QWidget:
        from famdesk.gui.pages.events import EventsPage

        return EventsPage(self.ctx)

    def _contacts_page(self) -> QWidget:
        from famdesk.gui.pages.contacts import ContactsPage

        return ContactsPage(self.ctx)
