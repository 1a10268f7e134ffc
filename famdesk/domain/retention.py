"""Keeping and erasing the records of families who left: the retention period and legal holds.

A family has *left* when its status is "left the program" or it was archived; its end date is the date it
left (``exited_on``), else the day it was archived. Once the end date is older than the retention setting
the family is *due*; a family on legal hold is never erased, whatever the dates say.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Three years is the usual minimum for records of a federally funded program; a program's own policy (or its
# state's licensing rules) may say longer, which is why it is a setting.
DEFAULT_RETENTION_YEARS = 3


@dataclass(frozen=True)
class LegalHold:
    family_id: int
    reason: str
    placed_on: dt.date


@dataclass(frozen=True)
class LeftFamily:
    family_id: int
    name: str
    left_on: dt.date
    hold_reason: str = ""  # set when a legal hold keeps the family


@dataclass
class RetentionReview:
    """What the retention rule says today: who is due, who is kept by a hold, who cannot be judged."""

    years: int
    cutoff: dt.date                                        # families who left before this date are due
    due: list[LeftFamily] = field(default_factory=list)
    held: list[LeftFamily] = field(default_factory=list)
    undated: int = 0                                        # left, but no end date on file


def years_before(day: dt.date, years: int) -> dt.date:
    """``day`` minus whole years (29 February becomes 28 February in a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
