"""Walk through every screen with the real core and save screenshots in Albanian and English.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/take_screenshots.py

Only synthetic data: a throw-away workstation and a training workstation in a temp folder.
Output: docs/screenshots/<lang>-<screen>.png
"""

from __future__ import annotations

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


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
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
    window.open_training()
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
    window.lock()
    save(window, f"{language}-09-locked")
    window.close()


def _read_password(page: QWidget, username: str) -> str:
    from PySide6.QtWidgets import QLabel

    texts = [w.text() for w in page.findChildren(QLabel)]
    return texts[texts.index(username) + 1]


def main() -> int:
    restrict_umask()
    OUT.mkdir(parents=True, exist_ok=True)
    app = create_application()
    with tempfile.TemporaryDirectory(prefix="ir-shots-") as tmp:
        for language in ("sq", "en"):
            walk(language, Path(tmp) / language)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
