"""Every control a person can reach has a name and a description a screen reader can say, on
every page and dialog of the app; every control can be reached with Tab; focus is visible.

The pages and dialogs are opened with the real core (real store, real protocol), the way the
window opens them; each test walks what is on screen and names every control that fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QScrollBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from interview_room.accounts import Role
from interview_room.center.store import CenterStore
from interview_room.gui.center_window import CenterWindow
from interview_room.gui.dialogs.common import ask, inform
from interview_room.gui.dialogs.information_sheet import InformationSheetDialog
from interview_room.gui.dialogs.package_changes import PackageChangesDialog
from interview_room.gui.dialogs.passwords import ChangePasswordDialog, ResetPasswordDialog
from interview_room.gui.dialogs.referral_check import VerificationDialog
from interview_room.gui.dialogs.referrals import CountersignDialog, NewReferralDialog
from interview_room.gui.dialogs.settings import SettingsDialog
from interview_room.gui.dialogs.sync import EnrollDialog, SyncDialog
from interview_room.gui.dialogs.users import AddUserDialog, UsersDialog
from interview_room.gui.interview.dialogs import (
    HereAndNowDialog,
    StartInterviewDialog,
    StopDialog,
)
from interview_room.gui.interview.help_without_interview import HelpQuestionsDialog
from interview_room.gui.interview.rights_pieces import WholeScriptDialog
from interview_room.gui.interview.summary import CaseSummaryPage
from interview_room.gui.interview.wizard import WizardPage
from interview_room.gui.pages.login import LoginPage
from interview_room.gui.pages.recovery_key import RecoveryKeyPage
from interview_room.gui.pages.training_ready import TrainingReadyPage
from interview_room.gui.window import AppWindow
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency
from interview_room.referral.referrals import Referrals
from interview_room.training.deployment import TrainingUser
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario, scenario_answers
from interview_room.workstation import Session, Workstation
from tests.gui.conftest import ADMIN, WindowFactory, sign_in
from tests.gui.interview.helpers import fill_section, on_next_dialog, show_question

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QAbstractSlider,
)
WORKER = ("punonjes.mor", "synthetic-worker-passphrase")
checked_controls: list[tuple[str, str]] = []
"""Every control checked in this module, as (screen, control)."""


def controls(root: QWidget) -> Iterator[QWidget]:
    """The visible controls a person can operate in ``root`` (itself included). Parts of a
    composite control (a combo box's or spin box's own line edit, a table's headers and
    scroll bars) are reached and named through the control itself."""
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible():
            continue
        if isinstance(widget, QHeaderView | QScrollBar):
            continue
        if isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox):
            continue
        yield widget


def who(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") else ""
    name = widget.objectName() or "-"
    return f"{type(widget).__name__}(objectName={name}, text={text!r})"


def missing_names(root: QWidget, place: str) -> list[str]:
    """Each control without an accessible name or description, named with its page."""
    problems = []
    for widget in controls(root):
        checked_controls.append((place, who(widget)))
        lacks = [
            what
            for what, value in (
                ("accessibleName", widget.accessibleName()),
                ("accessibleDescription", widget.accessibleDescription()),
            )
            if not value.strip()
        ]
        if lacks:
            problems.append(f"{place}: {who(widget)} has no {' and no '.join(lacks)}")
    return problems


def tab_stop(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def unreachable(root: QWidget, place: str) -> list[str]:
    """Each visible, enabled control that Tab does not stop at. A group of radio buttons is
    one Tab stop (its checked button) and the arrow keys move inside it, as in every desktop
    toolkit; so a radio button counts as reached when its group is."""
    problems = []
    for widget in controls(root):
        if not widget.isEnabled() or tab_stop(widget):
            continue
        if isinstance(widget, QRadioButton):
            group = widget.group()
            siblings = group.buttons() if group is not None else []
            if any(tab_stop(sibling) for sibling in siblings):
                continue
        problems.append(f"{place}: {who(widget)} is not reached with Tab")
    return problems


class Walk:
    """Collects the problems of every screen a test opens, and fails once with all of them."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.problems: list[str] = []
        self.places: list[str] = []

    def check(self, root: QWidget, place: str, keyboard: bool = True) -> None:
        QApplication.processEvents()
        self.places.append(place)
        self.problems += missing_names(root, place)
        if keyboard:
            self.problems += unreachable(root, place)

    def dialog(self, dialog: QWidget, place: str) -> None:
        self.qtbot.addWidget(dialog)
        dialog.show()
        self.check(dialog, place)
        dialog.close()

    def assert_clean(self) -> None:
        assert self.problems == [], "\n" + "\n".join(self.problems)


@pytest.fixture
def walk(qtbot: QtBot) -> Walk:
    return Walk(qtbot)


@pytest.fixture(scope="module", autouse=True)
def count_of_checked_controls() -> Iterator[None]:
    yield
    places = {place for place, _control in checked_controls}
    print(f"\naccessibility walk: {len(checked_controls)} controls on {len(places)} screens")


