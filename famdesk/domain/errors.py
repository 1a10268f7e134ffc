"""Errors a director can act on. Services raise these; the GUI shows them, the CLI prints them."""

from __future__ import annotations

from dataclasses import dataclass


class FamdeskError(Exception):
    """Base class: ``str(err)`` is a complete, translated sentence for the user."""


@dataclass
class FieldProblem:
    field: str      # the attribute or column the problem is about
    message: str    # what to fix, translated


class ValidationError(FamdeskError):
    """One or more fields are wrong; nothing was written."""

    def __init__(self, problems: list[FieldProblem] | str, field: str = "") -> None:
        if isinstance(problems, str):
            problems = [FieldProblem(field, problems)]
        self.problems = problems
        super().__init__("\n".join(p.message for p in problems))


class NotFoundError(FamdeskError):
    pass


class DuplicateError(ValidationError):
    pass


class PermissionDenied(FamdeskError):
    pass


class DatabaseTooNewError(FamdeskError):
    """The database was made by a newer famdesk; we refuse to touch it."""


class StorageError(FamdeskError):
    """The database cannot be opened or written (locked, read-only, disk full, corrupt)."""



class DamagedDatabase(StorageError):
    """The database file is empty, not SQLite, not a famdesk database or malformed (``state`` says which:
    "empty", "not-sqlite", "not-famdesk", "malformed", or "unreadable": encrypted, or random bytes, with no
    key file beside it); nothing was opened or changed. `famdesk restore FILE` may replace it."""

    def __init__(self, message: str, *, state: str) -> None:
        self.state = state
        super().__init__(message)


class BackupKeyNeeded(StorageError):
    """An encrypted database's backup under another key: a director's password of its time is needed."""


class PasswordNeeded(FamdeskError):
    """A password is needed (to unlock an encrypted database or to sign in) and there is no way to ask."""


class Cancelled(FamdeskError):
    """The user closed the unlock dialog: nothing was opened."""


class StaleEditError(FamdeskError):
    """The record changed after the form was opened; nothing was saved.

    ``what`` is the record kind ("family", "visit", …), ``changed_by`` who made the other change (role and
    account id as stored, ``"director#3"``; never a name), ``changed_at`` when (UTC, naive), and
    ``current_version`` the version now stored. ``str()`` is the sentence the window shows.
    """

    def __init__(self, message: str, *, what: str, record_id: object, changed_by: str,
                 changed_at: object, current_version: int | None) -> None:
        self.what = what
        self.record_id = record_id
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.current_version = current_version
        super().__init__(message)
