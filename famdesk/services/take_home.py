"""Take-home notes: gather shareable observations per family and print them in each family's language.

Only notes marked shareable-with-family are printed, only for the children asked for, and only what
the acting user may see (a teacher: their own classrooms). The language is the family's preferred
language for written materials; domain names follow the child's age (an infant's or toddler's
"Language and Literacy" is "Language and Communication" in the ELOF).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select

from famdesk.db import models as m
from famdesk.domain import observations as o
from famdesk.domain.errors import NotFoundError, ValidationError
from famdesk.domain.printables import PrintResult
from famdesk.domain.roles import Action, Kind
from famdesk.domain.take_home import FamilyNotes, TakeHomeBatch, TakeHomeNote
from famdesk.formatting import ui_date
from famdesk.i18n import _
from famdesk.services import door, frameworks
from famdesk.services.context import ServiceContext
from famdesk.services.door import operation
from famdesk.services.observation_access import visible_children
from famdesk.services.observation_search import child_timeline, classroom_observations, list_observations
from famdesk.services.program import effective_paper_size, get_program

# One child: the door checks the child's family for a home visitor or a teacher; a classroom or every
# child: the lists are narrowed to the actor's children (observation_access).
_SCOPE = door.Row("child_id", m.Child)


def _age_band(birth: dt.date | None, on: dt.date) -> str:
    if birth is None:
        return "preschool"
    months = (on.year - birth.year) * 12 + on.month - birth.month - (on.day < birth.day)
    return "infant_toddler" if months < 36 else "preschool"


@operation(Kind.OBSERVATION, Action.READ, family=_SCOPE)
def take_home_batch(
    ctx: ServiceContext,
    *,
    since: dt.date,
    child_id: int | None = None,
    classroom_id: int | None = None,
    all_children: bool = False,
    until: dt.date | None = None,
) -> TakeHomeBatch:
    """The notes to print, grouped by family (one family's notes together, oldest first).

    A note about several children goes to each child's family the actor may see (only theirs)."""
    if sum((child_id is not None, classroom_id is not None, all_children)) != 1:
        raise ValidationError(_("Choose one child, one classroom or all children."), "scope")
    flt = o.ObservationFilter(shared=True, since=since, until=until)
    if child_id is not None:
        rows = child_timeline(ctx, child_id, flt)
    elif classroom_id is not None:
        rows = classroom_observations(ctx, classroom_id, flt)
    else:
        rows = list_observations(ctx, flt)
    domains = {d.id: d for d in frameworks.active_framework(ctx).domains}
    with ctx.db.read() as s:
        all_domains = {d.id: d for d in s.scalars(select(m.FrameworkDomain))}
        kid_ids = {cid for row in rows for cid, _name in row.children}
        mine = visible_children(s, ctx.actor)
        if mine is not None and kid_ids:
            kid_ids &= set(s.scalars(mine.where(m.Child.id.in_(kid_ids))))
        kids = {k.id: k for k in s.scalars(select(m.Child).where(m.Child.id.in_(kid_ids)))} if kid_ids else {}
        info = {
            k.id: (
                k.family_id,
                k.family.preferred_language or "en",
                k.birth_date,
                k.classroom_id,
                k.preferred_name or k.first_name,
            )
            for k in kids.values()
        }
        by_family: dict[int, list[TakeHomeNote]] = defaultdict(list)
        languages: dict[int, str] = {}
        for row in sorted(rows, key=lambda x: (x.observed_at, x.id)):
            for cid, _display in row.children:
                if cid not in info:
                    continue  # a child of another family in a group note: not the actor's to send home
                family_id, language, birth, room, first = info[cid]
                if child_id is not None and cid != child_id:
                    continue
                if classroom_id is not None and room != classroom_id:
                    continue
                band = _age_band(birth, row.observed_at.date())
                names = []
                for did, dname in row.domains:
                    d = domains.get(did)
                    age_names = (
                        d.age_names if d else (all_domains[did].age_names if did in all_domains else {})
                    )
                    names.append((age_names or {}).get(band, dname))
                by_family[family_id].append(
                    TakeHomeNote(
                        child_name=first,
                        observed_on=row.observed_at.date(),
                        text=row.text,
                        domains=tuple(names),
                        teacher=row.author_name,
                        translation=row.translation,
                        translation_language=row.translation_language,
                    )
                )
                languages[family_id] = language
    program = get_program(ctx)
    return TakeHomeBatch(
        program_name=program.name,
        country=program.country,
        paper_size=effective_paper_size(program),
        families=tuple(FamilyNotes(languages[f], tuple(notes)) for f, notes in by_family.items()),
    )


@operation(Kind.OBSERVATION, Action.PRINT, family=_SCOPE)
def print_take_home_notes(
    ctx: ServiceContext,
    *,
    since: dt.date,
    child_id: int | None = None,
    classroom_id: int | None = None,
    all_children: bool = False,
) -> PrintResult:
    from famdesk.printing.documents import take_home_note

    batch = take_home_batch(
        ctx, since=since, child_id=child_id, classroom_id=classroom_id, all_children=all_children
    )
    if not batch.families:
        raise NotFoundError(
            _("There are no notes shared with families since {date} for that choice.").format(
                date=ui_date(since)
            )
        )
    return take_home_note.build_result(batch)  # the door records the print (ids only)
