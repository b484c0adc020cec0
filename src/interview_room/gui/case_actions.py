"""What a signed-in user does from the main window: interviews, cases, referrals, the
information sheet, sync, and the administrator's dialogs.

An object the window (:class:`~interview_room.gui.window.AppWindow`) owns, so the window itself
is only about pages, signing in and locking; what it needs of the window is :class:`CaseWindow`.
Dialogs are imported where they open, so the first screen shows without loading them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from interview_room.errors import InterviewRoomError

if TYPE_CHECKING:
    from interview_room.gui.i18n import InterfaceLanguage
    from interview_room.gui.network_sync import NetworkSync
    from interview_room.interview.interview import Interview
    from interview_room.interview.protocols import ProtocolLibrary
    from interview_room.workstation import Session

translate = QCoreApplication.translate


class CaseWindow(Protocol):
    """What the case actions need of the window that owns them."""

    session: Session | None
    language: InterfaceLanguage
    network_sync: NetworkSync
    open_case_id: str | None
    """The case on screen, reopened after an unlock."""

    @property
    def page(self) -> QWidget: ...

    def show_page(self, page: QWidget, rebuild: Callable[[], None]) -> None:
        """Show ``page``; ``rebuild`` makes it anew (a language switch, an unlock)."""

    def show_home(self) -> None: ...

    def restart_idle_timer(self) -> None: ...

    def set_high_contrast(self, on: bool) -> None: ...


class CaseActions:
    """Opens interviews, cases and the signed-in user's dialogs for the window."""

    def __init__(self, window: CaseWindow, parent: QWidget) -> None:
        """``parent``: the widget the dialogs open over (the window itself)."""
        self._window = window
        self._parent = parent
        self._protocols: ProtocolLibrary | None = None

    @property
    def _session(self) -> Session:
        """The signed-in session: these actions are offered only to someone signed in."""
        session = self._window.session
        assert session is not None
        return session

    @property
    def protocols(self) -> ProtocolLibrary:
        """The station's protocols (shipped, and those the centre's package brought), loaded
        when the first interview is opened; asked again each time, since a package may have
        arrived (each folder is loaded once)."""
        if self._window.session is not None:
            from interview_room.sync.centre_holdings import station_protocols

            session = self._window.session
            return station_protocols(session.workstation.data_dir, session.db)
        if self._protocols is None:
            from interview_room.interview.protocols import ProtocolLibrary

            self._protocols = ProtocolLibrary()
        return self._protocols

    def new_interview(self) -> None:
        """Ask for the person's language (and, optionally, a name), then open the wizard."""
        from interview_room.gui.interview.dialogs import StartInterviewDialog
        from interview_room.interview.interview import Interview

        session = self._window.session
        from interview_room.gui.pages.home import HomePage

        if session is None or not isinstance(self._window.page, HomePage):
            return
        protocol = self.protocols.current()
        dialog = StartInterviewDialog(session, protocol, self._parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        start = dialog.result_value()
        interview = Interview.begin(
            session, protocol, start.person_language, start.person_name, start.social_worker_id
        )
        self.show_interview(interview)

    def open_case(self, case_id: str, notice: str = "") -> None:
        from interview_room.gui.dialogs.common import inform
        from interview_room.gui.messages import describe_error
        from interview_room.interview.interview import Interview

        session = self._window.session
        assert session is not None
        try:
            interview = Interview.resume(session, case_id, self.protocols)
        except InterviewRoomError as error:  # e.g. its protocol version is not on this PC
            inform(
                self._parent,
                translate("CaseActions", "The case cannot be opened"),
                describe_error(error, admin=session.user.is_admin),
            )
            return
        if interview.outcome is None:
            self.show_interview(interview)
        else:
            self.show_case_summary(interview, notice)

    def show_interview(self, interview: Interview) -> None:
        from interview_room.gui.interview.wizard import WizardPage

        self._window.open_case_id = interview.case.id
        page = WizardPage(interview, self._window.language.current)
        page.done.connect(self._window.show_home)
        # After the decision: the case with its next steps (referral, information sheet).
        page.finished.connect(lambda: self.show_case_summary(interview))
        page.contrast_chosen.connect(self._window.set_high_contrast)
        self._window.show_page(page, lambda: self._reopen(interview.case.id))

    def show_case_summary(self, interview: Interview, notice: str = "") -> None:
        from interview_room.gui.interview.summary import CaseSummaryPage

        self._window.open_case_id = interview.case.id
        session = self._window.session
        assert session is not None
        page = CaseSummaryPage(interview, self._window.language.current, session, notice)
        page.back.connect(self._window.show_home)
        page.changed.connect(lambda words: self._reopen(interview.case.id, words))
        page.information_sheet_requested.connect(
            lambda: self.information_sheet(interview.person_language)
        )
        page.continue_requested.connect(lambda: self._continue(interview))
        self._window.show_page(page, lambda: self._reopen(interview.case.id))

    def _continue(self, interview: Interview) -> None:
        interview.continue_interview()
        self.show_interview(interview)

    def _reopen(self, case_id: str, notice: str = "") -> None:
        """Show a case again after a language switch, an unlock or a signature, fresh from the
        store (``notice``: a line about what just happened)."""
        self.open_case(case_id, notice)

    def information_sheet(self, preferred_language: str | None) -> None:
        from interview_room.gui.dialogs.common import inform
        from interview_room.gui.dialogs.information_sheet import InformationSheetDialog
        from interview_room.gui.messages import describe_error
        from interview_room.sync.centre_holdings import station_directory

        try:  # the directory the central office sent last, else the one shipped
            directory = station_directory(self._session.workstation.data_dir, self._session.db)
        except InterviewRoomError as error:
            inform(
                self._parent,
                translate("CaseActions", "The information sheet cannot be made"),
                describe_error(error, admin=self._session.user.is_admin),
            )
            return
        InformationSheetDialog(
            self._session.station.name, preferred_language, self._parent, directory
        ).exec()

    def sync(self) -> None:
        from interview_room.gui.dialogs.sync import SyncDialog

        dialog = SyncDialog(self._session, self._parent)
        # The status line must not say "not enrolled" until the next timed check.
        dialog.enrolled.connect(self._window.network_sync.refresh)
        dialog.exec()
        self._window.show_home()

    def check_referral(self) -> None:
        from interview_room.gui.dialogs.referral_check import check_referral_file

        check_referral_file(self._session, self._parent)

    def manage_users(self) -> None:
        from interview_room.gui.dialogs.users import UsersDialog

        UsersDialog(self._session, self._parent).exec()

    def change_password(self) -> None:
        from interview_room.gui.dialogs.common import confirm_done
        from interview_room.gui.dialogs.passwords import ChangePasswordDialog

        dialog = ChangePasswordDialog(self._session, self._parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            text = translate(
                "CaseActions", "Your password is changed. Use the new one from now on."
            )
            if dialog.outcome is not None and not dialog.outcome.can_sign:
                # The old signing key went with the old password (issue 13); only an
                # administrator can issue the new certificate.
                text += " " + translate(
                    "CaseActions",
                    "Your signing certificate was revoked with the old password: before you "
                    "can sign a referral, ask a station administrator to issue you a new one "
                    "(Users, Issue signing certificate…), where you type your new password.",
                )
            confirm_done(self._parent, translate("CaseActions", "Password changed"), text)

    def edit_settings(self) -> None:
        from interview_room.gui.dialogs.settings import SettingsDialog

        SettingsDialog(self._session, self._parent).exec()
        self._window.restart_idle_timer()
