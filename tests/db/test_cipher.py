"""Encryption at rest with real SQLCipher files: nothing readable on disk, only a director's password opens.

No mocks: real sqlcipher3, real files, bytes of the database, its -wal and its backups grepped for a canary.
"""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from famdesk.app import PasswordNeeded, open_database
from famdesk.db import cipher, keyring, migrate, swap
from famdesk.db.session import Database
from famdesk.domain import records as r
from famdesk.domain.errors import PermissionDenied, StorageError, ValidationError
from famdesk.domain.roles import COMMAND_LINE, DIRECTOR, Role
from famdesk.paths import DATABASE_FILE
from famdesk.services import accounts, backups, encryption, families
from famdesk.services.context import ServiceContext
from famdesk.services.demo import create_demo

pytestmark = pytest.mark.skipif(not cipher.available(), reason="sqlcipher3-binary is not installed")

PW = "director one pw"
CANARY = b"quorblewick"


@pytest.fixture(autouse=True)
def _fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "HASH_PARAMETERS", accounts.OWASP_MINIMUM)


def _family(ctx: ServiceContext, name: str) -> int:
    detail = families.add_family(ctx, r.FamilyDetail(r.Family(name=name), [r.Caregiver(first_name="Ana")],
                                                     [r.Child(first_name="Leo")]))
    assert detail.family.id is not None
    return detail.family.id


def _names(ctx: ServiceContext) -> set[str]:
    return {x.name for x in families.search_families(ctx, limit=10_000)}


def _open(folder: str, **kwargs: object):  # type: ignore[no-untyped-def]
    """``open_database`` with the director who signed in (as the ``ctx`` fixture acts)."""
    opened = open_database(folder, **kwargs)  # type: ignore[arg-type]
    opened.ctx = opened.ctx.as_actor(DIRECTOR)
    return opened


def _director(ctx: ServiceContext, name: str = "boss", password: str = PW) -> ServiceContext:
    user = accounts.add_user(ctx, name, password, Role.DIRECTOR)
    return ctx.as_actor(accounts.actor_for(user))


def _files_without_canary(*paths: Path) -> None:
    for path in paths:
        if path.exists():
            assert CANARY not in path.read_bytes().lower(), path


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _encrypted(tmp_path: Path, demo: int = 0) -> tuple[Path, ServiceContext]:
    """A data folder with an encrypted database (and a director ``boss``); returns (folder, ctx)."""
    data = tmp_path / "data"
    opened = _open(str(data))
    ctx = _director(opened.ctx)
    if demo:
        create_demo(ctx, families=demo)
    _family(ctx, "Quorblewick family")
    encryption.encrypt_database(ctx, PW, opened.paths.backups)
    return data, ctx


def test_building_blocks_wrap_the_key_per_director(sqlite_ctx, tmp_path: Path) -> None:
    _family(sqlite_ctx, "Quorblewick family")
    sqlite_ctx.db.checkpoint()
    key = cipher.new_key()
    enc = cipher.encrypt_copy(Path(sqlite_ctx.db.sqlite_path), tmp_path / "enc.sqlite3", key)
    assert CANARY not in enc.read_bytes().lower() and cipher.is_encrypted_file(enc)
    keyring.save_wraps(keyring.keys_file(enc), [keyring.wrap(key, "director one pw", 1),
                                                keyring.wrap(key, "director two pw", 2)])
    assert b"director" not in keyring.keys_file(enc).read_bytes()
    with pytest.raises(PermissionDenied, match="does not unlock"):
        keyring.unlock_database(enc, "guessed password")
    unlocked = keyring.unlock_database(enc, "director two pw")
    assert unlocked == keyring.Unlocked(key, 2)
    db = Database.open(f"sqlite+pysqlite:///{enc}", key=unlocked.key)
    try:
        ctx = ServiceContext(db, DIRECTOR)
        assert _names(ctx) == {"Quorblewick family"}
        _family(ctx, "Second family")
        # Every pragma famdesk sets for SQLite holds on the encrypted engine too.
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    finally:
        db.dispose()
    assert b"second family" not in enc.read_bytes().lower()
    # A wrap cannot be moved to another account: the account id is authenticated with the key.
    wraps = keyring.load_wraps(keyring.keys_file(enc))
    wraps[1]["user"] = 1
    keyring.save_wraps(keyring.keys_file(enc), wraps[1:])
    with pytest.raises(PermissionDenied):
        keyring.unlock_database(enc, "director two pw")


