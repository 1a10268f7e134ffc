"""`famdesk report dashboard`, run as a real process on a real data folder."""

from __future__ import annotations

import csv
import io

from test_cli import famdesk


def test_dashboard_csv_numbers(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert famdesk("demo", "--families", "20", data_dir=tmp_path).returncode == 0
    out = famdesk("report", "dashboard", "--format", "csv", "--today", "2026-11-20", data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    rows = list(csv.reader(io.StringIO(out.stdout)))
    assert rows[0] == ["figure", "item", "value"]
    figures = {(f, i): v for f, i, v in rows[1:]}
    enrolled = int(figures[("enrolled_families", "")])
    attending = int(figures[("families_attending_an_event", "")])
    assert 0 < attending <= enrolled
    assert float(figures[("participation_rate", "")]) == round(attending / enrolled, 4)
    assert ("goals", "in_progress") in figures
    target = tmp_path / "dash.csv"
    assert famdesk("report", "dashboard", "--format", "csv", "-o", str(target), data_dir=tmp_path).returncode == 0
    assert target.read_text(encoding="utf-8").startswith("figure,item,value\n")


def test_dashboard_usage_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert famdesk("report", "dashboard", "--format", "pdf", data_dir=tmp_path).returncode == 2
    assert famdesk("report", "dashboard", "--from", "yesterday", data_dir=tmp_path).returncode == 2


def test_dashboard_pdf(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    assert famdesk("demo", "--families", "15", data_dir=tmp_path).returncode == 0
    target = tmp_path / "board.pdf"
    out = famdesk("report", "dashboard", "-o", str(target), data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    reader = PdfReader(str(target))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Family partnership at a glance" in text and "Families enrolled" in text
