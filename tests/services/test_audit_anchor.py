"""The anchored audit chain: every kind of tampering is reported by `famdesk check` (the real command and the
service function), a clean program passes, a kill between a commit and the head update is not tampering,
and a restored backup passes. SQLite and PostgreSQL (set FAMDESK_TEST_POSTGRES_URL) where it applies."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, select, update

from famdesk.db import audit_anchor, cipher
from famdesk.db import models as m
from famdesk.db.backup import remove_backup
from famdesk.domain.roles import Action, Kind, Role
from famdesk.services import accounts, audit, backups, door, encryption
from famdesk.services.checks import run_checks

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = ("at", "user_id", "actor", "action", "kind", "record_id", "detail", "prev_hash", "entry_hash",
           "seal")


@door.operation(Kind.PROGRAM, Action.WRITE)
def _write(ctx) -> None:  # type: ignore[no-untyped-def]
    """A write through the door: its audit entry is sealed and the head follows the commit."""
    with ctx.db.transaction():
        pass


# As the merged services declare them (declared here too, so the test does not depend on it).
_take_backup = door.operation(Kind.DATABASE, Action.EXPORT)(backups.take_backup)
_restore = door.operation(Kind.DATABASE, Action.WRITE)(backups.restore)


def _writes(ctx, n: int = 5) -> None:  # type: ignore[no-untyped-def]
    for _ in range(n):
        _write(ctx)


def _audit_problems(ctx, notes: list[str] | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    return [p for p in run_checks(ctx, notes) if p.startswith("Audit log")]


def _cli_check(data_dir: Path, database_url: str | None) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, "-m", "famdesk", "--data-dir", str(data_dir)]
    if database_url:
        args += ["--database-url", database_url]
    env = {k: v for k, v in os.environ.items() if k not in ("FAMDESK_PASSWORD", "FAMDESK_DATABASE_URL")}
    return subprocess.run([*args, "check"], cwd=ROOT, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=180, env={**env, "FAMDESK_LANGUAGE": "en"})


def _rows(s) -> dict[int, dict[str, object]]:  # type: ignore[no-untyped-def]
    return {e.id: {c: getattr(e, c) for c in COLUMNS} for e in s.scalars(select(m.AuditEntry))}


def _recompute_from(s, first: int) -> None:  # type: ignore[no-untyped-def]
    """Recompute every hash from entry ``first`` on, as someone who knows the chain's rule would."""
    prev = s.scalar(select(m.AuditEntry.entry_hash).where(m.AuditEntry.id == first - 1)) or audit.GENESIS
    for e in s.scalars(select(m.AuditEntry).where(m.AuditEntry.id >= first).order_by(m.AuditEntry.id)).all():
        e.prev_hash = prev
        content = audit.canonical(e.id, e.at, e.user_id, e.actor, e.action, e.kind, e.record_id, e.detail)
        e.entry_hash = audit.entry_hash(prev, content)
        prev = e.entry_hash
    s.flush()


def _tamper(ctx, how: str) -> None:  # type: ignore[no-untyped-def]
    with ctx.db.transaction() as s:
        last = s.scalar(select(m.AuditEntry.id).order_by(m.AuditEntry.id.desc()).limit(1))
        if how == "edited":
            s.execute(update(m.AuditEntry).where(m.AuditEntry.id == 2).values(action="print"))
        elif how == "deleted_middle":
            s.execute(delete(m.AuditEntry).where(m.AuditEntry.id == 3))
        elif how == "swapped":
            rows = _rows(s)
            s.execute(update(m.AuditEntry).where(m.AuditEntry.id == 2).values(**rows[3]))
            s.execute(update(m.AuditEntry).where(m.AuditEntry.id == 3).values(**rows[2]))
        elif how == "deleted_tail":
            s.execute(delete(m.AuditEntry).where(m.AuditEntry.id > last - 2))
        elif how == "emptied":
            s.execute(delete(m.AuditEntry))
        elif how in ("forged", "forged_copied_seal"):
            top = s.get(m.AuditEntry, last)
            row = dict(_rows(s)[last], detail="forged", record_id=99)
            row["prev_hash"] = top.entry_hash
            row["entry_hash"] = audit.entry_hash(top.entry_hash, audit.canonical(
                last + 1, row["at"], row["user_id"], row["actor"], row["action"], row["kind"], 99, "forged"))
            row["seal"] = top.seal if how == "forged_copied_seal" else None
            s.execute(insert(m.AuditEntry).values(id=last + 1, **row))
        elif how == "recomputed":
            s.execute(update(m.AuditEntry).where(m.AuditEntry.id == 2).values(action="print"))
            _recompute_from(s, 2)
        else:
            raise AssertionError(how)


