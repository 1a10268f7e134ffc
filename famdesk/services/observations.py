"""Observation notes: add (one child or several in one go), edit, delete, read one.

Lists, timelines, search and coverage are in ``observation_search``; who may do what is in
``observation_access``. The folded ``search_text`` is rewritten here on every save (SQLite triggers
copy it into the FTS5 index).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain import observations as o
from famdesk.domain.errors import NotFoundError
from famdesk.domain.roles import Action, Kind
from famdesk.domain.text import fold
from famdesk.formatting import ui_number
from famdesk.i18n import _
from famdesk.services import door, frameworks, versions
from famdesk.services.context import ServiceContext
from famdesk.services.door import internal, operation, pure
from famdesk.services.observation_access import (
    check_children,
    check_may_change,
    check_may_read_note,
)
from famdesk.services.validation import Problems, check_language

MAX_TEXT = 10_000
MAX_PHOTO_BYTES = 8 * 1024 * 1024
AUDIT_KIND = Kind.OBSERVATION  # the audit trail's record kind for notes (ids only, never the text)
EARLIEST = dt.datetime(1990, 1, 1)  # older is a typo (and would leave the search index's key range)
_PHOTO_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF8")


@pure("checks bytes the window read")
def check_photo(data: bytes) -> str | None:
    """Why ``data`` cannot be a note's photo, or None. (The window asks before it reads a file.)"""
    if len(data) > MAX_PHOTO_BYTES:
        return _("The photo is larger than 8 MB; choose a smaller one.")
    # WebP is a RIFF file with "WEBP" at byte 8 (a bare "RIFF" would let sound and video through).
    if not (data.startswith(_PHOTO_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")):
        return _("The photo must be a PNG, JPEG, GIF or WebP image.")
    return None


@pure("folds text")
def search_text_for(text: str, translation: str = "", context: str = "") -> str:
    return fold(" ".join(x for x in (text, translation, context) if x))


def _validate(s: Session, ctx: ServiceContext, obs: o.Observation) -> Problems:
    problems = Problems()
    obs.text = (obs.text or "").strip()
    obs.context = (obs.context or "").strip()
    obs.translation = (obs.translation or "").strip()
    if not obs.text:
        problems.add("text", _("Write the note: what did you see the child do or say?"))
    elif len(obs.text) > MAX_TEXT:
        problems.add("text", _("The note is too long; keep it under {n} characters.").format(n=ui_number(MAX_TEXT)))
    if not obs.child_ids:
        problems.add("child_ids", _("Choose at least one child the note is about."))
    if len(obs.context) > 200:
        problems.add("context", _("Keep “where” short (200 characters at most)."))
    if obs.observed_at is None:
        obs.observed_at = dt.datetime.now()
    # Whole seconds: the search index orders by seconds, then id (models.observations.order_key).
    obs.observed_at = obs.observed_at.replace(microsecond=0)
    if obs.observed_at > dt.datetime.now() + dt.timedelta(hours=1):
        problems.add("observed_at", _("The note's time is in the future; check the date."))
    elif obs.observed_at < EARLIEST:
        problems.add("observed_at", _("The note's date is before 1990; check the date."))
    if obs.translation:
        obs.translation_language = check_language(problems, "translation_language", obs.translation_language)
        if not obs.translation_language:
            problems.add("translation_language", _("Say which language the translation is in."))
    else:
        obs.translation_language = ""
    if obs.photo is not None:
        photo_problem = check_photo(obs.photo)
        if photo_problem:
            problems.add("photo", photo_problem)
    if obs.author_id is None:
        obs.author_id = ctx.actor.staff_id
    if obs.author_id is not None and s.get(m.StaffMember, obs.author_id) is None:
        problems.add("author_id", _("The author is not on the staff list."))
    return problems


def _apply(s: Session, row: m.Observation, obs: o.Observation, children: list[m.Child]) -> None:
    domain_ids = list(dict.fromkeys(obs.domain_ids))
    subs = (
        list(s.scalars(select(m.FrameworkSubdomain).where(m.FrameworkSubdomain.id.in_(obs.subdomain_ids))))
        if obs.subdomain_ids
        else []
    )
    if len(subs) != len(set(obs.subdomain_ids)):
        raise NotFoundError(_("One of the chosen sub-domains is no longer in the framework."))
    for sub in subs:  # a sub-domain implies its domain
        if sub.domain_id not in domain_ids:
            domain_ids.append(sub.domain_id)
    doms = (
        list(s.scalars(select(m.FrameworkDomain).where(m.FrameworkDomain.id.in_(domain_ids))))
        if domain_ids
        else []
    )
    if len(doms) != len(domain_ids):
        raise NotFoundError(_("One of the chosen domains is no longer in the framework."))
    assert obs.observed_at is not None
    row.author_id = obs.author_id
    row.observed_at = obs.observed_at
    row.context = obs.context
    row.text = obs.text
    row.shareable_with_family = bool(obs.shareable_with_family)
    row.translation = obs.translation
    row.translation_language = obs.translation_language
    row.photo = obs.photo
    row.search_text = search_text_for(obs.text, obs.translation, obs.context)
    row.children = children
    row.domains = doms
    row.subdomains = subs


@internal("turns a row of the caller's session into a record")
def record(row: m.Observation) -> o.Observation:
    return o.Observation(
        text=row.text,
        child_ids=[c.id for c in row.children],
        domain_ids=[d.id for d in row.domains],
        subdomain_ids=[x.id for x in row.subdomains],
        observed_at=row.observed_at,
        context=row.context,
        author_id=row.author_id,
        shareable_with_family=row.shareable_with_family,
        translation=row.translation,
        translation_language=row.translation_language,
        photo=row.photo,
        id=row.id,
        **versions.fields(row),
    )


# The door checks the role and, for a home visitor or a teacher, the children's families;
# observation_access narrows it to the very children (a teacher: classrooms; a home visitor: caseload).
_CHILDREN = door.Children("obs", attr="child_ids")


@operation(Kind.OBSERVATION, Action.WRITE, family=_CHILDREN)
def add_observation(ctx: ServiceContext, obs: o.Observation) -> o.Observation:
    """Save a new note about one or several children (``obs.child_ids``) in one transaction."""
    with ctx.db.transaction() as s:
        problems = _validate(s, ctx, obs)
        problems.raise_if_any()
        children = check_children(s, ctx.actor, list(dict.fromkeys(obs.child_ids)))
        frameworks.ensure_builtin_in(s)
        row = m.Observation()
        _apply(s, row, obs, children)
        versions.stamp_new(row, ctx.actor)
        s.add(row)
        s.flush()
        door.set_record(row.id)
        return record(row)


@operation(Kind.OBSERVATION, Action.WRITE, family=_CHILDREN, record="obs.id")
def edit_observation(ctx: ServiceContext, obs: o.Observation) -> o.Observation:
    """Change a note (a teacher: their own; a home visitor: one about their families' children only)."""
    with ctx.db.transaction() as s:
        row = s.get(m.Observation, obs.id) if obs.id is not None else None
        if row is None:
            raise NotFoundError(_("That note no longer exists; it may have been deleted."))
        check_may_change(s, ctx.actor, row)
        if obs.author_id is None:
            obs.author_id = row.author_id
        problems = _validate(s, ctx, obs)
        problems.raise_if_any()
        versions.check_and_bump(s, row, obs.version, ctx.actor)  # refuses a stale form
        children = check_children(s, ctx.actor, list(dict.fromkeys(obs.child_ids)))
        _apply(s, row, obs, children)
        s.flush()
        return record(row)


# An erase (teachers and home visitors may erase notes they may change; observation_access says which).
@operation(Kind.OBSERVATION, Action.ERASE, family=door.LISTED, record="observation_id")
def delete_observation(ctx: ServiceContext, observation_id: int) -> None:
    with ctx.db.transaction() as s:
        row = s.get(m.Observation, observation_id)
        if row is None:
            raise NotFoundError(_("That note no longer exists; it may have been deleted."))
        check_may_change(s, ctx.actor, row)
        s.delete(row)


@operation(Kind.OBSERVATION, Action.READ, family=door.LISTED)
def get_observation(ctx: ServiceContext, observation_id: int) -> o.Observation:
    """One note with its photo (for the editor); refused if none of its children is the actor's."""
    with ctx.db.read() as s:
        row = s.get(m.Observation, observation_id)
        if row is None:
            raise NotFoundError(_("That note no longer exists; it may have been deleted."))
        check_may_read_note(s, ctx.actor, row)
        return record(row)
