"""Qt belongs to famdesk.gui only: every other package imports without PySide6."""

from __future__ import annotations

import subprocess
import sys


def test_non_gui_packages_do_not_import_pyside6() -> None:
    code = (
        "import sys, famdesk.services, famdesk.db, famdesk.domain, famdesk.cli, famdesk.app\n"
        "import famdesk.services.families, famdesk.services.demo, famdesk.db.migrate\n"
        "print('PySide6' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
