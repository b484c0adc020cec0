"""The training workstation from the first screen: building it (fictitious colleagues and
cases), opening it, and leaving it.

An object the window owns; what it needs of the window is :class:`TrainingWindow`. Its words
keep the window's translation context ("AppWindow"), where they were first written.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from interview_room.gui.messages import describe_error

if TYPE_CHECKING:
    from interview_room.gui.background import BackgroundTasks
    from interview_room.station_folder import StationFolder
    from interview_room.store.kdf import Argon2Params
    from interview_room.training.deployment import TrainingDeployment

translate = QCoreApplication.translate

TRAINING_FOLDER = "training"
TRAINING_EXPORTS_FOLDER = "training-exports"
TRAINING_CASES = 24


class TrainingWindow(Protocol):
    """What the training workstation needs of the window that owns it."""

    home: Path
    training: StationFolder
    workstation: StationFolder | None
    """The workstation the login page opens; the training one once it is chosen."""
    tasks: BackgroundTasks

    @property
    def kdf(self) -> Argon2Params: ...

    @property
    def page(self) -> QWidget: ...

    def show_page(self, page: QWidget, rebuild: Callable[[], None]) -> None: ...

    def show_login(self, username: str = "") -> None: ...

    def show_first_run(self) -> None: ...


class TrainingStation:
    def __init__(self, window: TrainingWindow, parent: QWidget) -> None:
        """``parent``: the widget the questions open over (the window itself)."""
        self._window = window
        self._parent = parent
        self.preparing = False
        """The training workstation is being built (the first screen says so)."""

    def open(self) -> None:
        """Open the training workstation's login, building it first if there is none."""
        window = self._window
        if window.training.exists():
            window.workstation = window.training
            window.show_login()
            return
        self.preparing = True
        # Imported here: a station's login window never shows the first-run page.
        from interview_room.gui.pages.first_run import FirstRunPage

        if isinstance(window.page, FirstRunPage):
            window.page.set_busy(True)
        from interview_room.gui.dialogs.common import inform
        from interview_room.training.deployment import build_training_deployment

        def done(deployment: TrainingDeployment) -> None:
            self.preparing = False
            self._show_ready(deployment)

        def failed(error: BaseException) -> None:
            self.preparing = False
            inform(self._parent, translate("AppWindow", "Interview Room"), describe_error(error))
            if isinstance(window.page, FirstRunPage):
                window.page.set_busy(False)

        home, kdf = window.home, window.kdf
        window.tasks.run(
            lambda: build_training_deployment(
                home / TRAINING_FOLDER,
                home / TRAINING_EXPORTS_FOLDER,
                cases=TRAINING_CASES,
                kdf=kdf,
            ),
            done,
            failed,
        )

    def _show_ready(self, deployment: TrainingDeployment) -> None:
        from interview_room.gui.pages.training_ready import TrainingReadyPage

        self._window.workstation = self._window.training
        page = TrainingReadyPage(deployment.users, len(deployment.sample_names))
        page.continue_to_login.connect(self._window.show_login)
        self._window.show_page(page, lambda: self._show_ready(deployment))

    def leave(self) -> None:
        """Delete the training workstation and its exports, once the user agrees."""
        from interview_room.gui.dialogs.common import ask

        if not ask(
            self._parent,
            translate("AppWindow", "Leave training"),
            translate(
                "AppWindow",
                "Delete the training workstation and its fictitious cases? You can open a new "
                "one at any time.",
            ),
        ):
            return
        shutil.rmtree(self._window.training.data_dir, ignore_errors=True)
        shutil.rmtree(self._window.home / TRAINING_EXPORTS_FOLDER, ignore_errors=True)
        self._window.workstation = None
        self._window.show_first_run()
