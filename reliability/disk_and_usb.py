"""Disk full and USB removal: a failed write changes nothing; a truncated bundle is refused.

A real station (SQLCipher store, real interviews) linked to a real centre writes bundles with
``StationSync.write_to_folder`` onto a "stick" that fails, for real:

- **full drive**: a tmpfs mounted with a few MiB and filled with another file until only a
  seeded number of bytes (less than the bundle) is free, so the kernel answers ENOSPC. Mounting
  needs root; where it is not allowed the row says so and the next kind still runs.
- **file-size limit**: the kernel's per-process limit (``RLIMIT_FSIZE``, SIGXFSZ ignored) is
  lowered to a seeded byte count at the moment the bundle's temp file is created, so the write
  stops with EFBIG at that exact byte. The limit is put back as soon as the write returns.
- **drive pulled or swapped**: at one of seven moments of the write (before it, temp file
  created, about to be written, written and flushed, about to be renamed, renamed, read back)
  the stick's folder is removed, replaced by an empty folder (another stick), or replaced by a
  file. The moments are found with a Python audit hook on the file operations the write makes;
  the hook only acts on the drive, the code under test is the real one, unchanged.
- **drive keeps other bytes**: as the bundle is read back, one seeded byte of it is changed on
  the drive, as a failing stick would return it.

After each failed trip: the error is the typed ``BundleWriteFailed`` (no other exception); the
station's store still authenticates and passes SQLite's check, its audit chain is intact; every
record is still unconfirmed, no confirmation or receipt appeared, no case is shown as sent;
the centre is unchanged; the stick holds no bundle that does not read whole and no temp file.
(The store is not byte-for-byte the same, by design: the export records its bundle number and
an audit entry before the write, so a failed write uses up one number, which nothing needs.)
Then the next trip, to a good stick, is imported at the centre and its receipt applied: the
centre holds every case exactly once at the station's version and nothing is left pending.

On the centre's side, the bundle of a trip is cut at evenly spread byte offsets (and at the
age header's end, the first 64 KiB chunk's end and the last bytes): each cut file is refused
through ``import_files`` (the operator's import: typed refusal, quarantine) and the centre's
records and bundles stay exactly as they were; the whole bundle is then imported once.
"""

from __future__ import annotations

import contextlib
import errno
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interview_room.center.importer import import_files
from interview_room.errors import InterviewRoomError
from interview_room.sync.station import BundleWriteFailed
from reliability.common import Figure, Scale, Stopwatch, main_for
from reliability.linked_station import LinkedStation, tally

AREA = "disk and USB"
SEED = 7_2026
TMPFS_BYTES = 8 * 1024 * 1024
PAGE = 4096


# -- acting at a moment of the write ------------------------------------------------------------


@dataclass
class Saboteur:
    """Does ``action`` once, when the bundle write on ``drive`` reaches ``moment``.

    Moments, in the order ``files.atomic_write_bytes`` and ``write_to_folder`` reach them:
    ``create`` (the temp file is about to be created), ``write`` (it exists, its bytes are about
    to be written), ``chmod`` (written and flushed), ``rename`` (about to take the final name),
    ``fsync-dir`` (renamed; the folder is about to be flushed), ``read-back`` (the bundle is
    about to be read back).
    """

    drive: Path
    moment: str
    action: Callable[[], None]
    fired: bool = False
    failure: BaseException | None = None
    _created: bool = False
    _busy: bool = False

    def _in_drive(self, value: object) -> Path | None:
        if isinstance(value, str | bytes | os.PathLike):
            path = Path(os.fsdecode(value))
            return path if path.parent == self.drive or path == self.drive else None
        return None

    def _reached(self, event: str, args: tuple[Any, ...]) -> bool:
        if not args:
            return False
        path = self._in_drive(args[0])
        is_temp = path is not None and path.name.startswith(".IR-") and path.suffix == ".tmp"
        if event == "open" and is_temp:
            self._created = True
            return self.moment == "create"
        if event == "open" and isinstance(args[0], int) and self._created:
            return self.moment == "write"
        if event == "os.chmod" and is_temp:
            return self.moment == "chmod"
        if event == "os.rename" and is_temp:
            return self.moment == "rename"
        if event == "open" and path == self.drive:
            return self.moment == "fsync-dir"
        if event == "open" and path is not None and path.name.endswith(".bundle.age"):
            return self.moment == "read-back"
        return False

    def see(self, event: str, args: tuple[Any, ...]) -> None:
        if self.fired or self._busy or not self._reached(event, args):
            return
        self._busy = True  # the action's own file operations come back through the hook
        try:
            self.action()
        except BaseException as error:  # reported by the trial, never raised into the write
            self.failure = error
        finally:
            self.fired = True
            self._busy = False


