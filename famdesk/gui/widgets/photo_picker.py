"""Pick a photo for a note: a thumbnail, Choose photo… (the system's file dialog), Remove photo.

The file is checked before it is kept (size first, without reading a huge file; then the same type
check as the service, then whether Qt can draw it), and the reason is shown in words beside the
thumbnail. The bytes go to the service, which stores them in the database.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from famdesk.i18n import _
from famdesk.services.observations import MAX_PHOTO_BYTES, check_photo


class PhotoPicker(QWidget):
    changed = Signal()

    def __init__(self, thumb: int = 96, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photo: bytes | None = None
        self.thumb_size = thumb
        self.thumb = QLabel()
        self.thumb.setFixedSize(thumb, thumb)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setStyleSheet("QLabel { border: 1px solid #999; background: #f4f4f4; }")
        self.thumb.setAccessibleName(_("Photo"))
        self.choose_button = QPushButton(_("Ph&oto…"))
        self.choose_button.setAccessibleName(_("Choose a photo"))
        self.choose_button.setToolTip(_("A PNG, JPEG, GIF or WebP image up to 8 MB; kept in the database."))
        self.remove_button = QPushButton(_("Remove photo"))
        self.remove_button.setAccessibleName(_("Remove the photo"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Photo status"))
        # Small thumbnails (the quick note) keep the buttons on one line; large ones stack them.
        buttons = QVBoxLayout() if thumb >= 80 else QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        if thumb >= 80:
            buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thumb)
        layout.addLayout(buttons)
        layout.addWidget(self.message, 1)
        self.choose_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(lambda: self.set_photo(None))
        self.set_photo(None)

    def choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a photo"), "", _("Images (*.png *.jpg *.jpeg *.gif *.webp)")
        )
        if path:
            self.load_file(path)

    def load_file(self, path: str | Path) -> bool:
        """Keep the image at ``path`` if it can be a note's photo; otherwise say why and keep the old one."""
        path = Path(path)
        try:
            if path.stat().st_size > MAX_PHOTO_BYTES:  # asked before reading: it may be a whole video
                return self._refuse(_("The photo is larger than 8 MB; choose a smaller one."))
            data = path.read_bytes()
        except OSError:
            return self._refuse(_("That file could not be opened."))
        problem = check_photo(data)
        if problem:
            return self._refuse(problem)
        if QImage.fromData(data).isNull():
            return self._refuse(_("That file is damaged or not an image famdesk can show."))
        self.set_photo(data)
        kb = max(1, len(data) // 1024)
        chosen = _("Photo chosen ({size} KB); it is kept with the note when you save.")
        self.message.setText(chosen.format(size=kb))
        return True

    def _refuse(self, reason: str) -> bool:
        self.message.setText(reason)
        self.message.setStyleSheet("color: #a00000;")
        return False

    def set_photo(self, data: bytes | None) -> None:
        self.photo = data
        self.message.setStyleSheet("")
        self.message.setText("" if data else _("No photo."))
        image = QImage.fromData(data) if data else QImage()
        if image.isNull():
            self.thumb.setPixmap(QPixmap())  # the words beside it say "No photo."
        else:
            self.thumb.setPixmap(
                QPixmap.fromImage(image).scaled(
                    self.thumb_size, self.thumb_size, Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.remove_button.setEnabled(data is not None)
        self.changed.emit()