CASES = {
    "edited": "entry 2 was changed",
    "deleted_middle": "entries 3 to 3 are missing",
    "swapped": "entry 2 was changed",
    "deleted_tail": "2 entries were removed from its end",
    "emptied": "every entry was removed",
    "forged": "no seal on entry 6",
    "forged_copied_seal": "seal does not verify on entry 6",
    "recomputed": "seal does not verify on entries 2 to 5",
}


@pytest.mark.parametrize("how", list(CASES))
def test_tampering_is_reported_by_check(ctx, data_dir, database_url, how: str) -> None:  # type: ignore[no-untyped-def]
    _writes(ctx)
    assert _audit_problems(ctx) == []
    _tamper(ctx, how)
    problems = _audit_problems(ctx)
    assert any(CASES[how] in p for p in problems), problems
    assert all(p.endswith(".") for p in problems)
    done = _cli_check(data_dir, database_url)
    assert done.returncode == 1, done.stdout + done.stderr
    assert CASES[how] in done.stdout and "Traceback" not in done.stderr
    assert _audit_problems(ctx), "check must not bless tampering (for example by refreshing the head)"


def test_a_recomputed_chain_is_also_off_the_head(ctx) -> None:  # type: ignore[no-untyped-def]
    _writes(ctx)
    _tamper(ctx, "recomputed")
    problems = _audit_problems(ctx)
    assert any("is not the entry the log's head recorded" in p for p in problems), problems


def test_a_clean_program_passes(ctx, data_dir, database_url) -> None:  # type: ignore[no-untyped-def]
    _writes(ctx, 3)
    notes: list[str] = []
    assert _audit_problems(ctx, notes) == [] and notes == []
    done = _cli_check(data_dir, database_url)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "All checks passed." in done.stdout
    _writes(ctx, 2)  # the command's own runs and later writes keep the chain whole
    assert _audit_problems(ctx) == []


def test_writes_after_a_cut_tail_do_not_hide_it(ctx) -> None:  # type: ignore[no-untyped-def]
    _writes(ctx)
    _tamper(ctx, "deleted_tail")
    _writes(ctx, 4)  # new entries take the removed ids and go past the head's count
    problems = _audit_problems(ctx)
    assert any("is not the entry the log's head recorded" in p for p in problems), problems


def _place(ctx) -> audit_anchor.Place:  # type: ignore[no-untyped-def]
    with ctx.db.read() as s:
        place = audit.anchor_place(s)
    assert place is not None
    return place


def test_key_and_head_live_outside_the_database(ctx) -> None:  # type: ignore[no-untyped-def]
    _writes(ctx, 2)
    place = _place(ctx)
    assert stat.S_IMODE(place.key.stat().st_mode) == 0o600
    head = json.loads(place.head.read_text())
    with ctx.db.read() as s:
        last = s.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id.desc()).limit(1)).one()
        assert head["count"] == last.id and head["last_hash"] == last.entry_hash
        assert all(e.seal for e in s.scalars(select(m.AuditEntry)))
    assert place.key.read_text().strip() not in str(head)
    if ctx.db.is_sqlite:
        assert place.key.parent == Path(ctx.db.sqlite_path).parent


