"""``famdesk print …`` as a user runs it: real processes, PDFs read back with pypdf."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.cli.test_cli import famdesk


def _text(path) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_print_welcome_packets_and_handouts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    assert famdesk("demo", "--families", "8", data_dir=data).returncode == 0

    listing = famdesk("print", "handout", "--list", data_dir=data)
    assert listing.returncode == 0, listing.stderr
    assert "welcome_letter" in listing.stdout and "note_frame" in listing.stdout
    assert "es: translated" in listing.stdout and "en: reviewed" in listing.stdout

    out = famdesk("print", "welcome-packet", "--all", "-o", str(tmp_path / "all.pdf"), data_dir=data)
    assert out.returncode == 0, out.stderr
    assert "8 welcome packet(s)" in out.stdout
    assert len(PdfReader(tmp_path / "all.pdf").pages) >= 16

    per = famdesk("print", "welcome-packet", "--all", "--one-file-per-family", "--lang", "es",
                  "-o", str(tmp_path / "per"), data_dir=data)
    assert per.returncode == 0, per.stderr
    files = sorted((tmp_path / "per").glob("*.pdf"))
    assert len(files) == 8 and all(f.name.endswith("-es.pdf") for f in files)
    assert "Bienvenidos" in _text(files[0])

    one = famdesk("print", "welcome-packet", "--family", "1", "--lang", "fr", "-o", str(tmp_path / "one.pdf"),
                  data_dir=data)
    assert one.returncode == 0 and "Bienvenue" in _text(tmp_path / "one.pdf")

    ho = famdesk("print", "handout", "what_to_bring", "--lang", "ru", "-o", str(tmp_path / "ru.pdf"), data_dir=data)
    assert ho.returncode == 0, ho.stderr
    assert "Что принести" in _text(tmp_path / "ru.pdf")


def test_print_usage_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    assert famdesk("print", "welcome-packet", "-o", "x.pdf", data_dir=data).returncode == 2  # no selection
    assert famdesk("print", "welcome-packet", "--all", "--family", "1", "-o", "x.pdf", data_dir=data).returncode == 2
    bad = famdesk("print", "handout", "nope", "--lang", "es", "-o", str(tmp_path / "x.pdf"), data_dir=data)
    assert bad.returncode == 1 and "nope" in bad.stderr
    missing = famdesk("print", "welcome-packet", "--family", "99", "-o", str(tmp_path / "x.pdf"), data_dir=data)
    assert missing.returncode == 1


def test_other_areas_can_add_print_subcommands(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from famdesk.cli import build_parser, printing

    def add(print_sub) -> None:  # type: ignore[no-untyped-def]
        p = print_sub.add_parser("visit-letter")
        p.add_argument("-o", "--output", required=True)
        p.set_defaults(handler=lambda args, opened: 0)

    monkeypatch.setattr(printing, "PRINT_COMMANDS", [add])
    args = build_parser().parse_args(["print", "visit-letter", "-o", "x.pdf"])
    assert args.output == "x.pdf" and args.handler(args, None) == 0
