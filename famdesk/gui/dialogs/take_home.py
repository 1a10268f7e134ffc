"""Print take-home notes from the Observations page: for one child, a classroom or every child the user
may see, the notes shared with families since a date, each family's in its own language.

The PDF is made by ``services.take_home`` off the GUI thread (``gui.tasks.run_task``) and shown in the
same preview as handouts, with Print… (the system's print dialog) and Save as PDF….
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from famdesk.domain.errors import NotFoundError, PermissionDenied
from famdesk.domain.printables import PrintResult
from famdesk.gui.tasks import Task, run_task
from famdesk.gui.widgets.pdf_preview import PdfPreview
from famdesk.i18n import _
from famdesk.services import classrooms
from famdesk.services.context import ServiceContext
from famdesk.services.take_home import print_take_home_notes


class TakeHomeDialog(QDialog):
    def __init__(
        self, ctx: ServiceContext, *, child: tuple[int, str] | None = None, classroom_id: int | None = None,
        since: dt.date | None = None, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: Task | None = None
        self.result: PrintResult | None = None
        self.setWindowTitle(_("Print take-home notes"))
        self.scope = QComboBox()
        self.scope.setAccessibleName(_("Notes for"))
        if child is not None:
            self.scope.addItem(_("{name} only").format(name=child[1]), ("child", child[0]))
        try:
            rooms = classrooms.list_classrooms(ctx)
        except PermissionDenied:  # who may not list classrooms still prints a child's notes
            rooms = []
        for room in rooms:
            self.scope.addItem(_("Classroom: {name}").format(name=room.name), ("classroom", room.id))
        self.scope.addItem(_("Every child I may see"), ("all", None))
        if classroom_id is not None and child is None:
            self.scope.setCurrentIndex(max(0, self.scope.findData(("classroom", classroom_id))))
        start = since or dt.date.today() - dt.timedelta(days=30)
        self.since = QDateEdit(QDate(start.year, start.month, start.day))
        self.since.setCalendarPopup(True)
        self.since.setAccessibleName(_("Notes shared since"))
        self.make_button = QPushButton(_("&Make the notes"))
        self.make_button.setAccessibleName(_("Make the take-home notes"))
        self.make_button.setDefault(True)
        self.status = QLabel(_("Only notes marked “Share with the family” are printed."))
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Take-home notes status"))
        self.preview = PdfPreview()
        self.preview.setMinimumHeight(360)
        form = QFormLayout()
        for text, field in ((_("Notes &for:"), self.scope), (_("Shared &since:"), self.since)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        make_row = QHBoxLayout()
        make_row.addWidget(self.make_button)
        make_row.addStretch(1)
        form.addRow("", make_row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)
        layout.addWidget(close)
        self.make_button.clicked.connect(self.make)
        self.resize(720, 760)

    def chosen(self) -> dict[str, Any]:
        kind, ident = self.scope.currentData()
        since = self.since.date().toPython()
        if kind == "child":
            return {"since": since, "child_id": ident}
        if kind == "classroom":
            return {"since": since, "classroom_id": ident}
        return {"since": since, "all_children": True}

    def make(self) -> Task:
        """Build the PDF in a worker; "nothing shared since then" is an answer, not an error box."""
        ctx, choice = self.ctx, self.chosen()
        self.make_button.setEnabled(False)
        self.status.setText(_("Making the notes…"))

        def work(_progress, _cancelled):  # type: ignore[no-untyped-def]
            try:
                return print_take_home_notes(ctx, **choice)
            except NotFoundError as exc:
                return str(exc)

        self.task = run_task(self, _("Printing take-home notes…"), work, self._done)
        self.task.finished.connect(lambda _r: self.make_button.setEnabled(True))
        return self.task

    def _done(self, result: PrintResult | str) -> None:
        if isinstance(result, str):
            self.result = None
            self.status.setText(result)
            self.preview.set_pdf(b"")
            return
        self.result = result
        name = f"take-home-notes-{self.chosen()['since'].isoformat()}.pdf"
        self.status.setText(
            _("{pages} page(s) ready: print them, or save them as a PDF.").format(pages=result.pages)
        )
        self.preview.set_pdf(result.pdf, result.warnings, name)
        self.preview.save_button.setFocus()
