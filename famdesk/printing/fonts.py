"""Bundled fonts, script detection and font fallback per text run.

Why this module exists: ReportLab silently drops any character its font lacks, and no single Noto font
covers Latin, Arabic, Devanagari, Han and Hangul.  So every piece of text is split into runs, each run
gets the first font of a fallback chain that really has its glyphs, and :func:`missing_glyphs` lets
tests fail on anything that would be dropped.

Fonts are static Regular/Bold TrueType (``glyf``) instances of the Noto families shipped in
``resources/fonts`` (see its README).  They are registered with ReportLab lazily, once per process, under
a lock: the 10 MB CJK fonts are only parsed when a CJK character is first printed.

:class:`ShapingTTFont` extends ReportLab's ``TTFont`` so that shaped glyphs (Arabic joining forms,
Devanagari conjuncts, ligatures) can be drawn by glyph id while the PDF's ``ToUnicode`` map gives back
the *logical* characters they came from: copy/paste, search and screen readers read real text.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import uharfbuzz as hb
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"

# family key -> file stem; each has -Regular.ttf and -Bold.ttf
FAMILIES: dict[str, str] = {
    "latin": "NotoSans",          # Latin (incl. Vietnamese), Cyrillic, Greek, most punctuation
    "arabic": "NotoSansArabic",
    "devanagari": "NotoSansDevanagari",
    "sc": "NotoSansSC",           # Simplified Chinese (+ kana, Latin, full-width punctuation)
    "kr": "NotoSansKR",           # Hangul (+ Hanja)
}

# Characters some fonts lack that have a safe look-alike (Babel puts U+202F in French/Vietnamese dates).
SUBSTITUTES: dict[str, str] = {"\u202f": "\u00a0", "\u2007": "\u00a0", "\u2011": "-"}

_PUA_START = 0xF0000  # Supplementary Private Use Area-A: never used by our fonts' cmaps
_lock = threading.RLock()


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int], pua_text: dict[int, str]) -> str:
    """A ToUnicode CMap where shaped-glyph codes map back to the logical text of their cluster."""
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0",
        ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar",
    ]
    for i, code in enumerate(subset):
        text = pua_text.get(code, chr(code) if code else "")
        lines.append(f"<{i:02X}> <{_utf16_hex(text)}>")
    lines += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class ShapingTTFont(TTFont):
    """A ReportLab TTFont that can draw any glyph id and extract it as the text it stands for."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename, validate=0, asciiReadable=0, shapable=False)
        data = Path(filename).read_bytes()
        self.hb_face = hb.Face(data)
        self.upem = self.hb_face.upem
        self.hb_font = hb.Font(self.hb_face)  # scale = upem: positions come back in font units
        self.cmap: dict[int, int] = dict(self.face.charToGlyph)
        self._pua: dict[tuple[int, str], int] = {}
        self.pua_text: dict[int, str] = {}
        self._next_pua = _PUA_START
        self._glyph_lock = threading.Lock()
        self._blank: dict[int, bool] = {}

    def is_blank(self, gid: int) -> bool:
        """True for glyphs with no outline (shaping placeholders): nothing to draw."""
        blank = self._blank.get(gid)
        if blank is None:
            ext = self.hb_font.get_glyph_extents(gid)
            blank = self._blank[gid] = ext is None or (ext.width == 0 and ext.height == 0)
        return blank

    def has_char(self, ch: str) -> bool:
        return ord(ch) in self.cmap

    def code_for_glyph(self, gid: int, text: str) -> str:
        """The character to encode ``gid`` with so that it extracts as ``text``."""
        if len(text) == 1 and self.cmap.get(ord(text)) == gid:
            return text
        key = (gid, text)
        code = self._pua.get(key)
        if code is None:
            with self._glyph_lock:
                code = self._pua.get(key)
                if code is None:
                    code = self._next_pua
                    self._next_pua += 1
                    face = self.face
                    face.charToGlyph[code] = gid
                    face.glyphToChar.setdefault(gid, []).append(code)
                    adv = self.hb_font.get_glyph_h_advance(gid)
                    face.charWidths[code] = adv * 1000.0 / self.upem
                    self.pua_text[code] = text
                    self._pua[key] = code
        return chr(code)

    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:  # noqa: N802 - ReportLab's name
        """Same as TTFont.addObjects but with our ToUnicode map (see module docstring)."""
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            base = (b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))).decode("pdfdoc")
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {self.fontName} subset {n}"
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))
            cmap_stream = pdfdoc.PDFStream()
            cmap_stream.content = _to_unicode_cmap(base, subset, self.pua_text)
            if doc.compression:
                cmap_stream.filters = [pdfdoc.PDFZCompress]
            pdf_font.ToUnicode = doc.Reference(cmap_stream, "toUnicodeCMap:" + base)
            pdf_font.FontDescriptor = self.face.addSubsetObjects(doc, base, subset)
            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]


