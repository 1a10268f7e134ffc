"""Partnership in the window: log a contact, add a goal with two steps, record attendance, see the dashboard."""

from __future__ import annotations

import datetime as dt

from partnership_fixture import family

from famdesk.domain import partnership as p
from famdesk.gui.dialogs.contact_edit import ContactDialog
from famdesk.gui.main_window import MainWindow
from famdesk.services import contacts, events, goals


def test_log_a_contact_from_the_family_page(qtbot, sqlite_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    fid = family(sqlite_ctx, "Alvarez family")
    family(sqlite_ctx, "Begum family")
    window = MainWindow(sqlite_ctx)
    qtbot.addWidget(window)
    page = window.pages["families"]
    page.table.selectRow(0)  # sorted by name: Alvarez

    def fill_and_save(dialog: ContactDialog) -> int:
        assert dialog.family.currentData() == fid
        dialog.tone_buttons[p.Tone.CONCERN].click()
        qtbot.keyClicks(dialog.summary, "Mateo was upset at drop-off")
        dialog.follow_up.setChecked(True)
        dialog.save()
        return 1

    monkeypatch.setattr(ContactDialog, "exec", fill_and_save)
    page.log_contact.click()
    logged = contacts.list_contacts(sqlite_ctx, fid)
    assert [(c.tone, c.summary, c.follow_up_due is not None) for c in logged] == \
        [(p.Tone.CONCERN, "Mateo was upset at drop-off", True)]


def test_contact_dialog_refuses_empty_summary(qtbot, sqlite_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from famdesk.gui.dialogs import contact_edit

    fid = family(sqlite_ctx, "Alvarez family")
    shown: list[str] = []
    monkeypatch.setattr(contact_edit, "show_error", lambda parent, exc: shown.append(str(exc)))
    dialog = ContactDialog(sqlite_ctx, fid)
    qtbot.addWidget(dialog)
    dialog.save()
    assert shown and "summary is required" in shown[0]
    assert dialog.saved is None and contacts.list_contacts(sqlite_ctx, fid) == []


def test_add_a_goal_with_two_steps(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    fid = family(sqlite_ctx, "Nguyễn family")
    window = MainWindow(sqlite_ctx)
    qtbot.addWidget(window)
    area = window.show_area("dashboard")
    area.tabs.setCurrentWidget(area.goals)
    dialog = area.goals.new_goal(fid)
    dialog.text.setPlainText("Đọc sách với con mỗi tối")  # QTest cannot type non-Latin-1 keys
    dialog.area.setCurrentIndex(dialog.area.findData(p.GoalArea.LIFELONG_EDUCATORS.value))
    dialog.set_step(dialog.add_step(), "Get a library card", "Mother", "2026-12-05")
    dialog.set_step(dialog.add_step(), "Read together 15 minutes", "Family", "", done=True)
    dialog.save()
    assert dialog.result() == 1
    [goal] = goals.list_goals(sqlite_ctx, fid)
    assert goal.goal_text == "Đọc sách với con mỗi tối" and goal.area is p.GoalArea.LIFELONG_EDUCATORS
    assert [(s.what, s.who, s.due_on, s.done) for s in goal.steps] == [
        ("Get a library card", "Mother", dt.date(2026, 12, 5), False),
        ("Read together 15 minutes", "Family", None, True)]
    qtbot.waitUntil(lambda: area.goals.table.rowCount() == 1)
    assert area.goals.table.item(0, 5).text() == "1/2"


def test_record_attendance_and_see_the_dashboard_update(qtbot, sqlite_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    a = family(sqlite_ctx, "Alvarez family")
    family(sqlite_ctx, "Begum family")
    today = dt.date.today()
    events.add_event(sqlite_ctx, p.Event(title="Family breakfast", starts_at=dt.datetime.combine(today, dt.time(8)),
                                         ends_at=dt.datetime.combine(today, dt.time(9)), food="Breakfast"))
    window = MainWindow(sqlite_ctx)
    qtbot.addWidget(window)
    area = window.show_area("dashboard")
    dash = area.dashboard
    assert dash.figures["participation"].text() == "0 of 2 (0%)"
    assert dash.figures["attention"].text() == "2"  # nobody has heard anything positive yet
    area.tabs.setCurrentWidget(area.events)
    page = area.events
    assert page.list.count() == 1 and page.sheet.rowCount() == 2
    page.set_came(a, adults=2, children=1)
    assert "1 family" in page.total.text() and "2 adults, 1 children" in page.total.text()
    assert page.save_attendance()
    assert [(x.family_id, x.adults, x.children) for x in events.attendance_for(sqlite_ctx, page.current().id)] == \
        [(a, 2, 1)]
    contacts.add_contact(sqlite_ctx, p.Contact(family_id=a, occurred_at=dt.datetime.now() - dt.timedelta(hours=2),
                                               tone=p.Tone.POSITIVE, summary="Great first week"))
    area.tabs.setCurrentWidget(dash)
    assert dash.figures["participation"].text() == "1 of 2 (50%)"
    assert dash.figures["attention"].text() == "1"
    assert "Family breakfast: Families 1" in dash.events_chart.accessibleDescription()
    assert "Positive 1" in dash.tone_chart.accessibleDescription()
    window.resize(1200, 800)
    window.show()
    assert window.grab().save(str(tmp_path / "dashboard.png"))


def test_print_buttons_save_pdfs(qtbot, sqlite_ctx, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from famdesk.gui.dialogs import save_pdf

    fid = family(sqlite_ctx, "Alvarez family")
    goals.add_goal(sqlite_ctx, p.Goal(family_id=fid, goal_text="Read every night",
                                      steps=[p.GoalStep("Library card", "Mother")]))
    today = dt.date.today()
    events.add_event(sqlite_ctx, p.Event(title="Book fair", starts_at=dt.datetime.combine(today, dt.time(8)),
                                         ends_at=dt.datetime.combine(today, dt.time(9))))
    monkeypatch.setattr(save_pdf, "ask_folder", lambda parent: tmp_path)
    monkeypatch.setattr(save_pdf.QMessageBox, "information", lambda *a: None)
    window = MainWindow(sqlite_ctx)
    qtbot.addWidget(window)
    area = window.show_area("dashboard")
    area.goals.table.selectRow(0)
    written = area.goals.print_worksheet() + area.events.print_flyers() + area.dashboard.print_summary()
    assert sorted(x.name for x in written) == sorted(["goal-1.pdf", "event-1-en.pdf", "partnership-summary.pdf"])
    assert "Read every night" in PdfReader(str(tmp_path / "goal-1.pdf")).pages[0].extract_text()


def test_contact_log_tab_closes_follow_ups_and_dialog_shows_health(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    fid = family(sqlite_ctx, "Alvarez family")
    now = dt.datetime.now().replace(microsecond=0)
    contacts.add_contact(sqlite_ctx, p.Contact(family_id=fid, occurred_at=now - dt.timedelta(days=3),
                                               tone=p.Tone.POSITIVE, summary="Good week"))
    contacts.add_contact(sqlite_ctx, p.Contact(family_id=fid, occurred_at=now - dt.timedelta(days=1),
                                               tone=p.Tone.CONCERN, summary="Cough",
                                               follow_up_due=dt.date.today() + dt.timedelta(days=2)))
    dialog = ContactDialog(sqlite_ctx, fid)
    qtbot.addWidget(dialog)
    assert dialog.health.text() == "Last positive contact 3 days ago. 1 positive, 1 concern. 1 follow-up open."
    window = MainWindow(sqlite_ctx)
    qtbot.addWidget(window)
    page = window.show_area("dashboard").contacts
    page.open_only.setChecked(True)
    assert page.table.rowCount() == 1 and page.table.item(0, 5).text() == "Cough"
    page.table.selectRow(0)
    page.mark_done()
    assert page.table.rowCount() == 0
    assert contacts.relationship_health(sqlite_ctx, fid).open_follow_ups == 0
