"""The printed school directory: only consented, enrolled families, grouped by classroom, any language."""

from __future__ import annotations

import io

from pypdf import PdfReader

from famdesk.domain import records as r
from famdesk.domain.enums import FamilyStatus, Relationship
from famdesk.services import classrooms, exports, families


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def _add(ctx, name: str, consent: bool, room: int | None, status=FamilyStatus.ENROLLED) -> None:  # type: ignore[no-untyped-def]
    families.add_family(
        ctx,
        r.FamilyDetail(
            r.Family(name=f"{name} family", directory_consent=consent, status=status),
            [
                r.Caregiver(
                    first_name="Ana",
                    last_name=name,
                    relationship=Relationship.MOTHER,
                    mobile_phone="617-555-0100",
                    email=f"{name.lower()}@example.org",
                    custody_notes="Secret court order",
                )
            ],
            [r.Child(first_name="Luz", last_name=name, classroom_id=room)],
        ),
    )


def test_directory_lists_consented_families_by_classroom(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    room = classrooms.save_classroom(sqlite_ctx, r.Classroom(name="Butterflies")).id
    _add(sqlite_ctx, "Ruiz", True, room)
    _add(sqlite_ctx, "Hidden", False, room)
    _add(sqlite_ctx, "Waiting", True, room, FamilyStatus.WAITLIST)
    _add(sqlite_ctx, "Cali", True, None)
    data = exports.school_directory(sqlite_ctx)
    assert [(g.classroom, [f.name for f in g.families]) for g in data.groups] == [
        ("Butterflies", ["Ruiz family"]),
        ("", ["Cali family"]),
    ]
    text = _text(exports.school_directory_pdf(sqlite_ctx, "en"))
    assert "School directory" in text and "Butterflies" in text and "Other families" in text
    assert "Ruiz family" in text and "(617) 555-0100" in text and "ruiz@example.org" in text
    assert "Hidden" not in text and "Waiting" not in text and "Secret" not in text
    arabic = _text(exports.school_directory_pdf(sqlite_ctx, "ar"))
    assert "Ruiz family" in arabic.replace("\u2066", "").replace("\u2069", "")
