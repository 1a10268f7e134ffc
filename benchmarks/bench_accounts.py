"""Accounts and data safety figures: password hashing, backups, restore, audit chain verification.

Run: python benchmarks/bench_accounts.py [families]   (never part of pytest)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Result  # noqa: E402

from famdesk.app import open_database  # noqa: E402
from famdesk.db.backup_files import describe  # noqa: E402
from famdesk.domain.roles import Action, Kind  # noqa: E402
from famdesk.services import accounts, audit, backups  # noqa: E402
from famdesk.services.checks import run_checks  # noqa: E402
from famdesk.services.demo import create_demo  # noqa: E402


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
        ctx = opened.ctx
        create_demo(ctx, families=n)
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


if __name__ == "__main__":
    main()
