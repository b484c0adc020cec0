"""Walk through every screen with the real core and save screenshots in Albanian and English.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/take_screenshots.py
    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/take_screenshots.py \
        --high-contrast

Only synthetic data: a throw-away workstation and a training workstation in a temp folder.
Output: docs/screenshots/<lang>-<screen>.png, issue 16's screens included
(``take_screenshots_centre_package.py``, also runnable alone); with --high-contrast only
docs/screenshots/high-contrast-<screen>.png and focus-ring-<screen>.png (the usual look, with
keyboard focus on a button).
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from interview_room.files import restrict_umask
from interview_room.gui.app import create_application
from interview_room.gui.dialogs.users import UsersDialog
from interview_room.gui.i18n import InterfaceLanguage
from interview_room.gui.pages.home import HomePage
from interview_room.gui.pages.login import LoginPage
from interview_room.gui.pages.recovery_key import RecoveryKeyPage
from interview_room.gui.pages.setup import SetupPage
from interview_room.gui.pages.training_ready import TrainingReadyPage
from interview_room.gui.window import AppWindow

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SIZE = (1180, 760)


def wait_for(condition: Callable[[], bool], timeout: float = 600.0) -> None:
    """Until ``condition``; generous: building the training station took over 30 s on a
    machine shared with other work."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not reach the expected state")
        QApplication.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        QApplication.processEvents()


def save(widget: QWidget, name: str) -> None:
    wait_for(lambda: True)
    widget.grab().save(str(OUT / f"{name}.png"))
    print(f"saved {name}.png")


def walk(language: str, home: Path) -> None:
    interface = InterfaceLanguage()
    interface.switch(language)
    window = AppWindow(home / "station", interface, language_forced=True)
    window.resize(*SIZE)
    window.show()
    save(window, f"{language}-01-first-run")

    window.show_setup()
    page = window.page
    assert isinstance(page, SetupPage)
    page.admin_name.setText("Arta Shembulli")
    page.admin_username.setText("a.shembulli")
    page.password.setText("fjalekalim-shembull-1")
    page.password_again.setText("fjalekalim-shembull-1")
    save(window, f"{language}-02-setup")
    page.create_button.click()
    wait_for(lambda: isinstance(window.page, RecoveryKeyPage))
    save(window, f"{language}-03-recovery-key")
    recovery = window.page
    assert isinstance(recovery, RecoveryKeyPage)
    recovery.kept.setChecked(True)
    recovery.continue_button.click()
    wait_for(lambda: isinstance(window.page, HomePage))
    save(window, f"{language}-04-main-empty")
    window.sign_out()
    window.close()

    training_home = home / "training-home"
    window = AppWindow(training_home, interface, language_forced=True)
    window.resize(*SIZE)
    window.show()
    window.training_station.open()
    wait_for(lambda: isinstance(window.page, TrainingReadyPage))
    save(window, f"{language}-05-training-ready")
    ready = window.page
    assert isinstance(ready, TrainingReadyPage)
    admin_username = "admin.trajnim"
    admin_password = _read_password(ready, admin_username)
    window.show_login()
    login = window.page
    assert isinstance(login, LoginPage)
    login.username.setText(admin_username)
    save(window, f"{language}-06-login")
    login.password.setText(admin_password)
    login.sign_in_button.click()
    wait_for(lambda: isinstance(window.page, HomePage))
    save(window, f"{language}-07-main-cases")
    session = window.session
    assert session is not None
    dialog = UsersDialog(session, window)
    dialog.show()
    save(dialog, f"{language}-08-users")
    dialog.close()
    from interview_room.gui.center_window import CenterWindow
    from interview_room.gui.dialogs.sync import SyncDialog

    sync = SyncDialog(session, window)
    sync.show()
    save(sync, f"{language}-10-sync")
    sync.close()
    center = CenterWindow(training_home / "training-exports" / "center")
    center.resize(*SIZE)
    center.show()
    save(center, f"{language}-11-center-registry")
    center.close()
    window.lock()
    save(window, f"{language}-09-locked")
    window.close()


