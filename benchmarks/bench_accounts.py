"""Accounts and data safety figures: password hashing, backups, restore, audit chain verification, and
the overhead of encryption at rest (SQLCipher) on opening, a typical query and a backup.

Run: python benchmarks/bench_accounts.py [families]   (never part of pytest; the encryption figures need
sqlcipher3-binary)
"""

from __future__ import annotations

import inspect
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Result  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402

from famdesk.app import open_database  # noqa: E402
from famdesk.db import cipher, keyring  # noqa: E402
from famdesk.db.backup_files import describe  # noqa: E402
from famdesk.db.engine import _configure_sqlite, sqlite_url  # noqa: E402
from famdesk.db.session import Database  # noqa: E402
from famdesk.domain.roles import DIRECTOR, Action, Actor, Kind, Role  # noqa: E402
from famdesk.services import accounts, audit, backups, encryption, families, staff  # noqa: E402
from famdesk.services.checks import run_checks  # noqa: E402
from famdesk.services.context import ServiceContext  # noqa: E402
from famdesk.services.demo import create_demo  # noqa: E402
from famdesk.services.family_search import FamilyFilter  # noqa: E402


def timed(label: str, fn, rows: list[tuple[str, float]], repeat: int = 1) -> object:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for _ in range(repeat):
        result = fn()
    rows.append((label, (time.perf_counter() - start) / repeat * 1000))
    return result


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    rows, size = measure(n)
    print(f"famdesk accounts/backup figures ({n} demo families, backup {size:.1f} MB)")
    print(f"{'operation':<50} {'ms':>10}")
    for label, ms in rows:
        print(f"{label:<50} {ms:>10.1f}")
    if cipher.available():
        encryption_overhead(n)


def bench_results(quick: bool = False) -> list[Result]:
    n = 300
    rows, size = measure(n)
    return [Result("accounts", label, ms, "ms", note="" if i else f"{n} demo families, backup {size:.1f} MB")
            for i, (label, ms) in enumerate(rows)]