def test_encrypting_a_demo_database_keeps_every_row_and_no_readable_copy(tmp_path: Path) -> None:
    data = tmp_path / "data"
    opened = _open(str(data))
    ctx = _director(opened.ctx)
    create_demo(ctx, families=40)
    _family(ctx, "Quorblewick family")
    live = data / DATABASE_FILE
    ctx.db.checkpoint()
    conn = sqlite3.connect(live)
    before = cipher.table_counts(conn)
    conn.close()
    assert CANARY in live.read_bytes().lower()  # the canary is really there while plain
    result = encryption.encrypt_database(ctx, PW, opened.paths.backups)
    assert encryption.is_encrypted(ctx) and cipher.is_encrypted_file(live)
    assert (data / "famdesk.keys").is_file()
    ctx.db.dispose()
    assert not _side(live, "-wal").exists() and not _side(live, "-shm").exists()
    _files_without_canary(live)
    # The plain backups (the one taken first included) were encrypted too, each with its key file.
    assert result.safety_backup.name.startswith("before-encrypt-") and not result.left_plain
    assert len(result.converted_backups) >= 1
    for backup in (data / "backups").glob("*.sqlite3"):
        assert cipher.is_encrypted_file(backup) and keyring.keys_file(backup).is_file()
        _files_without_canary(backup)
    # Reopened with the director's password: every row of every table is there.
    again = _open(str(data), password=PW)
    try:
        after = cipher.table_counts(cipher.connect(live, again.ctx.db.key, readonly=True))
        assert {t: n for t, n in after.items() if t != "audit_entry"} == \
            {t: n for t, n in before.items() if t != "audit_entry"}
        assert after["audit_entry"] > before["audit_entry"]  # the encryption itself was audited
        assert "Quorblewick family" in _names(again.ctx)
        # New writes go through the -wal, encrypted as well.
        _family(again.ctx, "Quorblewick second family")
        assert _side(live, "-wal").stat().st_size > 0
        _files_without_canary(live, _side(live, "-wal"))
    finally:
        again.ctx.db.dispose()


