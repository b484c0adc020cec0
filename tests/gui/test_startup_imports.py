"""The login window comes up without loading what only later screens need (issue 14).

Start-up time is measured by benchmarks/startup_and_unlock.py, never by a timed test; this
test guards what that benchmark found: the core (SQLCipher, cryptography, Argon2id, accounts),
the dialogs and the signing stack are imported where they are first used, not before the
first window shows. Moving one of them back to a module's top fails here, whatever the
machine's speed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Modules the login page does not need; each cost start-up time before it was deferred.
NOT_AT_START = (
    "interview_room.workstation",
    "interview_room.accounts",
    "interview_room.cases.register",
    "interview_room.store.throttle",
    "interview_room.gui.dialogs.common",
    # Issue 14, second round: what only a signed-in user or the first run needs, and the
    # dataclass machinery (the login window's values are named tuples).
    "interview_room.gui.case_actions",
    "interview_room.gui.pages.first_run",
    "interview_room.gui.shortcuts",
    "interview_room.store.kdf",
    "dataclasses",
    "sqlcipher3",
    "cryptography",
    "argon2",
    "pyhanko",
    "reportlab",
    "pyrage",
    "secrets",
    "hmac",
)

# Qt classes PySide builds (with all their enums) when first touched, which the login page
# does without: the shortcuts' key sequences, the idle filter's event types, announcements.
NOT_BUILT = ("PySide6.QtGui.QKeySequence", "PySide6.QtCore.QEvent", "PySide6.QtGui.QAccessible")

# As run_gui opens the window, up to the first paint of the login page.
SHOW_LOGIN = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from interview_room.gui.app import create_application, initial_language
from interview_room.gui.i18n import InterfaceLanguage
from interview_room.gui.window import AppWindow
data_dir = Path(sys.argv[1])
app = create_application()
interface = InterfaceLanguage()
interface.switch(initial_language(data_dir, None))
window = AppWindow(data_dir, interface)
window.show()
def shown():
    loaded = sorted(name for name in json.loads(sys.argv[2]) if name in sys.modules)
    # PySide adds a class to its module's namespace when it is first built (lazy loading);
    # a class the app never uses tells whether lazy loading is on at all.
    lazy = "QPdfWriter" not in vars(sys.modules["PySide6.QtGui"])
    built = [
        name for name in json.loads(sys.argv[3])
        if lazy and name.rpartition(".")[2] in vars(sys.modules[name.rpartition(".")[0]])
    ]
    page = type(window.page).__name__
    print(json.dumps({"page": page, "loaded": loaded, "built": built}), flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def test_the_login_window_shows_without_the_core_dialogs_or_signing(station_home: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            SHOW_LOGIN,
            str(station_home),
            json.dumps(NOT_AT_START),
            json.dumps(NOT_BUILT),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["page"] == "LoginPage"
    assert seen["loaded"] == []
    assert seen["built"] == []
