"""The Partnership area: the dashboard, family goals and events as tabs of one page."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from famdesk.i18n import _
from famdesk.services.context import ServiceContext
from famdesk.gui.pages.contacts import ContactsPage
from famdesk.gui.pages.dashboard import DashboardPage
from famdesk.gui.pages.events import EventsPage
from famdesk.gui.pages.goals import GoalsPage


class PartnershipPage(QWidget):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dashboard = DashboardPage(ctx)
        self.goals = GoalsPage(ctx)
        self.events = EventsPage(ctx)
        self.contacts = ContactsPage(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.dashboard, _("Dashboard"))
        self.tabs.addTab(self.goals, _("Family goals"))
        self.tabs.addTab(self.events, _("Events"))
        self.tabs.addTab(self.contacts, _("Contacts"))
        # Figures change when goals, events or contacts do: recompute whenever a tab is shown.
        self.tabs.currentChanged.connect(lambda _i: self.tabs.currentWidget().refresh())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
