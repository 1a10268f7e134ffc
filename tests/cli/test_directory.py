"""`famdesk import` and `famdesk export`, run through the real argument parser on a real data folder."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import vobject
from openpyxl import load_workbook

from famdesk.app import main as run

SAMPLE = Path(__file__).parent.parent / "data" / "imports" / "roster_utf8_bom_us_dates.csv"


def famdesk(tmp_path: Path, *args: str) -> int:
    return run(["--data-dir", str(tmp_path / "data"), *args])


def test_import_with_bad_rows_writes_nothing_and_lists_them(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert famdesk(tmp_path, "import", str(SAMPLE)) == 1
    out = capsys.readouterr()
    assert "row 21, column “Date of Birth”" in out.out
    assert "row 33, column “Child First Name”" in out.out
    assert "row 40, column “Caregiver 1 Phone”" in out.out
    assert "Nothing was imported: 3 rows have problems" in out.err
    assert famdesk(tmp_path, "info", "--json") == 0
    assert json.loads(capsys.readouterr().out)["counts"]["family"] == 0


def test_dry_run_then_import_skipping_bad_rows_then_export(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert famdesk(tmp_path, "import", str(SAMPLE), "--dry-run", "--skip-bad-rows") == 0
    assert "would import 27 families, 41 caregivers, 47 children" in capsys.readouterr().out
    assert famdesk(tmp_path, "import", str(SAMPLE), "--skip-bad-rows", "--save-mapping", "Roster") == 0
    assert "Imported 27 families, 41 caregivers, 47 children. 3 bad rows left out." in capsys.readouterr().out

    out_csv = tmp_path / "families.csv"
    assert famdesk(tmp_path, "export", "families", "--format", "csv", "-o", str(out_csv)) == 0
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 47 and len({r["Family ID"] for r in rows}) == 27

    out_xlsx = tmp_path / "families.xlsx"
    assert famdesk(tmp_path, "export", "families", "--format", "xlsx", "-o", str(out_xlsx)) == 0
    assert load_workbook(out_xlsx).active.max_row == 48

    out_vcf = tmp_path / "caregivers.vcf"
    assert famdesk(tmp_path, "export", "families", "--format", "vcf", "-o", str(out_vcf)) == 0
    cards = list(vobject.readComponents(out_vcf.read_text(encoding="utf-8")))
    assert len(cards) == 41 and all(c.version.value == "4.0" for c in cards)

    # The exported CSV imports again with the saved mapping's recognition: the same households.
    assert famdesk(tmp_path, "import", str(out_csv), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "would import 27 families, 41 caregivers, 47 children" in out
    assert "may already be in the directory" in out

    out_json = tmp_path / "family.json"
    assert famdesk(tmp_path, "export", "family", "1", "-o", str(out_json)) == 0
    record = json.loads(out_json.read_text(encoding="utf-8"))
    assert record["family"]["external_id"] == "F700001" and len(record["children"]) == 3


def test_export_of_missing_family_fails_cleanly(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert famdesk(tmp_path, "export", "family", "99", "-o", str(tmp_path / "x.json")) == 1
    assert "no longer in the directory" in capsys.readouterr().err