def test_a_kill_between_commit_and_head_update_is_not_tampering(ctx, data_dir, database_url) -> None:  # type: ignore[no-untyped-def]
    _writes(ctx, 3)
    place = _place(ctx)
    before = json.loads(place.head.read_text())["count"]
    script = textwrap.dedent(f"""
        import os
        from famdesk.app import open_database
        from famdesk.db import audit_anchor, cipher
        from famdesk.domain.roles import DIRECTOR, Action, Kind
        from famdesk.services import door

        @door.operation(Kind.PROGRAM, Action.WRITE)
        def write(ctx):
            with ctx.db.transaction():
                pass

        ctx = open_database({str(data_dir)!r}, {database_url!r}).ctx.as_actor(DIRECTOR)
        # the process dies after the commit, just before the head file is replaced
        audit_anchor.advance_head = lambda *args: os._exit(9)
        write(ctx)
        os._exit(0)
    """)
    died = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                          timeout=180, env={**os.environ, "FAMDESK_LANGUAGE": "en"})
    assert died.returncode == 9, died.stderr
    assert json.loads(place.head.read_text())["count"] == before  # the head was left behind the table
    with ctx.db.read() as s:
        assert s.scalar(select(m.AuditEntry.id).order_by(m.AuditEntry.id.desc()).limit(1)) == before + 1
    assert _audit_problems(ctx) == []
    assert json.loads(place.head.read_text())["count"] == before + 1  # check moved the head up
    assert _cli_check(data_dir, database_url).returncode == 0


def test_a_lost_head_file_is_reported_and_stays_reported(ctx) -> None:  # type: ignore[no-untyped-def]
    _writes(ctx, 3)
    _place(ctx).head.unlink()
    assert any("head file" in p and "is missing" in p for p in _audit_problems(ctx))
    _writes(ctx, 1)  # a new head is made, with a note that the end could not be checked before
    assert any("was made again" in p for p in _audit_problems(ctx))


def test_entries_from_before_anchoring_are_legacy_not_tampering(ctx, data_dir, database_url) -> None:  # type: ignore[no-untyped-def]
    _writes(ctx, 3)
    # The state right after migration 0011 on an older database: no seals, no key, no head.
    with ctx.db.transaction() as s:
        s.execute(update(m.AuditEntry).values(seal=None))
    place = _place(ctx)
    place.key.unlink()
    place.head.unlink()
    notes: list[str] = []
    assert _audit_problems(ctx, notes) == []
    assert len(notes) == 1
    assert "before the log was anchored (by an older famdesk): entries 1 to 3," in notes[0]
    done = _cli_check(data_dir, database_url)
    assert done.returncode == 0 and "before the log was anchored" in done.stdout, done.stdout
    _writes(ctx, 2)
    notes = []
    assert _audit_problems(ctx, notes) == [] and "entries 1 to 3" in notes[0]
    _tamper(ctx, "forged")  # an unsealed entry after anchoring is no legacy entry
    assert any("no seal on entry 6," in p for p in _audit_problems(ctx))


def test_a_legacy_log_cut_after_anchoring_is_reported(ctx) -> None:  # type: ignore[no-untyped-def]
    _writes(ctx, 4)
    with ctx.db.transaction() as s:
        s.execute(update(m.AuditEntry).values(seal=None))
    place = _place(ctx)
    place.key.unlink()
    place.head.unlink()
    assert _audit_problems(ctx) == []  # this check anchors the legacy log
    _tamper(ctx, "deleted_tail")
    assert any("2 entries were removed from its end" in p for p in _audit_problems(ctx))


# --- backups and restores (SQLite: PostgreSQL is backed up with pg_dump) ------------------------------

