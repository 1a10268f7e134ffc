"""Search through the trigram index (SQLite) stays in step with every write path, and agrees with LIKE."""

from __future__ import annotations

import datetime as dt

from famdesk.domain import records as r
from famdesk.domain.enums import Relationship
from famdesk.services import families, imports
from famdesk.services.families import FamilyFilter


def _names(ctx, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [x.name for x in families.search_families(ctx, FamilyFilter(text=text))]


def test_search_follows_add_update_import_and_erase(ctx) -> None:  # type: ignore[no-untyped-def]
    saved = families.add_family(
        ctx,
        r.FamilyDetail(
            r.Family(name="Nguyễn family"),
            [
                r.Caregiver(
                    first_name="Thị Hoa",
                    last_name="Nguyễn",
                    relationship=Relationship.MOTHER,
                    mobile_phone="(617) 555-0123",
                )
            ],
            [r.Child(first_name="Minh", last_name="Nguyễn", birth_date=dt.date(2022, 5, 1))],
        ),
    )
    data = "Family ID,Child First Name,Child Last Name,Caregiver 1 Name\nF1,José,Müller,Ana Müller\n".encode()
    imports.import_roster(ctx, "r.csv", data=data)
    assert _names(ctx, "nguyen") == ["Nguyễn family"]
    assert _names(ctx, "5550123") == ["Nguyễn family"]
    assert _names(ctx, "muller jose") == ["Müller family"]
    assert _names(ctx, "ng") == ["Nguyễn family"]
    assert families.count_families(ctx, FamilyFilter(text="muller"), cap=1001) == 1
    detail = families.get_family(ctx, saved.family.id)  # type: ignore[arg-type]
    detail.family.name = "Tran family"
    detail.caregivers[0].last_name = "Trần"
    families.update_family(ctx, detail)
    assert _names(ctx, "tran hoa") == ["Tran family"]
    assert _names(ctx, "xyz") == []
    families.erase_family(ctx, saved.family.id)  # type: ignore[arg-type]
    assert _names(ctx, "tran") == [] and _names(ctx, "minh") == []


def test_check_reports_missing_search_triggers(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    from famdesk.services.checks import run_checks

    assert not any("search index" in p for p in run_checks(sqlite_ctx))
    with sqlite_ctx.db.transaction() as s:
        s.execute(text("DROP TRIGGER family_fts_au"))
    assert any("search index" in p for p in run_checks(sqlite_ctx))


def test_page_and_capped_count(ctx) -> None:  # type: ignore[no-untyped-def]
    data = "Family ID,Child First Name,Child Last Name\n" + "".join(f"F{i},Ana,Garcia{i}\n" for i in range(5))
    imports.import_roster(ctx, "r.csv", data=data.encode())
    rows, total = families.search_page(ctx, FamilyFilter(text="garcia"), limit=2, count=True, count_cap=3)
    assert [x.name for x in rows] == ["Garcia0 family", "Garcia1 family"] and total == 3
    rows, total = families.search_page(ctx, FamilyFilter(text="garcia"), limit=10, count=True)
    assert len(rows) == 5 and total == 5
    assert families.count_families(ctx, FamilyFilter(text="ana")) == 5
    assert (
        families.search_families(ctx, FamilyFilter(text="garcia"), order_by="name", descending=True, limit=1)[
            0
        ].name
        == "Garcia4 family"
    )


def test_count_leaves_out_archived_families(ctx) -> None:  # type: ignore[no-untyped-def]
    data = "Family ID,Child First Name,Child Last Name\n" + "".join(f"F{i},Ana,Ortiz{i}\n" for i in range(3))
    imports.import_roster(ctx, "r.csv", data=data.encode())
    assert families.count_families(ctx, FamilyFilter(text="ortiz")) == 3
    assert families.count_families(ctx, FamilyFilter(text="or")) == 3
    families.archive_family(ctx, families.search_families(ctx, FamilyFilter(text="ortiz1"))[0].id)
    assert families.count_families(ctx, FamilyFilter(text="ortiz")) == 2
    assert families.count_families(ctx, FamilyFilter(text="or")) == 2
    assert families.count_families(ctx, FamilyFilter(text="ortiz", include_archived=True)) == 3
