"""Welcome packets from the database, read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from famdesk.domain import records as r
from famdesk.domain.errors import ValidationError
from famdesk.domain.handouts import HandoutVersion
from famdesk.services import handouts as h
from famdesk.services import packets
from famdesk.services.classrooms import save_classroom
from famdesk.services.demo import create_demo
from famdesk.services.families import add_family, get_family
from famdesk.services.staff import save_staff


def text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def _family(ctx, lang: str, name: str = "Qorvath", enrolled=dt.date(2026, 9, 1)) -> int:  # type: ignore[no-untyped-def]
    room = save_classroom(ctx, r.Classroom("Butterflies"))
    save_staff(ctx, r.StaffMember("Ana", "Rivera", classroom_ids=[room.id]))
    detail = r.FamilyDetail(r.Family(name=f"{name} family", preferred_language=lang, enrolled_on=enrolled),
                            [r.Caregiver("Mona", name)], [r.Child("Lina", name, classroom_id=room.id)])
    return add_family(ctx, detail).family.id  # type: ignore[return-value]


def test_one_family_in_its_language_with_teacher(ctx) -> None:  # type: ignore[no-untyped-def]
    fid = _family(ctx, "es")
    run = packets.print_welcome_packets(ctx, packets.choose_families(ctx, family_id=fid), one_file=True)
    assert len(run.files) == 1 and not run.cancelled and run.warnings == []
    out = text(run.files[0].pdf)
    assert "Qorvath family family" not in out and "Qorvath" in out
    assert "Butterflies" in out and "Ana Rivera" in out and "Lina Qorvath" in out


def test_custom_handout_missing_language_falls_back_with_warning(ctx) -> None:  # type: ignore[no-untyped-def]
    fid = _family(ctx, "ar")
    key = h.create_handout(ctx, HandoutVersion("en", "Zebrafish rules", "Bring boots on rainy days.")).key
    h.set_packet_handouts(ctx, ["welcome_letter", key])
    run = packets.print_welcome_packets(ctx, [fid])
    out = text(run.files[0].pdf)
    assert "Zebrafish rules" in out and "Bring boots on rainy days." in out
    assert run.warnings == ["Qorvath: “Zebrafish rules” has no Arabic version yet; printed in English."]
    h.save_version(ctx, key, HandoutVersion("ar", "قواعد", "أحضروا الأحذية."))
    run = packets.print_welcome_packets(ctx, [fid])
    assert run.warnings == [] and "Zebrafish" not in text(run.files[0].pdf)


def test_english_copy_and_forced_language(ctx) -> None:  # type: ignore[no-untyped-def]
    fid = _family(ctx, "vi")
    single = packets.print_welcome_packets(ctx, [fid]).files[0]
    h.set_english_copy(ctx, fid, True)
    assert h.english_copy(ctx, fid)
    both = packets.print_welcome_packets(ctx, [fid]).files[0]
    assert both.pages > single.pages and "Welcome to" in text(both.pdf) and "Welcome to" not in text(single.pdf)
    forced = packets.print_welcome_packets(ctx, [fid], language="fr").files[0]
    assert "Bienvenue" in text(forced.pdf)
    with pytest.raises(ValidationError):
        packets.print_welcome_packets(ctx, [fid], language="xx")


def test_new_since_one_file_per_family_progress_and_cancel(ctx) -> None:  # type: ignore[no-untyped-def]
    old = _family(ctx, "en", "Oldham", dt.date(2025, 9, 1))
    new = get_family(ctx, _family_more(ctx)).family.id
    ids = packets.choose_families(ctx, new_since=dt.date(2026, 1, 1))
    assert old not in ids and new in ids
    seen: list[tuple[int, int]] = []
    run = packets.print_welcome_packets(ctx, ids, one_file=False, progress=lambda a, b: seen.append((a, b)))
    assert [f.name for f in run.files] == [f"welcome-packet-{new}-ko.pdf"]
    assert seen[-1] == (2, 2)
    run = packets.print_welcome_packets(ctx, ids, cancelled=lambda: True)
    assert run.cancelled and run.files == []
    with pytest.raises(ValidationError):
        packets.choose_families(ctx, family_id=old, everyone=True)


def _family_more(ctx) -> int:  # type: ignore[no-untyped-def]
    detail = r.FamilyDetail(r.Family(name="Kim family", preferred_language="ko", enrolled_on=dt.date(2026, 10, 1)),
                            [r.Caregiver("Jin", "Kim")], [r.Child("Min", "Kim")])
    return add_family(ctx, detail).family.id  # type: ignore[return-value]


def test_demo_program_prints_every_family_in_its_language(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    create_demo(sqlite_ctx, families=24, seed=7)
    ids = packets.choose_families(sqlite_ctx, everyone=True)
    fams = packets.family_packets(sqlite_ctx, ids)
    run = packets.print_welcome_packets(sqlite_ctx, ids, one_file=False)
    assert len(run.files) == len(ids) == 24
    langs = {f.language for f in fams}
    assert len(langs) >= 3
    for fam, f in zip(fams, run.files, strict=True):
        assert f.name.endswith(f"-{fam.language}.pdf") and f.pages >= 2
        reader = PdfReader(io.BytesIO(f.pdf))
        assert str(reader.trailer["/Root"]["/Lang"]).startswith(fam.language)
    assert run.warnings == []


def test_household_name_is_not_doubled() -> None:
    assert packets.household_name("Nguyen family") == "Nguyen"
    assert packets.household_name("Familia López") == "Familia López"
    assert packets.household_name(" family") == "family"