_armed: list[Saboteur] = []
_hook_installed = False


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if _armed:
        _armed[0].see(event, args)


@contextlib.contextmanager
def armed(saboteur: Saboteur) -> Iterator[Saboteur]:
    """Let ``saboteur`` watch this process's file operations for the duration of the block."""
    global _hook_installed
    if not _hook_installed:  # audit hooks cannot be removed: one, idle unless armed
        sys.addaudithook(_hook)
        _hook_installed = True
    _armed.append(saboteur)
    try:
        yield saboteur
    finally:
        _armed.clear()


# -- one trip to a failing stick, then one to a good stick --------------------------------------


@dataclass
class Trials:
    """What the trials of one figure saw."""

    outcomes: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    trials: int = 0
    whole_left: int = 0
    causes: dict[str, int] = field(default_factory=dict)

    def count(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    def problem(self, trial: int, text: str) -> None:
        self.problems.append(f"trial {trial}: {text}")


def _cause(error: BundleWriteFailed) -> str:
    """What the system said underneath: an errno name, or that the bytes read back differ."""
    cause = error.__cause__
    if cause is None:
        return "read back differs"
    if isinstance(cause, OSError) and cause.errno is not None:
        return errno.errorcode.get(cause.errno, str(cause.errno))
    return type(cause).__name__


def _leftovers(station: LinkedStation, drive: Path, keep: set[str]) -> tuple[list[str], int]:
    """Problems on the stick after a failed write (temp files, bundles that do not read
    whole), and how many whole bundles were left there (harmless: the centre imports them)."""
    if not drive.is_dir():
        return [], 0
    problems: list[str] = []
    whole = 0
    for entry in drive.iterdir():
        if entry.name in keep:
            continue
        if entry.name.endswith(".tmp"):
            problems.append(f"temp file {entry.name} left on the stick")
        elif entry.name.endswith(".bundle.age"):
            if station.is_whole_bundle(entry.read_bytes()):
                whole += 1
            else:
                problems.append(f"damaged bundle {entry.name} left under its final name")
        else:
            problems.append(f"unexpected {entry.name} on the stick")
    return problems, whole


Fault = contextlib.AbstractContextManager[object]


def failing_trip(
    station: LinkedStation,
    trial: int,
    drive: Path,
    fault: Fault | Callable[[int], Fault],
    seen: Trials,
    keep: set[str] | None = None,
    after: Callable[[], list[str]] | None = None,
) -> int:
    """Work, write to ``drive`` under ``fault``, check nothing changed, then a good trip;
    return the good trip's bundle size. A callable ``fault`` is given a strict lower bound on
    the bundle's size first (a full drive is filled to less than that)."""
    station.work(new_cases=station.rng.randint(1, 3), changes=station.rng.randint(0, 2))
    if not isinstance(fault, contextlib.AbstractContextManager):
        fault = fault(station.least_bundle_bytes())
    before = station.state()
    centre_before = station.centre_fingerprint()
    seen.trials += 1
    written: Path | None = None
    try:
        with fault:
            written = station.sync.write_to_folder(drive)
        outcome = "written"
    except BundleWriteFailed as error:
        outcome = "BundleWriteFailed"
        cause = _cause(error)
        seen.causes[cause] = seen.causes.get(cause, 0) + 1
    except InterviewRoomError as error:
        outcome = type(error).__name__
        seen.problem(trial, f"other typed error {outcome}")
    except Exception as error:  # the property under test: this never happens
        outcome = f"crash {type(error).__name__}"
        seen.problem(trial, f"untyped {type(error).__name__}: {error}")
    seen.count(outcome)
    if after is not None:
        for text in after():
            seen.problem(trial, text)
    state = station.state()
    if outcome != "written":
        if state.confirmed != before.confirmed or state.receipts != before.receipts:
            seen.problem(trial, "a confirmation changed although nothing was delivered")
        if state.unconfirmed != before.unconfirmed:
            seen.problem(trial, "the records pending changed")
        if station.falsely_shown_as_sent(state):
            seen.problem(trial, "a case is shown as sent although the centre lacks it")
        for text in station.store_problems():
            seen.problem(trial, text)
    if station.centre_fingerprint() != centre_before:
        seen.problem(trial, "the centre changed")
    problems, whole = _leftovers(station, drive, keep or set())
    seen.whole_left += whole
    for text in problems:
        seen.problem(trial, text)
    return good_trip(station, trial, len(before.unconfirmed), seen, written)


def good_trip(
    station: LinkedStation, trial: int, expected: int, seen: Trials, written: Path | None = None
) -> int:
    """Carry everything to the centre on a good stick (or the bundle already written), import
    it, bring the receipt back; return the bundle's size."""
    stick = station.folder / "good-sticks" / f"trip-{trial + 100:04d}"
    stick.mkdir(parents=True)
    if written is not None:
        shutil.move(written, stick / written.name)
        bundle: Path | None = stick / written.name
    else:
        bundle = station.sync.write_to_folder(stick)
    if bundle is None:
        seen.problem(trial, "the next trip had nothing to carry")
        return 0
    run = import_files(station.center, [bundle])
    if run.refused or run.imported != expected:
        seen.problem(trial, f"next trip: {run.imported} imported of {expected}, {run.refused}")
    confirmed = station.sync.receive_from_folder(stick)
    if confirmed < expected:
        seen.problem(trial, f"next trip: receipt confirmed {confirmed} of {expected}")
    for text in station.centre_problems():
        seen.problem(trial, f"after the next trip: {text}")
    return bundle.stat().st_size


def _figure(check: str, seen: Trials, watch: Stopwatch, detail: str = "") -> Figure:
    typed = seen.outcomes.get("BundleWriteFailed", 0)
    outcome = (
        f"{typed}/{seen.trials} BundleWriteFailed ({tally(seen.causes)}); confirmations"
        " unchanged, all records pending, stores sound, nothing partial on the stick; next trip:"
        " each record once, nothing pending"
    )
    if seen.whole_left:
        outcome += f"; {seen.whole_left} whole bundles left on the stick"

    if detail:
        outcome += f"; {detail}"
    if seen.problems:
        outcome += f"; {len(seen.problems)} problems, first: {seen.problems[0]}"
    if typed != seen.trials:
        outcome += f"; outcomes: {tally(seen.outcomes)}"
    held = not seen.problems and typed == seen.trials
    return Figure(AREA, check, seen.trials, outcome, held, watch.seconds)


# -- full drive: a small tmpfs ------------------------------------------------------------------


def _mount_tmpfs(mountpoint: Path) -> bool:
    mountpoint.mkdir(parents=True)
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={TMPFS_BYTES},mode=0700", "tmpfs", mountpoint],
            capture_output=True,
            timeout=20,
            check=False,
        )
    except OSError:
        return False
    return done.returncode == 0


