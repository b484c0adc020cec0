"""The rights script read in short pieces, one at a time, so that the interviewer can stop after
each and check that the person understood (issue 12); the whole script stays one click away, to
read through or print.

The pieces come from the protocol's own text: paragraphs where its authors marked them (a blank
line), otherwise its sentences, a short sentence kept with the next and a question always ending
a piece (it is where the interviewer checks understanding). A piece that ends with a question
("Did you understand?", the authors put it after consent and sharing) shows the interviewer the
check: understood, go on; not understood, "Explain again" (second practitioner's review,
finding 16); the last piece is checked by the answer under it.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QEvent, QIODevice, QMarginsF, QObject, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from interview_room.errors import InterviewRoomError
from interview_room.files import atomic_write_bytes
from interview_room.gui.dialogs.common import choose_save_path, confirm_done, inform
from interview_room.gui.messages import describe_error
from interview_room.gui.widgets import button, describe, label, person_words

SHORT_SENTENCE = 60
"""A sentence shorter than this (in characters) is read together with the next one."""
LONGEST_PIECE = 220
"""Two sentences joined never pass this length: a piece is read aloud in one breath or two."""
_SENTENCE_END = re.compile(r"(?<=[.!?؟。])\s+")
_QUESTION_END = ("?", "؟")


def script_pieces(script: str) -> tuple[str, ...]:
    """``script`` in short pieces to read one at a time, in order; joined, they are the whole
    script (the words are never changed, only where a piece ends)."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", script) if p.strip()]
    if len(paragraphs) > 1:
        return tuple(paragraphs)
    sentences = [s.strip() for s in _SENTENCE_END.split(script.strip()) if s.strip()]
    pieces: list[str] = []
    for sentence in sentences:
        if pieces:
            last = pieces[-1]
            joinable = (
                len(last) < SHORT_SENTENCE
                and not last.endswith(_QUESTION_END)
                and len(last) + 1 + len(sentence) <= LONGEST_PIECE
            )
            if joinable:
                pieces[-1] = f"{last} {sentence}"
                continue
        pieces.append(sentence)
    return tuple(pieces) or (script,)


def numbered(script: str) -> str:
    """The whole script as its numbered pieces, as they are read on screen (for reading
    through and for print)."""
    return "\n\n".join(f"{n}. {piece}" for n, piece in enumerate(script_pieces(script), 1))


