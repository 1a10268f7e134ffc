"""Roster import: read a CSV/XLSX another system exported, map its columns, dry-run, then import.

The import is all-or-nothing: one transaction for every household (and any classroom the file names
that does not exist yet). Without ``skip_bad_rows`` a file with any bad row writes nothing; the report
lists each bad row with its data row number (header not counted) and source column.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain.errors import ValidationError
from famdesk.domain.imports import ImportMapping, ImportReport, PossibleDuplicate
from famdesk.domain.roles import Action, Kind
from famdesk.domain.text import fold
from famdesk.i18n import _
from famdesk.services.classrooms import main_site
from famdesk.services.context import ServiceContext
from famdesk.services.door import operation, pure
from famdesk.services.duplicates import DuplicateIndex
from famdesk.services.families import bulk_insert_households
from famdesk.services.importing.build import Household, households, parse_rows
from famdesk.services.importing.mapping import all_field_keys, suggest_mapping
from famdesk.services.importing.reading import Table, read_table
from famdesk.services.program import get_setting, program_country, set_setting

MAPPINGS_KEY = "import.mappings"

__all__ = ["read_file", "suggest_mapping", "mapping_names", "load_mapping", "save_mapping", "preview_roster",
           "import_roster"]
# What an import changes (the window refreshes these areas).
CHANGES = (str(Kind.FAMILY), str(Kind.CAREGIVER), str(Kind.CHILD), str(Kind.CLASSROOM))


@pure("reads a file the user chose, not stored data")
def read_file(path: str | Path, data: bytes | None = None) -> Table:
    return read_table(path, data)


@operation(Kind.IMPORT, Action.READ)
def mapping_names(ctx: ServiceContext) -> list[str]:
    return sorted(get_setting(ctx, MAPPINGS_KEY, {}) or {})


@operation(Kind.IMPORT, Action.READ)
def load_mapping(ctx: ServiceContext, name: str) -> ImportMapping:
    saved = get_setting(ctx, MAPPINGS_KEY, {}) or {}
    if name not in saved:
        raise ValidationError(
            _("There is no saved column mapping called “{name}”.").format(name=name), "mapping"
        )
    return ImportMapping.from_json(saved[name])


@operation(Kind.IMPORT, Action.WRITE)
def save_mapping(ctx: ServiceContext, name: str, mapping: ImportMapping) -> None:
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Give the mapping a name so you can choose it next time."), "mapping")
    _check_mapping_keys(mapping)
    saved = dict(get_setting(ctx, MAPPINGS_KEY, {}) or {})
    saved[name] = mapping.to_json()
    set_setting(ctx, MAPPINGS_KEY, saved)


def _check_mapping_keys(mapping: ImportMapping) -> None:
    known = set(all_field_keys())
    bad = sorted({k for k in mapping.columns.values() if k and k not in known})
    if bad:
        raise ValidationError(
            _("The mapping names fields famdesk does not have: {fields}").format(fields=", ".join(bad)),
            "mapping",
        )


def _check_mapping(table: Table, mapping: ImportMapping) -> None:
    _check_mapping_keys(mapping)
    missing = [h for h, k in mapping.columns.items() if k and h not in table.headers]
    if missing:
        raise ValidationError(
            _("The file has no column {columns} that the mapping expects.").format(
                columns=", ".join(f"“{h}”" for h in missing)
            ),
            "mapping",
        )
    fields = {k for k in mapping.columns.values() if k}
    people = {"child.first_name", "child.full_name", "caregiver1.full_name", "caregiver1.first_name"}
    if not fields & people:
        raise ValidationError(
            _("famdesk recognized no column with a child's or caregiver's name; map the columns by hand."),
            "mapping",
        )


def _classrooms(s: Session) -> dict[str, int]:
    return {key: rid for rid, key in s.execute(select(m.Classroom.id, m.Classroom.name_key))}


@operation(Kind.IMPORT, Action.READ)
def preview_roster(
    ctx: ServiceContext,
    path: str | Path,
    mapping: ImportMapping | None = None,
    *,
    data: bytes | None = None,
    skip_bad_rows: bool = False,
    today: dt.date | None = None,
    table: Table | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """The dry run: the report says what an import would write; nothing is written."""
    return _run(ctx, path, mapping, data=data, dry_run=True, skip_bad_rows=skip_bad_rows, today=today,
                table=table, progress=progress)


@operation(Kind.IMPORT, Action.WRITE, changes=CHANGES)
def import_roster(
    ctx: ServiceContext,
    path: str | Path,
    mapping: ImportMapping | None = None,
    *,
    data: bytes | None = None,
    skip_bad_rows: bool = False,
    today: dt.date | None = None,
    table: Table | None = None,
    backup_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import a roster (``preview_roster`` is the dry run); the report says what was written.

    With ``backup_dir``, a verified backup is taken just before anything is written, so an import
    that turns out wrong can be undone with ``famdesk restore``. ``progress(done, total)`` counts the
    rows, then the backup and the write; ``cancelled()`` is honoured until the write begins (the write
    itself is one transaction: all or nothing)."""
    return _run(ctx, path, mapping, data=data, dry_run=False, skip_bad_rows=skip_bad_rows, today=today,
                table=table, backup_dir=backup_dir, progress=progress, cancelled=cancelled)


