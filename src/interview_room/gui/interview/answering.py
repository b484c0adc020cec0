"""Answers on the interview page: each saved the moment it is given, the decision's draft as it
is written, and what changes in place after an answer (the section counts, the position, the
footer, the child badge, the storage note and the name button); nothing on the page moves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from interview_room.errors import InterviewRoomError
from interview_room.gui.messages import describe_error
from interview_room.interview.errors import InterviewError
from interview_room.interview.personal_data import PersonalData
from interview_room.screening import Answer, ConsentScope

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QPushButton

    from interview_room.gui.interview.question_card import QuestionCard
    from interview_room.gui.interview.seen_before_action import SeenBeforeAction
    from interview_room.interview.interview import Interview

translate = QCoreApplication.translate

STORAGE_CONSENT = "consent_storage"
"""The consent to keeping a record (its refusal keeps only the anonymous minimum)."""


class WizardAnswers:
    """Saving answers and updating the page after one (a mixin of ``WizardPage``). Its words
    keep the page's translation context."""

    if TYPE_CHECKING:
        interview: Interview
        card: QuestionCard | None
        storage_note: QLabel | None
        child_badge: QLabel
        name_button: QPushButton
        seen_before: SeenBeforeAction
        _rights_index: int

        def _refresh_nav_counts(self) -> None: ...

        def _update_position(self) -> None: ...

        def _update_footer(self) -> None: ...

    def _update_child_badge(self) -> None:
        interview = self.interview
        age = interview.answers.get(interview.protocol.age_rule.age_question)
        if not interview.presumed_child:
            self.child_badge.hide()
            return
        rule = interview.protocol.age_rule
        doubt = interview.answers.get(rule.doubt_question)
        stated_adult = (
            age is not None
            and age.is_answered
            and isinstance(age.value, int)
            and age.value >= rule.adult_age
        )
        if age is None or not age.is_answered:
            words = translate("WizardPage", "Age not known yet: treated as a child")
        elif stated_adult and (doubt is None or not doubt.is_answered):
            # An adult age alone does not lift the presumption: the doubt question does.
            words = translate(
                "WizardPage", "Adult age given; until the doubt about it is answered: as a child"
            )
        else:
            words = translate("WizardPage", "Presumed child: child rules apply")
        self.child_badge.setText(words)
        self.child_badge.setMinimumWidth(self.child_badge.sizeHint().width())
        self.child_badge.show()

    # -- answers ---------------------------------------------------------------------------

    def _save(self, answer: Answer) -> None:
        try:
            self.interview.answer(answer)
        except InterviewRoomError as error:
            if self.card is not None:
                # A refusal of the interview's own (the Unit's consents, issue 12) says what
                # to do; a value that does not fit says so.
                self.card.show_problem(
                    describe_error(error)
                    if isinstance(error, InterviewError)
                    else translate(
                        "WizardPage", "Not saved: this answer does not fit the question."
                    )
                )
            return
        self._after_change()

    def _clear(self, question_id: str) -> None:
        self.interview.clear(question_id)
        self._after_change()

    def _save_draft(self, answers: list[Answer]) -> None:
        """The decision and its reasons as they are being written, so closing loses nothing.
        Once the decision is recorded the record is final: a late save (the typing pause
        ending, a flush on the way out) has nothing left to keep."""
        if self.interview.outcome is not None:
            return
        for answer in answers:
            if answer.is_answered:
                self.interview.answer(answer)
            elif answer.question_id in self.interview.answers:
                self.interview.clear(answer.question_id)

    def _rights_moved(self, index: int) -> None:
        self._rights_index = index

    def _update_storage_note(self) -> None:
        if self.storage_note is None:
            return
        answer = self.interview.answers.get(STORAGE_CONSENT)
        refused = answer is not None and self.interview.personal_data is PersonalData.MINIMAL
        self.storage_note.setText(
            translate(
                "WizardPage",
                "No record will be kept of this person: only the date, station, sex, age band, "
                "nationality, outcome and referrals made. What is said from now on stays only "
                "until you lock the screen or sign out.",
            )
            if refused
            else ""
        )

    def _may_ask_name(self) -> bool:
        """Nothing about the person before the rights and the consent to the interview."""
        interview = self.interview
        return interview.consent(ConsentScope.INTERVIEW) is True and not interview.consent_refused

    def _update_name_button(self) -> None:
        interview = self.interview
        self.name_button.setEnabled(
            self._may_ask_name() and interview.outcome is None and not interview.on_break
        )
        self.seen_before.refresh()

    def _after_change(self) -> None:
        # Nothing on the page moves: the counts, the position and the buttons' states change
        # in place; follow-up questions wait for "Next".
        self._update_name_button()
        if self.card is not None and self.card.question.id == STORAGE_CONSENT:
            self._update_storage_note()
        self._refresh_nav_counts()
        self._update_position()
        self._update_footer()
        self._update_child_badge()
