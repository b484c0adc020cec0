"""The views that replace the question: a break, the person's "no" to the interview, and the
end of an interview (stopped, or declined). From every step: the "here and now" prompt (F2),
a break (F3) and stopping at the person's request.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from interview_room.gui.interview.dialogs import HereAndNowDialog, StopDialog
from interview_room.gui.widgets import button, label, scrolled
from interview_room.interview.safeguards import RefusedFor

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QPushButton, QScrollArea, QStackedWidget

    from interview_room.interview.interview import Interview

translate = QCoreApplication.translate


class WizardEndings:
    """Break, refusal and end views of ``WizardPage`` (a mixin). Views are rebuilt, never
    patched; their words keep the page's translation context."""

    if TYPE_CHECKING:
        interview: Interview
        language: str
        """The interviewer's language."""
        question_id: str | None
        views: QStackedWidget
        question_area: QScrollArea
        pause_view: QWidget
        end_view: QWidget
        footer: QWidget
        break_button: QPushButton
        stop_button: QPushButton
        name_button: QPushButton
        done: SignalInstance
        finished: SignalInstance

        def flush(self) -> None: ...

        def show_section(self, question_id: str | None = None) -> None: ...

        def _person_label(self, text_id: str, role: str = "person") -> QWidget: ...

        def _guardian_refused(self) -> bool: ...

    def show_here_and_now(self) -> None:
        self.flush()
        parent = self if isinstance(self, QWidget) else None
        dialog = HereAndNowDialog(
            self.interview.protocol, self.interview.person_language, parent, self.language
        )
        dialog.exec()
        if dialog.choice == HereAndNowDialog.BREAK:
            self.start_break()
        elif dialog.choice == HereAndNowDialog.STOP:
            self.ask_to_stop()

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
        layout.addWidget(label(translate("WizardPage", "On a break"), "heading"))
        layout.addWidget(
            label(translate("WizardPage", "Since %1").replace("%1", self._break_began()), "hint")
        )
        layout.addWidget(self._person_label("script.break", "person-large"))
        row = QHBoxLayout()
        self.continue_button = button(
            translate("WizardPage", "Continue the interview"),
            primary=True,
            description=translate(
                "WizardPage", "End the break and go back to the question you were at."
            ),
        )
        self.continue_button.clicked.connect(self.end_break)
        row.addWidget(self.continue_button)
        # The break's words offer to stop: one press, not a search in the header (fifth
        # review, finding 11; WHO 2003 principle 6). The header's words, the same action.
        self.stop_on_break_button = button(
            translate("WizardPage", "Stop the interview…"),
            description=translate(
                "WizardPage",
                "End the interview now, at the person's request or yours; it is kept as "
                "incomplete.",
            ),
        )
        self.stop_on_break_button.clicked.connect(self.ask_to_stop)
        row.addWidget(self.stop_on_break_button)
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
        dialog = StopDialog(self if isinstance(self, QWidget) else None)
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
                translate("WizardPage", "The child does not agree to the interview")
                if self.interview.child_declined and self.interview.consent_refused
                else self._refused_for_the_child()
                if self._guardian_refused()
                else translate("WizardPage", "The person does not agree to the interview"),
                "heading",
            )
        )
        layout.addWidget(
            label(
                translate(
                    "WizardPage",
                    "Their choice is respected. Ending records it as final; help does not "
                    "depend on the interview. If the answer was recorded by mistake, go back.",
                ),
                "hint",
            )
        )
        layout.addWidget(
            label(
                translate(
                    "WizardPage",
                    "After ending, you can still record the immediate needs, give the "
                    "information sheet, call for emergency help and make a shelter referral "
                    "(for a child, the Child Protection Unit).",
                ),
                "hint",
            )
        )
        row = QHBoxLayout()
        self.refusal_back_button = button(
            translate("WizardPage", "← Back to the consent questions"),
            description=translate(
                "WizardPage", "Nothing is recorded; the answer can be corrected."
            ),
        )
        self.end_respectfully_button = button(
            translate("WizardPage", "End the interview respectfully"),
            description=translate(
                "WizardPage", "Record that the person did not agree, and end the interview."
            ),
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

    def _refused_for_the_child(self) -> str:
        """Who said no for the child, as recorded: after the Unit's "no" never "the
        guardian" (issue 12)."""
        by = self.interview.refused_for_the_child
        if by is RefusedFor.UNIT:
            return translate(
                "WizardPage", "The Child Protection Unit worker does not agree to the interview"
            )
        if by is RefusedFor.BOTH:
            return translate(
                "WizardPage",
                "The guardian and the Child Protection Unit worker do not agree to the interview",
            )
        if by is RefusedFor.GUARDIAN_OR_UNIT:
            return translate(
                "WizardPage",
                "The guardian or the Child Protection Unit worker does not agree to the interview",
            )
        return translate("WizardPage", "The guardian does not agree to the interview")

    def _end_on_refusal(self) -> None:
        self.interview.refuse_consent()
        self._show_end("script.consent_refused")

    def _show_end(self, script_id: str) -> None:
        self.end_view = self._fresh_view(self.end_view)
        # The script is long in larger words or at 200 %: it scrolls, never cut off.
        inner = QWidget()
        outer = QVBoxLayout(self.end_view)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolled(inner))
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(40, 40, 40, 40)
        title = (
            translate("WizardPage", "The person did not agree to the interview")
            if script_id == "script.consent_refused"
            else translate("WizardPage", "The interview was stopped")
        )
        layout.addWidget(label(title, "heading"))
        layout.addWidget(label(translate("WizardPage", "Read to the person:"), "hint"))
        layout.addWidget(self._person_label(script_id, "person-large"))
        layout.addWidget(
            label(
                translate(
                    "WizardPage", "This outcome is recorded. Help does not depend on the interview."
                ),
                "hint",
            )
        )
        # Help never depends on the interview (issue 12): the next step is the help itself.
        self.help_button = button(
            translate("WizardPage", "Help for the person now →"),
            primary=True,
            description=translate(
                "WizardPage",
                "Immediate needs, the information sheet, emergency numbers and a shelter "
                "referral, without the interview.",
            ),
        )
        self.help_button.clicked.connect(self.finished)
        self.back_to_list_button = button(
            translate("WizardPage", "Back to the case list"),
            description=translate(
                "WizardPage", "The outcome is saved; go back to the list of cases."
            ),
        )
        self.back_to_list_button.clicked.connect(self.done)
        row = QHBoxLayout()
        row.addWidget(self.help_button)
        row.addWidget(self.back_to_list_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.views.setCurrentWidget(self.end_view)
        self.footer.hide()
        for widget in (self.break_button, self.stop_button):
            widget.setEnabled(False)
        self.help_button.setFocus()

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