def _session(station_home: Path) -> Session:
    admin = Workstation(station_home).unlock(*ADMIN)
    if admin.users.find(WORKER[0]) is None:
        admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    return admin


# -- before signing in -------------------------------------------------------------------------


def test_pages_before_sign_in(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, walk: Walk
) -> None:
    window = make_window(tmp_path / "empty", language="sq")
    walk.check(window, "first run")
    window.show_setup()
    walk.check(window, "set-up")

    key = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567-ABCD-EFGH-IJKL-MNOP-QRST"
    recovery = RecoveryKeyPage("Morinë", key)
    walk.dialog(recovery, "recovery key")
    users = (
        TrainingUser("admin.trajnim", "fjalekalim-1", Role.STATION_ADMIN, "Admin Provaj"),
        TrainingUser("oficer.trajnim", "fjalekalim-2", Role.OFFICER, "Oficer Provaj"),
    )
    walk.dialog(TrainingReadyPage(users, 24), "training ready")
    walk.dialog(LoginPage("Morinë (trajnim)", training=True), "login (training)")
    walk.dialog(ResetPasswordDialog(Workstation(tmp_path / "empty")), "reset password")
    walk.assert_clean()


def test_login_home_lock_and_the_station_dialogs(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path, walk: Walk
) -> None:
    _session(station_home).logout()
    window = make_window(station_home, language="sq")
    walk.check(window, "login")
    home = sign_in(qtbot, window, *ADMIN)
    walk.check(window, "home (case list)")
    home.cases.show_names.setChecked(True)
    walk.check(window, "home, names shown")
    session = window.session
    assert session is not None
    for dialog, place in (
        (UsersDialog(session, window), "users"),
        (AddUserDialog(session, window), "add a user"),
        (SettingsDialog(session, window), "station settings"),
        (ChangePasswordDialog(session, window), "change password"),
        (InformationSheetDialog("Morinë", "ar", window), "information sheet"),
        (SyncDialog(session, window), "sync"),
        (EnrollDialog(session, window), "enroll"),
        (PackageChangesDialog(session, window), "what the centre's updates changed"),
        (StartInterviewDialog(session, ProtocolLibrary().current(), window), "new interview"),
    ):
        walk.dialog(dialog, place)
    window.lock()
    walk.check(window, "locked")
    walk.assert_clean()


def test_message_boxes_name_their_buttons(qtbot: QtBot, walk: Walk) -> None:
    def check_and_close(box: QDialog) -> None:
        walk.check(box, f"message box {box.windowTitle()!r}", keyboard=False)
        assert isinstance(box, QMessageBox)
        box.reject()

    on_next_dialog(check_and_close)
    assert ask(None, "Leave training", "Delete the training workstation?") is False
    on_next_dialog(check_and_close)
    inform(None, "Interview Room", "Something could not be done.")
    assert len(walk.places) == 2
    walk.assert_clean()


# -- the interview -------------------------------------------------------------------------------


def _wizard(qtbot: QtBot, window: AppWindow, person_language: str = "sq") -> WizardPage:
    session = window.session
    assert session is not None
    interview = Interview.begin(session, window.protocols.current(), person_language, "Drita")
    window.show_interview(interview)
    page = window.page
    assert isinstance(page, WizardPage)
    return page


def _every_section(
    walk: Walk, wizard: WizardPage, path: ScenarioPath, label: str, last: str = ""
) -> None:
    """Answer as ``path`` does and check each section on the way, up to ``last`` (or the end)."""
    answers = scenario_answers(path)
    for _ in range(20):
        fill_section(wizard, answers)
        section = wizard.interview.current_section.id
        walk.check(wizard, f"{label} wizard: {section}")
        if section == last or wizard.interview.next_section() is None:
            return
        assert wizard.next_button.isEnabled(), wizard.blocker.text()
        wizard.next_button.click()


def test_wizard_every_section_break_stop_and_here_and_now(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path, walk: Walk
) -> None:
    _session(station_home).logout()
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = _wizard(qtbot, window)
    _every_section(walk, wizard, ScenarioPath.ADULT_POSITIVE, "adult")
    assert wizard.decision_panel is not None, "the walk reached the determination"
    wizard.start_break()
    walk.check(wizard, "wizard: break")
    wizard.end_break()
    protocol = wizard.interview.protocol
    walk.dialog(HereAndNowDialog(protocol, "ar", window), "here and now")
    walk.dialog(StopDialog(window), "stop")

    on_next_dialog(lambda dialog: dialog.accept())
    wizard.stop_button.click()
    qtbot.waitUntil(lambda: wizard.views.currentWidget() is wizard.end_view, timeout=3_000)
    walk.check(wizard, "wizard: stopped")
    wizard.back_to_list_button.click()
    walk.assert_clean()


