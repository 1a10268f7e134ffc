"""User accounts: argon2id passwords, throttled logins, first-run director, resets, caseloads.

Passwords are hashed with argon2id (argon2-cffi). ``HASH_PARAMETERS`` is at or above OWASP's minimum
(m=19 MiB, t=2, p=1); when it rises, the stored hash is upgraded at the next successful login
(``check_needs_rehash``). After ``FREE_ATTEMPTS`` wrong passwords an account is locked for a delay that
doubles with every further failure (stored in the database, so restarting famdesk does not reset it).
On an encrypted database every director's password also unlocks the file (``key_wraps``).

Signing in and the first start run before anyone is signed in (``anonymous``); the door cannot name an
actor for them, so they write their own audit entries (as the account concerned). Managing accounts is
directors'; a person's own password is their own (``Kind.PREFERENCES``: ``change_own_password``).
"""

from __future__ import annotations

import datetime as dt
import math

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.db.models.base import utcnow
from famdesk.domain.accounts import User
from famdesk.domain.errors import DuplicateError, NotFoundError, PermissionDenied, ValidationError
from famdesk.domain.roles import Action, Actor, Kind, Role
from famdesk.formatting import ui_number
from famdesk.i18n import _
from famdesk.services import audit, door, key_wraps
from famdesk.services.context import ServiceContext

# argon2id: 64 MiB, 3 passes, 4 lanes (RFC 9106 "low memory"), above OWASP's m=19 MiB, t=2, p=1.
HASH_PARAMETERS = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 4}
OWASP_MINIMUM = {"time_cost": 2, "memory_cost": 19 * 1024, "parallelism": 1}
MIN_PASSWORD_LENGTH = 10
FREE_ATTEMPTS = 5
BASE_DELAY = dt.timedelta(seconds=30)
MAX_DELAY = dt.timedelta(hours=1)
IDLE_LOCK_SETTING = "security.idle_lock_minutes"
DEFAULT_IDLE_MINUTES = 10


@door.pure("builds the hasher")
def hasher() -> PasswordHasher:
    return PasswordHasher(**HASH_PARAMETERS)


def _record(u: m.UserAccount) -> User:
    return User(u.username, u.role, u.staff_id, u.active, u.last_login_at, u.locked_until, u.id)


@door.pure("converts a record")
def actor_for(u: User) -> Actor:
    return Actor(u.role, user_id=u.id, staff_id=u.staff_id, label=u.username)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(_("A password needs at least {n} characters.").format(n=ui_number(MIN_PASSWORD_LENGTH)),
                              "password")


def _clean_username(name: str) -> str:
    name = (name or "").strip().lower()
    if not name:
        raise ValidationError(_("Choose a user name."), "username")
    return name


@door.operation(Kind.PROGRAM, Action.READ, anonymous=True)  # before sign-in: sign in or first start?
def has_users(ctx: ServiceContext) -> bool:
    with ctx.db.read() as s:
        return bool(s.scalar(select(func.count(m.UserAccount.id))))


@door.operation(Kind.USERS, Action.WRITE, anonymous=True)
def create_first_director(ctx: ServiceContext, username: str, password: str) -> User:
    """First run: the program's first account is a director. Refused once any account exists.

    Nobody is signed in yet: the audit entry names the new director (the door's, when someone is)."""
    username = _clean_username(username)
    _check_password(password)
    digest = hasher().hash(password)
    with key_wraps.wrapping(ctx, password) as wrap_for, ctx.db.transaction() as s:
        if s.scalar(select(func.count(m.UserAccount.id))):
            raise PermissionDenied(_("famdesk already has accounts; ask a director to add yours."))
        row = m.UserAccount(username=username, role=Role.DIRECTOR, password_hash=digest)
        s.add(row)
        s.flush()
        door.set_record(row.id)
        if ctx.actor is None:
            audit.record(s, actor_for(_record(row)), Action.WRITE, Kind.USERS, row.id)
        wrap_for(row.id)
        return _record(row)


