"""Commands sign in once the program has accounts and act with that user's role (real processes, folders).

A program without accounts lets commands act as director ("command line"); once an account exists, every
command needs ``--user NAME`` (or FAMDESK_USER) and the password (FAMDESK_PASSWORD here: never a pipe), and
what the role may not do is refused with a sentence, never a traceback.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BOSS_PW, OFFICE_PW, TEACHER_PW = "boss password 1", "office password 1", "teacher password 1"
FRAMEWORK = ROOT / "resources" / "frameworks" / "head_start_elof.json"
SAMPLE = ROOT / "tests" / "data" / "imports" / "roster_utf8_bom_us_dates.csv"


def famdesk(data: Path, *args: str, env: dict[str, str] | None = None,
            stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    drop = ("FAMDESK_PASSWORD", "FAMDESK_USER", "FAMDESK_DATABASE_URL", "FAMDESK_NEW_USER_PASSWORD")
    base = {k: v for k, v in os.environ.items() if k not in drop}
    out = subprocess.run([sys.executable, "-m", "famdesk", "--data-dir", str(data), *args], cwd=ROOT,
                         capture_output=True, text=True, timeout=180, input=stdin,
                         stdin=None if stdin is not None else subprocess.DEVNULL,
                         env={**base, "FAMDESK_LANGUAGE": "en", "QT_QPA_PLATFORM": "offscreen",
                              **(env or {})})
    assert "Traceback" not in out.stdout + out.stderr, out.stderr
    return out


def as_user(data: Path, name: str, password: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return famdesk(data, "--user", name, *args, env={"FAMDESK_PASSWORD": password, **env})


def refused(out: subprocess.CompletedProcess[str]) -> str:
    """A refusal: exit 1 and one sentence on stderr (no traceback: ``famdesk`` checks every output)."""
    assert out.returncode == 1, (out.stdout, out.stderr)
    text = out.stderr.strip()
    assert text.startswith("famdesk: ") and text.endswith((".", "director")) and len(text.split()) > 5, text
    return text


def _sql(data: Path, query: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(data / "famdesk.sqlite3")
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Demo families, a director, an office and a teacher account; made through the command line."""
    data = tmp_path_factory.mktemp("signin") / "data"
    assert famdesk(data, "demo", "--families", "4").returncode == 0  # no account yet: acts as director
    made = famdesk(data, "add-user", "boss", "--role", "director", env={"FAMDESK_NEW_USER_PASSWORD": BOSS_PW})
    assert made.returncode == 0, made.stderr
    for name, role, pw in (("ofelia", "office", OFFICE_PW), ("tomas", "teacher", TEACHER_PW)):
        out = as_user(data, "boss", BOSS_PW, "add-user", name, "--role", role, FAMDESK_NEW_USER_PASSWORD=pw)
        assert out.returncode == 0, out.stderr
    return data