def test_wizard_children_path_and_consent_refused(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path, walk: Walk
) -> None:
    _session(station_home).logout()
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    child = _wizard(qtbot, window, "fa")
    _every_section(walk, child, ScenarioPath.CHILD, "child")
    assert child.child_badge.isVisible()
    child.done.emit()

    refused = _wizard(qtbot, window)
    _every_section(
        walk, refused, ScenarioPath.CONSENT_REFUSED, "consent refused", "rights_and_consent"
    )
    refused.go_next()
    walk.check(refused, "wizard: consent refused")
    # Issue 12: the rights in pieces, the whole script, the end and the help after a refusal.
    show_question(refused, "consent_rights_read")
    rights = refused.rights
    assert rights is not None
    walk.check(refused, "wizard: the rights, one piece at a time")
    walk.dialog(WholeScriptDialog(rights.script, False, None, window), "the whole rights script")
    show_question(refused, "consent_interview")
    refused.go_next()
    refused.end_respectfully_button.click()
    walk.check(refused, "wizard: ended on a refusal")
    refused.help_button.click()
    summary = window.page
    assert isinstance(summary, CaseSummaryPage) and summary.help is not None
    walk.check(summary, "case summary: help without the interview")
    walk.dialog(
        HelpQuestionsDialog(summary.interview, ["needs_medical"], "en", "Immediate needs", window),
        "help without the interview: immediate needs",
    )
    walk.assert_clean()


def test_case_summary_and_referral_dialogs(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path, walk: Walk
) -> None:
    admin = _session(station_home)
    officer_login = ("oficer.mor", "synthetic-officer-passphrase")
    admin.add_user(officer_login[0], "Oficer Shembulli", Role.OFFICER, officer_login[1])
    admin.logout()
    # Only a border police officer makes a referral (issue 13).
    session = Workstation(station_home).unlock(*officer_login)
    protocol = ProtocolLibrary().current()
    worker = session.users.find(WORKER[0])
    assert worker is not None
    result = run_scenario(session, protocol, ScenarioPath.ADULT_POSITIVE, "Arta", 0, worker.id)
    case_id = next(c.id for c in session.cases.search() if c.code == result.case_code)
    interview = Interview.resume(session, case_id, ProtocolLibrary())
    referrals = Referrals(session)
    record = referrals.create(
        interview,
        recipient="responsible_authority",
        language="sq",
        urgency=Urgency.IMMEDIATE,
        officer_password=officer_login[1],
    )
    session.logout()

    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    window.open_case(case_id)
    summary = window.page
    assert isinstance(summary, CaseSummaryPage)
    walk.check(window, "case summary (a referral waiting for the social worker)")
    signed_in = window.session
    assert signed_in is not None
    interview = summary.interview
    referrals = Referrals(signed_in)
    verification = referrals.verify(referrals.pdf(record.id))
    for dialog, place in (
        (NewReferralDialog(signed_in, interview, "en", window), "new referral"),
        (CountersignDialog(signed_in, record, worker.id, window), "countersign"),
        (VerificationDialog(verification, "referral.pdf", window), "check a referral"),
    ):
        walk.dialog(dialog, place)
    walk.assert_clean()


def test_central_office_window(qtbot: QtBot, tmp_path: Path, walk: Walk) -> None:
    center_dir = tmp_path / "center"
    CenterStore(center_dir).create(training=True)
    window = CenterWindow(center_dir)
    walk.dialog(window, "central office")
    walk.assert_clean()


# -- the keyboard ----------------------------------------------------------------------------------


def tab_cycle(qtbot: QtBot, window: QWidget) -> list[QWidget]:
    """Press Tab from the focused control until focus comes back to it; the controls met."""
    start = QApplication.focusWidget()
    assert start is not None, "the page gives focus to its first control"
    met: list[QWidget] = []
    for _ in range(300):
        current = QApplication.focusWidget()
        assert current is not None and current.window() is window, "focus left the window"
        parent = current.parentWidget()
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            current = parent
        met.append(current)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is start:
            return met
    raise AssertionError("Tab never came back to where it started: a keyboard trap")


def missed_by_tab(qtbot: QtBot, window: QWidget, place: str) -> list[str]:
    met = tab_cycle(qtbot, window)
    missed = []
    for widget in controls(window):
        if not widget.isEnabled() or widget in met:
            continue
        group = widget.group() if isinstance(widget, QRadioButton) else None
        if group is not None and any(sibling in met for sibling in group.buttons()):
            continue  # a radio group is one Tab stop; the arrow keys move inside it
        missed.append(f"{place}: Tab never reaches {who(widget)}")
    return missed


def test_tab_reaches_every_control_on_the_main_pages(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    missed = missed_by_tab(qtbot, window, "login")
    sign_in(qtbot, window, *ADMIN)
    missed += missed_by_tab(qtbot, window, "home")
    wizard = _wizard(qtbot, window)
    missed += missed_by_tab(qtbot, window, "wizard: immediate needs")
    fill_section(wizard, scenario_answers(ScenarioPath.ADULT_POSITIVE))
    wizard.next_button.click()
    missed += missed_by_tab(qtbot, window, "wizard: preparation")
    assert missed == [], "\n" + "\n".join(missed)
