"""`famdesk encrypt` / `decrypt` and every command on an encrypted database (real subprocesses, real files)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from famdesk.db import cipher, keyring

ROOT = Path(__file__).resolve().parents[2]
PW = "boss password 1"
pytestmark = pytest.mark.skipif(not cipher.available(), reason="sqlcipher3-binary is not installed")


def famdesk(data: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k != "FAMDESK_PASSWORD"}
    return subprocess.run([sys.executable, "-m", "famdesk", "--data-dir", str(data), *args], cwd=ROOT,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=180,
                          env={**base, "FAMDESK_LANGUAGE": "en", **(env or {})})


def as_boss(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return famdesk(data, *args, env={"FAMDESK_PASSWORD": PW})


def test_encrypt_then_every_command_needs_a_directors_password(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert famdesk(data, "demo", "--families", "6").returncode == 0
    refused = famdesk(data, "encrypt", env={"FAMDESK_PASSWORD": PW})
    assert refused.returncode == 1 and "add-user NAME --role director" in refused.stderr
    assert famdesk(data, "add-user", "boss", "--role", "director",
                   env={"FAMDESK_NEW_USER_PASSWORD": PW}).returncode == 0
    assert "--user NAME" in as_boss(data, "encrypt").stderr  # accounts exist: a plain database signs in
    out = as_boss(data, "--user", "boss", "encrypt")
    assert out.returncode == 0, out.stderr
    assert "now encrypted" in out.stdout and "famdesk.keys" in out.stdout
    live = data / "famdesk.sqlite3"
    assert cipher.is_encrypted_file(live) and b"SQLite format 3" not in live.read_bytes()[:100]

    no_password = famdesk(data, "info")
    assert no_password.returncode == 1 and "FAMDESK_PASSWORD" in no_password.stderr
    wrong = famdesk(data, "info", env={"FAMDESK_PASSWORD": "not the password"})
    assert wrong.returncode == 1 and "does not unlock" in wrong.stderr and "Traceback" not in wrong.stderr
    info = as_boss(data, "info")
    assert info.returncode == 0 and "Encrypted: yes" in info.stdout and "family                        6" in info.stdout
    assert as_boss(data, "encrypt").stdout.strip() == "This database is already encrypted."
    assert as_boss(data, "demo", "--families", "2").returncode == 0
    assert as_boss(data, "check").returncode == 0

    # Commands on the encrypted database act as the director whose password opened it, not "command line".
    key = keyring.unlock_database(live, PW).key
    conn = cipher.connect(live, key, readonly=True)
    boss = conn.execute("SELECT id FROM user_account WHERE username = 'boss'").fetchone()[0]
    last = conn.execute("SELECT user_id, actor FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    assert last == (boss, "director")


def test_encrypted_backup_restore_and_decrypt_on_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert famdesk(data, "demo", "--families", "5").returncode == 0
    famdesk(data, "add-user", "boss", "--role", "director", env={"FAMDESK_NEW_USER_PASSWORD": PW})
    famdesk(data, "--user", "boss", "add-user", "deputy", "--role", "director",
            env={"FAMDESK_PASSWORD": PW, "FAMDESK_NEW_USER_PASSWORD": "deputy pw 123"})
    several = as_boss(data, "encrypt")
    assert several.returncode == 1 and "--user" in several.stderr
    assert as_boss(data, "encrypt", "--user", "boss").returncode == 0
    saved = tmp_path / "b.sqlite3"
    out = as_boss(data, "backup", "-o", str(saved))
    assert out.returncode == 0 and "b.keys" in out.stdout
    assert cipher.is_encrypted_file(saved) and (tmp_path / "b.keys").is_file()
    assert as_boss(data, "demo", "--families", "3").returncode == 0
    restored = as_boss(data, "restore", str(saved), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "family                5" in restored.stdout
    assert not (data / "famdesk.sqlite3-wal").exists() and not (data / "famdesk.sqlite3-shm").exists()
    assert cipher.is_encrypted_file(data / "famdesk.sqlite3")
    for backup in (data / "backups").glob("*.sqlite3"):
        assert cipher.is_encrypted_file(backup), backup.name
    assert as_boss(data, "check").returncode == 0
    # The deputy director's password opens it once they signed in after the encryption (in the window, after
    # a director unlocked it) or a director reset it; the reset keeps the database openable for both.
    assert famdesk(data, "info", env={"FAMDESK_PASSWORD": "deputy pw 123"}).returncode == 1
    reset = famdesk(data, "reset-password", "deputy",
                    env={"FAMDESK_PASSWORD": PW, "FAMDESK_NEW_USER_PASSWORD": "deputy new pw 1"})
    assert reset.returncode == 0, reset.stderr
    assert famdesk(data, "info", env={"FAMDESK_PASSWORD": "deputy new pw 1"}).returncode == 0
    assert as_boss(data, "info").returncode == 0

    decrypted = as_boss(data, "decrypt", "--yes")
    assert decrypted.returncode == 0, decrypted.stderr
    assert not cipher.is_encrypted_file(data / "famdesk.sqlite3") and not (data / "famdesk.keys").exists()
    assert famdesk(data, "info").returncode == 1  # plain again, with accounts: a command signs in
    info = as_boss(data, "--user", "boss", "info")
    assert info.returncode == 0 and "Encrypted: no" in info.stdout and "family                        5" in info.stdout