def measure(n: int) -> tuple[list[tuple[str, float]], float]:
    """([(operation, ms)], backup size in MB)."""
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        opened = open_database(str(Path(tmp) / "data"))
        opened.ctx = opened.ctx.as_actor(DIRECTOR)  # as the director who signed in
        ctx = opened.ctx
        create_demo(ctx, families=n)
        # The one door: what a declared call costs over the function itself, and an audited view.
        bare = inspect.unwrap(families.count_families)
        timed("count families, the function alone", lambda: bare(ctx), rows, 300)
        timed("count families through the door (director)", lambda: families.count_families(ctx), rows, 300)
        worker = staff.list_staff(ctx)[0]
        scoped = ctx.as_actor(Actor(Role.FAMILY_SERVICES, staff_id=worker.id))
        timed("… as a home visitor (caseload scope)", lambda: families.count_families(scoped), rows, 300)
        fid = families.search_families(ctx)[0].id
        timed("open a family record (audited view, head file)", lambda: families.get_family(ctx, fid), rows, 50)
        ph = accounts.hasher()
        digest = timed("argon2id hash (m=64 MiB, t=3, p=4)", lambda: ph.hash("a long password"), rows, 5)
        timed("argon2id verify", lambda: ph.verify(digest, "a long password"), rows, 5)
        accounts.create_first_director(ctx, "director", "a long password")
        timed("login (verify + audit entry)", lambda: accounts.login(ctx, "director", "a long password"), rows, 5)
        for _ in range(10_000 // 100):
            with ctx.db.transaction() as s:
                for _ in range(100):
                    audit.record(s, ctx.actor, Action.READ, Kind.FAMILY, 1)
        timed("famdesk check (incl. 10,000-entry audit chain)", lambda: run_checks(ctx), rows)
        out = Path(tmp) / "b.sqlite3"
        timed(f"backup, {n} families, verified", lambda: backups.take_backup(ctx, Path(tmp), output=out), rows)
        enc = Path(tmp) / "b.famdesk-backup"
        timed("backup, encrypted (scrypt + AES-GCM)",
              lambda: backups.take_backup(ctx, Path(tmp), output=enc, password="pw pw pw pw"), rows)
        timed("describe backup", lambda: describe(out), rows)
        timed("restore (safety backup + backup API + check)", lambda: backups.restore(ctx, out, Path(tmp) / "s"),
              rows)
        size = out.stat().st_size / 1e6
        ctx.db.dispose()
    return rows, size


def median_ms(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _queries(ctx: ServiceContext, rare: str) -> dict[str, float]:
    ids = [row.id for row in families.search_families(ctx, limit=50)]
    return {
        "search 'ma' (common), first page of 50": median_ms(
            lambda: families.search_families(ctx, FamilyFilter(text="ma"), limit=50), 51),
        f"search '{rare}' (rare surname)": median_ms(
            lambda: families.search_families(ctx, FamilyFilter(text=rare), limit=50), 51),
        "count all families": median_ms(lambda: families.count_families(ctx), 51),
        "one family's full record (household, people)": median_ms(
            lambda: [families.get_family(ctx, i) for i in ids[:10]], 11) / 10,
    }


def _sqlite351(path: Path, actor: Actor) -> ServiceContext:
    """A plain file through SQLCipher's own SQLite build without a key: separates what the newer SQLite
    version changes (query plans) from what encryption costs."""
    engine = create_engine(sqlite_url(path), module=cipher.sqlcipher(), connect_args={"timeout": 30})
    _configure_sqlite(engine)
    return ServiceContext(Database(engine), actor)


def encryption_overhead(n: int) -> None:
    pw = "a long password"
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        opened = open_database(str(data))
        opened.ctx = opened.ctx.as_actor(DIRECTOR)  # as the director who signed in
        user = accounts.add_user(opened.ctx, "director", pw, Role.DIRECTOR)
        actor = accounts.actor_for(user)
        ctx = opened.ctx.as_actor(actor)
        create_demo(ctx, families=n)
        rare = families.search_families(ctx, limit=1, offset=n // 2)[0].name.split()[0]
        ctx.db.checkpoint()
        plain_copy = Path(tmp) / "plain-copy.sqlite3"
        backups.take_backup(ctx, Path(tmp), output=plain_copy)
        rows: dict[str, list[float | None]] = {}

        def add(label: str, values: dict[str, float] | float, col: int) -> None:
            for k, v in (values.items() if isinstance(values, dict) else [(label, values)]):
                rows.setdefault(k, [None, None, None])[col] = v

        def open_query_close(password: str | None) -> None:
            o = open_database(str(data), password=password)
            o.ctx = o.ctx.as_actor(DIRECTOR)  # as the director who signed in
            families.count_families(o.ctx)
            o.ctx.db.dispose()

        add("open (unlock + engine + schema check + a count)", median_ms(lambda: open_query_close(None), 7), 0)
        add("", _queries(ctx, rare), 0)
        add("director sign-in (argon2id + audit [+ key wrap check])", median_ms(
            lambda: accounts.login(ctx, "director", pw), 5), 0)
        add("verified backup (backup API + integrity_check)", median_ms(
            lambda: backups.take_backup(ctx, Path(tmp), output=Path(tmp) / "b.sqlite3"), 5), 0)
        other = _sqlite351(plain_copy, actor)
        add("", _queries(other, rare), 1)
        other.db.dispose()
        start = time.perf_counter()
        encryption.encrypt_database(ctx, pw, data / "backups")
        encrypt_ms = (time.perf_counter() - start) * 1000
        size = (data / "famdesk.sqlite3").stat().st_size / 1e6
        ctx.db.dispose()
        unlock_ms = median_ms(lambda: keyring.unlock_database(data / "famdesk.sqlite3", pw), 5)
        add("open (unlock + engine + schema check + a count)", median_ms(lambda: open_query_close(pw), 7), 2)
        enc = open_database(str(data), password=pw).ctx.as_actor(actor)
        add("", _queries(enc, rare), 2)
        add("director sign-in (argon2id + audit [+ key wrap check])", median_ms(
            lambda: accounts.login(enc, "director", pw), 5), 2)
        add("verified backup (backup API + integrity_check)", median_ms(
            lambda: backups.take_backup(enc, Path(tmp), output=Path(tmp) / "e.sqlite3"), 5), 2)
        enc.db.dispose()
    version = cipher.sqlcipher().connect(":memory:").execute("PRAGMA cipher_version").fetchone()[0]
    print(f"\nencryption at rest: SQLCipher {version} (SQLite {cipher.sqlcipher().sqlite_version}) against "
          f"Python's SQLite {sqlite3.sqlite_version}; {n} demo families, {size:.1f} MB; medians in ms")
    print(f"{'operation':<56} {'plain':>8} {'plain 3.51':>11} {'encrypted':>10} {'enc/3.51':>9}")
    for label, (a, b, c) in rows.items():
        cells = [f"{v:8.2f}" if v is not None else f"{'':>8}" for v in (a,)] + \
                [f"{v:11.2f}" if v is not None else f"{'':>11}" for v in (b,)] + \
                [f"{v:10.2f}" if v is not None else f"{'':>10}" for v in (c,)]
        ratio = f"{c / b:8.2f}x" if b and c else (f"{c / a:8.2f}x*" if a and c else "")
        print(f"{label:<56} {' '.join(cells)} {ratio}")
    print("(* against plain on Python's SQLite)")
    print(f"{'of which unlock (scrypt, one director)':<56} {'':>8} {'':>11} {unlock_ms:10.1f}")
    print(f"{'famdesk encrypt (backup, copy, verify, swap, backups)':<56} {'':>8} {'':>11} {encrypt_ms:10.1f}")


if __name__ == "__main__":
    main()
