"""The interview wizard: one question at a time, the sections listed beside it, and, from every
step, a break, the "here and now" prompt and stopping at the person's request.

Why one question at a time (ODK Collect and CommCare work the same way): an answer may show
follow-up questions. On a page holding the whole section they were inserted under the pointer,
and the interviewer's next click, aimed at what had been there, ticked an answer nobody gave.
Here a page never changes because of an answer: follow-ups come as the next questions, reached
only by an explicit "Next", and the section list changes its rows only when the interviewer
moves. See ARCHITECTURE.md ("The interview screen").

Every answer goes to the encrypted store the moment it is given (``Interview.answer``), typed
text as the typing pauses; ``flush`` saves what is being typed at once and is called on every
way out (moving, break, stop, close, lock, sign-out, quit).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from itertools import pairwise

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from interview_room.errors import InterviewRoomError
from interview_room.gui import theme
from interview_room.gui.interview.decision import DecisionPanel
from interview_room.gui.interview.dialogs import HereAndNowDialog, StopDialog
from interview_room.gui.interview.question_card import QuestionCard
from interview_room.gui.widgets import ContrastSwitch, button, describe, label, person_words
from interview_room.interview.interview import (
    FILLED_IN_BY_THE_APP,
    ChildSupportNeeded,
    ConsentNeeded,
    GuardianConsentNeeded,
    Interview,
)
from interview_room.interview.personal_data import PersonalData
from interview_room.interview.progress import SectionState
from interview_room.referral.content import language_name as language_name_in
from interview_room.screening import (
    Answer,
    AnswerStatus,
    ConsentScope,
    Question,
    Section,
    SectionKind,
    text,
)

MARKS = {
    SectionState.COMPLETE: "✓",
    SectionState.PARTLY: "◐",
    SectionState.SKIPPED: "–",
    SectionState.NOT_STARTED: "○",
}


STORAGE_CONSENT = "consent_storage"
"""The consent to keeping a record (its refusal keeps only the anonymous minimum)."""


class WizardPage(QWidget):
    """The page shown while an interview is open. Emits ``done`` to go back to the case list."""

    done = Signal()
    finished = Signal()
    """The decision is recorded: the case summary comes next, with the referral and the
    information sheet."""
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
        self.card: QuestionCard | None = None
        self.question_id: str | None = None
        self.decision_panel: DecisionPanel | None = None
        self._nav_sections: list[str] = []
        self.storage_note: QLabel | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._scroll_to_focus)

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
        # Named in the interviewer's language, with the language's own name beside it.
        native = protocol.catalogs[interview.person_language].name
        language_name = language_name_in(protocol, interview.person_language, language)
        if language_name != native:
            language_name = f"{language_name} · {native}"
        facts.addWidget(
            label(self.tr("Person's language: %1").replace("%1", language_name), "hint", wrap=False)
        )
        self.child_badge = label("", "tag", wrap=False)
        # The badge comes and goes with the age; its room stays, so nothing below it moves.
        policy = self.child_badge.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.child_badge.setSizePolicy(policy)
        facts.addWidget(self.child_badge, 0, Qt.AlignmentFlag.AlignLeft)
        bar.addLayout(facts)
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
        self.name_button = button(
            self.tr("Person's name…"),
            description=self.tr(
                "Record the name as the person gives it. Asked only after the rights and the "
                "consent to the interview; never required."
            ),
        )
        self.name_button.clicked.connect(self.ask_name)
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
        # How the page looks, on the top row beside the case; what to do, on the row below.
        # Both rows together fit 900 pixels (the window at 200 % scaling).
        bar.addWidget(self.smaller_button)
        bar.addWidget(self.larger_button)
        bar.addWidget(self.contrast_switch)
        tools.addStretch(1)
        for widget in (
            self.name_button,
            self.here_and_now_button,
            self.break_button,
            self.stop_button,
            self.close_button,
        ):
            tools.addWidget(widget)
        self.here_and_now_button.clicked.connect(self.show_here_and_now)
        self.break_button.clicked.connect(self.start_break)
        self.stop_button.clicked.connect(self.ask_to_stop)
        self.close_button.clicked.connect(self.close_interview)

        self.nav = describe(
            QListWidget(),
            self.tr("Sections"),
            self.tr(
                "The interview's sections: how many questions are answered and skipped in each. "
                "Arrow keys choose a section; Enter opens it."
            ),
        )
        self.nav.setFixedWidth(260)
        self.nav.setWordWrap(True)
        # Rows are measured again when the width changes (a scroll bar appearing took room
        # after they were measured, and cut the count lines short).
        self.nav.setResizeMode(QListView.ResizeMode.Adjust)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.itemActivated.connect(self._nav_activated)
        self.nav.itemClicked.connect(self._nav_activated)

        self.views = QStackedWidget()
        self.question_area = QScrollArea()
        self.question_area.setWidgetResizable(True)
        self.question_area.setFrameShape(QFrame.Shape.NoFrame)
        self.question_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.question_area.setAccessibleName(self.tr("The question"))
        # Words wrap to the width; nothing ever scrolls sideways.
        self.question_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.views.addWidget(self.question_area)
        self.pause_view = QWidget()
        self.end_view = QWidget()
        self.views.addWidget(self.pause_view)
        self.views.addWidget(self.end_view)

        self.back_button = button(
            self.tr("← Back"),
            description=self.tr("The question before this one (Alt+Left). Answers stay saved."),
        )
        self.skip_button = button(
            self.tr("Skip this question"),
            description=self.tr(
                "Record that this question was not asked or not observed, on purpose, and go "
                "on. It stays apart from “prefers not to answer”."
            ),
        )
        self.next_button = button(
            self.tr("Next →"),
            primary=True,
            description=self.tr(
                "The next question (Alt+Right or Ctrl+Enter). Nothing is recorded for a "
                "question left without an answer."
            ),
        )
        # Return chooses an answer or moves between controls; it never moves on by itself.
        self.next_button.setDefault(False)
        self.next_button.setAutoDefault(False)
        self.blocker = label("", "error")
        # Two lines are kept for the reason, so the buttons beside it never move.
        self.blocker.setMinimumHeight(2 * self.blocker.fontMetrics().lineSpacing())
        self.blocker.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.back_button.clicked.connect(self.go_back)
        self.skip_button.clicked.connect(self.skip_question)
        self.next_button.clicked.connect(self.go_next)
        footer = QHBoxLayout()
        footer.setContentsMargins(20, 8, 20, 12)
        footer.addWidget(self.back_button)
        footer.addWidget(self.blocker, 1)
        footer.addWidget(self.skip_button)
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
            (QKeySequence(Qt.Key.Key_F2), self.show_here_and_now),
            (QKeySequence(Qt.Key.Key_F3), self.start_break),
            (QKeySequence("Alt+Right"), self._next_if_shown),
            (QKeySequence("Ctrl+Return"), self._next_if_shown),
            (QKeySequence("Ctrl+Enter"), self._next_if_shown),
            (QKeySequence("Alt+Left"), self._back_if_shown),
            (QKeySequence("Ctrl+PgDown"), self.go_next_section),
            (QKeySequence("Ctrl+PgUp"), self.go_previous_section),
            (QKeySequence("Ctrl+="), lambda: self.resize_person_text(2)),
            (QKeySequence("Ctrl++"), lambda: self.resize_person_text(2)),
            (QKeySequence("Ctrl+-"), lambda: self.resize_person_text(-2)),
        ):
            shortcut = QShortcut(keys, self)
            # Application-wide while this page exists (it is deleted when left), but never
            # behind an open dialog.
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(lambda slot=slot: self._unless_dialog_open(slot))

        self._apply_person_size()
        if interview.on_break:
            self._fill_nav()
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

    # -- saving what is being typed ----------------------------------------------------------

    def flush(self) -> None:
        """Save what is being typed now (free text, numbers, the decision's reasons)."""
        if self.interview.outcome is not None or self.interview.on_break:
            return
        if self.card is not None:
            self.card.flush()
        if self.decision_panel is not None:
            self.decision_panel.flush()

    def close_interview(self) -> None:
        self.flush()
        self.done.emit()

    # -- text helpers ----------------------------------------------------------------------

    def _t(self, text_id: str) -> str:
        return text(self.interview.protocol, self.language, text_id)

    def _person(self, text_id: str) -> str:
        return text(self.interview.protocol, self.interview.person_language, text_id)

    def _person_label(self, text_id: str, role: str = "person") -> QWidget:
        return person_words(self._person(text_id), self._rtl, role)

    # -- the question on screen ------------------------------------------------------------

    def show_section(self, question_id: str | None = None) -> None:
        """Show the current section at ``question_id``, or at its first question without an
        answer (the first question when all have one)."""
        interview = self.interview
        section = interview.current_section
        questions = interview.visible_questions(section)
        if section.kind is SectionKind.DETERMINATION:
            question_id = None
        elif question_id is None or question_id not in {q.id for q in questions}:
            waiting = [q for q in questions if q.id not in interview.answers]
            question_id = (waiting or questions)[0].id if questions else None
        self._show_question(section, question_id)

    def _show_question(self, section: Section, question_id: str | None) -> None:
        interview = self.interview
        if section.kind is SectionKind.DETERMINATION:
            question_id = None  # the decision panel, never its questions one by one
        self.question_id = question_id
        self._update_child_badge()
        self._fill_nav()
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(8, 0, 16, 16)
        column.setSpacing(12)
        column.addWidget(label(self._t(section.title), "heading"))
        self.position = label("", "hint", wrap=False)
        column.addWidget(self.position)
        questions = interview.visible_questions(section)
        first = not questions or questions[0].id == question_id
        if first and section.intro is not None:
            column.addWidget(label(self.tr("Read to the person:"), "hint"))
            column.addWidget(self._person_label(section.intro))
        if first and section.guidance is not None:
            column.addWidget(label(self._t(section.guidance), "guidance"))
        self.card = None
        self.storage_note = None
        self.decision_panel = None
        if section.kind is SectionKind.DETERMINATION:
            self.decision_panel = DecisionPanel(interview, self.language)
            self.decision_panel.decided.connect(self._decide)
            self.decision_panel.draft_changed.connect(self._save_draft)
            column.addWidget(self.decision_panel)
        elif question_id is not None:
            question = interview.protocol.question(question_id)
            self.card = QuestionCard(
                interview.protocol,
                question,
                interview.answers.get(question_id),
                self.language,
                interview.person_language,
            )
            self.card.answered.connect(self._save)
            self.card.cleared.connect(self._clear)
            column.addWidget(self.card)
            if question_id == STORAGE_CONSENT:
                # Below the answers, with its room kept: saying it never moves a choice.
                self.storage_note = label("", "notice")
                self.storage_note.setMinimumHeight(
                    self.storage_note.fontMetrics().lineSpacing() * 3
                )
                column.addWidget(self.storage_note)
                self._update_storage_note()
            if question_id in FILLED_IN_BY_THE_APP:
                self.filled_in_note = label(
                    self.tr(
                        "The app fills this in when the interview begins, from what it knows "
                        "(the date, who is signed in, this room, the social worker chosen). "
                        "Correct it if it is wrong."
                    ),
                    "hint",
                )
                column.addWidget(self.filled_in_note)
        column.addStretch(1)
        old = self.question_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.question_area.setWidget(content)
        self.question_area.verticalScrollBar().setValue(0)
        self.views.setCurrentWidget(self.question_area)
        self.footer.show()
        self._update_position()
        self._update_footer()
        self._update_name_button()
        if self.card is not None:
            self._focus_where_seen(self.card.first_control())
        elif self.decision_panel is not None:
            self._focus_where_seen(self.decision_panel.first_control())

    def _focus_where_seen(self, target: QWidget | None) -> None:
        """Focus the first answer only when it can be seen without scrolling: a key pressed on
        a control out of view would record an answer nobody saw. Under a long text read to the
        person, the page itself takes focus (arrows and Page Down scroll; Tab goes on to the
        answers, which scroll into view as they take focus). A page not shown yet is checked
        once it is."""
        content = self.question_area.widget()
        if target is None or content is None:
            return
        self._chain_tab_order(content)
        if not self.question_area.isVisible():
            # Not laid out yet: the page holds focus (an answer focused now would scroll the
            # page down past the words to read), and the answer takes it once shown, if seen.
            self.question_area.setFocus()
            QTimer.singleShot(0, lambda: self._focus_in_view(content, target))
            return
        if self._in_view(target):
            target.setFocus()
        else:
            self.question_area.setFocus()

    def _focus_in_view(self, content: QWidget, target: QWidget) -> None:
        if not isValid(self.question_area) or self.question_area.widget() is not content:
            return  # the question changed
        if self.question_area.window().focusWidget() is not self.question_area:
            return  # the officer moved on (the window's focus, active or not)
        if self._in_view(target):
            target.setFocus()

    def _chain_tab_order(self, content: QWidget) -> None:
        """Tab from the page goes first to its answers, in the order they are read, then to
        Back, Skip and Next (new answers were otherwise last in the chain, after the buttons)."""
        stops = [
            w
            for w in content.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.isHidden()
        ]
        chain = [self.question_area, *stops, self.back_button, self.skip_button, self.next_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _scroll_to_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Whatever takes focus inside the question (Tab, a shortcut, a click) is scrolled
        into view, so nothing is ever chosen out of sight."""
        if new is None or not isValid(self) or not isValid(self.question_area):
            return
        content = self.question_area.widget()
        if content is not None and content.isAncestorOf(new):
            self.question_area.ensureWidgetVisible(new, 8, 8)

    def _in_view(self, target: QWidget) -> bool:
        content = self.question_area.widget()
        if content is None:
            return False
        layout = content.layout()
        if layout is not None:
            layout.activate()
        bottom = target.mapTo(content, target.rect().bottomLeft()).y()
        return bottom <= self.question_area.viewport().height()

    def _update_position(self) -> None:
        sections = self.interview.visible_sections()
        section = self.interview.current_section
        ids = [s.id for s in sections]
        # No total: sections appear as consent and answers open them, and a total that jumps
        # from 3 to 10 mid-interview reads as a mistake. The section list shows what is ahead.
        words = self.tr("Section %1").replace(
            "%1", str(ids.index(section.id) + 1 if section.id in ids else 1)
        )
        questions = [q.id for q in self.interview.visible_questions(section)]
        if self.question_id in questions:
            words += " · " + self.tr("question %1 of %2").replace(
                "%1", str(questions.index(self.question_id) + 1)
            ).replace("%2", str(len(questions)))
        self.position.setText(words)

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
            words = self.tr("Age not known yet: treated as a child")
        elif stated_adult and (doubt is None or not doubt.is_answered):
            # An adult age alone does not lift the presumption: the doubt question does.
            words = self.tr("Adult age given; until the doubt about it is answered: as a child")
        else:
            words = self.tr("Presumed child: child rules apply")
        self.child_badge.setText(words)
        self.child_badge.setMinimumWidth(self.child_badge.sizeHint().width())
        self.child_badge.show()

    def _section_words(self, section: Section) -> str:
        interview = self.interview
        current = section.id == interview.current_section.id
        if section.kind is SectionKind.DETERMINATION:
            return f"{'●' if current else '○'}  {self._t(section.title)}"
        progress = interview.progress(section)
        mark = "●" if current else MARKS[progress.state]
        counts = (
            self.tr("%1 of %2 answered")
            .replace("%1", str(progress.answered))
            .replace("%2", str(progress.shown))
        )
        if progress.skipped:
            counts += " · " + self.tr("%n skipped", "", progress.skipped)
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
        answer = interview.answers.get(self.question_id or "")
        self.skip_button.setVisible(on_question)
        self.skip_button.setEnabled(
            on_question and (answer is None or answer.status is AnswerStatus.SKIPPED)
        )

    def _explain_blocker(self, problem: InterviewRoomError) -> str:
        if isinstance(problem, ConsentNeeded):
            return self.tr("Questions about the journey wait for the person's consent.")
        if isinstance(problem, ChildSupportNeeded):
            return self.tr(
                "A legal guardian or the Child Protection Unit must be present before "
                "questions. You can take a break while you wait."
            )
        if isinstance(problem, GuardianConsentNeeded):
            return self.tr(
                "Questions for a child wait until the guardian or the Child Protection Unit "
                "agrees. If they refused, end the interview; help does not depend on it."
            )
        return str(problem)

    # -- answers ---------------------------------------------------------------------------

    def _save(self, answer: Answer) -> None:
        try:
            self.interview.answer(answer)
        except InterviewRoomError:
            if self.card is not None:
                self.card.show_problem(self.tr("Not saved: this answer does not fit the question."))
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

    def _update_storage_note(self) -> None:
        if self.storage_note is None:
            return
        answer = self.interview.answers.get(STORAGE_CONSENT)
        refused = answer is not None and self.interview.personal_data is PersonalData.MINIMAL
        self.storage_note.setText(
            self.tr(
                "No record will be kept of this person: only the date, station, sex, age band, "
                "nationality, outcome and referrals made. What is said from now on stays only "
                "until you lock the screen or sign out."
            )
            if refused
            else ""
        )

    def ask_name(self) -> None:
        from interview_room.gui.interview.dialogs import PersonNameDialog

        if not self._may_ask_name():
            return
        self.flush()
        PersonNameDialog(self.interview, self).exec()

    def _may_ask_name(self) -> bool:
        """Nothing about the person before the rights and the consent to the interview."""
        interview = self.interview
        return interview.consent(ConsentScope.INTERVIEW) is True and not interview.consent_refused

    def _update_name_button(self) -> None:
        interview = self.interview
        self.name_button.setEnabled(
            self._may_ask_name() and interview.outcome is None and not interview.on_break
        )

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

    # -- break, here and now, stop, end ----------------------------------------------------

    def show_here_and_now(self) -> None:
        self.flush()
        HereAndNowDialog(self.interview.protocol, self.interview.person_language, self).exec()

    def start_break(self) -> None:
        if self.interview.is_closed or self.interview.is_stopped or self.interview.on_break:
            return
        self.flush()
        self.interview.start_break()
        self._show_pause()

    def _break_began(self) -> str:
        """The break's start in local time, as recorded (not when this page was drawn)."""
        started = self.interview.break_started_at()
        if started is None:
            return datetime.now().strftime("%H:%M")
        return datetime.fromisoformat(started).astimezone().strftime("%H:%M")

    def _show_pause(self) -> None:
        self.pause_view = self._fresh_view(self.pause_view)
        layout = QVBoxLayout(self.pause_view)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addWidget(label(self.tr("On a break"), "heading"))
        layout.addWidget(label(self.tr("Since %1").replace("%1", self._break_began()), "hint"))
        layout.addWidget(self._person_label("script.break", "person-large"))
        row = QHBoxLayout()
        self.continue_button = button(
            self.tr("Continue the interview"),
            primary=True,
            description=self.tr("End the break and go back to the question you were at."),
        )
        self.continue_button.clicked.connect(self.end_break)
        row.addWidget(self.continue_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.views.setCurrentWidget(self.pause_view)
        self.footer.hide()
        self.break_button.setEnabled(False)
        self.name_button.setEnabled(False)
        self.continue_button.setFocus()

    def end_break(self) -> None:
        self.interview.end_break()
        self.break_button.setEnabled(True)
        self.show_section(self.question_id)

    def ask_to_stop(self) -> None:
        if self.interview.is_closed or self.interview.is_stopped:
            return
        self.flush()
        dialog = StopDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.interview.stop(dialog.requester(), dialog.reason.text())
        self._show_end("script.stopped")

    def _decide(self, decision: str, reasons: str) -> None:
        self.interview.record_decision(decision, reasons)
        self.finished.emit()

    def _show_refusal(self) -> None:
        """The person said no to the interview: what to read, and a deliberate last step (the
        same click that answered can never end the interview)."""
        self.end_view = self._fresh_view(self.end_view)
        layout = QVBoxLayout(self.end_view)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addWidget(
            label(
                self.tr("The guardian does not agree to the interview")
                if self._guardian_refused()
                else self.tr("The person does not agree to the interview"),
                "heading",
            )
        )
        layout.addWidget(
            label(
                self.tr(
                    "Their choice is respected. Ending records it as final; help does not "
                    "depend on the interview. If the answer was recorded by mistake, go back."
                ),
                "hint",
            )
        )
        row = QHBoxLayout()
        self.refusal_back_button = button(
            self.tr("← Back to the consent questions"),
            description=self.tr("Nothing is recorded; the answer can be corrected."),
        )
        self.end_respectfully_button = button(
            self.tr("End the interview respectfully"),
            description=self.tr("Record that the person did not agree, and end the interview."),
        )
        self.refusal_back_button.clicked.connect(lambda: self.show_section(self.question_id))
        self.end_respectfully_button.clicked.connect(self._end_on_refusal)
        row.addWidget(self.refusal_back_button)
        row.addStretch(1)
        row.addWidget(self.end_respectfully_button)
        layout.addLayout(row)
        layout.addStretch(1)
        self.views.setCurrentWidget(self.end_view)
        self.footer.hide()
        self.refusal_back_button.setFocus()

    def _end_on_refusal(self) -> None:
        self.interview.refuse_consent()
        self._show_end("script.consent_refused")

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
        self.back_to_list_button = button(
            self.tr("Back to the case list"),
            primary=True,
            description=self.tr("The outcome is saved; go back to the list of cases."),
        )
        self.back_to_list_button.clicked.connect(self.done)
        layout.addWidget(self.back_to_list_button)
        layout.addStretch(1)
        self.views.setCurrentWidget(self.end_view)
        self.footer.hide()
        for widget in (self.break_button, self.stop_button):
            widget.setEnabled(False)
        self.back_to_list_button.setFocus()

    def _fresh_view(self, old: QWidget) -> QWidget:
        """An empty view in place of ``old`` (pages are rebuilt, never patched)."""
        view = QWidget()
        if self.views.currentWidget() is old:
            # Removing the page on screen would show the new one while still empty, and
            # children added to a shown widget stay hidden.
            self.views.setCurrentWidget(self.question_area)
        self.views.addWidget(view)
        self.views.removeWidget(old)
        old.deleteLater()
        return view
