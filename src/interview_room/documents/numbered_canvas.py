"""A reportlab canvas that draws each page's furniture once the page count is known, so every
footer can say "page X of Y" in a single build."""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.canvas import Canvas


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """Subclass and implement :meth:`decorate`; pass the subclass as ``canvasmaker``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.decorate(total)
            super().showPage()
        super().save()

    def decorate(self, total: int) -> None:
        """Draw header, footer and page number on the current page (``self._pageNumber``)."""
        raise NotImplementedError
