"""Accounts: argon2id hashes, rehash on login, throttling stored in the database, first run, resets."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from famdesk.db import models as m
from famdesk.domain.errors import PermissionDenied, ValidationError
from famdesk.domain.roles import Actor, Role
from famdesk.services import accounts

PW = "correct horse battery"


@pytest.fixture(autouse=True)
def _owasp_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "HASH_PARAMETERS", dict(accounts.OWASP_MINIMUM))


def _hash(ctx, username: str) -> str:  # type: ignore[no-untyped-def]
    with ctx.db.read() as s:
        return s.scalar(select(m.UserAccount.password_hash).where(m.UserAccount.username == username))


def test_production_parameters_are_at_least_owasp_minimum() -> None:
    # Read the module's constants as shipped (the fixture swaps HASH_PARAMETERS only in this module's tests).
    import importlib

    shipped = importlib.reload(accounts).HASH_PARAMETERS
    assert shipped["memory_cost"] >= 19 * 1024 and shipped["time_cost"] >= 2 and shipped["parallelism"] >= 1


def test_first_run_creates_a_director_once(ctx) -> None:  # type: ignore[no-untyped-def]
    assert not accounts.has_users(ctx)
    user = accounts.create_first_director(ctx, " Director ", PW)
    assert user.role is Role.DIRECTOR and user.username == "director"
    assert _hash(ctx, "director").startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    with pytest.raises(PermissionDenied):
        accounts.create_first_director(ctx, "mallory", PW)
    assert accounts.login(ctx, "director", PW).role is Role.DIRECTOR


def test_short_password_refused(ctx) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="at least 10"):
        accounts.create_first_director(ctx, "d", "short")


def test_rehash_on_login_when_parameters_rise(ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    accounts.create_first_director(ctx, "d", PW)
    before = _hash(ctx, "d")
    monkeypatch.setattr(accounts, "HASH_PARAMETERS", {"time_cost": 3, "memory_cost": 20 * 1024, "parallelism": 1})
    accounts.login(ctx, "d", PW)
    after = _hash(ctx, "d")
    assert after != before and "m=20480,t=3,p=1" in after
    PasswordHasher().verify(after, PW)


def test_throttling_locks_after_free_attempts_and_doubles(ctx) -> None:  # type: ignore[no-untyped-def]
    accounts.create_first_director(ctx, "d", PW)
    now = dt.datetime(2026, 11, 23, 9, 0, 0)
    for _ in range(accounts.FREE_ATTEMPTS):
        with pytest.raises(PermissionDenied, match="do not match"):
            accounts.login(ctx, "d", "wrong password!", now=now)
    # Locked now: even the right password is refused until the delay has passed (stored in the DB).
    with pytest.raises(PermissionDenied, match="Try again in 30 seconds"):
        accounts.login(ctx, "d", PW, now=now)
    later = now + dt.timedelta(seconds=31)
    with pytest.raises(PermissionDenied, match="do not match"):
        accounts.login(ctx, "d", "wrong again!!", now=later)
    with pytest.raises(PermissionDenied, match="Try again in 60 seconds"):
        accounts.login(ctx, "d", PW, now=later)
    assert accounts.login(ctx, "d", PW, now=later + dt.timedelta(seconds=61)).role is Role.DIRECTOR
    with ctx.db.read() as s:
        assert s.scalar(select(m.UserAccount.failed_attempts)) == 0


def test_lock_delay_is_capped() -> None:
    assert accounts.lock_delay(4) == dt.timedelta(0)
    assert accounts.lock_delay(5) == dt.timedelta(seconds=30)
    assert accounts.lock_delay(7) == dt.timedelta(seconds=120)
    assert accounts.lock_delay(50) == dt.timedelta(hours=1)


def test_director_resets_password_and_lifts_lock(ctx) -> None:  # type: ignore[no-untyped-def]
    accounts.create_first_director(ctx, "d", PW)
    director = ctx.as_actor(accounts.login(ctx, "d", PW))
    t = accounts.add_user(director, "tala", "teacher password", Role.TEACHER)
    teacher = ctx.as_actor(accounts.login(ctx, "tala", "teacher password"))
    for _ in range(6):
        with pytest.raises(PermissionDenied):
            accounts.login(ctx, "tala", "nope nope nope")
    with pytest.raises(PermissionDenied):
        accounts.reset_password(teacher, director.actor.user_id, "hijacked password")
    accounts.reset_password(director, t.id, "new teacher password")
    assert accounts.login(ctx, "tala", "new teacher password").role is Role.TEACHER


def test_unknown_user_and_inactive_user_get_the_same_answer(ctx) -> None:  # type: ignore[no-untyped-def]
    accounts.create_first_director(ctx, "d", PW)
    director = ctx.as_actor(accounts.login(ctx, "d", PW))
    u = accounts.add_user(director, "olga", "office password", Role.OFFICE)
    accounts.set_active(director, u.id, False)
    for name in ("olga", "nobody"):
        with pytest.raises(PermissionDenied, match="do not match"):
            accounts.login(ctx, name, "office password")


def test_office_cannot_add_users(ctx) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        accounts.add_user(ctx.as_actor(Actor(Role.OFFICE)), "x", PW, Role.DIRECTOR)
