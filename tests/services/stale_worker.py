"""Helper process for test_stale_edits (not a test): a second member of staff, in another OS process.

``python stale_worker.py DATABASE_URL`` then one JSON command per line on stdin, one JSON answer per line
on stdout:
- ``{"op": "load", "kind": "family"|"visit"|"contact"|"observation", "id": N}``: open the record (the
  form) and keep it; answers ``{"version": V}``.
- ``{"op": "set", "path": "caregivers.0.mobile_phone", "value": …}``: type into the form (a value
  ``"date:YYYY-MM-DD"`` is a date).
- ``{"op": "add_child", "first_name": …}``: add a child row to the family form.
- ``{"op": "save"}``: save the form; ``{"saved": true, "version": V}`` or ``{"stale": true, "message": …}``.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from famdesk.db.session import Database  # noqa: E402
from famdesk.domain import records as r  # noqa: E402
from famdesk.domain.errors import StaleEditError  # noqa: E402
from famdesk.domain.roles import Actor, Role  # noqa: E402
from famdesk.services import contacts, families, observations, visits  # noqa: E402
from famdesk.services.context import ServiceContext  # noqa: E402

KINDS = {
    "family": (families.get_family, families.update_family),
    "visit": (visits.get_visit, lambda ctx, v: visits.save_visit(ctx, v, accept_conflicts=True)),
    "contact": (contacts.get_contact, contacts.update_contact),
    "observation": (observations.get_observation, observations.edit_observation),
}
OTHER = Actor(Role.DIRECTOR, user_id=77, label="second process")


def version_of(record: Any) -> int | None:
    return record.family.version if isinstance(record, r.FamilyDetail) else record.version


def _value(raw: Any) -> Any:
    if isinstance(raw, str) and raw.startswith("date:"):
        return dt.date.fromisoformat(raw[5:])
    return raw


def _set(record: Any, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    target = record
    for part in parents:
        target = target[int(part)] if part.isdigit() else getattr(target, part)
    setattr(target, last, value)


def main(url: str) -> None:
    db = Database.open(url)
    ctx = ServiceContext(db, OTHER)
    form: Any = None
    kind = ""
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        cmd = json.loads(line)
        op = cmd["op"]
        if op == "load":
            kind = cmd["kind"]
            form = KINDS[kind][0](ctx, cmd["id"])
            answer: dict[str, Any] = {"version": version_of(form)}
        elif op == "set":
            _set(form, cmd["path"], _value(cmd["value"]))
            answer = {"done": True}
        elif op == "add_child":
            form.children.append(r.Child(first_name=cmd["first_name"], last_name="Worker"))
            answer = {"done": True}
        elif op == "save":
            try:
                saved = KINDS[kind][1](ctx, form)
                answer = {"saved": True, "version": version_of(saved)}
            except StaleEditError as exc:
                answer = {"stale": True, "message": str(exc), "changed_by": exc.changed_by}
        elif op == "quit":
            break
        else:
            answer = {"error": op}
        print(json.dumps(answer), flush=True)
    db.dispose()


if __name__ == "__main__":
    main(sys.argv[1])
