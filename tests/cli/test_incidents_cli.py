"""`famdesk incidents summary` and `famdesk retention …` as a user runs them: a real process on a real folder."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import update

from famdesk.app import open_database
from famdesk.db import models as m
from famdesk.domain import records as r
from famdesk.domain.enums import FamilyStatus
from famdesk.domain.incidents import Incident
from famdesk.domain.roles import DIRECTOR
from famdesk.services import families, incidents


def famdesk(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FAMDESK_LANGUAGE": "en"}
    env.pop("FAMDESK_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "famdesk", "--data-dir", str(data), *args],
                          capture_output=True, text=True, env=env, timeout=120)


def _setup(data: Path) -> tuple[int, int]:
    opened = open_database(str(data))
    ctx = opened.ctx.as_actor(DIRECTOR)
    try:
        kid = families.add_family(ctx, r.FamilyDetail(
            r.Family(name="Quorblewick family"), [r.Caregiver(first_name="Ana")],
            [r.Child(first_name="Quorblewick", birth_date=dt.date(2021, 1, 1))])).children[0].id
        incidents.add_incident(ctx, Incident(child_id=kid, occurred_at=dt.datetime(2025, 10, 6, 12, 45),
                                             behavior="Threw a shoe.", response="Calm-down corner."))
        gone = families.add_family(ctx, r.FamilyDetail(
            r.Family(name="Long-gone family", status=FamilyStatus.EXITED, exited_on=dt.date(2015, 6, 30)),
            [r.Caregiver(first_name="Bo")])).family.id
        assert kid is not None and gone is not None
        with ctx.db.transaction() as s:
            s.execute(update(m.Family).where(m.Family.id == gone).values(enrolled_on=dt.date(2014, 9, 1)))
        return kid, gone
    finally:
        ctx.db.dispose()


def test_summary_as_csv_and_pdf(tmp_path: Path) -> None:
    data = tmp_path / "d"
    _setup(data)
    out = famdesk(data, "incidents", "summary", "--from", "2025-10-01", "--to", "2025-10-31")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "Classroom,Arrival,Morning,Lunch,Nap / rest,Afternoon,Pick-up,Total"
    assert lines[1] == "No classroom recorded,0,0,0,1,0,0,1"
    assert "Monday,1" in lines and "quorblewick" not in out.stdout.lower()
    pdf = tmp_path / "summary.pdf"
    out = famdesk(data, "incidents", "summary", "--from", "2025-10-01", "--to", "2025-10-31", "-o", str(pdf))
    assert out.returncode == 0 and pdf.read_bytes().startswith(b"%PDF")
    assert b"quorblewick" not in pdf.read_bytes().lower()
    csv_file = tmp_path / "s.csv"
    assert famdesk(data, "incidents", "summary", "--from", "2025-10-01", "--to", "2025-10-31",
                   "--format", "csv", "-o", str(csv_file)).returncode == 0
    assert csv_file.read_text(encoding="utf-8").startswith("Classroom,")
    bad = famdesk(data, "incidents", "summary", "--from", "2025-10-31", "--to", "2025-10-01")
    assert bad.returncode == 1 and "before the start date" in bad.stderr
    assert famdesk(data, "incidents", "summary", "--from", "soon", "--to", "2025-10-01").returncode == 2
    assert famdesk(data, "incidents", "summary", "--from", "2025-10-01", "--to", "2025-10-31",
                   "--format", "pdf").returncode == 2  # a PDF needs -o


def test_retention_list_hold_and_apply(tmp_path: Path) -> None:
    data = tmp_path / "d"
    _kid, gone = _setup(data)
    listed = famdesk(data, "retention", "list")
    assert listed.returncode == 0 and "Long-gone family" in listed.stdout and "1 family(ies) past" in listed.stdout
    assert famdesk(data, "retention", "hold", str(gone), "--reason", "State audit").returncode == 0
    held = famdesk(data, "retention", "list")
    assert "Kept by a legal hold" in held.stdout and "State audit" in held.stdout
    assert "No family is past" in famdesk(data, "retention", "apply", "--yes").stdout
    assert famdesk(data, "retention", "release", str(gone)).returncode == 0
    unconfirmed = famdesk(data, "retention", "apply")
    assert unconfirmed.returncode == 1 and "Nothing was erased" in unconfirmed.stdout
    applied = famdesk(data, "retention", "apply", "--yes")
    assert applied.returncode == 0 and "Erased 1 family(ies)" in applied.stdout, applied.stderr
    assert "Long-gone" not in famdesk(data, "retention", "list").stdout
    assert famdesk(data, "retention", "years").stdout.strip() == "3"
    assert famdesk(data, "retention", "years", "10").returncode == 0
    assert famdesk(data, "retention", "years").stdout.strip() == "10"
    assert famdesk(data, "retention", "years", "0").returncode == 1
    audit = famdesk(data, "audit", "--limit", "200").stdout
    assert "retention" in audit and "Long-gone" not in audit
