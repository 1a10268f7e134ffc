"""Main window: navigation between the areas, the page container, menus and the status bar."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from importlib import import_module

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QFont, QFontMetrics, QKeySequence, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from famdesk import __version__
from famdesk.domain.roles import Action, Kind
from famdesk.gui.accessibility import first_focusable, install_focus_style, name, plain
from famdesk.gui.change_notices import ChangeNotices
from famdesk.gui.locale_format import number_text
from famdesk.gui.pages.families import FamiliesPage
from famdesk.i18n import _, isolate, ngettext
from famdesk.paths import AppPaths
from famdesk.services.access import allowed
from famdesk.services.context import ServiceContext
from famdesk.services.families import count_families

# What the status line counts: families (an import adds them, a restored database may differ).
STATUS_AREAS = frozenset({"family", "import", "database", "legal_hold"})


@dataclass
class Area:
    key: str
    title: str
    make: Callable[[], QWidget]


def _page(module: str, cls: str) -> type[QWidget]:
    """Import a page's module when the area is first opened (keeps start-up imports small)."""
    page_class: type[QWidget] = getattr(import_module(f"famdesk.gui.pages.{module}"), cls)
    return page_class


class LazyPages(Mapping[str, QWidget]):
    """The window's pages by area key; looking one up builds it (``values()`` builds them all)."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def __getitem__(self, key: str) -> QWidget:
        if key not in self:
            raise KeyError(key)
        self._window.finish_start()  # whoever asks for a page gets it with its data
        return self._window.build_page(key)

    def __contains__(self, key: object) -> bool:
        return any(area.key == key for area in self._window._areas)

    def __iter__(self) -> Iterator[str]:
        return iter([area.key for area in self._window._areas])

    def __len__(self) -> int:
        return len(self._window._areas)


class MainWindow(QMainWindow):
    """``fill_after_paint=True`` (how the app starts): the window is built without reading the families
    list and shows at once; the list, its filters and the status line are filled right after the
    window's first paint (``finish_start``). Otherwise everything is filled before ``__init__`` returns."""

    # If no paint arrives (a window started minimised), fill anyway after this long.
    FILL_FALLBACK_MS = 300

    def __init__(self, ctx: ServiceContext, paths: AppPaths | None = None, *,
                 fill_after_paint: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.paths = paths
        self._start_pending = fill_after_paint
        # The one signal for changes (this program's writes and other programs'): pages follow it.
        self.notices = ChangeNotices(ctx, self)
        self.setWindowTitle(_("famdesk"))
        self.resize(1200, 760)
        self.nav = QListWidget()
        name(self.nav, _("Areas"), _("Choose an area with the arrow keys or Ctrl+1 to Ctrl+6; "
                                     "F6 moves between this list and the page."))
        self.stack = QStackedWidget()
        self._areas = self.areas()
        self._built: dict[str, QWidget] = {}
        self.pages = LazyPages(self)
        self.area_actions: list[QAction] = []
        for i, area in enumerate(self._areas):
            self.stack.addWidget(QWidget())  # stands in until the area is first opened
            item = QListWidgetItem(area.title)
            item.setToolTip(_("{area} (Ctrl+{n})").format(area=area.title, n=i + 1))
            self.nav.addItem(item)
            action = QAction(area.title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _checked=False, row=i: self.go_to(row))
            self.addAction(action)
            self.area_actions.append(action)
        self.nav.currentRowChanged.connect(self._open_area)
        self.nav.currentRowChanged.connect(self._mark_current_area)
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        # Wide enough for the longest area name in this language and font size (no fixed pixels).
        bold = QFont(self.nav.font())
        bold.setBold(True)  # the open area is bold
        longest = max(QFontMetrics(bold).horizontalAdvance(self.nav.item(i).text()) for i in range(self.nav.count()))
        nav_width = (max(self.nav.sizeHintForColumn(0), longest) + 2 * self.nav.frameWidth()
                     + self.nav.fontMetrics().averageCharWidth() * 3)
        self.nav.setMinimumWidth(nav_width)
        splitter.setSizes([nav_width, 1000])
        self.setCentralWidget(splitter)
        self.statusBar().setAccessibleName(_("Status"))
        self.menuBar().setAccessibleName(_("Menu bar"))
        install_focus_style(self)
        self._menus()
        self.nav.setCurrentRow(0)
        if not self._start_pending:
            self.update_status(self._families_total())
        self.notices.follow(self, STATUS_AREAS, lambda _areas: self._refresh_status())

    def _refresh_status(self) -> None:
        if not self._start_pending:  # the first fill counts anyway
            self.update_status()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.notices.stop()
        super().closeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if self._start_pending:  # the window is on screen: fill it once this paint is done
            QTimer.singleShot(0, self.finish_start)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._start_pending:
            QTimer.singleShot(self.FILL_FALLBACK_MS, self.finish_start)

    def finish_start(self) -> None:
        """Fill what ``fill_after_paint`` left out: the families list and the status line (once)."""
        if not self._start_pending:
            return
        self._start_pending = False
        page = self._built.get("families")
        if isinstance(page, FamiliesPage):
            page.load()
        self.update_status(self._families_total())

    def _families_total(self) -> int | None:
        page = self._built.get("families")
        return page.unfiltered_total() if isinstance(page, FamiliesPage) else None

    def _open_area(self, row: int) -> None:
        if 0 <= row < len(self._areas):
            self.build_page(self._areas[row].key)
            self.stack.setCurrentIndex(row)

    def build_page(self, key: str) -> QWidget:
        """Build an area's page the first time it is needed: start-up builds only the page shown, so
        a program with thousands of families opens in a fraction of a second."""
        if key in self._built:
            return self._built[key]
        row = [a.key for a in self._areas].index(key)
        area = self._areas[row]
        page = area.make()
        page.setObjectName(f"page_{area.key}")
        if not page.accessibleName():
            page.setAccessibleName(area.title)
        self._built[key] = page
        areas = getattr(page, "CHANGE_AREAS", None)
        if areas:  # the page refreshes what it shows when a change touches it (when next visible)
            self.notices.follow(page, areas, page.refresh_changes)  # type: ignore[attr-defined]
        stand_in = self.stack.widget(row)
        current = self.stack.currentIndex()
        self.stack.insertWidget(row, page)
        self.stack.removeWidget(stand_in)
        stand_in.deleteLater()
        self.stack.setCurrentIndex(current)
        return page

    def areas(self) -> list[Area]:
        ctx = self.ctx
        areas = [
            Area("families", _("Families"),
                 lambda: FamiliesPage(ctx, backups_dir=self.paths.backups if self.paths else None,
                                      load=not self._start_pending)),
            Area("visits", _("Home visits"), lambda: _page("visits", "VisitsPage")(ctx)),
            Area("observations", _("Observations"), lambda: _page("observations", "ObservationsPage")(ctx)),
            Area("handouts", _("Handouts"), lambda: _page("handouts", "HandoutsPage")(ctx)),
            Area("dashboard", _("Partnership"), lambda: _page("partnership", "PartnershipPage")(ctx)),
            Area("settings", _("Settings"),
                 lambda: _page("settings", "SettingsPage")(ctx, self.paths.config if self.paths else None,
                                                           backups_dir=self.paths.backups if self.paths else None)),
        ]
        if allowed(ctx.actor, Kind.INCIDENT, Action.READ):  # directors; last, so the others keep their Ctrl+N
            areas.append(Area("incidents", _("Incidents"), lambda: _page("incidents", "IncidentsPage")(ctx)))
        return areas

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        if self.ctx.actor.role.value == "director":  # the audit log (the service refuses anyone else too)
            file_menu.addAction(_("Audit &log…")).triggered.connect(self.show_audit_log)
            file_menu.addAction(_("&User accounts…")).triggered.connect(self.show_users)
        quit_action = file_menu.addAction(_("&Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        go_menu = self.menuBar().addMenu(_("&Go"))
        for action in self.area_actions:
            go_menu.addAction(action)
        go_menu.addSeparator()
        self.switch_pane = go_menu.addAction(_("&Switch between areas and page"))
        self.switch_pane.setShortcuts([QKeySequence(Qt.Key.Key_F6), QKeySequence("Shift+F6")])
        self.switch_pane.triggered.connect(self.switch_focus)
        help_menu = self.menuBar().addMenu(_("&Help"))
        keys = help_menu.addAction(_("&Keyboard shortcuts"))
        keys.setShortcut(QKeySequence.StandardKey.HelpContents)
        keys.triggered.connect(self.show_shortcuts)
        about = help_menu.addAction(_("&About famdesk"))
        about.triggered.connect(self.show_about)
        self.menus = [file_menu, go_menu, help_menu]

    def _mark_current_area(self, row: int) -> None:
        """The open area is shown in bold and named in the window title, not by colour alone."""
        for i in range(self.nav.count()):
            item = self.nav.item(i)
            font = item.font()
            font.setBold(i == row)
            item.setFont(font)
        if 0 <= row < self.nav.count():
            self.setWindowTitle(_("{area} — famdesk").format(area=self.nav.item(row).text()))

    def go_to(self, row: int) -> None:
        """Open an area and put the keyboard focus on it, as a click would."""
        self.nav.setCurrentRow(row)
        self.nav.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def switch_focus(self) -> None:
        """F6: from the area list into the current page (its first control), and back."""
        page = self.stack.currentWidget()
        focus = QApplication.focusWidget()
        if focus is not None and page is not None and page.isAncestorOf(focus):
            self.nav.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        target = first_focusable(page) if page is not None else None
        (target or self.nav).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def shortcuts_text(self) -> str:
        """One line per shortcut; the keys are bidi-isolated so Arabic lines read right to left."""
        def line(keys: str, what: str) -> str:
            return _("{keys}: {what}").format(keys=isolate(keys), what=what)
        native = QKeySequence.SequenceFormat.NativeText
        lines = [line(action.shortcut().toString(native), plain(action.text()))
                 for action in self.area_actions]
        lines.append(line("F6", _("move between the area list and the page")))
        lines.append(line(_("Alt + underlined letter"), _("open a menu or go to a labelled field")))
        page_lines = self._page_shortcut_lines(line)
        if page_lines:
            lines += ["", _("On this page:"), *page_lines]
        return "\n".join(lines)

    def _page_shortcut_lines(self, line: Callable[[str, str], str]) -> list[str]:
        """The open page's own shortcuts (new, edit, print…), read from its actions, so a page that adds
        one is listed without a second list to keep in step."""
        page = self.stack.currentWidget()
        if page is None:
            return []
        native = QKeySequence.SequenceFormat.NativeText
        seen: set[str] = set()
        out: list[str] = []
        for action in [*page.actions(), *page.findChildren(QAction)]:
            keys = action.shortcut().toString(native)
            what = plain(action.text())
            if keys and what and keys not in seen:
                seen.add(keys)
                out.append(line(keys, what))
        return out

    def show_shortcuts(self) -> None:
        QMessageBox.information(self, _("Keyboard shortcuts"), self.shortcuts_text())

    def show_audit_log(self) -> None:
        from famdesk.gui.dialogs.audit_log import AuditLogDialog

        AuditLogDialog(self.ctx, self).exec()

    def show_users(self) -> None:
        from famdesk.gui.dialogs.users import UsersDialog

        UsersDialog(self.ctx, self).exec()

    def show_area(self, key: str) -> QWidget:
        index = list(self.pages).index(key)
        self.nav.setCurrentRow(index)
        return self.pages[key]

    def update_status(self, families: int | None = None) -> None:
        """``families``: the count when the caller already has it (the families list counts the same)."""
        n = count_families(self.ctx) if families is None else families
        families = ngettext("{n} family", "{n} families", n).format(n=number_text(n))
        where = isolate(str(self.ctx.db.sqlite_path or self.ctx.db.url))
        self.statusBar().showMessage(_("{families} · database: {where}").format(families=families, where=where))

    def about_text(self) -> str:
        return _("famdesk {version}\n\nFamilies, home visits, observations and multilingual handouts for "
                 "early-childhood programs. Your data stays on this computer.\n\nDatabase: {where}").format(
            version=__version__, where=isolate(str(self.ctx.db.sqlite_path or self.ctx.db.url)))

    def show_about(self) -> None:
        QMessageBox.about(self, _("About famdesk"), self.about_text())
