"""`famdesk observations load-framework` in a real process on a real data folder."""

from __future__ import annotations

import json

from tests.cli.test_cli import famdesk


def test_load_framework_and_list(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "drdp.json"
    path.write_text(
        json.dumps(
            {
                "key": "drdp_demo",
                "name": "DRDP (sample)",
                "domains": [
                    {
                        "key": "atl_reg",
                        "name": "Approaches to Learning–Self-Regulation",
                        "subdomains": [{"key": "atl1", "name": "Attention Maintenance"}],
                    },
                    {"key": "lld", "name": "Language and Literacy Development", "subdomains": []},
                ],
            }
        ),
        encoding="utf-8",
    )
    out = famdesk("observations", "load-framework", str(path), "--activate", data_dir=tmp_path / "d")
    assert out.returncode == 0, out.stderr
    assert "2 domains, 1 sub-domains" in out.stdout
    listed = famdesk("observations", "frameworks", data_dir=tmp_path / "d")
    assert "* drdp_demo" in listed.stdout and "  head_start_elof" in listed.stdout
    bad = famdesk("observations", "load-framework", str(tmp_path / "missing.json"), data_dir=tmp_path / "d")
    assert bad.returncode == 1 and "cannot be read" in bad.stderr


def test_print_take_home_notes_for_a_classroom(tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "d"
    assert famdesk("demo", "--families", "20", data_dir=data).returncode == 0
    out = famdesk(
        "print",
        "take-home-notes",
        "--classroom",
        "1",
        "--since",
        "2000-01-01",
        "-o",
        str(tmp_path / "notes.pdf"),
        data_dir=data,
    )
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "notes.pdf").read_bytes().startswith(b"%PDF")
    assert "page(s)" in out.stdout
    usage = famdesk(
        "print",
        "take-home-notes",
        "--child",
        "1",
        "--all",
        "--since",
        "2026-01-01",
        "-o",
        "x.pdf",
        data_dir=data,
    )
    assert usage.returncode == 2


def test_reindex_rebuilds_the_search_index(tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "d"
    assert famdesk("demo", "--families", "8", data_dir=data).returncode == 0
    out = famdesk("observations", "reindex", data_dir=data)
    assert out.returncode == 0, out.stderr
    assert "Search index rebuilt:" in out.stdout
    assert famdesk("check", data_dir=data).returncode == 0
