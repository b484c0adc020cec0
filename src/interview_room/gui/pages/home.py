"""The main page after sign-in: who and where, the station's actions, and the case list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from interview_room.gui import theme
from interview_room.gui.case_list import CaseListView
from interview_room.gui.messages import role_name
from interview_room.gui.widgets import ContrastSwitch, LanguageSwitch, button, label

if TYPE_CHECKING:
    from interview_room.workstation import Session


class HomePage(QWidget):
    lock_requested = Signal()
    sign_out_requested = Signal()
    users_requested = Signal()
    settings_requested = Signal()
    change_password_requested = Signal()
    language_chosen = Signal(str)
    contrast_chosen = Signal(bool)
    new_interview_requested = Signal()
    check_referral_requested = Signal()
    information_sheet_requested = Signal()
    sync_requested = Signal()
    case_chosen = Signal(str)

    def __init__(self, session: Session) -> None:
        super().__init__()
        header = self._build_header(session)
        body = self._build_case_list(session)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(header)
        layout.addLayout(body, 1)
        self.cases.search.setFocus()

    def _build_header(self, session: Session) -> QFrame:
        """Who and where, the person's own actions beside their name, station tools below."""
        header = QFrame()
        header.setProperty("role", "header")
        rows = QVBoxLayout(header)
        rows.setContentsMargins(20, 12, 20, 12)
        account = self._build_title_row(session, rows)
        actions = self._build_station_actions(session)
        self._build_account_actions(account)
        rows.addLayout(actions)
        return header

    def _build_title_row(self, session: Session, rows: QVBoxLayout) -> QHBoxLayout:
        """The station and the signed-in person; returns the row's place for their actions."""
        title_row = QHBoxLayout()
        who = QVBoxLayout()
        who.addWidget(label(session.station.name, "station", wrap=False))
        who.addWidget(
            label(
                self.tr("Signed in: %1 (%2)")
                .replace("%1", session.user.display_name)
                .replace("%2", role_name(session.user.role)),
                "hint",
                # Wraps rather than pushing the buttons beside it out of sight (long roles,
                # bold high-contrast text, 200 % scaling).
                wrap=True,
            )
        )
        title_row.addLayout(who)
        title_row.addStretch(1)
        # The signed-in person's own actions sit with their name; station tools below.
        account = QHBoxLayout()
        title_row.addLayout(account)
        self.language_switch = LanguageSwitch(session.user.language)
        self.language_switch.chosen.connect(self.language_chosen)
        self.contrast_switch = ContrastSwitch(theme.current().high_contrast)
        self.contrast_switch.chosen.connect(self.contrast_chosen)
        rows.addLayout(title_row)
        return account

    def _build_station_actions(self, session: Session) -> QHBoxLayout:
        actions = QHBoxLayout()
        if session.user.is_admin:
            self.users_button = button(
                self.tr("Users…"),
                description=self.tr("Add colleagues to this workstation or disable them."),
            )
            self.settings_button = button(
                self.tr("Settings…"),
                description=self.tr(
                    "The automatic lock and how long personal data is kept at the station."
                ),
            )
            self.users_button.clicked.connect(self.users_requested)
            self.settings_button.clicked.connect(self.settings_requested)
            actions.addWidget(self.users_button)
            actions.addWidget(self.settings_button)
        self.check_button = button(
            self.tr("Check a referral PDF…"),
            description=self.tr("Who signed it, whether it changed, whether it can be trusted."),
        )
        self.check_button.clicked.connect(self.check_referral_requested)
        actions.addWidget(self.check_button)
        self.sheet_button = button(
            self.tr("Information sheet…"),
            description=self.tr("“Your rights and where to get help”, in the person's language."),
        )
        self.sheet_button.clicked.connect(self.information_sheet_requested)
        actions.addWidget(self.sheet_button)
        self.sync_button = button(
            self.tr("Send to the central office…"),
            description=self.tr("Write an encrypted bundle to a USB stick; read receipts."),
        )
        self.sync_button.clicked.connect(self.sync_requested)
        actions.addWidget(self.sync_button)
        actions.addStretch(1)
        return actions

    def _build_account_actions(self, account: QHBoxLayout) -> None:
        self.password_button = button(
            self.tr("Change password…"),
            description=self.tr("Change your own password; colleagues keep theirs."),
        )
        self.lock_button = button(
            self.tr("Lock (Ctrl+L)"),
            description=self.tr("Hide everything at once. F12 does the same."),
        )
        self.sign_out_button = button(
            self.tr("Sign out"),
            description=self.tr("Close your session and go back to the sign-in screen."),
        )
        self.password_button.clicked.connect(self.change_password_requested)
        self.lock_button.clicked.connect(self.lock_requested)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        account.addWidget(self.password_button)
        account.addWidget(self.lock_button)
        account.addWidget(self.sign_out_button)
        account.addSpacing(12)
        account.addWidget(self.language_switch)
        account.addWidget(self.contrast_switch)

    def _build_case_list(self, session: Session) -> QVBoxLayout:
        """The cases on this workstation, with the button that starts a new interview."""
        self.cases = CaseListView(session.cases)
        self.cases.case_chosen.connect(self.case_chosen)
        self.new_interview_button = button(
            self.tr("New interview (Ctrl+N)"),
            primary=True,
            description=self.tr("Start a screening interview: immediate needs come first."),
        )
        self.new_interview_button.clicked.connect(self.new_interview_requested)
        title_bar = QHBoxLayout()
        # The heading keeps one line; the hint beside it gives way (it wraps) when room is
        # short, instead of the heading breaking into two.
        title_bar.addWidget(label(self.tr("Cases on this workstation"), "subheading", wrap=False))
        title_bar.addStretch(1)
        hint = label(self.tr("Enter or double-click opens a case."), "hint")
        hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        title_bar.addWidget(hint, 1)
        title_bar.addWidget(self.new_interview_button)
        body = QVBoxLayout()
        body.setContentsMargins(24, 16, 24, 16)
        body.addLayout(title_bar)
        body.addWidget(self.cases, 1)
        return body