def test_without_accounts_commands_act_as_director(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert famdesk(data, "demo", "--families", "2").returncode == 0
    backup = famdesk(data, "backup", "-o", str(tmp_path / "b.sqlite3"))
    assert backup.returncode == 0, backup.stderr
    out = famdesk(data, "export", "families", "-o", str(tmp_path / "f.csv"))
    assert out.returncode == 0, out.stderr
    assert famdesk(data, "info", "--json").returncode == 0
    assert {"command line"} == {a for (a,) in _sql(data, "SELECT DISTINCT actor FROM audit_entry")}
    nobody = famdesk(data, "--user", "boss", "info", env={"FAMDESK_PASSWORD": BOSS_PW})
    assert "no accounts yet" in refused(nobody)


def test_a_command_without_a_sign_in_is_refused(program: Path) -> None:
    before = _sql(program, "SELECT count(*) FROM user_account")
    for args in (("info",), ("check",), ("add-user", "mallory", "--role", "director"),
                 ("reset-password", "boss")):
        text = refused(famdesk(program, *args, env={"FAMDESK_NEW_USER_PASSWORD": "taken over 123"}))
        assert "--user NAME" in text
    assert _sql(program, "SELECT count(*) FROM user_account") == before
    # No password to hand: asked on a terminal only, never read from a pipe.
    piped = famdesk(program, "--user", "boss", "info", stdin=BOSS_PW + "\n")
    assert "FAMDESK_PASSWORD" in refused(piped)


def test_the_director_signs_in_and_a_wrong_password_is_counted(program: Path) -> None:
    out = as_user(program, "boss", BOSS_PW, "info", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["counts"]["family"] == 4
    env_user = famdesk(program, "info", env={"FAMDESK_USER": "boss", "FAMDESK_PASSWORD": BOSS_PW})
    assert env_user.returncode == 0, env_user.stderr
    wrong = refused(as_user(program, "boss", "not the password", "info"))
    assert "do not match" in wrong
    assert _sql(program, "SELECT failed_attempts FROM user_account WHERE username = 'boss'") == [(1,)]
    assert "do not match" in refused(as_user(program, "nobody", BOSS_PW, "info"))
    assert as_user(program, "boss", BOSS_PW, "info").returncode == 0  # a right one clears the count
    assert _sql(program, "SELECT failed_attempts FROM user_account WHERE username = 'boss'") == [(0,)]
    boss = _sql(program, "SELECT id FROM user_account WHERE username = 'boss'")[0][0]
    assert (boss, "login") in _sql(program, "SELECT user_id, action FROM audit_entry WHERE kind = 'users'")


def test_wrong_passwords_lock_the_account_like_the_window(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert famdesk(data, "add-user", "boss", "--role", "director",
                   env={"FAMDESK_NEW_USER_PASSWORD": BOSS_PW}).returncode == 0
    for _attempt in range(5):
        assert "do not match" in refused(as_user(data, "boss", "guess guess guess", "info"))
    locked = refused(as_user(data, "boss", BOSS_PW, "info"))  # even the right password now waits
    assert "Too many wrong passwords" in locked and "seconds" in locked


@pytest.mark.parametrize("name,password", [("ofelia", OFFICE_PW), ("tomas", TEACHER_PW)])
def test_office_and_teacher_are_refused_what_their_role_may_not_do(program: Path, tmp_path: Path, name: str,
                                                                    password: str) -> None:
    accounts = _sql(program, "SELECT username, role, password_hash FROM user_account ORDER BY id")
    families = _sql(program, "SELECT count(*) FROM family")
    saved = tmp_path / "saved.sqlite3"
    assert as_user(program, "boss", BOSS_PW, "backup", "-o", str(saved)).returncode == 0
    new_pw = {"FAMDESK_NEW_USER_PASSWORD": "taken over 123"}
    attempts = {
        "add-user": ("add-user", "mallory", "--role", "director"),
        "reset-password": ("reset-password", "boss"),
        "backup": ("backup", "-o", str(tmp_path / "mine.sqlite3")),
        "restore": ("restore", str(saved), "--yes"),
        "import": ("import", str(SAMPLE), "--skip-bad-rows"),
        "export families": ("export", "families", "-o", str(tmp_path / "families.csv")),
        "export family": ("export", "family", "1", "-o", str(tmp_path / "family.json")),
        "load a framework": ("observations", "load-framework", str(FRAMEWORK)),
        "encrypt": ("encrypt",),
        "demo": ("demo", "--families", "1"),
    }
    for what, args in attempts.items():
        text = refused(as_user(program, name, password, *args, **new_pw))
        assert "may not" in text or "director" in text, (what, text)
    assert _sql(program, "SELECT username, role, password_hash FROM user_account ORDER BY id") == accounts
    assert _sql(program, "SELECT count(*) FROM family") == families
    assert not any(tmp_path.glob("mine*")) and not any(tmp_path.glob("famil*"))


@pytest.mark.parametrize("name,password", [("ofelia", OFFICE_PW), ("tomas", TEACHER_PW)])
def test_office_and_teacher_may_read_and_print_handouts(program: Path, tmp_path: Path, name: str,
                                                        password: str) -> None:
    listing = as_user(program, name, password, "print", "handout", "--list")
    assert listing.returncode == 0, listing.stderr
    key = listing.stdout.split()[0]
    pdf = tmp_path / "handout.pdf"
    printed = as_user(program, name, password, "print", "handout", key, "-o", str(pdf))
    assert printed.returncode == 0, printed.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    frameworks = as_user(program, name, password, "observations", "frameworks")
    assert frameworks.returncode == 0 and frameworks.stdout.strip(), frameworks.stderr
    user = _sql(program, f"SELECT id FROM user_account WHERE username = '{name}'")[0][0]
    assert (user, "login") in _sql(program, "SELECT user_id, action FROM audit_entry")


def test_the_command_line_imports_no_window_module() -> None:
    code = ("import sys, famdesk.cli\n"
            "from famdesk.cli import build_parser, sign_in, encryption, accounts\n"
            "build_parser()\n"
            "print(sorted(m for m in sys.modules\n"
            "             if m.startswith(('famdesk.gui', 'PySide6')) or m == 'famdesk.app'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_on_an_encrypted_database_the_unlocking_password_signs_in(tmp_path: Path) -> None:
    from famdesk.db import cipher

    if not cipher.available():
        pytest.skip("sqlcipher3-binary is not installed")
    data = tmp_path / "data"
    assert famdesk(data, "add-user", "boss", "--role", "director",
                   env={"FAMDESK_NEW_USER_PASSWORD": BOSS_PW}).returncode == 0
    assert as_user(data, "boss", BOSS_PW, "add-user", "ofelia", "--role", "office",
                   FAMDESK_NEW_USER_PASSWORD=OFFICE_PW).returncode == 0
    out = as_user(data, "boss", BOSS_PW, "encrypt")
    assert out.returncode == 0, out.stderr
    plain = famdesk(data, "info", env={"FAMDESK_PASSWORD": BOSS_PW})  # no --user: the unlocking director
    assert plain.returncode == 0 and "Encrypted: yes" in plain.stdout, plain.stderr
    assert as_user(data, "boss", BOSS_PW, "info").returncode == 0  # --user names the director
    assert "do not match" in refused(as_user(data, "ofelia", BOSS_PW, "info"))  # the password is boss's
