"""Observations page with real widgets on a real SQLite file, driven from the keyboard: edit and delete a
note from the timeline (author or director only), a photo through the real file dialog, take-home notes
printed off the GUI thread and saved through the preview, and pages of notes loaded while scrolling."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from famdesk.domain import observations as o
from famdesk.domain import records as r
from famdesk.domain.roles import Actor, Role
from famdesk.gui.pages import observations as page_module
from famdesk.gui.pages.observations import ObservationsPage
from famdesk.services import classrooms, families, staff
from famdesk.services import observation_search as search
from famdesk.services import observations as obs

WHEN = dt.datetime(2026, 10, 6, 10, 15)


@pytest.fixture
def program(sqlite_ctx):  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    room = classrooms.save_classroom(ctx, r.Classroom(name="Butterflies"))
    rooms = [room.id]
    carlos = staff.save_staff(ctx, r.StaffMember(first_name="Carlos", last_name="Mendoza",
                                                 classroom_ids=rooms))
    amina = staff.save_staff(ctx, r.StaffMember(first_name="Amina", last_name="Farah", classroom_ids=rooms))
    fam = families.add_family(ctx, r.FamilyDetail(
        family=r.Family(name="Ortiz family", preferred_language="es"),
        caregivers=[r.Caregiver(first_name="Lucía", last_name="Ortiz")],
        children=[r.Child(first_name="Mateo", last_name="Ortiz", classroom_id=room.id)]))
    mateo = fam.children[0].id
    mine = obs.add_observation(ctx, o.Observation(
        text="Built a bridge for the cars and tested it with the big truck.", child_ids=[mateo],
        observed_at=WHEN, author_id=carlos.id, shareable_with_family=True, context="Block corner"))
    theirs = obs.add_observation(ctx, o.Observation(
        text="Sang the goodbye song in Spanish and in English.", child_ids=[mateo],
        observed_at=WHEN - dt.timedelta(days=1), author_id=amina.id, shareable_with_family=True))
    return dict(ctx=ctx, room=room.id, carlos=carlos.id, amina=amina.id, mateo=mateo, mine=mine.id,
                theirs=theirs.id)


def _page(qtbot, ctx, child: int) -> ObservationsPage:  # type: ignore[no-untyped-def]
    page = ObservationsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 850)
    with qtbot.waitExposed(page):
        page.show()
    _activate(qtbot, page)
    page.show_child(child)
    page.timeline.setFocus()
    return page


def _activate(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    """Shortcuts go to the active window (as after a dialog closes in the running app)."""
    with qtbot.waitActive(widget):
        widget.activateWindow()


def _select(qtbot, page: ObservationsPage, note_id: int) -> None:  # type: ignore[no-untyped-def]
    """Arrow keys down the list until the note is the current one."""
    qtbot.keyClick(page.timeline, Qt.Key.Key_Home)
    for _ in range(page.timeline.count()):
        if page.selected_id() == note_id:
            return
        qtbot.keyClick(page.timeline, Qt.Key.Key_Down)
    assert page.selected_id() == note_id


def _answer_file_dialog(qtbot, path: Path) -> list[str]:  # type: ignore[no-untyped-def]
    """Type ``path`` into the real Qt file dialog once it is up and accept it (the dialog is modal, so
    this runs from a timer). If it cannot be answered within 30 s it is cancelled: a broken test fails
    instead of hanging."""
    seen: list[str] = []
    tries = [0]

    def answer() -> None:
        tries[0] += 1
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog):
            name = dialog.findChild(QLineEdit, "fileNameEdit")  # the dialog's "File name" box
            if name is not None:
                name.setText(str(path))
                seen.append(dialog.windowTitle())
                dialog.accept()
            if not dialog.isVisible():
                return
            if tries[0] > 600:
                dialog.reject()
                return
        if tries[0] <= 600:
            QTimer.singleShot(50, answer)

    QTimer.singleShot(20, answer)
    return seen


def _image(path: Path, fmt: str = "PNG", size: int = 200) -> Path:
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("#e67e22"))
    assert image.save(str(path), fmt)
    return path


def test_edit_a_note_with_the_keyboard(qtbot, program) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, program["ctx"], program["mateo"])
    assert page.edit_button.accessibleName() == "Edit note"
    assert page.edit_action.shortcut().toString() == "Ctrl+E"
    _select(qtbot, page, program["mine"])
    qtbot.keyClick(page.timeline, Qt.Key.Key_Return)  # Enter opens the note
    dialog = page.editor
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.note_edit.hasFocus())
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.note_edit, "Built a long bridge and counted nine blocks.")
    # Alt+D goes to the domains; Space ticks the current one (the first) for this note.
    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert dialog.domains.hasFocus()
    qtbot.keyClick(dialog.domains, Qt.Key.Key_Space)
    qtbot.keyClick(dialog, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert dialog.context_edit.hasFocus()
    qtbot.keyClick(dialog.context_edit, Qt.Key.Key_End)  # the mnemonic selected the text
    qtbot.keyClicks(dialog.context_edit, " (rug)")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S saves
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = obs.get_observation(program["ctx"], program["mine"])
    assert saved.text == "Built a long bridge and counted nine blocks."
    assert saved.context == "Block corner (rug)" and len(saved.domain_ids) == 1
    assert saved.observed_at == WHEN and saved.author_id == program["carlos"]
    assert page.selected_id() == program["mine"] and "nine blocks" in page.timeline.currentItem().text()
    # Ctrl+E on the list opens it too; Escape leaves it unchanged.
    _activate(qtbot, page)
    qtbot.keyClick(page.timeline, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert page.editor is not dialog and page.editor.isVisible()
    qtbot.keyClick(page.editor, Qt.Key.Key_Escape)
    assert obs.get_observation(program["ctx"], program["mine"]).text == saved.text


def test_delete_asks_first_and_only_authors_or_directors_may(qtbot, program) -> None:  # type: ignore[no-untyped-def]
    carlos = program["ctx"].as_actor(Actor(Role.TEACHER, staff_id=program["carlos"], label="Carlos"))
    page = _page(qtbot, carlos, program["mateo"])
    questions: list[str] = []
    answers = [False, True]
    page.confirm = lambda title, text: questions.append(text) or answers.pop(0)  # type: ignore[method-assign]
    _select(qtbot, page, program["theirs"])  # Amina's note: Carlos may read it, not change it
    assert not page.edit_button.isEnabled() and not page.delete_action.isEnabled()
    assert "Only the teacher who wrote this note" in page.edit_button.toolTip()
    qtbot.keyClick(page.timeline, Qt.Key.Key_Delete)
    qtbot.keyClick(page.timeline, Qt.Key.Key_Return)
    assert questions == [] and page.editor is None
    _select(qtbot, page, program["mine"])
    assert page.delete_button.isEnabled() and page.delete_button.accessibleName() == "Delete note"
    qtbot.keyClick(page.timeline, Qt.Key.Key_Delete)  # asked, answered No: kept
    assert len(questions) == 1 and "Mateo Ortiz" in questions[0] and "bridge for the cars" in questions[0]
    assert len(search.child_timeline(carlos, program["mateo"])) == 2
    qtbot.keyClick(page.timeline, Qt.Key.Key_Delete)  # Yes: gone, and the list moves on
    assert [x.id for x in search.child_timeline(carlos, program["mateo"])] == [program["theirs"]]
    assert page.timeline.count() == 1 and page.selected_id() == program["theirs"]
    # The director may change anyone's note.
    boss = _page(qtbot, program["ctx"], program["mateo"])
    _select(qtbot, boss, program["theirs"])
    assert boss.edit_button.isEnabled() and boss.delete_action.isEnabled()


def test_photo_through_the_file_dialog_checked_and_saved(qtbot, program, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, program["ctx"], program["mateo"])
    quick = page.quick
    picker = quick.photo
    assert picker.choose_button.accessibleName() == "Choose a photo" and not picker.remove_button.isEnabled()
    # Refused, with the reason in words, and nothing kept: not an image, too big, damaged.
    fake = tmp_path / "notes.png"
    fake.write_text("not a picture")
    assert not picker.load_file(fake) and "PNG, JPEG, GIF or WebP" in picker.message.text()
    huge = tmp_path / "video.jpg"
    with huge.open("wb") as f:
        f.truncate(9 * 1024 * 1024)
    assert not picker.load_file(huge) and "larger than 8 MB" in picker.message.text()
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert not picker.load_file(broken) and "damaged" in picker.message.text()
    wav = tmp_path / "sound.webp"
    wav.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 32)
    assert not picker.load_file(wav) and picker.photo is None
    # The real dialog, reached with its mnemonic (Alt+O) from the quick note.
    photo = _image(tmp_path / "bridge.png")
    quick.note_edit.setFocus()
    titles = _answer_file_dialog(qtbot, photo)
    qtbot.keyClick(quick, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: picker.photo is not None, timeout=30_000)
    assert titles == ["Choose a photo"] and picker.photo == photo.read_bytes()
    assert not picker.thumb.pixmap().isNull() and picker.remove_button.isEnabled()
    qtbot.keyClicks(quick.children_edit, "mateo")
    qtbot.keyClick(quick.children_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(quick.note_edit, "Showed me the bridge photo and named every car.")
    qtbot.keyClick(quick.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Saved a note" in quick.status_label.text())
    newest = search.child_timeline(program["ctx"], program["mateo"])[0]
    assert newest.has_photo and obs.get_observation(program["ctx"], newest.id).photo == photo.read_bytes()
    assert picker.photo is None and "photo" in page.timeline.item(0).text()
    # In the editor: the photo shows, is replaced by a JPEG, then removed.
    _select(qtbot, page, newest.id)
    editor = page.edit_selected()
    assert editor is not None and editor.photo.photo == photo.read_bytes()
    assert not editor.photo.thumb.pixmap().isNull()
    assert editor.photo.load_file(_image(tmp_path / "later.jpg", "JPEG"))
    editor.save()
    assert obs.get_observation(program["ctx"], newest.id).photo == (tmp_path / "later.jpg").read_bytes()
    editor = page.edit_selected()
    assert editor is not None
    editor.photo.remove_button.click()
    editor.save()
    assert obs.get_observation(program["ctx"], newest.id).photo is None


def _wait_task(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    assert dialog.task is not None
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=60_000)


def test_print_take_home_notes_with_ctrl_p_then_save(qtbot, program, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, program["ctx"], program["mateo"])
    assert page.print_button.accessibleName() == "Print take-home notes"
    qtbot.keyClick(page.timeline, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = page.take_home
    assert dialog is not None and dialog.isVisible()
    assert dialog.scope.currentText() == "Mateo Ortiz only"
    # Nothing shared since tomorrow: said in the dialog, no error box.
    dialog.since.setDate(QDate.currentDate().addDays(1))
    dialog.make_button.setFocus()
    qtbot.keyClick(dialog.make_button, Qt.Key.Key_Space)
    _wait_task(qtbot, dialog)
    assert "no notes shared with families" in dialog.status.text() and dialog.result is None
    # Alt+S reaches the date; Alt+F the scope (the classroom this time); Enter makes the notes.
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert dialog.since.hasFocus()
    dialog.since.setDate(QDate(2026, 9, 1))
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert dialog.scope.hasFocus()
    qtbot.keyClick(dialog.scope, Qt.Key.Key_Down)
    assert dialog.scope.currentText() == "Classroom: Butterflies"
    qtbot.keyClick(dialog.make_button, Qt.Key.Key_Return)
    _wait_task(qtbot, dialog)
    assert dialog.result is not None and dialog.result.pages == 1
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(dialog.result.pdf)).pages)
    assert "Querida familia" in text and "Built a bridge for the cars" in text and "goodbye song" in text
    assert dialog.preview.save_button.isEnabled() and dialog.preview.save_button.hasFocus()
    # Save as PDF… through the real save dialog.
    target = tmp_path / "notes.pdf"
    titles = _answer_file_dialog(qtbot, target)
    qtbot.keyClick(dialog.preview.save_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: target.exists(), timeout=30_000)  # a file dialog's first start is slow
    assert titles == ["Save as PDF"] and target.read_bytes() == dialog.result.pdf


def test_pages_of_notes_load_while_scrolling(qtbot, program, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ctx = program["ctx"]
    for day in range(1, 8):
        obs.add_observation(ctx, o.Observation(
            text=f"Day {day}: watered the bean plant.", child_ids=[program["mateo"]],
            observed_at=dt.datetime(2026, 9, day, 9)))
    monkeypatch.setattr(page_module, "PAGE_SIZE", 4)
    page = _page(qtbot, ctx, program["mateo"])
    shown: Callable[[], list[int]] = lambda: [  # noqa: E731
        page.timeline.item(i).data(Qt.ItemDataRole.UserRole) for i in range(page.timeline.count())]
    assert len(shown()) == 4 and "scroll for older ones" in page.count_label.text()
    qtbot.keyClick(page.timeline, Qt.Key.Key_End)  # the last note shown asks for the next page
    assert len(shown()) == 8 and not page.complete
    qtbot.keyClick(page.timeline, Qt.Key.Key_End)
    assert page.complete
    page.load_more()  # nothing left: no change
    assert shown() == [x.id for x in search.child_timeline(ctx, program["mateo"])]
    assert page.count_label.text() == "9 notes"
    page.timeline.setFixedHeight(80)  # four notes overflow: the list scrolls
    qtbot.keyClicks(page.search_edit, "bean")
    qtbot.waitUntil(lambda: page.timeline.count() == 4)
    bar = page.timeline.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())  # scrolled to the end
    qtbot.waitUntil(lambda: page.timeline.count() == 7)
    assert [page.timeline.item(i).text().split("\n")[1][:5] for i in range(7)] == [
        f"Day {d}" for d in range(7, 0, -1)]


def _mnemonics(root, extra: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = extra + [lbl.text() for lbl in root.findChildren(QLabel) if lbl.buddy() is not None]
    texts += [b.text() for b in root.findChildren(QAbstractButton)]
    found = [re.search(r"&([^&\s])", t.replace("&&", "")) for t in texts]
    return [m.group(1).lower() for m in found if m]


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_new_controls_are_named_and_mnemonics_unique(qtbot, program, language) -> None:  # type: ignore[no-untyped-def]
    from famdesk.gui.accessibility import unnamed_focusable
    from famdesk.i18n import _, set_ui_language

    set_ui_language(language)
    try:
        page = _page(qtbot, program["ctx"], program["mateo"])
        menus = [_("&File"), _("&Go"), _("&Help")]  # the main window's menu bar shares the letters
        letters = _mnemonics(page, menus)
        assert len(letters) == len(set(letters)) and len(letters) >= 11, (language, letters)
        _select(qtbot, page, program["mine"])
        editor = page.edit_selected()
        take_home = page.print_take_home()
        for dialog in (editor, take_home):
            assert dialog is not None
            letters = _mnemonics(dialog, [])
            assert len(letters) == len(set(letters)) and len(letters) >= 3, (language, letters)
            assert unnamed_focusable(dialog) == [], language
        assert unnamed_focusable(page) == [], language
        assert page.print_action.text() != "Print take-home notes…" or language == "en"
    finally:
        set_ui_language("en")
