"""The families page and its dialogs through real widgets, asserting on the database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QWizard
from sqlalchemy import func, select

from famdesk.db import models as m
from famdesk.domain import records as r
from famdesk.domain.enums import FamilyStatus, Relationship
from famdesk.domain.roles import Actor, Role
from famdesk.gui.pages.families import FamiliesPage
from famdesk.services import accounts, families, staff

SAMPLE = Path(__file__).parent.parent / "data" / "imports" / "roster_utf8_bom_us_dates.csv"


def _add(ctx, name: str, child: str, status: FamilyStatus = FamilyStatus.ENROLLED) -> int:  # type: ignore[no-untyped-def]
    saved = families.add_family(
        ctx,
        r.FamilyDetail(
            r.Family(name=f"{name} family", status=status),
            [
                r.Caregiver(
                    first_name="Ana",
                    last_name=name,
                    relationship=Relationship.MOTHER,
                    mobile_phone="617-555-0100",
                    custody_notes="Court order on file.",
                )
            ],
            [r.Child(first_name=child, last_name=name, birth_date=dt.date(2022, 3, 4))],
        ),
    )
    assert saved.family.id is not None
    return saved.family.id


def _count(ctx, model) -> int:  # type: ignore[no-untyped-def]
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


def test_search_select_edit_and_save(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    _add(sqlite_ctx, "Müller", "Lena")
    fid = _add(sqlite_ctx, "Nguyễn", "Minh")
    page = FamiliesPage(sqlite_ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.keyClicks(page.search, "nguyen")
    qtbot.waitUntil(lambda: page.model.total == 1)
    page.table.selectRow(0)
    assert "Minh" in page.detail.toPlainText() and "Court order" in page.detail.toPlainText()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    QTest.keySequence(page.table, QKeySequence("Ctrl+E"))
    dialog = page.editor
    assert dialog is not None and dialog.isVisible()
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Nguyen-Tran family")  # QTest types ASCII only
    dialog.caregivers.set_text(0, "mobile_phone", "(617) 555-0199")
    dialog.children.set_text(0, "birth_date", "2022-03-05")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = families.get_family(sqlite_ctx, fid)
    assert saved.family.name == "Nguyen-Tran family"
    assert saved.caregivers[0].mobile_phone == "+16175550199"
    assert saved.caregivers[0].custody_notes == "Court order on file."
    assert saved.children[0].birth_date == dt.date(2022, 3, 5)
    assert page.model.rows[0].name == "Nguyen-Tran family"


def test_failed_save_keeps_what_was_typed(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    fid = _add(sqlite_ctx, "Ruiz", "Luz")
    page = FamiliesPage(sqlite_ctx)
    qtbot.addWidget(page)
    page.show()
    page.table.selectRow(0)
    dialog = page.edit_family()
    assert dialog is not None
    dialog.name.clear()
    dialog.caregivers.set_text(0, "mobile_phone", "call the office")
    dialog.children.set_text(0, "first_name", "Luz María")
    dialog.save()
    assert dialog.isVisible() and dialog.problems.isVisible()
    assert "family's name is required" in dialog.problems.text()
    assert "cannot be read" in dialog.problems.text()
    assert dialog.name.text() == "" and dialog.children.table.item(0, 0).text() == "Luz María"
    assert families.get_family(sqlite_ctx, fid).family.name == "Ruiz family"
    dialog.children.set_text(0, "birth_date", "2022-02-30")
    dialog.save()
    assert "2022-02-30" in dialog.problems.text()


def test_new_family_warns_of_duplicate(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    _add(sqlite_ctx, "Ruiz", "Luz")
    page = FamiliesPage(sqlite_ctx)
    qtbot.addWidget(page)
    asked: list[str] = []
    page.confirm = lambda title, text: asked.append(text) or False  # type: ignore[method-assign]
    dialog = page.new_family()
    qtbot.keyClicks(dialog.name, "Ruiz household")
    dialog.children.add_button.click()
    dialog.children.set_text(0, "first_name", "Luz")
    dialog.children.set_text(0, "last_name", "Ruiz")
    dialog.children.set_text(0, "birth_date", "2022-03-04")
    dialog.save()
    assert asked and "Ruiz family" in asked[0]
    assert _count(sqlite_ctx, m.Family) == 1
    page.confirm = lambda title, text: True  # type: ignore[method-assign]
    dialog.save()
    assert _count(sqlite_ctx, m.Family) == 2 and page.model.total == 2


def test_filters_archive_and_erase(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    _add(sqlite_ctx, "Ruiz", "Luz")
    _add(sqlite_ctx, "Cali", "Hodan", status=FamilyStatus.WAITLIST)
    page = FamiliesPage(sqlite_ctx)
    qtbot.addWidget(page)
    page.status.setCurrentIndex(page.status.findData(FamilyStatus.WAITLIST))
    assert page.model.total == 1 and page.model.rows[0].name == "Cali family"
    page.status.setCurrentIndex(0)
    page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # by child
    assert [x.children for x in page.model.rows] == ["Hodan", "Luz"]
    answers = [False]
    page.confirm = lambda title, text: answers.pop(0)  # type: ignore[method-assign]
    page.table.selectRow(0)
    page.archive_family()
    assert page.model.total == 2  # said no
    answers[:] = [True]
    page.archive_family()
    assert page.model.total == 1
    page.table.selectRow(0)
    answers[:] = [True, False]
    page.erase_family()
    assert _count(sqlite_ctx, m.Family) == 2  # second confirmation refused
    answers[:] = [True, True]
    page.erase_family()
    assert _count(sqlite_ctx, m.Family) == 1 and _count(sqlite_ctx, m.Child) == 1


def test_custody_notes_hidden_from_family_services(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    fid = _add(sqlite_ctx, "Ruiz", "Luz")
    worker = staff.save_staff(sqlite_ctx, r.StaffMember(first_name="Ana"))
    accounts.assign_family(sqlite_ctx, fid, worker.id)
    page = FamiliesPage(sqlite_ctx.as_actor(Actor(Role.FAMILY_SERVICES, staff_id=worker.id)))
    qtbot.addWidget(page)
    page.table.selectRow(0)
    assert "Court order" not in page.detail.toPlainText()
    dialog = page.edit_family()
    assert dialog is not None
    assert "custody_notes" not in [c.attr for c in dialog.caregivers.columns]
    dialog.save()
    assert families.get_family(sqlite_ctx, fid).caregivers[0].custody_notes == "Court order on file."


def _wait(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    """The import runs in a worker (gui/tasks); wait for it as a user would."""
    assert wizard.task is not None
    qtbot.waitUntil(lambda: not wizard.task.running, timeout=60000)


def test_import_wizard_dry_run_then_import(qtbot, sqlite_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = FamiliesPage(sqlite_ctx)
    qtbot.addWidget(page)
    wizard = page.import_roster()
    wizard.file_page.path.setText(str(SAMPLE))
    wizard.next()
    grid = wizard.mapping_page.grid
    assert grid.item(4, 0).text() == "Date of Birth"
    assert grid.cellWidget(4, 2).currentData() == "child.birth_date"
    wizard.mapping_page.save_as.setText("Roster")
    wizard.next()
    report = wizard.report_page
    assert report.rows.rowCount() == 3
    assert [report.rows.item(i, 1).text() for i in range(3)] == [
        "Date of Birth",
        "Child First Name",
        "Caregiver 1 Phone",
    ]
    wizard.accept()  # without leaving out the bad rows: nothing is written, the wizard stays
    _wait(qtbot, wizard)
    assert _count(sqlite_ctx, m.Family) == 0 and wizard.isVisible()
    assert "Nothing was imported" in report.status.text()
    report.skip.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    _wait(qtbot, wizard)
    assert _count(sqlite_ctx, m.Family) == 27 and page.model.total == 27
    page.export_to(str(tmp_path / "out.csv"))
    assert (tmp_path / "out.csv").read_text(encoding="utf-8-sig").count("\n") == 48
    page.grab().save(str(tmp_path / "families.png"))


def test_export_school_directory_pdf(qtbot, sqlite_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    fid = _add(sqlite_ctx, "Ruiz", "Luz")
    detail = families.get_family(sqlite_ctx, fid)
    detail.family.directory_consent = True
    families.update_family(sqlite_ctx, detail)
    _add(sqlite_ctx, "Cali", "Hodan")
    page = FamiliesPage(sqlite_ctx)
    qtbot.addWidget(page)
    page.export_to(str(tmp_path / "directory.pdf"))
    text = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "directory.pdf")).pages)
    assert "Ruiz family" in text and "Cali" not in text


@pytest.mark.parametrize(("role", "shown"), [
    (Role.DIRECTOR, {"new", "archive", "erase", "merge", "import", "export", "contact"}),
    (Role.FAMILY_SERVICES, {"archive", "contact"}),
    (Role.TEACHER, {"contact"}),
    (Role.OFFICE, set()),
])
def test_the_toolbar_offers_what_the_role_may_do(qtbot, sqlite_ctx, role, shown) -> None:  # type: ignore[no-untyped-def]
    page = FamiliesPage(sqlite_ctx.as_actor(Actor(role, staff_id=None)))
    qtbot.addWidget(page)
    visible = {name for name, action in (("new", page.new_action), ("archive", page.archive_action),
                                         ("erase", page.erase_action), ("merge", page.merge_action),
                                         ("import", page.import_action), ("export", page.export_action))
               if action.isVisible()}
    if not page.log_contact.isHidden():
        visible.add("contact")
    assert visible == shown
