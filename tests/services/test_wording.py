"""The strengths-based wording hint: offered for deficit-only notes, never for notes with a strength."""

from __future__ import annotations

import pytest

from famdesk.services.wording import deficit_only, wording_hint


@pytest.mark.parametrize(("text", "flagged"), [
    ("Can't sit still at circle time and refuses to share.", True),
    ("Doesn’t know colors.", True),
    ("No quiere compartir y nunca escucha.", True),
    ("Couldn't open the jar, so she tried the other lid and figured it out.", False),
    ("Built a bridge for the cars with Mia.", False),
    ("No pudo abrir la caja, pero lo intentó otra vez.", False),
    ("Nevertheless counted to ten.", False),   # "never" is a whole word only
    ("", False),
])
def test_deficit_only(text: str, flagged: bool) -> None:
    assert deficit_only(text, ["en", "es"]) is flagged
    assert (wording_hint(text) is not None) is flagged


def test_unknown_language_has_no_list_and_no_hint() -> None:
    assert wording_hint("Can't do it.", ["xx"]) is None