def _unmount(mountpoint: Path) -> None:
    done = subprocess.run(["umount", mountpoint], capture_output=True, timeout=20, check=False)
    if done.returncode != 0:
        subprocess.run(["umount", "-l", mountpoint], capture_output=True, timeout=20, check=False)


def _fill(stick: Path, leave: int) -> None:
    """Fill the stick with another file until ``leave`` bytes (rounded down to pages) are free."""
    filler = stick / "photos.bin"
    filler.unlink(missing_ok=True)
    info = os.statvfs(stick)
    free = info.f_bavail * info.f_frsize
    size = max(0, free - leave)
    with filler.open("wb") as handle:
        block = b"\x5a" * (1024 * 1024)
        while size > 0:
            size -= handle.write(block[: min(size, len(block))])


def full_drive(folder: Path, scale: Scale) -> Figure:
    check = "bundle written to a full drive (tmpfs, less free space than the bundle)"
    trials = scale.pick(10, 60)
    stick = folder / "stick"
    with Stopwatch() as watch:
        folder.mkdir(parents=True)
        if not _mount_tmpfs(stick):
            return Figure(AREA, check, 0, "not run: mounting a tmpfs is not allowed here", True)
        station = LinkedStation(folder, cases=6, seed=SEED)
        seen = Trials()
        shares: list[float] = []
        try:
            good_trip(station, 0, len(station.state().unconfirmed), seen)
            for trial in range(1, trials + 1):
                free: list[int] = []

                def fill(least: int, free: list[int] = free, first: bool = trial == 1) -> Fault:
                    free.append(0 if first else int(station.rng.random() * least))
                    _fill(stick, free[0])
                    return contextlib.nullcontext()

                size = failing_trip(station, trial, stick, fill, seen, {"photos.bin"})
                shares.append(free[0] / size if size else 1.0)
        finally:
            station.close()
            _unmount(stick)
    detail = f"free space 0-{max(shares):.0%} of the bundle's size"
    return _figure(check, seen, watch, detail)