class RightsPieces(QFrame):
    """One piece of the rights script at a time, with "Previous piece" and "Next piece".

    Keys: the buttons answer Space and Return; on the piece itself, Page Down, the down arrow
    and Space go on, Page Up and the up arrow go back. At the last piece the focus stays on the
    piece: pressing on never reaches an answer (it would tick "rights read" nobody checked).
    """

    moved = Signal(int)
    """The piece now shown (0-based)."""

    def __init__(
        self, script: str, rtl: bool, interviewer_script: str | None = None, start: int = 0
    ) -> None:
        super().__init__()
        self.setProperty("role", "rights")
        self.script = script
        self.interviewer_script = interviewer_script
        self.pieces = script_pieces(script)
        self.index = 0
        self._rtl = rtl
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.counter = label("", "hint", wrap=False)
        layout.addWidget(self.counter)
        self.piece = person_words("", rtl)
        self.piece.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.piece.installEventFilter(self)
        # Read from the top of the room kept for the longest piece, on the reading side.
        horizontal = self.piece.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask
        self.piece.setAlignment(horizontal | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.piece)
        self.explained_again: dict[int, int] = {}
        """How many times each piece (0-based) was explained again."""
        layout.addLayout(self._checking_row())
        layout.addLayout(self._moving_row())
        self._show(min(max(start, 0), len(self.pieces) - 1))

    def _checking_row(self) -> QHBoxLayout:
        """The understanding check and "Explain again", shown only on a piece that asks."""
        self.check = label("", "guidance")
        self.again_button = button(
            self.tr("Explain again"),
            description=self.tr(
                "The person did not understand: explain this piece again in other words."
            ),
        )
        self.again_button.setAutoDefault(False)
        self.again_button.clicked.connect(self.explain_again)
        # Shown only on a piece that asks; its room stays, so the buttons never move.
        for widget in (self.check, self.again_button):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
        # The check and its button on their own row: the piece's buttons fit 900 pixels.
        checking = QHBoxLayout()
        checking.addWidget(self.check, 1)
        checking.addWidget(self.again_button)
        return checking

    def _moving_row(self) -> QHBoxLayout:
        """Previous, next and the whole script."""
        row = QHBoxLayout()
        self.previous_button = button(
            self.tr("← Previous piece"),
            description=self.tr("Read the piece before this one again."),
        )
        self.next_button = button(
            self.tr("Next piece →"),
            description=self.tr(
                "Show the next piece of the rights, once the person has understood this one."
            ),
        )
        # Return on the page never moves on by itself (issue 11): only these buttons do.
        for widget in (self.previous_button, self.next_button):
            widget.setAutoDefault(False)
            widget.setDefault(False)
        self.whole_button = button(
            self.tr("Whole script…"),
            description=self.tr("The rights in one text, to read through or print."),
        )
        self.previous_button.clicked.connect(self.show_previous)
        self.next_button.clicked.connect(self.show_next)
        self.whole_button.clicked.connect(self.show_whole)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addStretch(1)
        row.addWidget(self.whole_button)
        return row

    @property
    def at_end(self) -> bool:
        return self.index == len(self.pieces) - 1

    @property
    def asks(self) -> bool:
        """The piece shown ends with a question: the interviewer checks understanding. Not
        the last piece: the answer under it ("rights read aloud and understood") is that
        check."""
        return not self.at_end and self.pieces[self.index].rstrip().endswith(_QUESTION_END)

    def explain_again(self) -> None:
        """The person did not understand: stay on the piece, say so, and count it."""
        times = self.explained_again.get(self.index, 0) + 1
        self.explained_again[self.index] = times
        self.check.setText(
            self.tr("Explained again (%1). Ask again: did the person understand?").replace(
                "%1", str(times)
            )
        )
        self.piece.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reserve_room()

    def _reserve_room(self) -> None:
        """The piece keeps the height of the longest one at this width and in this font (the
        person's words can be made larger), so "Next piece" and the answers below never move
        while the pieces are read: a second click lands where the first did."""
        width = self.piece.width()
        shown = self.piece.text()
        tallest = 0
        self.piece.blockSignals(True)
        for piece in self.pieces:
            self.piece.setText(piece)
            tallest = max(tallest, self.piece.heightForWidth(width))
        self.piece.setText(shown)
        self.piece.blockSignals(False)
        if tallest > 0 and tallest != self.piece.minimumHeight():
            self.piece.setMinimumHeight(tallest)

    def first_control(self) -> QWidget:
        """Where the keyboard starts: the next piece (or, with one piece, the piece itself)."""
        return self.next_button if self.next_button.isEnabled() else self.piece

    def show_next(self) -> None:
        if not self.at_end:
            self._show(self.index + 1)

    def show_previous(self) -> None:
        if self.index > 0:
            self._show(self.index - 1)

    def _show(self, index: int) -> None:
        had_focus = self.next_button.hasFocus() or self.previous_button.hasFocus()
        self.index = index
        self.piece.setText(self.pieces[index])
        self.counter.setText(
            self.tr("Read to the person, piece %1 of %2; then check that it was understood.")
            .replace("%1", str(index + 1))
            .replace("%2", str(len(self.pieces)))
        )
        describe(
            self.piece,
            self.tr("Piece %1 of %2 of the rights")
            .replace("%1", str(index + 1))
            .replace("%2", str(len(self.pieces))),
            self.pieces[index],
        )
        # A button about to be disabled hands its focus to the piece, never onward to the
        # answers below (Qt would give it to the next control in the chain).
        if had_focus and (self.at_end or index == 0):
            self.piece.setFocus()
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(not self.at_end)
        self.check.setText(
            self.tr("Did the person understand? Yes: Next piece. No: Explain again.")
        )
        self.check.setVisible(self.asks)
        self.again_button.setVisible(self.asks)
        self.moved.emit(index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.piece and event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
        ):
            self._reserve_room()
        plain = (
            watched is self.piece
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and not event.modifiers()
            & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier)
        )
        if plain and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_PageDown, Qt.Key.Key_Down, Qt.Key.Key_Space):
                self.show_next()
                return True
            if event.key() in (Qt.Key.Key_PageUp, Qt.Key.Key_Up):
                self.show_previous()
                return True
        return super().eventFilter(watched, event)

    def show_whole(self) -> None:
        WholeScriptDialog(self.script, self._rtl, self.interviewer_script, self).exec()


