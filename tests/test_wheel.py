"""The built wheel carries everything famdesk needs and runs from an install, not only from a checkout."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, text=True)
    return next(out.glob("famdesk-*.whl"))


def test_the_wheel_holds_fonts_frameworks_wording_and_catalogs(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("famdesk/resources/fonts/") and n.endswith(".ttf") for n in names)
    assert any("LICENSE" in n.upper() or "OFL" in n.upper() for n in names if "/fonts/" in n)
    assert "famdesk/resources/frameworks/head_start_elof.json" in names
    assert any(n.startswith("famdesk/resources/wording/") for n in names)
    assert "famdesk/translations/es/LC_MESSAGES/famdesk.po" in names
    assert "famdesk/translations/ar/LC_MESSAGES/handouts.po" in names
    assert "famdesk/db/migrations/script.py.mako" in names


def test_an_installed_wheel_makes_the_demo_and_prints_in_spanish(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    with zipfile.ZipFile(wheel) as z:  # what pip install does for a pure wheel, without pip in the venv
        z.extractall(site)
    data, away = tmp_path / "data", tmp_path / "elsewhere"
    away.mkdir()

    def run(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
        code = "import sys, famdesk.app; sys.exit(famdesk.app.main(sys.argv[1:]))"
        return subprocess.run([str(python), "-c", code, "--data-dir", str(data), *args], cwd=away,
                              capture_output=True, text=True, env={"FAMDESK_LANGUAGE": lang, "PATH": "/usr/bin:/bin",
                                                                    "HOME": str(tmp_path)})

    where = subprocess.run([str(python), "-c", "import famdesk; print(famdesk.__file__)"], cwd=away,
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(site), where  # the installed copy, not the checkout
    made = run("demo")
    assert made.returncode == 0, made.stderr
    printed = run("print", "welcome-packet", "--family", "1", "-o", str(tmp_path / "p.pdf"), lang="es")
    assert printed.returncode == 0, printed.stderr
    assert "paquete" in printed.stdout and (tmp_path / "p.pdf").stat().st_size > 5000
    assert "Traceback" not in made.stderr + printed.stderr
