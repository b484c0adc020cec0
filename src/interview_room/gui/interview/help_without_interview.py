"""Help that never depends on the interview (issue 12): after the person (or a child's guardian)
says no to the interview, or the interview is stopped, the officer can still record the
immediate needs, hand over the information sheet, call for emergency help and refer the person
to a shelter with their consent, or a child to the Child Protection Unit as the law requires.

What is recorded follows the consent to keeping a record, as everywhere: without it the needs
stay in this session's memory only (``Interview.answer_for_help``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from interview_room.errors import InterviewRoomError
from interview_room.gui.dialogs.referrals import unstored_warning_words
from interview_room.gui.interview.emergency import EmergencyContacts
from interview_room.gui.interview.question_card import QuestionCard
from interview_room.gui.messages import describe_error
from interview_room.gui.widgets import button, describe, label
from interview_room.interview.errors import InterviewError
from interview_room.interview.interview import Interview
from interview_room.referral.informing import agreed_referrals_held_in_memory
from interview_room.referral.recipients import possible_basis
from interview_room.screening import Answer, ConsentScope, ConsentState, Question

SHELTER = "shelter"
CHILD_PROTECTION_UNIT = "child_protection_unit"


class HelpQuestionsDialog(QDialog):
    """Some of :meth:`Interview.help_questions`, one at a time (as in the interview: nothing
    appears under the pointer), each saved the moment it is given."""

    def __init__(
        self,
        interview: Interview,
        question_ids: list[str],
        language: str,
        title: str,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(620)
        self.interview = interview
        self._wanted = question_ids
        self._language = language
        self.card: QuestionCard | None = None
        self.index = 0
        self.recorded = 0
        """How many answers were recorded or changed here."""
        layout = QVBoxLayout(self)
        layout.addWidget(label(title, "subheading"))
        self.position = label("", "hint", wrap=False)
        layout.addWidget(self.position)
        self.holder = QVBoxLayout()
        layout.addLayout(self.holder, 1)
        row = QHBoxLayout()
        self.back_button = button(
            self.tr("← Back"), description=self.tr("The question before this one.")
        )
        self.next_button = button(
            self.tr("Next →"), description=self.tr("The next question; nothing is recorded for it.")
        )
        self.done_button = button(
            self.tr("Done"),
            primary=True,
            description=self.tr("Close; every answer given here is already saved."),
        )
        for widget in (self.back_button, self.next_button, self.done_button):
            widget.setAutoDefault(False)
            widget.setDefault(False)
        self.back_button.clicked.connect(lambda: self._show(self.index - 1))
        self.next_button.clicked.connect(lambda: self._show(self.index + 1))
        self.done_button.clicked.connect(self._done)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.next_button)
        row.addWidget(self.done_button)
        layout.addLayout(row)
        self._show(0)

    def questions(self) -> list[Question]:
        """The wanted questions shown now (an answer may show a follow-up, reached by Next)."""
        shown = {q.id for q in self.interview.help_questions()}
        return [self.interview.protocol.question(q) for q in self._wanted if q in shown]

    def _show(self, index: int) -> None:
        questions = self.questions()
        if not questions:
            return
        if self.card is not None:
            self.card.flush()
            self.card.deleteLater()
        self.index = max(0, min(index, len(questions) - 1))
        question = questions[self.index]
        self.card = QuestionCard(
            self.interview.protocol,
            question,
            self.interview.answers.get(question.id),
            self._language,
            self.interview.person_language,
            presumed_child=self.interview.presumed_child,
        )
        self.card.answered.connect(self._save)
        self.card.cleared.connect(lambda question_id: self._record(question_id, None))
        self.holder.addWidget(self.card)
        self.position.setText(
            self.tr("Question %1 of %2")
            .replace("%1", str(self.index + 1))
            .replace("%2", str(len(questions)))
        )
        self._update_buttons()
        first = self.card.first_control()
        if first is not None:
            first.setFocus()

    def _update_buttons(self) -> None:
        count = len(self.questions())
        self.back_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index + 1 < count)
        for widget in (self.back_button, self.next_button, self.position):
            widget.setVisible(count > 1)  # one question: nothing to move between

    def _save(self, answer: Answer) -> None:
        self._record(answer.question_id, answer)

    def _record(self, question_id: str, answer: Answer | None) -> None:
        try:
            self.interview.answer_for_help(question_id, answer)
        except InterviewRoomError as error:
            if self.card is not None:
                self.card.show_problem(
                    describe_error(error)  # e.g. who answered for the child first (issue 12)
                    if isinstance(error, InterviewError)
                    else self.tr("Not saved: this answer does not fit the question.")
                )
            return
        self.recorded += 1
        self._update_buttons()

    def _done(self) -> None:
        if self.card is not None:
            self.card.flush()
        self.accept()


class HelpWithoutInterview(QFrame):
    """The help still possible after a declined or stopped interview, on the case summary."""

    information_sheet_requested = Signal()
    referral_requested = Signal(str)
    """Make a referral to this recipient (its basis holds: consent, or a legal duty)."""
    changed = Signal(str)
    """Something was recorded: show the case again with this line."""

    def __init__(self, interview: Interview, language: str, may_refer: bool) -> None:
        super().__init__()
        self.setProperty("role", "question")
        self.interview = interview
        self._language = language
        column = QVBoxLayout(self)
        column.setSpacing(8)
        column.addWidget(
            label(self.tr("Help that does not depend on the interview"), "question-title")
        )
        column.addWidget(
            label(
                self.tr(
                    "The person can still get help: record what they need now, give them the "
                    "information sheet, call for emergency help, and refer them to a shelter "
                    "if they agree (a child to the Child Protection Unit, as the law requires)."
                ),
                "hint",
            )
        )
        # No record kept: what a referral the person agreed to needs is in memory only.
        self.unstored_warning = label(unstored_warning_words(interview), "error")
        self.unstored_warning.setVisible(bool(agreed_referrals_held_in_memory(interview)))
        column.addWidget(self.unstored_warning)
        self.emergency = EmergencyContacts(
            language, interview.station_folder, interview.station_store
        )
        column.addWidget(self.emergency)
        column.addLayout(self._needs_row())
        self._add_referrals(column, may_refer)
        describe(
            self,
            self.tr("Help that does not depend on the interview"),
            self.tr("Immediate needs, the information sheet, emergency numbers and referrals."),
        )

    def _needs_row(self) -> QHBoxLayout:
        """Immediate needs (how many recorded) and the information sheet."""
        needs = self._needs_ids()
        given = [q for q in needs if q in self.interview.answers]
        self.needs_state = label(
            self.tr("Immediate needs: %1 of %2 recorded")
            .replace("%1", str(len(given)))
            .replace("%2", str(len(needs))),
            "hint",
        )
        self.needs_button = button(
            self.tr("Immediate needs…"),
            description=self.tr(
                "Medical care, food, water, rest, safety, children with them: one question at "
                "a time, each saved at once."
            ),
        )
        self.needs_button.clicked.connect(self.record_needs)
        self.sheet_button = button(
            self.tr("Information sheet for the person…"),
            description=self.tr(
                "“Your rights and where to get help” in the person's language, to print or hand "
                "over."
            ),
        )
        self.sheet_button.clicked.connect(self.information_sheet_requested)
        first_row = QHBoxLayout()
        first_row.addWidget(self.needs_button)
        first_row.addWidget(self.needs_state, 1)
        first_row.addWidget(self.sheet_button)
        return first_row

    def _add_referrals(self, column: QVBoxLayout, may_refer: bool) -> None:
        """A shelter, and for a presumed child the Child Protection Unit; off without the right."""
        interview, protocol = self.interview, self.interview.protocol
        self.shelter_state = label(self._shelter_words(), "hint")
        self.shelter_button = button(
            self.tr("Referral to a shelter…"),
            description=self.tr(
                "Ask the person whether they agree that a shelter is told what it needs to "
                "offer them a safe place; with their yes, make the referral."
            ),
        )
        self.shelter_button.clicked.connect(self.refer_to_shelter)
        second_row = QHBoxLayout()
        second_row.addWidget(self.shelter_button)
        second_row.addWidget(self.shelter_state, 1)
        column.addLayout(second_row)
        self.child_button: QWidget | None = None
        if interview.presumed_child and CHILD_PROTECTION_UNIT in protocol.referral_recipients:
            child_button = button(
                self.tr("Referral to the Child Protection Unit (required by law)…"),
                description=self.tr(
                    "A presumed child is referred to the Child Protection Unit even without "
                    "consent; the form names the law."
                ),
            )
            child_button.clicked.connect(self._refer_child)
            third_row = QHBoxLayout()
            third_row.addWidget(child_button)
            third_row.addStretch(1)
            column.addLayout(third_row)
            self.child_button = child_button
        if not may_refer:
            for widget in (self.shelter_button, self.child_button):
                if widget is not None:
                    widget.setEnabled(False)
            column.addWidget(
                label(
                    self.tr(
                        "A referral is made and signed first by a border police officer: sign "
                        "in as the officer to make one."
                    ),
                    "hint",
                )
            )

    def _needs_ids(self) -> list[str]:
        sharing = {
            q.id
            for q in self.interview.protocol.questions
            if q.consent is not None and q.consent.scope is ConsentScope.SHARING
        }
        return [q.id for q in self.interview.help_questions() if q.id not in sharing]

    def _shelter_words(self) -> str:
        # Whole sentences, no recipient's name pasted in (Albanian would need its case).
        state = self.interview.consent_state(ConsentScope.SHARING, SHELTER)
        if state is ConsentState.GIVEN:
            return self.tr("The person agreed to a shelter referral.")
        if state is ConsentState.REFUSED:
            return self.tr("The person did not agree to a shelter referral: none is made.")
        return self.tr("Not asked yet whether the person agrees to a shelter referral.")

    def record_needs(self) -> None:
        dialog = HelpQuestionsDialog(
            self.interview, self._needs_ids(), self._language, self.tr("Immediate needs"), self
        )
        dialog.exec()
        if dialog.recorded:
            self.changed.emit(self.tr("✓ The immediate needs are recorded as given."))

    def _refer_child(self) -> None:
        self.referral_requested.emit(CHILD_PROTECTION_UNIT)

    def refer_to_shelter(self) -> None:
        """The consent first (asked again only when it is not a yes), then the referral."""
        if self.interview.consent_state(ConsentScope.SHARING, SHELTER) is not ConsentState.GIVEN:
            question = self.interview.protocol.consent_question(ConsentScope.SHARING, SHELTER)
            HelpQuestionsDialog(
                self.interview,
                [question.id],
                self._language,
                self.tr("Consent to a shelter referral"),
                self,
            ).exec()
        if possible_basis(self.interview, SHELTER) is None:
            if self.interview.consent_state(ConsentScope.SHARING, SHELTER) is not (
                ConsentState.NOT_ASKED
            ):
                self.changed.emit(self._shelter_words())
            return
        self.referral_requested.emit(SHELTER)
