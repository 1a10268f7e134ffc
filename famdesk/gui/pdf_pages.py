"""PDF pages as images (pypdfium2: PySide6-Essentials has no QtPdf) for preview and printing.

Printing paints these images onto the printer's pages through QPrinter/QPrintDialog, so the printout
matches the preview and needs no PDF support from the operating system.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter


def page_images(pdf: bytes, dpi: float = 96, first: int = 0, last: int | None = None) -> list[QImage]:
    """Rendered pages ``first``..``last`` (inclusive; None = to the end) at ``dpi``."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        end = len(doc) - 1 if last is None else min(last, len(doc) - 1)
        images = []
        for i in range(first, end + 1):
            page = doc[i]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True, force_bitmap_format=None,
                                 fill_color=(255, 255, 255, 255))
            w, h, stride = bitmap.width, bitmap.height, bitmap.stride
            fmt = QImage.Format.Format_RGBA8888 if bitmap.n_channels == 4 else QImage.Format.Format_RGB888
            images.append(QImage(bytes(bitmap.buffer), w, h, stride, fmt).copy())
            bitmap.close()
            page.close()
        return images
    finally:
        doc.close()


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paint every page onto ``printer`` (honouring its page range); returns the pages sent."""
    total = page_count(pdf)
    first, last = 0, total - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage() - 1, min(printer.toPage() - 1, total - 1)
    dpi = min(printer.resolution(), 300)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    sent = 0
    try:
        for i in range(first, last + 1):
            if sent:
                printer.newPage()
            image = page_images(pdf, dpi, i, i)[0]
            target = painter.viewport()
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.x(), target.y(), size.width(), size.height()), image)
            sent += 1
    finally:
        painter.end()
    return sent
