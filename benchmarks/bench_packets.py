"""Welcome packets for 200 mixed-language families: famdesk's engine against WeasyPrint and LibreOffice.

    python benchmarks/bench_packets.py [--families 200] [--per-family] [--quick]

All three get the same content: the packet's blocks (exactly what famdesk prints, in each family's
language) are also written out as HTML with the same bundled Noto fonts.  WeasyPrint renders that HTML
as one document; LibreOffice (``soffice --headless --convert-to pdf``) converts one HTML file per
family in a single process (its start-up counted, as a director would wait for it).  Pages/s = pages
of each tool's own output / wall time.  WeasyPrint (``pip install weasyprint``) and LibreOffice
(``soffice`` on PATH) are skipped when missing.  Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Result, print_table  # noqa: E402

from famdesk.domain.languages import is_rtl, print_language_codes  # noqa: E402
from famdesk.domain.printables import (  # noqa: E402
    ChildLine,
    ContactLine,
    EventLine,
    FamilyPacket,
    ProgramInfo,
    WelcomePacket,
)
from famdesk.printing.blocks import (  # noqa: E402
    Bullets,
    Heading,
    Image,
    KeyValue,
    PageBreak,
    Para,
    SetLanguage,
    Spacer,
    Table,
)
from famdesk.printing.documents import welcome_packet  # noqa: E402
from famdesk.printing.fonts import FONT_DIR  # noqa: E402

AREA = "printing"
PROGRAM = ProgramInfo("Sunny Days Preschool", "12 Oak Street, Springfield", "(555) 123-4567",
                      "hello@sunnydays.org")


def families(n: int) -> list[FamilyPacket]:
    langs = print_language_codes()
    return [FamilyPacket(
        f"Family {i}", langs[i % len(langs)],
        (ChildLine(f"Child {i}", "Butterflies", "Ms. Rivera"), ChildLine(f"Sibling {i}", "Owls", "Mr. Tran")),
        (ContactLine("Family worker", "Ana Lopez", "(555) 222-3333"),),
        (EventLine(dt.date(2026, 12, 5), "Winter family night", dt.time(17, 30)),
         EventLine(dt.date(2027, 1, 20), "Reading morning", dt.time(9, 0))),
        both_languages=(i % 5 == 0)) for i in range(n)]


# ------------------------------------------------------------------ equivalent HTML
_FACES = [("Noto Sans", "NotoSans"), ("Noto Sans Arabic", "NotoSansArabic"),
          ("Noto Sans Devanagari", "NotoSansDevanagari"), ("Noto Sans SC", "NotoSansSC"),
          ("Noto Sans KR", "NotoSansKR")]
CSS = "\n".join(
    f"@font-face {{ font-family: '{fam}'; font-weight: {w}; src: url('{(FONT_DIR / f'{stem}-{b}.ttf').as_uri()}'); }}"
    for fam, stem in _FACES for w, b in (("normal", "Regular"), ("bold", "Bold"))) + """
@page { size: letter; margin: 50pt; @top-left { content: "Sunny Days Preschool"; font-size: 8pt; }
        @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; } }
body { font-family: 'Noto Sans', 'Noto Sans Arabic', 'Noto Sans Devanagari', 'Noto Sans SC', 'Noto Sans KR';
       font-size: 10.5pt; line-height: 1.35; }
