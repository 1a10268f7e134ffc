"""The one door every service operation goes through.

Each public function of ``famdesk.services`` carries one declaration, made with a decorator of this
module, saying what it does:

- ``@operation(kind, action, family=…)`` for an entry point taking a ``ServiceContext`` first. The door
  refuses a context without an actor, checks ``access.RULES`` (and, for roles limited to their own
  families, the family scope the ``family=`` spec finds), runs the function, writes the audit entry and
  tells the listeners which areas changed. A write's audit entry goes into the first write transaction
  the function opens (so it commits or rolls back with the change); a print, an export or an audited
  view gets its own entry after the function returned.
- ``@internal(reason)`` for a helper that works inside a caller's session (the caller went through the
  door); ``@pure(reason)`` for a function that touches no stored data (formatting, validation, parsing).

A call made while another operation is running (a service calling another) is part of the outer
operation: the outer declaration was checked and is audited, so the inner call runs as it is.
``tests/services/test_door.py`` walks every public function and fails on any without a declaration.
"""

from __future__ import annotations

import contextvars
import functools
import inspect
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from famdesk.domain.errors import PermissionDenied
from famdesk.domain.roles import Action, Actor, Kind
from famdesk.i18n import _

F = TypeVar("F", bound=Callable[..., Any])

# Actions that change stored data: audited in the change's own transaction.
WRITES = frozenset({Action.WRITE, Action.ERASE})
# Actions on family data that leave the machine or the screen: always audited.
OUTPUTS = frozenset({Action.PRINT, Action.EXPORT})


class Scope:
    """How the door finds the families a call touches (for roles limited to their own families)."""

    def family_ids(self, session: Session, args: dict[str, Any]) -> list[int | None]:
        raise NotImplementedError


class _Listed(Scope):
    """The function narrows what it lists (``access.scope_families``) or checks per row itself."""

    def family_ids(self, session: Session, args: dict[str, Any]) -> list[int | None]:
        return []


LISTED = _Listed()


@dataclass(frozen=True)
class Arg(Scope):
    """An argument that holds a family id (``None`` means a new family)."""

    name: str

    def family_ids(self, session: Session, args: dict[str, Any]) -> list[int | None]:
        return [args.get(self.name)]


@dataclass(frozen=True)
class Row(Scope):
    """An argument holding the id of a stored row; the family is the row's (found by ``path``)."""

    name: str
    model: Any
    path: str = "family_id"  # an attribute of the row, or "child" for a child id column via Child

    def family_ids(self, session: Session, args: dict[str, Any]) -> list[int | None]:
        value = args.get(self.name)
        ids = value if isinstance(value, list | tuple | set | frozenset) else [value]
        return [fid for v in ids if v is not None for fid in stored_family(session, self.model, v, self.path)]


@dataclass(frozen=True)
class Attr(Scope):
    """An argument that is a record: its ``attr`` (the new family) and, when it has an id, the stored
    row's family (the old one), so a record can be moved only between the actor's own families."""

    name: str
    attr: str = "family_id"
    model: Any = None
    path: str = "family_id"

    def family_ids(self, session: Session, args: dict[str, Any]) -> list[int | None]:
        obj = args.get(self.name)
        if obj is None:
            return []
        found: list[int | None] = [_dig(obj, self.attr)]
        record_id = getattr(obj, "id", None)
        if self.model is not None and record_id is not None:
            found.extend(stored_family(session, self.model, record_id, self.path))
        return found


@dataclass(frozen=True)
class Children(Scope):
    """An argument with child ids (or a record whose ``attr`` lists them): every child's family."""

    name: str
    attr: str | None = None

    def family_ids(self, session: Session, args: dict[str, Any]) -> list[int | None]:
        from famdesk.db import models as m

        value = args.get(self.name)
        if self.attr is not None and value is not None:
            value = _dig(value, self.attr)
        ids = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
        ids = [i for i in ids if i is not None]
        if not ids:
            return []
        return list(session.scalars(select(m.Child.family_id).where(m.Child.id.in_(ids))))


