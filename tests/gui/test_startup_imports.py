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
    "sqlcipher3",
    "cryptography",
    "argon2",
    "pyhanko",
    "reportlab",
    "pyrage",
    "secrets",
    "hmac",
)

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
    print(json.dumps({"page": type(window.page).__name__, "loaded": loaded}), flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def test_the_login_window_shows_without_the_core_dialogs_or_signing(station_home: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SHOW_LOGIN, str(station_home), json.dumps(NOT_AT_START)],
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
