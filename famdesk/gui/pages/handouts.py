"""Handouts page: the library with per-language status, the side-by-side editor, preview and print,
and the welcome packets (which handouts, in which order, printed for one family, new families or all)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain.handouts import HandoutStatus, HandoutVersion, LanguageStatus, ReviewState
from famdesk.domain.languages import print_language_codes
from famdesk.formatting import language_name
from famdesk.gui.application import show_error
from famdesk.gui.locale_format import date_text
from famdesk.gui.pages.packet_panel import PacketPanel
from famdesk.gui.widgets.pdf_preview import PdfPreview
from famdesk.i18n import _, ui_language
from famdesk.services import handouts as library
from famdesk.services import packets
from famdesk.services.context import ServiceContext

# Text first, colour second: the word says the state for colour-blind readers and screen readers.
CELL = {
    LanguageStatus.REVIEWED: ("✓ ", "#d7f0d7"),
    LanguageStatus.TRANSLATED: ("⚠ ", "#fff0c2"),
    LanguageStatus.MISSING: ("✗ ", "#f6d5d5"),
}


def cell_text(status: LanguageStatus) -> str:
    words = {LanguageStatus.REVIEWED: _("reviewed"), LanguageStatus.TRANSLATED: _("not reviewed"),
             LanguageStatus.MISSING: _("missing")}
    return CELL[status][0] + words[status]


def builtin_text(key: str, language: str) -> tuple[str, str]:
    """A built-in handout's title and text as plain lines (shown read-only in the editor)."""
    from famdesk.domain.printables import ProgramInfo
    from famdesk.printing.blocks import Bullets, Heading, KeyValue, Para, Table
    from famdesk.printing.handouts import render_handout

    _used, blocks, _missing = render_handout(key, language, ProgramInfo(_("Our program")))
    title, lines = "", []
    for b in blocks:
        if isinstance(b, Heading) and not title:
            title = b.text
        elif isinstance(b, Heading | Para):
            lines.append(b.text.replace("<b>", "").replace("</b>", ""))
        elif isinstance(b, Bullets):
            lines.extend(f"- {item}" for item in b.items)
        elif isinstance(b, KeyValue):
            lines.extend(f"{k}: {v}" for k, v in b.pairs)
        elif isinstance(b, Table):
            lines.extend(" | ".join(row) for row in ([b.header] if b.header else []) + b.rows)
    return title, "\n\n".join(lines)


