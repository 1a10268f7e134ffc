"""The text engine: bidi word order, CJK line-start rules, NFC, font fallback."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from famdesk.printing.fonts import missing_glyphs, split_runs
from famdesk.printing.shaping import reorder
from famdesk.printing.text import NO_LINE_START, Style, TextLayout, ltr


def _draw(text: str, width: float, *, lang: str, rtl: bool) -> tuple[TextLayout, bytes]:
    import io

    buf = io.BytesIO()
    canv = Canvas(buf)
    layout = TextLayout(text, Style(size=12), language=lang, rtl=rtl)
    layout.wrap(width)
    layout.draw(canv, 0, 800, width)
    canv.showPage()
    canv.save()
    return layout, buf.getvalue()


def _poppler(pdf: bytes, *args: str) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", *args, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def _poppler_lines(pdf: bytes) -> list[list[str]]:
    """The words of each line as poppler's pdftotext reads them (the extractor of most Linux desktops,
    also behind their search and copy), without the embedding marks it adds around right-to-left lines."""
    text = re.sub("[\u202a-\u202e\u200e\u200f]", "", _poppler(pdf))
    return [line.split() for line in text.splitlines() if line.strip()]


def test_arabic_words_run_right_to_left_on_every_wrapped_line():
    # GIVEN an Arabic paragraph wrapped on several lines WHEN poppler extracts it THEN every word comes out
    # whole and in reading order (it reverses the visual order of the glyphs, as for any RTL PDF)
    words = ["نحن", "سعداء", "بانضمام", "طفلكم", "إلينا", "اليوم", "في", "الصف", "الجديد", "بكم"]
    layout, pdf = _draw(" ".join(words * 3), 160, lang="ar", rtl=True)
    assert len(layout.lines) >= 3
    lines = _poppler_lines(pdf)
    assert len(lines) == len(layout.lines)
    assert [w for line in lines for w in line] == words * 3
    # right-aligned: on every line the first word (rightmost) ends at the right margin
    boxes = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)"', _poppler(pdf, "-bbox"))
    right_ends: dict[str, float] = {}
    for y, x_max in boxes:
        right_ends[y] = max(right_ends.get(y, 0.0), float(x_max))
    assert len(right_ends) == len(lines) and all(x > 150 for x in right_ends.values())


def test_arabic_marks_stay_with_their_words():
    # harakat and tanween: pypdf reads the exact text; poppler keeps each word whole, but puts a mark
    # before its letter instead of after it (see famdesk/printing/README.md, "Text extraction")
    words = ["جدًا", "صباحًا", "مُعَلِّمَة", "مرحبًا"]
    _layout, pdf = _draw(" ".join(words), 400, lang="ar", rtl=True)
    assert PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split() == words

    def bare(w: str) -> str:
        return re.sub("[\u064b-\u0652]", "", w)

    assert [bare(w) for line in _poppler_lines(pdf) for w in line] == [bare(w) for w in words]


def test_numbers_and_latin_stay_left_to_right_inside_arabic():
    layout, _pdf = _draw("اتصلوا على " + ltr("(555) 123-4567") + " اليوم 2025", 400, lang="ar", rtl=True)
    line = layout.lines[0]
    texts = [p.text for p in line.pieces]
    order = reorder([p.level for p in line.pieces])
    visual = "".join(texts[i] for i in order)
    assert "(555) 123-4567" in visual and "2025" in visual
    assert visual.index("2025") < visual.index("(555)")  # "اليوم 2025" is left of the phone (RTL)


def test_bold_span_keeps_arabic_order():
    _layout, pdf = _draw("نحن <b>سعداء</b> معكم", 400, lang="ar", rtl=True)
    assert _poppler_lines(pdf) == [["نحن", "سعداء", "معكم"]]


def test_cjk_lines_never_start_with_closing_punctuation():
    text = "我们非常高兴您的孩子加入我们，您最了解自己的孩子。" * 6
    for width in range(60, 200, 7):
        layout = TextLayout(text, Style(size=10), language="zh")
        for line in layout.wrap(width)[1:]:
            assert line.pieces[0].text[0] not in NO_LINE_START, width


def test_vietnamese_is_nfc_and_drawn_with_noto_sans():
    decomposed = "Vie\u0302\u0323t Nam"
    layout = TextLayout(decomposed, Style(), language="vi")
    assert layout.text == "Việt Nam"
    assert {r.family for r in split_runs(layout.text, "vi")} == {"latin"}


def test_font_fallback_per_run_and_nothing_missing():
    runs = split_runs("مرحبًا Sunny 8:30 ‎(٢٥) – 中文 한국 नमस्ते", "ar")
    fams = [r.family for r in runs]
    assert "arabic" in fams and "sc" in fams and "kr" in fams and "devanagari" in fams
    assert missing_glyphs("23\u202fnovembre – «bonjour» ½ № ", "fr") == []
    assert missing_glyphs("\U0001F600", "en") == ["\U0001F600"]  # emoji: reported, not silently dropped


def test_devanagari_conjuncts_shape_to_fewer_glyphs():
    from famdesk.printing.shaping import shape

    word = "क्षमा"
    shaped = shape(word, "devanagari", False, False)
    assert len(shaped.glyphs) < len(word)
    assert all(g.gid != 0 for g in shaped.glyphs)
