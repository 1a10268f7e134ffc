from __future__ import annotations

import pytest

from famdesk.domain.text import fold


@pytest.mark.parametrize(("typed", "stored"), [
    ("nguyen", "Nguyễn"), ("jose", "José"), ("muller", "Müller"), ("dang", "Đặng"),
    ("soren", "Søren"), ("lodz", "Łódź"), ("strasse", "Straße"), ("francois", "François"),
])
def test_fold_matches_without_accents(typed: str, stored: str) -> None:
    assert fold(typed) == fold(stored)


def test_fold_keeps_other_scripts() -> None:
    assert fold("محمد") == "محمد"
    assert fold("王芳") == "王芳"
    assert fold("Иванова") == "иванова"
    assert fold("أحمد") == fold("احمد")
