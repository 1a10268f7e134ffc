"""Finding households: search-as-you-type, filters, sorting, counts and the list rows.

Split from families.py (which keeps creating, changing and erasing households); callers may import
these names from either module."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Select, String, and_, bindparam, cast, exists, func, literal_column, or_, select, text
from sqlalchemy import column as sa_column
from sqlalchemy import table as sa_table
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.db.models.directory import FTS_TABLE, FTS_TRIGGERS, WORDS_TABLE
from famdesk.domain import records as r
from famdesk.domain.enums import FamilyStatus, ProgramOption
from famdesk.domain.roles import Action, Actor, Kind
from famdesk.domain.text import digits_only, fold
from famdesk.i18n import _
from famdesk.services import access, door
from famdesk.services.checks import EXTRA_CHECKS
from famdesk.services.context import ServiceContext


@dataclass
class FamilyFilter:
    text: str = ""
    classroom_id: int | None = None
    language: str | None = None
    status: FamilyStatus | None = None
    program_option: ProgramOption | None = None
    include_archived: bool = False


_FIRST_CAREGIVER = (select(m.Caregiver).where(m.Caregiver.family_id == m.Family.id)
                    .order_by(m.Caregiver.position, m.Caregiver.id).limit(1))
SORT_COLUMNS = {"name": m.Family.name, "language": m.Family.preferred_language, "status": m.Family.status,
                "enrolled_on": m.Family.enrolled_on, "id": m.Family.id,
                # Any column of the list sorts: first caregiver, first child, first caregiver's phone.
                "caregivers": _FIRST_CAREGIVER.with_only_columns(m.Caregiver.first_name).scalar_subquery(),
                "phone": _FIRST_CAREGIVER.with_only_columns(m.Caregiver.mobile_phone).scalar_subquery(),
                "children": (select(func.min(m.Child.first_name)).where(m.Child.family_id == m.Family.id)
                             .scalar_subquery())}


_FTS_READY: dict[int, bool] = {}
_FTS = sa_table(FTS_TABLE, sa_column("rowid"))
_WORDS = sa_table(WORDS_TABLE, sa_column("rowid"))


@door.internal("inspects the caller's session")
def fts_ready(s: Session) -> bool:
    """Whether this SQLite database has the trigram index and its triggers (checked once per engine)."""
    bind = s.get_bind()
    key = id(getattr(bind, "engine", bind))
    if key not in _FTS_READY:
        if bind.dialect.name != "sqlite":
            _FTS_READY[key] = False
        else:
            wanted = (FTS_TABLE, WORDS_TABLE, *FTS_TRIGGERS)
            names = set(s.scalars(text("SELECT name FROM sqlite_master WHERE name IN :names")
                                  .bindparams(bindparam("names", expanding=True)), {"names": list(wanted)}))
            _FTS_READY[key] = {FTS_TABLE, WORDS_TABLE, *FTS_TRIGGERS} <= names
    return _FTS_READY[key]


def _match(terms: list[str], prefix: bool) -> str:
    return " AND ".join('"' + t.replace('"', '""') + '"' + ("*" if prefix else "") for t in terms)


def _split_terms(typed: str) -> tuple[list[str], list[str]]:
    """(terms of 3+ characters: found anywhere; shorter terms: found at the start of a word)."""
    terms = _terms(typed)
    return [t for t in terms if len(t) >= 3], [t for t in terms if len(t) < 3]


def _filtered(f: FamilyFilter, fts: bool = False) -> Select:  # type: ignore[type-arg]
    q = select(m.Family.id)
    if not f.include_archived:
        # On the index path "+" makes archived_at unindexable, else SQLite 3.51 (SQLCipher's build) walks
        # ix_family_active_name and probes the index once per family (100x slower) instead of starting
        # from the few hits.
        archived = literal_column("+family.archived_at") if fts else m.Family.archived_at
        q = q.where(archived.is_(None))
    long_terms, short_terms = _split_terms(f.text)
    if not fts:
        for term in long_terms:
            q = q.where(m.Family.search_text.contains(term, autoescape=True))
        for term in short_terms:  # search_text is " word word ": a leading space marks a word start
            q = q.where(m.Family.search_text.contains(" " + term, autoescape=True))
    elif long_terms:
        # Written as FROM index JOIN family so SQLite starts from the few hits, not the family table.
        q = (q.select_from(_FTS).join(m.Family, m.Family.id == _FTS.c.rowid)
             .where(text("family_fts MATCH :fts").bindparams(fts=_match(long_terms, False))))
        if short_terms:
            q = q.where(m.Family.id.in_(text("SELECT rowid FROM family_words WHERE family_words MATCH :w")
                                        .bindparams(w=_match(short_terms, True))))
    elif short_terms:
        q = (q.select_from(_WORDS).join(m.Family, m.Family.id == _WORDS.c.rowid)
             .where(text("family_words MATCH :w").bindparams(w=_match(short_terms, True))))
    if f.language:
        q = q.where(or_(m.Family.preferred_language == f.language,
                        cast(m.Family.home_languages, String).contains(f'"{f.language}"')))
    if f.status is not None:
        q = q.where(m.Family.status == f.status)
    child_conditions = []
    if f.classroom_id is not None:
        child_conditions.append(m.Child.classroom_id == f.classroom_id)
    if f.program_option is not None:
        child_conditions.append(m.Child.program_option == f.program_option)
    if child_conditions:
        q = q.where(exists().where(and_(m.Child.family_id == m.Family.id, *child_conditions)))
    return q


FTS_SORT_LIMIT = 1500  # above this many matches, walking the name index with LIKE finds a page sooner


def _fts_estimate(s: Session, f: FamilyFilter) -> int | None:
    """How many families the full-text indexes match for the typed text (archived included; an upper
    bound when both kinds of terms are typed), or None without indexes or text."""
    if not fts_ready(s):
        return None
    long_terms, short_terms = _split_terms(f.text)
    counts = []
    for table, terms, prefix in ((FTS_TABLE, long_terms, False), (WORDS_TABLE, short_terms, True)):
        if terms:
            counts.append(int(s.scalar(text(f"SELECT count(*) FROM {table} WHERE {table} MATCH :m")
                                       .bindparams(m=_match(terms, prefix))) or 0))
    return min(counts) if counts else None


def _terms(typed: str) -> list[str]:
    out = []
    for token in fold(typed).split():
        digits = digits_only(token)
        is_phone = digits and len(digits) == len(token.replace("-", "").replace("+", ""))
        out.append(digits if is_phone else token)
    return out


@door.operation(Kind.FAMILY, Action.READ, family=door.LISTED)  # scope_families narrows
def count_families(ctx: ServiceContext, f: FamilyFilter | None = None, *, cap: int | None = None) -> int:
    """How many families match; with ``cap``, counting stops there (a one-letter search on 50,000
    families need not count them all on every keystroke)."""
    f = f or FamilyFilter()
    with ctx.db.read() as s:
        return _count(s, f, _fts_estimate(s, f), cap, ctx.actor)


def _count(s: Session, f: FamilyFilter, estimate: int | None, cap: int | None, actor: Actor) -> int:
    q = access.scope_families(_filtered(f, estimate is not None), actor)
    if actor.role in access.SCOPED_ROLES:
        estimate = None  # the index counts every family; this actor sees only their own
    if cap is not None and estimate is not None and estimate > 2 * cap:
        return cap
    if estimate is not None and _estimate_is_exact(s, f):
        return estimate if cap is None else min(estimate, cap)
    if cap is not None:
        q = q.limit(cap)
    return int(s.scalar(select(func.count()).select_from(q.subquery())) or 0)


def _estimate_is_exact(s: Session, f: FamilyFilter) -> bool:
    """The index count is the answer when only one kind of term is typed, nothing else filters, and
    no archived family could be among the hits."""
    long_terms, short_terms = _split_terms(f.text)
    if (long_terms and short_terms) or f.classroom_id is not None or f.language or f.status is not None \
            or f.program_option is not None:
        return False
    return f.include_archived or s.scalar(
        select(m.Family.id).where(m.Family.archived_at.is_not(None)).limit(1)) is None


@door.operation(Kind.FAMILY, Action.READ, family=door.LISTED)  # scope_families narrows
def search_families(ctx: ServiceContext, f: FamilyFilter | None = None, *, order_by: str = "name",
                    descending: bool = False, limit: int = 200, offset: int = 0) -> list[r.FamilyRow]:
    """One page of the families list. Tokens must all match (names, phones, emails, any script)."""
    return search_page(ctx, f, order_by=order_by, descending=descending, limit=limit, offset=offset)[0]


@door.operation(Kind.FAMILY, Action.READ, family=door.LISTED)  # scope_families narrows
def search_page(ctx: ServiceContext, f: FamilyFilter | None = None, *, order_by: str = "name",
                descending: bool = False, limit: int = 200, offset: int = 0,
                count_cap: int | None = None, count: bool = False) -> tuple[list[r.FamilyRow], int | None]:
    """A page of rows and (``count``) how many match, capped at ``count_cap``, in one read.

    The count is only run when the page is full (otherwise it is offset + rows). On SQLite a rare
    word is found through the trigram index; a common one by walking the name index (already sorted)
    until the page is full, whichever reads fewer rows.
    """
    f = f or FamilyFilter()
    column = SORT_COLUMNS.get(order_by, m.Family.name)
    with ctx.db.read() as s:
        estimate = _fts_estimate(s, f)
        use_fts = estimate is not None and (estimate <= FTS_SORT_LIMIT or order_by not in ("name", "id"))
        if use_fts:
            # Sort the few index hits; without this SQLite may walk the whole name index.
            column = func.unlikely(column)
        ids_q = access.scope_families(_filtered(f, use_fts), ctx.actor).order_by(
            column.desc() if descending else column, m.Family.id)
        # Core execution (no ORM result machinery): these run on every keystroke.
        ids = list(s.connection().execute(ids_q.limit(limit).offset(offset)).scalars())
        total = None
        if count:
            total = offset + len(ids) if len(ids) < limit else _count(s, f, estimate, count_cap, ctx.actor)
        return _rows(s, ids), total


def _rows(s: Session, ids: list[int]) -> list[r.FamilyRow]:
    """The list's cells for a page of families: three indexed look-ups in plain SQL, because building
    SQLAlchemy statements for them cost more than running them (ids are integers from the database)."""
    if not ids:
        return []
    conn = s.connection()
    id_list = ",".join(str(int(i)) for i in ids)
    fams = {fid: (name, lang, status, archived) for fid, name, lang, status, archived in conn.exec_driver_sql(
        f"SELECT id, name, preferred_language, status, archived_at FROM family WHERE id IN ({id_list})")}
    caregivers: dict[int, list[str]] = defaultdict(list)
    phones: dict[int, str] = {}
    for fid, first, last, mobile, home in conn.exec_driver_sql(
            "SELECT family_id, first_name, last_name, mobile_phone, home_phone FROM caregiver "
            f"WHERE family_id IN ({id_list}) ORDER BY position, id"):
        caregivers[fid].append(f"{first} {last}".strip())
        phones.setdefault(fid, mobile or home)
    children: dict[int, list[str]] = defaultdict(list)
    for fid, first, preferred in conn.exec_driver_sql(
            f"SELECT family_id, first_name, preferred_name FROM child WHERE family_id IN ({id_list}) ORDER BY id"):
        children[fid].append(preferred or first)
    return [r.FamilyRow(id=i, name=fams[i][0], caregivers=", ".join(caregivers[i]),
                        children=", ".join(children[i]), phone=phones.get(i, ""),
                        preferred_language=fams[i][1], status=FamilyStatus(fams[i][2]),
                        archived=fams[i][3] is not None) for i in ids]


@door.operation(Kind.FAMILY, Action.READ, family=door.LISTED)  # scope_families narrows
def family_ids_enrolled_since(ctx: ServiceContext, since: dt.date) -> list[int]:
    with ctx.db.read() as s:
        return list(s.scalars(access.scope_families(select(m.Family.id), ctx.actor).where(m.Family.enrolled_on >= since,
                                                        m.Family.archived_at.is_(None))
                              .order_by(m.Family.name)))


def _check_search_index(s: Session) -> list[str]:
    """`famdesk check`: the trigram index's triggers must exist (a table rebuild drops them)."""
    if s.get_bind().dialect.name != "sqlite":
        return []
    names = set(s.scalars(text("SELECT name FROM sqlite_master WHERE name LIKE 'family_fts%'")))
    if FTS_TABLE in names and not set(FTS_TRIGGERS) <= names:
        return [_("The family search index is not kept up to date (its triggers are missing); search works "
                  "but slowly. Re-create them as in migration 0007_directory.")]
    return []


EXTRA_CHECKS.append(_check_search_index)
