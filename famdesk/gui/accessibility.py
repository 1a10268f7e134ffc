"""Accessibility helpers every page can reuse: labelled controls, a visible focus ring, and a walker
that finds controls a screen reader would announce without a name.

Why: staff use famdesk with the keyboard, large system fonts and screen readers. A QLabel with a
buddy gives a mnemonic (Alt+letter) but a screen reader still needs ``accessibleName``; a page test
calls :func:`unnamed_focusable` so a control added later without a name fails the build.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QLabel,
    QTabBar,
    QTabWidget,
    QWidget,
)

# A 2-pixel ring in the palette's highlight colour (so it follows light, dark and high-contrast
# themes), drawn with borders, which mirror correctly in right-to-left layouts. Only on views and
# text fields: buttons and combo boxes keep the native style, which draws its own focus indicator
# (styling them here would replace the platform look).
FOCUS_STYLE = """
QAbstractItemView:focus, QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus,
QAbstractSpinBox:focus {
    border: 2px solid palette(highlight);
}
"""


def plain(text: str) -> str:
    """``"Program &name"`` → ``"Program name"`` (a literal ``&&`` stays one ``&``)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def label_for(widget: QWidget, text: str, description: str = "") -> QLabel:
    """A label whose mnemonic focuses ``widget``; the widget gets the same name for screen readers."""
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setAccessibleName(plain(text))
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    return label


def name(widget: QWidget, accessible_name: str, description: str = "") -> QWidget:
    """Name a control that has no visible label (a search box, a list, a table)."""
    widget.setAccessibleName(plain(accessible_name))
    if description:
        widget.setAccessibleDescription(description)
    return widget


def install_focus_style(widget: QWidget) -> None:
    """Add :data:`FOCUS_STYLE` to ``widget``'s style sheet (applies to all its children)."""
    if FOCUS_STYLE.strip() not in widget.styleSheet():
        widget.setStyleSheet(widget.styleSheet() + FOCUS_STYLE)


def _is_focusable(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isEnabled()


def _internal(widget: QWidget) -> bool:
    """Parts of a composite control (the line edit inside a combo box or a spin box, a view's
    viewport): the screen reader announces the composite, which carries the name."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractItemView, QAbstractSpinBox, QCalendarWidget)):
            return True
        if isinstance(parent, QAbstractScrollArea) and widget is parent.viewport():
            return True
        parent = parent.parentWidget()
    return False


def _has_name(widget: QWidget) -> bool:
    if widget.accessibleName().strip():
        return True
    if isinstance(widget, QAbstractButton) and plain(widget.text()).strip():
        return True  # a button's text is its accessible name
    if any(label.buddy() is widget and plain(label.text()).strip() for label in widget.window().findChildren(QLabel)):
        return True  # Qt names a control after the label whose buddy it is (QFormLayout rows too)
    bar = widget.tabBar() if isinstance(widget, QTabWidget) else widget if isinstance(widget, QTabBar) else None
    if bar is not None and bar.count() and all(plain(bar.tabText(i)).strip() for i in range(bar.count())):
        return True  # screen readers announce each tab by its text
    return False


def focusable_widgets(root: QWidget) -> Iterable[QWidget]:
    """Every control under ``root`` (visible or on a hidden page) that Tab can reach."""
    for widget in [root, *root.findChildren(QWidget)]:
        if _is_focusable(widget) and not _internal(widget):
            yield widget


def unnamed_focusable(root: QWidget) -> list[str]:
    """Descriptions of focusable controls a screen reader would announce without a name."""
    return [f"{type(w).__name__} {w.objectName() or ''}".strip()
            for w in focusable_widgets(root) if not _has_name(w)]


def first_focusable(root: QWidget) -> QWidget | None:
    """The first control of ``root`` in Tab order (where F6 lands when it enters a page)."""
    widget: QWidget | None = root
    for _step in range(2000):
        widget = widget.nextInFocusChain() if widget is not None else None
        if widget is None or widget is root:
            return None
        if root.isAncestorOf(widget) and _is_focusable(widget) and widget.isVisibleTo(root):
            return widget
    return None


def uses_system_font(app: QApplication) -> bool:
    """True when the application font is sized in points (follows the user's system setting)."""
    return app.font().pixelSize() == -1


def mnemonic_letter(text: str) -> str | None:
    """The Alt+letter of ``"Ch&oose…"`` (``"o"``), lower-cased; None without one (``&&`` is a literal &)."""
    rest = text.replace("&&", "")
    at = rest.find("&")
    return rest[at + 1].lower() if 0 <= at < len(rest) - 1 and not rest[at + 1].isspace() else None


def _with_mnemonic_on_free_letter(text: str, taken: set[str]) -> str:
    bare = text.replace("&&", "\0").replace("&", "")
    for i, ch in enumerate(bare):
        if ch.isalpha() and ch.lower() not in taken:
            bare = bare[:i] + "&" + bare[i:]
            break
    return bare.replace("\0", "&&")


def mnemonic_texts(root: QWidget) -> list[tuple[QWidget, str]]:
    """The window-level mnemonic texts under ``root``: buddied labels, buttons and group boxes."""
    from PySide6.QtWidgets import QGroupBox

    out: list[tuple[QWidget, str]] = []
    for w in root.findChildren(QWidget):
        if isinstance(w, QLabel) and w.buddy() is not None:
            out.append((w, w.text()))
        elif isinstance(w, QAbstractButton):
            out.append((w, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((w, w.title()))
    return out


def resolve_mnemonic_clashes(widgets: Iterable[tuple[QWidget, str]], reserved: set[str]) -> int:
    """Move a clashing Alt+letter to a free letter of the same text, as KDE's accelerator manager does.

    Needed where a partly translated language mixes its own letters with English fallbacks, which no
    translator can see together. Returns how many texts changed."""
    from PySide6.QtWidgets import QGroupBox

    taken, changed = set(reserved), 0
    for widget, text in widgets:
        letter = mnemonic_letter(text)
        if letter is None:
            continue
        if letter in taken:
            text = _with_mnemonic_on_free_letter(text, taken)
            if isinstance(widget, QGroupBox):
                widget.setTitle(text)
            else:
                widget.setText(text)  # type: ignore[attr-defined]
            changed += 1
            letter = mnemonic_letter(text)
        if letter is not None:
            taken.add(letter)
    return changed
