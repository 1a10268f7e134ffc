"""Stale edits are never silent: every record a form edits carries a version.

A record read by a service comes back with ``version`` (and ``updated_at``/``updated_by`` for the
message); a save hands it back. Inside the save's write transaction ``check_and_bump`` runs one
compare-and-set, ``UPDATE … SET version = version + 1 WHERE id = :id AND version = :v``: no row
updated means someone else saved since the form was opened, and the save is refused with
``StaleEditError`` (nothing written, the transaction rolls back). On PostgreSQL the UPDATE takes the
row's lock, so of two concurrent saves from the same version the second waits, re-reads the row and
updates nothing; SQLite's ``BEGIN IMMEDIATE`` serialises writers already.

Every other change to a versioned record bumps it too (``bump``; ``bump_family`` for a household's
members), so a version that still matches proves the form saw the stored record, members included:
a save from it never deletes a row the saver never saw.

``version=None`` on a stored record means "not checked" (a caller that builds a record by hand rather
than from a form); the change is still counted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import and_, inspect, select, update
from sqlalchemy.orm import Session

from famdesk.db.models.base import utcnow
from famdesk.domain.errors import NotFoundError, StaleEditError
from famdesk.domain.roles import Actor, Role
from famdesk.i18n import N_, _
from famdesk.services.door import internal, pure

# The record each versioned table holds, as the sentence names it (one whole sentence per kind, so a
# translator sees it whole).
_SENTENCES = {
    "family": N_("{who} changed this family at {when} after you opened it. Nothing was saved; reload to "
                 "see their change (what you typed is kept)."),
    "visit": N_("{who} changed this visit at {when} after you opened it. Nothing was saved; reload to see "
                "their change (what you typed is kept)."),
    "contact": N_("{who} changed this contact at {when} after you opened it. Nothing was saved; reload to "
                  "see their change (what you typed is kept)."),
    "family_goal": N_("{who} changed this goal at {when} after you opened it. Nothing was saved; reload to "
                      "see their change (what you typed is kept)."),
    "event": N_("{who} changed this event at {when} after you opened it. Nothing was saved; reload to see "
                "their change (what you typed is kept)."),
    "observation": N_("{who} changed this note at {when} after you opened it. Nothing was saved; reload to "
                      "see their change (what you typed is kept)."),
    "incident": N_("{who} changed this incident record at {when} after you opened it. Nothing was saved; "
                   "reload to see their change (what you typed is kept)."),
    "custom_handout": N_("{who} changed this handout at {when} after you opened it. Nothing was saved; "
                         "reload to see their change (what you typed is kept)."),
    "program": N_("{who} changed the program's details at {when} after you opened them. Nothing was saved; "
                  "reload to see their change (what you typed is kept)."),
    "setting": N_("{who} changed this setting at {when} after you opened it. Nothing was saved; reload to "
                  "see their change (what you typed is kept)."),
}
_GONE = N_("That record was deleted by someone else after you opened it; nothing was saved.")
_ROLE_NAMES = {Role.DIRECTOR: N_("director"), Role.FAMILY_SERVICES: N_("family services"),
               Role.TEACHER: N_("teacher"), Role.OFFICE: N_("office")}


@pure("formats who acted")
def actor_tag(actor: Actor | None) -> str:
    """What ``updated_by`` stores: the role and the account id (``"director#3"``), never a name."""
    if actor is None:
        return ""
    role = str(actor.role)
    return f"{role}#{actor.user_id}" if actor.user_id is not None else role


@pure("reads a row already loaded")
def fields(row: Any) -> dict[str, Any]:
    """``version``, ``updated_at``, ``updated_by`` of a loaded row, for a record's constructor."""
    return {"version": row.version, "updated_at": row.updated_at, "updated_by": row.updated_by or ""}


def _key(row: Any) -> tuple[Any, Any]:
    state = inspect(row)
    table = state.mapper.local_table
    pk = state.mapper.primary_key
    ident = state.identity or tuple(getattr(row, state.mapper.get_property_by_column(c).key) for c in pk)
    return table, and_(*(col == value for col, value in zip(pk, ident, strict=True)))


@internal("works inside the caller's write transaction")
def check_and_bump(session: Session, row: Any, record_version: int | None, actor: Actor | None) -> int:
    """Refuse a save from a form opened at ``record_version`` if ``row`` changed since; count the change.

    One compare-and-set UPDATE (see the module docstring); returns the new version. ``None`` = unchecked.
    Call it before changing the row, inside the save's transaction.
    """
    table, where = _key(row)
    version = _claim(session, table, where, record_version, actor, _record_id(row))
    session.expire(row, ["version", "updated_at", "updated_by"])  # the row reads the new version
    return version


@internal("works inside the caller's write transaction")
def bump(session: Session, row: Any, actor: Actor | None) -> int:
    """Count a change made without a form's version (cancel, archive, merge…): later stale forms fail."""
    return check_and_bump(session, row, None, actor)


@internal("works inside the caller's write transaction")
def bump_family(session: Session, family_id: int | None, actor: Actor | None) -> None:
    """A household's member (caregiver, child, pickup) changed outside the family form: count it on the
    family, whose version covers its members."""
    if family_id is None:
        return
    from famdesk.db import models as m

    table = m.Family.__table__
    session.execute(update(table).where(table.c.id == family_id)
                    .values(version=table.c.version + 1, updated_at=utcnow(), updated_by=actor_tag(actor)))
    family = session.identity_map.get(inspect(m.Family).identity_key_from_primary_key((family_id,)))
    if family is not None:
        session.expire(family, ["version", "updated_at", "updated_by"])


