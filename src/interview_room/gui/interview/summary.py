"""A case at a glance: status, consents, the suggestion with its rule, the decision, and the
interview's breaks and stops. Shown for finished, declined and stopped interviews."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from interview_room.accounts import Role
from interview_room.gui.interview.header import withdrawn_line
from interview_room.gui.interview.help_without_interview import HelpWithoutInterview
from interview_room.gui.messages import status_name
from interview_room.gui.widgets import button, label
from interview_room.interview.interview import Interview
from interview_room.interview.interview_store import Decision
from interview_room.interview.personal_data import PersonalData
from interview_room.referral.content import (
    APPARENT_AGE_QUESTION,
    ASKED_APART_QUESTION,
    ENDED_WITHOUT_DECISION,
)
from interview_room.referral.form_words import answer_text
from interview_room.referral.referrals import ReferralRecord, Referrals
from interview_room.screening import ConsentScope, ConsentState, explain, text
from interview_room.sync.centre_holdings import protocol_withdrawn
from interview_room.workstation import Session


class CaseSummaryPage(QWidget):
    back = Signal()
    continue_requested = Signal()
    changed = Signal(str)
    """Something was signed: show the case again with this line about what happened."""
    information_sheet_requested = Signal()

    def __init__(
        self, interview: Interview, language: str, session: Session, notice: str = ""
    ) -> None:
        super().__init__()
        self.new_referral_button: QPushButton | None = None
        self.referral_rows: list[QWidget] = []
        self.interview = interview
        self._session = session
        self._language = language

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(24, 16, 24, 24)
        column.setSpacing(10)
        self._add_case_lines(column)
        self._add_help(column)
        self._add_consents(column)
        self._add_seen_before(column)
        decision = self._add_decision(column)
        if decision is not None or interview.outcome in ENDED_WITHOUT_DECISION:
            self._add_referrals(column)
        self._add_events(column)
        column.addStretch(1)

        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(content)
        footer = self._footer()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(area, 1)
        self.notice = label(notice, "notice")
        self.notice.setContentsMargins(24, 8, 24, 0)
        self.notice.setVisible(bool(notice))
        layout.addWidget(self.notice)
        layout.addLayout(footer)
        self._area = area
        if notice and self.referral_rows:
            # What was just signed is in view, beside the notice that says so.
            QTimer.singleShot(0, lambda: area.ensureWidgetVisible(self.referral_rows[-1]))
        self._focus_first(notice)

    def _add_case_lines(self, column: QVBoxLayout) -> None:
        """The case: code, status, a withdrawn protocol, the child, the age, asked apart."""
        interview, protocol, case = self.interview, self.interview.protocol, self.interview.case
        column.addWidget(label(case.code, "heading"))
        column.addWidget(
            label(
                self.tr("Status: %1 · started %2 · officer %3 · social worker %4")
                .replace("%1", status_name(case.status))
                .replace("%2", case.started_at[:10])
                .replace("%3", case.officer or "—")
                .replace("%4", case.social_worker or "—"),
                "hint",
            )
        )
        if protocol_withdrawn(self._session.db, protocol):
            column.addWidget(withdrawn_line(protocol.version))
        if interview.presumed_child:
            column.addWidget(label(self.tr("Presumed child: child rules apply"), "tag", wrap=False))
        if protocol.has_question(APPARENT_AGE_QUESTION):
            # Beside the age, worded for a person: "Apparent age: could be under 18".
            column.addWidget(
                label(
                    self.tr("Age: %1 · Apparent age: %2")
                    .replace("%1", self._answered(protocol.age_rule.age_question))
                    .replace("%2", self._answered(APPARENT_AGE_QUESTION)),
                    "hint",
                )
            )
        if protocol.has_question(ASKED_APART_QUESTION):
            # Review 4, finding 4: whether the person spoke without the companion, and why not.
            column.addWidget(
                label(
                    self.tr("Asked apart from the companion: %1").replace(
                        "%1", self._answered(ASKED_APART_QUESTION)
                    ),
                    "hint",
                )
            )

    def _add_help(self, column: QVBoxLayout) -> None:
        """Help that does not depend on the interview, on a case ended without a decision."""
        interview, session, language = self.interview, self._session, self._language
        self.help: HelpWithoutInterview | None = None
        if interview.outcome in ENDED_WITHOUT_DECISION:
            # First on the page: help never depends on the interview (issue 12).
            self.help = HelpWithoutInterview(
                interview, language, may_refer=session.user.role is Role.OFFICER
            )
            self.help.information_sheet_requested.connect(self.information_sheet_requested)
            self.help.referral_requested.connect(self._new_referral)
            self.help.changed.connect(self.changed)
            column.addWidget(self.help)

    def _add_consents(self, column: QVBoxLayout) -> None:
        """Each consent in words, and what is kept of the person."""
        interview, protocol, language = self.interview, self.interview.protocol, self._language
        column.addWidget(label(self.tr("Consents"), "question-title"))
        words = {
            ConsentState.GIVEN: self.tr("yes"),
            ConsentState.REFUSED: self.tr("no"),
            ConsentState.PREFERS_NOT_TO_ANSWER: self.tr("prefers not to answer"),
            ConsentState.SKIPPED: self.tr("skipped (not asked on purpose)"),
            ConsentState.NOT_ASKED: self.tr("not asked"),
        }

        def word(state: ConsentState) -> str:
            return words[state]

        column.addWidget(
            label(
                self.tr("Interview: %1").replace(
                    "%1", word(interview.consent_state(ConsentScope.INTERVIEW))
                )
            )
        )
        column.addWidget(
            label(
                self.tr("Storing the data: %1").replace(
                    "%1", word(interview.consent_state(ConsentScope.DATA_STORAGE))
                )
            )
        )
        if interview.personal_data is PersonalData.MINIMAL:
            column.addWidget(
                label(
                    self.tr(
                        "No record of the person is kept: only the date, station, sex, age "
                        "group, nationality, outcome and referrals made. What they said is "
                        "held until you sign out or the screen locks, for the referrals they "
                        "agreed to."
                    ),
                    "hint",
                )
            )
        if interview.presumed_child:
            who = {
                "consent_guardian_by": self.tr("Who answered for the child: %1"),
                "consent_child_assent": self.tr("The child's own view of the interview: %1"),
            }
            for question_id, words_for in who.items():
                if protocol.has_question(question_id):
                    column.addWidget(label(words_for.replace("%1", self._answered(question_id))))
        for recipient, value in interview.sharing_consent_states().items():
            column.addWidget(
                label(
                    self.tr("Sharing with %1: %2")
                    .replace("%1", text(protocol, language, f"recipient.{recipient}"))
                    .replace("%2", word(value))
                )
            )

    def _add_seen_before(self, column: QVBoxLayout) -> None:
        """The "Seen before?" panel, once the person agreed to a record being kept."""
        interview, session, case = self.interview, self._session, self.interview.case
        self.seen_before: QWidget | None = None
        if interview.personal_data is PersonalData.KEPT:
            # Issue 16 hook: "Parë më parë?" once the person agreed to a record being kept.
            from interview_room.gui.interview.seen_before_panel import SeenBeforePanel

            self.seen_before = SeenBeforePanel(session, case.id, interview=interview)
            column.addWidget(self.seen_before)

    def _add_decision(self, column: QVBoxLayout) -> Decision | None:
        """The software's suggestion beside the decision and its reasons; the decision."""
        interview, protocol, language = self.interview, self.interview.protocol, self._language
        decision = interview.decision()
        column.addWidget(label(self.tr("Suggestion and decision"), "question-title"))
        if decision is not None:
            stored = interview.recorded_suggestion() or {}
            lines = stored.get("explanation", {}).get(language) or explain(
                interview.assessment(), protocol, language
            )
            suggested = text(protocol, language, f"outcome.{decision.suggested_outcome}")
            column.addWidget(label(self.tr("The software suggested: %1").replace("%1", suggested)))
            for line in lines:
                column.addWidget(label("• " + line, "hint"))
            decided = text(
                protocol, language, protocol.question("det_decision").option_text(decision.decision)
            )
            column.addWidget(label(self.tr("Decided: %1").replace("%1", decided), "question-title"))
            if decision.differs_from_suggestion:
                column.addWidget(
                    label(self.tr("The decision differs from the suggestion."), "tag", wrap=False)
                )
            column.addWidget(label(self.tr("Reasons: %1").replace("%1", decision.reasons)))
        else:
            column.addWidget(label(self.tr("No decision has been recorded."), "hint"))
        return decision

    def _add_events(self, column: QVBoxLayout) -> None:
        """Breaks, stops and endings, with their times."""
        interview = self.interview
        column.addWidget(label(self.tr("Breaks, stops and endings"), "question-title"))
        kinds = {
            "started": self.tr("Interview started"),
            "break_started": self.tr("Break"),
            "break_ended": self.tr("Interview continued after a break"),
            "stopped": self.tr("Interview stopped"),
            "resumed": self.tr("Interview taken up again"),
            "consent_refused": self.tr("The child did not agree to the interview")
            if interview.child_declined
            else self.tr("The person did not agree to the interview"),
            "finished": self.tr("Decision recorded"),
        }
        for event in interview.events():
            column.addWidget(
                label(
                    f"{event.at[:16].replace('T', ' ')}  {kinds.get(event.kind, event.kind)}",
                    "hint",
                )
            )

    def _footer(self) -> QHBoxLayout:
        """Back, the information sheet, a new referral and, on a stopped interview, continue."""
        self.back_button = button(
            self.tr("Back to the case list"), description=self.tr("Go back to the list of cases.")
        )
        self.back_button.clicked.connect(self.back)
        footer = QHBoxLayout()
        footer.setContentsMargins(24, 8, 24, 12)
        footer.addWidget(self.back_button)
        footer.addStretch(1)
        self.sheet_button = button(
            self.tr("Information sheet for the person…"),
            description=self.tr(
                "Save “Your rights and where to get help” as a PDF in the person's language."
            ),
        )
        self.sheet_button.clicked.connect(self.information_sheet_requested)
        footer.addWidget(self.sheet_button)
        if self.new_referral_button is not None:
            # The next step after a decision stays in view however long the case is.
            footer.addWidget(self.new_referral_button)
        if self.interview.is_stopped:
            self.continue_button = button(
                self.tr("Continue the interview"),
                primary=True,
                description=self.tr("Take the stopped interview up again where it stopped."),
            )
            self.continue_button.clicked.connect(self.continue_requested)
            footer.addWidget(self.continue_button)
        return footer

    def _focus_first(self, notice: str) -> None:
        """The sheet once on the page; the keyboard where the next step is."""
        if self.help is not None:
            # The same action once on the page: the help panel has the sheet.
            self.sheet_button.hide()
        if self.help is not None and not notice:
            self.help.needs_button.setFocus()
        elif (
            self.new_referral_button is not None
            and self.new_referral_button.isEnabled()
            and not self.referral_rows
            and self.help is None
        ):
            self.new_referral_button.setFocus()
        else:
            self.back_button.setFocus()

    def _answered(self, question_id: str) -> str:
        """An answer in words in the page's language, or "not recorded"."""
        protocol = self.interview.protocol
        answer = self.interview.answers.get(question_id)
        if answer is None or not protocol.has_question(question_id):
            return self.tr("not recorded")
        return answer_text(protocol, self._language, protocol.question(question_id), answer)

    # -- referrals ---------------------------------------------------------------------------

    def _add_referrals(self, column: QVBoxLayout) -> None:
        protocol = self.interview.protocol
        column.addWidget(label(self.tr("Referrals"), "question-title"))
        for referral in Referrals(self._session).for_case(self.interview.case.id):
            row = QHBoxLayout()
            recipient = text(protocol, self._language, f"recipient.{referral.recipient}")
            state = (
                self.tr("signed by the officer and the social worker")
                if referral.fully_signed
                else self.tr("signed by the officer; waiting for the social worker")
            )
            if referral.own_words_left_out:
                state += " · " + self.tr("the person's own words left out")
            row.addWidget(label(f"{referral.document_number} · {recipient} · {state}", "hint"), 1)
            if not referral.fully_signed:
                sign = button(
                    self.tr("Sign as social worker…"),
                    description=self.tr(
                        "Referral %1: the social worker adds their signature."
                    ).replace("%1", referral.document_number),
                )
                sign.clicked.connect(lambda _=False, r=referral: self._countersign(r))
                row.addWidget(sign)
            export = button(
                self.tr("Export PDF…"),
                description=self.tr("Referral %1: save the signed PDF where it must go.").replace(
                    "%1", referral.document_number
                ),
            )
            export.clicked.connect(lambda _=False, r=referral: self._export(r))
            row.addWidget(export)
            holder = QWidget()
            holder.setLayout(row)
            self.referral_rows.append(holder)
            column.addWidget(holder)
        self.new_referral_button = button(
            self.tr("New referral…"),
            primary=True,
            description=self.tr("Make a referral form for a recipient and sign it."),
        )
        self.new_referral_button.clicked.connect(lambda: self._new_referral())
        if self._session.user.role is not Role.OFFICER:
            # Said here, before anyone fills in a form that would be refused at the end.
            self.new_referral_button.setEnabled(False)
            column.addWidget(
                label(
                    self.tr(
                        "A referral is made and signed first by a border police officer: sign "
                        "in as the officer to make one."
                    ),
                    "hint",
                )
            )
        if not self.referral_rows:
            column.addWidget(label(self.tr("No referral has been made yet."), "hint"))

    def _new_referral(self, recipient: str = "") -> None:
        from interview_room.gui.dialogs.referrals import CountersignDialog, NewReferralDialog

        dialog = NewReferralDialog(self._session, self.interview, self._language, self)
        chosen = dialog.recipient.findData(recipient) if recipient else -1
        if chosen >= 0:
            dialog.recipient.setCurrentIndex(chosen)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.created is None:
            return
        signed = (
            CountersignDialog(
                self._session, dialog.created, self.interview.case_social_worker_id(), self
            ).exec()
            == QDialog.DialogCode.Accepted
        )
        self.changed.emit(self._signed_notice(dialog.created.document_number, both=signed))

    def _countersign(self, referral: ReferralRecord) -> None:
        from interview_room.gui.dialogs.referrals import CountersignDialog

        if (
            CountersignDialog(
                self._session, referral, self.interview.case_social_worker_id(), self
            ).exec()
            == QDialog.DialogCode.Accepted
        ):
            self.changed.emit(self._signed_notice(referral.document_number, both=True))

    def _signed_notice(self, document_number: str, both: bool) -> str:
        if both:
            return self.tr(
                "✓ Referral %1 is signed by the officer and the social worker. Export the PDF "
                "to send it."
            ).replace("%1", document_number)
        return self.tr(
            "✓ Referral %1 is signed by the officer. It waits for the social worker's signature."
        ).replace("%1", document_number)

    def _export(self, referral: ReferralRecord) -> None:
        from interview_room.gui.dialogs.referrals import export_referral

        export_referral(self._session, referral, self)
