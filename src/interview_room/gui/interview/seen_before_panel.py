"""The "Seen before?" panel (issue 16): after the person agreed to a record being kept, the
interviewers record the given names, surname and year of birth and ask whether the person was
interviewed before at any border point. Each match is shown as where and when the earlier
interview was and its strength, a possibility to confirm with the person, with the guidance not
to make them tell it again; the earlier decision and referral only once today's decision is
recorded, and never for a weak match (sixth practitioner's review, finding 11).

The check is the core's (``seen_before/held.check_case``, which writes the audit entry); the
match lines and guidance are worded by ``seen_before/wording.py`` in the interface language.

The fields start from what the case holds (``seen_before/prefill.py``): the name, an earlier
check's details, the nationality answered. The protocol asks an age, not a year of birth: the
year then stays empty ("—") and the panel says so. A nationality chosen here for a case that
has not answered it yet serves this check only and is never stored.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from interview_room.gui.messages import describe_error, interface_language
from interview_room.gui.widgets import describe, form_layout, label
from interview_room.interview.interview_store import load_answers, load_decision
from interview_room.screening import text
from interview_room.seen_before.errors import SeenBeforeError
from interview_room.seen_before.held import (
    NATIONALITY_QUESTION,
    SeenBeforeCheck,
    SeenBeforeNameDiffers,
    check_case,
    check_details,
    record_details,
)
from interview_room.seen_before.prefill import AGE_QUESTION, prefill
from interview_room.seen_before.wording import check_text

if TYPE_CHECKING:
    from interview_room.interview.interview import Interview
    from interview_room.workstation import Session

NO_YEAR = 1899
"""The spin box's "not known" value, shown as "—": below any year a token accepts."""


