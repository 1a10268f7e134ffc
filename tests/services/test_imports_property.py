"""Property test: random and broken CSV bytes never crash the importer and never write half a file."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from famdesk.db import models as m
from famdesk.domain.errors import FamdeskError
from famdesk.services import imports

HEADER = [
    "Family ID",
    "Child First Name",
    "Child Last Name",
    "Date of Birth",
    "Classroom",
    "Home Language",
    "Caregiver 1 Name",
    "Caregiver 1 Phone",
    "Caregiver 1 Email",
    "Interpreter Needed",
]
CELL = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
    st.sampled_from(
        [
            "",
            "F1",
            "F2",
            "Ana",
            "Ruiz",
            "3/4/2024",
            "13/4/2024",
            "2024-02-30",
            "45000",
            "2030-01-01",
            "Yes",
            "maybe",
            "(617) 555-0100",
            "617",
            "=cmd|' /C calc'!A0",
            "Spanish",
            "Klingon",
            "a@b.co",
            "a@",
            '"',
            '""',
            "\r\n",
            ";",
            "\t",
        ]
    ),
)
ROWS = st.lists(st.lists(CELL, min_size=0, max_size=len(HEADER) + 2), max_size=8)


def _table_bytes(header: list[str], rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    def quote(c: str) -> str:
        return '"' + c.replace('"', '""') + '"' if any(x in c for x in (delimiter, '"', "\n", "\r")) else c

    text = "\r\n".join(delimiter.join(quote(c) for c in row) for row in [header, *rows])
    return text.encode(encoding, errors="replace")


ROSTERS = st.one_of(
    st.binary(max_size=400),
    st.builds(
        _table_bytes,
        st.one_of(st.just(HEADER), st.lists(st.sampled_from(HEADER), max_size=6)),
        ROWS,
        st.sampled_from([",", ";", "\t", "|"]),
        st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    ),
    st.builds(
        lambda b, n: b[:n],
        st.builds(_table_bytes, st.just(HEADER), ROWS, st.just(","), st.sampled_from(["utf-16", "utf-8"])),
        st.integers(0, 300),
    ),
)


def _counts(ctx) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    with ctx.db.read() as s:
        return tuple(
            int(s.scalar(select(func.count()).select_from(t))) for t in (m.Family, m.Caregiver, m.Child)
        )


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=ROSTERS, skip=st.booleans())
def test_random_rosters_fail_cleanly_or_import_whole(sqlite_ctx, data: bytes, skip: bool) -> None:  # type: ignore[no-untyped-def]
    before = _counts(sqlite_ctx)
    try:
        report = imports.import_roster(
            sqlite_ctx, "random.csv", data=data, skip_bad_rows=skip, today=dt.date(2026, 11, 23)
        )
    except FamdeskError:
        assert _counts(sqlite_ctx) == before
        return
    after = _counts(sqlite_ctx)
    if report.written:
        assert after == (
            before[0] + report.families,
            before[1] + report.caregivers,
            before[2] + report.children,
        )
        assert skip or not report.problems
    else:
        assert after == before
