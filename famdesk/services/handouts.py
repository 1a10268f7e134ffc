"""The handout library: built-in handouts (code + ``handouts`` catalogs) and director-written ones.

Built-ins are read-only here (their translations live in ``translations/<lang>/LC_MESSAGES/handouts.po``);
custom handouts have one version per language, each draft or reviewed by a fluent speaker.  The
program's welcome packet is an ordered list of handout keys kept in a setting.
"""

from __future__ import annotations

import datetime as dt
import functools

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from famdesk.db import models as m
from famdesk.domain.errors import NotFoundError, PermissionDenied, ValidationError
from famdesk.domain.handouts import Handout, HandoutStatus, HandoutVersion, LanguageStatus, ReviewState
from famdesk.domain.languages import print_language_codes
from famdesk.domain.printables import (
    DEFAULT_PACKET,
    ChildLine,
    ContactLine,
    EventLine,
    FamilyPacket,
    HandoutText,
    ProgramInfo,
)
from famdesk.domain.roles import Action, Kind
from famdesk.formatting import ui_number
from famdesk.i18n import _, normalize_language
from famdesk.services import door
from famdesk.services import versions as record_versions
from famdesk.services.context import ServiceContext
from famdesk.services.door import internal, operation, pure
from famdesk.services.validation import Problems

PACKET_SETTING = "handouts.welcome_packet"
# The 7 built-in handouts of the library (printing.handouts.HANDOUTS without the family page, which is part
# of every packet); spelled out so opening the window does not import ReportLab (a test keeps them equal).
BUILTIN_KEYS: tuple[str, ...] = ("welcome_letter", "program_info", "contact_us", "what_to_bring", "events",
                                 "home_visits", "note_frame")
MAX_TITLE = 200


# ---------------------------------------------------------------- reading
def _version_record(v: m.HandoutVersion) -> HandoutVersion:
    return HandoutVersion(v.language, v.title, v.body, v.review_state, v.reviewed_by, v.reviewed_on)


def _custom_record(row: m.CustomHandout) -> Handout:
    versions = {v.language: _version_record(v) for v in row.versions}
    source = versions.get(row.source_language) or next(iter(versions.values()), None)
    return Handout(row.key, source.title if source else row.key, False, row.source_language, versions, row.id,
                   **record_versions.fields(row))


def _builtin_record(key: str) -> Handout:
    from famdesk.printing.handouts import HANDOUTS

    return Handout(key, _(HANDOUTS[key][0]), builtin=True)


def _load_custom(s: Session, key: str) -> m.CustomHandout:
    row = s.scalars(select(m.CustomHandout).where(m.CustomHandout.key == key)
                    .options(selectinload(m.CustomHandout.versions))).first()
    if row is None:
        raise NotFoundError(_("There is no handout called “{name}” in the library.").format(name=key))
    return row


@operation(Kind.HANDOUT, Action.READ)
def list_handouts(ctx: ServiceContext) -> list[Handout]:
    """Built-ins first (library order), then the director's handouts by creation."""
    with ctx.db.read() as s:
        rows = s.scalars(select(m.CustomHandout).options(selectinload(m.CustomHandout.versions))
                         .order_by(m.CustomHandout.id)).all()
        return [_builtin_record(k) for k in BUILTIN_KEYS] + [_custom_record(r) for r in rows]


@operation(Kind.HANDOUT, Action.READ)
def get_handout(ctx: ServiceContext, key: str) -> Handout:
    if key in BUILTIN_KEYS:
        return _builtin_record(key)
    with ctx.db.read() as s:
        return _custom_record(_load_custom(s, key))


@pure("a list in the code")
def is_builtin(key: str) -> bool:
    return key in BUILTIN_KEYS


# ---------------------------------------------------------------- writing
def _check_version(problems: Problems, v: HandoutVersion) -> None:
    v.language = normalize_language(v.language)
    if v.language not in print_language_codes():
        problems.add("language", _("famdesk cannot print in “{code}” yet.").format(code=v.language))
    v.title = (v.title or "").strip()
    v.body = (v.body or "").replace("\r\n", "\n").strip()
    if not v.title:
        problems.add("title", _("Give the handout a title in this language."))
    elif len(v.title) > MAX_TITLE:
        problems.add("title", _("Keep the title under {n} characters.").format(n=ui_number(MAX_TITLE)))
    if not v.body:
        problems.add("body", _("The handout has no text in this language."))


@operation(Kind.HANDOUT, Action.WRITE)
def create_handout(ctx: ServiceContext, version: HandoutVersion) -> Handout:
    """A new director-written handout with its first (source) language version."""
    problems = Problems()
    _check_version(problems, version)
    problems.raise_if_any()
    with ctx.db.transaction() as s:
        row = m.CustomHandout(key=f"tmp-{dt.datetime.now().timestamp()}", source_language=version.language)
        record_versions.stamp_new(row, ctx.actor)
        s.add(row)
        s.flush()
        row.key = f"custom-{row.id}"
        row.versions.append(_new_version_row(version))
        s.flush()
        door.set_record(row.id)
        return _custom_record(row)