# -- the kernel's file-size limit ---------------------------------------------------------------


@contextlib.contextmanager
def size_limit(drive: Path, limit: int) -> Iterator[Saboteur]:
    """Writes past ``limit`` bytes fail with EFBIG from the moment the temp file is created."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    def lower() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))

    try:
        with armed(Saboteur(drive, "create", lower)) as saboteur:
            yield saboteur
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def file_size_limit(folder: Path, scale: Scale) -> Figure:
    check = "bundle write cut by the file-size limit (EFBIG) at a seeded byte"
    trials = scale.pick(10, 60)
    with Stopwatch() as watch:
        folder.mkdir(parents=True)
        station = LinkedStation(folder, cases=6, seed=SEED + 1)
        seen = Trials()
        shares: list[float] = []
        try:
            good_trip(station, 0, len(station.state().unconfirmed), seen)
            for trial in range(1, trials + 1):
                stick = folder / "sticks" / f"stick-{trial:04d}"
                stick.mkdir(parents=True)
                limits: list[int] = []

                def limit(
                    least: int,
                    stick: Path = stick,
                    limits: list[int] = limits,
                    first: bool = trial == 1,
                ) -> Fault:
                    limits.append(0 if first else int(station.rng.random() * least))
                    return size_limit(stick, limits[0])

                size = failing_trip(station, trial, stick, limit, seen)
                shares.append(limits[0] / size if size else 1.0)
        finally:
            station.close()
    detail = f"cut at 0-{max(shares):.0%} of the bundle's size"
    return _figure(check, seen, watch, detail)


# -- the stick pulled out or swapped ------------------------------------------------------------

MOMENTS = ("before", "create", "write", "chmod", "rename", "fsync-dir", "read-back")
HOW = ("pulled", "swapped", "file")
MARKER = b"a file where the stick's folder was\n"


def _pull(drive: Path, how: str) -> Callable[[], None]:
    def act() -> None:
        shutil.rmtree(drive)
        if how == "swapped":
            drive.mkdir()
        elif how == "file":
            drive.write_bytes(MARKER)

    return act


def _combinations() -> list[tuple[str, str]]:
    # Swapped before the temp file exists, the new stick is simply a good stick.
    return [
        (moment, how)
        for moment in MOMENTS
        for how in HOW
        if not (how == "swapped" and moment in ("before", "create"))
    ]


def vanished_drive(folder: Path, scale: Scale) -> Figure:
    combinations = _combinations()
    check = f"stick pulled, swapped or replaced by a file at {len(MOMENTS)} moments of the write"
    trials = scale.pick(len(combinations), 4 * len(combinations))
    with Stopwatch() as watch:
        folder.mkdir(parents=True)
        station = LinkedStation(folder, cases=6, seed=SEED + 2)
        seen = Trials()
        unfired = 0
        try:
            good_trip(station, 0, len(station.state().unconfirmed), seen)
            for trial in range(1, trials + 1):
                moment, how = combinations[(trial - 1) % len(combinations)]
                stick = folder / "sticks" / f"stick-{trial:04d}"
                stick.mkdir(parents=True)
                act = _pull(stick, how)
                saboteur = Saboteur(stick, moment, act)
                fault: contextlib.AbstractContextManager[object]
                if moment == "before":
                    act()
                    saboteur.fired = True
                    fault = contextlib.nullcontext()
                else:
                    fault = armed(saboteur)

                def after(saboteur: Saboteur = saboteur, stick: Path = stick) -> list[str]:
                    problems = []
                    if saboteur.failure is not None:
                        problems.append(f"the stick could not be pulled: {saboteur.failure}")
                    if stick.is_file() and stick.read_bytes() != MARKER:
                        problems.append("the file in the stick's place was written to")
                    return problems

                failing_trip(station, trial, stick, fault, seen, after=after)
                unfired += not saboteur.fired
        finally:
            station.close()
    if unfired:
        seen.problems.insert(0, f"{unfired} trials never reached their moment")
    per = trials // len(combinations)
    detail = f"{len(combinations)} moment × way combinations, {per} each"
    return _figure(check, seen, watch, detail)


# -- the stick keeps other bytes than it was given ----------------------------------------------


def bad_read_back(folder: Path, scale: Scale) -> Figure:
    check = "stick returns other bytes when the bundle is read back"
    trials = scale.pick(5, 30)
    with Stopwatch() as watch:
        folder.mkdir(parents=True)
        station = LinkedStation(folder, cases=6, seed=SEED + 3)
        seen = Trials()
        try:
            good_trip(station, 0, len(station.state().unconfirmed), seen)
            for trial in range(1, trials + 1):
                stick = folder / "sticks" / f"stick-{trial:04d}"
                stick.mkdir(parents=True)
                fraction = station.rng.random()
                mask = 1 << station.rng.randrange(8)

                def flip(stick: Path = stick, fraction: float = fraction, mask: int = mask) -> None:
                    (bundle,) = stick.glob("IR-*.bundle.age")
                    with bundle.open("r+b") as handle:
                        offset = int(fraction * bundle.stat().st_size)
                        handle.seek(offset)
                        byte = handle.read(1)[0]
                        handle.seek(offset)
                        handle.write(bytes([byte ^ mask]))

                fault = armed(Saboteur(stick, "read-back", flip))
                failing_trip(station, trial, stick, fault, seen)
        finally:
            station.close()
    return _figure(check, seen, watch)


# -- the centre's side: truncated bundles -------------------------------------------------------


def _cut_points(data: bytes, count: int) -> list[int]:
    """``count`` offsets spread evenly over the bundle, plus the age layer's edges."""
    points = {len(data) * i // count for i in range(count)}
    header_end = data.index(b"\n---") + 1
    header_end = data.index(b"\n", header_end) + 1
    chunk = 64 * 1024 + 16  # a payload chunk and its tag, after a 16-byte nonce
    for edge in (0, 1, header_end, header_end + 16, header_end + 16 + chunk, len(data)):
        points |= {edge - 1, edge, edge + 1}
    return sorted(p for p in points if 0 <= p < len(data))


def truncated_bundles(folder: Path, scale: Scale) -> Figure:
    check = "truncated bundle imported at the centre"
    with Stopwatch() as watch:
        folder.mkdir(parents=True)
        station = LinkedStation(folder, cases=8, seed=SEED + 4)
        seen = Trials()
        try:
            good_trip(station, 0, len(station.state().unconfirmed), seen)
            station.work(new_cases=10, changes=3)
            expected = len(station.state().unconfirmed)
            stick = folder / "stick"
            stick.mkdir()
            bundle = station.sync.write_to_folder(stick)
            assert bundle is not None
            data = bundle.read_bytes()
            inbox = folder / "inbox"
            inbox.mkdir()
            cut = inbox / bundle.name
            centre_before = station.centre_fingerprint()
            points = _cut_points(data, scale.pick(100, 1000))
            for trial, offset in enumerate(points, start=1):
                seen.trials += 1
                cut.write_bytes(data[:offset])
                try:
                    run = import_files(station.center, [cut])
                except Exception as error:
                    seen.count(f"crash {type(error).__name__}")
                    seen.problem(trial, f"cut at {offset}: untyped {type(error).__name__}")
                    continue
                if run.refused and not run.results:
                    seen.count("refused")
                else:
                    seen.count("imported")
                    seen.problem(trial, f"cut at {offset} was imported")
                if station.centre_fingerprint() != centre_before:
                    seen.problem(trial, f"cut at {offset} changed the centre")
                    centre_before = station.centre_fingerprint()
            quarantined = len(list((station.center.center_dir / "quarantine").iterdir()))
            whole = import_files(station.center, [bundle])
            if whole.imported != expected:
                seen.problem(0, f"the whole bundle imported {whole.imported} of {expected}")
            station.sync.receive_from_folder(stick)
            seen.problems += station.centre_problems()
        finally:
            station.close()
    refused = seen.outcomes.get("refused", 0)
    outcome = (
        f"{refused}/{seen.trials} refused and quarantined ({quarantined} file kept), cut at"
        f" 0-{len(data) - 1} of {len(data)} bytes; centre records and bundles unchanged; the"
        f" whole bundle then imported {whole.imported} records once"
    )
    if seen.problems:
        outcome += f"; {len(seen.problems)} problems, first: {seen.problems[0]}"
    held = not seen.problems and refused == seen.trials
    return Figure(AREA, check, seen.trials, outcome, held, watch.seconds)


def run(scale: Scale) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="ir-disk-usb-") as tmp:
        base = Path(tmp)
        return [
            full_drive(base / "full", scale),
            file_size_limit(base / "limit", scale),
            vanished_drive(base / "vanished", scale),
            bad_read_back(base / "read-back", scale),
            truncated_bundles(base / "truncated", scale),
        ]


if __name__ == "__main__":
    main_for(run, "Disk full and USB removal: a failed write changes nothing")
