"""Leak scan: after a full workflow, no synthetic name or answer is readable anywhere on disk.

The workflow is the one a station lives through, each step by the real program in its own
process, with HOME, the XDG folders and TMPDIR inside a sandbox: a training deployment
(``interview-room demo``: station, users, interviews on every path, two-signature referrals,
an enrolled training centre, a bundle on the "USB stick"); the centre imports that bundle
(``center import``, receipts go back on the stick); a real GUI session interviews one more
person, typing this run's unique words into the free-text questions, takes the receipts and
writes a new bundle; it ends by quitting normally or by SIGKILL; the centre imports again and
writes anonymous statistics (CSV and PDF).

Then every file is searched for every needle: the synthetic names (whole and first name), the
free-text answers and this run's unique words, as UTF-8, UTF-16 and decomposed Unicode, in the
raw bytes and, for PDFs, in the text ``pdftotext`` extracts (page streams are compressed). The
places: the station's data folder, the sandbox's temp, cache, config, data and state folders,
the USB folder, the centre's folder (store, receipts, quarantine) and the statistics. The
system's shared temp folders (``/tmp``, ``/var/tmp``, ``/dev/shm``) are searched for this run's
unique words only (other programs may write the fixed training names there). The signed
referrals handed out on purpose are the one exception: they are counted, not searched.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from reliability.common import Figure, Scale, Stopwatch, main_for

ROOT = Path(__file__).resolve().parent.parent
AREA = "leak scan"
FIXED_ANSWERS = ("Oficer Shembulli", "Punonjëse Sociale Shembulli")
SHARED_TEMP = (Path("/tmp"), Path("/var/tmp"), Path("/dev/shm"))


@dataclass
class Place:
    """One group of folders searched together, and what the search found there."""

    label: str
    folders: tuple[Path, ...]
    files: int = 0
    bytes: int = 0
    hits: tuple[str, ...] = ()


def _forms(text: str) -> set[bytes]:
    """The byte strings a text could take on disk."""
    forms: set[bytes] = set()
    for variant in {text, unicodedata.normalize("NFD", text), unicodedata.normalize("NFC", text)}:
        forms |= {variant.encode("utf-8"), variant.encode("utf-16-le"), variant.encode("utf-16-be")}
    return forms


def _needles(texts: Iterable[str]) -> dict[bytes, str]:
    return {form: text for text in texts for form in _forms(text)}


def _files(folder: Path, since: float | None = None) -> Iterator[Path]:
    """Files under ``folder``; a folder another program removes meanwhile (a test's temporary
    folder in the shared temp) is passed over, as ``os.walk`` does, never an error."""
    for parent, _folders, names in os.walk(folder):
        for name in names:
            path = Path(parent) / name
            try:
                if path.is_symlink() or not path.is_file():
                    continue
                if since is not None and path.stat().st_mtime < since:
                    continue
            except OSError:  # vanished or unreadable: another program's file
                continue
            yield path


def _pdf_text(path: Path) -> bytes:
    if shutil.which("pdftotext") is None:
        raise RuntimeError("pdftotext (poppler-utils) is needed to search inside PDFs")
    done = subprocess.run(
        ["pdftotext", "-q", str(path), "-"], capture_output=True, check=False, timeout=60
    )
    return done.stdout


def _search(place: Place, paths: Iterable[Path], needles: dict[bytes, str]) -> Place:
    """Search ``paths`` for every needle; PDFs also through the text they show."""
    files = 0
    size = 0
    hits: list[str] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        files += 1
        size += len(data)
        if data.startswith(b"%PDF"):
            data += b"\n" + _pdf_text(path)
        hits += [f"{path}: {needles[n]!r}" for n in needles if n in data]
    place.files, place.bytes, place.hits = files, size, tuple(sorted(set(hits)))
    return place


def _in(folders: Iterable[Path], since: float | None = None) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in _files(folder, since)]


def _sandbox_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "INTERVIEW_ROOM_DEBUG"}
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    env |= {"HOME": str(home), "TMPDIR": str(home / "tmp"), "QT_QPA_PLATFORM": "offscreen"}
    return env


def _app(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "interview_room", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"interview-room {args[0]} failed: {done.stderr.strip()[-400:]}")
    return done.stdout


@dataclass(frozen=True)
class GuiRun:
    """What one GUI session typed, and how it ended."""

    person: str
    token: str
    end: str


def _gui_session(
    env: dict[str, str], data: Path, admin: dict[str, str], usb: Path, end: str
) -> GuiRun:
    token = f"fjalë-{secrets.token_hex(6)}"
    person = f"Vesa Provaj-{secrets.token_hex(3)}"
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reliability.leak_worker",
            str(data),
            admin["username"],
            admin["password"],
            str(usb),
            person,
            token,
            end,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert worker.stdout is not None and worker.stderr is not None
    lines: list[str] = []
    try:
        for line in worker.stdout:
            lines.append(line)
            if line.startswith("done"):
                break
        if end == "kill":
            worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=120)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    if "done\n" not in lines or not any(line.startswith("typed ") for line in lines):
        raise RuntimeError(f"the GUI session did not finish: {worker.stderr.read()[-800:]}")
    if int(next(line for line in lines if line.startswith("typed ")).split()[1]) == 0:
        raise RuntimeError("the GUI session typed no free text: nothing unique to look for")
    return GuiRun(person, token, end)


def _workflow(base: Path, sessions: int) -> tuple[list[Place], Place, list[str], int]:
    """Run the whole workflow in ``base``; the places searched, the control search of the
    referrals, this run's unique words, and how many texts were looked for."""
    home = base / "home"
    (home / "tmp").mkdir(parents=True)
    env = _sandbox_env(home)
    data = home / "data"
    export = home / "export"
    report = json.loads(
        _app(env, "demo", "--data-dir", str(data), "--export-dir", str(export), "--json")
    )
    center = Path(report["center_dir"])
    usb = Path(report["bundle"]).parent
    admin = next(u for u in report["users"] if u["role"] == "station_admin")
    _app(env, "center", "import", "--center-dir", str(center), str(report["bundle"]))
    done: list[GuiRun] = []
    for index in range(sessions):
        done.append(_gui_session(env, data, admin, usb, "kill" if index % 2 else "quit"))
        bundles = sorted(p for p in usb.iterdir() if p.suffix == ".age")
        _app(env, "center", "import", "--center-dir", str(center), *map(str, bundles))
    stats = home / "statistics"
    stats.mkdir()
    today = date.today()
    for name in ("statistics.csv", "statistics.pdf"):
        _app(
            env,
            "center",
            "stats",
            "--center-dir",
            str(center),
            "--from",
            (today - timedelta(days=400)).isoformat(),
            "--to",
            (today + timedelta(days=1)).isoformat(),
            "--out",
            str(stats / name),
        )

    names: list[str] = [*report["sample_names"], *(s.person for s in done)]
    texts = [*names, *(n.split(" ")[0] + " " for n in names), *FIXED_ANSWERS]
    texts += [s.token for s in done]
    referrals = {Path(p).resolve() for p in report["referral_pdfs"]}
    user_folders = ("tmp", "xdg_cache_home", "xdg_config_home", "xdg_data_home", "xdg_state_home")
    places = [
        Place(
            f"station data folder, after {sessions} GUI sessions (half quit, half SIGKILL)", (data,)
        ),
        Place(
            "user folders: temp, cache, config, data, state", tuple(home / n for n in user_folders)
        ),
        Place("USB stick: bundles and receipts", (usb,)),
        Place("central office: store, receipts, quarantine", (center,)),
        Place("anonymous statistics (CSV, PDF text)", (stats,)),
    ]
    needles = _needles(texts)
    searched: set[Path] = set()
    for place in places:
        paths = _in(place.folders)
        searched.update(paths)
        _search(place, paths, needles)
    # Whatever else is in the sandbox (the training root certificate ...) is searched too,
    # all but the referrals handed out on purpose.
    rest = [p for p in _files(home) if p not in searched and p.resolve() not in referrals]
    if rest:
        places.append(_search(Place("anything else in the sandbox", ()), rest, needles))
    # The control that shows the search can find what it looks for: the referrals handed out
    # on purpose carry the person's name (inside compressed page streams).
    control = _search(
        Place("control: the signed referrals, searched the same way", ()), referrals, needles
    )
    if not (data / "station.db").is_file():
        raise RuntimeError("the workflow left no station.db: nothing was searched")
    return places, control, [s.token for s in done] + [s.person for s in done], len(texts)


