"""The person's information sheet: pick their language, save the PDF to print or hand over.

The sheet carries no personal data (no name, no case code), so saving it needs no audit; it is
written where the user chooses, atomically.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QWidget

from interview_room.documents.directory import Directory
from interview_room.documents.information_sheet import render_information_sheet
from interview_room.documents.information_texts import (
    available_languages,
    load_information_texts,
)
from interview_room.errors import InterviewRoomError
from interview_room.files import atomic_write_bytes
from interview_room.gui.dialogs.common import FormDialog, choose_save_path
from interview_room.gui.messages import describe_error
from interview_room.gui.widgets import describe


class InformationSheetDialog(FormDialog):
    """Choose the person's language; the sheet is saved as a PDF for printing."""

    def __init__(
        self,
        station_name: str,
        preferred: str | None,
        parent: QWidget | None = None,
        directory: Directory | None = None,
    ) -> None:
        """``directory``: the station's own (the central office may have sent a newer one);
        None: the one shipped with the program."""
        super().__init__(
            self.tr("Information sheet for the person"),
            self.tr(
                "“Your rights and where to get help”, in the person's language. Print it, or "
                "read it aloud; it holds no name and no case code."
            ),
            parent,
        )
        self._station_name = station_name
        self._directory = directory
        self.saved_to: Path | None = None
        self.language = describe(
            QComboBox(),
            self.tr("The person's language"),
            self.tr("The language the sheet is printed in."),
        )
        for code in available_languages():
            texts = load_information_texts(code)
            self.language.addItem(texts.name, code)
            if code == preferred:
                self.language.setCurrentIndex(self.language.count() - 1)
        self.form.addRow(self.tr("The person's language"), self.language)
        self.describe_ok(
            self.tr("Choose where to save the sheet as a PDF, to print or hand over."),
            self.tr("Save the PDF…"),
        )

    def apply(self) -> bool:
        language = str(self.language.currentData())
        chosen = choose_save_path(
            self,
            self.tr("Save the information sheet"),
            f"information-{language}.pdf",
            "PDF (*.pdf)",
        )
        if chosen is None:
            return False
        try:
            pdf = render_information_sheet(
                language,
                station_name=self._station_name,
                issued_on=date.today(),
                directory=self._directory,
            )
            atomic_write_bytes(chosen, pdf)
        except (InterviewRoomError, OSError) as error:
            self.show_error(describe_error(error))
            return False
        self.saved_to = chosen
        return True
