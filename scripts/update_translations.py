"""Refresh the Qt Linguist catalog from the GUI source and compile it.

    python scripts/update_translations.py          # update translations/*.ts and the .qm files
    python scripts/update_translations.py --check  # exit 1 if a catalog is stale or unfinished

Source strings are English; Albanian (sq) is the default interface language.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUI = ROOT / "src" / "interview_room" / "gui"
TS_DIR = ROOT / "translations"
QM_DIR = GUI / "i18n"
LANGUAGES = ("sq",)
QT_CATALOGS = ("qtbase_sq",)
"""Qt's own strings (dialog buttons, file dialogs): written by hand, only compiled here."""


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    return found


def gui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in GUI.rglob("*.py"))


def lupdate(ts_file: Path, language: str) -> None:
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *gui_sources(),
            "-source-language",
            "en",
            "-target-language",
            language,
            "-no-obsolete",
            "-locations",
            "none",
            "-ts",
            str(ts_file),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def check() -> list[str]:
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for language in LANGUAGES:
            committed = TS_DIR / f"interview_room_{language}.ts"
            fresh = Path(tmp) / committed.name
            shutil.copy(committed, fresh)
            lupdate(fresh, language)
            if fresh.read_bytes() != committed.read_bytes():
                problems.append(f"{committed.name} is stale: run scripts/update_translations.py")
            text = committed.read_text(encoding="utf-8")
            unfinished = text.count('type="unfinished"')
            if unfinished:
                problems.append(f"{committed.name} has {unfinished} untranslated string(s)")
            qm = QM_DIR / f"interview_room_{language}.qm"
            problems += _check_compiled(committed, qm, Path(tmp))
        for name in QT_CATALOGS:
            source = TS_DIR / f"{name}.ts"
            if 'type="unfinished"' in source.read_text(encoding="utf-8"):
                problems.append(f"{source.name} has untranslated strings")
            problems += _check_compiled(source, QM_DIR / f"{name}.qm", Path(tmp))
    return problems


def _check_compiled(ts_file: Path, qm: Path, tmp: Path) -> list[str]:
    fresh_qm = tmp / qm.name
    lrelease(ts_file, fresh_qm)
    if not qm.exists() or qm.read_bytes() != fresh_qm.read_bytes():
        return [f"{qm.name} is not compiled from {ts_file.name}"]
    return []


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    if parser.parse_args().check:
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    QM_DIR.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts_file = TS_DIR / f"interview_room_{language}.ts"
        lupdate(ts_file, language)
        lrelease(ts_file, QM_DIR / f"interview_room_{language}.qm")
    for name in QT_CATALOGS:
        lrelease(TS_DIR / f"{name}.ts", QM_DIR / f"{name}.qm")
    return 0


if __name__ == "__main__":
    sys.exit(main())
