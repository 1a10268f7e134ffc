"""The incident summary a director takes to a team meeting: counts by classroom × time of day and by weekday.

No child is named or identified: the query reads only each incident's classroom and time. The parts of the
day are a program setting (``incidents.time_bands``), the built-in bands when it is not set. Viewing,
printing and exporting the summary are audited like any other incident read.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain.errors import ValidationError
from famdesk.domain.incidents import (
    BAND_LABELS,
    DEFAULT_BANDS,
    OTHER_TIMES,
    IncidentSummary,
    SummaryPrint,
    SummaryRow,
    TimeBand,
)
from famdesk.domain.roles import Action, Kind
from famdesk.formatting import babel_locale, format_date, format_time
from famdesk.i18n import _, ui_language
from famdesk.services.context import ServiceContext
from famdesk.services.door import internal, operation, pure
from famdesk.services.program import effective_paper_size, get_program
from famdesk.services.spreadsheet_cells import csv_text
from famdesk.services.validation import Problems

BANDS_SETTING = "incidents.time_bands"
MAX_BANDS = 12
MAX_LABEL = 60
NO_CLASSROOM = -1


# --- parts of the day -------------------------------------------------------------------------------------
def _parse_bands(value: Any) -> list[TimeBand] | None:
    """The stored setting as bands, or None when it is missing or unreadable (then the built-ins apply)."""
    if not isinstance(value, list) or not value:
        return None
    try:
        return [TimeBand(str(b["key"]), dt.time.fromisoformat(b["start"]), dt.time.fromisoformat(b["end"]),
                         str(b.get("label", ""))) for b in value]
    except (KeyError, TypeError, ValueError):
        return None


@internal("reads inside the caller's session")
def load_bands(s: Session) -> list[TimeBand]:
    row = s.get(m.Setting, BANDS_SETTING)
    return _parse_bands(row.value if row else None) or list(DEFAULT_BANDS)


@operation(Kind.INCIDENT, Action.READ)
def time_bands(ctx: ServiceContext) -> list[TimeBand]:
    with ctx.db.read() as s:
        return load_bands(s)


@pure("checks the bands given")
def validate_bands(bands: list[TimeBand]) -> list[TimeBand]:
    problems = Problems()
    if not bands:
        problems.add("bands", _("Keep at least one part of the day."))
    if len(bands) > MAX_BANDS:
        problems.add("bands", _("Use at most {n} parts of the day.").format(n=MAX_BANDS))
    tidy = [TimeBand(b.key.strip() or f"band{i}", b.start.replace(second=0, microsecond=0),
                     b.end.replace(second=0, microsecond=0), b.label.strip()) for i, b in enumerate(bands, 1)]
    for i, b in enumerate(tidy, 1):
        if b.end <= b.start:
            problems.add("bands", _("Part {n} of the day ends before it starts.").format(n=i))
        if not b.label and b.key not in BAND_LABELS:  # only a built-in part is named by its key
            problems.add("bands", _("Part {n} of the day needs a name.").format(n=i))
        if len(b.label) > MAX_LABEL:
            problems.add("bands", _("Part {n} of the day: keep the name under {limit} characters.").format(
                n=i, limit=MAX_LABEL))
    ordered = sorted(tidy, key=lambda b: b.start)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.start < before.end:
            problems.add("bands", _("“{a}” and “{b}” overlap; each time of day belongs to one part "
                                    "only.").format(a=before.title(), b=after.title()))
    problems.raise_if_any()
    return ordered


@operation(Kind.INCIDENT, Action.WRITE)
def save_time_bands(ctx: ServiceContext, bands: list[TimeBand]) -> list[TimeBand]:
    """Store the program's parts of the day (directors); ``[]`` is refused, use reset for the built-ins."""
    ordered = validate_bands(bands)
    value = [{"key": b.key, "label": b.label, "start": b.start.strftime("%H:%M"),
              "end": b.end.strftime("%H:%M")} for b in ordered]
    with ctx.db.transaction() as s:
        row = s.get(m.Setting, BANDS_SETTING)
        if row is None:
            s.add(m.Setting(key=BANDS_SETTING, value=value))
        else:
            row.value = value
    return ordered


@operation(Kind.INCIDENT, Action.WRITE)
def reset_time_bands(ctx: ServiceContext) -> list[TimeBand]:
    return save_time_bands(ctx, list(DEFAULT_BANDS))


# --- the summary ------------------------------------------------------------------------------------------
def _check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError(_("The end date {end} is before the start date {start}.").format(
            end=end.isoformat(), start=start.isoformat()), "end")


@pure("names of the days")
def weekday_names(language: str | None = None) -> list[str]:
    """Monday … Sunday in ``language`` (Babel's wide stand-alone names)."""
    days = babel_locale(language or ui_language()).days["stand-alone"]["wide"]
    return [str(days[i]) for i in range(7)]


