"""Keep an encrypted database's key file in step with the directors' passwords.

Every active director's password unlocks the database: a new director, a password change or reset adds
that director's wrap, a deactivated director's wrap goes, and a director whose wrap is missing or stale
(unlocked by a colleague after a restore, say) gets one at sign-in. On a plain database (no key in
memory) everything here does nothing. Helpers of ``accounts`` and ``encryption``: they run only inside
those operations.

A new wrap is added *before* the account change commits and the director's older wraps are removed only
*after*: if the commit fails, the new wrap is taken out again, so the key file never stops matching the
passwords the database holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from famdesk.db import keyring
from famdesk.domain.errors import ValidationError
from famdesk.i18n import _
from famdesk.services import door
from famdesk.services.context import ServiceContext


def _database(ctx: ServiceContext) -> Path | None:
    if ctx.db.key is None or not ctx.db.sqlite_path:
        return None
    return Path(ctx.db.sqlite_path)


@door.internal("keeps the key file in step inside an accounts operation")
@contextmanager
def wrapping(ctx: ServiceContext, password: str) -> Iterator[Callable[[int], None]]:
    """``with wrapping(ctx, pw) as wrap_for: <transaction>; wrap_for(user_id)`` inside it, before commit."""
    database = _database(ctx)
    staged: list[tuple[int, str]] = []

    def wrap_for(user_id: int) -> None:
        if database is not None and ctx.db.key is not None:
            staged.append((user_id, keyring.add_wrap(database, ctx.db.key, password, user_id)))

    try:
        yield wrap_for
    except BaseException:
        for _user, wrap_id in staged:
            keyring.remove_wraps(database, wrap_id=wrap_id)  # type: ignore[arg-type]
        raise
    for user_id, wrap_id in staged:
        keyring.remove_wraps(database, user_id=user_id, keep=wrap_id)  # type: ignore[arg-type]


@door.internal("keeps the key file in step inside an accounts operation")
def ensure_wrap(ctx: ServiceContext, user_id: int, password: str) -> None:
    """At a director's sign-in: make sure this password unlocks the database."""
    database = _database(ctx)
    if database is None or ctx.db.key is None:
        return
    if any(keyring.unwrap(w, password) == ctx.db.key for w in keyring.user_wraps(database, user_id)):
        return
    new = keyring.add_wrap(database, ctx.db.key, password, user_id)
    keyring.remove_wraps(database, user_id=user_id, keep=new)


@door.internal("keeps the key file in step inside an accounts operation")
def check_can_drop(ctx: ServiceContext, user_id: int) -> None:
    """Refuse to deactivate the last director whose password unlocks the database."""
    database = _database(ctx)
    if database is not None and not keyring.wrapped_users(database) - {user_id}:
        raise ValidationError(_("This is the only director whose password unlocks the encrypted database. "
                                "Add another director first, or nobody could open famdesk."))


@door.internal("keeps the key file in step inside an accounts operation")
def drop_wraps(ctx: ServiceContext, user_id: int) -> None:
    database = _database(ctx)
    if database is not None:
        keyring.remove_wraps(database, user_id=user_id)
