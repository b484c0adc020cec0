"""A signed PDF shown page by page, as the very bytes it is: what a signer reads before signing.

Pages are drawn by PDFium into memory (``documents/pdf_pages.py``) and shown as pictures, as wide
as the window, larger or smaller with Ctrl and + or -; the keyboard scrolls them (arrows, Page Up,
Page Down, Home, End). Each page's words are its description for screen readers. Nothing is
written to disk.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from interview_room.documents.pdf_pages import PageImage, page_texts, render_pages
from interview_room.gui.widgets import describe, label

A4_WIDTH_INCHES = 210 / 25.4
ZOOMS = (0.75, 1.0, 1.25, 1.5, 2.0, 2.5)
"""Sizes relative to the window's width; 1.0 fits a page's width in the window."""
MAX_DOTS_PER_INCH = 300


class FormPagesView(QScrollArea):
    """Every page of ``pdf``, one under the other, fitted to the width and scrollable."""

    def __init__(self, pdf: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pdf = pdf
        self._zoom_index = ZOOMS.index(1.0)
        self._dots_per_inch = 0.0
        self._images: list[QImage] = []
        texts = page_texts(pdf)
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("role", "pages")  # the theme draws its focus ring
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        describe(
            self,
            self.tr("The form you sign"),
            self.tr(
                "Every page of the stored form, exactly as it will be signed. Arrow keys, Page Up"
                " and Page Down scroll; Ctrl and + or - make the pages larger or smaller."
            ),
        )
        container = QWidget()
        container.setObjectName("formPages")
        layout = QVBoxLayout(container)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        self.captions: list[QLabel] = []
        self.pictures: list[QLabel] = []
        for number, words in enumerate(texts, start=1):
            caption = label(
                self.tr("Page %1 of %2").replace("%1", str(number)).replace("%2", str(len(texts))),
                "hint",
            )
            picture = QLabel()
            picture.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            picture.setStyleSheet("background: white; border: 1px solid #888;")
            describe(picture, caption.text(), " ".join(words.split()))
            layout.addWidget(caption)
            layout.addWidget(picture, 0, Qt.AlignmentFlag.AlignHCenter)
            self.captions.append(caption)
            self.pictures.append(picture)
        layout.addStretch(1)
        self.setWidget(container)

    @property
    def page_count(self) -> int:
        return len(self.pictures)

    @property
    def zoom(self) -> float:
        return ZOOMS[self._zoom_index]

    def zoom_by(self, steps: int) -> None:
        """Larger (positive ``steps``) or smaller pages; 0 goes back to the window's width."""
        index = ZOOMS.index(1.0) if steps == 0 else self._zoom_index + steps
        self._zoom_index = max(0, min(len(ZOOMS) - 1, index))
        self._show_pages()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_pages()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        bar = self.verticalScrollBar()
        if control and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1)
        elif control and key == Qt.Key.Key_Minus:
            self.zoom_by(-1)
        elif control and key == Qt.Key.Key_0:
            self.zoom_by(0)
        elif key == Qt.Key.Key_Home:
            bar.setValue(bar.minimum())
        elif key == Qt.Key.Key_End:
            bar.setValue(bar.maximum())
        elif key == Qt.Key.Key_Space:
            bar.setValue(bar.value() + bar.pageStep())
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _show_pages(self) -> None:
        """Each page as wide as the window (times the zoom), drawn sharp for this screen."""
        if not self.pictures:
            return
        ratio = self.devicePixelRatioF()
        width = max(200, int((self.viewport().width() - 24) * self.zoom))
        pixels = int(width * ratio)
        needed = min(MAX_DOTS_PER_INCH, pixels / A4_WIDTH_INCHES)
        if needed > self._dots_per_inch * 1.02:
            self._images = [_image(page) for page in render_pages(self._pdf, needed)]
            self._dots_per_inch = needed
        for picture, image in zip(self.pictures, self._images, strict=True):
            scaled = image.scaledToWidth(
                min(pixels, image.width()), Qt.TransformationMode.SmoothTransformation
            )
            pixmap = QPixmap.fromImage(scaled)
            pixmap.setDevicePixelRatio(ratio)
            picture.setPixmap(pixmap)
            picture.setFixedSize(pixmap.deviceIndependentSize().toSize())


def _image(page: PageImage) -> QImage:
    # A copy: the QImage must not point into the bytes object, which Python may free.
    return QImage(
        page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGBX8888
    ).copy()
