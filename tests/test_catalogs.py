"""Every catalog compiles and keeps the {placeholders} of its English strings."""

from __future__ import annotations

from pathlib import Path

from famdesk.i18n_check import all_catalogs, check_all, check_catalog

BROKEN = '''
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"
"Language: es\\n"

msgid "{n} families"
msgstr "{count} familias"

msgid "Dear {family} family,"
msgstr "Querida familia,"

msgid "Hello"
msgstr "Hola"
'''


def test_catalogs_exist() -> None:
    assert all_catalogs(), "no catalogs found"


def test_every_catalog_compiles_and_keeps_placeholders() -> None:
    problems = check_all()
    assert not problems, "\n".join(map(str, problems))


def test_a_dropped_placeholder_is_caught(tmp_path: Path) -> None:
    po = tmp_path / "broken.po"
    po.write_text(BROKEN, encoding="utf-8")
    problems = check_catalog(po)
    assert {p.msgid for p in problems} == {"{n} families", "Dear {family} family,"}
    assert any("missing {n}" in str(p) and "unknown {count}" in str(p) for p in problems)


def test_a_catalog_that_does_not_compile_is_caught(tmp_path: Path) -> None:
    po = tmp_path / "garbage.po"
    po.write_text('msgid "a"\nmsgid "b"\nmsgstr "c"\nnonsense here\n', encoding="utf-8")
    assert check_catalog(po)