class WholeScriptDialog(QDialog):
    """The rights in one text, in the person's language (and the interviewer's, when it is
    another), with a way to print it; with no printer, a PDF the user saves. The script holds
    nothing about the person, so the file needs no protection beyond the user's folder."""

    def __init__(
        self, script: str, rtl: bool, interviewer_script: str | None, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("The rights, whole script"))
        self.setModal(True)
        self.setMinimumWidth(560)
        self.script = script
        self.interviewer_script = interviewer_script
        self.saved_to: Path | None = None
        self.text = describe(
            QPlainTextEdit(numbered(script)),
            self.tr("The rights, whole script"),
            self.tr("The whole text read to the person, in their language."),
        )
        self.text.setReadOnly(True)
        self.text.setTabChangesFocus(True)
        if rtl:
            self.text.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * 16)
        layout = QVBoxLayout(self)
        layout.addWidget(label(self.tr("The rights, whole script"), "subheading"))
        layout.addWidget(self.text)
        if interviewer_script is not None and interviewer_script != script:
            layout.addWidget(label(self.tr("In your language:"), "hint"))
            own = describe(
                QPlainTextEdit(numbered(interviewer_script)),
                self.tr("The rights in your language"),
                self.tr("The same text in the interviewer's language, to follow along."),
            )
            own.setReadOnly(True)
            own.setTabChangesFocus(True)
            own.setMinimumHeight(own.fontMetrics().lineSpacing() * 6)
            layout.addWidget(own)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = button(
            self.tr("Print…"),
            description=self.tr(
                "Print the whole script; with no printer, save it as a PDF to print elsewhere."
            ),
        )
        self.print_button.setAutoDefault(False)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        describe(close, close.text(), self.tr("Close the whole script."))
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_script)
        layout.addWidget(buttons)
        close.setFocus()

    def _document(self) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(0)
        texts = [self.script]
        if self.interviewer_script is not None and self.interviewer_script != self.script:
            texts.append(self.interviewer_script)
        document.setPlainText("\n\n\n".join(numbered(t) for t in texts))
        return document

    def print_script(self) -> None:
        if QPrinterInfo.availablePrinters():
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
            dialog = QPrintDialog(printer, self)
            if dialog.exec() == QPrintDialog.DialogCode.Accepted:
                self._document().print_(printer)
            return
        chosen = choose_save_path(
            self,
            self.tr("No printer: save the rights as a PDF"),
            self.tr("rights") + ".pdf",
            self.tr("PDF files (*.pdf)"),
        )
        if chosen is None:
            return
        try:
            atomic_write_bytes(chosen, self.pdf())
        except (InterviewRoomError, OSError) as error:
            inform(self, self.tr("Not saved"), describe_error(error))
            return
        self.saved_to = chosen
        confirm_done(
            self,
            self.tr("Saved"),
            self.tr("The rights were saved to %1. Print the file there.").replace(
                "%1", str(chosen)
            ),
        )

    def pdf(self) -> bytes:
        """The whole script as an A4 PDF (Qt lays out right-to-left text itself)."""
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(20, 20, 20, 20),
                QPageLayout.Unit.Millimeter,
            )
        )
        writer.setTitle(self.tr("The rights, whole script"))
        self._document().print_(writer)
        buffer.close()
        return bytes(buffer.data().data())
