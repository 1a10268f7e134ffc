"""Reading notes: a child's timeline, a classroom's view, filters, full-text search, coverage.

Search folds the query like the stored ``search_text`` (case, accents, đ→d). On SQLite it asks the
FTS5 index (prefix match per word); words in scripts written without spaces (Han, Thai…) and every
word on PostgreSQL fall back to LIKE on the folded column, which is portable.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from sqlalchemy import Connection, Select, func, select, text
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain import observations as o
from famdesk.domain.errors import NotFoundError
from famdesk.domain.text import fold
from famdesk.i18n import _
from famdesk.services import frameworks
from famdesk.services.context import ServiceContext
from famdesk.services.observation_access import (
    check_may_read_child,
    check_may_read_classroom,
    visible_classrooms,
    visible_clause,
)

_WORD = re.compile(r"\w+", re.UNICODE)
_NO_SPACES = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u1000-\u109f]")


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _text_filter(q: Select, s: Session, query: str) -> Select:  # type: ignore[type-arg]
    words = _WORD.findall(fold(query))
    sqlite = s.get_bind().dialect.name == "sqlite"
    fts_words = [w for w in words if not _NO_SPACES.search(w)] if sqlite else []
    for word in words:
        if word not in fts_words:
            q = q.where(m.Observation.search_text.like(_like(word), escape="\\"))
    if fts_words:
        match = " ".join(f'"{w}"*' for w in fts_words)
        q = q.where(
            m.Observation.id.in_(
                text("SELECT rowid FROM observation_fts WHERE observation_fts MATCH :match").bindparams(
                    match=match
                )
            )
        )
    return q


def _filtered(s: Session, ctx: ServiceContext, flt: o.ObservationFilter, q: Select) -> Select:  # type: ignore[type-arg]
    """``q`` narrowed by every field of ``flt`` and by what the actor may see."""
    q = q.where(visible_clause(visible_classrooms(s, ctx.actor)))
    if flt.child_id is not None:
        q = q.where(
            m.Observation.id.in_(
                select(m.observation_child.c.observation_id).where(
                    m.observation_child.c.child_id == flt.child_id
                )
            )
        )
    if flt.classroom_id is not None:
        q = q.where(
            m.Observation.id.in_(
                select(m.observation_child.c.observation_id)
                .join(m.Child, m.Child.id == m.observation_child.c.child_id)
                .where(m.Child.classroom_id == flt.classroom_id)
            )
        )
    if flt.domain_id is not None:
        q = q.where(
            m.Observation.id.in_(
                select(m.observation_domain.c.observation_id).where(
                    m.observation_domain.c.domain_id == flt.domain_id
                )
            )
        )
    if flt.subdomain_id is not None:
        q = q.where(
            m.Observation.id.in_(
                select(m.observation_subdomain.c.observation_id).where(
                    m.observation_subdomain.c.subdomain_id == flt.subdomain_id
                )
            )
        )
    if flt.author_id is not None:
        q = q.where(m.Observation.author_id == flt.author_id)
    if flt.since is not None:
        q = q.where(m.Observation.observed_at >= dt.datetime.combine(flt.since, dt.time()))
    if flt.until is not None:
        q = q.where(
            m.Observation.observed_at < dt.datetime.combine(flt.until + dt.timedelta(days=1), dt.time())
        )
    if flt.shared is not None:
        q = q.where(m.Observation.shareable_with_family.is_(flt.shared))
    if flt.text.strip():
        q = _text_filter(q, s, flt.text)
    return q


def list_observations(ctx: ServiceContext, flt: o.ObservationFilter | None = None) -> list[o.ObservationRow]:
    """Notes matching ``flt``, newest first, limited to what the actor may see."""
    flt = flt or o.ObservationFilter()
    with ctx.db.read() as s:
        columns = select(
            m.Observation.id,
            m.Observation.observed_at,
            m.Observation.text,
            m.Observation.context,
            m.Observation.author_id,
            m.Observation.shareable_with_family,
            m.Observation.translation,
            m.Observation.translation_language,
            m.Observation.photo.is_not(None),
        )
        q = _filtered(s, ctx, flt, columns).order_by(
            m.Observation.observed_at.desc(), m.Observation.id.desc()
        )
        if flt.limit:
            q = q.limit(flt.limit)
        conn = s.connection()
        rows = conn.execute(q).all()
        # A short or limited page names its ids; a whole timeline reuses the filter as a subquery,
        # which is cheaper than compiling thousands of bound parameters.
        chunk: object = (
            _filtered(s, ctx, flt, select(m.Observation.id))
            if not flt.limit and len(rows) > 500
            else [r[0] for r in rows]
        )
        return _rows(conn, rows, chunk)


def _rows(conn: Connection, rows: list, chunk: object) -> list[o.ObservationRow]:  # type: ignore[type-arg]
    """Resolve names for a page of notes with four queries, whatever the number of notes."""
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
        # Link pairs only, names from the (small) framework tables: joining here lets the planner walk
        # a domain's whole index instead of the 100 notes asked for.
        dom_names = dict(conn.execute(select(m.FrameworkDomain.id, m.FrameworkDomain.name)).all())
        sub_names = dict(conn.execute(select(m.FrameworkSubdomain.id, m.FrameworkSubdomain.name)).all())
        od = m.observation_domain.c
        for oid, did in conn.execute(
            select(od.observation_id, od.domain_id).where(od.observation_id.in_(chunk))
        ):
            domains[oid].append((did, dom_names.get(did, "")))
        osd = m.observation_subdomain.c
        for oid, sid in conn.execute(
            select(osd.observation_id, osd.subdomain_id).where(osd.observation_id.in_(chunk))
        ):
            subs[oid].append((sid, sub_names.get(sid, "")))
    for names in children.values():  # same order on every database: folded, so "Đức" sorts as "Duc"
        if len(names) > 1:
            names.sort(key=lambda item: fold(item[1]))
    author_ids = {r[4] for r in rows if r[4] is not None}
    authors = (
        {
            sid: f"{first} {last}".strip()
            for sid, first, last in conn.execute(
                select(m.StaffMember.id, m.StaffMember.first_name, m.StaffMember.last_name).where(
                    m.StaffMember.id.in_(author_ids)
                )
            )
        }
        if author_ids
        else {}
    )
    return [
        o.ObservationRow(
            id=r[0],
            observed_at=r[1],
            text=r[2],
            context=r[3],
            author_id=r[4],
            author_name=authors.get(r[4], ""),
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


def classroom_observations(
    ctx: ServiceContext, classroom_id: int, flt: o.ObservationFilter | None = None
) -> list[o.ObservationRow]:
    with ctx.db.read() as s:
        if s.get(m.Classroom, classroom_id) is None:
            raise NotFoundError(_("That classroom no longer exists."))
        check_may_read_classroom(s, ctx.actor, classroom_id)
    flt = flt or o.ObservationFilter()
    flt.classroom_id = classroom_id
    return list_observations(ctx, flt)


def search_observations(ctx: ServiceContext, query: str, limit: int = 100) -> list[o.ObservationRow]:
    return list_observations(ctx, o.ObservationFilter(text=query, limit=limit))


def coverage_gaps(
    ctx: ServiceContext, weeks: int = 4, classroom_id: int | None = None, today: dt.date | None = None
) -> list[o.CoverageGap]:
    """Children (enrolled, in the actor's classrooms) with no note in a domain for ``weeks`` weeks."""
    fw = frameworks.active_framework(ctx)
    today = today or dt.date.today()
    since = dt.datetime.combine(today - dt.timedelta(weeks=weeks), dt.time())
    with ctx.db.read() as s:
        if classroom_id is not None:
            check_may_read_classroom(s, ctx.actor, classroom_id)
        rooms = visible_classrooms(s, ctx.actor)
        q = (
            select(m.Child)
            .join(m.Family)
            .where(m.Family.archived_at.is_(None), m.Child.exited_on.is_(None))
            .order_by(m.Child.first_name, m.Child.last_name)
        )
        if classroom_id is not None:
            q = q.where(m.Child.classroom_id == classroom_id)
        if rooms is not None:
            q = q.where(m.Child.classroom_id.in_(sorted(rooms)))
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
