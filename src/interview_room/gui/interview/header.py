"""The interview page's header: the case, the person's language, the child badge, the emergency
numbers in one line (on every page), how the page looks (A−, A+, contrast) and what can be done
from every step (name, here and now, break, stop, close). Both rows together fit 900 pixels
(the window at 200 % scaling). The emergency line sits under A−, A+ and contrast, in the
height the case's three lines already take: it adds no row that would push the question down
(the first answer takes the keyboard only when it is in view); in a narrow window it wraps
between numbers, never inside one.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from interview_room.gui import theme
from interview_room.gui.interview.emergency import EmergencyStrip
from interview_room.gui.widgets import ContrastSwitch, button, describe, label
from interview_room.interview.interview import Interview
from interview_room.referral.content import language_name as language_name_in
from interview_room.sync.centre_holdings import protocol_withdrawn

translate = QCoreApplication.translate


class WizardHeader(QFrame):
    """The header's controls; the page connects them. Its words keep the page's translation
    context ("WizardPage")."""

    def __init__(self, interview: Interview, language: str) -> None:
        super().__init__()
        self.setProperty("role", "header")
        rows = QVBoxLayout(self)
        rows.setContentsMargins(20, 8, 20, 8)
        bar = QHBoxLayout()
        rows.addLayout(bar)
        tools = QHBoxLayout()
        rows.addLayout(tools)
        bar.addLayout(self._facts(interview, language))
        bar.addSpacing(24)
        looks = QHBoxLayout()
        self.looks = looks  # where the wizard puts "Seen before?" (seen_before_action.py)
        looks.addStretch(1)
        beside = QVBoxLayout()
        beside.addLayout(looks)
        # On every page (review 2, finding 15), right-aligned under how the page looks.
        self.emergency = EmergencyStrip(language, interview.station_folder, interview.station_store)
        beside.addWidget(self.emergency)
        bar.addLayout(beside, 1)
        self._make_buttons()
        self.contrast_switch = ContrastSwitch(theme.current().high_contrast)
        # How the page looks, on the top row beside the case; what to do, on the row below.
        looks.addWidget(self.smaller_button)
        looks.addWidget(self.larger_button)
        looks.addWidget(self.contrast_switch)
        tools.addStretch(1)
        for widget in (
            self.name_button,
            self.here_and_now_button,
            self.break_button,
            self.stop_button,
            self.close_button,
        ):
            tools.addWidget(widget)

    def _facts(self, interview: Interview, language: str) -> QVBoxLayout:
        """The case, the person's language, a withdrawn protocol and the (hidden) child badge."""
        protocol = interview.protocol
        facts = QVBoxLayout()
        facts.addWidget(label(interview.case.code, "station", wrap=False))
        # Named in the interviewer's language, with the language's own name beside it.
        native = protocol.catalogs[interview.person_language].name
        language_name = language_name_in(protocol, interview.person_language, language)
        if language_name != native:
            language_name = f"{language_name} · {native}"
        facts.addWidget(
            label(
                translate("WizardPage", "Person's language: %1").replace("%1", language_name),
                "hint",
                wrap=False,
            )
        )
        if protocol_withdrawn(interview.station_store, protocol):
            facts.addWidget(withdrawn_line(protocol.version))
        self.child_badge = label("", "tag", wrap=False)
        # The badge comes and goes with the age; its room stays, so nothing below it moves.
        policy = self.child_badge.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.child_badge.setSizePolicy(policy)
        # Hidden until the wizard says what holds: empty, it showed as a bare yellow square.
        self.child_badge.hide()
        facts.addWidget(self.child_badge, 0, Qt.AlignmentFlag.AlignLeft)
        return facts

    def _make_buttons(self) -> None:
        """What can be done from every step, and how big the person's words are."""
        self.here_and_now_button = button(
            translate("WizardPage", "Here and now (F2)"),
            description=translate(
                "WizardPage", "A grounding prompt to read when the person is overwhelmed."
            ),
        )
        self.break_button = button(
            translate("WizardPage", "Break (F3)"),
            description=translate(
                "WizardPage", "Pause the interview; the break is recorded with its time."
            ),
        )
        self.stop_button = button(
            translate("WizardPage", "Stop the interview…"),
            description=translate(
                "WizardPage",
                "End the interview now, at the person's request or yours; it is kept as "
                "incomplete.",
            ),
        )
        self.name_button = button(
            translate("WizardPage", "Person's name…"),
            description=translate(
                "WizardPage",
                "Record the name as the person gives it. Asked only after the rights and the "
                "consent to the interview; never required.",
            ),
        )
        self.close_button = button(
            translate("WizardPage", "Close"),
            description=translate(
                "WizardPage", "Back to the case list; everything answered is already saved."
            ),
        )
        self.smaller_button = button(
            "A−", description=translate("WizardPage", "Smaller words for the person (Ctrl+minus)")
        )
        self.larger_button = button(
            "A+", description=translate("WizardPage", "Larger words for the person (Ctrl+plus)")
        )
        describe(
            self.smaller_button,
            translate("WizardPage", "Smaller words for the person"),
            translate("WizardPage", "Make the words read to the person smaller (Ctrl+minus)."),
            tooltip=True,
        )
        describe(
            self.larger_button,
            translate("WizardPage", "Larger words for the person"),
            translate("WizardPage", "Make the words read to the person larger (Ctrl+plus)."),
            tooltip=True,
        )


def withdrawn_line(version: str) -> QLabel:
    """The calm line on an interview whose protocol version the centre withdrew."""
    line = label(
        translate("WizardPage", "Protocol %1 was withdrawn by the central office").replace(
            "%1", version
        ),
        "hint",
        wrap=False,
    )
    line.setToolTip(
        translate(
            "WizardPage",
            "This interview keeps the questions it began with and can be finished and read. "
            "New interviews use another version.",
        )
    )
    return line