def test_family_search_starts_from_the_index_on_sqlciphers_sqlite(tmp_path: Path) -> None:
    """SQLCipher bundles a newer SQLite whose planner would walk every family for a rare word."""
    from famdesk.services import family_search

    data, ctx = _encrypted(tmp_path, demo=30)
    for typed in ("quorblewick", "qu", "quorblewick fa"):
        statement = family_search._filtered(family_search.FamilyFilter(text=typed), fts=True)
        with ctx.db.engine.connect() as conn:
            compiled = statement.compile(conn, compile_kwargs={"literal_binds": True})
            plan = [row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")]
        # Never a walk over families (the name index or the table) probing the index per family.
        assert not any("ix_family_active_name" in step or step.startswith("SCAN family ") for step in plan), \
            (typed, plan)
    assert [x.name for x in families.search_families(ctx, family_search.FamilyFilter(text="quorblewick"))] == \
        ["Quorblewick family"]
    ctx.db.dispose()


def test_wrong_password_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    data, ctx = _encrypted(tmp_path)
    ctx.db.dispose()
    live = data / DATABASE_FILE
    state = {p.name: _digest(p) for p in sorted(data.rglob("*")) if p.is_file() and p.suffix != ".log"}
    with pytest.raises(PermissionDenied, match="does not unlock"):
        _open(str(data), password="not the password")
    with pytest.raises(PasswordNeeded):
        _open(str(data))
    assert {p.name: _digest(p) for p in sorted(data.rglob("*")) if p.is_file() and p.suffix != ".log"} == state
    assert not _side(live, "-wal").exists()


def test_key_wraps_follow_the_directors_passwords(tmp_path: Path) -> None:
    data, ctx = _encrypted(tmp_path)
    live = data / DATABASE_FILE
    second = accounts.add_user(ctx, "second", "second pw 12345", Role.DIRECTOR)
    teacher = accounts.add_user(ctx, "teacher", "teacher pw 12345", Role.TEACHER)
    assert keyring.unlock_database(live, "second pw 12345").user_id == second.id
    with pytest.raises(PermissionDenied):  # only directors' passwords unlock
        keyring.unlock_database(live, "teacher pw 12345")
    accounts.reset_password(ctx, second.id, "second pw changed")  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        keyring.unlock_database(live, "second pw 12345")
    assert keyring.unlock_database(live, "second pw changed").user_id == second.id
    assert len(keyring.user_wraps(live, second.id)) == 1  # type: ignore[arg-type]
    accounts.reset_password(ctx, teacher.id, "teacher pw changed")  # type: ignore[arg-type]
    assert keyring.wrapped_users(live) == {ctx.actor.user_id, second.id}
    # The last director who can unlock the file cannot be deactivated.
    accounts.set_active(ctx, second.id, False)  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        keyring.unlock_database(live, "second pw changed")
    with pytest.raises(ValidationError, match="only director"):
        accounts.set_active(ctx, ctx.actor.user_id, False)  # type: ignore[arg-type]
    # Reopening after all of it: the first director's password still opens the database.
    ctx.db.dispose()
    again = _open(str(data), password=PW)
    assert again.unlocked is not None and again.unlocked.user_id == ctx.actor.user_id
    again.ctx.db.dispose()


def test_a_director_made_before_encryption_gets_a_wrap_at_sign_in(tmp_path: Path) -> None:
    data = tmp_path / "data"
    opened = _open(str(data))
    ctx = _director(opened.ctx)
    accounts.add_user(ctx, "other", "other director pw", Role.DIRECTOR)
    encryption.encrypt_database(ctx, PW, opened.paths.backups)
    live = data / DATABASE_FILE
    with pytest.raises(PermissionDenied):
        keyring.unlock_database(live, "other director pw")
    accounts.login(ctx, "other", "other director pw")
    assert keyring.unlock_database(live, "other director pw").key == ctx.db.key
    ctx.db.dispose()


def test_encrypted_backup_and_restore_round_trip(tmp_path: Path) -> None:
    data, ctx = _encrypted(tmp_path)
    live = data / DATABASE_FILE
    saved = backups.take_backup(ctx, data / "backups", output=tmp_path / "mine.sqlite3")
    assert cipher.is_encrypted_file(saved) and (tmp_path / "mine.keys").is_file()
    _files_without_canary(saved)
    _family(ctx, "Later family")
    info = backups.inspect_backup(ctx, saved)
    assert info.database_encrypted and info.counts["family"] == 1 and not info.problems
    safety = backups.restore(ctx, saved, data / "backups")
    assert _names(ctx) == {"Quorblewick family"}
    assert cipher.is_encrypted_file(safety) and keyring.keys_file(safety).is_file()
    assert backups.inspect_backup(ctx, safety).counts["family"] == 2
    ctx.db.dispose()
    assert not _side(live, "-wal").exists() and not _side(live, "-shm").exists()
    assert cipher.is_encrypted_file(live)
    _files_without_canary(*data.rglob("*.sqlite3*"))
    # A password-protected backup of an encrypted database: the envelope holds the still-encrypted file.
    boxed = backups.take_backup(ctx, data / "backups", output=tmp_path / "boxed.famdesk-backup",
                                password="box password")
    assert backups.inspect_backup(ctx, boxed, "box password").counts["family"] == 1
    _files_without_canary(boxed)
    # On another PC (a fresh, plain database): the backup's key file and a director's password of its time.
    other = _open(str(tmp_path / "new-pc"))
    with pytest.raises(StorageError, match="password"):
        backups.inspect_backup(other.ctx, saved)
    backups.restore(other.ctx, saved, tmp_path / "new-pc" / "backups", director_password=PW)
    assert other.ctx.db.key == ctx.db.key and _names(other.ctx) == {"Quorblewick family"}
    other.ctx.db.dispose()
    reopened = _open(str(tmp_path / "new-pc"), password=PW)
    assert _names(reopened.ctx) == {"Quorblewick family"}
    reopened.ctx.db.dispose()
    _files_without_canary(*(tmp_path / "new-pc").rglob("*.sqlite3*"))


def test_after_an_erasure_encrypted_backups_are_checked_with_the_key(tmp_path: Path) -> None:
    data, ctx = _encrypted(tmp_path)
    fid = _family(ctx, "Erased family")
    backups.take_backup(ctx, data / "backups")
    families.erase_family(ctx, fid)
    holding, unknown = backups.backups_holding_family(ctx, data / "backups", fid)
    assert len(holding) == 1 and holding[0].suffix == ".sqlite3" and not unknown
    ctx.db.dispose()


def test_restoring_a_backup_made_under_an_earlier_key(tmp_path: Path) -> None:
    data, ctx = _encrypted(tmp_path)
    first_key = ctx.db.key
    old = backups.take_backup(ctx, data / "backups", output=tmp_path / "old.sqlite3")
    encryption.decrypt_database(ctx, PW, data / "backups")
    assert ctx.db.key is None and not (data / "famdesk.keys").exists()
    assert not cipher.is_encrypted_file(data / DATABASE_FILE)
    encryption.encrypt_database(ctx, PW, data / "backups")
    assert ctx.db.key not in (None, first_key)
    _family(ctx, "Newer family")
    with pytest.raises(StorageError, match="another key"):  # the live key does not open it
        backups.restore(ctx, old, data / "backups")
    backups.restore(ctx, old, data / "backups", director_password=PW)  # its key file does
    assert ctx.db.key == first_key and _names(ctx) == {"Quorblewick family"}
    ctx.db.dispose()
    assert _open(str(data), password=PW).ctx.db.key == first_key


def test_plain_backup_restored_into_an_encrypted_database_is_encrypted(tmp_path: Path) -> None:
    plain = _open(str(tmp_path / "plain"))
    _family(plain.ctx, "Quorblewick family")
    saved = backups.take_backup(plain.ctx, tmp_path, output=tmp_path / "plain.sqlite3")
    plain.ctx.db.dispose()
    data, ctx = _encrypted(tmp_path)
    _family(ctx, "Other family")
    backups.restore(ctx, saved, data / "backups")
    assert _names(ctx) == {"Quorblewick family"} and cipher.is_encrypted_file(data / DATABASE_FILE)
    ctx.db.dispose()
    _files_without_canary(data / DATABASE_FILE)


def test_migration_upgrade_on_an_encrypted_database(tmp_path: Path) -> None:

    data = tmp_path / "data"
    made = _open(str(data))
    _family(made.ctx, "Quorblewick family")
    made.ctx.db.dispose()
    live = data / DATABASE_FILE
    old = Database.open(f"sqlite+pysqlite:///{live}")  # back to the previous revision, as an older famdesk left it
    migrate.downgrade(old, "0007_directory")
    old.dispose()
    key = cipher.new_key()
    enc = cipher.encrypt_copy(live, data / "enc.sqlite3", key)
    keyring.save_wraps(keyring.keys_file(live), [keyring.wrap(key, PW, None)])
    enc.replace(live)
    opened = _open(str(data), password=PW)
    try:
        assert opened.migration.previous == "0007_directory" and opened.migration.current == migrate.HEAD
        assert migrate.current_revision(opened.ctx.db) == migrate.HEAD
        made = opened.migration.backup_path
        assert made is not None and made.name.startswith("before-upgrade-0007_directory")
        assert cipher.is_encrypted_file(made) and keyring.keys_file(made).is_file()
        assert backups.inspect_backup(opened.ctx, made).revision == "0007_directory"
        assert _names(opened.ctx) == {"Quorblewick family"}
    finally:
        opened.ctx.db.dispose()
    _files_without_canary(live, *(data / "backups").glob("*"))


def test_interrupted_encryption_and_a_missing_file_are_handled(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _open(str(data)).ctx.db.dispose()
    live = data / DATABASE_FILE
    # A crash after the key file was written but before the swap: the plain file still opens.
    keyring.save_wraps(keyring.keys_file(live), [keyring.wrap(cipher.new_key(), PW, 1)])
    plain = _open(str(data))
    assert plain.ctx.db.key is None
    plain.ctx.db.dispose()
    # The key file without its database: refused, no new empty database is started beside it.
    live.unlink()
    with pytest.raises(StorageError, match="missing"):
        _open(str(data))
    assert not live.exists()


def test_swap_refuses_while_another_connection_holds_the_database(tmp_path: Path) -> None:
    data, ctx = _encrypted(tmp_path)
    live = data / DATABASE_FILE
    copy = tmp_path / "copy.sqlite3"
    cipher.export_copy(live, ctx.db.key, copy, ctx.db.key)
    other = cipher.connect(live, ctx.db.key)
    other.execute("SELECT count(*) FROM family").fetchone()
    ctx.db.dispose()
    inode = live.stat().st_ino
    try:
        with pytest.raises(StorageError, match="still has the database open"):
            swap.replace_live(live, ctx.db.key, copy)
    finally:
        other.close()
    assert live.stat().st_ino == inode and copy.exists()  # not swapped
    assert _names(ctx) == {"Quorblewick family"}


def test_refusals_without_a_file_or_with_a_wrong_password(tmp_path: Path) -> None:
    memory = ServiceContext(Database.open("sqlite://"), DIRECTOR)
    with pytest.raises(StorageError, match="SQLite database file"):
        encryption.encrypt_database(memory, PW, tmp_path)
    opened = _open(str(tmp_path / "data"))
    ctx = _director(opened.ctx)
    with pytest.raises(PermissionDenied):
        encryption.encrypt_database(ctx, "not my password", opened.paths.backups)
    with pytest.raises(PermissionDenied):  # the command line acts without an account: it names the director
        encryption.encrypt_database(opened.ctx.as_actor(COMMAND_LINE), PW, opened.paths.backups)
    teacher = accounts.add_user(ctx, "teacher", "teacher pw 12345", Role.TEACHER)
    with pytest.raises(PermissionDenied):
        encryption.encrypt_database(ctx.as_actor(accounts.actor_for(teacher)), "teacher pw 12345",
                                    opened.paths.backups)
    assert ctx.db.key is None and not cipher.is_encrypted_file(tmp_path / "data" / DATABASE_FILE)
    ctx.db.dispose()


def test_postgresql_is_refused_with_a_clear_message(ctx, backend: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if backend != "postgresql":
        pytest.skip("needs FAMDESK_TEST_POSTGRES_URL")
    with pytest.raises(StorageError, match="PostgreSQL"):
        encryption.encrypt_database(ctx, PW, tmp_path)


def test_without_the_package_an_encrypted_database_names_it(tmp_path: Path) -> None:
    data, ctx = _encrypted(tmp_path)
    ctx.db.dispose()
    code = ("import sys; sys.modules['sqlcipher3'] = None\n"  # as if the package were not installed
            "from famdesk.app import open_database\n"
            "from famdesk.domain.errors import StorageError\n"
            "try:\n    open_database(sys.argv[1], password=sys.argv[2])\n"
            "except StorageError as exc:\n    print(exc)\n")
    out = subprocess.run([sys.executable, "-c", code, str(data), PW], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[2], check=True,
                         env={"FAMDESK_LANGUAGE": "en", "PATH": "/usr/bin:/bin"})
    assert "sqlcipher3-binary" in out.stdout and "pip install" in out.stdout