@internal("stamps a row being created in the caller's transaction")
def stamp_new(row: Any, actor: Actor | None) -> None:
    """A record being added: version 1, made by ``actor``."""
    row.version = 1
    row.updated_by = actor_tag(actor)


def _record_id(row: Any) -> Any:
    ident = inspect(row).identity
    return ident[0] if ident and len(ident) == 1 else ident


def _claim(session: Session, table: Any, where: Any, record_version: int | None, actor: Actor | None,
           record_id: Any) -> int:
    stmt = update(table).where(where)
    if record_version is not None:
        stmt = stmt.where(table.c.version == record_version)
    stmt = stmt.values(version=table.c.version + 1, updated_at=utcnow(), updated_by=actor_tag(actor))
    done = session.execute(stmt.execution_options(synchronize_session=False)).rowcount
    c = table.c
    current = session.execute(select(c.version, c.updated_at, c.updated_by).where(where)).first()
    if current is None:
        raise NotFoundError(_(_GONE))
    if done != 1:
        raise stale_error(table.name, record_id, current.version, current.updated_at, current.updated_by,
                          actor)
    return int(current.version)


@pure("builds a sentence")
def stale_error(what: str, record_id: Any, version: int | None, changed_at: dt.datetime | None,
                changed_by: str, actor: Actor | None) -> StaleEditError:
    """The refusal, with a sentence saying who changed the record and when."""
    template = _SENTENCES.get(what, _SENTENCES["setting"])
    message = _(template).format(who=who_changed(changed_by, actor), when=when_changed(changed_at))
    return StaleEditError(message, what=what, record_id=record_id, changed_by=changed_by or "",
                          changed_at=changed_at, current_version=version)


@pure("builds words")
def who_changed(changed_by: str, actor: Actor | None) -> str:
    """"Someone else (director)", or "You (in another window)" when it was the same account."""
    role_text, _sep, user = (changed_by or "").partition("#")
    if user and actor is not None and actor.user_id is not None and user == str(actor.user_id):
        return _("You (in another window)")
    try:
        role = Role(role_text)
    except ValueError:
        return _("Someone else")
    return _("Someone else ({role})").format(role=_(_ROLE_NAMES[role]))


@pure("formats a time")
def when_changed(changed_at: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """The change's local time; with the date when it was not today. ``changed_at`` is UTC (naive)."""
    from famdesk.formatting import ui_date, ui_time

    if changed_at is None:
        return _("an unknown time")
    local = changed_at.replace(tzinfo=dt.UTC).astimezone()
    today = (now or dt.datetime.now().astimezone()).date()
    if local.date() == today:
        return ui_time(local.replace(tzinfo=None))
    return _("{time} on {date}").format(time=ui_time(local.replace(tzinfo=None)), date=ui_date(local.date()))


# --- keeping what was typed -------------------------------------------------------------------------

_META = frozenset({"version", "updated_at", "updated_by"})


@pure("merges plain records")
def merge_edits(original: Any, mine: Any, theirs: Any) -> Any:
    """What a reloaded form shows: ``theirs`` (the stored record now), with every field the user changed
    (``mine`` differs from ``original``, the record as the form opened it) kept as typed.

    Lists of records with ids (a household's caregivers, children, pickups) merge member by member:
    members the other person added stay, members the user added or removed stay added or removed.
    The result carries ``theirs``'s version, so the next save is checked against what was reloaded.
    """
    if not dataclasses.is_dataclass(theirs):
        return mine if mine != original else theirs
    out = dataclasses.replace(theirs)
    for f in dataclasses.fields(theirs):
        if f.name in _META or f.name == "id":
            continue
        o, y, t = getattr(original, f.name, None), getattr(mine, f.name, None), getattr(theirs, f.name)
        if _is_member_list(o) or _is_member_list(y) or _is_member_list(t):
            setattr(out, f.name, _merge_members(o or [], y or [], t or []))
        elif dataclasses.is_dataclass(t) and not isinstance(t, type):
            setattr(out, f.name, merge_edits(o, y, t))
        elif y != o:
            setattr(out, f.name, y)
    return out


def _is_member_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(
        dataclasses.is_dataclass(x) and hasattr(x, "id") for x in value)


def _merge_members(original: list[Any], mine: list[Any], theirs: list[Any]) -> list[Any]:
    before = {x.id: x for x in original if x.id is not None}
    typed = {x.id: x for x in mine if x.id is not None}
    out = []
    for t in theirs:
        if t.id in before and t.id not in typed:
            continue  # the user removed it: still removed
        if t.id in before:
            out.append(merge_edits(before[t.id], typed[t.id], t))
        else:
            out.append(t)  # the other person added it (or the user never saw it): kept
    out += [y for y in mine if y.id is None]  # the user's new members
    return out


@internal("works inside the caller's write transaction")
def setting_row(session: Session, key: str, version: int | None, actor: Actor | None) -> Any:
    """The ``setting`` row to write ``key`` into, checked against the ``version`` the form saw (0 = the
    form saw no stored value; None = unchecked) and counted; a new row when none is stored."""
    from famdesk.db import models as m

    row = session.get(m.Setting, key)
    if row is None:
        row = m.Setting(key=key, version=1, updated_at=utcnow(), updated_by=actor_tag(actor))
        session.add(row)
        return row
    if version == 0:  # someone stored a value after the form was opened with none
        raise stale_error("setting", key, row.version, row.updated_at, row.updated_by, actor)
    check_and_bump(session, row, version, actor)
    return row
