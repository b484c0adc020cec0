"""Loading the interface language: Albanian first, English second.

The source strings in the code are English; ``interview_room_sq.qm`` (compiled from
``translations/interview_room_sq.ts``) turns them into Albanian. English needs no catalog.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

LANGUAGES = ("sq", "en")
DEFAULT_LANGUAGE = "sq"
CATALOG_DIR = Path(__file__).resolve().parent / "i18n"


def catalog_path(language: str) -> Path:
    return CATALOG_DIR / f"interview_room_{language}.qm"


def qt_catalog_path(language: str) -> Path:
    """Qt's own strings (dialog buttons, file dialogs, context menus) in ``language``."""
    return CATALOG_DIR / f"qtbase_{language}.qm"


class InterfaceLanguage:
    """Switches the application's translators while the app runs: ours, and Qt's own."""

    # One set per process, whatever the number of windows: Qt's translators are app-wide.
    _installed: ClassVar[list[QTranslator]] = []

    def __init__(self) -> None:
        self.current = "en"

    def switch(self, language: str) -> None:
        if language not in LANGUAGES:
            language = DEFAULT_LANGUAGE
        app = QCoreApplication.instance()
        for translator in InterfaceLanguage._installed:
            QCoreApplication.removeTranslator(translator)
        InterfaceLanguage._installed = []
        if language != "en":
            for path in (catalog_path(language), qt_catalog_path(language)):
                translator = QTranslator(app)
                if not translator.load(str(path)):
                    raise FileNotFoundError(f"Translation catalog missing: {path}")
                QCoreApplication.installTranslator(translator)
                InterfaceLanguage._installed.append(translator)
        QLocale.setDefault(
            QLocale(QLocale.Language.Albanian if language == "sq" else QLocale.Language.English)
        )
        self.current = language
