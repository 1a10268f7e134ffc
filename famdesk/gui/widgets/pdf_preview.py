"""A PDF preview (pages rendered with pypdfium2) with Print… (Qt's print dialog) and Save as PDF…."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from famdesk.gui.application import show_error
from famdesk.gui.pdf_pages import page_count, page_images, print_pdf
from famdesk.i18n import _

MAX_PREVIEW_PAGES = 12  # a preview, not a viewer: big batches are saved or printed


class PdfPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf: bytes = b""
        self.file_name = "handout.pdf"
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName(_("Printing warnings"))
        self.warning.setStyleSheet("QLabel { background: #fff4ce; padding: 6px; border: 1px solid #c9a400; }")
        self.warning.hide()
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.pages)
        self.scroll.setAccessibleName(_("Preview"))
        self.print_button = QPushButton(_("Print…"))
        self.save_button = QPushButton(_("Save as PDF…"))
        self.info = QLabel()
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button.clicked.connect(self.save_dialog)
        buttons = QHBoxLayout()
        buttons.addWidget(self.info, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.warning)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        self.set_pdf(b"")

    def set_pdf(self, pdf: bytes, warnings: list[str] | None = None, file_name: str = "handout.pdf") -> None:
        self.pdf, self.file_name = pdf, file_name
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.print_button.setEnabled(bool(pdf))
        self.save_button.setEnabled(bool(pdf))
        if warnings:
            self.warning.setText(_("Warning: printed in another language where a translation is missing:")
                                 + "\n• " + "\n• ".join(warnings))
            self.warning.show()
        else:
            self.warning.hide()
        if not pdf:
            self.info.setText(_("Nothing to preview yet."))
            return
        images = page_images(pdf, dpi=72, last=MAX_PREVIEW_PAGES - 1)
        for image in images:
            label = QLabel()
            pixmap = QPixmap.fromImage(image)
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.size())  # a page keeps its shape; the area scrolls instead
            label.setStyleSheet("QLabel { border: 1px solid #999; background: white; }")
            self.pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        self.pages_layout.addStretch(1)
        self.pages_layout.activate()
        total = page_count(pdf)
        if total > len(images):
            self.info.setText(_("First {n} of {total} pages shown; print or save to get all of them.").format(
                n=len(images), total=total))
        else:
            self.info.setText(_("{n} page(s)").format(n=total))

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        try:
            print_pdf(self.pdf, printer)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)

    def save_dialog(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Save as PDF"), self.file_name, _("PDF files (*.pdf)"))
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> None:
        try:
            Path(path).write_bytes(self.pdf)
        except OSError as exc:
            show_error(self, exc)
