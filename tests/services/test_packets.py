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
from famdesk.services.families import add_family, get_family, update_family
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


def _event(ctx, title: str, when: dt.datetime, place: str = "") -> None:  # type: ignore[no-untyped-def]
    from famdesk.domain import partnership as p
    from famdesk.services.events import add_event

    add_event(ctx, p.Event(title=title, starts_at=when, ends_at=when + dt.timedelta(hours=1), place=place))


def _family_page(pdf: bytes) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[-1].extract_text()


def test_family_page_lists_the_next_weeks_events_in_the_familys_language(ctx) -> None:  # type: ignore[no-untyped-def]
    today = dt.date(2026, 11, 20)
    _event(ctx, "Harvest potluck", dt.datetime(2026, 11, 10, 17, 30))           # past: not listed
    _event(ctx, "Winter family night", dt.datetime(2026, 12, 5, 17, 30), "Room 4")  # in 2 weeks
    _event(ctx, "Spring picnic", dt.datetime(2027, 2, 1, 11, 0))               # in 10 weeks
    es = _family(ctx, "es")
    page = _family_page(packets.print_welcome_packets(ctx, [es], today=today).files[0].pdf)
    assert "Próximos eventos" in page and "Winter family night" in page and "Room 4" in page
    assert "5 de diciembre de 2026" in page and "17:30" in page and "Dónde" in page
    assert "Harvest potluck" not in page and "Spring picnic" not in page
    packets.set_packet_event_weeks(ctx, 12)
    assert packets.packet_event_weeks(ctx) == 12
    page = _family_page(packets.print_welcome_packets(ctx, [es], today=today).files[0].pdf)
    assert "Spring picnic" in page and "1 de febrero de 2027" in page
    page = _family_page(packets.print_welcome_packets(ctx, [es], today=today, event_weeks=1).files[0].pdf)
    assert "Próximos eventos" not in page and "Winter family night" not in page


def test_family_page_events_in_arabic_and_chinese(ctx) -> None:  # type: ignore[no-untyped-def]
    _event(ctx, "Winter family night", dt.datetime(2026, 12, 5, 17, 30))
    ar = _family(ctx, "ar", "Haddad")
    zh = get_family(ctx, _family_more(ctx)).family.id
    detail = get_family(ctx, zh)
    detail.family.preferred_language = "zh"
    update_family(ctx, detail)
    run = packets.print_welcome_packets(ctx, [ar, zh], one_file=False, today=dt.date(2026, 12, 1))
    assert run.warnings == []
    page_ar, page_zh = (_family_page(f.pdf) for f in run.files)
    assert "الفعاليات القادمة" in page_ar and "ديسمبر" in page_ar and "Winter family night" in page_ar
    assert "即将举行的活动" in page_zh and "2026年12月5日" in page_zh


def test_event_weeks_are_checked(ctx) -> None:  # type: ignore[no-untyped-def]
    for bad in (0, 53, True, "8"):
        with pytest.raises(ValidationError):
            packets.set_packet_event_weeks(ctx, bad)  # type: ignore[arg-type]
    assert packets.packet_event_weeks(ctx) == packets.DEFAULT_EVENT_WEEKS
    fid = _family(ctx, "en")
    with pytest.raises(ValidationError):
        packets.print_welcome_packets(ctx, [fid], event_weeks=0)
