"""No traceback reaches a person in the window: the exception hook shows a sentence, copies details that
name no one, and logs where it happened."""

from __future__ import annotations

import logging

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from famdesk.gui import application

NAME = "Rosa Hernández López"


def _raise_with_a_name() -> None:
    raise KeyError(NAME)  # a message that names someone: never copied nor logged


def _shown_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.allWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


class _Kept(logging.Handler):
    """famdesk's own logger does not propagate once logging is set up (another test may have), so the
    records are read on it directly."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_an_unexpected_error_is_a_sentence_with_details_that_name_no_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    try:
        _raise_with_a_name()
    except KeyError as exc:
        error = exc
    kept = _Kept()
    logger = logging.getLogger("famdesk.gui")
    logger.addHandler(kept)
    try:
        application.window_excepthook(type(error), error, error.__traceback__)  # returns: the box is open
    finally:
        logger.removeHandler(kept)
    boxes = _shown_boxes()
    assert len(boxes) == 1
    box = boxes[0]
    assert "unexpected problem" in box.text() and "Traceback" not in box.text()
    copy = next(b for b in box.buttons() if "Copy details" in b.text().replace("&", ""))
    copy.click()
    copied = QGuiApplication.clipboard().text()
    assert "KeyError" in copied and "_raise_with_a_name" in copied
    assert "Rosa" not in copied and "Rosa" not in box.detailedText()
    logged = "\n".join(kept.lines)
    assert "_raise_with_a_name" in logged and "Rosa" not in logged
    qtbot.waitUntil(lambda: not _shown_boxes())  # the button closed it


def test_a_service_error_keeps_its_own_sentence(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from famdesk.domain.errors import ValidationError

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    application.window_excepthook(ValidationError, ValidationError("Enter the family's name."), None)
    assert shown == ["Enter the family's name."]