h1 { font-size: 17pt; color: #1f4e79; } h2 { font-size: 13pt; }
table { width: 100%; border-collapse: collapse; } td, th { border: 0.5pt solid #999; padding: 3pt; }
.break { page-break-before: always; }
"""


def blocks_html(blocks: list[object]) -> str:
    """The same blocks famdesk lays out, as HTML (right-to-left sections get ``dir="rtl"``)."""
    out: list[str] = []
    open_div = False
    pending_break = False
    for b in blocks:
        e = html.escape
        if isinstance(b, PageBreak):
            pending_break = True
            continue
        if isinstance(b, SetLanguage):
            if open_div:
                out.append("</div>")
            cls = ' class="break"' if pending_break else ""
            pending_break = False
            out.append(f'<div lang="{b.language}" dir="{"rtl" if is_rtl(b.language) else "ltr"}"{cls}>')
            open_div = True
            continue
        if pending_break:
            out.append('<div class="break"></div>')
            pending_break = False
        if isinstance(b, Heading):
            out.append(f"<h{b.level}>{e(b.text)}</h{b.level}>")
        elif isinstance(b, Para):
            text = e(b.text).replace("&lt;b&gt;", "<b>").replace("&lt;/b&gt;", "</b>")
            out.append(f"<p>{'<b>' + text + '</b>' if b.bold else text}</p>")
        elif isinstance(b, Bullets):
            out.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in b.items) + "</ul>")
        elif isinstance(b, KeyValue):
            out.append("<table>" + "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in b.pairs)
                       + "</table>")
        elif isinstance(b, Table):
            head = "<tr>" + "".join(f"<th>{e(h)}</th>" for h in b.header) + "</tr>" if b.header else ""
            rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in b.rows)
            out.append(f"<table>{head}{rows}</table>")
        elif isinstance(b, Spacer):
            out.append(f'<div style="height:{b.height}pt"></div>')
        elif isinstance(b, Image):
            continue
    if open_div:
        out.append("</div>")
    return "".join(out)


def family_blocks(fams: list[FamilyPacket]) -> list[list[object]]:
    base = WelcomePacket(PROGRAM, fams[0])
    return [welcome_packet.packet_blocks(replace(base, family=f), f.language)[0] for f in fams]


def html_document(bodies: list[str]) -> str:
    joined = '<div class="break"></div>'.join(bodies)
    return f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>{CSS}</style></head>' \
           f"<body>{joined}</body></html>"


def _pdf_pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


# ------------------------------------------------------------------ the three contenders
def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_famdesk(fams: list[FamilyPacket], one_file: bool) -> tuple[int, float, float]:
    """(pages, wall seconds, CPU seconds): CPU time stays comparable when other jobs share the cores."""
    welcome_packet.build_batch(PROGRAM, fams[:12], one_file=False)  # warm-up: fonts, shaping cache
    t0, c0 = time.perf_counter(), time.process_time()
    results = welcome_packet.build_batch(PROGRAM, fams, one_file=one_file)
    return sum(r.pages for r in results), time.perf_counter() - t0, time.process_time() - c0


def bench_weasyprint(bodies: list[str]) -> tuple[int, float, float] | None:
    try:
        import weasyprint  # noqa: F401 - lazily: optional, heavy
    except ImportError:
        return None
    from weasyprint import HTML

    HTML(string=html_document(bodies[:2])).write_pdf()  # warm-up: fonts
    t0, c0 = time.perf_counter(), time.process_time()
    pdf = HTML(string=html_document(bodies)).write_pdf()
    return _pdf_pages(pdf), time.perf_counter() - t0, time.process_time() - c0


def bench_libreoffice(bodies: list[str]) -> tuple[int, float, float] | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    with tempfile.TemporaryDirectory(prefix="famdesk-lo-") as tmp:
        root = Path(tmp)
        profile = (root / "profile").as_uri()
        src, out = root / "src", root / "out"
        src.mkdir()
        files = []
        for i, body in enumerate(bodies):
            f = src / f"family-{i:04d}.html"
            f.write_text(html_document([body]), encoding="utf-8")
            files.append(str(f))
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out)]
        subprocess.run(cmd + files[:1], capture_output=True, timeout=600)  # warm-up: creates the profile
        shutil.rmtree(out, ignore_errors=True)
        t0, c0 = time.perf_counter(), _children_cpu()
        subprocess.run(cmd + files, capture_output=True, timeout=3600, check=False)
        took, cpu = time.perf_counter() - t0, _children_cpu() - c0
        pdfs = sorted(out.glob("*.pdf"))
        if len(pdfs) != len(files):
            return None
        return sum(_pdf_pages(p.read_bytes()) for p in pdfs), took, cpu


def run(quick: bool = False, n: int | None = None, per_family: bool = False) -> list[Result]:
    """Wall-clock pages/s for each tool, plus pages per CPU-second (fair when other jobs load the cores).

    Ratios compare the time each tool needs for the same content (the others paginate differently:
    LibreOffice's HTML import fits more on a page), so their "pages/s" count famdesk's pages.
    """
    n = n or (60 if quick else 200)
    fams = families(n)
    note = f"{n} families, mixed languages"
    pages, took, cpu = bench_famdesk(fams, one_file=not per_family)
    ours = pages / took
    results = [Result(AREA, "welcome packets (famdesk)", ours, "pages/s", ">= 100", ours >= 100,
                      f"{note}, {pages} pages in {took:.1f} s wall"),
               Result(AREA, "welcome packets (famdesk), per CPU-second", pages / cpu, "pages/s", ">= 100",
                      pages / cpu >= 100, f"{cpu:.1f} s CPU")]
    bodies = [blocks_html(b) for b in family_blocks(fams)]
    for label, target, measured in (("WeasyPrint, same content as HTML", 6, bench_weasyprint(bodies)),
                                    ("LibreOffice headless, HTML per family", 2, bench_libreoffice(bodies))):
        short = label.split(",")[0].split(" ")[0]
        if measured is None:
            results.append(Result(AREA, f"{short} (skipped: not installed)", 0, "pages/s"))
            continue
        own, wall, their_cpu = measured
        results += [
            Result(AREA, label, pages / wall, "pages/s",
                   note=f"its own output {own} pages in {wall:.1f} s wall, {their_cpu:.1f} s CPU"),
            Result(AREA, f"famdesk ÷ {short} (wall)", wall / took, "×", f">= {target}", wall / took >= target),
            Result(AREA, f"famdesk ÷ {short} (CPU)", their_cpu / cpu, "×", f">= {target}",
                   their_cpu / cpu >= target)]
    return results


def bench_results(quick: bool = False) -> list[Result]:
    """For ``run.py``: the figures with the issue's keys (pages/s and the two ratios, wall time)."""
    results = run(quick)
    keys = {"welcome packets (famdesk)": "packets.rate", "famdesk ÷ WeasyPrint (wall)": "packets.weasyprint",
            "famdesk ÷ LibreOffice (wall)": "packets.libreoffice"}
    for r in results:
        r.key = keys.get(r.name, "")
    return results


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--families", type=int, default=None)
    ap.add_argument("--per-family", action="store_true", help="famdesk: one PDF per family instead of one file")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    print_table(run(args.quick, args.families, args.per_family))


if __name__ == "__main__":
    main()
