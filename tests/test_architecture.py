"""The layout tells the architecture: Qt lives only under interview_room/gui/."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "interview_room"
QT_ALLOWED = {PACKAGE / "gui"}


def _imports_qt(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.startswith("PySide6") for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6"):
            return True
    return False


def test_qt_is_imported_only_by_the_gui_package() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if not any(allowed in path.parents for allowed in QT_ALLOWED) and _imports_qt(path)
    ]
    assert offenders == []


def test_the_command_line_loads_without_qt() -> None:
    import subprocess
    import sys

    code = "import sys, interview_room.cli; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