def run(scale: Scale) -> list[Figure]:
    sessions = scale.pick(2, 4)
    with Stopwatch() as watch, tempfile.TemporaryDirectory(prefix="ir-leak-") as folder:
        started = time.time()
        places, control, unique, needle_count = _workflow(Path(folder), sessions)
        # Our own sandbox may live under /tmp: what it holds was searched above.
        written = [p for p in _in(SHARED_TEMP, since=started) if not p.is_relative_to(folder)]
        shared = _search(
            Place("system temp folders (/tmp, /var/tmp, /dev/shm)", SHARED_TEMP),
            written,
            _needles(unique),
        )
    figures = [
        Figure(
            AREA,
            f"{place.label}: no synthetic name or answer in clear",
            place.files,
            f"{place.files:,} files ({place.bytes / 1e6:.1f} MB), {needle_count} texts"
            f" in UTF-8/16, NFC/NFD: {len(place.hits)} hits"
            + (f": {place.hits[:3]}" if place.hits else ""),
            not place.hits,
            watch.seconds if index == 0 else 0.0,
        )
        for index, place in enumerate(places)
    ]
    figures.append(
        Figure(
            AREA,
            f"{shared.label}: no trace of this run's {len(unique)} unique words",
            shared.files,
            f"{shared.files:,} files written during the run searched, {len(shared.hits)} hits"
            + (f": {shared.hits[:3]}" if shared.hits else ""),
            not shared.hits,
        )
    )
    figures.append(
        Figure(
            AREA,
            "control: the same search finds the names in the signed referrals handed out",
            control.files,
            f"{control.files} referral PDFs, {len(control.hits)} hits (names are there on purpose)",
            control.files > 0 and len(control.hits) >= control.files,
        )
    )
    return figures


if __name__ == "__main__":
    main_for(run, "Leak scan after a full workflow")
