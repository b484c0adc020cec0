"""A station's install has no server stack (Starlette, uvicorn: the ``center`` extra): every
station module still imports and the station still sets up, and ``center serve`` says in a
sentence what to install instead of failing with a traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from interview_room.center.receiver_stack import SERVER_PACKAGES, missing_server_packages

# Only these import the server stack; they run at the centre only.
CENTER_SERVER_MODULES = {
    "interview_room.center.receiver",
    "interview_room.center.receiver_connections",
}
PACKAGE = Path(__file__).resolve().parents[2] / "src" / "interview_room"

# Run first in the child: the server packages cannot be imported, as at a station.
WITHOUT_SERVER = textwrap.dedent(
    f"""
    import sys
    for name in {SERVER_PACKAGES!r}:
        sys.modules[name] = None  # import raises ModuleNotFoundError
    """
)


def _run(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_SERVER + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(cwd)},
        check=False,
    )


def test_the_server_stack_is_installed_for_the_tests() -> None:
    # `bash scripts/dev.sh test` installs requirements/dev.lock, which includes the extra.
    assert missing_server_packages() == ()


def test_every_station_module_imports_without_the_server_stack(tmp_path: Path) -> None:
    names = sorted(
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        for path in PACKAGE.rglob("*.py")
    )
    # __main__ runs the app when imported.
    station = [n for n in names if n not in CENTER_SERVER_MODULES and not n.endswith("__main__")]
    done = _run(
        f"""
        import importlib
        for name in {station!r}:
            importlib.import_module(name)
        for name in {sorted(CENTER_SERVER_MODULES)!r}:
            try:
                importlib.import_module(name)
            except ModuleNotFoundError:
                continue
            raise SystemExit(name + " imported without the server stack: update the test")
        print("imported", len({station!r}))
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == f"imported {len(station)}"


def test_center_serve_without_the_server_stack_says_what_to_install(tmp_path: Path) -> None:
    done = _run(
        f"""
        from interview_room.cli import main
        centre = {str(tmp_path / "centre")!r}
        assert main(["center", "init", "--training", "--center-dir", centre]) == 0
        raise SystemExit(main(["--lang", "en", "center", "serve", "--center-dir", centre]))
        """,
        tmp_path,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    said = done.stdout + done.stderr
    assert "receiver is not installed" in said and "center.lock" in said, said
