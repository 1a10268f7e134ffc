"""Reading notes: a child's timeline, a classroom's view, filters, full-text search, coverage.

Search folds the query like the stored ``search_text`` (case, accents, đ→d). On SQLite it walks the
FTS5 index (prefix match per word), whose rowid is the note's order key (``models.order_key``:
observed_at, then id): ``ORDER BY rowid DESC LIMIT n`` reads the matches newest first and stops when
the page is full, so a word found in most notes costs no more than a rare one. Every other filter is
checked on the rows walked (dates are rowid ranges); the one that can be very narrow (a child, a small
classroom) is handed over as a list SQLite builds once, so few checks stay cheap. Words in scripts
written without spaces (Han, Thai…) and every word on PostgreSQL use LIKE on the folded column,
which is portable; so does SQLite when the index or its triggers are missing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    column,
    exists,
    func,
    literal,
    or_,
    select,
    table,
    text,
    union_all,
)
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.db.models.observations import FTS_TABLE, ID_MASK, order_key
from famdesk.domain import observations as o
from famdesk.domain.errors import NotFoundError
from famdesk.domain.roles import Action, Kind
from famdesk.domain.text import fold
from famdesk.i18n import _
from famdesk.services import door, frameworks, observation_index
from famdesk.services.context import ServiceContext
from famdesk.services.door import operation
from famdesk.services.observation_access import (
    check_may_read_child,
    check_may_read_classroom,
    visible_children,
)

_WORD = re.compile(r"\w+", re.UNICODE)
_NO_SPACES = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u1000-\u109f]")
# Below this many notes a classroom's notes are listed once (cheap) rather than checked row by row.
SMALL_SCOPE = 3000

_FTS = table(FTS_TABLE, column("rowid"))
_KEY = _FTS.c.rowid


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _words(query: str, use_fts: bool) -> tuple[list[str], list[str]]:
    """(words for the FTS index, words for LIKE) of the folded query."""
    words = _WORD.findall(fold(query))
    fts = [w for w in words if not _NO_SPACES.search(w)] if use_fts else []
    return fts, [w for w in words if w not in fts]


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def _scope_clause(s: Session, kids: Select[Any], note_id: Any) -> ColumnElement[bool] | None:
    """Notes about at least one of the children ``kids`` selects (a classroom's, the actor's): a list
    when small, else a check per note; None when those children have no notes at all (nothing to walk)."""
    oc = m.observation_child.c
    # Counting stops at the threshold: a big classroom costs no more to count than a small one.
    links = select(literal(1)).where(oc.child_id.in_(kids))  # from the child_id index alone
    capped = select(func.count()).select_from(links.limit(SMALL_SCOPE + 1).subquery())
    count = s.connection().scalar(capped) or 0
    if count == 0:
        return None
    if count <= SMALL_SCOPE:
        return note_id.in_(select(oc.observation_id).where(oc.child_id.in_(kids)))  # type: ignore[no-any-return]
    return exists().where(oc.observation_id == note_id, oc.child_id.in_(kids))


def _conditions(
    s: Session, flt: o.ObservationFilter, mine: Select[Any] | None, like_words: list[str], note_id: Any
) -> list[ColumnElement[bool]] | None:
    """Every filter except dates and paging, or None when a scope holds no notes. ``mine`` selects the
    children whose notes the actor may read (None: all). Link-table checks use ``note_id`` (the id taken
    from the index key while walking it), so SQLite runs them before it reads the note's row."""
    oc = m.observation_child.c
    out: list[ColumnElement[bool]] = []
    room = select(m.Child.id).where(m.Child.classroom_id == flt.classroom_id)
    for scope in ([mine] if mine is not None else []) + ([room] if flt.classroom_id is not None else []):
        clause = _scope_clause(s, scope, note_id)
        if clause is None:
            return None
        out.append(clause)
    if flt.child_id is not None:  # a timeline is short: list it once
        out.append(note_id.in_(select(oc.observation_id).where(oc.child_id == flt.child_id)))
    if flt.domain_id is not None:
        od = m.observation_domain.c
        out.append(exists().where(od.observation_id == note_id, od.domain_id == flt.domain_id))
    if flt.subdomain_id is not None:
        osd = m.observation_subdomain.c
        out.append(exists().where(osd.observation_id == note_id, osd.subdomain_id == flt.subdomain_id))
    if flt.author_id is not None:
        out.append(m.Observation.author_id == flt.author_id)
    if flt.shared is not None:
        out.append(m.Observation.shareable_with_family.is_(flt.shared))
    for word in like_words:
        out.append(m.Observation.search_text.like(_like(word), escape="\\"))
    return out


_COLUMNS = (
    m.Observation.id,
    m.Observation.observed_at,
    m.Observation.text,
    m.Observation.context,
    m.Observation.author_id,
    m.Observation.shareable_with_family,
    m.Observation.translation,
    m.Observation.translation_language,
    m.Observation.photo.is_not(None),
    m.StaffMember.first_name,
    m.StaffMember.last_name,
)


