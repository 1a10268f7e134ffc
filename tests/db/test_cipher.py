"""SQLCipher building blocks: an encrypted copy reveals nothing; only a director's password unlocks it."""

from __future__ import annotations

from pathlib import Path

import pytest

from famdesk.db import cipher
from famdesk.db.session import Database
from famdesk.domain import records as r
from famdesk.domain.errors import PermissionDenied
from famdesk.services import families
from famdesk.services.context import ServiceContext

pytestmark = pytest.mark.skipif(not cipher.available(), reason="sqlcipher3-binary is not installed")


def test_encrypted_database_opens_only_with_a_directors_password(sqlite_ctx, tmp_path: Path) -> None:
    families.add_family(sqlite_ctx, r.FamilyDetail(r.Family(name="Quorblewick family"),
                                                   [r.Caregiver(first_name="Q")]))
    sqlite_ctx.db.checkpoint()
    key = cipher.new_key()
    enc = cipher.encrypt_copy(Path(sqlite_ctx.db.sqlite_path), tmp_path / "enc.sqlite3", key)
    assert b"quorblewick" not in enc.read_bytes().lower() and not enc.read_bytes().startswith(b"SQLite format 3")
    cipher.save_wraps(tmp_path, [cipher.wrap(key, "director one pw"), cipher.wrap(key, "director two pw")])
    assert b"director" not in (tmp_path / cipher.KEYS_FILE).read_bytes()
    with pytest.raises(PermissionDenied):
        cipher.unlock(tmp_path, "guessed password")
    unlocked = cipher.unlock(tmp_path, "director two pw")
    db = Database.open(cipher.cipher_url(enc, unlocked))
    try:
        ctx = ServiceContext(db)
        assert [x.name for x in families.search_families(ctx)] == ["Quorblewick family"]
        families.add_family(ctx, r.FamilyDetail(r.Family(name="Second"), [r.Caregiver(first_name="S")]))
        assert families.count_families(ctx) == 2
    finally:
        db.dispose()
    assert b"second" not in enc.read_bytes().lower()
