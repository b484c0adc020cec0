"""Loading the interface language: Albanian first, English second.

The source strings in the code are English; ``interview_room_sq.qm`` (compiled from
``translations/interview_room_sq.ts``) turns them into Albanian. English needs no catalog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

LANGUAGES = ("sq", "en")
DEFAULT_LANGUAGE = "sq"
CATALOG_DIR = Path(__file__).resolve().parent / "i18n"


def catalog_path(language: str) -> Path:
    return CATALOG_DIR / f"interview_room_{language}.qm"


class InterfaceLanguage:
    """Switches the application's one translator while the app runs."""

    # One per process, whatever the number of windows: Qt's translators are application-wide.
    _installed: QTranslator | None = None

    def __init__(self) -> None:
        self.current = "en"

    def switch(self, language: str) -> None:
        if language not in LANGUAGES:
            language = DEFAULT_LANGUAGE
        app = QCoreApplication.instance()
        if InterfaceLanguage._installed is not None:
            QCoreApplication.removeTranslator(InterfaceLanguage._installed)
            InterfaceLanguage._installed = None
        if language != "en":
            translator = QTranslator(app)
            if not translator.load(str(catalog_path(language))):
                raise FileNotFoundError(f"Translation catalog missing: {catalog_path(language)}")
            QCoreApplication.installTranslator(translator)
            InterfaceLanguage._installed = translator
        QLocale.setDefault(
            QLocale(QLocale.Language.Albanian if language == "sq" else QLocale.Language.English)
        )
        self.current = language
