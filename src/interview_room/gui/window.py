"""The one window: which page shows, who is signed in, locking, and the language.

The window owns no data: it asks the core (``Workstation``, ``Session``) and shows the answer.
Pages are rebuilt when shown, so switching language re-renders them from the catalog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from interview_room.gui import theme
from interview_room.gui.background import BackgroundTasks
from interview_room.gui.i18n import InterfaceLanguage
from interview_room.gui.idle import IdleWatcher
from interview_room.gui.messages import describe_error
from interview_room.gui.network_sync import NetworkSync
from interview_room.gui.pages.login import LoginPage
from interview_room.gui.training_station import TRAINING_FOLDER, TrainingStation
from interview_room.gui.widgets import ContrastSwitch, LanguageSwitch, TrainingBanner
from interview_room.station_folder import StationFolder

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QShortcut

    from interview_room.accounts import User
    from interview_room.gui.case_actions import CaseActions
    from interview_room.gui.pages.setup import SetupDraft
    from interview_room.interview.interview import Interview
    from interview_room.interview.protocols import ProtocolLibrary
    from interview_room.station_setup import StationSetupRequest
    from interview_room.store.kdf import Argon2Params
    from interview_room.workstation import NewWorkstation, Session, Workstation

# Pages and dialogs used after the first screen are imported where they are opened, so the
# login window shows as fast as a bare Qt window would (benchmarks/startup_and_unlock.py).


def open_workstation(folder: StationFolder) -> Workstation:
    """The folder with its unlocking powers. The core (SQLCipher, cryptography) is loaded here,
    on first need, so the first screen shows without waiting for it."""
    from interview_room.workstation import Workstation

    return folder if isinstance(folder, Workstation) else Workstation(folder.data_dir)


class AppWindow(QMainWindow):
    def __init__(
        self,
        home: Path,
        language: InterfaceLanguage,
        language_forced: bool = False,
        kdf: Argon2Params | None = None,
    ) -> None:
        """``language_forced``: the language was chosen on the command line, so it wins over
        the preference saved for whoever signs in (and becomes their preference).
        ``kdf``: the password derivation cost for workstations made here (None: the default)."""
        super().__init__()
        self.home = home
        self.language = language
        self.real = StationFolder(home)
        self.training = StationFolder(home / TRAINING_FOLDER)
        self.workstation: StationFolder | None = None
        self.session: Session | None = None
        self.locked_user: User | None = None
        self.idle_override_ms: int | None = None
        self.open_case_id: str | None = None
        self._case_to_reopen: str | None = None
        self._kdf = kdf
        self.tasks = BackgroundTasks(self)
        self._cases: CaseActions | None = None
        self.training_station = TrainingStation(self, parent=self)
        self._rebuild: Callable[[], None] = self.start
        self._setting_up = False  # a workstation is being created in the background
        self._language_picked_before_sign_in = language_forced
        # The command line's language holds for every sign-in of this run, not the first
        # only (the second user's saved Albanian replaced a forced English).
        self._language_forced = language_forced
        self._build_chrome()
        self._shortcuts: list[QShortcut] = []  # made at the first sign-in (gui/shortcuts.py)
        appearance = theme.appearance()
        if appearance is not None:  # the system may switch high contrast on or off at any time
            appearance.changed.connect(self._restyle)
        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.lock)
        self.sync_status = QLabel()
        self.sync_status.setAccessibleName(self.tr("Sync with the central office"))
        # Maximized on a small screen the words ran to the very edge of the display.
        self.sync_status.setContentsMargins(0, 0, 12, 0)
        self.statusBar().addPermanentWidget(self.sync_status)
        self.network_sync = NetworkSync(self.sync_status, self)
        self.start()  # shows the first page, and with it the chrome (_update_chrome)

    def _build_chrome(self) -> None:
        """The training banner and the language bar above the pages' stack."""
        self.setMinimumSize(900, 620)
        self.banner = TrainingBanner()
        self.banner.hide()
        self.language_bar = QWidget()
        language_row = QHBoxLayout(self.language_bar)
        language_row.setContentsMargins(12, 6, 12, 0)
        language_row.addStretch(1)
        self.language_switch: LanguageSwitch | None = None
        self.contrast_switch: ContrastSwitch | None = None
        self._language_row = language_row
        self.stack = QStackedWidget()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.language_bar)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    @property
    def kdf(self) -> Argon2Params:
        """The derivation cost for workstations created here (the core's module on first use)."""
        if self._kdf is None:
            from interview_room.store.kdf import DEFAULT_ARGON2

            self._kdf = DEFAULT_ARGON2
        return self._kdf

    # -- a signed-in user's work (gui/case_actions.py) -------------------------------------

    @property
    def cases(self) -> CaseActions:
        """The signed-in user's interviews, cases and dialogs (made on first use)."""
        if self._cases is None:
            from interview_room.gui.case_actions import CaseActions

            self._cases = CaseActions(self, parent=self)
        return self._cases

    @property
    def protocols(self) -> ProtocolLibrary:
        return self.cases.protocols

    def new_interview(self) -> None:
        self.cases.new_interview()

    def open_case(self, case_id: str, notice: str = "") -> None:
        self.cases.open_case(case_id, notice)

    def show_interview(self, interview: Interview) -> None:
        self.cases.show_interview(interview)

    # -- page plumbing ---------------------------------------------------------------------

    @property
    def page(self) -> QWidget:
        widget = self.stack.currentWidget()
        assert widget is not None, "the stack always holds one page"
        return widget

    def flush_page(self) -> None:
        """Let the page on screen save what is being typed (the interview's free text), before
        it is replaced, rebuilt, locked away or closed."""
        old = self.stack.currentWidget()
        flush = getattr(old, "flush", None)
        if callable(flush) and self.session is not None and self.session.is_open:
            flush()

    def show_page(self, page: QWidget, rebuild: Callable[[], None]) -> None:
        # A page names where work starts with setFocus() while it is still hidden; swapping
        # pages and rebuilding the switches would move focus elsewhere, so it is given back.
        preferred = page.focusWidget()
        self.flush_page()
        old = self.stack.currentWidget()
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self._rebuild = rebuild
        self._update_chrome()
        if preferred is not None:
            preferred.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_chrome(self) -> None:
        self.setWindowTitle(self.tr("Interview Room"))
        training = self.workstation is self.training and self.training.exists()
        self.banner.setVisible(training)
        if self.language_switch is not None:
            self._language_row.removeWidget(self.language_switch)
            self.language_switch.deleteLater()
        self.language_switch = LanguageSwitch(self.language.current)
        self.language_switch.chosen.connect(self.set_language)
        self._language_row.addWidget(self.language_switch)
        if self.contrast_switch is not None:
            self._language_row.removeWidget(self.contrast_switch)
            self.contrast_switch.deleteLater()
        self.contrast_switch = ContrastSwitch(theme.current().high_contrast)
        self.contrast_switch.chosen.connect(self.set_high_contrast)
        self._language_row.addWidget(self.contrast_switch)
        # Signed in, the switch sits in the page header; locked, nothing but the lock shows.
        self.language_bar.setVisible(self.session is None and self.locked_user is None)
        # The status bar (sync state) is light: under the dark lock it showed as a strip.
        self.statusBar().setVisible(self.locked_user is None or self.session is not None)

    @property
    def busy(self) -> bool:
        return self.tasks.busy or self.network_sync.busy

    # -- before sign-in --------------------------------------------------------------------

    def start(self) -> None:
        if self.real.exists():
            self.workstation = self.real
            self.show_login()
        else:
            self.workstation = None
            self.show_first_run()

    def show_first_run(self) -> None:
        from interview_room.gui.pages.first_run import FirstRunPage

        page = FirstRunPage(self.training.exists())
        page.set_busy(self.training_station.preparing)
        page.setup_chosen.connect(self.show_setup)
        page.training_chosen.connect(self.training_station.open)
        self.show_page(page, self.show_first_run)

    def show_setup(self, draft: SetupDraft | None = None) -> None:
        """``draft``: what was typed before the page was rebuilt (a language switch)."""
        from interview_room.gui.pages.setup import SetupPage

        page = SetupPage()
        if draft is not None:
            page.restore(draft)
        page.set_busy(self._setting_up)
        page.submitted.connect(self._create_workstation)
        page.cancelled.connect(self.show_first_run)
        self.show_page(page, lambda: self.show_setup(page.draft()))

    def _create_workstation(self, request: StationSetupRequest) -> None:
        from interview_room.gui.pages.setup import SetupPage

        page = self.page
        assert isinstance(page, SetupPage)
        self._setting_up = True
        page.set_busy(True)

        def done(created: NewWorkstation) -> None:
            self._setting_up = False
            self._show_recovery_key(created)

        def failed(error: BaseException) -> None:
            self._setting_up = False
            now = self.page  # the page may have been rebuilt meanwhile (a language switch)
            if isinstance(now, SetupPage):
                now.set_busy(False)
                now.show_error(describe_error(error))

        from interview_room.station_setup import set_up_station

        # With a package, it is opened first: a wrong passphrase leaves nothing half made.
        workstation, kdf = open_workstation(self.real), self.kdf
        self.tasks.run(lambda: set_up_station(workstation, request, kdf=kdf), done, failed)

    def _show_recovery_key(self, created: NewWorkstation) -> None:
        from interview_room.gui.pages.recovery_key import RecoveryKeyPage

        self.workstation = self.real
        page = RecoveryKeyPage(created.session.station.name, created.recovery_key.formatted())
        page.confirmed.connect(lambda: self.enter_session(created.session))
        # The key is shown once; a language switch here must not lose it.
        self.show_page(page, lambda: self._show_recovery_key(created))

    def show_login(self, username: str = "") -> None:
        workstation = self.workstation
        assert workstation is not None
        station = workstation.describe()
        page = LoginPage(station.name, station.training)
        if username:
            page.prefill_username(username)
        page.sign_in_requested.connect(self._sign_in)
        page.forgot_password.connect(self._reset_password)
        page.leave_training.connect(self.training_station.leave)
        self.show_page(page, lambda: self.show_login(page.username.text()))

    def _sign_in(self, username: str, password: str) -> None:
        page = self.page
        assert isinstance(page, LoginPage) and self.workstation is not None
        page.set_busy(True)
        workstation = open_workstation(self.workstation)

        def failed(error: BaseException) -> None:
            if page is not self.page:
                return
            page.set_busy(False)
            from interview_room.store.throttle import UnlockThrottled
            from interview_room.workstation import WrongPasswordDelayed

            wait = 0.0
            if isinstance(error, WrongPasswordDelayed | UnlockThrottled):
                wait = error.retry_after_seconds
            page.show_error(describe_error(error), wait)

        self.tasks.run(lambda: workstation.unlock(username, password), self.enter_session, failed)

    def _reset_password(self) -> None:
        from interview_room.gui.dialogs.passwords import ResetPasswordDialog

        assert self.workstation is not None
        dialog = ResetPasswordDialog(open_workstation(self.workstation), self)
        if dialog.exec() != ResetPasswordDialog.DialogCode.Accepted:
            return
        username = dialog.username.text().strip()
        from interview_room.gui.dialogs.common import confirm_done

        confirm_done(
            self,
            self.tr("New password set"),
            self.tr(
                "%1 can sign in with the new password now. Their signature key was renewed; "
                "documents they signed before stay valid."
            ).replace("%1", username),
        )
        self.show_login(username)

    # -- signed in -------------------------------------------------------------------------

    def enter_session(self, session: Session) -> None:
        if not self._shortcuts:
            from interview_room.gui.shortcuts import signed_in_shortcuts

            self._shortcuts = signed_in_shortcuts(self, self.new_interview, self.lock)
        self.session = session
        self.locked_user = None
        if self._language_forced or self._language_picked_before_sign_in:
            session.set_language(self.language.current)
        elif session.user.language != self.language.current:
            self.language.switch(session.user.language)
        self._language_picked_before_sign_in = False
        chosen = session.user.high_contrast
        if chosen is not None and chosen != theme.current().high_contrast:
            self._choose_contrast(chosen)  # the user's own choice from an earlier session
        self.network_sync.start(session)
        reopen, self._case_to_reopen = self._case_to_reopen, None
        if reopen is not None:  # the same person unlocked: back to the case they had open
            self.open_case(reopen)
        else:
            self.show_home()
        self.restart_idle_timer()

    def restart_idle_timer(self) -> None:
        """(Re)start the automatic lock with the station's current setting."""
        assert self.session is not None
        minutes = self.session.settings().idle_lock_minutes
        self.idle.start(self.idle_override_ms or minutes * 60_000)

    def show_home(self) -> None:
        session = self.session
        assert session is not None
        self.open_case_id = None
        from interview_room.gui.pages.home import HomePage

        page = HomePage(session)
        page.new_interview_requested.connect(self.new_interview)
        page.check_referral_requested.connect(self.cases.check_referral)
        page.information_sheet_requested.connect(lambda: self.cases.information_sheet(None))
        page.sync_requested.connect(self.cases.sync)
        page.case_chosen.connect(self.open_case)
        page.lock_requested.connect(self.lock)
        page.sign_out_requested.connect(self.sign_out)
        page.users_requested.connect(self.cases.manage_users)
        page.settings_requested.connect(self.cases.edit_settings)
        page.change_password_requested.connect(self.cases.change_password)
        page.language_chosen.connect(self.set_language)
        page.contrast_chosen.connect(self.set_high_contrast)
        self.show_page(page, self.show_home)

    def lock(self) -> None:
        """Hide everything at once and close the store; only the same password brings it back."""
        session = self.session
        if session is None:
            return
        from interview_room.gui.dialogs.store_work import defer_while_store_work

        if defer_while_store_work(self, self.lock):  # the store is being re-keyed: lock after
            return
        self.flush_page()
        self.idle.stop()
        self.network_sync.stop()
        for dialog in self.findChildren(QWidget):
            if dialog.isWindow() and dialog is not self and dialog.isVisible():
                dialog.close()
        self.locked_user = session.user
        self._case_to_reopen = self.open_case_id
        self.session = None
        self._show_lock_page()
        session.lock()

    def _show_lock_page(self) -> None:
        assert self.locked_user is not None
        from interview_room.gui.pages.lock import LockPage

        page = LockPage(self.locked_user.display_name)
        page.unlock_requested.connect(self._unlock)
        page.switch_user.connect(self._switch_user)
        self.show_page(page, self._show_lock_page)

    def _unlock(self, password: str) -> None:
        page = self.page
        user = self.locked_user
        from interview_room.gui.pages.lock import LockPage

        assert isinstance(page, LockPage) and user is not None and self.workstation is not None
        workstation = open_workstation(self.workstation)
        page.set_busy(True)

        def failed(error: BaseException) -> None:
            if page is self.page:
                page.set_busy(False)
                page.show_error(describe_error(error))

        self.tasks.run(
            lambda: workstation.unlock(user.username, password), self.enter_session, failed
        )

    def _switch_user(self) -> None:
        self.locked_user = None
        self._case_to_reopen = None
        self.show_login()

    def sign_out(self) -> None:
        self.flush_page()
        if self.session is not None:
            self.idle.stop()
            self.network_sync.stop()
            self.session.logout()
            self.session = None
        self.show_login()

    # -- language --------------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        self.language.switch(language)
        if self.session is not None:
            self.session.set_language(language)
        else:
            self._language_picked_before_sign_in = True
            if self.workstation is not None and self.workstation.exists():
                open_workstation(self.workstation).remember_login_language(language)
        self.flush_page()
        self._rebuild()
        self._update_chrome()

    # -- high contrast ---------------------------------------------------------------------

    def set_high_contrast(self, on: bool) -> None:
        """The user's own choice, which wins over the system's; signed in, it is kept for the
        user's next sign-ins."""
        self._choose_contrast(on)
        if self.session is not None and self.session.user.high_contrast is not on:
            self.session.set_high_contrast(on)

    def _choose_contrast(self, on: bool) -> None:
        appearance = theme.appearance()
        if appearance is None:  # a bare QApplication (tests): give it the app's look now
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            appearance = theme.apply_theme(app)
            appearance.changed.connect(self._restyle)
        appearance.choose(on)

    def _restyle(self) -> None:
        """Pages set some colours of their own (the words for the person): build them anew."""
        self.flush_page()
        self._rebuild()
        self._update_chrome()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush_page()
        self.idle.stop()  # no application-wide filter outlives the window (see IdleWatcher)
        self.network_sync.stop()
        if self.session is not None:
            self.session.logout()
            self.session = None
        super().closeEvent(event)
