"""The main window's keyboard shortcuts, made at the first sign-in.

They act only for someone signed in (a new interview, locking the screen), so the login window
does without them and does not build QKeySequence's enums (issue 14, benchmarks/README.md).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def signed_in_shortcuts(
    window: QWidget, new_interview: Callable[[], None], lock: Callable[[], None]
) -> list[QShortcut]:
    """Ctrl+N starts a new interview in ``window``; Ctrl+L and F12 lock from any of the app's
    windows (a dialog in front included)."""
    new = QShortcut(QKeySequence("Ctrl+N"), window)
    new.activated.connect(new_interview)
    shortcuts = [new]
    for keys in (QKeySequence("Ctrl+L"), QKeySequence(Qt.Key.Key_F12)):
        shortcut = QShortcut(keys, window)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(lock)
        shortcuts.append(shortcut)
    return shortcuts
