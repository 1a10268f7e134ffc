"""The visits page and dialog with real widgets: conflicts shown before saving, drag to create."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTime

from famdesk.domain import records as r
from famdesk.domain.enums import ProgramOption, StaffRole
from famdesk.domain.visits import Visit, VisitStatus
from famdesk.gui.dialogs.visit_edit import VisitDialog
from famdesk.gui.pages.visits import MONTH, WEEK, VisitsPage
from famdesk.services import visits
from famdesk.services.families import add_family
from famdesk.services.staff import save_staff

DAY = dt.date.today() + dt.timedelta(days=((2 - dt.date.today().weekday()) % 7) + 7)  # a Wednesday ahead


def _world(ctx):  # type: ignore[no-untyped-def]
    rosa = save_staff(ctx, r.StaffMember("Rosa", "Gutiérrez", StaffRole.HOME_VISITOR)).id
    marie = save_staff(ctx, r.StaffMember("Marie", "Joseph", StaffRole.HOME_VISITOR)).id
    fams = []
    for name in ("Alvarez family", "Bui family"):
        detail = add_family(
            ctx,
            r.FamilyDetail(
                r.Family(
                    name=name,
                    address_line1="1 Main Street",
                    available_times=[r.AvailableTime(2, dt.time(9), dt.time(15))],
                ),
                children=[r.Child(first_name="K", program_option=ProgramOption.HOME_BASED)],
            ),
        )
        fams.append(detail.family.id)
    first = visits.save_visit(
        ctx,
        Visit(
            family_id=fams[0],
            staff_ids=[rosa],
            starts_at=dt.datetime.combine(DAY, dt.time(10)),
            ends_at=dt.datetime.combine(DAY, dt.time(11, 30)),
        ),
    )
    return rosa, marie, fams, first


def test_dialog_shows_conflicts_and_saves_only_when_told(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    rosa, _marie, fams, first = _world(sqlite_ctx)
    dialog = VisitDialog(
        sqlite_ctx,
        Visit(
            family_id=fams[1],
            staff_ids=[rosa],
            starts_at=dt.datetime.combine(DAY, dt.time(11)),
            ends_at=dt.datetime.combine(DAY, dt.time(12, 30)),
        ),
    )
    qtbot.addWidget(dialog)
    texts = [dialog.conflict_list.item(i).text() for i in range(dialog.conflict_list.count())]
    assert len(texts) == 1 and "Rosa Gutiérrez already has a visit with the Alvarez family" in texts[0]
    assert dialog.override.isEnabled() and not dialog.override.isChecked()
    dialog.save()
    assert dialog.result() == 0 and not dialog.saved  # refused: nothing written
    assert len(visits.visits_between(sqlite_ctx, dt.datetime(2000, 1, 1), dt.datetime(2100, 1, 1))) == 1
    # Moving it after the first visit clears the conflict (the check re-runs after the edit pauses).
    dialog.start.setTime(QTime(11, 30))
    dialog.end.setTime(QTime(13, 0))
    qtbot.waitUntil(lambda: dialog.conflict_title.text() == "No conflicts.")
    assert not dialog.override.isEnabled()
    # Back onto the clash, ticked "Save anyway": saved.
    dialog.start.setTime(QTime(11, 0))
    qtbot.waitUntil(lambda: dialog.conflict_list.count() == 1)
    dialog.override.setChecked(True)
    dialog.save()
    assert dialog.result() == 1 and dialog.saved[0].id is not None


def test_dialog_shows_bad_input(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    rosa, _marie, fams, _first = _world(sqlite_ctx)
    dialog = VisitDialog(
        sqlite_ctx,
        Visit(
            family_id=fams[1],
            staff_ids=[rosa],
            starts_at=dt.datetime.combine(DAY, dt.time(14)),
            ends_at=dt.datetime.combine(DAY, dt.time(13)),
        ),
    )
    qtbot.addWidget(dialog)
    assert dialog.conflict_title.text() == "Please fix before saving:"
    assert "must end after it starts" in dialog.conflict_list.item(0).text()
    dialog.save()
    assert dialog.result() == 0


def test_page_week_month_agenda_and_staff_filter(qtbot, sqlite_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    rosa, marie, fams, first = _world(sqlite_ctx)
    visits.save_visit(
        sqlite_ctx,
        Visit(
            family_id=fams[1],
            staff_ids=[marie],
            starts_at=dt.datetime.combine(DAY, dt.time(13)),
            ends_at=dt.datetime.combine(DAY, dt.time(14, 30)),
            status=VisitStatus.SCHEDULED,
        ),
    )
    page = VisitsPage(sqlite_ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.go_to(DAY, WEEK)
    assert [v.family_name for v in page.rows] == ["Alvarez family", "Bui family"]
    page.staff_filter.setCurrentIndex(page.staff_filter.findData(marie))
    assert [v.family_name for v in page.rows] == ["Bui family"]
    page.staff_filter.setCurrentIndex(0)
    page.go_to(DAY, MONTH)
    assert page.views.currentWidget() is page.month and len(page.rows) == 2
    page.mode.setCurrentIndex(2)
    assert page.agenda.rowCount() == (2 if (DAY - dt.date.today()).days < 14 else 0)
    page.tabs.setCurrentIndex(1)
    assert "families are at risk" in page.compliance.summary.text()


def test_drag_on_week_view_opens_a_prefilled_dialog(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    rosa, _marie, fams, _first = _world(sqlite_ctx)
    page = VisitsPage(sqlite_ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.go_to(DAY, WEEK)
    page.staff_filter.setCurrentIndex(page.staff_filter.findData(rosa))
    opened, dialogs = [], []

    def make(visit):  # type: ignore[no-untyped-def]
        opened.append(visit)
        dialogs.append(VisitDialog(sqlite_ctx, visit, page))
        return dialogs[-1]

    page.make_dialog = make  # type: ignore[method-assign]
    week = page.week
    a = week.point_for(dt.datetime.combine(DAY, dt.time(13)))
    b = week.point_for(dt.datetime.combine(DAY, dt.time(14, 30)))
    qtbot.mousePress(week, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(week, b)
    qtbot.mouseRelease(week, Qt.MouseButton.LeftButton, pos=b)
    assert opened and opened[0].starts_at == dt.datetime.combine(DAY, dt.time(13))
    assert opened[0].ends_at == dt.datetime.combine(DAY, dt.time(14, 30)) and opened[0].staff_ids == [rosa]
    assert dialogs[0].isVisible() and "Choose a family" in dialogs[0].conflict_list.item(0).text()
    dialogs[0].reject()
    # Double-clicking the existing visit opens it for editing.
    qtbot.mouseDClick(
        week, Qt.MouseButton.LeftButton, pos=week.point_for(dt.datetime.combine(DAY, dt.time(10, 30)))
    )
    assert opened[-1].id is not None
    assert dialogs[-1].family.currentText() == "Alvarez family"


def test_settings_tab_enters_closures_and_requirements(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate

    from famdesk.services.closures import list_closures
    from famdesk.services.visit_requirements import get_requirements

    page = VisitsPage(sqlite_ctx)
    qtbot.addWidget(page)
    panel = page.settings
    assert panel.spins["home_based:ehs"]["home_visits"].value() == 46
    panel.closure_name.setText("Winter break")
    panel.closure_from.setDate(QDate(2026, 12, 21))
    panel.closure_to.setDate(QDate(2027, 1, 1))
    panel.add_closure()
    assert [(c.name, c.ends_on) for c in list_closures(sqlite_ctx)] == [("Winter break", dt.date(2027, 1, 1))]
    assert panel.closure_table.rowCount() == 1
    panel.spins["home_based:hs"]["home_visits"].setValue(48)
    panel.caseload.setValue(10)
    panel.save_requirements()
    req = get_requirements(sqlite_ctx)
    assert req.rules["home_based:hs"].home_visits == 48 and req.caseload_max == 10
    panel.closure_table.selectRow(0)
    panel.remove_closure()
    assert list_closures(sqlite_ctx) == []


def test_closures_and_requirements_are_read_only_for_a_teacher(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    from famdesk.domain.roles import Actor, Role

    page = VisitsPage(sqlite_ctx.as_actor(Actor(Role.TEACHER)))
    qtbot.addWidget(page)
    panel = page.settings
    assert panel.spins["home_based:ehs"]["home_visits"].value() == 46  # shown
    assert not panel.editable and not panel.closure_name.isEnabled() and not panel.caseload.isEnabled()
    assert "Only a director" in panel.req_status.text()


def test_dialog_prints_the_letter_of_a_saved_visit(qtbot, sqlite_ctx, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

    _rosa, _marie, _fams, first = _world(sqlite_ctx)
    target = tmp_path / "letter.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog = VisitDialog(sqlite_ctx, visits.get_visit(sqlite_ctx, first.id))
    qtbot.addWidget(dialog)
    letter = next(
        b
        for b in dialog.buttons.buttons()
        if dialog.buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.ActionRole and b.text() == "Letter…"
    )
    letter.click()
    assert target.read_bytes().startswith(b"%PDF")


def test_every_calendar_action_works_from_the_keyboard(qtbot, sqlite_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 5: every main action of the visits page is reachable without a mouse."""
    from PySide6.QtWidgets import QApplication

    from famdesk.gui.pages import visits as visits_page

    page = VisitsPage(sqlite_ctx)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.mode.setFocus()
    start = page.anchor
    qtbot.keyClick(page.mode, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.anchor == start + dt.timedelta(days=7)
    qtbot.keyClick(page.mode, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(page.mode, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.anchor == start - dt.timedelta(days=7)
    qtbot.keyClick(page.mode, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert page.anchor == dt.date.today()
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.mode, Qt.Key.Key_2, shift_ctrl)
    assert page.views.currentWidget() is page.month
    qtbot.keyClick(page.mode, Qt.Key.Key_3, shift_ctrl)
    assert page.views.currentWidget() is page.agenda
    called = []
    monkeypatch.setattr(visits_page.QFileDialog, "getSaveFileName", lambda *a, **k: called.append(a) or ("", ""))
    qtbot.keyClick(page.mode, Qt.Key.Key_E, shift_ctrl)
    qtbot.keyClick(page.mode, Qt.Key.Key_P, shift_ctrl)
    assert len(called) == 2  # export and poster asked where to save
    qtbot.keyClick(page.mode, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = QApplication.activeModalWidget() or next(
        (w for w in QApplication.topLevelWidgets() if type(w).__name__ == "VisitDialog" and w.isVisible()), None)
    assert dialog is not None and type(dialog).__name__ == "VisitDialog"
    dialog.reject()


def test_each_role_opens_visits_and_partnership(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    """A teacher, a home visitor and the office open both areas without an error; what their role may
    not do (compliance, the poster, the .ics export, the dashboard) is not offered or not computed."""
    from famdesk.domain.roles import Role
    from famdesk.gui.pages.partnership import PartnershipPage
    from tests.services import roles_world

    world = roles_world.build(sqlite_ctx)
    for role in Role:
        acting = sqlite_ctx.as_actor(roles_world.actor(role, world))
        page = VisitsPage(acting)
        qtbot.addWidget(page)
        assert page.tabs.isTabVisible(1) is (role in (Role.DIRECTOR, Role.OFFICE))
        partnership = PartnershipPage(acting)
        qtbot.addWidget(partnership)
        assert (partnership.dashboard.data is not None) is (role in (Role.DIRECTOR, Role.OFFICE))
        for index in (1, 2, 3):
            partnership.tabs.setCurrentIndex(index)  # goals, events, contacts: their own families