def _page_query(s: Session, flt: o.ObservationFilter, mine: Select[Any] | None) -> Select[Any] | None:
    """The notes of ``flt``, newest first: through the ordered index when the query has words for it.
    None when nothing can match."""
    fts_words, like_words = _words(flt.text, observation_index.ready(s)) if flt.text.strip() else ([], [])
    note_id = _KEY.op("&")(literal(ID_MASK)) if fts_words else m.Observation.id
    where = _conditions(s, flt, mine, like_words, note_id)
    if where is None:
        return None
    if fts_words:
        match = " ".join(f'"{w}"*' for w in fts_words)
        where.append(text(f"{FTS_TABLE} MATCH :match").bindparams(match=match))
        if flt.since is not None:
            where.append(_KEY >= order_key(_day_start(flt.since), 0))
        if flt.until is not None:
            where.append(_KEY < order_key(_day_start(flt.until + dt.timedelta(days=1)), 0))
        if flt.before is not None:
            where.append(_KEY < order_key(*flt.before))
        source = _FTS.join(m.Observation, m.Observation.id == note_id)
        order: tuple[Any, ...] = (_KEY.desc(),)
    else:
        if flt.since is not None:
            where.append(m.Observation.observed_at >= _day_start(flt.since))
        if flt.until is not None:
            where.append(m.Observation.observed_at < _day_start(flt.until + dt.timedelta(days=1)))
        if flt.before is not None:
            when, ident = flt.before
            when = when.replace(microsecond=0)
            where.append(
                or_(
                    m.Observation.observed_at < when,
                    and_(m.Observation.observed_at == when, m.Observation.id < ident),
                )
            )
        source = m.Observation.__table__
        order = (m.Observation.observed_at.desc(), m.Observation.id.desc())
    q = (
        select(*_COLUMNS)
        .select_from(source.outerjoin(m.StaffMember, m.StaffMember.id == m.Observation.author_id))
        .where(*where)
        .order_by(*order)
    )
    return q.limit(flt.limit) if flt.limit else q


@operation(Kind.OBSERVATION, Action.READ, family=door.LISTED)
def list_observations(ctx: ServiceContext, flt: o.ObservationFilter | None = None) -> list[o.ObservationRow]:
    """Notes matching ``flt``, newest first, limited to what the actor may see (every path: the index
    walk, LIKE, every page).

    ``flt.limit`` makes a page; ``flt.before`` (the last note shown) asks for the next one.
    """
    flt = flt or o.ObservationFilter()
    with ctx.db.read() as s:
        q = _page_query(s, flt, visible_children(s, ctx.actor))
        if q is None:
            return []
        conn = s.connection()
        rows = conn.execute(q).all()
        # A page names its ids; a whole timeline reuses the query as a subquery, which is cheaper
        # than compiling thousands of bound parameters.
        chunk: object = (
            q.with_only_columns(m.Observation.id).order_by(None)
            if not flt.limit and len(rows) > 500
            else [r[0] for r in rows]
        )
        return _rows(conn, rows, chunk)


def _rows(conn: Connection, rows: list[Any], chunk: object) -> list[o.ObservationRow]:
    """Names for a page of notes: three queries (children; framework names; domain and sub-domain links),
    whatever its size."""
    children: dict[int, list[tuple[int, str]]] = defaultdict(list)
    domains: dict[int, list[tuple[int, str]]] = defaultdict(list)
    subs: dict[int, list[tuple[int, str]]] = defaultdict(list)
    if rows:
        oc = m.observation_child.c
        for oid, cid, first, pref, last in conn.execute(
            select(
                oc.observation_id, m.Child.id, m.Child.first_name, m.Child.preferred_name, m.Child.last_name
            )
            .join(m.Child, m.Child.id == oc.child_id)
            .where(oc.observation_id.in_(chunk))
        ):
            children[oid].append((cid, f"{pref or first} {last}".strip()))
        # Link pairs only, names from the (small) framework tables: a join here lets the planner walk
        # a domain's whole index instead of the notes asked for.
        fd, fs = m.FrameworkDomain, m.FrameworkSubdomain
        names = {
            (kind, ident): (name, position)
            for kind, ident, name, position in conn.execute(
                union_all(
                    select(literal(0), fd.id, fd.name, fd.position),
                    select(literal(1), fs.id, fs.name, fs.position),
                )
            )
        }
        od, osd = m.observation_domain.c, m.observation_subdomain.c
        links = union_all(
            select(literal(0), od.observation_id, od.domain_id).where(od.observation_id.in_(chunk)),
            select(literal(1), osd.observation_id, osd.subdomain_id).where(osd.observation_id.in_(chunk)),
        )
        for kind, oid, ident in conn.execute(links):
            (subs if kind else domains)[oid].append((ident, names.get((kind, ident), ("", 0))[0]))
        for kind, lists in ((0, domains), (1, subs)):  # framework order, the same on every database
            for tags in lists.values():
                if len(tags) > 1:
                    tags.sort(key=lambda tag, kind=kind: (names.get((kind, tag[0]), ("", 0))[1], tag[0]))
    for names in children.values():  # same order on every database: folded, so "Đức" sorts as "Duc"
        if len(names) > 1:
            names.sort(key=lambda item: fold(item[1]))
    return [
        o.ObservationRow(
            id=r[0],
            observed_at=r[1],
            text=r[2],
            context=r[3],
            author_id=r[4],
            author_name=f"{r[9] or ''} {r[10] or ''}".strip() if r[4] is not None else "",
            children=children[r[0]],
            domains=domains[r[0]],
            subdomains=subs[r[0]],
            shareable_with_family=bool(r[5]),
            translation=r[6],
            translation_language=r[7],
            has_photo=bool(r[8]),
        )
        for r in rows
    ]


