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

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from interview_room.gui import theme
from interview_room.gui.interview.answering import STORAGE_CONSENT, WizardAnswers
from interview_room.gui.interview.decision import DecisionPanel
from interview_room.gui.interview.emergency import EmergencyContacts
from interview_room.gui.interview.endings import WizardEndings
from interview_room.gui.interview.focus import FocusWhereSeen
from interview_room.gui.interview.header import WizardHeader
from interview_room.gui.interview.moving import WizardMoves
from interview_room.gui.interview.question_card import QuestionCard, own_words_wanted
from interview_room.gui.interview.rights_pieces import RightsPieces
from interview_room.gui.interview.seen_before_action import SeenBeforeAction
from interview_room.gui.widgets import button, describe, label, person_words
from interview_room.interview.interview import Interview
from interview_room.interview.known_facts import FILLED_IN_BY_THE_APP
from interview_room.interview.rights_script import rights_script
from interview_room.screening import (
    Section,
    SectionKind,
    section_intro,
    text,
)

__all__ = ["WizardPage"]


class WizardPage(FocusWhereSeen, WizardMoves, WizardEndings, WizardAnswers, QWidget):
    """The page shown while an interview is open. Emits ``done`` to go back to the case list.

    Focus rules (``focus.py``), moving (``moving.py``), the break, refusal and end views
    (``endings.py``) and saving answers (``answering.py``) are mixins kept in their own
    modules; the header is ``header.py``."""

    done = Signal()
    finished = Signal()
    """The decision is recorded, or the interview ended without one and the help comes next:
    the case summary, with the referral, the information sheet and (without a decision) the
    help that does not depend on the interview."""
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
        self.rights: RightsPieces | None = None
        self._rights_index = 0
        """The piece of the rights being read: kept when the page is rebuilt (a break)."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._scroll_to_focus)

        header = self._take_header(interview, language)
        self._make_nav()
        self._make_views()
        footer = self._make_footer()

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

        self._add_shortcuts()

        self._apply_person_size()
        if interview.on_break:
            # Opened on a break (after unlocking): the header still says what holds for a child.
            self._update_child_badge()
            self._fill_nav()
            self._show_pause()
        else:
            self.show_section()

    def _take_header(self, interview: Interview, language: str) -> WizardHeader:
        """The header, its controls connected to this page."""
        header = WizardHeader(interview, language)
        self.child_badge = header.child_badge
        self.here_and_now_button = header.here_and_now_button
        self.break_button = header.break_button
        self.stop_button = header.stop_button
        self.name_button = header.name_button
        self.close_button = header.close_button
        self.smaller_button = header.smaller_button
        self.larger_button = header.larger_button
        self.contrast_switch = header.contrast_switch
        self.name_button.clicked.connect(self.ask_name)
        self.smaller_button.clicked.connect(lambda: self.resize_person_text(-2))
        self.larger_button.clicked.connect(lambda: self.resize_person_text(2))
        self.contrast_switch.chosen.connect(self.contrast_chosen)
        self.here_and_now_button.clicked.connect(self.show_here_and_now)
        self.break_button.clicked.connect(self.start_break)
        self.stop_button.clicked.connect(self.ask_to_stop)
        self.close_button.clicked.connect(self.close_interview)
        self.seen_before = SeenBeforeAction(interview, header.looks)  # Issue 16 hook
        return header

    def _make_nav(self) -> None:
        """The list of sections."""
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

    def _make_views(self) -> None:
        """The question, the pause and the end, one at a time."""
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
        self.views.currentChanged.connect(self.seen_before.refresh)

    def _make_footer(self) -> QHBoxLayout:
        """Back, why the page cannot move on, skip and next."""
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
        return footer

    def _add_shortcuts(self) -> None:
        """The page's keys, application-wide while it exists but never behind a dialog."""
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
        palette = theme.current()
        # A piece of the rights takes the keyboard (it turns the pages): it draws the same
        # focus ring as every control, its padding shrinking so that nothing moves.
        frame = palette.border_width if palette.high_contrast else 0
        shrink = palette.focus_width - frame
        focused = (
            f'QLabel[role="person"]:focus {{ border: {palette.focus_width}px solid'
            f" {palette.focus}; padding: {10 - shrink}px {12 - shrink}px; }}"
        )
        self.setStyleSheet(theme.person_rules(palette, size) + "\n" + focused)

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

    @property
    def _interpreted(self) -> bool:
        """An interpreter is recorded as present (``prep_interpreter``)."""
        answer = self.interview.answers.get("prep_interpreter")
        return answer is not None and answer.is_answered and answer.value == "yes"

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
        self._add_intro(column, section, question_id)
        self._add_question(column, section, question_id)
        if section.emergency_contacts:
            # Under the answers: on screen at every question of the section, without pushing
            # the first answer out of view (where it could not take the keyboard's focus).
            column.addWidget(
                EmergencyContacts(self.language, interview.station_folder, interview.station_store)
            )
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
        if self.rights is not None and (
            self.card is None or self.card.question.id not in interview.answers
        ):
            # The rights come first: the keyboard starts on "Next piece", never on an answer.
            self._focus_where_seen(self.rights.first_control())
        elif self.card is not None:
            self._focus_where_seen(self.card.first_control())
        elif self.decision_panel is not None:
            self._focus_where_seen(self.decision_panel.first_control())

    def _add_intro(self, column: QVBoxLayout, section: Section, question_id: str | None) -> None:
        """At a section's first question: the rights in pieces, or the words read to the person,
        and the guidance."""
        interview = self.interview
        questions = interview.visible_questions(section)
        first = not questions or questions[0].id == question_id
        self.rights = None
        if first and section.intro is not None and section.kind is SectionKind.CONSENT:
            # The rights, in short pieces read one at a time (issue 12); how to read them
            # first, so that the answer follows the last piece.
            if section.guidance is not None:
                column.addWidget(label(self._t(section.guidance), "guidance"))
            # Naming the officer, the social worker and the interpreter from Preparation.
            self.rights = RightsPieces(
                rights_script(interview, section.intro, interview.person_language),
                self._rtl,
                rights_script(interview, section.intro, self.language)
                if self.language != interview.person_language
                else None,
                start=self._rights_index,
            )
            self.rights.moved.connect(self._rights_moved)
            column.addWidget(self.rights)
        elif first and section.intro is not None:
            intro = section_intro(
                interview.protocol, interview.person_language, section, interview.presumed_child
            )
            column.addWidget(label(self.tr("Read to the person:"), "hint"))
            column.addWidget(person_words(intro or "", self._rtl, "person"))
            if own_words_wanted(
                interview.protocol, self.language, interview.person_language, self._interpreted
            ):
                # With an interpreter, the reviewed words in the interviewer's language too.
                own = section_intro(
                    interview.protocol, self.language, section, interview.presumed_child
                )
                column.addWidget(label(self.tr("In your language:"), "hint"))
                column.addWidget(label(own or "", "own-words"))
        if first and section.guidance is not None and self.rights is None:
            column.addWidget(label(self._t(section.guidance), "guidance"))

    def _add_question(self, column: QVBoxLayout, section: Section, question_id: str | None) -> None:
        """The decision panel, or the question's card (with its notes)."""
        interview = self.interview
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
                presumed_child=interview.presumed_child,
                with_interpreter=self._interpreted,
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

    def ask_name(self) -> None:
        from interview_room.gui.interview.dialogs import PersonNameDialog

        if not self._may_ask_name():
            return
        self.flush()
        PersonNameDialog(self.interview, self).exec()