def walk_interview(language: str, home: Path) -> None:
    """Every wizard step, a break, the here-and-now prompt, the decision and the summary."""
    from interview_room.gui.interview.dialogs import HereAndNowDialog, StopDialog
    from interview_room.gui.interview.summary import CaseSummaryPage
    from interview_room.gui.interview.wizard import WizardPage
    from interview_room.interview.interview import Interview
    from interview_room.screening import Answer

    interface = InterfaceLanguage()
    interface.switch(language)
    window = AppWindow(home, interface, language_forced=True)
    window.resize(*SIZE)
    window.show()
    window.training_station.open()
    wait_for(lambda: isinstance(window.page, TrainingReadyPage))
    ready = window.page
    assert isinstance(ready, TrainingReadyPage)
    password = _read_password(ready, "oficer.trajnim")
    worker_password = _read_password(ready, "punonjes.trajnim")
    window.show_login("oficer.trajnim")
    login = window.page
    assert isinstance(login, LoginPage)
    login.password.setText(password)
    login.sign_in_button.click()
    wait_for(lambda: isinstance(window.page, HomePage))
    session = window.session
    assert session is not None
    protocol = window.protocols.current()
    from interview_room.gui.interview.dialogs import StartInterviewDialog

    start = StartInterviewDialog(session, protocol, window)
    start.show()
    save(start, f"{language}-wizard-00-start")
    start.close()
    refused = Interview.begin(session, protocol, language, "Hana Provaj")
    refused.answer(Answer.given("needs_medical", "no"))
    refused.go_to(protocol.section("preparation"))
    refused.answer(Answer.given("prep_age", 29))
    refused.answer(Answer.given("prep_age_doubt", "no"))
    refused.go_to(protocol.section("rights_and_consent"))
    refused.answer(Answer.given("consent_rights_read", "yes"))
    refused.answer(Answer.given("consent_interview", "no"))
    window.show_interview(refused)
    refusing = window.page
    assert isinstance(refusing, WizardPage)
    # The refused consent on screen (the wizard opens at the first question not yet answered).
    refusing.show_section("consent_interview")
    save(window, f"{language}-wizard-consent-refused-before")
    refusing.go_next()
    save(window, f"{language}-wizard-consent-refused-confirm")
    refusing.end_respectfully_button.click()
    save(window, f"{language}-wizard-consent-refused")
    interview = Interview.begin(session, protocol, language, "Drita Shembulli")
    window.show_interview(interview)
    wizard = window.page
    assert isinstance(wizard, WizardPage)
    adult_answers: dict[str, str | int] = {
        "needs_medical": "no",
        "needs_feels_safe": "unsure",
        "needs_children_with": "no",
        "prep_age": 27,
        "prep_age_doubt": "no",
        "prep_sex": "female",
        "prep_interpreter": "no",
        "consent_rights_read": "yes",
        "consent_interview": "yes",
        "consent_storage": "yes",
        # The referral below goes to the responsible authority: only with the person's
        # agreement to share with it (the decision here brings no legal duty to refer).
        "consent_share_responsible_authority": "yes",
    }
    step = 1
    while True:
        shown = {q.id for q in interview.visible_questions(interview.current_section)}
        for question_id, value in adult_answers.items():
            if question_id in shown:
                interview.answer(Answer.given(question_id, value))
        # Each section at its first question, with what is read to the person to open it.
        opening = interview.visible_questions(interview.current_section)
        wizard.show_section(opening[0].id if opening else None)
        save(window, f"{language}-wizard-{step:02d}-{interview.current_section.id}")
        following = interview.next_section()
        if following is None or step > 12:
            break
        wizard.go_next_section()
        step += 1
    wizard.start_break()
    save(window, f"{language}-wizard-break")
    wizard.end_break()
    dialog = HereAndNowDialog(protocol, language, window)
    dialog.show()
    save(dialog, f"{language}-wizard-here-and-now")
    dialog.close()
    stop = StopDialog(window)
    stop.show()
    save(stop, f"{language}-wizard-stop")
    stop.close()
    from interview_room.gui.interview.dialogs import PersonNameDialog

    name = PersonNameDialog(interview, window)
    name.show()
    save(name, f"{language}-wizard-person-name")
    name.close()
    assert wizard.decision_panel is not None
    wizard.decision_panel.choose("indicators_not_met")
    wizard.decision_panel.reasons.setPlainText(
        "Arsye sintetike për një pamje ekrani trajnimi."
        if language == "sq"
        else "Synthetic reasons for a training screenshot."
    )
    wizard.decision_panel.finish_button.click()
    # The decision opens the case summary (with "New referral…" in the footer).
    wait_for(lambda: isinstance(window.page, CaseSummaryPage))
    save(window, f"{language}-case-summary")
    from interview_room.gui.dialogs.referral_check import VerificationDialog
    from interview_room.gui.dialogs.referrals import NewReferralDialog
    from interview_room.referral.content import Urgency
    from interview_room.referral.referrals import Referrals

    new_referral = NewReferralDialog(session, interview, language, window)
    new_referral.show()
    save(new_referral, f"{language}-referral-new")
    new_referral.close()
    referrals = Referrals(session)
    record = referrals.create(
        Interview.resume(session, interview.case.id, window.protocols),
        recipient="responsible_authority",
        language=language,
        urgency=Urgency.WITHIN_24_HOURS,
        officer_password=password,
    )
    referrals.countersign(record.id, "punonjes.trajnim", worker_password)
    window.open_case(interview.case.id)
    wait_for(lambda: isinstance(window.page, CaseSummaryPage))
    # The referrals come below the decision (and "Seen before?"): scrolled to them.
    scroll_to_line(window.page, record.document_number)
    save(window, f"{language}-case-summary-referred")
    check = VerificationDialog(
        referrals.verify(referrals.pdf(record.id)), f"{record.document_number}.pdf", window
    )
    check.show()
    save(check, f"{language}-referral-check")
    check.close()
    window.close()