@operation(Kind.OBSERVATION, Action.READ, family=door.Row("child_id", m.Child))
def child_timeline(
    ctx: ServiceContext, child_id: int, flt: o.ObservationFilter | None = None
) -> list[o.ObservationRow]:
    """Every note about one child, newest first (refused for a teacher outside their classrooms)."""
    with ctx.db.read() as s:
        child = s.get(m.Child, child_id)
        if child is None:
            raise NotFoundError(_("That child is no longer in the directory."))
        check_may_read_child(s, ctx.actor, child)
    flt = flt or o.ObservationFilter()
    flt.child_id = child_id
    return list_observations(ctx, flt)


@operation(Kind.OBSERVATION, Action.READ, family=door.LISTED)
def classroom_observations(
    ctx: ServiceContext, classroom_id: int, flt: o.ObservationFilter | None = None
) -> list[o.ObservationRow]:
    """A classroom's notes (a teacher: their own classrooms only; a home visitor: the notes about their
    families' children in it)."""
    with ctx.db.read() as s:
        if s.get(m.Classroom, classroom_id) is None:
            raise NotFoundError(_("That classroom no longer exists."))
        check_may_read_classroom(s, ctx.actor, classroom_id)
    flt = flt or o.ObservationFilter()
    flt.classroom_id = classroom_id
    return list_observations(ctx, flt)


@operation(Kind.OBSERVATION, Action.READ, family=door.LISTED)
def search_observations(ctx: ServiceContext, query: str, limit: int = 100) -> list[o.ObservationRow]:
    return list_observations(ctx, o.ObservationFilter(text=query, limit=limit))


@operation(Kind.OBSERVATION, Action.READ, family=door.LISTED)
def coverage_gaps(
    ctx: ServiceContext, weeks: int = 4, classroom_id: int | None = None, today: dt.date | None = None
) -> list[o.CoverageGap]:
    """Children (enrolled, the actor's: classrooms or caseload) with no note in a domain for ``weeks``
    weeks."""
    with ctx.db.read() as s:
        if classroom_id is not None:
            check_may_read_classroom(s, ctx.actor, classroom_id)
    fw = frameworks.active_framework(ctx)
    today = today or dt.date.today()
    since = dt.datetime.combine(today - dt.timedelta(weeks=weeks), dt.time())
    with ctx.db.read() as s:
        mine = visible_children(s, ctx.actor)
        q = (
            select(m.Child)
            .join(m.Family)
            .where(m.Family.archived_at.is_(None), m.Child.exited_on.is_(None))
            .order_by(m.Child.first_name, m.Child.last_name)
        )
        if classroom_id is not None:
            q = q.where(m.Child.classroom_id == classroom_id)
        if mine is not None:
            q = q.where(m.Child.id.in_(mine))
        kids = list(s.scalars(q))
        oc, od = m.observation_child.c, m.observation_domain.c
        last: dict[tuple[int, int], dt.datetime] = (
            {
                (cid, did): when
                for cid, did, when in s.execute(
                    select(oc.child_id, od.domain_id, func.max(m.Observation.observed_at))
                    .join(m.Observation, m.Observation.id == oc.observation_id)
                    .join(m.observation_domain, od.observation_id == oc.observation_id)
                    .where(oc.child_id.in_([k.id for k in kids]))
                    .group_by(oc.child_id, od.domain_id)
                )
            }
            if kids
            else {}
        )
        people = [
            (k.id, f"{k.preferred_name or k.first_name} {k.last_name}".strip(), k.classroom_id) for k in kids
        ]
    gaps = []
    for kid_id, name, room in people:
        for dom in fw.domains:
            assert dom.id is not None
            seen = last.get((kid_id, dom.id))
            if seen is None or seen < since:
                gaps.append(
                    o.CoverageGap(
                        child_id=kid_id,
                        child_name=name,
                        classroom_id=room,
                        domain_id=dom.id,
                        domain_name=dom.name,
                        last_observed=seen,
                    )
                )
    return gaps