def _run(
    ctx: ServiceContext,
    path: str | Path,
    mapping: ImportMapping | None,
    *,
    data: bytes | None,
    dry_run: bool,
    skip_bad_rows: bool,
    today: dt.date | None,
    table: Table | None,
    backup_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    table = table or read_file(path, data)
    mapping = mapping or suggest_mapping(table.headers)
    _check_mapping(table, mapping)
    total = len(table.rows) + 2
    tick = progress or (lambda _done, _total: None)
    stop = cancelled or (lambda: False)
    with ctx.db.read() as s:
        country = program_country(s)
        rooms = _classrooms(s)
    rows, style = parse_rows(table, mapping, country, today, on_row=lambda n: tick(n, total))
    homes = households(rows, skip_bad_rows)
    report = ImportReport(
        file=Path(path).name,
        encoding=table.encoding,
        delimiter=table.delimiter,
        date_style=style,
        data_rows=len(table.rows),
    )
    report.problems = [p for pr in rows for p in pr.problems]
    report.families = len(homes)
    report.caregivers = sum(len(h.detail.caregivers) for h in homes)
    report.children = sum(len(h.detail.children) for h in homes)
    new_rooms: dict[str, str] = {}
    for h in homes:
        for name in h.child_classrooms:
            if name.strip() and fold(name) not in rooms:
                new_rooms.setdefault(fold(name), name.strip())
    report.new_classrooms = sorted(new_rooms.values())
    report.duplicates = _duplicates(ctx, homes)
    if dry_run or (report.problems and not skip_bad_rows) or not homes:
        return report
    tick(len(table.rows), total)
    if stop():
        report.cancelled = True
        return report
    if backup_dir is not None:
        from famdesk.services.backups import backup_before

        # The backup records itself; the import's own entry goes in with the households, below.
        outside = dataclasses.replace(ctx, db=getattr(ctx.db, "inner", ctx.db))
        report.backup_path = backup_before(outside, backup_dir, "before-import")
    tick(len(table.rows) + 1, total)
    if stop():
        report.cancelled = True
        return report
    with ctx.db.transaction() as s:  # the door's audit entry goes in with the households
        rooms = _classrooms(s)
        if new_rooms:
            site = main_site(s)
            for key, name in new_rooms.items():
                if key not in rooms:
                    room = m.Classroom(site=site, name=name[:120], name_key=key[:120])
                    s.add(room)
                    s.flush()
                    rooms[key] = room.id
        for h in homes:
            for child, room_name in zip(h.detail.children, h.child_classrooms, strict=True):
                child.classroom_id = rooms.get(fold(room_name)) if room_name.strip() else None
        # Every row was validated on its own; households only union those rows' values.
        bulk_insert_households(s, [h.detail for h in homes], ctx.actor)
    report.written = True
    tick(total, total)
    return report


def _duplicates(ctx: ServiceContext, homes: list[Household]) -> list[PossibleDuplicate]:
    if not homes:
        return []
    with ctx.db.read() as s:
        if s.scalar(select(m.Family.id).limit(1)) is None:
            return []
        idx = DuplicateIndex.load(s)
    out = []
    for h in homes:
        for cand in idx.matches(h.detail):
            out.append(
                PossibleDuplicate(
                    h.first_row, h.detail.family.name, cand.family_id, cand.family_name, cand.reason
                )
            )
    return out