@door.operation(Kind.USERS, Action.WRITE)
def add_user(ctx: ServiceContext, username: str, password: str, role: Role, staff_id: int | None = None) -> User:
    username = _clean_username(username)
    _check_password(password)
    digest = hasher().hash(password)
    with key_wraps.wrapping(ctx, password) as wrap_for, ctx.db.transaction() as s:
        if s.scalar(select(m.UserAccount.id).where(m.UserAccount.username == username)) is not None:
            raise DuplicateError(_("There is already an account called “{name}”.").format(name=username),
                                 "username")
        if staff_id is not None and s.get(m.StaffMember, staff_id) is None:
            raise NotFoundError(_("That staff member is not in the program."))
        row = m.UserAccount(username=username, role=role, staff_id=staff_id, password_hash=digest)
        s.add(row)
        s.flush()
        door.set_record(row.id)
        if role is Role.DIRECTOR:
            wrap_for(row.id)
        return _record(row)


@door.operation(Kind.USERS, Action.READ)
def list_users(ctx: ServiceContext) -> list[User]:
    with ctx.db.read() as s:
        return [_record(u) for u in s.scalars(select(m.UserAccount).order_by(m.UserAccount.username))]


@door.pure("arithmetic")
def lock_delay(failed_attempts: int) -> dt.timedelta:
    """No delay for the first FREE_ATTEMPTS failures, then 30 s, 60 s, 2 min … up to an hour."""
    if failed_attempts < FREE_ATTEMPTS:
        return dt.timedelta(0)
    return min(BASE_DELAY * (2 ** min(failed_attempts - FREE_ATTEMPTS, 20)), MAX_DELAY)


def _wrong() -> PermissionDenied:
    return PermissionDenied(_("That user name and password do not match."))


