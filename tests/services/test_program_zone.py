"""A program time zone this computer does not know is said, never replaced by UTC in silence."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from famdesk.db import models as m
from famdesk.domain.errors import StorageError
from famdesk.services import incidents, program


def test_an_unknown_zone_is_a_sentence_not_utc(ctx) -> None:  # type: ignore[no-untyped-def]
    program.get_program(ctx)
    with ctx.db.transaction() as s:  # as a damaged row or a computer without the zone database has it
        s.execute(update(m.Program).values(timezone="Mars/Olympus_Mons"))
    with pytest.raises(StorageError, match="Mars/Olympus_Mons.*not known on this computer"):
        incidents.program_now_for(ctx)  # the program's clock: visits, compliance, incidents, calendars


def test_tzdata_is_there_for_windows() -> None:
    import tzdata  # a declared dependency: Windows has no zone database of its own

    assert tzdata.IANA_VERSION
