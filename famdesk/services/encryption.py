"""Encryption at rest: encrypt (or decrypt) the SQLite database file, chosen at set-up or later.

``encrypt_database`` takes a verified backup first, writes an encrypted copy with a new random key
(SQLCipher, AES-256), verifies it (integrity_check and the same rows in every table), writes the key
file with a wrap for the director whose password was given, swaps the copy in for the live file
(``db.swap``: no -wal/-shm left behind) and reopens the database through SQLCipher. The plain backups
in famdesk's backup folders are then encrypted under the same key too, so the PC holds no readable
copy. Directors only; audited (the door's entry goes into the first
transaction, the one that checks the director's password). On PostgreSQL it refuses: the server's own
disk encryption protects it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from famdesk.db import cipher, keyring, swap
from famdesk.db import models as m
from famdesk.db.backup import integrity_problems
from famdesk.domain.errors import PermissionDenied, StorageError
from famdesk.domain.roles import Action, Actor, Kind, Role
from famdesk.i18n import _
from famdesk.services import accounts, backups, door
from famdesk.services.context import ServiceContext

Unlocked = keyring.Unlocked  # the key and the director whose password unwrapped it


@dataclass
class EncryptionResult:
    safety_backup: Path
    converted_backups: list[Path] = field(default_factory=list)
    left_plain: list[Path] = field(default_factory=list)  # backups that could not be encrypted


@door.pure("whether a package is installed")
def available() -> bool:
    """Whether the SQLCipher package is installed."""
    return cipher.available()


@door.pure("a message")
def missing_package_message() -> str:
    return cipher.missing_package_message()


@door.operation(Kind.USERS, Action.READ, anonymous=True)  # before sign-in: prefills the name
def director_name(ctx: ServiceContext, user_id: int | None) -> str:
    """The user name of the director whose password unlocked the database ("" if unknown), to prefill
    the sign-in. The password already proved a director is at the keyboard."""
    if user_id is None:
        return ""
    with ctx.db.read() as s:
        row = s.get(m.UserAccount, user_id)
        return row.username if row is not None and row.role is Role.DIRECTOR and row.active else ""


@door.internal("opens the key file before any database is open: the password is the check")
def unlock_file(database: Path, password: str) -> keyring.Unlocked:
    """The key of an encrypted database file, if ``password`` is one of its directors' (before opening)."""
    return keyring.unlock_database(database, password)


@door.operation(Kind.DATABASE, Action.READ)
def keys_path(ctx: ServiceContext) -> Path:
    return keyring.keys_file(_live(ctx))


@door.operation(Kind.DATABASE, Action.READ)
def is_encrypted(ctx: ServiceContext) -> bool:
    return ctx.db.key is not None


@door.operation(Kind.DATABASE, Action.READ, anonymous=True)  # the first start offers it
def can_encrypt(ctx: ServiceContext) -> bool:
    """A SQLite file that is not encrypted yet (whether the package is installed is checked later)."""
    return ctx.db.is_sqlite and bool(ctx.db.sqlite_path) and ctx.db.sqlite_path != ":memory:" \
        and not is_encrypted(ctx)


def _live(ctx: ServiceContext) -> Path:
    if not ctx.db.is_sqlite:
        raise StorageError(_("This database lives on a PostgreSQL server; famdesk encrypts only its own "
                             "SQLite file. Protect the server with disk encryption and encrypted (TLS) connections."))
    if not ctx.db.sqlite_path or ctx.db.sqlite_path == ":memory:":
        raise StorageError(_("Only a SQLite database file can be encrypted."))
    return Path(ctx.db.sqlite_path)


def _director_with_password(ctx: ServiceContext, password: str, username: str | None = None) -> Actor:
    """The director whose password this is, checked like a login (throttled, audited): the acting user,
    or ``username`` when the command line acts (it has no account of its own)."""
    if username is not None:
        actor = accounts.login(ctx, username, password)
    elif ctx.actor.user_id is not None and accounts.verify_password(ctx, ctx.actor.user_id, password):
        actor = ctx.actor
    else:
        raise PermissionDenied(_("That is not your password; nothing was changed."))
    if actor.role is not Role.DIRECTOR or actor.user_id is None:
        raise PermissionDenied(_("Only a director's password can unlock an encrypted database."))
    return actor


