"""What a signed-in user does from the main window: interviews, cases, referrals, the
information sheet, sync, and the administrator's dialogs.

A mixin of :class:`~interview_room.gui.window.AppWindow`, kept apart so the window itself is
only about pages, signing in and locking. Dialogs are imported where they open, so the first
screen shows without loading them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from interview_room.gui.dialogs.common import confirm_done

if TYPE_CHECKING:
    from interview_room.gui.i18n import InterfaceLanguage
    from interview_room.gui.network_sync import NetworkSync
    from interview_room.interview.interview import Interview
    from interview_room.interview.protocols import ProtocolLibrary
    from interview_room.workstation import Session

translate = QCoreApplication.translate


class CaseActions:
    """Needs from the window: the session, the language, the page stack."""

    session: Session | None
    language: InterfaceLanguage
    network_sync: NetworkSync
    open_case_id: str | None
    _protocols: ProtocolLibrary | None

    @property
    def _widget(self) -> QWidget:
        """The window, as the parent of the dialogs it opens."""
        assert isinstance(self, QWidget)
        return self

    if TYPE_CHECKING:

        @property
        def page(self) -> QWidget: ...

        def _show(self, page: QWidget, rebuild: Callable[[], None]) -> None: ...

        def show_home(self) -> None: ...

        def restart_idle_timer(self) -> None: ...

        def set_high_contrast(self, on: bool) -> None: ...

    @property
    def protocols(self) -> ProtocolLibrary:
        """The station's protocols, loaded when the first interview is opened."""
        if self._protocols is None:
            from interview_room.interview.protocols import ProtocolLibrary

            self._protocols = ProtocolLibrary()
        return self._protocols

    def new_interview(self) -> None:
        """Ask for the person's language (and, optionally, a name), then open the wizard."""
        from interview_room.gui.interview.dialogs import StartInterviewDialog
        from interview_room.interview.interview import Interview

        session = self.session
        from interview_room.gui.pages.home import HomePage

        if session is None or not isinstance(self.page, HomePage):
            return
        protocol = self.protocols.current()
        dialog = StartInterviewDialog(session, protocol, self._widget)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        start = dialog.result_value()
        interview = Interview.begin(
            session, protocol, start.person_language, start.person_name, start.social_worker_id
        )
        self.show_interview(interview)

    def open_case(self, case_id: str, notice: str = "") -> None:
        from interview_room.interview.interview import Interview

        assert self.session is not None
        interview = Interview.resume(self.session, case_id, self.protocols)
        if interview.outcome is None:
            self.show_interview(interview)
        else:
            self.show_case_summary(interview, notice)

    def show_interview(self, interview: Interview) -> None:
        from interview_room.gui.interview.wizard import WizardPage

        self.open_case_id = interview.case.id
        page = WizardPage(interview, self.language.current)
        page.done.connect(self.show_home)
        # After the decision: the case with its next steps (referral, information sheet).
        page.finished.connect(lambda: self.show_case_summary(interview))
        page.contrast_chosen.connect(self.set_high_contrast)
        self._show(page, lambda: self._reopen(interview.case.id))

    def show_case_summary(self, interview: Interview, notice: str = "") -> None:
        from interview_room.gui.interview.summary import CaseSummaryPage

        self.open_case_id = interview.case.id
        assert self.session is not None
        page = CaseSummaryPage(interview, self.language.current, self.session, notice)
        page.back.connect(self.show_home)
        page.changed.connect(lambda words: self._reopen(interview.case.id, words))
        page.information_sheet_requested.connect(
            lambda: self.information_sheet(interview.person_language)
        )
        page.continue_requested.connect(lambda: self._continue(interview))
        self._show(page, lambda: self._reopen(interview.case.id))

    def _continue(self, interview: Interview) -> None:
        interview.continue_interview()
        self.show_interview(interview)

    def _reopen(self, case_id: str, notice: str = "") -> None:
        """Show a case again after a language switch, an unlock or a signature, fresh from the
        store (``notice``: a line about what just happened)."""
        self.open_case(case_id, notice)

    def information_sheet(self, preferred_language: str | None) -> None:
        from interview_room.gui.information_sheet_dialog import InformationSheetDialog

        assert self.session is not None
        InformationSheetDialog(self.session.station.name, preferred_language, self._widget).exec()

    def _sync(self) -> None:
        from interview_room.gui.sync_dialog import SyncDialog

        assert self.session is not None
        dialog = SyncDialog(self.session, self._widget)
        # The status line must not say "not enrolled" until the next timed check.
        dialog.enrolled.connect(self.network_sync.refresh)
        dialog.exec()
        self.show_home()

    def _check_referral(self) -> None:
        from interview_room.gui.referral_dialogs import check_referral_file

        assert self.session is not None
        check_referral_file(self.session, self._widget)

    def _manage_users(self) -> None:
        from interview_room.gui.dialogs.users import UsersDialog

        assert self.session is not None
        UsersDialog(self.session, self._widget).exec()

    def _change_password(self) -> None:
        from interview_room.gui.dialogs.passwords import ChangePasswordDialog

        assert self.session is not None
        if ChangePasswordDialog(self.session, self._widget).exec() == QDialog.DialogCode.Accepted:
            confirm_done(
                self._widget,
                translate("CaseActions", "Password changed"),
                translate("CaseActions", "Your password is changed. Use the new one from now on."),
            )

    def _edit_settings(self) -> None:
        from interview_room.gui.dialogs.settings import SettingsDialog

        assert self.session is not None
        SettingsDialog(self.session, self._widget).exec()
        self.restart_idle_timer()
