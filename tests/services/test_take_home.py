"""Take-home notes end to end: shareable notes in the database → one PDF, each family in its language."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from famdesk.domain import observations as o
from famdesk.domain import records as r
from famdesk.domain.errors import NotFoundError, PermissionDenied, ValidationError
from famdesk.domain.roles import Actor, Role
from famdesk.services import classrooms, families, frameworks, staff
from famdesk.services.observations import add_observation
from famdesk.services.take_home import print_take_home_notes, take_home_batch

SINCE = dt.date(2026, 9, 1)
WHEN = dt.datetime(2026, 10, 7, 10, 15)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def pages_of(pdf: bytes) -> list[str]:
    return [squash(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def room(ctx):  # type: ignore[no-untyped-def]
    bees = classrooms.save_classroom(ctx, r.Classroom(name="Butterflies"))
    carlos = staff.save_staff(
        ctx, r.StaffMember(first_name="Carlos", last_name="Mendoza", classroom_ids=[bees.id])
    )
    kids = {}
    for lang, fam_name, child in (
        ("es", "Ortiz", "Sofía"),
        ("ar", "Haddad", "Yusuf"),
        ("zh", "Chen", "Mei"),
        ("uk", "Trần", "Đức"),
    ):
        saved = families.add_family(
            ctx,
            r.FamilyDetail(
                family=r.Family(name=f"{fam_name} family", preferred_language=lang),
                caregivers=[r.Caregiver(first_name="Parent", last_name=fam_name)],
                children=[
                    r.Child(
                        first_name=child,
                        last_name=fam_name,
                        classroom_id=bees.id,
                        birth_date=dt.date(2022, 3, 1),
                    )
                ],
            ),
        )
        kids[lang] = saved.children[0].id
    doms = {d.key: d.id for d in frameworks.active_framework(ctx).domains}
    return dict(room=bees.id, carlos=carlos.id, kids=kids, doms=doms)


def test_spanish_arabic_chinese_families_get_translated_frames(ctx, room) -> None:  # type: ignore[no-untyped-def]
    k, d = room["kids"], room["doms"]
    add_observation(
        ctx,
        o.Observation(
            text="Sofía counted out crackers for the table, one for each friend.",
            child_ids=[k["es"]],
            domain_ids=[d["cog"]],
            observed_at=WHEN,
            author_id=room["carlos"],
            shareable_with_family=True,
            translation="Sofía contó galletas para la mesa, una para cada amigo.",
            translation_language="es",
        ),
    )
    add_observation(
        ctx,
        o.Observation(
            text="Yusuf and Mei built a bridge together and drove the cars across.",
            child_ids=[k["ar"], k["zh"]],
            domain_ids=[d["sed"]],
            observed_at=WHEN,
            author_id=room["carlos"],
            shareable_with_family=True,
        ),
    )
    add_observation(
        ctx,
        o.Observation(  # not shareable: never printed
            text="Private planning note about Mei.",
            child_ids=[k["zh"]],
            observed_at=WHEN,
            author_id=room["carlos"],
        ),
    )

    result = print_take_home_notes(ctx, since=SINCE, classroom_id=room["room"])
    pages = pages_of(result.pdf)
    assert len(pages) == 3 and result.pages == 3 and result.warnings == []
    es = next(p for p in pages if "Sofía" in p)
    assert squash("¡Buenas noticias sobre Sofía!") in es
    assert squash("Querida familia:") in es
    assert squash("El 7 de octubre de 2026, Carlos Mendoza vio esto:") in es
    assert squash("Sofía counted out crackers for the table, one for each friend.") in es  # as written
    assert squash("Sofía contó galletas para la mesa, una para cada amigo.") in es  # translation
    assert squash("Área de aprendizaje: Cognición") in es
    ar = next(p for p in pages if "Yusuf" in p and "Mei的好消息" not in p and "Sofía" not in p)
    assert squash("عائلتنا العزيزة") in ar
    assert squash("النمو الاجتماعي والعاطفي") in ar
    assert squash("Yusuf and Mei built a bridge together and drove the cars across.") in ar
    zh = next(p for p in pages if "Mei的好消息" in p)
    assert squash("亲爱的家长：") in zh
    assert squash("学习领域：社会性与情感发展") in zh
    assert squash("Yusuf and Mei built a bridge together") in zh
    assert not any("Private planning note" in p for p in pages)


def test_infant_toddler_gets_language_and_communication(ctx, room) -> None:  # type: ignore[no-untyped-def]
    k, d = room["kids"], room["doms"]
    add_observation(
        ctx,
        o.Observation(
            text='Đức said "up, up!" pointing at the plane.',
            child_ids=[k["uk"]],
            domain_ids=[d["lang"]],
            observed_at=dt.datetime(2024, 10, 1, 9),
            shareable_with_family=True,
        ),
    )
    batch = take_home_batch(ctx, since=dt.date(2024, 9, 1), child_id=k["uk"])
    assert batch.families[0].notes[0].domains == ("Language and Communication",)  # 31 months old then
    # Ukrainian has no handouts catalog yet: the note prints in English and the director is told.
    result = print_take_home_notes(ctx, since=dt.date(2024, 9, 1), child_id=k["uk"])
    assert "Good news about Đức!" in PdfReader(io.BytesIO(result.pdf)).pages[0].extract_text()
    assert result.warnings and "uk" in result.warnings[0]


def test_scope_and_access(ctx, room) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="one child, one classroom or all"):
        take_home_batch(ctx, since=SINCE)
    with pytest.raises(NotFoundError, match="no notes shared"):
        print_take_home_notes(ctx, since=SINCE, all_children=True)
    stranger = ctx.as_actor(Actor(Role.TEACHER, staff_id=None))
    with pytest.raises(PermissionDenied):
        take_home_batch(stranger, since=SINCE, classroom_id=room["room"])
