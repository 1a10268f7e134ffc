"""Sites and classrooms."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain import records as r
from famdesk.domain.errors import DuplicateError, NotFoundError
from famdesk.domain.roles import Action, Kind
from famdesk.domain.text import fold
from famdesk.i18n import _
from famdesk.services import door
from famdesk.services.context import ServiceContext
from famdesk.services.validation import Problems, check_required

_CLASSROOM_FIELDS = ("name", "site_id", "program_option", "age_group", "capacity", "archived")


def _site_record(site: m.Site) -> r.Site:
    return r.Site(name=site.name, address=site.address, phone=site.phone, id=site.id)


def _classroom_record(room: m.Classroom) -> r.Classroom:
    return r.Classroom(**{f: getattr(room, f) for f in _CLASSROOM_FIELDS}, id=room.id)


@door.internal("finds or makes the site inside the caller's transaction")
def main_site(session: Session) -> m.Site:
    """The first site; created on demand so a one-site program never has to think about sites."""
    site = session.scalars(select(m.Site).order_by(m.Site.id)).first()
    if site is None:
        site = m.Site(name=_("Main site"))
        session.add(site)
        session.flush()
    return site


@door.operation(Kind.CLASSROOM, Action.READ)
def list_sites(ctx: ServiceContext) -> list[r.Site]:
    with ctx.db.read() as s:
        return [_site_record(x) for x in s.scalars(select(m.Site).order_by(m.Site.name))]


@door.operation(Kind.CLASSROOM, Action.WRITE)
def add_site(ctx: ServiceContext, data: r.Site) -> r.Site:
    problems = Problems()
    data.name = check_required(problems, "name", data.name, _("The site's name"))
    problems.raise_if_any()
    with ctx.db.transaction() as s:
        if s.scalar(select(m.Site.id).where(m.Site.name == data.name)) is not None:
            raise DuplicateError(_("There is already a site called “{name}”.").format(name=data.name), "name")
        site = m.Site(name=data.name, address=data.address, phone=data.phone)
        s.add(site)
        s.flush()
        data.id = site.id
        door.set_record(site.id)
    return data


@door.operation(Kind.CLASSROOM, Action.READ)
def list_classrooms(ctx: ServiceContext, include_archived: bool = False) -> list[r.Classroom]:
    with ctx.db.read() as s:
        q = select(m.Classroom).order_by(m.Classroom.name)
        if not include_archived:
            q = q.where(m.Classroom.archived.is_(False))
        return [_classroom_record(x) for x in s.scalars(q)]


@door.operation(Kind.CLASSROOM, Action.WRITE, record="data.id")
def save_classroom(ctx: ServiceContext, data: r.Classroom) -> r.Classroom:
    """Create (``id is None``) or update a classroom. Names are unique per site, ignoring case/accents."""
    problems = Problems()
    data.name = check_required(problems, "name", data.name, _("The classroom's name"))
    if data.capacity is not None and data.capacity < 0:
        problems.add("capacity", _("The capacity cannot be negative."))
    problems.raise_if_any()
    with ctx.db.transaction() as s:
        site_id = data.site_id or main_site(s).id
        if s.get(m.Site, site_id) is None:
            raise NotFoundError(_("That site no longer exists."))
        key = fold(data.name)
        clash = s.scalar(select(m.Classroom.id).where(m.Classroom.site_id == site_id,
                                                      m.Classroom.name_key == key))
        if clash is not None and clash != data.id:
            raise DuplicateError(
                _("There is already a classroom called “{name}” at this site.").format(name=data.name), "name")
        room = m.Classroom() if data.id is None else s.get(m.Classroom, data.id)
        if room is None:
            raise NotFoundError(_("That classroom no longer exists."))
        data.site_id = site_id
        for f in _CLASSROOM_FIELDS:
            setattr(room, f, getattr(data, f))
        room.name_key = key
        s.add(room)
        s.flush()
        data.id = room.id
        door.set_record(room.id)
    return data


@door.operation(Kind.CLASSROOM, Action.READ)
def classroom_names(ctx: ServiceContext) -> dict[int, str]:
    with ctx.db.read() as s:
        return dict(s.execute(select(m.Classroom.id, m.Classroom.name)).all())
