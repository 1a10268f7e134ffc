"""Staff members: who teaches where, who visits whom, which languages they speak."""

from __future__ import annotations

from sqlalchemy import select

from famdesk.db import models as m
from famdesk.domain import records as r
from famdesk.domain.errors import NotFoundError
from famdesk.domain.roles import Action, Kind
from famdesk.i18n import _
from famdesk.services import door
from famdesk.services.context import ServiceContext
from famdesk.services.program import program_country
from famdesk.services.validation import Problems, check_email, check_language, check_phone, check_required

_FIELDS = ("first_name", "last_name", "role", "email", "phone", "languages", "active")


def _record(staff: m.StaffMember) -> r.StaffMember:
    return r.StaffMember(**{f: getattr(staff, f) for f in _FIELDS},
                         classroom_ids=sorted(c.id for c in staff.classrooms), id=staff.id)


@door.operation(Kind.STAFF, Action.READ)
def list_staff(ctx: ServiceContext, include_inactive: bool = False) -> list[r.StaffMember]:
    with ctx.db.read() as s:
        q = select(m.StaffMember).order_by(m.StaffMember.last_name, m.StaffMember.first_name)
        if not include_inactive:
            q = q.where(m.StaffMember.active.is_(True))
        return [_record(x) for x in s.scalars(q)]


@door.operation(Kind.STAFF, Action.READ, record="staff_id")
def get_staff(ctx: ServiceContext, staff_id: int) -> r.StaffMember:
    with ctx.db.read() as s:
        staff = s.get(m.StaffMember, staff_id)
        if staff is None:
            raise NotFoundError(_("That staff member is not in the program."))
        return _record(staff)


@door.operation(Kind.STAFF, Action.WRITE, record="data.id")
def save_staff(ctx: ServiceContext, data: r.StaffMember) -> r.StaffMember:
    problems = Problems()
    data.first_name = check_required(problems, "first_name", data.first_name, _("The staff member's first name"))
    data.last_name = (data.last_name or "").strip()
    data.email = check_email(problems, "email", data.email)
    data.languages = [check_language(problems, "languages", code) for code in data.languages if code]
    with ctx.db.transaction() as s:
        data.phone = check_phone(problems, "phone", data.phone, program_country(s))
        problems.raise_if_any()
        staff = m.StaffMember() if data.id is None else s.get(m.StaffMember, data.id)
        if staff is None:
            raise NotFoundError(_("That staff member is not in the program."))
        for f in _FIELDS:
            setattr(staff, f, getattr(data, f))
        rooms = list(s.scalars(select(m.Classroom).where(m.Classroom.id.in_(data.classroom_ids))))
        if len(rooms) != len(set(data.classroom_ids)):
            raise NotFoundError(_("One of the chosen classrooms no longer exists."))
        staff.classrooms = rooms
        s.add(staff)
        s.flush()
        data.id = staff.id
        door.set_record(staff.id)
    return data
