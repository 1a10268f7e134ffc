"""``famdesk handouts …`` in real processes: worksheet out, filled, back in; English copy switch."""

from __future__ import annotations

from openpyxl import load_workbook

from famdesk.app import open_database
from famdesk.domain.handouts import HandoutVersion
from famdesk.domain.roles import DIRECTOR
from famdesk.services import handouts as h
from tests.cli.test_cli import famdesk


def test_worksheet_round_trip_and_english_copy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    assert famdesk("demo", "--families", "3", data_dir=data).returncode == 0
    opened = open_database(str(data))
    key = h.create_handout(opened.ctx.as_actor(DIRECTOR), HandoutVersion("en", "Rain", "Bring boots.")).key
    opened.ctx.db.dispose()

    xlsx = tmp_path / "ws.xlsx"
    out = famdesk("handouts", "export-worksheet", key, "--lang", "es,ko", "-o", str(xlsx), data_dir=data)
    assert out.returncode == 0, out.stderr
    pdf = famdesk("handouts", "export-worksheet", key, "-o", str(tmp_path / "ws.pdf"), data_dir=data)
    assert pdf.returncode == 0 and (tmp_path / "ws.pdf").read_bytes().startswith(b"%PDF")

    wb = load_workbook(xlsx)
    ws = wb.worksheets[0]
    ws["C2"], ws["C3"] = "Lluvia", "Traiga botas."
    ws["D2"] = "비"  # Korean half done: the whole import must be refused
    wb.save(xlsx)
    bad = famdesk("handouts", "import-worksheet", str(xlsx), data_dir=data)
    assert bad.returncode == 1 and "Row 3, column D (ko)" in bad.stderr
    ws["D3"] = "장화를 가져오세요."
    wb.save(xlsx)
    good = famdesk("handouts", "import-worksheet", str(xlsx), data_dir=data)
    assert good.returncode == 0, good.stderr
    assert "es, ko" in good.stdout

    listing = famdesk("print", "handout", "--list", data_dir=data)
    line = listing.stdout.split(key)[1].splitlines()[1]
    assert "es: translated" in line and "ko: translated" in line and "ar: missing" in line

    on = famdesk("handouts", "english-copy", "--family", "1", "--on", data_dir=data)
    assert on.returncode == 0
    opened = open_database(str(data))
    assert h.english_copy(opened.ctx.as_actor(DIRECTOR), 1)
    opened.ctx.db.dispose()
