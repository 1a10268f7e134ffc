"""Family goals (family partnership agreements): set with the family, in its words, with steps.

The goal text is never rewritten or translated: it is what the family said.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from famdesk.db import models as m
from famdesk.domain import partnership as p
from famdesk.domain.errors import NotFoundError
from famdesk.domain.roles import Action, Kind
from famdesk.i18n import _
from famdesk.services import access, door, versions
from famdesk.services.context import ServiceContext
from famdesk.services.door import internal, operation
from famdesk.services.validation import Problems, check_date_order

_GOAL_FIELDS = ("family_id", "goal_text", "area", "status", "started_on", "follow_up_on", "last_follow_up_on",
                "achieved_on", "referrals", "staff_id")


def _validate(s: Session, g: p.Goal) -> None:
    problems = Problems()
    if g.family_id is None or s.get(m.Family, g.family_id) is None:
        problems.add("family_id", _("Choose the family whose goal this is."))
    if g.staff_id is not None and s.get(m.StaffMember, g.staff_id) is None:
        problems.add("staff_id", _("That staff member is no longer in the list; choose another."))
    g.goal_text = (g.goal_text or "").strip()
    if not g.goal_text:
        problems.add("goal_text", _("Write the goal as the family said it."))
    for attr, enum in (("area", p.GoalArea), ("status", p.GoalStatus)):
        try:
            setattr(g, attr, enum(getattr(g, attr)))
        except ValueError:
            problems.add(attr, _("“{value}” is not a choice famdesk knows.").format(value=getattr(g, attr)))
    check_date_order(problems, "follow_up_on", g.started_on, g.follow_up_on)
    check_date_order(problems, "achieved_on", g.started_on, g.achieved_on)
    if g.status == p.GoalStatus.ACHIEVED and g.achieved_on is None:
        g.achieved_on = dt.date.today()
    g.referrals = (g.referrals or "").strip()
    for i, step in enumerate(g.steps, start=1):
        step.what = (step.what or "").strip()
        step.who = (step.who or "").strip()
        if not step.what:
            problems.add(f"steps.{i}.what", _("Step {n}: say what will be done.").format(n=i))
        if len(step.who) > 200:
            problems.add(f"steps.{i}.who", _("Step {n}: keep “who” under 200 characters.").format(n=i))
    problems.raise_if_any()


def _apply(row: m.FamilyGoal, g: p.Goal) -> None:
    for f in _GOAL_FIELDS:
        setattr(row, f, getattr(g, f))
    by_id = {x.id: x for x in row.steps}
    keep: list[m.GoalStep] = []
    for pos, step in enumerate(g.steps):
        target = by_id.get(step.id) if step.id is not None else m.GoalStep()
        if target is None:
            raise NotFoundError(_("Someone else changed this goal; reopen it and try again."))
        target.position, target.what, target.who = pos, step.what, step.who
        target.due_on, target.done = step.due_on, step.done
        keep.append(target)
    row.steps[:] = keep


def _record(row: m.FamilyGoal) -> p.Goal:
    return p.Goal(**{f: getattr(row, f) for f in _GOAL_FIELDS}, id=row.id, family_name=row.family.name,
                  **versions.fields(row),
                  steps=[p.GoalStep(what=x.what, who=x.who, due_on=x.due_on, done=x.done, id=x.id)
                         for x in row.steps])


def _load(s: Session, goal_id: int | None) -> m.FamilyGoal:
    row = (s.get(m.FamilyGoal, goal_id, options=[selectinload(m.FamilyGoal.steps)])
           if goal_id is not None else None)
    if row is None:
        raise NotFoundError(_("That goal is no longer on file."))
    return row


@operation(Kind.GOAL, Action.WRITE, family=door.Attr("goal", "family_id"))
def add_goal(ctx: ServiceContext, goal: p.Goal) -> p.Goal:
    with ctx.db.transaction() as s:
        _validate(s, goal)
        row = m.FamilyGoal()
        versions.stamp_new(row, ctx.actor)
        s.add(row)
        _apply(row, goal)
        s.flush()
        door.set_record(row.id)
        return _record(row)


@operation(Kind.GOAL, Action.WRITE, family=door.Attr("goal", "family_id", m.FamilyGoal), record="goal.id")
def update_goal(ctx: ServiceContext, goal: p.Goal) -> p.Goal:
    """Save the goal as edited: steps with an id are updated, new ones added, missing ones removed."""
    with ctx.db.transaction() as s:
        row = _load(s, goal.id)
        _validate(s, goal)
        versions.check_and_bump(s, row, goal.version, ctx.actor)  # refuses a stale form
        _apply(row, goal)
        s.flush()
        s.refresh(row)
        return _record(row)


@operation(Kind.GOAL, Action.READ, family=door.Row("goal_id", m.FamilyGoal))
def get_goal(ctx: ServiceContext, goal_id: int) -> p.Goal:
    with ctx.db.read() as s:
        return _record(_load(s, goal_id))


@operation(Kind.GOAL, Action.WRITE, family=door.Row("goal_id", m.FamilyGoal), record="goal_id")
def delete_goal(ctx: ServiceContext, goal_id: int) -> None:
    with ctx.db.transaction() as s:
        s.delete(_load(s, goal_id))


@operation(Kind.GOAL, Action.READ, family=door.each(door.Arg("family_id"), door.LISTED))
def list_goals(ctx: ServiceContext, family_id: int | None = None,
               status: p.GoalStatus | None = None) -> list[p.Goal]:
    """Plain columns, not mapped objects (with each goal's whole family): a program of 50,000 families
    has ~25,000 goals, and mapped objects took 8 s and ~250 MB to list them."""
    conditions = []
    if family_id is not None:
        conditions.append(m.FamilyGoal.family_id == family_id)
    if status is not None:
        conditions.append(m.FamilyGoal.status == status)
    if access.is_scoped(ctx.actor, Kind.GOAL):
        conditions.append(m.FamilyGoal.family_id.in_(access.own_family_ids(ctx.actor)))
    g = m.FamilyGoal
    goals_q = (select(*[getattr(g, f) for f in _GOAL_FIELDS], g.id, m.Family.name, g.version, g.updated_at,
                      g.updated_by)
               .join(m.Family, m.Family.id == g.family_id).where(*conditions)
               .order_by(g.started_on.desc(), g.id.desc()))
    st = m.GoalStep
    steps_q = (select(st.goal_id, st.what, st.who, st.due_on, st.done, st.id).join(g, g.id == st.goal_id)
               .where(*conditions).order_by(st.goal_id, st.position, st.id))
    with ctx.db.read() as s:
        steps: dict[int, list[p.GoalStep]] = {}
        for goal_id, what, who, due_on, done, step_id in s.execute(steps_q):
            steps.setdefault(goal_id, []).append(p.GoalStep(what=what, who=who, due_on=due_on, done=done,
                                                            id=step_id))
        return [p.Goal(**{f: row[i] for i, f in enumerate(_GOAL_FIELDS)}, id=row.id, family_name=row.name,
                       steps=steps.get(row.id, []), **versions.fields(row)) for row in s.execute(goals_q)]


@internal("reads in the caller's session")
def goals_by_status(s: Session) -> dict[p.GoalStatus, int]:
    """Goals of families still on file (archived households left out), every status present."""
    out = {st: 0 for st in p.GoalStatus}
    q = (select(m.FamilyGoal.status, func.count()).join(m.Family, m.Family.id == m.FamilyGoal.family_id)
         .where(m.Family.archived_at.is_(None)).group_by(m.FamilyGoal.status))
    for status, n in s.execute(q):
        out[status] = int(n)
    return out


@internal("reads in the caller's session")
def overdue_goal_follow_ups(s: Session, today: dt.date) -> dict[int, int]:
    """Family id → goals in progress whose follow-up date has passed."""
    q = (select(m.FamilyGoal.family_id, func.count()).where(m.FamilyGoal.status == p.GoalStatus.IN_PROGRESS,
                                                            m.FamilyGoal.follow_up_on < today)
         .group_by(m.FamilyGoal.family_id))
    return {fid: int(n) for fid, n in s.execute(q)}
