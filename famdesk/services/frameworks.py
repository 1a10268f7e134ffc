"""Developmental frameworks as data: the Head Start ELOF ships built in, a program can load its own.

A framework is a JSON file (see ``resources/frameworks/head_start_elof.json``): domains, each with
sub-domains and the ages they apply to. Loading a file whose ``key`` already exists updates names and
adds new domains or sub-domains in place, so observations tagged earlier keep their tags.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain import observations as o
from famdesk.domain.errors import NotFoundError, ValidationError
from famdesk.domain.roles import Action, Kind
from famdesk.i18n import _
from famdesk.services.context import ServiceContext
from famdesk.services.door import internal, operation, pure

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
BUILTIN_FRAMEWORK = RESOURCES / "frameworks" / "head_start_elof.json"
BUILTIN_KEY = "head_start_elof"
ACTIVE_SETTING = "observations.framework"


@pure("checks a document")
def parse_framework(data: Any) -> o.Framework:
    """Check a framework document and turn it into a record; every problem is named."""
    problems: list[str] = []

    def text(obj: Any, key: str, where: str, required: bool = True) -> str:
        value = obj.get(key, "") if isinstance(obj, dict) else ""
        if not isinstance(value, str) or (required and not value.strip()):
            problems.append(_("{where}: “{key}” must be a non-empty text.").format(where=where, key=key))
            return ""
        return value.strip()

    if not isinstance(data, dict):
        raise ValidationError(
            _("A framework file must hold one JSON object with “key”, “name” and “domains”.")
        )
    fw = o.Framework(
        key=text(data, "key", _("framework")),
        name=text(data, "name", _("framework")),
        short_name=text(data, "short_name", _("framework"), False),
        version=text(data, "version", _("framework"), False),
        source=text(data, "source", _("framework"), False),
    )
    domains = data.get("domains")
    if not isinstance(domains, list) or not domains:
        problems.append(_("framework: “domains” must be a non-empty list."))
        domains = []
    seen: set[str] = set()
    for i, d in enumerate(domains):
        where = _("domain {n}").format(n=i + 1)
        dom = o.Domain(key=text(d, "key", where), name=text(d, "name", where))
        if dom.key in seen:
            problems.append(_("{where}: the key “{key}” is used twice.").format(where=where, key=dom.key))
        seen.add(dom.key)
        age_names = d.get("age_names", {}) if isinstance(d, dict) else {}
        dom.age_names = {str(k): str(v) for k, v in age_names.items()} if isinstance(age_names, dict) else {}
        sub_keys: set[str] = set()
        for j, sd in enumerate(d.get("subdomains", []) if isinstance(d, dict) else []):
            swhere = _("{domain}, sub-domain {n}").format(domain=dom.name or where, n=j + 1)
            ages = sd.get("ages", []) if isinstance(sd, dict) else []
            sub = o.Subdomain(
                key=text(sd, "key", swhere),
                name=text(sd, "name", swhere),
                ages=[str(a) for a in ages] if isinstance(ages, list) else [],
                group=text(sd, "group", swhere, False),
            )
            if sub.key in sub_keys:
                problems.append(
                    _("{where}: the key “{key}” is used twice.").format(where=swhere, key=sub.key)
                )
            sub_keys.add(sub.key)
            dom.subdomains.append(sub)
        fw.domains.append(dom)
    if problems:
        raise ValidationError("\n".join(problems), "file")
    return fw


@pure("reads a file the user chose, not stored data")
def read_framework_file(path: str | Path) -> o.Framework:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValidationError(
            _("The framework file cannot be read: {detail}").format(detail=exc.strerror), "file"
        ) from None
    except json.JSONDecodeError as exc:
        raise ValidationError(
            _("The framework file is not valid JSON (line {line}).").format(line=exc.lineno), "file"
        ) from None
    return parse_framework(data)


@internal("writes inside the caller's transaction")
def store_framework(s: Session, fw: o.Framework) -> m.Framework:
    """Insert or update ``fw`` by key inside the caller's transaction (nothing is ever deleted)."""
    row = s.scalar(select(m.Framework).where(m.Framework.key == fw.key))
    if row is None:
        row = m.Framework(key=fw.key, name=fw.name)
        s.add(row)
    row.name, row.short_name, row.version, row.source = fw.name, fw.short_name, fw.version, fw.source
    by_key = {d.key: d for d in row.domains}
    for pos, dom in enumerate(fw.domains):
        drow = by_key.get(dom.key)
        if drow is None:
            drow = m.FrameworkDomain(key=dom.key, name=dom.name)
            row.domains.append(drow)
        drow.name, drow.age_names, drow.position = dom.name, dict(dom.age_names), pos
        sub_by_key = {x.key: x for x in drow.subdomains}
        for spos, sub in enumerate(dom.subdomains):
            srow = sub_by_key.get(sub.key)
            if srow is None:
                srow = m.FrameworkSubdomain(key=sub.key, name=sub.name)
                drow.subdomains.append(srow)
            srow.name, srow.ages, srow.group_name, srow.position = sub.name, list(sub.ages), sub.group, spos
    s.flush()
    return row