def _new_version_row(v: HandoutVersion) -> m.HandoutVersion:
    return m.HandoutVersion(language=v.language, title=v.title, body=v.body, review_state=ReviewState.DRAFT,
                            reviewed_by="", reviewed_on=None)


def _refuse_builtin(key: str) -> None:
    if key in BUILTIN_KEYS:
        raise PermissionDenied(_("Built-in handouts cannot be edited here; their translations come with "
                                 "famdesk. Write your own handout instead."))


@operation(Kind.HANDOUT, Action.WRITE)
def save_version(ctx: ServiceContext, key: str, version: HandoutVersion, *,
                 seen: int | None = None) -> Handout:
    """Add or replace one language version. Changed text goes back to draft: it needs a new review.

    ``seen`` is the handout's ``version`` when the form was opened: a save after someone else's change
    is refused (StaleEditError); None = unchecked."""
    _refuse_builtin(key)
    problems = Problems()
    _check_version(problems, version)
    problems.raise_if_any()
    with ctx.db.transaction() as s:
        row = _load_custom(s, key)
        record_versions.check_and_bump(s, row, seen, ctx.actor)  # refuses a stale form
        existing = next((v for v in row.versions if v.language == version.language), None)
        if existing is None:
            row.versions.append(_new_version_row(version))
        elif (existing.title, existing.body) != (version.title, version.body):
            existing.title, existing.body = version.title, version.body
            existing.review_state, existing.reviewed_by, existing.reviewed_on = ReviewState.DRAFT, "", None
        s.flush()
        return _custom_record(row)


@operation(Kind.HANDOUT, Action.WRITE)
def delete_version(ctx: ServiceContext, key: str, language: str) -> Handout:
    _refuse_builtin(key)
    with ctx.db.transaction() as s:
        row = _load_custom(s, key)
        record_versions.bump(s, row, ctx.actor)
        if language == row.source_language:
            raise ValidationError(_("This is the handout's original language; delete the handout instead."),
                                  "language")
        row.versions = [v for v in row.versions if v.language != language]
        s.flush()
        return _custom_record(row)


@operation(Kind.HANDOUT, Action.ERASE, changes=[str(Kind.PACKET)])
def delete_handout(ctx: ServiceContext, key: str) -> None:
    """Delete a director-written handout (and take it out of the welcome packet)."""
    _refuse_builtin(key)
    with ctx.db.transaction() as s:
        row = _load_custom(s, key)
        door.set_record(row.id)
        s.delete(row)
        _store_packet(s, [k for k in _packet(s) if k != key])


@operation(Kind.HANDOUT, Action.WRITE)
def set_review(ctx: ServiceContext, key: str, language: str, reviewed: bool, reviewer: str = "",
               on: dt.date | None = None) -> Handout:
    """Mark a language version reviewed by a fluent speaker (name required) or back to draft."""
    _refuse_builtin(key)
    reviewer = reviewer.strip()
    if reviewed and not reviewer:
        raise ValidationError(_("Enter the name of the fluent speaker who reviewed this translation."),
                              "reviewed_by")
    with ctx.db.transaction() as s:
        row = _load_custom(s, key)
        record_versions.bump(s, row, ctx.actor)
        v = next((v for v in row.versions if v.language == normalize_language(language)), None)
        if v is None:
            raise NotFoundError(_("This handout has no version in that language yet."))
        if reviewed:
            v.review_state, v.reviewed_by, v.reviewed_on = ReviewState.REVIEWED, reviewer, on or dt.date.today()
        else:
            v.review_state, v.reviewed_by, v.reviewed_on = ReviewState.DRAFT, "", None
        s.flush()
        return _custom_record(row)


# ---------------------------------------------------------------- status
_SAMPLE_PROGRAM = ProgramInfo("P", "A", "1", "e@x")
_SAMPLE_FAMILY = FamilyPacket("F", children=(ChildLine("C", "R", "T"),), contacts=(ContactLine("R", "N", "1"),),
                              upcoming_events=(EventLine(dt.date(2026, 1, 1), "E", dt.time(9)),))


@pure("the catalogs famdesk ships")
@functools.cache
def builtin_status() -> dict[str, dict[str, LanguageStatus]]:
    """Per built-in handout, per print language (catalogs ship with famdesk, so computed once)."""
    from famdesk.printing.catalogs import catalog_status
    from famdesk.printing.handouts import render_handout

    catalogs = catalog_status()
    out: dict[str, dict[str, LanguageStatus]] = {}
    for key in BUILTIN_KEYS:
        per: dict[str, LanguageStatus] = {}
        for lang in print_language_codes():
            if lang == "en":
                per[lang] = LanguageStatus.REVIEWED
                continue
            _used, _blocks, missing = render_handout(key, lang, _SAMPLE_PROGRAM, _SAMPLE_FAMILY)
            if missing:
                per[lang] = LanguageStatus.MISSING
            elif catalogs[lang].review_state == "reviewed":
                per[lang] = LanguageStatus.REVIEWED
            else:
                per[lang] = LanguageStatus.TRANSLATED
        out[key] = per
    return out


