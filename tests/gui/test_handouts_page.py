"""Handouts page with real widgets: status shown as text, side-by-side editing and review, preview with
the fallback warning, packet composition, and printing packets off the GUI thread with cancel."""

from __future__ import annotations

import io

from pypdf import PdfReader

from famdesk.domain.handouts import HandoutVersion, ReviewState
from famdesk.gui.pages.handouts import HandoutsPage
from famdesk.services import handouts as h
from famdesk.services.demo import create_demo


def _page(qtbot, ctx) -> HandoutsPage:  # type: ignore[no-untyped-def]
    page = HandoutsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 850)
    page.show()
    assert page.loaded
    return page


def _col(page: HandoutsPage, code: str) -> int:
    return 2 + page.langs.index(code)


def test_library_status_is_text_and_editing_reviews(qtbot, sqlite_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, sqlite_ctx)
    assert page.table.rowCount() == 7
    assert page.table.item(0, _col(page, "es")).text().endswith("not reviewed")
    assert page.table.item(0, _col(page, "en")).text().endswith("reviewed")
    assert "not reviewed by a fluent speaker" in page.summary.text()
    assert page.src_title.isReadOnly()  # built-in: read-only

    key = page.create("Rainy day rules", "We go outside.\n\n- Boots")
    assert key and page.table.rowCount() == 8 and page.current_key() == key
    assert page.table.item(7, _col(page, "ar")).text().endswith("missing")
    page.lang.setCurrentIndex(page.lang.findData("es"))
    page.tr_title.setText("Reglas")
    page.tr_body.setPlainText("Salimos igual.")
    page.reviewed.setChecked(True)
    page.reviewer.setText("Rosa Díaz")
    assert page.save()
    v = h.get_handout(sqlite_ctx, key).versions["es"]
    assert (v.title, v.review_state, v.reviewed_by) == ("Reglas", ReviewState.REVIEWED, "Rosa Díaz")
    assert page.table.item(7, _col(page, "es")).text().endswith("reviewed")
    assert "Rosa Díaz" in page.review_info.text()

    page.lang.setCurrentIndex(page.lang.findData("ar"))
    page.preview()
    assert not page.preview_widget.warning.isHidden()
    assert "“Rainy day rules” has no Arabic version yet; printed in English." in page.preview_widget.warning.text()
    assert page.preview_widget.pages_layout.count() >= 2  # one page image + stretch
    out = tmp_path / "x.pdf"
    page.preview_widget.save_to(str(out))
    assert "We go outside." in PdfReader(out).pages[0].extract_text()
    assert page.grab().save(str(tmp_path / "handouts.png"))


def test_packet_composition_and_printing(qtbot, sqlite_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    create_demo(sqlite_ctx, families=6, seed=3)
    key = h.create_handout(sqlite_ctx, HandoutVersion("en", "Quokka news", "Hello.")).key
    page = _page(qtbot, sqlite_ctx)
    panel = page.packet_panel
    panel.available.setCurrentIndex(panel.available.findData(key))
    panel.add_selected()
    panel.packet.setCurrentRow(panel.packet.count() - 1)
    panel.move(-1)
    assert panel.keys()[-2] == key
    panel.packet.setCurrentRow(0)
    panel.remove_selected()
    assert panel.save_packet()
    assert h.packet_handouts(sqlite_ctx) == panel.keys() and "welcome_letter" not in panel.keys()

    from famdesk.services import packets

    assert panel.event_weeks.value() == packets.DEFAULT_EVENT_WEEKS
    panel.event_weeks.setValue(12)  # saved at once: the family page lists 12 weeks of events
    assert packets.packet_event_weeks(sqlite_ctx) == 12
    assert panel.event_weeks.accessibleName()

    panel.all.setChecked(True)
    out = tmp_path / "packets.pdf"
    task = panel.print_packets(str(out))
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=60000)
    assert task.error is None and out.exists()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Quokka news" in text
    assert "6 welcome packet(s)" in panel.result.text()
    assert panel.print_button.isEnabled()

    panel.per_family.setChecked(True)
    task = panel.print_packets(str(tmp_path / "folder"))
    assert task is not None
    task.cancel()
    qtbot.waitUntil(lambda: not task.running, timeout=60000)
    assert task.result.cancelled and "Cancelled" in panel.result.text()
    assert not (tmp_path / "folder").exists()


def test_worksheet_buttons_and_english_copy(qtbot, sqlite_ctx, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)  # no modal box in a test run
    create_demo(sqlite_ctx, families=2, seed=5)
    page = _page(qtbot, sqlite_ctx)
    key = page.create("Rain", "Bring boots.")
    assert key
    xlsx = tmp_path / "w.xlsx"
    assert page.export_worksheet(str(xlsx))
    wb = load_workbook(xlsx)
    ws = wb.worksheets[0]
    col = [c.value for c in ws[1]].index("pt") + 1
    ws.cell(2, col).value, ws.cell(3, col).value = "Chuva", "Traga botas."
    wb.save(xlsx)
    assert page.import_worksheet(str(xlsx)) == ["pt"]
    row = [s.key for s in page.statuses].index(key)
    assert page.table.item(row, _col(page, "pt")).text().endswith("not reviewed")

    panel = page.packet_panel
    fid = panel.family.currentData()
    panel.english_copy.setChecked(True)
    assert h.english_copy(sqlite_ctx, fid)
