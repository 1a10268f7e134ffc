"""The edit dialogs tell a stale save who changed the record and when, keep what was typed, and reload."""

from __future__ import annotations

import datetime as dt

from famdesk.domain import records as r
from famdesk.domain.roles import Actor, Role
from famdesk.gui.dialogs.family_edit import FamilyDialog
from famdesk.services import families

OTHER = Actor(Role.DIRECTOR, user_id=5, label="second director")


def _family(ctx) -> int:  # type: ignore[no-untyped-def]
    saved = families.add_family(ctx, r.FamilyDetail(
        r.Family(name="Trần family", address_line1="12 Elm Street"),
        [r.Caregiver(first_name="Hoa", mobile_phone="(617) 555-0100")],
        [r.Child(first_name="Đức", last_name="Trần", birth_date=dt.date(2022, 3, 1))]))
    assert saved.family.id is not None
    return saved.family.id


def test_family_dialog_says_who_changed_it_and_reload_keeps_what_was_typed(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    fid = _family(sqlite_ctx)
    dialog = FamilyDialog(sqlite_ctx, fid)
    qtbot.addWidget(dialog)
    theirs = families.get_family(sqlite_ctx.as_actor(OTHER), fid)  # meanwhile, on another PC
    theirs.caregivers[0].mobile_phone = "(617) 555-0199"
    theirs.children.append(r.Child(first_name="Lina", last_name="Trần"))
    families.update_family(sqlite_ctx.as_actor(OTHER), theirs)

    dialog.address1.clear()
    qtbot.keyClicks(dialog.address1, "40 Oak Street")
    dialog.save()
    assert dialog.result() == 0 and dialog.saved is None  # still open, nothing saved
    message = dialog.problems.text()
    assert "Someone else (director) changed this family at" in message
    assert "Nothing was saved; reload to see their change (what you typed is kept)." in message
    assert not dialog.stale.button.isHidden()
    assert dialog.address1.text() == "40 Oak Street"  # what was typed is still there

    dialog.stale.button.click()
    assert dialog.address1.text() == "40 Oak Street"  # kept through the reload
    values, _bad = dialog.children.values()
    assert [c.first_name for c in values] == ["Đức", "Lina"]  # their new child is shown
    cg, _bad = dialog.caregivers.values()
    assert "555-0199" in cg[0].mobile_phone  # their phone change is shown
    assert dialog.stale.button.isHidden()

    dialog.save()  # now checked against the reloaded version: saves
    assert dialog.saved is not None
    stored = families.get_family(sqlite_ctx, fid)
    assert stored.family.address_line1 == "40 Oak Street"
    assert stored.caregivers[0].mobile_phone == "+16175550199"
    assert [c.first_name for c in stored.children] == ["Đức", "Lina"]


def _visit_and_note(ctx):  # type: ignore[no-untyped-def]
    from famdesk.domain import observations as o
    from famdesk.domain.enums import StaffRole
    from famdesk.domain.visits import Visit
    from famdesk.services import observations, staff, visits

    fid = _family(ctx)
    person = staff.save_staff(ctx, r.StaffMember("Rosa", "Gutiérrez", StaffRole.HOME_VISITOR))
    start = dt.datetime.combine(dt.date.today() + dt.timedelta(days=3), dt.time(10))
    visit = visits.save_visit(ctx, Visit(family_id=fid, staff_ids=[person.id], starts_at=start,
                                         ends_at=start + dt.timedelta(hours=1), purpose="Goals"),
                              accept_conflicts=True)
    child = families.get_family(ctx, fid).children[0].id
    note = observations.add_observation(ctx, o.Observation(
        text="Counted to 12", child_ids=[child], observed_at=dt.datetime.now().replace(microsecond=0)
        - dt.timedelta(hours=2)))
    return visit, note


def test_visit_dialog_refuses_a_stale_save_and_reloads(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    from famdesk.gui.dialogs.visit_edit import VisitDialog
    from famdesk.services import visits

    visit, _note = _visit_and_note(sqlite_ctx)
    dialog = VisitDialog(sqlite_ctx, visits.get_visit(sqlite_ctx, visit.id))
    qtbot.addWidget(dialog)
    theirs = visits.get_visit(sqlite_ctx.as_actor(OTHER), visit.id)
    theirs.interpreter_name = "Minh"
    visits.save_visit(sqlite_ctx.as_actor(OTHER), theirs, accept_conflicts=True)
    dialog.purpose.setText("Reading together")
    dialog.override.setChecked(True)
    dialog.save()
    assert dialog.saved == [] and "changed this visit at" in dialog.conflict_title.text()
    assert not dialog.stale.button.isHidden()
    dialog.stale.button.click()
    assert dialog.purpose.text() == "Reading together" and dialog.interpreter_name.text() == "Minh"
    dialog.save()
    stored = visits.get_visit(sqlite_ctx, visit.id)
    assert (stored.purpose, stored.interpreter_name) == ("Reading together", "Minh")


def test_observation_dialog_refuses_a_stale_save_and_reloads(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    from famdesk.gui.dialogs.observation_edit import ObservationDialog
    from famdesk.services import observations

    _visit, note = _visit_and_note(sqlite_ctx)
    dialog = ObservationDialog(sqlite_ctx, note.id)
    qtbot.addWidget(dialog)
    theirs = observations.get_observation(sqlite_ctx.as_actor(OTHER), note.id)
    theirs.context = "Block corner"
    observations.edit_observation(sqlite_ctx.as_actor(OTHER), theirs)
    dialog.note_edit.setPlainText("Counted to 20")
    dialog.save()
    assert dialog.saved is None and "changed this note at" in dialog.problems.text()
    dialog.stale.button.click()
    assert dialog.note_edit.toPlainText() == "Counted to 20" and dialog.context_edit.text() == "Block corner"
    dialog.save()
    stored = observations.get_observation(sqlite_ctx, note.id)
    assert (stored.text, stored.context) == ("Counted to 20", "Block corner")


def test_incident_dialog_refuses_a_stale_save_and_reloads(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    from famdesk.domain.incidents import Incident
    from famdesk.gui.dialogs.incident_edit import IncidentDialog
    from famdesk.services import incidents

    child = families.get_family(sqlite_ctx, _family(sqlite_ctx)).children[0].id
    saved = incidents.add_incident(sqlite_ctx, Incident(
        child_id=child, occurred_at=dt.datetime(2025, 10, 6, 12, 45),
        behavior="Threw a shoe.", response="Calm-down corner."))
    dialog = IncidentDialog(sqlite_ctx, incidents.get_incident(sqlite_ctx, saved.id))
    qtbot.addWidget(dialog)
    theirs = incidents.get_incident(sqlite_ctx.as_actor(OTHER), saved.id)
    theirs.location = "Playground"
    incidents.update_incident(sqlite_ctx.as_actor(OTHER), theirs)
    dialog.response.setPlainText("Stayed close and named the feeling.")
    dialog.save()
    assert dialog.saved is None and "changed this incident record at" in dialog.problems.text()
    dialog.stale.button.click()
    assert dialog.location.text() == "Playground"
    assert dialog.response.toPlainText() == "Stayed close and named the feeling."
    dialog.save()
    stored = incidents.get_incident(sqlite_ctx, saved.id)
    assert (stored.location, stored.response) == ("Playground", "Stayed close and named the feeling.")