@door.operation(Kind.PREFERENCES, Action.READ, anonymous=True)
def login(ctx: ServiceContext, username: str, password: str, now: dt.datetime | None = None) -> Actor:
    """Check a password and return the actor to act as; count and throttle failures in the database.

    Before sign-in there is no actor for the door to audit: the entry (a sign-in or a failed one) names
    the account, in the transaction that counts the attempt."""
    now = now or utcnow()
    with ctx.db.transaction() as s:
        row = s.scalar(select(m.UserAccount).where(m.UserAccount.username == _clean_username(username)))
        if row is None or not row.active:
            hasher().hash(password)  # same work either way: the timing does not reveal user names
            raise _wrong()
        if row.locked_until is not None and row.locked_until > now:
            seconds = math.ceil((row.locked_until - now).total_seconds())
            raise PermissionDenied(_("Too many wrong passwords. Try again in {seconds} seconds, or ask a director "
                                     "to reset the password.").format(seconds=ui_number(seconds)))
        ph = hasher()
        try:
            ph.verify(row.password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        else:
            ok = True
        if ok:
            if ph.check_needs_rehash(row.password_hash):
                row.password_hash = ph.hash(password)
            row.failed_attempts, row.locked_until, row.last_login_at = 0, None, now
            user = _record(row)
            audit.record(s, actor_for(user), "login", Kind.USERS, row.id)
        else:
            row.failed_attempts += 1
            delay = lock_delay(row.failed_attempts)
            row.locked_until = now + delay if delay else None
            audit.record(s, Actor(row.role, user_id=row.id), "login_failed", Kind.USERS, row.id,
                         f"attempt={row.failed_attempts}")
    if ok:
        if user.role is Role.DIRECTOR and user.id is not None:
            key_wraps.ensure_wrap(ctx, user.id, password)  # after the commit: this password unlocks too
        return actor_for(user)
    raise _wrong()  # after the commit: the failure count must stick


@door.operation(Kind.PREFERENCES, Action.READ, record="user_id")
def verify_password(ctx: ServiceContext, user_id: int, password: str) -> bool:
    """Unlock an idle-locked session: the same throttled check as a login, of the actor's own password."""
    _own_account(ctx, user_id)
    with ctx.db.read() as s:
        row = s.get(m.UserAccount, user_id)
        if row is None:
            return False
        name = row.username
    try:
        login(ctx, name, password)
    except PermissionDenied:
        return False
    return True


@door.operation(Kind.USERS, Action.WRITE, record="user_id")
def reset_password(ctx: ServiceContext, user_id: int, new_password: str) -> None:
    """A director sets a new password (and lifts a lockout). A person changes their own with
    ``change_own_password``."""
    _set_password(ctx, user_id, new_password)


@door.operation(Kind.PREFERENCES, Action.WRITE)
def change_own_password(ctx: ServiceContext, current_password: str, new_password: str) -> None:
    """The signed-in person changes their own password (the current one first, checked like a login)."""
    user_id = ctx.actor.user_id
    if user_id is None:
        raise PermissionDenied(_("This account has no password to change; nothing was changed."))
    _check_password(new_password)  # before the check of the current one: a too short new one costs no try
    door.set_record(user_id)  # the check below counts the attempt (and carries the door's entry)
    if not verify_password(ctx, user_id, current_password):
        raise PermissionDenied(_("That is not your current password; nothing was changed."))
    _set_password(ctx, user_id, new_password)


def _own_account(ctx: ServiceContext, user_id: int) -> None:
    if ctx.actor is None or ctx.actor.user_id is None or ctx.actor.user_id != user_id:
        raise PermissionDenied(_("You may only do this for your own account; nothing was done."))


def _set_password(ctx: ServiceContext, user_id: int, new_password: str) -> None:
    _check_password(new_password)
    digest = hasher().hash(new_password)
    with key_wraps.wrapping(ctx, new_password) as wrap_for, ctx.db.transaction() as s:
        row = s.get(m.UserAccount, user_id)
        if row is None:
            raise NotFoundError(_("That account no longer exists."))
        row.password_hash, row.failed_attempts, row.locked_until = digest, 0, None
        if row.role is Role.DIRECTOR:
            wrap_for(user_id)  # the new password unlocks the database; the old one no longer does


@door.operation(Kind.USERS, Action.WRITE, record="user_id")
def set_active(ctx: ServiceContext, user_id: int, active: bool) -> None:
    with ctx.db.transaction() as s:
        row = s.get(m.UserAccount, user_id)
        if row is None:
            raise NotFoundError(_("That account no longer exists."))
        director = row.role is Role.DIRECTOR
        if director and not active:
            key_wraps.check_can_drop(ctx, user_id)
        row.active = active
    if director and not active:
        key_wraps.drop_wraps(ctx, user_id)  # a former director's password no longer unlocks the file


def _assignment_exists(s: Session, family_id: int, staff_id: int) -> bool:
    return s.scalar(select(m.family_staff.c.family_id).where(m.family_staff.c.family_id == family_id,
                                                             m.family_staff.c.staff_id == staff_id)) is not None


@door.operation(Kind.STAFF, Action.WRITE, record="staff_id")  # directors: caseloads decide who sees what
def assign_family(ctx: ServiceContext, family_id: int, staff_id: int, assigned: bool = True) -> None:
    """Put a family on (or take it off) a family-services worker's caseload (audited as a change of the
    staff member's caseload)."""
    with ctx.db.transaction() as s:
        if s.get(m.Family, family_id) is None or s.get(m.StaffMember, staff_id) is None:
            raise NotFoundError(_("That family or staff member no longer exists."))
        present = _assignment_exists(s, family_id, staff_id)
        if assigned and not present:
            s.execute(insert(m.family_staff).values(family_id=family_id, staff_id=staff_id))
        elif not assigned and present:
            s.execute(delete(m.family_staff).where(m.family_staff.c.family_id == family_id,
                                                   m.family_staff.c.staff_id == staff_id))


@door.operation(Kind.PROGRAM, Action.READ)
def idle_lock_minutes(ctx: ServiceContext) -> int:
    with ctx.db.read() as s:
        row = s.get(m.Setting, IDLE_LOCK_SETTING)
        return int(row.value) if row is not None else DEFAULT_IDLE_MINUTES


@door.operation(Kind.PROGRAM, Action.WRITE)
def set_idle_lock_minutes(ctx: ServiceContext, minutes: int) -> None:
    if not 1 <= minutes <= 240:
        raise ValidationError(_("Choose from 1 to 240 minutes."), "minutes")
    with ctx.db.transaction() as s:
        row = s.get(m.Setting, IDLE_LOCK_SETTING)
        if row is None:
            s.add(m.Setting(key=IDLE_LOCK_SETTING, value=minutes))
        else:
            row.value = minutes
