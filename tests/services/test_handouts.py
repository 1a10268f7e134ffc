"""Handout library: custom handouts, versions, review state, status, packet composition."""

from __future__ import annotations

import datetime as dt

import pytest

from famdesk.domain.errors import NotFoundError, PermissionDenied, ValidationError
from famdesk.domain.handouts import HandoutVersion, LanguageStatus, ReviewState
from famdesk.services import handouts as h


def _new(ctx, title="Lice policy", body="Please check your child's hair.\n\n- Wash\n- Comb"):  # type: ignore[no-untyped-def]
    return h.create_handout(ctx, HandoutVersion("en", title, body))


def test_library_lists_seven_builtins_then_custom(ctx) -> None:  # type: ignore[no-untyped-def]
    created = _new(ctx)
    items = h.list_handouts(ctx)
    assert [x.key for x in items[:7]] == ["welcome_letter", "program_info", "contact_us", "what_to_bring",
                                         "events", "home_visits", "note_frame"]
    assert all(x.builtin for x in items[:7])
    assert items[7].key == created.key == f"custom-{created.id}"
    assert items[7].title == "Lice policy" and not items[7].builtin


def test_versions_status_and_review(ctx) -> None:  # type: ignore[no-untyped-def]
    key = _new(ctx).key
    h.save_version(ctx, key, HandoutVersion("es", "Política de piojos", "Revise el cabello."))
    status = {s.key: s for s in h.handout_status(ctx)}[key]
    assert status.languages["en"] is LanguageStatus.TRANSLATED
    assert status.languages["es"] is LanguageStatus.TRANSLATED
    assert status.languages["ar"] is LanguageStatus.MISSING
    assert "es" in status.unreviewed() and "ar" in status.missing()

    got = h.set_review(ctx, key, "es", True, "Rosa Díaz", dt.date(2026, 11, 2))
    v = got.versions["es"]
    assert (v.review_state, v.reviewed_by, v.reviewed_on) == (ReviewState.REVIEWED, "Rosa Díaz", dt.date(2026, 11, 2))
    assert {s.key: s for s in h.handout_status(ctx)}[key].languages["es"] is LanguageStatus.REVIEWED

    # changing the text sends it back to draft: the review was of the old words
    got = h.save_version(ctx, key, HandoutVersion("es", "Política de piojos", "Revise el pelo."))
    assert got.versions["es"].review_state is ReviewState.DRAFT and got.versions["es"].reviewed_by == ""


def test_review_needs_a_name_and_builtins_are_read_only(ctx) -> None:  # type: ignore[no-untyped-def]
    key = _new(ctx).key
    with pytest.raises(ValidationError):
        h.set_review(ctx, key, "en", True, "  ")
    with pytest.raises(PermissionDenied):
        h.save_version(ctx, "welcome_letter", HandoutVersion("es", "x", "y"))
    with pytest.raises(NotFoundError):
        h.set_review(ctx, key, "ar", True, "Someone")


def test_invalid_version_writes_nothing(ctx) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        h.create_handout(ctx, HandoutVersion("xx", "", ""))
    fields = {p.field for p in err.value.problems}
    assert fields == {"language", "title", "body"}
    assert len(h.list_handouts(ctx)) == 7


def test_builtin_status_uses_catalogs(ctx) -> None:  # type: ignore[no-untyped-def]
    status = {s.key: s for s in h.handout_status(ctx)}
    assert status["welcome_letter"].languages["en"] is LanguageStatus.REVIEWED
    # the shipped catalogs are drafts: translated but not reviewed by a fluent speaker
    assert status["welcome_letter"].languages["es"] is LanguageStatus.TRANSLATED


def test_packet_composition(ctx) -> None:  # type: ignore[no-untyped-def]
    assert h.packet_handouts(ctx)[0] == "welcome_letter"
    key = _new(ctx).key
    h.set_packet_handouts(ctx, [key, "contact_us"])
    assert h.packet_handouts(ctx) == [key, "contact_us"]
    with pytest.raises(ValidationError):
        h.set_packet_handouts(ctx, ["contact_us", "contact_us"])
    with pytest.raises(NotFoundError):
        h.set_packet_handouts(ctx, ["nope"])
    h.delete_handout(ctx, key)
    assert h.packet_handouts(ctx) == ["contact_us"]


def test_builtin_keys_match_the_engine() -> None:
    from famdesk.printing.handouts import HANDOUTS

    assert h.BUILTIN_KEYS == tuple(k for k in HANDOUTS if k != "family_page")