def font_name(family: str, bold: bool = False) -> str:
    return f"{FAMILIES[family]}-{'Bold' if bold else 'Regular'}"


def get_font(family: str, bold: bool = False) -> ShapingTTFont:
    """The registered font for ``family`` (registering it on first use; safe from any thread)."""
    name = font_name(family, bold)
    font = _registered.get(name)
    if font is None:
        with _lock:
            font = _registered.get(name)
            if font is None:
                font = ShapingTTFont(name, str(FONT_DIR / f"{name}.ttf"))
                pdfmetrics.registerFont(font)
                _registered[name] = font
    return font


_registered: dict[str, ShapingTTFont] = {}


@lru_cache(maxsize=1)
def _coverage() -> dict[str, frozenset[int]]:
    """Code points per family, read once from the Regular files' cmaps (cheap, no full parse)."""
    from fontTools.ttLib import TTFont as FTFont

    out = {}
    for key, stem in FAMILIES.items():
        with FTFont(str(FONT_DIR / f"{stem}-Regular.ttf"), lazy=True) as ft:
            out[key] = frozenset(ft.getBestCmap())
    return out


# ---------------------------------------------------------------- script detection


def script_of(ch: str) -> str:
    """A coarse script class: 'arabic', 'devanagari', 'han', 'hangul', 'kana', 'latin' or 'common'."""
    cp = ord(ch)
    if 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0x08A0 <= cp <= 0x08FF \
            or 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:
        return "arabic"
    if 0x0900 <= cp <= 0x097F or 0xA8E0 <= cp <= 0xA8FF:
        return "devanagari"
    if 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F:
        return "hangul"
    if 0x3040 <= cp <= 0x30FF:
        return "kana"
    if 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x2FFFF:
        return "han"
    if 0x3000 <= cp <= 0x303F or 0xFF00 <= cp <= 0xFFEF:
        return "cjk_punct"
    if ch.isalpha() or unicodedata.category(ch) in ("Mn", "Mc"):
        return "latin"  # Latin, Cyrillic, Greek... all in Noto Sans
    return "common"


def primary_family(script: str, language: str = "en") -> str:
    """The family that should draw ``script`` in a document written in ``language``."""
    if script == "arabic":
        return "arabic"
    if script == "devanagari":
        return "devanagari"
    if script == "hangul":
        return "kr"
    if script in ("han", "kana", "cjk_punct"):
        return "kr" if language == "ko" else "sc"
    return "latin"


@dataclass(frozen=True)
class FontRun:
    """A stretch of text drawn with one font family (logical order)."""

    text: str
    family: str


def prepare(text: str) -> str:
    """NFC-normalize and substitute characters no bundled font draws well (see SUBSTITUTES)."""
    text = unicodedata.normalize("NFC", text)
    if any(ch in SUBSTITUTES for ch in text):
        text = "".join(SUBSTITUTES.get(ch, ch) for ch in text)
    return text


def family_for(ch: str, context: str, language: str = "en") -> str:
    """Pick the family for one character: its script's font, else the surrounding run's, else any."""
    cov = _coverage()
    script = script_of(ch)
    if script == "common" or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        # neutral characters (digits, punctuation, spaces, joiners) stay in the current run's font
        if ord(ch) in cov[context]:
            return context
        fam = "latin"
    else:
        fam = primary_family(script, language)
    if ord(ch) in cov[fam]:
        return fam
    for other in ("latin", "sc", "kr", "arabic", "devanagari"):
        if ord(ch) in cov[other]:
            return other
    return fam  # nobody has it: missing_glyphs() will report it


def split_runs(text: str, language: str = "en") -> list[FontRun]:
    """Split (prepared) text into runs of one font family each, in logical order."""
    runs: list[FontRun] = []
    context = primary_family(_first_strong_script(text), language)
    cur_fam: str | None = None
    buf: list[str] = []
    for ch in text:
        fam = family_for(ch, cur_fam or context, language)
        if fam != cur_fam and buf:
            runs.append(FontRun("".join(buf), cur_fam or fam))
            buf = []
        cur_fam = fam
        buf.append(ch)
    if buf:
        runs.append(FontRun("".join(buf), cur_fam or context))
    return runs


def _first_strong_script(text: str) -> str:
    for ch in text:
        s = script_of(ch)
        if s != "common":
            return s
    return "latin"


def missing_glyphs(text: str, language: str = "en") -> list[str]:
    """Characters of ``text`` that no chosen font can draw (ReportLab would drop them silently)."""
    cov = _coverage()
    missing = []
    for run in split_runs(prepare(text), language):
        for ch in run.text:
            if ord(ch) not in cov[run.family] and ch not in "\n\t" and unicodedata.category(ch) != "Cf":
                missing.append(ch)
    return missing
