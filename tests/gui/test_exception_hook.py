"""No traceback reaches a person in the window: the exception hook shows a sentence, copies details that
name no one, and logs where it happened."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from famdesk.gui import application


def _press_when_shown(text_part: str, pressed: list[str]) -> None:
    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        pressed.append(box.text())
        for button in box.buttons():
            if text_part in button.text().replace("&", ""):
                button.click()
                return
    QTimer.singleShot(20, press)


NAME = "Rosa Hernández López"


def _raise_with_a_name() -> None:
    raise KeyError(NAME)  # a message that names someone: never copied nor logged


def test_an_unexpected_error_is_a_sentence_with_details_that_name_no_one(qtbot, caplog) -> None:  # type: ignore[no-untyped-def]
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    try:
        _raise_with_a_name()
    except KeyError as exc:
        error = exc
    shown: list[str] = []
    _press_when_shown("Copy details", shown)
    with caplog.at_level(logging.ERROR, logger="famdesk"):
        application.window_excepthook(type(error), error, error.__traceback__)
    assert shown and "unexpected problem" in shown[0] and "Traceback" not in shown[0]
    copied = QGuiApplication.clipboard().text()
    assert "KeyError" in copied and "_raise_with_a_name" in copied
    assert "Rosa" not in copied
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "_raise_with_a_name" in logged and "Rosa" not in logged


def test_the_window_installs_the_hook_and_a_service_error_keeps_its_sentence(qtbot) -> None:  # type: ignore[no-untyped-def]
    from famdesk.domain.errors import ValidationError

    shown: list[str] = []
    _press_when_shown("OK", shown)
    application.window_excepthook(ValidationError, ValidationError("Enter the family's name."), None)
    assert shown == ["Enter the family's name."]
