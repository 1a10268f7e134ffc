"""Canaries: an erased family's name is gone from the database file and its -wal; names never reach logs."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from famdesk.domain import records as r
from famdesk.domain.errors import FamdeskError
from famdesk.logs import setup_logging
from famdesk.services import backups, families, members

CANARY = "Quorblewick"  # a name that appears nowhere else


def _household() -> r.FamilyDetail:
    return r.FamilyDetail(
        r.Family(name=f"{CANARY} family", notes=f"{CANARY} notes"),
        [r.Caregiver(first_name=CANARY, last_name=CANARY, custody_notes=f"{CANARY} custody",
                     email="quorblewick@example.com")],
        [r.Child(first_name=CANARY, birth_date=dt.date(2022, 3, 3), health_notes=f"{CANARY} health")])


def _files_holding(folder: Path, needle: bytes) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes().lower()]


def test_erased_family_is_gone_from_database_and_wal(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    live = Path(ctx.db.sqlite_path)
    for i in range(20):  # neighbours on the same pages
        families.add_family(ctx, r.FamilyDetail(r.Family(name=f"Neighbour {i}"), [r.Caregiver(first_name="N")]))
    fid = families.add_family(ctx, _household()).family.id
    families.get_family(ctx, fid)
    assert _files_holding(live.parent, CANARY.lower().encode()), "the canary never reached the files"
    families.erase_family(ctx, fid)
    held = [n for n in _files_holding(live.parent, CANARY.lower().encode()) if not n.startswith("on-start")]
    assert held == []
    assert families.count_families(ctx) == 20


def test_canary_never_in_logs(sqlite_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    logs = tmp_path / "logs"
    setup_logging(logs, level=logging.DEBUG)
    ctx = sqlite_ctx
    try:
        saved = families.add_family(ctx, _household())
        families.get_family(ctx, saved.family.id)
        families.search_families(ctx, families.FamilyFilter(text=CANARY))
        bad = saved.children[0]
        bad.birth_date = dt.date.today() + dt.timedelta(days=9)
        with pytest.raises(FamdeskError):
            members.save_child(ctx, bad)
        backups.take_backup(ctx, tmp_path / "b")
        families.erase_family(ctx, saved.family.id)
        logging.getLogger("famdesk").warning("end of canary run")
    finally:
        for h in logging.getLogger("famdesk").handlers:
            h.flush()
    text = "".join(p.read_text(encoding="utf-8") for p in logs.glob("*.log*"))
    assert "end of canary run" in text
    assert CANARY.lower() not in text.lower()