class HandoutsPage(QWidget):
    # Changes this page shows (gui.change_notices): the library's languages and review states.
    CHANGE_AREAS = frozenset({"handout"})

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.langs = print_language_codes()
        self.statuses: list[HandoutStatus] = []
        self.tabs = QTabWidget()
        self.tabs.addTab(self._library_tab(), _("Library"))
        self.packet_panel = PacketPanel(ctx, self)
        self.tabs.addTab(self.packet_panel, _("Welcome packets"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.loaded = False  # filled on first show: the window opens without computing handout status

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        if not self.loaded:
            self.reload()
        super().showEvent(event)

    # ------------------------------------------------------------ library
    def _library_tab(self) -> QWidget:
        self.table = QTableWidget(0, 2 + len(self.langs))
        self.table.setAccessibleName(_("Handout library"))
        ui = ui_language()
        self.table.setHorizontalHeaderLabels([_("Handout"), _("Kind")] + [
            f"{language_name(code, ui)} ({code})" for code in self.langs])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentCellChanged.connect(lambda row, *_a: self.select_row(row))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        new = QPushButton(_("New handout…"))
        new.clicked.connect(self.new_handout)
        self.export_button = QPushButton(_("Translator worksheet…"))
        self.export_button.setToolTip(_("Export the missing languages as a worksheet (.xlsx to fill in, "
                                        ".pdf to print) for a volunteer translator"))
        self.export_button.clicked.connect(self.export_clicked)
        self.import_button = QPushButton(_("Import worksheet…"))
        self.import_button.clicked.connect(self.import_clicked)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(new)
        top.addWidget(self.export_button)
        top.addWidget(self.import_button)

        # side-by-side editor: English (the source) left, the chosen language right
        self.src_title, self.src_body = QLineEdit(), QPlainTextEdit()
        self.src_title.setAccessibleName(_("English title"))
        self.src_body.setAccessibleName(_("English text"))
        left = QGroupBox(_("English"))
        lf = QVBoxLayout(left)
        lf.addWidget(self.src_title)
        lf.addWidget(self.src_body, 1)
        self.lang = QComboBox()
        self.lang.setAccessibleName(_("Translation language"))
        for code in self.langs:
            if code != "en":
                self.lang.addItem(f"{language_name(code, ui)} ({code})", code)
        self.lang.currentIndexChanged.connect(lambda _i: self.show_version())
        self.tr_title, self.tr_body = QLineEdit(), QPlainTextEdit()
        self.tr_title.setAccessibleName(_("Translated title"))
        self.tr_body.setAccessibleName(_("Translated text"))
        self.reviewed = QCheckBox(_("Reviewed by a fluent speaker"))
        self.reviewer = QLineEdit()
        self.reviewer.setPlaceholderText(_("Reviewer's name"))
        self.reviewer.setAccessibleName(_("Reviewer's name"))
        self.review_info = QLabel()
        self.review_info.setWordWrap(True)
        right = QGroupBox(_("Translation"))
        rf = QVBoxLayout(right)
        rf.addWidget(self.lang)
        rf.addWidget(self.tr_title)
        rf.addWidget(self.tr_body, 1)
        review = QFormLayout()
        review.addRow(self.reviewed, self.reviewer)
        rf.addLayout(review)
        rf.addWidget(self.review_info)
        self.save_button = QPushButton(_("Save"))
        self.save_button.clicked.connect(self.save)
        self.preview_button = QPushButton(_("Preview in this language"))
        self.preview_button.clicked.connect(self.preview)
        self.hint = QLabel(_("Write paragraphs separated by an empty line; start a line with “- ” for a "
                             "bullet or “## ” for a heading."))
        self.hint.setWordWrap(True)
        side = QSplitter()
        side.addWidget(left)
        side.addWidget(right)
        editor = QWidget()
        ev = QVBoxLayout(editor)
        ev.addWidget(side, 1)
        ev.addWidget(self.hint)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        ev.addLayout(buttons)
        self.preview_widget = PdfPreview()
        self.detail_tabs = QTabWidget()
        self.detail_tabs.addTab(editor, _("Edit side by side"))
        self.detail_tabs.addTab(self.preview_widget, _("Preview and print"))
        split = QSplitter()
        split.setOrientation(split.orientation().Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail_tabs)
        split.setStretchFactor(1, 2)
        tab = QWidget()
        v = QVBoxLayout(tab)
        v.addLayout(top)
        v.addWidget(split, 1)
        return tab

    def editor_modified(self) -> bool:
        """Whether the side-by-side editor holds typing not saved yet."""
        return (any(w.isModified() for w in (self.src_title, self.tr_title, self.reviewer))
                or any(w.document().isModified() for w in (self.src_body, self.tr_body)))

    def refresh_changes(self, areas: frozenset[str]) -> None:
        """Handouts changed elsewhere: the library's table is read again, the selected handout stays
        selected; the editor is read again only when nothing typed in it is unsaved (the welcome packet
        being composed is left as it is)."""
        if not self.loaded:
            return  # filled when first shown
        key = self.current_key()
        if not self.editor_modified():
            self.reload(key, packet=False)
            return
        self.table.blockSignals(True)  # keep the editor as typed
        try:
            self._fill_library(key)
        finally:
            self.table.blockSignals(False)

    def reload(self, select_key: str | None = None, packet: bool = True) -> None:
        row = self._fill_library(select_key)
        self.select_row(row)  # same row as before: Qt sends no change signal, the editor still refreshes
        for w in (self.src_title, self.tr_title, self.reviewer):
            w.setModified(False)
        for w in (self.src_body, self.tr_body):
            w.document().setModified(False)
        if packet:
            self.packet_panel.reload_library()

    def _fill_library(self, select_key: str | None) -> int:
        self.loaded = True
        self.statuses = library.handout_status(self.ctx)
        self.table.setRowCount(len(self.statuses))
        for row, st in enumerate(self.statuses):
            self.table.setItem(row, 0, QTableWidgetItem(st.title))
            self.table.setItem(row, 1, QTableWidgetItem(_("built-in") if st.builtin else _("yours")))
            for col, code in enumerate(self.langs, start=2):
                status = st.languages[code]
                item = QTableWidgetItem(cell_text(status))
                item.setBackground(_brush(CELL[status][1]))
                item.setToolTip(cell_text(status))
                self.table.setItem(row, col, item)
        unreviewed = sum(len(s.unreviewed()) for s in self.statuses)
        missing = sum(len(s.missing()) for s in self.statuses)
        self.summary.setText(_("{n} handouts · {u} language versions not reviewed by a fluent speaker · "
                               "{m} missing (those print in English with a warning)").format(
            n=len(self.statuses), u=unreviewed, m=missing))
        keys = [s.key for s in self.statuses]
        row = keys.index(select_key) if select_key in keys else 0
        self.table.selectRow(row)
        return row

    def current_key(self) -> str | None:
        row = self.table.currentRow()
        return self.statuses[row].key if 0 <= row < len(self.statuses) else None

    def select_row(self, row: int) -> None:
        if not 0 <= row < len(self.statuses):
            return
        st = self.statuses[row]
        editable = not st.builtin
        for w in (self.src_title, self.src_body, self.tr_title, self.tr_body):
            w.setReadOnly(not editable)
        self.reviewed.setEnabled(editable)
        self.reviewer.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.export_button.setEnabled(editable)
        if st.builtin:
            self.src_title.setText(builtin_text(st.key, "en")[0])
            self.src_body.setPlainText(builtin_text(st.key, "en")[1])
        else:
            handout = library.get_handout(self.ctx, st.key)
            self._seen = handout.version  # a save from these fields is refused if someone saved since
            v = handout.versions.get("en")
            self.src_title.setText(v.title if v else "")
            self.src_body.setPlainText(v.body if v else "")
        self.show_version()

    def current_lang(self) -> str:
        return str(self.lang.currentData())

    def show_version(self) -> None:
        key = self.current_key()
        if key is None:
            return
        lang = self.current_lang()
        st = self.statuses[self.table.currentRow()]
        status = cell_text(st.languages[lang])
        if st.builtin:
            title, body = builtin_text(key, lang) if st.languages[lang] is not LanguageStatus.MISSING else ("", "")
            self.tr_title.setText(title)
            self.tr_body.setPlainText(body)
            self.reviewed.setChecked(st.languages[lang] is LanguageStatus.REVIEWED)
            self.reviewer.clear()
            self.review_info.setText(_("Built-in handout: its translation comes with famdesk ({status}). "
                                       "It cannot be edited here.").format(status=status))
            return
        v = library.get_handout(self.ctx, key).versions.get(lang)
        self.tr_title.setText(v.title if v else "")
        self.tr_body.setPlainText(v.body if v else "")
        self.reviewed.setChecked(bool(v and v.review_state is ReviewState.REVIEWED))
        self.reviewer.setText(v.reviewed_by if v else "")
        if v and v.review_state is ReviewState.REVIEWED and v.reviewed_on:
            self.review_info.setText(_("Reviewed by {name} on {date}.").format(
                name=v.reviewed_by, date=date_text(v.reviewed_on, long=True)))
        else:
            self.review_info.setText(_("Status: {status}").format(status=status))

    def new_handout(self) -> None:
        title, ok = QInputDialog.getText(self, _("New handout"), _("Title (English):"))
        if ok and title.strip():
            self.create(title, _("Write the handout here."))

    def create(self, title: str, body: str) -> str | None:
        try:
            h = library.create_handout(self.ctx, HandoutVersion("en", title, body))
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return None
        self.reload(h.key)
        return h.key

    def save(self) -> bool:
        key, lang = self.current_key(), self.current_lang()
        if key is None or library.is_builtin(key):
            return False
        try:
            saved = library.save_version(self.ctx, key, HandoutVersion("en", self.src_title.text(),
                                                                       self.src_body.toPlainText()),
                                         seen=getattr(self, "_seen", None))
            if self.tr_title.text().strip() or self.tr_body.toPlainText().strip():
                library.save_version(self.ctx, key, HandoutVersion(lang, self.tr_title.text(),
                                                                   self.tr_body.toPlainText()),
                                     seen=saved.version)
                library.set_review(self.ctx, key, lang, self.reviewed.isChecked(), self.reviewer.text())
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return False
        self.reload(key)
        return True

    def export_clicked(self) -> None:
        key = self.current_key()
        if key is None:
            return
        path, _f = QFileDialog.getSaveFileName(self, _("Save translator worksheet"), f"{key}-worksheet.xlsx",
                                               _("Spreadsheet (*.xlsx);;PDF to print (*.pdf)"))
        if path:
            self.export_worksheet(path)

    def export_worksheet(self, path: str) -> bool:
        from famdesk.services import worksheets

        key = self.current_key()
        try:
            make = worksheets.export_pdf if path.lower().endswith(".pdf") else worksheets.export_xlsx
            Path(path).write_bytes(make(self.ctx, key or ""))
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return False
        return True

    def import_clicked(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, _("Import translator worksheet"), "",
                                               _("Spreadsheet (*.xlsx)"))
        if path:
            self.import_worksheet(path)

    def import_worksheet(self, path: str) -> list[str]:
        from famdesk.services import worksheets

        try:
            handout, langs = worksheets.import_xlsx(self.ctx, Path(path).read_bytes())
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return []
        self.reload(handout.key)
        QMessageBox.information(self, _("Worksheet imported"), _(
            "Imported {languages} into “{title}”. They are drafts until a fluent speaker reviews them.").format(
            languages=", ".join(langs), title=handout.title))
        return langs

    def preview(self) -> None:
        key, lang = self.current_key(), self.current_lang()
        if key is None:
            return
        try:
            result = packets.print_handout(self.ctx, key, lang)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self.preview_widget.set_pdf(result.pdf, result.warnings, f"{key}-{lang}.pdf")
        self.detail_tabs.setCurrentWidget(self.preview_widget)


def _brush(color: str):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QBrush, QColor

    return QBrush(QColor(color))
