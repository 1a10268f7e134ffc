"""Ask where to save a PDF the services built, and save it (the GUI never builds a PDF itself)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from famdesk.i18n import _


def ask_folder(parent: QWidget) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, _("Choose a folder for the PDF files"))
    return Path(folder) if folder else None


def save_pdfs(parent: QWidget, files: dict[str, bytes], warnings: list[str]) -> list[Path]:
    """Save each named PDF in one folder the user picks; tell them what was written and any warning."""
    folder = ask_folder(parent)
    if folder is None:
        return []
    written = []
    for name, pdf in files.items():
        path = folder / name
        path.write_bytes(pdf)
        written.append(path)
    message = _("Saved {n} PDF file(s) in {folder}.").format(n=len(written), folder=str(folder))
    if warnings:
        message += "\n\n" + "\n".join(warnings)
    QMessageBox.information(parent, _("PDF saved"), message)
    return written
