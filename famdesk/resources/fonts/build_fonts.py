"""Build the static font files shipped in this folder from Noto variable fonts.

Why: ReportLab embeds only TrueType-outline (``glyf``) fonts and, for a variable font, embeds its default
instance (Thin for Noto Sans SC).  So we instantiate static Regular (wght 400) and Bold (wght 700),
width 100, with ``fontTools.varLib.instancer`` and ship those; nothing is fetched at run time.

Sources (all SIL OFL 1.1, see OFL.txt and README.md):
  NotoSans[wdth,wght].ttf            PyPI ``fontpkg-noto-sans`` 2.15
  NotoSansArabic[wdth,wght].ttf      PyPI ``fontpkg-noto-sans-arabic`` 2.12
  NotoSansDevanagari[wdth,wght].ttf  PyPI ``fontpkg-noto-sans-devanagari`` 2.7
  NotoSansSC[wght].ttf, NotoSansKR[wght].ttf  PyPI ``justmytype-intl-cjk`` 0.1.0

Usage::

    pip download --no-deps -d /tmp/x fontpkg-noto-sans fontpkg-noto-sans-arabic \
        fontpkg-noto-sans-devanagari justmytype-intl-cjk
    (unzip each wheel into /tmp/x)
    python resources/fonts/build_fonts.py /tmp/x
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

HERE = Path(__file__).resolve().parent

# output family name -> variable source file name
SOURCES = {
    "NotoSans": "NotoSans[wdth,wght].ttf",
    "NotoSansArabic": "NotoSansArabic[wdth,wght].ttf",
    "NotoSansDevanagari": "NotoSansDevanagari[wdth,wght].ttf",
    "NotoSansSC": "NotoSansSC[wght].ttf",
    "NotoSansKR": "NotoSansKR[wght].ttf",
}
WEIGHTS = {"Regular": 400, "Bold": 700}


def build(src_root: Path, only: list[str] | None = None) -> None:
    for family, fname in SOURCES.items():
        if only and family not in only:
            continue
        src = next(p for p in src_root.rglob("*.ttf") if p.name == fname)
        for style, wght in WEIGHTS.items():
            font = TTFont(src)
            axes = {a.axisTag for a in font["fvar"].axes}
            loc: dict[str, float] = {"wght": wght}
            if "wdth" in axes:
                loc["wdth"] = 100
            static = instancer.instantiateVariableFont(font, loc, updateFontNames=True)
            # drop tables only useful for hinting/variations to keep files small
            for tag in ("STAT", "HVAR", "MVAR", "gvar", "fvar", "avar"):
                if tag in static:
                    del static[tag]
            out = HERE / f"{family}-{style}.ttf"
            static.save(out)
            print(f"{out.name}: {out.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    build(Path(sys.argv[1]), sys.argv[2:] or None)
