"""Starting on the machines directors have: no desktop session, a Windows display language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from famdesk import app


def test_without_a_desktop_the_window_start_says_so_and_makes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = subprocess.run([sys.executable, "-m", "famdesk", "--data-dir", str(data)], capture_output=True,
                         text=True, env={**env, "FAMDESK_LANGUAGE": "en"}, timeout=120)
    assert out.returncode == 1
    assert "needs a desktop" in out.stderr and "Traceback" not in out.stderr + out.stdout
    assert "xcb" not in out.stderr
    assert not data.exists()  # nothing was created before the refusal


def test_commands_still_run_without_a_desktop(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = subprocess.run([sys.executable, "-m", "famdesk", "--data-dir", str(tmp_path / "d"), "info"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr


def test_the_windows_display_language_becomes_the_interface_language() -> None:
    # GetUserDefaultUILanguage's LANGIDs: Spanish (Spain, modern sort), Arabic (Egypt), Vietnamese.
    assert app.windows_language(lambda: 0x0C0A) == "es_ES"
    assert app.windows_language(lambda: 0x0C01) == "ar_EG"
    assert app.windows_language(lambda: 0x042A) == "vi_VN"
    assert app.windows_language(lambda: 0x7FFF) is None  # unknown: English, never a crash