@door.operation(Kind.DATABASE, Action.WRITE)
def encrypt_database(ctx: ServiceContext, password: str, default_backup_folder: Path,
                     encrypt_backups: bool = True, username: str | None = None) -> EncryptionResult:
    """Encrypt the live database. ``password`` is the acting director's own (or ``username``'s, from the
    command line); from now on it unlocks the file, and so will every other director's at their next
    sign-in."""
    live = _live(ctx)
    if is_encrypted(ctx):
        raise StorageError(_("This database is already encrypted."))
    cipher.sqlcipher()
    actor = _director_with_password(ctx, password, username)
    ctx = ctx.as_actor(actor)
    safety = backups.take_backup(ctx, default_backup_folder, reason="before-encrypt")
    key = cipher.new_key()
    copy = live.with_name(live.name + ".encrypting")
    keys = keyring.keys_file(live)
    ctx.db.checkpoint()
    ctx.db.dispose()
    try:
        cipher.encrypt_copy(live, copy, key)
        # The key file first: a plain header wins until the swap, so a crash in between is harmless.
        keyring.save_wraps(keys, [keyring.wrap(key, password, actor.user_id)])
        try:
            swap.replace_live(live, None, copy)
        except BaseException:
            keys.unlink(missing_ok=True)
            raise
    finally:
        copy.unlink(missing_ok=True)
    ctx.db.reopen(key)
    result = EncryptionResult(safety)
    if encrypt_backups:
        folders = {backups.backup_folder(ctx, default_backup_folder), default_backup_folder}
        result.converted_backups, result.left_plain = encrypt_plain_backups(live, key, folders)
    return result


@door.internal("converts backup files for encrypt_database")
def encrypt_plain_backups(live: Path, key: str, folders: set[Path]) -> tuple[list[Path], list[Path]]:
    """Encrypt every plain ``*.sqlite3`` backup in ``folders`` under ``key`` (with the key file beside it).

    Each is replaced only by a verified encrypted copy. Password-protected backup files are left as
    they are (they reveal nothing without their password)."""
    done: list[Path] = []
    failed: list[Path] = []
    for folder in sorted(f for f in folders if f.is_dir()):
        for path in sorted(folder.glob("*.sqlite3")):
            if not path.is_file() or cipher.is_encrypted_file(path) or integrity_problems(path):
                continue
            copy = path.with_name(path.name + ".encrypting")
            try:
                cipher.encrypt_copy(path, copy, key)
                keyring.copy_beside(live, path)
                os.replace(copy, path)
            except (OSError, StorageError):
                copy.unlink(missing_ok=True)
                failed.append(path)
                continue
            done.append(path)
    return done, failed


@door.operation(Kind.DATABASE, Action.WRITE)
def decrypt_database(ctx: ServiceContext, password: str, default_backup_folder: Path) -> Path:
    """Store the database as a plain SQLite file again (its encrypted backups stay encrypted)."""
    live = _live(ctx)
    if not is_encrypted(ctx) or ctx.db.key is None:
        raise StorageError(_("This database is not encrypted."))
    _director_with_password(ctx, password)
    key = ctx.db.key
    safety = backups.take_backup(ctx, default_backup_folder, reason="before-decrypt")
    copy = live.with_name(live.name + ".decrypting")
    ctx.db.checkpoint()
    ctx.db.dispose()
    try:
        cipher.export_copy(live, key, copy, None)
        swap.replace_live(live, key, copy)
    finally:
        copy.unlink(missing_ok=True)
    keyring.keys_file(live).unlink(missing_ok=True)  # after the swap: until then the key file is needed
    ctx.db.reopen(None)
    return safety


@door.operation(Kind.PREFERENCES, Action.READ, anonymous=True)  # signs in, like accounts.login
def sign_in_director(ctx: ServiceContext, unlocked: keyring.Unlocked, password: str) -> Actor:
    """The command line on an encrypted database acts as the director whose password unlocked it
    (signed in like the window does: throttled, audited)."""
    with ctx.db.read() as s:
        row = s.get(m.UserAccount, unlocked.user_id) if unlocked.user_id is not None else None
        name = row.username if row is not None and row.role is Role.DIRECTOR and row.active else None
    if name is None:
        raise PermissionDenied(_("That password unlocks the database, but it belongs to no active director "
                                 "account. Use the password of a current director."))
    return accounts.login(ctx, name, password)
