"""The command line, run as a user runs it: a real process on a real data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from famdesk import __version__


def famdesk(*args: str, data_dir=None) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FAMDESK_LANGUAGE": "en"}
    env.pop("FAMDESK_DATABASE_URL", None)
    cmd = [sys.executable, "-m", "famdesk", *(["--data-dir", str(data_dir)] if data_dir else []), *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)


def test_version() -> None:
    out = famdesk("--version")
    assert out.returncode == 0 and __version__ in out.stdout


def test_unknown_input_is_a_usage_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert famdesk("frobnicate", data_dir=tmp_path).returncode == 2
    assert famdesk("demo", "--families", "lots", data_dir=tmp_path).returncode == 2


def test_demo_then_info_and_check(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = famdesk("demo", "--families", "25", data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    info = famdesk("info", "--json", data_dir=tmp_path)
    data = json.loads(info.stdout)
    assert data["counts"]["family"] == 25
    assert data["counts"]["child"] >= 25
    assert data["schema_revision"] == data["schema_head"]
    assert data["path"].startswith(str(tmp_path))
    check = famdesk("check", data_dir=tmp_path)
    assert check.returncode == 0 and "All checks passed" in check.stdout


def test_check_reports_broken_rules(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    famdesk("info", data_dir=tmp_path)
    conn = sqlite3.connect(tmp_path / "famdesk.sqlite3")
    conn.execute("INSERT INTO family (name, address_line1, address_line2, city, region, postal_code, "
                 "home_languages, preferred_language, interpreter_needed, preferred_channel, best_times, "
                 "available_times, directory_consent, photo_consent, status, external_id, notes, search_text, "
                 "created_at, updated_at) VALUES ('X', '', '', '', '', '', '[]', 'en', 0, 'phone', '', '[]', "
                 "0, 0, 'enrolled', '', '', '', '2026-01-01', '2026-01-01')")
    conn.commit()
    conn.close()
    check = famdesk("check", data_dir=tmp_path)
    assert check.returncode == 1 and "no child" in check.stdout