def _summarize(s: Session, start: dt.date, end: dt.date) -> IncidentSummary:
    bands = load_bands(s)
    rooms = {rid: name for rid, name in s.execute(select(m.Classroom.id, m.Classroom.name)
                                                    .where(m.Classroom.archived.is_(False)))}
    # Only classroom and time: nothing here can name a child.
    rows = s.execute(select(m.Incident.classroom_id, m.Incident.occurred_at).where(
        m.Incident.occurred_at >= dt.datetime.combine(start, dt.time()),
        m.Incident.occurred_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))).all()
    cells: Counter[tuple[int, int]] = Counter()
    weekdays: Counter[int] = Counter()
    # Band of every minute of the day, looked up once: a year of a large program is tens of thousands of rows.
    by_minute = [next((i for i, b in enumerate(bands) if b.holds(dt.time(mm // 60, mm % 60))), len(bands))
                 for mm in range(24 * 60)]
    for room_id, when in rows:
        col = by_minute[when.hour * 60 + when.minute]
        cells[(room_id if room_id is not None else NO_CLASSROOM, col)] += 1
        weekdays[when.weekday()] += 1
    used_rooms = {room for room, _col in cells}
    missing = [rid for rid in used_rooms if rid not in rooms and rid != NO_CLASSROOM]
    if missing:  # archived classrooms that still had incidents in the period
        rooms.update(dict(s.execute(select(m.Classroom.id, m.Classroom.name)
                                    .where(m.Classroom.id.in_(missing))).all()))
    columns = [b.title() for b in bands]
    width = len(bands) + (1 if any(col == len(bands) for _room, col in cells) else 0)
    if width > len(bands):
        columns.append(_(OTHER_TIMES))
    order = sorted(rooms, key=lambda rid: (rooms[rid].casefold(), rid))
    if NO_CLASSROOM in used_rooms:
        order.append(NO_CLASSROOM)
        rooms[NO_CLASSROOM] = _("No classroom recorded")
    table = [SummaryRow(rooms[rid], tuple(cells[(rid, col)] for col in range(width))) for rid in order]
    names = weekday_names()
    days = [(names[d], weekdays[d]) for d in range(7) if d < 5 or weekdays[d]]
    return IncidentSummary(start, end, columns, table, days, total=len(rows),
                           column_totals=[sum(r.counts[c] for r in table) for c in range(width)])


@operation(Kind.INCIDENT, Action.READ, audit=True)
def summary(ctx: ServiceContext, start: dt.date, end: dt.date) -> IncidentSummary:
    """Counts for the period (both dates included); viewing it is recorded in the audit trail."""
    return _quiet_summary(ctx, start, end)


def _quiet_summary(ctx: ServiceContext, start: dt.date, end: dt.date) -> IncidentSummary:
    _check_period(start, end)
    with ctx.db.read() as s:
        return _summarize(s, start, end)


@pure("lays out a summary")
def summary_table(data: IncidentSummary) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the classroom × time-of-day table, with totals (the window, CSV and PDF agree)."""
    header = [_("Classroom"), *data.columns, _("Total")]
    rows = [[r.classroom, *map(str, r.counts), str(r.total)] for r in data.rows]
    rows.append([_("All classrooms"), *map(str, data.column_totals), str(data.total)])
    return header, rows


@operation(Kind.INCIDENT, Action.EXPORT)
def summary_csv(ctx: ServiceContext, start: dt.date, end: dt.date) -> str:
    """The summary as CSV (classroom table, a blank line, the weekday table); recorded as an export."""
    data = _quiet_summary(ctx, start, end)
    header, rows = summary_table(data)
    return csv_text([header, *rows, [], [_("Weekday"), _("Incidents")],
                     *([day, str(n)] for day, n in data.weekdays)])


@pure("formats a number")
def count_text(n: int) -> str:
    """Zero as a dash on paper and on screen, so the few busy cells stand out in a table of zeros."""
    return str(n) if n else "–"


@internal("printing input, for summary_pdf")
def print_data(ctx: ServiceContext, data: IncidentSummary) -> SummaryPrint:
    """Plain data for the PDF, in the interface language: the summary is a staff document."""
    lang = ui_language()
    program = get_program(ctx)
    header, rows = summary_table(data)
    rows = [[row[0], *map(count_text, map(int, row[1:]))] for row in rows]
    bands: list[TimeBand]
    with ctx.db.read() as s:
        bands = load_bands(s)
    return SummaryPrint(
        program_name=program.name, country=program.country, paper_size=effective_paper_size(program),
        language=lang, title=_("Behaviour incidents: summary for the team"),
        period=_("{start} to {end} · {count} incident(s)").format(
            start=format_date(data.start, lang, "medium"), end=format_date(data.end, lang, "medium"),
            count=data.total),
        note=_("Counts only, so patterns can be discussed without naming any child. "
               "Confidential: for the program's own review."),
        table_title=_("By classroom and time of day"), table_header=header, table_rows=rows,
        weekday_title=_("By day of the week"), weekday_header=[day for day, _n in data.weekdays],
        weekday_rows=[[count_text(n) for _day, n in data.weekdays]],
        bands_title=_("Parts of the day"),
        bands=[(b.title(), _("{start} to {end}").format(start=format_time(b.start, lang),
                                                         end=format_time(b.end, lang))) for b in bands])


@operation(Kind.INCIDENT, Action.PRINT)
def summary_pdf(ctx: ServiceContext, start: dt.date, end: dt.date) -> bytes:
    """The one-page summary as PDF bytes; recorded as a print of incident records."""
    from famdesk.printing.documents import incident_summary as doc

    return doc.build(print_data(ctx, _quiet_summary(ctx, start, end)))