class SeenBeforePanel(QFrame):
    """The check for one case. ``checked`` is emitted with the number of matches shown."""

    checked = Signal(int)

    def __init__(
        self,
        session: Session,
        case_id: str,
        parent: QWidget | None = None,
        interview: Interview | None = None,
    ) -> None:
        """``interview``: the one open in the wizard (its answers, as on screen, and its
        protocol's nationalities); without it the answers are read from the store."""
        super().__init__(parent)
        self._session = session
        self._case_id = case_id
        self._interview = interview
        self.setObjectName("seenBeforePanel")
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(QCoreApplication.translate("SeenBeforePanel", "Seen before?"), role="heading")
        )
        layout.addLayout(self._person_form())
        self.year_note = label("", role="hint")
        self.year_note.setObjectName("seenBeforeYearNote")
        layout.addWidget(self.year_note)
        self.check_button = describe(
            QPushButton(QCoreApplication.translate("SeenBeforePanel", "Seen before?")),
            QCoreApplication.translate("SeenBeforePanel", "Seen before?"),
            QCoreApplication.translate(
                "SeenBeforePanel",
                "Check whether the person was interviewed before at any border point",
            ),
        )
        self.check_button.clicked.connect(self._check)
        layout.addWidget(self.check_button)
        self._add_name_choice(layout)
        self.result = label("", role="note")
        self.result.setObjectName("seenBeforeResult")
        layout.addWidget(self.result)
        layout.addStretch(1)
        for field in (self.given_names, self.surname):
            field.textChanged.connect(self._enable)
        self.birth_year.valueChanged.connect(self._enable)
        self.nationality.currentIndexChanged.connect(self._enable)
        self._fill_from_case()
        self._enable()

    def _person_form(self) -> QFormLayout:
        """Given names, surname, year of birth and nationality, as the case holds them."""
        form = form_layout()  # the labels' gap and alignment of every other form
        self.given_names = describe(
            QLineEdit(),
            QCoreApplication.translate("SeenBeforePanel", "Given names"),
            QCoreApplication.translate(
                "SeenBeforePanel",
                "The person's given names as the case holds them; correct them if wrong.",
            ),
        )
        self.surname = describe(
            QLineEdit(),
            QCoreApplication.translate("SeenBeforePanel", "Surname"),
            QCoreApplication.translate(
                "SeenBeforePanel", "The last word of the name as written; correct it if wrong."
            ),
        )
        self.birth_year = describe(
            QSpinBox(),
            QCoreApplication.translate("SeenBeforePanel", "Year of birth"),
            QCoreApplication.translate(
                "SeenBeforePanel", "The year the person was born; a dash while it is not known."
            ),
        )
        self.birth_year.setRange(NO_YEAR, datetime.now(UTC).year)
        self.birth_year.setSpecialValueText("—")
        self.nationality = describe(
            QComboBox(),
            QCoreApplication.translate("SeenBeforePanel", "Nationality"),
            QCoreApplication.translate(
                "SeenBeforePanel",
                "From the person's answer; chosen here, it serves this check only.",
            ),
        )
        form.addRow(QCoreApplication.translate("SeenBeforePanel", "Given names"), self.given_names)
        form.addRow(QCoreApplication.translate("SeenBeforePanel", "Surname"), self.surname)
        form.addRow(QCoreApplication.translate("SeenBeforePanel", "Year of birth"), self.birth_year)
        form.addRow(QCoreApplication.translate("SeenBeforePanel", "Nationality"), self.nationality)
        return form

    def _fill_from_case(self) -> None:
        interview = self._interview
        answers = (
            interview.answers
            if interview is not None
            else load_answers(self._session.db, self._case_id)
        )
        age_question = (
            interview.protocol.age_rule.age_question if interview is not None else AGE_QUESTION
        )
        found = prefill(self._session.db, self._case_id, answers, age_question)
        self._birth_date = found.birth_date
        self.given_names.setText(found.given_names)
        self.surname.setText(found.surname)
        self.birth_year.setValue(found.birth_year or NO_YEAR)
        self._fill_nationalities(found.nationality)
        if found.birth_year is None and found.age is not None:
            self.year_note.setText(
                QCoreApplication.translate(
                    "SeenBeforePanel",
                    "Only the age was given (%1): it says no year of birth. Ask the person for "
                    "the year, if they know it.",
                ).replace("%1", str(found.age))
            )
        elif found.birth_year is None:
            self.year_note.setText(
                QCoreApplication.translate(
                    "SeenBeforePanel", "No year of birth yet: ask the person, if they know it."
                )
            )
        self.year_note.setHidden(not self.year_note.text())

    def _fill_nationalities(self, answered: str) -> None:
        self.nationality.addItem(QCoreApplication.translate("SeenBeforePanel", "Not known yet"), "")
        options: tuple[str, ...] = (answered,) if answered else ()
        protocol = self._interview.protocol if self._interview is not None else None
        if protocol is not None:
            options = protocol.question(NATIONALITY_QUESTION).options
        for option in options:
            words = option
            if protocol is not None:
                question = protocol.question(NATIONALITY_QUESTION)
                words = text(protocol, interface_language(), question.option_text(option))
            self.nationality.addItem(words, option)
        index = self.nationality.findData(answered)
        self.nationality.setCurrentIndex(max(index, 0))

    def _kept_birth_date(self) -> date | None:
        """The date an earlier check recorded, while the year shown is still its year."""
        born = self._birth_date
        return born if born is not None and born.year == self.birth_year.value() else None

    def _add_name_choice(self, layout: QVBoxLayout) -> None:
        """Asked when the name typed is not the case's (attacker 8, B1): a name checked "on"
        the case would otherwise become the case's person at every border point."""
        self.name_choice = QFrame()
        self.name_choice.setObjectName("seenBeforeNameChoice")
        choice = QVBoxLayout(self.name_choice)
        choice.setContentsMargins(0, 0, 0, 0)
        choice.addWidget(
            label(
                QCoreApplication.translate(
                    "SeenBeforePanel",
                    "The name typed is not the name this case holds. Is it the name of this "
                    "case's person?",
                ),
                role="note",
            )
        )
        self.correct_name_button = self._choice_button(
            QCoreApplication.translate("SeenBeforePanel", "Yes: correct the case's name and check")
        )
        self.correct_name_button.clicked.connect(self._correct_and_check)
        self.check_only_button = self._choice_button(
            QCoreApplication.translate(
                "SeenBeforePanel", "No, someone else: check only, record nothing"
            )
        )
        self.check_only_button.clicked.connect(self._check_only)
        choice.addWidget(self.correct_name_button)
        choice.addWidget(self.check_only_button)
        self.name_choice.hide()
        layout.addWidget(self.name_choice)

    @staticmethod
    def _choice_button(words: str) -> QPushButton:
        button = describe(QPushButton(words), words, words)
        button.setAutoDefault(False)
        return button

    def _enable(self) -> None:
        self.name_choice.hide()
        self.check_button.setEnabled(
            bool(self.given_names.text().strip() and self.surname.text().strip())
            and self.birth_year.value() != NO_YEAR
            and bool(self.nationality.currentData())
        )

    def _typed(self) -> tuple[str, str, int, date | None]:
        return (
            self.given_names.text(),
            self.surname.text(),
            self.birth_year.value(),
            self._kept_birth_date(),
        )

    def _record_and_check(self, correct_case_name: bool) -> SeenBeforeCheck:
        with self._session.db.transaction():
            record_details(
                self._session, self._case_id, *self._typed(), correct_case_name=correct_case_name
            )
        if correct_case_name and self._interview is not None:  # the wizard shows the new name
            given, surname = self._typed()[:2]
            self._interview.set_person_name(f"{given.strip()} {surname.strip()}")
        return check_case(
            self._session, self._case_id, nationality=str(self.nationality.currentData())
        )

    def _show(self, run: Callable[[], SeenBeforeCheck]) -> None:
        self.name_choice.hide()
        try:
            found = run()
        except SeenBeforeNameDiffers:
            self.result.setText("")
            self.name_choice.show()
            return
        except SeenBeforeError as error:
            self.result.setText(describe_error(error))
            self.checked.emit(0)
            return
        self.result.setText(self._wording(found))
        self.checked.emit(len(found.matches))

    def _check(self) -> None:
        self._show(lambda: self._record_and_check(correct_case_name=False))

    def _correct_and_check(self) -> None:
        self._show(lambda: self._record_and_check(correct_case_name=True))

    def _check_only(self) -> None:
        nationality = str(self.nationality.currentData())
        self._show(
            lambda: check_details(self._session, self._case_id, self._typed(), None, nationality)
        )

    def decided(self) -> bool:
        """Today's decision has been chosen and recorded: only then is an earlier decision
        shown (anchoring; sixth practitioner's review, finding 11a)."""
        if self._interview is not None:
            return self._interview.decision() is not None
        return load_decision(self._session.db, self._case_id) is not None

    def _wording(self, found: SeenBeforeCheck) -> str:
        return "\n\n".join(check_text(found.matches, interface_language(), decided=self.decided()))
