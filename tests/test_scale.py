"""What keeps a 50,000-family program within memory gives the same answers as before: the services
reading plain columns or streaming rows, and the model-based widgets that replaced per-item ones."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from famdesk.db import models as m
from famdesk.domain import partnership as p
from famdesk.domain.roles import Actor, Role
from famdesk.domain.text import fold
from famdesk.services import access, contacts, dashboard, events, goals, members
from famdesk.services.demo import create_demo
from famdesk.services.family_records import child_record

TODAY = dt.date(2026, 11, 20)


@pytest.fixture()
def demo(sqlite_ctx):  # type: ignore[no-untyped-def]
    create_demo(sqlite_ctx, families=60, today=TODAY)
    return sqlite_ctx


def _children_as_mapped_objects(ctx, text="", classroom_id=None, limit=50):  # type: ignore[no-untyped-def]
    """search_children as it was written before it read plain columns."""
    with ctx.db.read() as s:
        q = (select(m.Child).join(m.Family).where(m.Family.archived_at.is_(None), m.Child.exited_on.is_(None))
             .order_by(m.Child.first_name, m.Child.last_name))
        q = access.scope_families(q, ctx.actor)
        if classroom_id is not None:
            q = q.where(m.Child.classroom_id == classroom_id)
        rows = list(s.scalars(q))
        tokens = fold(text).split()
        out = [row for row in rows
               if all(t in fold(f"{row.first_name} {row.preferred_name} {row.last_name}") for t in tokens)]
        return [child_record(row, ctx.actor) for row in out[:limit]]


def _actors(ctx):  # type: ignore[no-untyped-def]
    with ctx.db.read() as s:
        staff_id, room = s.execute(select(m.staff_classroom.c.staff_id,
                                          m.staff_classroom.c.classroom_id)).first()
    roles = (Role.TEACHER, Role.FAMILY_SERVICES)
    return [ctx, *(ctx.as_actor(Actor(role, staff_id=staff_id)) for role in roles)], room


def test_children_for_pickers_are_the_same_children(demo) -> None:  # type: ignore[no-untyped-def]
    actors, room = _actors(demo)
    for ctx in actors:
        for args in (("", None, 100_000), ("ma", None, 50), ("an ma", None, 100_000), ("", room, 100_000)):
            assert members.search_children(ctx, *args) == _children_as_mapped_objects(ctx, *args)
        everyone = _children_as_mapped_objects(ctx, "", None, 100_000)
        assert members.child_names(ctx) == [(c.id, c.display_name) for c in everyone]
        for child in everyone[:5]:
            assert members.get_child(ctx, child.id) == child


def test_goals_listed_from_plain_columns_are_the_same(demo) -> None:  # type: ignore[no-untyped-def]
    def before(family_id=None, status=None):  # type: ignore[no-untyped-def]
        q = (select(m.FamilyGoal).options(selectinload(m.FamilyGoal.steps), selectinload(m.FamilyGoal.family))
             .order_by(m.FamilyGoal.started_on.desc(), m.FamilyGoal.id.desc()))
        if family_id is not None:
            q = q.where(m.FamilyGoal.family_id == family_id)
        if status is not None:
            q = q.where(m.FamilyGoal.status == status)
        with demo.db.read() as s:
            return [goals._record(row) for row in s.scalars(q)]

    everything = before()
    assert everything and any(g.steps for g in everything)
    family_id = everything[0].family_id
    for args in ((None, None), (family_id, None), (None, p.GoalStatus.IN_PROGRESS),
                 (None, p.GoalStatus.ACHIEVED)):
        assert goals.list_goals(demo, *args) == before(*args)


def test_health_reads_every_contact_the_same_way_for_many_families(demo, monkeypatch) -> None:  # type: ignore
    with demo.db.read() as s:
        families = contacts.enrolled_families(s)
        by_id = contacts.health_for(s, families, TODAY)
        monkeypatch.setattr(contacts, "FEW_FAMILIES", 0)  # the path a 50,000-family program takes
        assert contacts.health_for(s, families, TODAY) == by_id
    assert dashboard.dashboard(demo, today=TODAY).attention  # and the dashboard still finds families


def test_event_timings_in_one_pass_match_one_by_one(demo) -> None:  # type: ignore[no-untyped-def]
    listed = events.list_events(demo)
    assert listed
    with demo.db.read() as s:
        together = events.timings_for(s, listed)
    assert together == [events.check_event_timing(demo, e) for e in listed]
    flagged = [e.id for e, t in zip(listed, together, strict=True) if t.flagged]
    assert [e.id for e, _t in events.flagged_events(demo)] == flagged


def test_attendance_sheet_edits_without_a_widget_per_family(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    from famdesk.gui.widgets.attendance_sheet import ADULTS, CAME, CHILDREN, AttendanceSheet

    sheet = AttendanceSheet(maximum=events.MAX_PEOPLE)
    qtbot.addWidget(sheet)
    model = sheet.attendance_model
    model.reset([(1, "Alvarez family"), (2, "Begum family")], {2: p.Attendance(2, adults=2, children=3)})
    assert sheet.rowCount() == 2 and sheet.indexWidget(model.index(0, ADULTS)) is None
    assert [(a.family_id, a.adults, a.children) for a in model.attendance()] == [(2, 2, 3)]
    model.setData(model.index(0, CAME), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(0, CHILDREN), 99)  # kept within the limit, as the spin box would
    assert [(a.family_id, a.adults, a.children) for a in model.attendance()] == [(1, 1, events.MAX_PEOPLE),
                                                                                 (2, 2, 3)]
    sheet.show()
    sheet.edit(model.index(1, ADULTS))
    editor = sheet.indexWidget(model.index(1, ADULTS)) or sheet.findChild(QSpinBox)
    assert isinstance(editor, QSpinBox) and editor.maximum() == events.MAX_PEOPLE
    assert editor.accessibleName() == "Adults from Begum family"


def test_record_table_and_choices_answer_like_the_widgets_they_replace(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QComboBox

    from famdesk.gui.widgets.choice_model import ChoiceModel
    from famdesk.gui.widgets.record_table import RecordTable

    table = RecordTable(["Family", "Why"])
    qtbot.addWidget(table)
    table.set_rows([("Alvarez", "late"), ("Begum", "new")], [7, 9])
    assert table.rowCount() == 2 and table.item(1, 0).text() == "Begum"
    assert table.item(1, 1).data(Qt.ItemDataRole.UserRole) == 9 and table.item(2, 0) is None
    assert table.currentRow() == -1
    table.selectRow(1)
    assert table.currentRow() == 1
    combo = QComboBox()
    qtbot.addWidget(combo)
    choices = ChoiceModel(combo)
    combo.setModel(choices)
    choices.set_choices([("All", None), ("Timeline: Ana", "child:3"), ("Timeline: Bo", "child:4")])
    assert combo.count() == 3 and combo.findData("child:4") == 2
    combo.setCurrentIndex(1)
    assert combo.currentText() == "Timeline: Ana" and combo.currentData() == "child:3"


def test_partnership_tabs_are_built_when_first_shown(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    from famdesk.gui.pages.partnership import PartnershipPage

    page = PartnershipPage(demo)
    qtbot.addWidget(page)
    assert set(page._built) == {0}
    page.tabs.setCurrentIndex(2)
    assert set(page._built) == {0, 2} and page.tabs.currentWidget() is page.events
    assert page.events.sheet.rowCount() > 0
    goals_page = page.goals  # asked for: built, the current tab stays
    assert page.tabs.currentIndex() == 2 and page.tabs.widget(1) is goals_page
    assert [page.tabs.tabText(i) for i in range(4)] == ["Dashboard", "Family goals", "Events", "Contacts"]
