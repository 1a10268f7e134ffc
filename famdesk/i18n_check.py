"""Checks on translation catalogs: they compile, and every translation keeps its {placeholders}.

A translation that drops or renames a placeholder would crash ``.format()`` or silently lose a name
or a date on a family's handout; this catches it before a release.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from famdesk.i18n import compile_catalog, translations_dir

_PLACEHOLDER = re.compile(r"\{([a-zA-Z_][a-zA-Z0-9_]*)(?:[!:][^{}]*)?\}")


@dataclass
class CatalogProblem:
    catalog: Path
    msgid: str
    problem: str

    def __str__(self) -> str:
        return f"{self.catalog}: {self.msgid!r}: {self.problem}"


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def check_catalog(po_path: Path) -> list[CatalogProblem]:
    problems: list[CatalogProblem] = []
    try:
        with po_path.open("rb") as fh:
            catalog = read_po(fh, abort_invalid=True)  # strict here; the app itself reads leniently
        compile_catalog(po_path)
    except Exception as exc:  # noqa: BLE001 - any failure to compile is the finding
        return [CatalogProblem(po_path, "", f"does not compile: {exc}")]
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(placeholders(i) for i in ids))
        for text in strings:
            if text and placeholders(text) != wanted:
                missing = sorted(wanted - placeholders(text))
                extra = sorted(placeholders(text) - wanted)
                detail = ", ".join([*(f"missing {{{m}}}" for m in missing), *(f"unknown {{{e}}}" for e in extra)])
                problems.append(CatalogProblem(po_path, ids[0], detail))
    return problems


def all_catalogs() -> list[Path]:
    return sorted(translations_dir().glob("*/LC_MESSAGES/*.po"))


def check_all() -> list[CatalogProblem]:
    return [p for path in all_catalogs() for p in check_catalog(path)]
