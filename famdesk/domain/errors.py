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



class BackupKeyNeeded(StorageError):
    """An encrypted database's backup under another key: a director's password of its time is needed."""


class PasswordNeeded(FamdeskError):
    """A password is needed (to unlock an encrypted database or to sign in) and there is no way to ask."""


class Cancelled(FamdeskError):
    """The user closed the unlock dialog: nothing was opened."""