def test_a_restored_backup_passes(sqlite_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    folder = tmp_path / "backups"
    _writes(ctx, 3)
    backup = _take_backup(ctx, folder, output=tmp_path / "kept" / "b.sqlite3")
    companions = audit_anchor.beside(backup)
    assert companions.key.is_file() and companions.head.is_file()
    _writes(ctx, 4)
    _restore(ctx, backup, folder)
    assert _audit_problems(ctx) == []
    place = _place(ctx)
    with ctx.db.read() as s:
        last = s.scalar(select(m.AuditEntry.id).order_by(m.AuditEntry.id.desc()).limit(1))
    assert json.loads(place.head.read_text())["count"] == last  # the restore's own entry is in the head
    _writes(ctx, 2)
    assert _audit_problems(ctx) == []
    _tamper(ctx, "deleted_tail")
    assert _audit_problems(ctx)


def test_a_password_protected_backup_restores_with_its_anchor(sqlite_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    folder = tmp_path / "backups"
    _writes(ctx, 2)
    backup = _take_backup(ctx, folder, output=tmp_path / "b.famdesk-backup", password="pw-123456")
    assert audit_anchor.beside(backup).head.is_file()
    _writes(ctx, 3)
    _restore(ctx, backup, folder, password="pw-123456")
    assert _audit_problems(ctx) == []


def test_a_backup_of_a_cut_log_keeps_showing_the_cut(sqlite_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    _writes(ctx, 5)
    _tamper(ctx, "deleted_tail")
    backup = _take_backup(ctx, tmp_path / "backups", output=tmp_path / "b.sqlite3")
    head = json.loads(audit_anchor.beside(backup).head.read_text())
    assert head["count"] == 5  # the live head, not one that fits the cut table


def test_a_backup_without_its_head_is_restored_with_a_note(sqlite_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    folder = tmp_path / "backups"
    _writes(ctx, 2)
    backup = _take_backup(ctx, folder, output=tmp_path / "b.sqlite3")
    audit_anchor.beside(backup).head.unlink()
    _restore(ctx, backup, folder)
    assert any("had no head file" in p for p in _audit_problems(ctx))


def test_removing_a_backup_removes_its_audit_files(sqlite_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _writes(sqlite_ctx, 1)
    backup = _take_backup(sqlite_ctx, tmp_path / "backups")
    place = audit_anchor.beside(backup)
    assert place.key.is_file() and place.head.is_file()
    import datetime as dt

    from famdesk.db.backup import rotate_tiered

    assert rotate_tiered(backup.parent, "backup", dt.date.today()) == []  # companions are no backups
    remove_backup(backup)
    assert not place.key.exists() and not place.head.exists()


def test_postgresql_keeps_the_anchor_in_the_config_folder(ctx, data_dir, backend) -> None:  # type: ignore[no-untyped-def]
    if backend != "postgresql":
        pytest.skip("PostgreSQL only")
    _writes(ctx, 1)
    place = _place(ctx)
    assert place.shared and place.head.parent == data_dir / "config" and place.key.is_file()


def test_postgresql_entries_sealed_on_a_pc_without_the_key_are_named(  # type: ignore[no-untyped-def]
        ctx, data_dir, backend, monkeypatch) -> None:
    if backend != "postgresql":
        pytest.skip("PostgreSQL only")
    _writes(ctx, 2)
    first_pc = ctx.db.anchor_folder
    ctx.db.anchor_folder = data_dir.parent / "second-pc"  # a second PC, its config folder with no key yet
    _writes(ctx, 1)
    second_key = _place(ctx).key
    ctx.db.anchor_folder = first_pc
    problems = _audit_problems(ctx)
    assert any("the seal on entry 3 was made with an audit key this computer does not have" in p
               and audit_anchor.KEY_FILE_ENV in p for p in problems), problems
    monkeypatch.setenv(audit_anchor.KEY_FILE_ENV, str(second_key))  # now both PCs use one key file
    _writes(ctx, 1)
    assert not any("seal on entry 4" in p for p in _audit_problems(ctx))


_encrypt = door.operation(Kind.DATABASE, Action.WRITE)(encryption.encrypt_database)
_decrypt = door.operation(Kind.DATABASE, Action.WRITE)(encryption.decrypt_database)


def test_an_encrypted_database_keeps_its_anchor_through_encryption_backup_and_restore(  # type: ignore[no-untyped-def]
        sqlite_ctx, tmp_path) -> None:
    if not cipher.available():
        pytest.skip("sqlcipher3 is not installed")
    password = "a long director password"
    user = accounts.add_user(sqlite_ctx, "boss", password, Role.DIRECTOR)
    ctx = sqlite_ctx.as_actor(accounts.actor_for(user))
    folder = tmp_path / "backups"
    _writes(ctx, 2)
    _encrypt(ctx, password, folder)
    assert ctx.db.key is not None and _audit_problems(ctx) == []
    backup = _take_backup(ctx, folder, output=tmp_path / "enc.sqlite3")
    assert audit_anchor.beside(backup).head.is_file()
    _writes(ctx, 3)
    _restore(ctx, backup, folder)
    assert _audit_problems(ctx) == []
    _decrypt(ctx, password, folder)
    assert ctx.db.key is None and _audit_problems(ctx) == []
    _tamper(ctx, "recomputed")
    assert any("seal does not verify" in p for p in _audit_problems(ctx))


def test_an_older_database_upgrades_with_its_entries_as_legacy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A real database at revision 0010 (no seal column, no key, no head) through migration 0011."""

    from famdesk.app import open_database
    from famdesk.db import migrate
    from famdesk.domain.roles import DIRECTOR

    data = tmp_path / "data"
    first = open_database(str(data))
    _writes(first.ctx.as_actor(DIRECTOR), 3)
    migrate.downgrade(first.ctx.db, "0010_observation_order")
    first.ctx.db.dispose()
    place = audit_anchor.beside(data / "famdesk.sqlite3")
    place.key.unlink()
    place.head.unlink()
    again = open_database(str(data))
    ctx = again.ctx.as_actor(DIRECTOR)
    try:
        assert again.migration.previous == "0010_observation_order"
        notes: list[str] = []
        assert _audit_problems(ctx, notes) == []
        assert "entries 1 to 3," in notes[0]
        _writes(ctx, 2)
        assert _audit_problems(ctx) == []
        _tamper(ctx, "emptied")
        assert any("every entry was removed" in p for p in _audit_problems(ctx))
    finally:
        ctx.db.dispose()


def test_several_entries_in_one_transaction_move_the_head_once(ctx) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        with ctx.db.transaction() as s:
            for _ in range(3):
                audit.record(s, ctx.actor, Action.READ, Kind.FAMILY, 1)
    assert _audit_problems(ctx) == []
    assert json.loads(_place(ctx).head.read_text())["count"] == 6


def test_a_rolled_back_entry_leaves_the_head_alone(ctx) -> None:  # type: ignore[no-untyped-def]
    _writes(ctx, 2)
    with pytest.raises(ZeroDivisionError), ctx.db.transaction() as s:
        audit.record(s, ctx.actor, Action.READ, Kind.FAMILY, 1)
        1 / 0  # noqa: B018
    assert json.loads(_place(ctx).head.read_text())["count"] == 2
    _writes(ctx, 1)
    assert _audit_problems(ctx) == []


def test_an_entry_in_a_rolled_back_savepoint_does_not_move_the_head(ctx) -> None:  # type: ignore[no-untyped-def]
    _writes(ctx, 2)
    with ctx.db.transaction() as s:
        savepoint = s.begin_nested()
        audit.record(s, ctx.actor, Action.READ, Kind.FAMILY, 1)
        savepoint.rollback()
    assert json.loads(_place(ctx).head.read_text())["count"] == 2
    assert _audit_problems(ctx) == []


def test_a_damaged_key_file_is_a_problem_of_check_not_a_crash(ctx) -> None:  # type: ignore[no-untyped-def]
    _writes(ctx, 2)
    _place(ctx).key.write_text("not a key")
    problems = _audit_problems(ctx) + [p for p in run_checks(ctx) if "audit key file" in p]
    assert any("is damaged or cannot be read" in p for p in problems), problems
