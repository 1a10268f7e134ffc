"""`famdesk visits export-ics` and `famdesk visits compliance`, run as real processes."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import icalendar


def famdesk(*args: str, data_dir) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FAMDESK_LANGUAGE": "en"}
    env.pop("FAMDESK_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "famdesk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def _world(data_dir) -> None:  # type: ignore[no-untyped-def]
    """A tiny program: one home-based family, one completed and one cancelled visit."""
    code = f"""
import datetime as dt
from famdesk.app import open_database
from famdesk.domain import records as r
from famdesk.domain.enums import ProgramOption
from famdesk.domain.roles import DIRECTOR
from famdesk.domain.visits import Visit, VisitStatus
from famdesk.services.families import add_family
from famdesk.services.program import get_program, save_program
from famdesk.services.staff import save_staff
from famdesk.services.visits import save_visit
ctx = open_database({str(data_dir)!r}).ctx.as_actor(DIRECTOR)
p = get_program(ctx)
p.year_start, p.year_end = dt.date(2025, 8, 1), dt.date(2026, 7, 31)
save_program(ctx, p)
rosa = save_staff(ctx, r.StaffMember("Rosa", "Gutiérrez")).id
fam = add_family(ctx, r.FamilyDetail(r.Family(name="Nguyễn family", enrolled_on=dt.date(2025, 8, 1)),
    children=[r.Child(first_name="Bao", birth_date=dt.date(2021, 9, 1),
                      program_option=ProgramOption.HOME_BASED)]))
fid = fam.family.id
save_visit(ctx, Visit(family_id=fid, staff_ids=[rosa], starts_at=dt.datetime(2025, 9, 3, 17, 30),
    ends_at=dt.datetime(2025, 9, 3, 19, 0), status=VisitStatus.COMPLETED))
save_visit(ctx, Visit(family_id=fid, staff_ids=[rosa], starts_at=dt.datetime(2025, 9, 10, 17, 30),
    ends_at=dt.datetime(2025, 9, 10, 19, 0), status=VisitStatus.PROGRAM_CANCELLED))
"""
    env = {**os.environ, "FAMDESK_LANGUAGE": "en"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr


def test_export_ics_and_compliance(tmp_path) -> None:  # type: ignore[no-untyped-def]
    _world(tmp_path)
    target = tmp_path / "visits.ics"
    out = famdesk("visits", "export-ics", "--staff", "1", "-o", str(target), data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "Wrote 2 visits" in out.stdout
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert sorted(str(e["summary"]) for e in events) == ["Home visit: Nguyễn family"] * 2

    # 2025-08-01..2025-10-01 = 62 days: 32*62//365 = 5 home visits required, 1 held, 1 owed.
    out = famdesk("visits", "compliance", "--format", "csv", "--as-of", "2025-10-01", data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) == 1
    row = rows[0]
    assert (
        row["Family"],
        row["Home visits required"],
        row["Home visits held"],
        row["Make-ups owed"],
        row["At risk"],
    ) == ("Nguyễn family", "5", "1", "1", "yes")
    table = famdesk("visits", "compliance", "--as-of", "2025-10-01", data_dir=tmp_path)
    for args in (("letter", "1", "--reminder"), ("record-sheet", "1"), ("poster", "--as-of", "2025-10-01")):
        pdf = tmp_path / f"{args[0]}.pdf"
        out = famdesk("visits", *args, "-o", str(pdf), data_dir=tmp_path)
        assert out.returncode == 0, out.stderr
        assert "Wrote 1 page" in out.stdout and pdf.read_bytes().startswith(b"%PDF")
    missing = famdesk("visits", "letter", "99", "-o", str(tmp_path / "no.pdf"), data_dir=tmp_path)
    assert missing.returncode == 1 and "deleted" in missing.stderr
    assert "Nguyễn family" in table.stdout and "1 family, 1 at risk." in table.stdout


def test_export_for_unknown_staff_fails_clearly(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = famdesk("visits", "export-ics", "--staff", "42", "-o", str(tmp_path / "x.ics"), data_dir=tmp_path)
    assert out.returncode == 1 and "not in the program" in out.stderr
    assert not (tmp_path / "x.ics").exists()
    assert famdesk("visits", data_dir=tmp_path).returncode == 2


def test_closures_from_the_command_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert famdesk("visits", "closures", data_dir=tmp_path).stdout.strip() == "No closures entered."
    added = famdesk("visits", "closures", "add", "Winter break", "--from", "2026-12-21", "--to", "2027-01-01",
                    data_dir=tmp_path)
    assert added.returncode == 0 and "Added closure 1: Winter break." in added.stdout
    bad = famdesk("visits", "closures", "add", "Oops", "--from", "2026-12-21", "--to", "2026-12-01",
                  data_dir=tmp_path)
    assert bad.returncode == 1 and "before the start date" in bad.stderr
    listed = famdesk("visits", "closures", data_dir=tmp_path).stdout
    assert listed.strip() == "1\tDecember 21, 2026 to January 1, 2027\tWinter break"  # the bad one wrote nothing
    assert famdesk("visits", "closures", "remove", "1", data_dir=tmp_path).returncode == 0
    assert famdesk("visits", "closures", "remove", "1", data_dir=tmp_path).returncode == 1
    assert famdesk("visits", "closures", data_dir=tmp_path).stdout.strip() == "No closures entered."
