"""Dialogs around the interview: starting one, the "here and now" prompt, and stopping."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from interview_room.accounts import Role
from interview_room.gui.dialogs.common import FormDialog
from interview_room.gui.widgets import (
    button,
    describe,
    label,
    line_edit,
    person_words,
    scrolled,
)
from interview_room.interview.interview import Interview, StopRequester
from interview_room.screening import Protocol, text
from interview_room.workstation import Session


@dataclass(frozen=True)
class InterviewStart:
    person_language: str
    person_name: str
    social_worker_id: str | None


class StartInterviewDialog(FormDialog):
    """What must be known before the first question: the person's language and the
    co-interviewing social worker. Nothing about the person: the name is asked after the rights
    and the consent (:class:`PersonNameDialog`)."""

    def __init__(self, session: Session, protocol: Protocol, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("New interview"),
            self.tr(
                "Immediate needs come first. The person's words are shown in their "
                "language; guidance for you stays in yours."
            ),
            parent,
        )
        self.setMinimumWidth(560)
        self.language = describe(
            QComboBox(),
            self.tr("The person's language"),
            self.tr("The words read to the person are shown in this language."),
        )
        for code in protocol.languages:
            self.language.addItem(protocol.catalogs[code].name, code)
        self.social_worker = describe(
            QComboBox(),
            self.tr("Social worker"),
            self.tr("The social worker who interviews with you and signs referrals second."),
        )
        for user in session.users.all():
            if user.active and user.role is Role.SOCIAL_WORKER:
                self.social_worker.addItem(user.display_name, user.id)
        self.social_worker.addItem(self.tr("Not on this workstation (an NGO, or none)"), None)
        self.form.addRow(self.tr("The person's language"), self.language)
        self.form.addRow(self.tr("Social worker"), self.social_worker)
        self.describe_ok(
            self.tr("Open the interview at its first section, immediate needs."),
            self.tr("Start the interview"),
        )
        self.start_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        describe(cancel, cancel.text(), self.tr("Close this window; no case is made."))

    def apply(self) -> bool:
        return True  # nothing is made here: the caller begins the interview with the choices

    def result_value(self) -> InterviewStart:
        return InterviewStart(
            person_language=str(self.language.currentData()),
            person_name="",
            social_worker_id=self.social_worker.currentData(),
        )


class PersonNameDialog(FormDialog):
    """The person's name, as they give it, asked only after the rights and the consent. Kept
    in the store only with the consent to a record; otherwise held until sign-out or lock."""

    def __init__(self, interview: Interview, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("The person's name"),
            self.tr(
                "Ask only if the person wishes to give it; an interview and a referral do not "
                "need it. Write it as they say it. Names stay hidden in the case list until "
                "asked for."
            ),
            parent,
        )
        self._interview = interview
        self.name = line_edit(
            self.tr("Name, as the person gives it"),
            description=self.tr("Leave empty if they prefer not to give it."),
        )
        self.name.setText(interview.person_name)
        self.describe_ok(self.tr("Record the name as written."), self.tr("Record the name"))
        self.form.addRow(self.tr("Name, as the person gives it"), self.name)

    def required_fields(self) -> list[QLineEdit]:
        return []  # a name is never required

    def apply(self) -> bool:
        self._interview.set_person_name(self.name.text())
        return True


class HereAndNowDialog(QDialog):
    """The grounding prompt, large, in the person's language: back to the present and the room.
    With an interpreter, the same words in the interviewer's language under it, which the
    interviewer says and the interpreter puts into the person's language (seventh practitioner's
    review, finding 6); a break or a stop one click away. ``choice`` says which was chosen."""

    BACK, BREAK, STOP = "back", "break", "stop"

    def __init__(
        self,
        protocol: Protocol,
        person_language: str,
        parent: QWidget | None = None,
        interviewer_language: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Here and now"))
        self.setMinimumSize(640, 360)
        self.choice = self.BACK
        words = person_words(
            text(protocol, person_language, "script.here_and_now"),
            protocol.catalogs[person_language].direction == "rtl",
            "person-large",
        )
        texts = QWidget()
        column = QVBoxLayout(texts)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(label(self.tr("Read slowly, in a calm voice:"), "hint"))
        column.addWidget(words)
        self.own_words: QLabel | None = None
        if interviewer_language is not None and interviewer_language != person_language:
            # Both texts in full at any text size: they scroll, the buttons stay in view.
            self.setMinimumSize(760, 600)
            self._add_own_words(protocol, person_language, str(interviewer_language), column)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(label(self.tr("Here and now"), "subheading"))
        layout.addWidget(scrolled(texts), 1)
        layout.addLayout(self._buttons())

    def _add_own_words(
        self, protocol: Protocol, person_language: str, own: str, layout: QVBoxLayout
    ) -> None:
        """The prompt in the interviewer's language, which the interpreter puts into the
        person's; the person's words marked while they are a machine draft."""
        if protocol.catalogs[person_language].status:
            layout.addWidget(
                label(self.tr("Machine draft, not yet checked by a certified translator."), "hint")
            )
        layout.addWidget(
            label(
                self.tr(
                    "With an interpreter: you say it in your language, the interpreter says "
                    "it in the person's language."
                ),
                "hint",
            )
        )
        self.own_words = label(text(protocol, own, "script.here_and_now"), "own-words")
        layout.addWidget(self.own_words)

    def _buttons(self) -> QHBoxLayout:
        self.back_button = button(
            self.tr("Back to the interview"),
            primary=True,
            description=self.tr("Close the prompt and go on where you were."),
        )
        self.break_button = button(
            self.tr("Take a break"),
            description=self.tr("Close the prompt and pause the interview; nothing is lost."),
        )
        self.stop_button = button(
            self.tr("Stop the interview…"),
            description=self.tr("Close the prompt and choose who asked to stop, and why."),
        )
        row = QHBoxLayout()
        for widget, choice in (
            (self.back_button, self.BACK),
            (self.break_button, self.BREAK),
            (self.stop_button, self.STOP),
        ):
            widget.clicked.connect(lambda _=False, chosen=choice: self._choose(chosen))
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


class StopDialog(QDialog):
    """Who asked to stop, and (optionally) why. The interview is kept as incomplete."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Stop the interview"))
        self.setMinimumWidth(520)
        self.group = QButtonGroup(self)
        choices = (
            (StopRequester.PERSON, self.tr("The person asked to stop")),
            (StopRequester.INTERVIEWER, self.tr("The interviewers decided to stop")),
            (StopRequester.OTHER, self.tr("Someone else (guardian, interpreter, medical staff)")),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(label(self.tr("Stop the interview"), "subheading"))
        layout.addWidget(
            label(
                self.tr(
                    "Everything answered so far is kept as an incomplete record. The interview "
                    "can be continued later."
                ),
                "hint",
            )
        )
        for requester, words in choices:
            radio = QRadioButton(words)
            radio.setProperty("requester", requester.value)
            describe(radio, words, self.tr("Who asked to stop the interview."))
            self.group.addButton(radio)
            layout.addWidget(radio)
        self.group.buttons()[0].setChecked(True)
        self.reason = line_edit(
            self.tr("Reason (optional)"),
            description=self.tr("Why the interview stops, in a few words; it may stay empty."),
        )
        self.reason.setPlaceholderText(self.tr("Reason (optional)"))
        layout.addWidget(self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.stop_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.stop_button.setText(self.tr("Stop the interview"))
        describe(
            self.stop_button,
            self.stop_button.text(),
            self.tr("Stop now; everything answered is kept and can be continued later."),
        )
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        describe(cancel, cancel.text(), self.tr("Close this window and go on with the interview."))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def requester(self) -> StopRequester:
        checked = self.group.checkedButton()
        if checked is None:  # one choice is always checked; default to the person's request
            return StopRequester.PERSON
        return StopRequester(str(checked.property("requester")))
