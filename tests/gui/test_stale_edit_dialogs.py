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