def _custom_status(h: Handout) -> dict[str, LanguageStatus]:
    out: dict[str, LanguageStatus] = {}
    for lang in print_language_codes():
        v = h.versions.get(lang)
        if v is None or not (v.title or v.body):
            out[lang] = LanguageStatus.MISSING
        elif v.review_state is ReviewState.REVIEWED:
            out[lang] = LanguageStatus.REVIEWED
        else:
            out[lang] = LanguageStatus.TRANSLATED
    return out


@operation(Kind.HANDOUT, Action.READ)
def handout_status(ctx: ServiceContext) -> list[HandoutStatus]:
    """Per handout, per print language: translated (unreviewed draft) / reviewed / missing."""
    built = builtin_status()
    out = []
    for h in list_handouts(ctx):
        langs = dict(built[h.key]) if h.builtin else _custom_status(h)
        out.append(HandoutStatus(h.key, h.title, h.builtin, langs))
    return out


# ---------------------------------------------------------------- welcome packet composition
def _packet(s: Session) -> list[str]:
    row = s.get(m.Setting, PACKET_SETTING)
    keys = list(row.value) if row is not None and isinstance(row.value, list) else list(DEFAULT_PACKET)
    custom = set(s.scalars(select(m.CustomHandout.key)))
    return [k for k in keys if k in BUILTIN_KEYS or k in custom]


def _store_packet(s: Session, keys: list[str]) -> None:
    row = s.get(m.Setting, PACKET_SETTING)
    if row is None:
        s.add(m.Setting(key=PACKET_SETTING, value=keys))
    else:
        row.value = keys


@operation(Kind.PACKET, Action.READ)
def packet_handouts(ctx: ServiceContext) -> list[str]:
    """The handouts in every welcome packet, in print order (the family page always comes last)."""
    with ctx.db.read() as s:
        return _packet(s)


@operation(Kind.PACKET, Action.WRITE)
def set_packet_handouts(ctx: ServiceContext, keys: list[str]) -> list[str]:
    """The packet's contents, in print order (a director's)."""
    if len(set(keys)) != len(keys):
        raise ValidationError(_("A handout is in the packet twice; keep one."), "handouts")
    with ctx.db.transaction() as s:
        custom = set(s.scalars(select(m.CustomHandout.key)))
        unknown = [k for k in keys if k not in BUILTIN_KEYS and k not in custom]
        if unknown:
            raise NotFoundError(_("There is no handout called “{name}” in the library.").format(name=unknown[0]))
        _store_packet(s, list(keys))
    return list(keys)


@operation(Kind.HANDOUT, Action.READ)
def custom_texts(ctx: ServiceContext, keys: list[str] | None = None) -> tuple[HandoutText, ...]:
    """Director-written handouts as printing input (all, or those in ``keys``)."""
    with ctx.db.read() as s:
        q = select(m.CustomHandout).options(selectinload(m.CustomHandout.versions))
        if keys is not None:
            q = q.where(m.CustomHandout.key.in_(keys))
        return tuple(HandoutText(r.key, {v.language: (v.title, v.body) for v in r.versions}, r.source_language)
                     for r in s.scalars(q))


# ---------------------------------------------------------------- per-family option
@operation(Kind.FAMILY, Action.READ, family=door.Arg("family_id"))
def english_copy(ctx: ServiceContext, family_id: int) -> bool:
    """Whether the family's packets carry the English version (a family's own print option)."""
    with ctx.db.read() as s:
        row = s.get(m.FamilyPrintOption, family_id)
        return bool(row and row.english_copy)


@operation(Kind.FAMILY, Action.WRITE, family=door.Arg("family_id"), record="family_id")
def set_english_copy(ctx: ServiceContext, family_id: int, wanted: bool) -> None:
    """Whether the family's packets carry the English version behind their own language."""
    with ctx.db.transaction() as s:
        if s.get(m.Family, family_id) is None:
            raise NotFoundError(_("That family is no longer in the directory."))
        row = s.get(m.FamilyPrintOption, family_id)
        if row is None:
            s.add(m.FamilyPrintOption(family_id=family_id, english_copy=wanted))
        else:
            row.english_copy = wanted


@internal("reads inside the caller's session")
def english_copy_ids(s: Session, family_ids: list[int]) -> set[int]:
    return set(s.scalars(select(m.FamilyPrintOption.family_id).where(
        m.FamilyPrintOption.family_id.in_(family_ids), m.FamilyPrintOption.english_copy.is_(True))))


