"""The observations page driven with the keyboard only, as a teacher with thirty seconds would."""

from __future__ import annotations

from PySide6.QtCore import Qt

from famdesk.domain import records as r
from famdesk.gui.pages.observations import ObservationsPage
from famdesk.services import classrooms, families, staff
from famdesk.services import observation_search as search


def _program(ctx):  # type: ignore[no-untyped-def]
    room = classrooms.save_classroom(ctx, r.Classroom(name="Butterflies"))
    teacher = staff.save_staff(
        ctx, r.StaffMember(first_name="Carlos", last_name="Mendoza", classroom_ids=[room.id])
    )
    fam = families.add_family(
        ctx,
        r.FamilyDetail(
            family=r.Family(name="Ortiz family", preferred_language="es"),
            caregivers=[r.Caregiver(first_name="Lucía", last_name="Ortiz")],
            children=[
                r.Child(first_name="Mateo", last_name="Ortiz", classroom_id=room.id),
                r.Child(first_name="Valentina", last_name="Ortiz", classroom_id=room.id),
            ],
        ),
    )
    return teacher, fam.children


def test_keyboard_only_entry_lands_in_the_childs_timeline(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    teacher, (mateo, valentina) = _program(sqlite_ctx)
    page = ObservationsPage(sqlite_ctx)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitExposed(page)
    quick = page.quick
    quick.children_edit.setFocus()
    # Children: type part of a name, Enter; a second child the same way.
    qtbot.keyClicks(quick.children_edit, "valen")
    qtbot.keyClick(quick.children_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: quick.children_edit.text() == "")
    qtbot.keyClicks(quick.children_edit, "mateo")
    qtbot.keyClick(quick.children_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(quick.children_edit.chosen) == 2)
    assert "Valentina Ortiz" in quick.chosen_label.text()
    # Domain by typing part of a sub-domain, then where and the note; Ctrl+Enter saves.
    qtbot.keyClicks(quick.domain_combo.lineEdit(), "fine motor")
    qtbot.keyClicks(quick.context_edit, "Art table")
    qtbot.keyClicks(quick.note_edit, "Cut out a paper star all by herself, turning the page as she cut.")
    qtbot.keyClick(quick.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Saved a note" in quick.status_label.text())
    # The page now shows the first child's timeline with the new note.
    assert page.scope() in (("child", mateo.id), ("child", valentina.id))
    texts = [page.timeline.item(i).text() for i in range(page.timeline.count())]
    assert (
        len(texts) == 1 and "paper star" in texts[0] and "Fine Motor" in texts[0] and "Art table" in texts[0]
    )
    rows = search.child_timeline(sqlite_ctx, valentina.id)
    assert [row.subdomains[0][1] for row in rows] == ["Fine Motor"]
    assert rows[0].author_name == ""  # the director acts here; no author was chosen
    assert quick.children_edit.chosen == [] and quick.note_edit.toPlainText() == ""


def test_wording_hint_shows_but_never_blocks(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    _teacher, (mateo, _v) = _program(sqlite_ctx)
    page = ObservationsPage(sqlite_ctx)
    qtbot.addWidget(page)
    quick = page.quick
    qtbot.keyClicks(quick.children_edit, "mateo")
    qtbot.keyClick(quick.children_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(quick.note_edit, "Refuses to share and can't sit still.")
    assert not quick.hint_label.isHidden() and "did not do" in quick.hint_label.text()
    qtbot.keyClick(quick.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(search.child_timeline(sqlite_ctx, mateo.id)) == 1


def test_filters_and_search_narrow_the_list(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    _teacher, (mateo, _v) = _program(sqlite_ctx)
    page = ObservationsPage(sqlite_ctx)
    qtbot.addWidget(page)
    quick = page.quick
    for text in ("Sang the whole goodbye song.", "Counted seven acorns on the walk."):
        qtbot.keyClicks(quick.children_edit, "mateo")
        qtbot.keyClick(quick.children_edit, Qt.Key.Key_Return)
        qtbot.keyClicks(quick.note_edit, text)
        quick.save()
    page.scope_combo.setCurrentIndex(0)
    assert page.timeline.count() == 2
    qtbot.keyClicks(page.search_edit, "acorn")
    qtbot.waitUntil(lambda: page.timeline.count() == 1)
    assert "acorns" in page.timeline.item(0).text()
    page.tabs.setCurrentIndex(1)
    assert page.coverage_table.rowCount() == 10  # two children × five domains, no domain was tagged