@operation(Kind.FRAMEWORK, Action.WRITE)
def load_framework(ctx: ServiceContext, path: str | Path, activate: bool = False) -> o.Framework:
    """`famdesk observations load-framework FILE`: add or update a framework from a JSON file."""
    fw = read_framework_file(path)
    with ctx.db.transaction() as s:
        row = store_framework(s, fw)
        if activate:
            s.merge(m.Setting(key=ACTIVE_SETTING, value=row.key))
        return framework_record(row)


_BUILTIN = select(m.Framework.id).where(m.Framework.key == BUILTIN_KEY)


@internal("loads the built-in framework for an operation that reads or writes notes")
def ensure_builtin(ctx: ServiceContext) -> None:
    """Load the Head Start ELOF the first time observations are used (one transaction, idempotent).

    Part of whichever operation needs it (reading the framework is everyone's): the built-in is
    program data famdesk ships, not anyone's change."""
    with ctx.db.read() as s:
        if s.scalar(_BUILTIN) is not None:
            return
    with getattr(ctx.db, "inner", ctx.db).transaction() as s:  # not the operation's own audited change
        ensure_builtin_in(s)


@internal("loads the built-in framework inside the caller's write transaction")
def ensure_builtin_in(s: Session) -> None:
    if s.scalar(_BUILTIN) is None:
        store_framework(s, read_framework_file(BUILTIN_FRAMEWORK))


@internal("turns a row of the caller's session into a record")
def framework_record(row: m.Framework) -> o.Framework:
    return o.Framework(
        key=row.key,
        name=row.name,
        short_name=row.short_name,
        version=row.version,
        source=row.source,
        id=row.id,
        domains=[
            o.Domain(
                key=d.key,
                name=d.name,
                age_names=dict(d.age_names or {}),
                framework_id=row.id,
                id=d.id,
                subdomains=[
                    o.Subdomain(
                        key=x.key,
                        name=x.name,
                        ages=list(x.ages or []),
                        group=x.group_name,
                        domain_id=d.id,
                        id=x.id,
                    )
                    for x in d.subdomains
                ],
            )
            for d in row.domains
        ],
    )


@internal("reads inside the caller's session")
def active_framework_row(s: Session) -> m.Framework | None:
    setting = s.get(m.Setting, ACTIVE_SETTING)
    if setting is not None:
        row = s.scalar(select(m.Framework).where(m.Framework.key == setting.value))
        if row is not None:
            return row
    return s.scalar(select(m.Framework).where(m.Framework.key == BUILTIN_KEY)) or s.scalar(
        select(m.Framework).order_by(m.Framework.id)
    )


@operation(Kind.FRAMEWORK, Action.READ)
def active_framework(ctx: ServiceContext) -> o.Framework:
    """The framework new observations are tagged with (the ELOF unless the program chose another)."""
    ensure_builtin(ctx)
    with ctx.db.read() as s:
        row = active_framework_row(s)
        if row is None:
            raise NotFoundError(_("No developmental framework is loaded."))
        return framework_record(row)


@operation(Kind.FRAMEWORK, Action.READ)
def list_frameworks(ctx: ServiceContext) -> list[o.Framework]:
    ensure_builtin(ctx)
    with ctx.db.read() as s:
        return [framework_record(x) for x in s.scalars(select(m.Framework).order_by(m.Framework.name))]


@operation(Kind.FRAMEWORK, Action.WRITE)
def set_active_framework(ctx: ServiceContext, key: str) -> None:
    with ctx.db.transaction() as s:
        if s.scalar(select(m.Framework.id).where(m.Framework.key == key)) is None:
            raise NotFoundError(_("There is no framework “{key}”; load its file first.").format(key=key))
        s.merge(m.Setting(key=ACTIVE_SETTING, value=key))
