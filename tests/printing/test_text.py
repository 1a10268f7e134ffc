"""The text engine: bidi word order, CJK line-start rules, NFC, font fallback."""

from __future__ import annotations

import re

from reportlab.pdfgen.canvas import Canvas

from famdesk.printing.fonts import missing_glyphs, split_runs
from famdesk.printing.shaping import reorder
from famdesk.printing.text import NO_LINE_START, Style, TextLayout, ltr


def _draw(text: str, width: float, *, lang: str, rtl: bool) -> tuple[TextLayout, str]:
    import io

    canv = Canvas(io.BytesIO())
    layout = TextLayout(text, Style(size=12), language=lang, rtl=rtl)
    layout.wrap(width)
    layout.draw(canv, 0, 800, width)
    return layout, "\n".join(canv._code)


def _spans(stream: str) -> list[tuple[str, float, float]]:
    """(ActualText, x, y) of each shaped piece, read from the content stream."""
    out = []
    pattern = r"/Span <</ActualText <FEFF([0-9A-F]*)>>> BDC\n(?:.*Tf\n)?1 0 0 1 ([\d.-]+) ([\d.-]+) Tm"
    for m in re.finditer(pattern, stream):
        text = bytes.fromhex(m.group(1)).decode("utf-16-be")
        if text.strip():
            out.append((text, float(m.group(2)), float(m.group(3))))
    return out


def test_arabic_words_run_right_to_left_on_every_wrapped_line():
    words = ["نحن", "سعداء", "جدًا", "بانضمام", "طفلكم", "إلينا", "اليوم", "صباحًا", "مرحبًا", "بكم"]
    layout, stream = _draw(" ".join(words * 3), 160, lang="ar", rtl=True)
    assert len(layout.lines) >= 3
    spans = _spans(stream)
    lines: dict[float, list[tuple[str, float]]] = {}
    for text, x, y in spans:
        lines.setdefault(y, []).append((text, x))
    logical = [w for line_y in sorted(lines, reverse=True)
               for w, _x in sorted(lines[line_y], key=lambda p: -p[1])]  # right to left
    assert logical == words * 3
    for items in lines.values():  # right-aligned: the first word ends at the right margin
        assert max(x for _w, x in items) > 100


def test_numbers_and_latin_stay_left_to_right_inside_arabic():
    layout, stream = _draw("اتصلوا على " + ltr("(555) 123-4567") + " اليوم 2025", 400, lang="ar", rtl=True)
    line = layout.lines[0]
    texts = [p.text for p in line.pieces]
    order = reorder([p.level for p in line.pieces])
    visual = "".join(texts[i] for i in order)
    assert "(555) 123-4567" in visual and "2025" in visual
    assert visual.index("2025") < visual.index("(555)")  # "اليوم 2025" is left of the phone (RTL)


def test_bold_span_keeps_arabic_order():
    _layout, stream = _draw("نحن <b>سعداء</b> جدًا", 400, lang="ar", rtl=True)
    spans = sorted(_spans(stream), key=lambda s: -s[1])
    assert [s[0] for s in spans] == ["نحن", "سعداء", "جدًا"]


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