def walk_high_contrast(home: Path) -> None:
    """Login, case list and the words read to the person in the high-contrast look (Albanian),
    then the usual look with keyboard focus on a button."""
    from interview_room.gui.interview.wizard import WizardPage
    from interview_room.interview.interview import Interview
    from interview_room.screening import Answer

    interface = InterfaceLanguage()
    interface.switch("sq")
    window = AppWindow(home, interface, language_forced=True)
    window.resize(*SIZE)
    window.show()
    window.activateWindow()
    window.training_station.open()
    wait_for(lambda: isinstance(window.page, TrainingReadyPage))
    ready = window.page
    assert isinstance(ready, TrainingReadyPage)
    password = _read_password(ready, "oficer.trajnim")
    window.show_login("oficer.trajnim")
    login = window.page
    assert isinstance(login, LoginPage)
    login.password.setText("*" * 12)
    save(window, "high-contrast-login")
    login.password.setText(password)
    login.sign_in_button.click()
    wait_for(lambda: isinstance(window.page, HomePage))
    save(window, "high-contrast-case-list")
    session = window.session
    assert session is not None
    protocol = window.protocols.current()
    interview = Interview.begin(session, protocol, "sq", "Drita Shembulli")
    interview.answer(Answer.given("needs_medical", "no"))
    interview.go_to(protocol.section("preparation"))
    interview.answer(Answer.given("prep_age", 27))
    interview.answer(Answer.given("prep_age_doubt", "no"))
    interview.go_to(protocol.section("rights_and_consent"))
    window.show_interview(interview)
    wizard = window.page
    assert isinstance(wizard, WizardPage)
    save(window, "high-contrast-wizard-person")
    wizard.start_break()
    save(window, "high-contrast-wizard-break")
    wizard.end_break()
    wizard.done.emit()
    wait_for(lambda: isinstance(window.page, HomePage))

    window.set_high_contrast(False)
    home_page = window.page
    assert isinstance(home_page, HomePage)
    home_page.sync_button.setFocus()
    save(window, "focus-ring-button")
    window.close()


def scroll_to_line(page: QWidget | None, start: str, above: int = 160) -> None:
    """Scroll the page's scroll area so that its first line starting with ``start`` shows
    ``above`` pixels under the area's top."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QLabel, QScrollArea

    assert page is not None
    area = page.findChild(QScrollArea)
    content = area.widget() if area is not None else None
    assert area is not None and content is not None
    line = next(w for w in content.findChildren(QLabel) if w.text().startswith(start))
    wait_for(lambda: True)  # laid out first
    bar = area.verticalScrollBar()
    bar.setValue(min(bar.maximum(), line.mapTo(content, QPoint(0, 0)).y() - above))
    wait_for(lambda: True)


def _read_password(page: QWidget, username: str) -> str:
    from PySide6.QtWidgets import QLabel

    texts = [w.text() for w in page.findChildren(QLabel)]
    return texts[texts.index(username) + 1]


def main() -> int:
    restrict_umask()
    # Each walk leaves its windows behind as garbage. Python's automatic collection ran inside
    # a Qt event filter (a window's idle watcher, installed on the application) and the process
    # crashed (SIGSEGV, every run): collect only between walks, where no Qt code is running.
    gc.disable()
    OUT.mkdir(parents=True, exist_ok=True)
    high_contrast = "--high-contrast" in sys.argv[1:]
    app = create_application(high_contrast=high_contrast or None)
    with tempfile.TemporaryDirectory(prefix="ir-shots-") as tmp:
        if high_contrast:
            walk_high_contrast(Path(tmp) / "high-contrast")
            del app
            return 0
        # Issue 16's screens (the centre's package at a station, "seen before"): a sibling
        # script, this one being near its 500 lines.
        from take_screenshots_centre_package import walk_centre_package

        for language in ("sq", "en"):
            walk(language, Path(tmp) / language)
            gc.collect()
            walk_interview(language, Path(tmp) / f"{language}-interview")
            gc.collect()
            walk_centre_package(language, Path(tmp) / f"{language}-centre-package")
            gc.collect()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
