"""The Incidents area in the window (directors only), the form, the summary; legal holds and retention."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import update

from famdesk.db import models as m
from famdesk.domain import records as r
from famdesk.domain.enums import FamilyStatus
from famdesk.domain.incidents import Incident, InformedHow
from famdesk.domain.roles import Actor, Role
from famdesk.gui.accessibility import unnamed_focusable
from famdesk.gui.dialogs.family_edit import FamilyDialog
from famdesk.gui.dialogs.incident_edit import IncidentDialog
from famdesk.gui.dialogs.retention import RetentionDialog
from famdesk.gui.dialogs.time_bands import TimeBandsDialog
from famdesk.gui.main_window import MainWindow
from famdesk.services import classrooms, families, incident_summary, incidents, legal_holds, retention
from famdesk.services.context import ServiceContext

TODAY = dt.date(2025, 10, 31)


def _world(ctx: ServiceContext) -> tuple[int, int]:
    room = classrooms.save_classroom(ctx, r.Classroom(name="Sunflowers")).id
    saved = families.add_family(ctx, r.FamilyDetail(
        r.Family(name="Moreau family"), [r.Caregiver(first_name="Claire")],
        [r.Child(first_name="Lucas", last_name="Moreau", birth_date=dt.date(2021, 4, 4), classroom_id=room)]))
    kid = saved.children[0].id
    assert kid is not None and saved.family.id is not None
    incidents.add_incident(ctx, Incident(child_id=kid, occurred_at=dt.datetime(2025, 10, 6, 12, 45),
                                         behavior="Threw a shoe.", response="Calm-down corner."))
    incidents.add_incident(ctx, Incident(child_id=kid, occurred_at=dt.datetime(2025, 10, 7, 16, 20),
                                         behavior="Pushed at the cubbies.", response="Stayed close."))
    return kid, saved.family.id


def test_only_directors_get_the_area(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    for role in Role:
        window = MainWindow(sqlite_ctx.as_actor(Actor(role, label=role.value)))
        qtbot.addWidget(window)
        assert ("incidents" in window.pages) is (role is Role.DIRECTOR), role
        settings = window.pages["settings"]
        assert hasattr(settings, "retention") is (role is Role.DIRECTOR), role


def test_records_summary_and_print(qtbot, sqlite_ctx, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from famdesk.gui.dialogs import save_pdf

    _world(sqlite_ctx)
    window = MainWindow(sqlite_ctx)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    window.go_to(6)  # Ctrl+7: the last area
    page = window.stack.currentWidget()
    assert page.objectName() == "page_incidents" and unnamed_focusable(page) == []
    records = page.records
    records.start.setDate(QDate(2025, 10, 1))
    records.end.setDate(QDate(2025, 10, 31))
    records.refresh()
    assert [records.table.item(row, 3).text() for row in range(2)] == ["Pushed at the cubbies.", "Threw a shoe."]
    assert records.table.item(0, 1).text() == "Lucas Moreau" and records.count.text() == "2 incident records"
    summary = page.summary
    page.tabs.setCurrentWidget(summary)
    summary.start.setDate(QDate(2025, 10, 1))
    summary.end.setDate(QDate(2025, 10, 31))
    summary.refresh()
    headers = [summary.table.horizontalHeaderItem(c).text() for c in range(summary.table.columnCount())]
    assert headers == ["Arrival", "Morning", "Lunch", "Nap / rest", "Afternoon", "Pick-up", "Total"]
    assert [summary.table.verticalHeaderItem(rw).text() for rw in range(summary.table.rowCount())] == [
        "Sunflowers", "All classrooms"]
    assert [summary.table.item(0, c).text() for c in range(7)] == ["–", "–", "–", "1", "–", "1", "2"]
    assert summary.table.item(0, 3).font().bold() and not summary.table.item(0, 0).font().bold()
    assert [summary.weekdays.item(0, c).text() for c in range(5)] == ["1", "1", "–", "–", "–"]
    assert window.grab().save(str(tmp_path / "incidents.png"))
    monkeypatch.setattr(save_pdf, "ask_folder", lambda parent: tmp_path)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)  # no modal box in a test run
    written = summary.print_summary()
    assert [p.name for p in written] == ["incident-summary-2025-10-01-2025-10-31.pdf"]
    assert written[0].read_bytes().startswith(b"%PDF") and b"Moreau" not in written[0].read_bytes()


def test_form_keeps_what_was_typed_when_the_save_fails(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    kid, _fid = _world(sqlite_ctx)
    dialog = IncidentDialog(sqlite_ctx, now=dt.datetime(2025, 10, 8, 10, 5))
    qtbot.addWidget(dialog)
    assert unnamed_focusable(dialog) == []
    qtbot.keyClicks(dialog.antecedent, "Clean-up time was announced.")
    qtbot.keyClicks(dialog.location, "Block corner")
    dialog.informed.setChecked(True)
    dialog.save()  # no child, no behaviour, no response, no "how"
    assert dialog.result() == 0 and dialog.saved is None and dialog.problems.isVisibleTo(dialog)
    for text in ("Choose the child", "Describe the behaviour", "Describe how staff responded", "how the family"):
        assert text in dialog.problems.text()
    assert "a40000" in dialog.behavior.styleSheet()
    assert dialog.antecedent.toPlainText() == "Clean-up time was announced."
    assert dialog.location.text() == "Block corner"
    assert len(incidents.list_incidents(sqlite_ctx)) == 2
    dialog.child.setCurrentIndex(dialog.child.findData(kid))
    qtbot.keyClicks(dialog.behavior, "Knocked over the tower.")
    qtbot.keyClicks(dialog.response, "Rebuilt it together.")
    dialog.informed_how.setCurrentIndex(dialog.informed_how.findData(InformedHow.PHONE.value))
    dialog.informed_at.setDateTime(dialog.when.dateTime().addSecs(3600))
    dialog.save()
    assert dialog.saved is not None and dialog.result() == 1
    saved = incidents.get_incident(sqlite_ctx, dialog.saved.id or 0)
    assert (saved.child_id, saved.occurred_at, saved.location, saved.family_informed_how) == (
        kid, dt.datetime(2025, 10, 8, 10, 5), "Block corner", InformedHow.PHONE)
    assert saved.family_informed_at == dt.datetime(2025, 10, 8, 11, 5) and saved.classroom_name == "Sunflowers"
    edit = IncidentDialog(sqlite_ctx, saved)  # opens with what is on file
    qtbot.addWidget(edit)
    assert edit.child.currentText() == "Lucas Moreau" and edit.behavior.toPlainText() == "Knocked over the tower."
    assert edit.informed_at.isEnabled() and edit.windowTitle() == "Edit incident record"


def test_delete_asks_first(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    from famdesk.gui.pages.incidents import IncidentsPage

    _world(sqlite_ctx)
    page = IncidentsPage(sqlite_ctx, today=TODAY)
    qtbot.addWidget(page)
    page.records.table.selectRow(0)
    page.records.confirm = lambda title, text: False
    assert page.records.delete_incident() is False and len(page.records.rows) == 2
    page.records.confirm = lambda title, text: True
    assert page.records.delete_incident() is True
    assert [x.behavior for x in incidents.list_incidents(sqlite_ctx)] == ["Threw a shoe."]


def test_parts_of_the_day_dialog(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = TimeBandsDialog(sqlite_ctx)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 6 and dialog.table.item(3, 0).text() == "Nap / rest"
    dialog.table.item(0, 0).setText("Breakfast and arrival")
    dialog.table.item(1, 2).setText("11.30")
    dialog.save()
    assert dialog.result() == 0 and "HH:MM" in dialog.problems.text()
    assert dialog.table.item(0, 0).text() == "Breakfast and arrival"  # kept
    dialog.table.item(1, 2).setText("11:30")
    dialog.save()
    assert dialog.result() == 1
    bands = incident_summary.time_bands(sqlite_ctx)
    assert [b.title() for b in bands][:2] == ["Breakfast and arrival", "Morning"]
    assert bands[1].label == ""  # an untouched built-in name stays a translation


def test_legal_hold_in_the_family_editor_is_for_directors(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    _kid, fid = _world(sqlite_ctx)
    office = FamilyDialog(sqlite_ctx.as_actor(Actor(Role.OFFICE, label="office")), fid)
    qtbot.addWidget(office)
    assert office.legal_hold is None
    dialog = FamilyDialog(sqlite_ctx, fid)
    qtbot.addWidget(dialog)
    box = dialog.legal_hold
    assert box is not None and "Not on legal hold" in box.state.text() and not box.release.isEnabled()
    qtbot.keyClicks(box.reason, "Custody case in family court")
    assert box.place_hold()
    assert "On legal hold since" in box.state.text() and box.release.isEnabled()
    hold = legal_holds.get_hold(sqlite_ctx, fid)
    assert hold is not None and hold.reason == "Custody case in family court"
    box.confirm = lambda title, text: True
    assert box.release_hold() and legal_holds.get_hold(sqlite_ctx, fid) is None


def test_families_past_retention_dialog(qtbot, sqlite_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def left(name: str, on: dt.date) -> int:
        fid = families.add_family(sqlite_ctx, r.FamilyDetail(
            r.Family(name=name, status=FamilyStatus.EXITED, exited_on=on), [r.Caregiver(first_name="A")])).family.id
        assert fid is not None
        return fid

    gone, kept, held = left("Adams family", dt.date(2018, 1, 1)), left("Baker family", dt.date(2019, 1, 1)), \
        left("Held family", dt.date(2017, 1, 1))
    with sqlite_ctx.db.transaction() as s:
        s.execute(update(m.Family).values(enrolled_on=None))
    legal_holds.place_hold(sqlite_ctx, held, "State audit")
    questions: list[str] = []
    dialog = RetentionDialog(sqlite_ctx, confirm=lambda title, text: questions.append(text) or True,
                             today=dt.date(2026, 6, 1))
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog, "report", lambda text: questions.append(text))
    assert [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())] == [
        "Adams family", "Baker family"]
    assert "Held family" in dialog.others.text() and "legal hold" in dialog.others.text()
    assert not dialog.erase.isEnabled()  # nothing without "I understand"
    dialog.table.item(1, 0).setCheckState(Qt.CheckState.Unchecked)  # keep Baker this time
    dialog.understand.setChecked(True)
    assert dialog.erase.isEnabled() and "1 family" in dialog.erase.text()
    assert dialog.erase_ticked() == [gone]
    assert questions[0].startswith("Erase 1 family for good?") and "1 family was erased." in questions[1]
    assert families.count_families(sqlite_ctx) == 2 and not dialog.understand.isChecked()
    assert [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())] == ["Baker family"]
    assert retention.review(sqlite_ctx, dt.date(2026, 6, 1)).held[0].family_id == held and kept
