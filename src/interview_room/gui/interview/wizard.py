"""The interview wizard: one section at a time, progress by section, and, from every step, a
break, the "here and now" prompt and stopping at the person's request.

Every answer goes to the encrypted store the moment it is given (``Interview.answer``); the page
holds no state the store does not have, so a crash loses at most the field being typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from interview_room.errors import InterviewRoomError
from interview_room.gui import theme
from interview_room.gui.interview.decision import DecisionPanel
from interview_room.gui.interview.dialogs import HereAndNowDialog, StopDialog
from interview_room.gui.interview.question_card import QuestionCard
from interview_room.gui.widgets import ContrastSwitch, button, describe, label
from interview_room.interview.interview import (
    ChildSupportNeeded,
    ConsentNeeded,
    Interview,
)
from interview_room.screening import Answer, ConsentScope, Section, SectionKind, text


class WizardPage(QWidget):
    """The page shown while an interview is open. Emits ``done`` to go back to the case list."""

    done = Signal()
    contrast_chosen = Signal(bool)
    # The size of the words read to the person; kept for the next interview on this PC.
    person_point_size = 15
    PERSON_SIZES = range(11, 31)

    def __init__(self, interview: Interview, language: str) -> None:
        super().__init__()
        self.interview = interview
        self.language = language
        protocol = interview.protocol
        self._rtl = protocol.catalogs[interview.person_language].direction == "rtl"
        self.cards: dict[str, QuestionCard] = {}
        self.decision_panel: DecisionPanel | None = None

        header = QFrame()
        header.setProperty("role", "header")
        rows = QVBoxLayout(header)
        rows.setContentsMargins(20, 8, 20, 8)
        bar = QHBoxLayout()
        rows.addLayout(bar)
        tools = QHBoxLayout()
        rows.addLayout(tools)
        facts = QVBoxLayout()
        facts.addWidget(label(interview.case.code, "station", wrap=False))
        language_name = protocol.catalogs[interview.person_language].name
        facts.addWidget(
            label(self.tr("Person's language: %1").replace("%1", language_name), "hint", wrap=False)
        )
        bar.addLayout(facts)
        self.child_badge = label("", "tag", wrap=False)
        bar.addWidget(self.child_badge)
        bar.addStretch(1)
        self.here_and_now_button = button(
            self.tr("Here and now (F2)"),
            description=self.tr("A grounding prompt to read when the person is overwhelmed."),
        )
        self.break_button = button(
            self.tr("Break (F3)"),
            description=self.tr("Pause the interview; the break is recorded with its time."),
        )
        self.stop_button = button(
            self.tr("Stop the interview…"),
            description=self.tr(
                "End the interview now, at the person's request or yours; it is kept as incomplete."
            ),
        )
        self.close_button = button(
            self.tr("Close"),
            description=self.tr("Back to the case list; everything answered is already saved."),
        )
        self.smaller_button = button(
            "A−", description=self.tr("Smaller words for the person (Ctrl+minus)")
        )
        self.larger_button = button(
            "A+", description=self.tr("Larger words for the person (Ctrl+plus)")
        )
        describe(
            self.smaller_button,
            self.tr("Smaller words for the person"),
            self.tr("Make the words read to the person smaller (Ctrl+minus)."),
            tooltip=True,
        )
        describe(
            self.larger_button,
            self.tr("Larger words for the person"),
            self.tr("Make the words read to the person larger (Ctrl+plus)."),
            tooltip=True,
        )
        self.smaller_button.clicked.connect(lambda: self.resize_person_text(-2))
        self.larger_button.clicked.connect(lambda: self.resize_person_text(2))
        self.contrast_switch = ContrastSwitch(theme.current().high_contrast)
        self.contrast_switch.chosen.connect(self.contrast_chosen)
        tools.addWidget(self.smaller_button)
        tools.addWidget(self.larger_button)
        tools.addWidget(self.contrast_switch)
        tools.addStretch(1)
        for widget in (
            self.here_and_now_button,
            self.break_button,
            self.stop_button,
            self.close_button,
        ):
            tools.addWidget(widget)
        self.here_and_now_button.clicked.connect(self.show_here_and_now)
        self.break_button.clicked.connect(self.start_break)
        self.stop_button.clicked.connect(self.ask_to_stop)
        self.close_button.clicked.connect(self.done)

        self.nav = describe(
            QListWidget(),
            self.tr("Sections"),
            self.tr(
                "The interview's sections with how many questions are answered. Arrow keys "
                "choose a section; Enter opens it."
            ),
        )
        self.nav.setFixedWidth(300)
        self.nav.setWordWrap(True)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.itemActivated.connect(self._nav_activated)
        self.nav.itemClicked.connect(self._nav_activated)

        self.views = QStackedWidget()
        self.section_area = QScrollArea()
        self.section_area.setWidgetResizable(True)
        self.section_area.setFrameShape(QFrame.Shape.NoFrame)
        self.views.addWidget(self.section_area)
        self.pause_view = QWidget()
        self.end_view = QWidget()
        self.views.addWidget(self.pause_view)
        self.views.addWidget(self.end_view)

        self.previous_button = button(
            self.tr("← Previous section"),
            description=self.tr("Go back one section (Ctrl+Page Up). Answers stay saved."),
        )
        self.next_button = button(
            self.tr("Next section →"),
            primary=True,
            description=self.tr("Go on to the next section (Ctrl+Page Down). Answers stay saved."),
        )
        self.blocker = label("", "error")
        self.previous_button.clicked.connect(self.go_previous)
        self.next_button.clicked.connect(self.go_next)
        footer = QHBoxLayout()
        footer.setContentsMargins(20, 8, 20, 12)
        footer.addWidget(self.previous_button)
        footer.addWidget(self.blocker, 1)
        footer.addWidget(self.next_button)

        body = QHBoxLayout()
        body.setContentsMargins(12, 12, 12, 0)
        body.addWidget(self.nav)
        body.addWidget(self.views, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(header)
        layout.addLayout(body, 1)
        self.footer = QWidget()
        self.footer.setLayout(footer)
        layout.addWidget(self.footer)

        for keys, slot in (
            (Qt.Key.Key_F2, self.show_here_and_now),
            (Qt.Key.Key_F3, self.start_break),
            (QKeySequence("Ctrl+PgDown"), self.go_next),
            (QKeySequence("Ctrl+PgUp"), self.go_previous),
            (QKeySequence("Ctrl+="), lambda: self.resize_person_text(2)),
            (QKeySequence("Ctrl++"), lambda: self.resize_person_text(2)),
            (QKeySequence("Ctrl+-"), lambda: self.resize_person_text(-2)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            # Application-wide while this page exists (it is deleted when left), but never
            # behind an open dialog.
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(lambda slot=slot: self._unless_dialog_open(slot))

        self._apply_person_size()
        if interview.on_break:
            self._show_pause()
        else:
            self.show_section()

    @staticmethod
    def _unless_dialog_open(slot: Callable[[], None]) -> None:
        if QApplication.activeModalWidget() is None:
            slot()

    def resize_person_text(self, step: int) -> None:
        """Larger or smaller words for the person, within readable bounds."""
        size = WizardPage.person_point_size + step
        if size in self.PERSON_SIZES:
            WizardPage.person_point_size = size
            self._apply_person_size()

    def _apply_person_size(self) -> None:
        size = WizardPage.person_point_size
        self.setStyleSheet(theme.person_rules(theme.current(), size))

    # -- text helpers ----------------------------------------------------------------------

    def _t(self, text_id: str) -> str:
        return text(self.interview.protocol, self.language, text_id)

    def _person(self, text_id: str) -> str:
        return text(self.interview.protocol, self.interview.person_language, text_id)

    def _person_label(self, text_id: str, role: str = "person") -> QWidget:
        words = label(self._person(text_id), role)
        if self._rtl:
            words.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            words.setAlignment(Qt.AlignmentFlag.AlignRight)
        return words

    # -- the section on screen -------------------------------------------------------------

    def show_section(self, focus_question: str | None = None) -> None:
        interview = self.interview
        section = interview.current_section
        self._update_child_badge()
        self._fill_nav()
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(8, 0, 16, 16)
        column.setSpacing(12)
        column.addWidget(label(self._t(section.title), "heading"))
        if section.intro is not None:
            column.addWidget(label(self.tr("Read to the person:"), "hint"))
            column.addWidget(self._person_label(section.intro))
        if section.guidance is not None:
            column.addWidget(label(self._t(section.guidance), "guidance"))
        self.cards = {}
        self.decision_panel = None
        if section.kind is SectionKind.DETERMINATION:
            self.decision_panel = DecisionPanel(interview, self.language)
            self.decision_panel.decided.connect(self._decide)
            column.addWidget(self.decision_panel)
        else:
            for question in interview.visible_questions(section):
                card = QuestionCard(
                    interview.protocol,
                    question,
                    interview.answers.get(question.id),
                    self.language,
                    interview.person_language,
                )
                card.answered.connect(self._save)
                card.cleared.connect(self._clear)
                self.cards[question.id] = card
                column.addWidget(card)
        column.addStretch(1)
        old = self.section_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.section_area.setWidget(content)
        self.views.setCurrentWidget(self.section_area)
        self.footer.show()
        self._update_footer()
        card_to_focus = self.cards.get(focus_question or "")
        if card_to_focus is not None:
            self.section_area.ensureWidgetVisible(card_to_focus)
            card_to_focus.focus_first_control()
        elif self.cards:
            # A new section opens at its top, so the words to read aloud come first.
            next(iter(self.cards.values())).focus_first_control()
            self.section_area.verticalScrollBar().setValue(0)

    def _update_child_badge(self) -> None:
        interview = self.interview
        age = interview.answers.get(interview.protocol.age_rule.age_question)
        if not interview.presumed_child:
            self.child_badge.hide()
            return
        self.child_badge.setText(
            self.tr("Age not known yet: treated as a child")
            if age is None or not age.is_answered
            else self.tr("Presumed child: child rules apply")
        )
        self.child_badge.setMinimumWidth(self.child_badge.sizeHint().width())
        self.child_badge.show()

    def _fill_nav(self) -> None:
        self.nav.blockSignals(True)
        self.nav.clear()
        current = self.interview.current_section.id
        for section in self.interview.visible_sections():
            answered, shown = self.interview.progress(section)
            mark = "●" if section.id == current else ("✓" if shown and answered == shown else "○")
            words = f"{mark}  {self._t(section.title)}"
            if section.kind is not SectionKind.DETERMINATION:
                words += "\n      " + self.tr("%1 of %2").replace("%1", str(answered)).replace(
                    "%2", str(shown)
                )
            item = QListWidgetItem(words)
            item.setData(Qt.ItemDataRole.UserRole, section.id)
            self.nav.addItem(item)
            if section.id == current:
                self.nav.setCurrentItem(item)
        self.nav.blockSignals(False)

    def _update_footer(self) -> None:
        interview = self.interview
        self.previous_button.setEnabled(interview.previous_section() is not None)
        following = interview.next_section()
        refused = (
            interview.current_section.kind is SectionKind.CONSENT
            and interview.consent(ConsentScope.INTERVIEW) is False
        )
        self.blocker.setText("")
        if refused:
            self.next_button.setText(self.tr("End respectfully"))
            self.next_button.setEnabled(True)
            self.blocker.setText(self.tr("The person does not agree to the interview."))
            return
        self.next_button.setText(self.tr("Next section →"))
        self.next_button.setEnabled(following is not None)
        if following is not None:
            problem = interview.blocker(following)
            if problem is not None:
                self.blocker.setText(self._explain_blocker(problem))

    def _explain_blocker(self, problem: InterviewRoomError) -> str:
        if isinstance(problem, ConsentNeeded):
            return self.tr("Questions about the journey wait for the person's consent.")
        if isinstance(problem, ChildSupportNeeded):
            return self.tr(
                "A legal guardian or the Child Protection Unit must be present before "
                "questions. You can take a break while you wait."
            )
        return str(problem)

    # -- answers ---------------------------------------------------------------------------

    def _save(self, answer: Answer) -> None:
        before = self._shape()
        try:
            self.interview.answer(answer)
        except InterviewRoomError as problem:
            card = self.cards.get(answer.question_id)
            if card is not None:
                card.show_problem(self.tr("Not saved: this answer does not fit the question."))
            self.blocker.setText(str(problem) if not card else "")
            return
        self._after_change(answer.question_id, before)

    def _clear(self, question_id: str) -> None:
        before = self._shape()
        self.interview.clear(question_id)
        self._after_change(question_id, before)

    def _shape(self) -> tuple[frozenset[str], bool]:
        section = self.interview.current_section
        shown = frozenset(q.id for q in self.interview.visible_questions(section))
        return shown, self.interview.presumed_child

    def _after_change(self, question_id: str, before: tuple[frozenset[str], bool]) -> None:
        # Rebuild only when an answer showed or hid questions, so focus stays where it was.
        if self._shape() != before:
            self.show_section(focus_question=question_id)
        else:
            self._fill_nav()
            self._update_footer()
            self._update_child_badge()

    # -- moving ----------------------------------------------------------------------------

    def go_to(self, section: Section) -> None:
        if self.views.currentWidget() is not self.section_area:
            return
        problem = self.interview.blocker(section)
        if problem is not None:
            self.blocker.setText(self._explain_blocker(problem))
            return
        self.interview.go_to(section)
        self.show_section()

    def go_next(self) -> None:
        interview = self.interview
        if (
            interview.current_section.kind is SectionKind.CONSENT
            and interview.consent(ConsentScope.INTERVIEW) is False
        ):
            interview.refuse_consent()
            self._show_end("script.consent_refused")
            return
        following = interview.next_section()
        if following is not None:
            self.go_to(following)

    def go_previous(self) -> None:
        earlier = self.interview.previous_section()
        if earlier is not None:
            self.go_to(earlier)

    def _nav_activated(self, item: QListWidgetItem) -> None:
        section_id = item.data(Qt.ItemDataRole.UserRole)
        if section_id != self.interview.current_section.id:
            self.go_to(self.interview.protocol.section(str(section_id)))

    # -- break, here and now, stop, end ----------------------------------------------------

    def show_here_and_now(self) -> None:
        HereAndNowDialog(self.interview.protocol, self.interview.person_language, self).exec()

    def start_break(self) -> None:
        if self.interview.is_closed or self.interview.is_stopped or self.interview.on_break:
            return
        self.interview.start_break()
        self._show_pause()

    def _show_pause(self) -> None:
        self.pause_view = self._fresh_view(self.pause_view)
        layout = QVBoxLayout(self.pause_view)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addWidget(label(self.tr("On a break"), "heading"))
        layout.addWidget(
            label(self.tr("Since %1").replace("%1", datetime.now().strftime("%H:%M")), "hint")
        )
        layout.addWidget(self._person_label("script.break", "person-large"))
        row = QHBoxLayout()
        self.continue_button = button(
            self.tr("Continue the interview"),
            primary=True,
            description=self.tr("End the break and go back to the section you were in."),
        )
        self.continue_button.clicked.connect(self.end_break)
        row.addWidget(self.continue_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.views.setCurrentWidget(self.pause_view)
        self.footer.hide()
        self.break_button.setEnabled(False)
        self.continue_button.setFocus()

    def end_break(self) -> None:
        self.interview.end_break()
        self.break_button.setEnabled(True)
        self.show_section()

    def ask_to_stop(self) -> None:
        if self.interview.is_closed or self.interview.is_stopped:
            return
        dialog = StopDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.interview.stop(dialog.requester(), dialog.reason.text())
        self._show_end("script.stopped")

    def _decide(self, decision: str, reasons: str) -> None:
        self.interview.record_decision(decision, reasons)
        self.done.emit()

    def _show_end(self, script_id: str) -> None:
        self.end_view = self._fresh_view(self.end_view)
        layout = QVBoxLayout(self.end_view)
        layout.setContentsMargins(40, 40, 40, 40)
        title = (
            self.tr("The person did not agree to the interview")
            if script_id == "script.consent_refused"
            else self.tr("The interview was stopped")
        )
        layout.addWidget(label(title, "heading"))
        layout.addWidget(label(self.tr("Read to the person:"), "hint"))
        layout.addWidget(self._person_label(script_id, "person-large"))
        layout.addWidget(
            label(
                self.tr("This outcome is recorded. Help does not depend on the interview."), "hint"
            )
        )
        self.back_button = button(
            self.tr("Back to the case list"),
            primary=True,
            description=self.tr("The outcome is saved; go back to the list of cases."),
        )
        self.back_button.clicked.connect(self.done)
        layout.addWidget(self.back_button)
        layout.addStretch(1)
        self.views.setCurrentWidget(self.end_view)
        self.footer.hide()
        for widget in (self.break_button, self.stop_button):
            widget.setEnabled(False)
        self.back_button.setFocus()

    def _fresh_view(self, old: QWidget) -> QWidget:
        """An empty view in place of ``old`` (pages are rebuilt, never patched)."""
        view = QWidget()
        self.views.addWidget(view)
        self.views.removeWidget(old)
        old.deleteLater()
        return view
