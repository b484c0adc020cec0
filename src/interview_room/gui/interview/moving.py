"""Moving through the interview: Next, Back, Skip, the section list beside the question, and
the footer that says what holds the next section back.

Nothing moves under the pointer because of an answer: the section list changes its rows only
when the interviewer moves (counts change in place), and follow-up questions are reached only by
an explicit "Next".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QListWidgetItem
from shiboken6 import isValid

from interview_room.errors import InterviewRoomError
from interview_room.gui.messages import describe_error
from interview_room.interview.errors import ChildSupportNeeded, ConsentNeeded, GuardianConsentNeeded
from interview_room.interview.interview import Interview
from interview_room.interview.progress import SectionState
from interview_room.screening import AnswerStatus, ConsentScope, Question, Section, SectionKind

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QScrollArea, QStackedWidget

    from interview_room.gui.interview.decision import DecisionPanel

translate = QCoreApplication.translate

MARKS = {
    SectionState.COMPLETE: "✓",
    SectionState.PARTLY: "◐",
    SectionState.SKIPPED: "–",
    SectionState.NOT_STARTED: "○",
}


class WizardMoves:
    """Moving between questions and sections (a mixin of ``WizardPage``). Its words keep the
    page's translation context."""

    if TYPE_CHECKING:
        interview: Interview
        question_id: str | None
        nav: QListWidget
        _nav_sections: list[str]
        views: QStackedWidget
        question_area: QScrollArea
        position: QLabel
        blocker: QLabel
        back_button: QPushButton
        skip_button: QPushButton
        next_button: QPushButton
        decision_panel: DecisionPanel | None

        def _t(self, text_id: str) -> str: ...

        def flush(self) -> None: ...

        def show_section(self, question_id: str | None = None) -> None: ...

        def _show_question(self, section: Section, question_id: str | None) -> None: ...

        def _after_change(self) -> None: ...

        def _show_refusal(self) -> None: ...

    # -- where the interview is --------------------------------------------------------------

    def _update_position(self) -> None:
        sections = self.interview.visible_sections()
        section = self.interview.current_section
        ids = [s.id for s in sections]
        # No total: sections appear as consent and answers open them, and a total that jumps
        # from 3 to 10 mid-interview reads as a mistake. The section list shows what is ahead.
        words = translate("WizardPage", "Section %1").replace(
            "%1", str(ids.index(section.id) + 1 if section.id in ids else 1)
        )
        questions = [q.id for q in self.interview.visible_questions(section)]
        if self.question_id in questions:
            words += " · " + translate("WizardPage", "question %1 of %2").replace(
                "%1", str(questions.index(self.question_id) + 1)
            ).replace("%2", str(len(questions)))
        self.position.setText(words)

    def _section_words(self, section: Section) -> str:
        interview = self.interview
        current = section.id == interview.current_section.id
        if section.kind is SectionKind.DETERMINATION:
            return f"{'●' if current else '○'}  {self._t(section.title)}"
        progress = interview.progress(section)
        mark = "●" if current else MARKS[progress.state]
        counts = (
            translate("WizardPage", "%1 of %2 answered")
            .replace("%1", str(progress.answered))
            .replace("%2", str(progress.shown))
        )
        if progress.skipped:
            # Not a plural "%n skipped": pyside6-lupdate does not extract translate() with a
            # count, and the words fell out of the catalog (English in the Albanian list).
            counts += " · " + translate("WizardPage", "skipped: %1").replace(
                "%1", str(progress.skipped)
            )
        return f"{mark}  {self._t(section.title)}\n    {counts}"

    def _fill_nav(self) -> None:
        """Rebuild the section list; only called when the interviewer moves, so its rows never
        shift under the pointer while answers are given."""
        self.nav.blockSignals(True)
        self.nav.clear()
        current = self.interview.current_section.id
        sections = self.interview.visible_sections()
        self._nav_sections = [s.id for s in sections]
        for section in sections:
            item = QListWidgetItem(self._section_words(section))
            item.setData(Qt.ItemDataRole.UserRole, section.id)
            self.nav.addItem(item)
            if section.id == current:
                self.nav.setCurrentItem(item)
        self.nav.blockSignals(False)
        # The section being asked is always in view (after a break, after unlocking).
        chosen = self.nav.currentItem()
        if chosen is not None:
            QTimer.singleShot(0, lambda: self._scroll_nav_to(chosen))

    def _scroll_nav_to(self, item: QListWidgetItem) -> None:
        if isValid(self.nav) and self.nav.currentItem() is item:
            self.nav.scrollToItem(item)

    def _refresh_nav_counts(self) -> None:
        """New counts in the rows already there. Sections that an answer showed or hid are
        added or removed at the next move, not under the pointer now."""
        protocol = self.interview.protocol
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            section = protocol.section(str(item.data(Qt.ItemDataRole.UserRole)))
            if section.id in {s.id for s in self.interview.visible_sections()}:
                item.setText(self._section_words(section))

    def _update_footer(self) -> None:
        interview = self.interview
        on_question = self.question_id is not None
        self.back_button.setEnabled(self._previous_place() is not None)
        following = self._next_place()
        self.next_button.setEnabled(following is not None or self._consent_refused())
        # At a section's end, say now what holds the next one back (the label keeps its room).
        self.blocker.setText("")
        if following is not None and following[0].id != interview.current_section.id:
            problem = interview.blocker(following[0])
            if problem is not None and not self._consent_refused():
                self.blocker.setText(self._explain_blocker(problem))
        if following is None and self.decision_panel is not None:
            # No page after this one: say how the interview ends, on the disabled button too.
            # "above" read as the opposite of the page's own hint ("further down").
            last = translate("WizardPage", "Last step: record the decision on this page to finish.")
            self.blocker.setText(last)
            self.next_button.setAccessibleDescription(last)
        answer = interview.answers.get(self.question_id or "")
        self.skip_button.setVisible(on_question)
        self.skip_button.setEnabled(
            on_question and (answer is None or answer.status is AnswerStatus.SKIPPED)
        )

    def _explain_blocker(self, problem: InterviewRoomError) -> str:
        if isinstance(problem, ConsentNeeded):
            return translate(
                "WizardPage", "Questions about the journey wait for the person's consent."
            )
        if isinstance(problem, ChildSupportNeeded):
            return translate(
                "WizardPage",
                "A legal guardian or the Child Protection Unit must be present before "
                "questions. You can take a break while you wait.",
            )
        if isinstance(problem, GuardianConsentNeeded):
            return translate(
                "WizardPage",
                "Questions for a child wait until the guardian or the Child Protection Unit "
                "agrees. If they refused, end the interview; help does not depend on it.",
            )
        return describe_error(problem)

    # -- moving ----------------------------------------------------------------------------

    def _consent_refused(self) -> bool:
        """The person, or for a presumed child the guardian, said no to the interview."""
        interview = self.interview
        return interview.current_section.kind is SectionKind.CONSENT and interview.consent_refused

    def _guardian_refused(self) -> bool:
        return self.interview.consent(ConsentScope.INTERVIEW) is not False

    def _questions_here(self) -> list[Question]:
        return self.interview.visible_questions(self.interview.current_section)

    def _order(self, question_id: str) -> int:
        ids = [q.id for q in self.interview.current_section.questions]
        return ids.index(question_id)

    def _next_place(self) -> tuple[Section, str | None] | None:
        """Where "Next" goes: the next question shown in this section, else the next section."""
        section = self.interview.current_section
        if self.question_id is not None:
            here = self._order(self.question_id)
            later = [q for q in self._questions_here() if self._order(q.id) > here]
            if later:
                return section, later[0].id
        following = self.interview.next_section()
        if following is None:
            return None
        questions = self.interview.visible_questions(following)
        return following, (questions[0].id if questions else None)

    def _previous_place(self) -> tuple[Section, str | None] | None:
        section = self.interview.current_section
        if self.question_id is not None:
            here = self._order(self.question_id)
            earlier = [q for q in self._questions_here() if self._order(q.id) < here]
            if earlier:
                return section, earlier[-1].id
        before = self.interview.previous_section()
        if before is None:
            return None
        questions = self.interview.visible_questions(before)
        return before, (questions[-1].id if questions else None)

    def _move(self, place: tuple[Section, str | None] | None) -> None:
        if place is None:
            return
        section, question_id = place
        if section.id == self.interview.current_section.id:
            self._show_question(section, question_id)
            return
        problem = self.interview.blocker(section)
        if problem is not None:
            self.blocker.setText(self._explain_blocker(problem))
            return
        self.interview.go_to(section)
        self._show_question(section, question_id)

    def _on_question_page(self) -> bool:
        return self.views.currentWidget() is self.question_area and self.interview.outcome is None

    def _next_if_shown(self) -> None:
        if self._on_question_page() and self.next_button.isEnabled():
            self.go_next()

    def _back_if_shown(self) -> None:
        if self._on_question_page() and self.back_button.isEnabled():
            self.go_back()

    def go_next(self) -> None:
        if not self._on_question_page():
            return
        self.flush()
        if self._consent_refused():
            self._show_refusal()
            return
        self._move(self._next_place())

    def go_back(self) -> None:
        if not self._on_question_page():
            return
        self.flush()
        self._move(self._previous_place())

    def skip_question(self) -> None:
        """Record the question on screen as skipped on purpose, then go on."""
        if not self._on_question_page() or self.question_id is None:
            return
        self.flush()
        answer = self.interview.answers.get(self.question_id)
        if answer is None or answer.status is AnswerStatus.SKIPPED:
            self.interview.skip(self.question_id)
        self._after_change()
        self.go_next()

    def go_to(self, section: Section) -> None:
        """Open ``section`` at its first question without an answer."""
        if not self._on_question_page():
            return
        self.flush()
        if section.id != self.interview.current_section.id:
            problem = self.interview.blocker(section)
            if problem is not None:
                self.blocker.setText(self._explain_blocker(problem))
                return
            self.interview.go_to(section)
        self.show_section()

    def go_next_section(self) -> None:
        following = self.interview.next_section()
        if following is not None:
            self.go_to(following)

    def go_previous_section(self) -> None:
        earlier = self.interview.previous_section()
        if earlier is not None:
            self.go_to(earlier)

    def _nav_activated(self, item: QListWidgetItem) -> None:
        section_id = str(item.data(Qt.ItemDataRole.UserRole))
        if section_id != self.interview.current_section.id:
            self.go_to(self.interview.protocol.section(section_id))
