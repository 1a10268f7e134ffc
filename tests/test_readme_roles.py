"""The README's roles table is the code's table (services/access.RULES), cell for cell."""

from __future__ import annotations

import re
from pathlib import Path

from famdesk.domain.roles import Action, Kind, Role
from famdesk.services.access import FAMILY_KINDS, RULES

LETTERS = {"R": Action.READ, "W": Action.WRITE, "P": Action.PRINT, "X": Action.EXPORT, "E": Action.ERASE}
ROLES = [Role.DIRECTOR, Role.FAMILY_SERVICES, Role.TEACHER, Role.OFFICE]


def test_readme_table_states_the_rules() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- roles-table -->")[1].split("<!-- /roles-table -->")[0]
    seen = set()
    for line in table.strip().splitlines()[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        kind = Kind(re.sub(r"[`✱ ]", "", cells[0]))
        assert ("✱" in cells[0]) == (kind in FAMILY_KINDS), kind
        for role, cell in zip(ROLES, cells[1:], strict=True):
            stated = frozenset() if cell == "–" else frozenset(LETTERS[x] for x in cell)
            assert stated == RULES[role].get(kind, frozenset()), (kind, role)
        seen.add(kind)
    assert seen == set(Kind)
