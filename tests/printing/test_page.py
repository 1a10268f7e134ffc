"""Page templates: paper size, metadata, repeatable output."""

from __future__ import annotations

import io
import subprocess
import sys

from pypdf import PdfReader

from famdesk.domain.printables import ProgramInfo, WelcomePacket
from famdesk.printing.blocks import Heading, Para
from famdesk.printing.documents import welcome_packet
from famdesk.printing.page import PageSpec, render_pdf, resolve_paper

from .conftest import FAMILY_NAME, family


def _size(pdf: bytes) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def test_paper_from_country_or_setting():
    blocks = [Heading("Hello"), Para("World")]
    assert _size(render_pdf(blocks, PageSpec(country="US"))) == (612, 792)
    assert _size(render_pdf(blocks, PageSpec(country="FR"))) == (595, 842)
    assert _size(render_pdf(blocks, PageSpec(country="US", paper="a4"))) == (595, 842)
    assert resolve_paper(None, None) == "letter"


def test_metadata_has_title_author_lang_and_no_family_name():
    program = ProgramInfo("Sunny Days Preschool")
    pdf = welcome_packet.build(WelcomePacket(program, family("es")))
    reader = PdfReader(io.BytesIO(pdf))
    meta = reader.metadata
    assert meta.title == "Carta de bienvenida"
    assert meta.author == "Sunny Days Preschool"
    assert reader.trailer["/Root"]["/Lang"] == "es"
    raw_meta = repr(dict(meta)) + repr(dict(reader.trailer["/Root"]))
    assert FAMILY_NAME not in raw_meta
    assert FAMILY_NAME.encode() not in pdf  # not as plain text anywhere either (body text is encoded)


def test_invariant_output_is_repeatable():
    program = ProgramInfo("Sunny Days Preschool")
    data = WelcomePacket(program, family("ar"))
    a = welcome_packet.build_result(data, invariant=True).pdf
    b = welcome_packet.build_result(data, invariant=True).pdf
    assert a == b


def test_footer_says_page_x_of_y_in_the_language():
    from .conftest import text_of

    pdf = welcome_packet.build(WelcomePacket(ProgramInfo("P"), family("fr")))
    assert "Page 1 sur 3" in text_of(pdf)


def test_printing_never_imports_qt():
    code = ("import sys, famdesk.printing.documents.welcome_packet, famdesk.printing.catalogs;"
            "assert 'PySide6' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
