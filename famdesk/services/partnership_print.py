"""Printables of the partnership area: goal worksheets, event flyers, the one-page dashboard summary.

Builds the plain data from the database and hands it to ``printing.documents``; returns PDF bytes and
the warnings a director should see (a flyer printed in English for lack of a translation).
"""

from __future__ import annotations

from sqlalchemy import select

from famdesk.db import models as m
from famdesk.domain import partnership as p
from famdesk.domain.enums import FamilyStatus
from famdesk.domain.printables import PrintResult, ProgramInfo
from famdesk.domain.roles import Action, Kind
from famdesk.services import events as event_service
from famdesk.services import goals as goal_service
from famdesk.services import program as program_service
from famdesk.services import staff as staff_service
from famdesk.services.context import ServiceContext
from famdesk.services.door import Row, internal, operation


@internal("the printed header, for a print operation")
def program_info(ctx: ServiceContext) -> ProgramInfo:
    prog = program_service.get_program(ctx)
    return ProgramInfo(prog.name, prog.address, prog.phone, prog.email, prog.logo_png, prog.country,
                       program_service.effective_paper_size(prog))


@operation(Kind.GOAL, Action.PRINT, family=Row("goal_id", m.FamilyGoal), record="goal_id")
def goal_worksheet(ctx: ServiceContext, goal_id: int, language: str | None = None) -> PrintResult:
    """The worksheet for the family to keep, in its preferred language unless another is asked for."""
    from famdesk.printing.documents import goal_worksheet as doc

    goal = goal_service.get_goal(ctx, goal_id)
    with ctx.db.read() as s:
        family_lang = s.scalar(select(m.Family.preferred_language).where(m.Family.id == goal.family_id)) or "en"
    staff = staff_service.get_staff(ctx, goal.staff_id).display_name if goal.staff_id else ""
    name = goal.family_name.removesuffix(" family")
    data = p.GoalWorksheet(program_info(ctx), name, goal, staff)
    return doc.build_result(data, locale=language or family_lang)


@operation(Kind.EVENT, Action.READ)
def flyer_languages(ctx: ServiceContext) -> list[str]:
    """The preferred languages of enrolled families, most families first."""
    with ctx.db.read() as s:
        langs = list(s.scalars(select(m.Family.preferred_language)
                               .where(m.Family.status == FamilyStatus.ENROLLED, m.Family.archived_at.is_(None))))
    return sorted(set(langs), key=lambda code: (-langs.count(code), code))


@operation(Kind.EVENT, Action.PRINT, record="event_id")
def event_flyers(ctx: ServiceContext, event_id: int, languages: list[str] | None = None) -> dict[str, PrintResult]:
    """One flyer per language (default: every enrolled family's preferred language)."""
    from famdesk.printing.documents import event_flyer as doc

    data = p.EventFlyer(program_info(ctx), event_service.get_event(ctx, event_id))
    return {lang: doc.build_result(data, locale=lang) for lang in (languages or flyer_languages(ctx) or ["en"])}


@operation(Kind.DASHBOARD, Action.PRINT)
def dashboard_pdf(ctx: ServiceContext, d: p.Dashboard, *, language: str | None = None) -> bytes:
    from famdesk.printing.documents import dashboard_summary as doc

    lang = language or program_service.get_program(ctx).default_language
    return doc.build_result(p.DashboardSummary(program_info(ctx), d), locale=lang).pdf
