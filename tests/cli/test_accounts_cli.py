"""`famdesk backup`, `famdesk restore`, `famdesk check` finding a tampered audit entry (real subprocesses)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def famdesk(data: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "famdesk", "--data-dir", str(data), *args], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "FAMDESK_LANGUAGE": "en", **(env or {})},
                          timeout=120)


def test_backup_restore_and_tamper_check(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert famdesk(data, "demo", "--families", "5").returncode == 0
    out = famdesk(data, "backup", "-o", str(tmp_path / "b.sqlite3"))
    assert out.returncode == 0, out.stderr
    assert famdesk(data, "demo", "--families", "3").returncode == 0
    restored = famdesk(data, "restore", str(tmp_path / "b.sqlite3"), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "family                5" in restored.stdout
    assert not (data / "famdesk.sqlite3-wal").exists()
    conn = sqlite3.connect(data / "famdesk.sqlite3")
    assert conn.execute("SELECT count(*) FROM family").fetchone()[0] == 5
    actors = {r[0] for r in conn.execute("SELECT actor FROM audit_entry")}
    assert "command line" in actors
    assert famdesk(data, "check").returncode == 0
    conn.execute("UPDATE audit_entry SET record_id = 999 WHERE id = 1")
    conn.commit()
    conn.close()
    check = famdesk(data, "check")
    assert check.returncode == 1
    assert "Audit log: entry 1 was changed after it was written." in check.stdout


def test_add_user_and_reset_password_from_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"FAMDESK_NEW_USER_PASSWORD": "first password 1"}
    first = famdesk(data, "add-user", "tala", "--role", "teacher", env=env)
    assert first.returncode == 1 and "first account must be a director" in first.stderr
    boss = {"FAMDESK_PASSWORD": "boss password 1"}
    assert famdesk(data, "add-user", "boss", "--role", "director",
                   env={"FAMDESK_NEW_USER_PASSWORD": "boss password 1"}).returncode == 0
    assert famdesk(data, "add-user", "tala", "--role", "teacher", env=env).returncode == 1  # nobody signed in
    made = famdesk(data, "--user", "boss", "add-user", "tala", "--role", "teacher", env={**env, **boss})
    assert made.returncode == 0, made.stderr
    out = famdesk(data, "--user", "boss", "reset-password", "tala",
                  env={**boss, "FAMDESK_NEW_USER_PASSWORD": "second password 2"})
    assert out.returncode == 0, out.stderr
    conn = sqlite3.connect(data / "famdesk.sqlite3")
    assert conn.execute("SELECT role FROM user_account WHERE username='tala'").fetchone()[0] == "teacher"
    tala = conn.execute("SELECT id FROM user_account WHERE username='tala'").fetchone()[0]
    entries = conn.execute("SELECT action, record_id FROM audit_entry WHERE kind='users' "
                           "AND action NOT LIKE 'login%' ORDER BY id").fetchall()
    assert entries[-1][1] == tala  # the last change to an account: the reset of tala's password
    conn.close()
    assert famdesk(data, "--user", "boss", "reset-password", "nobody", env={**env, **boss}).returncode == 1


def test_restore_refused_while_the_window_is_open(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert famdesk(data, "backup", "-o", str(tmp_path / "b.sqlite3")).returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; sys.path.insert(0, '.');"
        "from pathlib import Path; from famdesk.db.location import InstanceLock;"
        f"lock = InstanceLock(Path({str(data)!r})).acquire(); print('held', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        out = famdesk(data, "restore", str(tmp_path / "b.sqlite3"), "--yes")
    finally:
        holder.kill()
        holder.wait()
    assert out.returncode == 1 and "already open" in out.stderr