@dataclass(frozen=True)
class Each(Scope):
    """Several specs; every family any of them finds must be the actor's."""

    parts: tuple[Scope, ...]

    def family_ids(self, session: Session, args: dict[str, Any]) -> list[int | None]:
        return [fid for part in self.parts for fid in part.family_ids(session, args)]


def each(*parts: Scope) -> Each:
    return Each(parts)


def _dig(obj: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        obj = getattr(obj, part, None)
    return obj


def stored_family(session: Session, model: Any, record_id: Any, path: str = "family_id") -> list[int]:
    """The family of a stored row; nothing when the row is gone (the function then says so itself)."""
    from famdesk.db import models as m

    if path == "child":
        fid = session.scalar(select(m.Child.family_id).join(model, model.child_id == m.Child.id)
                             .where(model.id == record_id))
        return [fid] if fid is not None else []
    column = getattr(model, path)
    fid = session.scalar(select(column).where(model.id == record_id))
    return [fid] if fid is not None else []


@dataclass(frozen=True)
class Operation:
    """One declaration: what a service function does, read by the door and by the tests."""

    name: str
    kind: Kind
    action: Action
    family: Scope | None = None  # None: not about one family (program-wide kinds, or checked by kind only)
    record: str | None = None    # the argument holding the record's id, for the audit entry
    audit: bool = False          # audit a read too (a whole record, restricted data)
    anonymous: bool = False      # may run before anyone signed in (sign-in, first start)
    changes: frozenset[str] = field(default_factory=frozenset)

    @property
    def audited(self) -> bool:
        return self.audit or self.action in WRITES or self.action in OUTPUTS

    @property
    def writes(self) -> bool:
        return self.action in WRITES


@dataclass(frozen=True)
class Declaration:
    """``internal`` / ``pure``: not an entry point, and why."""

    what: str
    reason: str


# --- change notices -----------------------------------------------------------------------------

Listener = Callable[[frozenset[str]], None]
_listeners: list[Listener] = []


def listen(listener: Listener) -> Callable[[], None]:
    """Call ``listener(areas)`` after every successful write in this process; returns an unsubscribe."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener) if listener in _listeners else None


def announce(areas: Iterable[str]) -> None:
    """Tell every listener that ``areas`` changed (the door does this after each write)."""
    names = frozenset(areas)
    for listener in list(_listeners):
        try:
            listener(names)
        except Exception:  # a page that fails to refresh must not undo a committed change
            import logging

            logging.getLogger("famdesk.door").exception("a change listener failed")


# --- the door itself ----------------------------------------------------------------------------

@dataclass
class _Running:
    op: Operation
    actor: Actor
    record_id: int | None
    audited: bool = False  # the entry has been written in a write transaction
    changed: bool = False
    detail: str = ""


_current: contextvars.ContextVar[_Running | None] = contextvars.ContextVar("famdesk_operation", default=None)


def current() -> Operation | None:
    running = _current.get()
    return running.op if running else None


def set_record(record_id: int | None) -> None:
    """For a function that creates a record: the id the audit entry names (called before commit)."""
    running = _current.get()
    if running is not None:
        running.record_id = record_id


class _DoorDatabase:
    """The ``Database`` an operation sees: every write transaction it opens carries the audit entry."""

    def __init__(self, db: Any) -> None:
        self._db = db

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)

    @property
    def inner(self) -> Any:
        return self._db

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._db.transaction() as session:
            yield session
            running = _current.get()
            if running is not None:
                running.changed = True
                if running.op.audited and not running.audited and running.actor is not None:
                    _write_audit(session, running)
                    running.audited = True
                if running.op.changes:  # other processes hear of it on commit (PostgreSQL NOTIFY)
                    from famdesk.services.changes import notify

                    notify(session, running.op.changes)


def set_detail(detail: str) -> None:
    """Ids, dates and counts for the audit entry of the running operation (never names or notes)."""
    running = _current.get()
    if running is not None:
        running.detail = detail


def _write_audit(session: Session, running: _Running) -> None:
    from famdesk.services import audit

    audit.record(session, running.actor, running.op.action, running.op.kind, running.record_id, running.detail)


def _no_actor() -> PermissionDenied:
    return PermissionDenied(_("Nobody is signed in. Sign in first; nothing was done."))


def check(op: Operation, ctx: Any, args: dict[str, Any]) -> None:
    """Refuse unless ``ctx.actor`` may do ``op`` with these arguments (raises PermissionDenied)."""
    from famdesk.services import access

    actor = ctx.actor
    if actor is None:
        if op.anonymous:
            return
        raise _no_actor()
    if not access.allowed(actor, op.kind, op.action):
        raise access.denied(op.kind, op.action)
    if op.family is None or not access.is_scoped(actor, op.kind):
        return
    with ctx.db.read() as session:
        ids = op.family.family_ids(session, args)
        for fid in ids:
            access.require(actor, op.kind, op.action, session, fid)


def _record_id(op: Operation, args: dict[str, Any]) -> int | None:
    if op.record is None:
        return None
    value = _dig_arg(args, op.record)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _dig_arg(args: dict[str, Any], dotted: str) -> Any:
    head, _sep, rest = dotted.partition(".")
    value = args.get(head)
    return _dig(value, rest) if rest and value is not None else value


def operation(kind: Kind, action: Action, *, family: Scope | None = None, record: str | None = None,
              audit: bool = False, anonymous: bool = False, changes: Iterable[str] = ()) -> Callable[[F], F]:
    """Declare a service entry point (see the module docstring)."""

    def wrap(fn: F) -> F:
        areas = frozenset(changes) | ({str(kind)} if action in WRITES else frozenset())
        op = Operation(f"{fn.__module__}.{fn.__qualname__}", kind, action, family, record, audit, anonymous, areas)
        signature = inspect.signature(fn)

        @functools.wraps(fn)
        def door(ctx: Any, *args: Any, **kwargs: Any) -> Any:
            if _current.get() is not None:  # part of an operation that already went through the door
                return fn(ctx, *args, **kwargs)
            bound = signature.bind(ctx, *args, **kwargs).arguments
            check(op, ctx, bound)
            running = _Running(op, ctx.actor, _record_id(op, bound))
            token = _current.set(running)
            try:
                result = fn(replace(ctx, db=_DoorDatabase(_unwrap(ctx.db))), *args, **kwargs)
            finally:
                _current.reset(token)
            if op.audited and not running.audited and ctx.actor is not None:
                with _unwrap(ctx.db).transaction() as session:
                    if running.record_id is None:
                        running.record_id = _result_id(result)
                    _write_audit(session, running)
            if running.changed and op.changes:
                announce(op.changes)
            return result

        door.__famdesk_operation__ = op  # type: ignore[attr-defined]
        return door  # type: ignore[return-value]

    return wrap


def _unwrap(db: Any) -> Any:
    return db.inner if isinstance(db, _DoorDatabase) else db


def _result_id(result: Any) -> int | None:
    value = getattr(result, "id", None)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def internal(reason: str) -> Callable[[F], F]:
    """Declare a helper that works in a caller's session or for a caller that went through the door.

    A helper that takes the context (``ctx`` first) may run only inside an operation: called from
    anywhere else (the window, a command) it refuses, so it cannot become a way around the door."""
    def wrap(fn: F) -> F:
        declaration = Declaration("internal", reason)
        params = list(inspect.signature(fn).parameters)
        if not params or params[0] != "ctx":
            fn.__famdesk_declaration__ = declaration  # type: ignore[attr-defined]
            return fn

        @functools.wraps(fn)
        def inside(*args: Any, **kwargs: Any) -> Any:
            if _current.get() is None:
                raise RuntimeError(f"{fn.__qualname__} is a helper of other services; call it from an @operation")
            return fn(*args, **kwargs)

        inside.__famdesk_declaration__ = declaration  # type: ignore[attr-defined]
        return inside  # type: ignore[return-value]
    return wrap


def pure(reason: str = "touches no stored data") -> Callable[[F], F]:
    """Declare a function that reads and writes no stored data (formatting, parsing, validation)."""
    def wrap(fn: F) -> F:
        fn.__famdesk_declaration__ = Declaration("pure", reason)  # type: ignore[attr-defined]
        return fn
    return wrap


def declaration_of(fn: Any) -> Operation | Declaration | None:
    return getattr(fn, "__famdesk_operation__", None) or getattr(fn, "__famdesk_declaration__", None)
