"""How the case list, its search and the answer autosave hold up with 50,000 interviews stored.

Prints a table of figures with their goals; it asserts nothing (speed and memory targets are
measured here, never by timed tests). Usage:
``.venv/bin/python benchmarks/case_list_and_autosave.py [--interviews N] [--runs N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import PySide6
from PySide6.QtCore import (
    QEvent,
    QEventLoop,
    QMessageLogContext,
    QObject,
    QSignalBlocker,
    QTimer,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from interview_room.accounts import Role
from interview_room.cases.register import CaseRegister, CaseStatus
from interview_room.gui.app import create_application
from interview_room.gui.case_list import CaseListView
from interview_room.gui.i18n import InterfaceLanguage
from interview_room.interview import interview_store
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening import Answer, Protocol
from interview_room.store.kdf import DEFAULT_ARGON2
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import scenario_answers
from interview_room.training.synthetic import synthetic_names
from interview_room.workstation import Session, Workstation

USERNAME = "admin"
PASSWORD = "fjalekalim-shembull"
STATION_NAME, STATION_CODE = "Stacioni i matjeve", "BEN"
INTERVIEWS = 50_000
AUTOSAVES = 300  # answers saved one by one for the autosave figures
SEED = 2026
TIMEOUT_S = 60.0

FIRST_PAINT_GOAL_MS = 200.0
SEARCH_GOAL_MS = 50.0
AUTOSAVE_GOAL_MS = 10.0
PEAK_GOAL_MB = 250.0  # decimal megabytes, the stricter reading of "MB"

# (label, text typed in the search box, status chosen in the filter)
QUERIES: tuple[tuple[str, str, CaseStatus | None], ...] = (
    ("case code fragment '0421'", "0421", None),
    ("name fragment 'Drita Prov'", "Drita Prov", None),
    ("date fragment '2025-03'", "2025-03", None),
    ("status filter 'incomplete'", "", CaseStatus.INCOMPLETE),
    ("no match 'zzz' (whole table)", "zzz", None),
)

# Share of each status in the store, as a busy station's register might look after two years.
STATUS_WEIGHTS = {
    CaseStatus.DRAFT: 3,
    CaseStatus.INCOMPLETE: 7,
    CaseStatus.COMPLETED: 45,
    CaseStatus.REFERRED: 20,
    CaseStatus.SYNCED: 25,
}
FINISHED_PATHS = (ScenarioPath.ADULT_POSITIVE, ScenarioPath.ADULT_NOT_INDICATED, ScenarioPath.CHILD)


class BenchmarkFailed(RuntimeError):
    """A paint never came, or the memory subprocess failed or printed something unexpected."""


# -- filling the store -------------------------------------------------------------------------


@dataclass(frozen=True)
class FillReport:
    cases: int
    answers: int
    seconds: float


class _EncodedAnswers:
    """The scenario answers of (path, variant) with their values already JSON-encoded as
    ``interview_store.encode_value`` stores them; built once per variant, not once per interview."""

    def __init__(self) -> None:
        self._cache: dict[tuple[ScenarioPath, int], list[tuple[str, str]]] = {}

    def get(self, path: ScenarioPath, index: int) -> list[tuple[str, str]]:
        key = (path, index % 420)  # scenario_answers varies with index % 4, 7, 15 and 20
        if key not in self._cache:
            answers = scenario_answers(path, key[1])
            self._cache[key] = [
                (question_id, interview_store.encode_value(Answer.given(question_id, value)) or "")
                for question_id, value in answers.items()
            ]
        return self._cache[key]


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


_NUMBER_WORDS = ("Një", "Dy", "Tre", "Katër", "Pesë", "Gjashtë", "Shtatë", "Tetë")


def fill_store(session: Session, protocol: Protocol, count: int) -> FillReport:
    """Add ``count`` synthetic cases, each with its interview, ~25 answers, its events and (when
    finished) a decision, straight into the real schema in one transaction."""
    rng = random.Random(SEED)
    started = time.perf_counter()
    now = datetime.now(UTC).replace(microsecond=0)
    span = int(timedelta(days=730).total_seconds())
    moments = sorted(now - timedelta(seconds=rng.randrange(span)) for _ in range(count))
    names = synthetic_names(count, seed=SEED)
    statuses = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=count)
    encoded = _EncodedAnswers()
    sections = [s.id for s in protocol.sections]
    cases: list[tuple[object, ...]] = []
    interviews: list[tuple[object, ...]] = []
    answers: list[tuple[object, ...]] = []
    events: list[tuple[object, ...]] = []
    decisions: list[tuple[object, ...]] = []
    per_year: dict[int, int] = {}
    with session.db.transaction():
        # Display names in words, as people's names are: the centre refuses a minimal record
        # whose staff names hold digits (sync/record_consent.py, _STAFF_NAME).
        officers = [
            session.users.add(f"oficer{i}", f"Oficer Shembulli {word}", Role.OFFICER, USERNAME).id
            for i, word in enumerate(_NUMBER_WORDS, start=1)
        ]
        social_workers = [
            session.users.add(
                f"punonjes{i}", f"Punonjëse Sociale Ushtrimi {word}", Role.SOCIAL_WORKER, USERNAME
            ).id
            for i, word in enumerate(_NUMBER_WORDS[:4], start=1)
        ]
        for index, (moment, name, status) in enumerate(zip(moments, names, statuses, strict=True)):
            case_id = rng.randbytes(16).hex()
            per_year[moment.year] = per_year.get(moment.year, 0) + 1
            code = f"{STATION_CODE}-{moment.year}-{per_year[moment.year]:04d}"
            officer = rng.choice(officers)
            social_worker = rng.choice(social_workers)
            ended = moment + timedelta(minutes=rng.randrange(40, 150))
            if status is CaseStatus.DRAFT:
                path, outcome, kept = ScenarioPath.INCOMPLETE, None, rng.randrange(4, 16)
            elif status is CaseStatus.INCOMPLETE:
                path, outcome, kept = ScenarioPath.STOPPED_MIDWAY, "stopped", rng.randrange(12, 26)
            elif status is CaseStatus.COMPLETED and rng.random() < 0.04:
                path, outcome, kept = ScenarioPath.CONSENT_REFUSED, "consent_refused", 99
            else:
                path, outcome, kept = rng.choice(FINISHED_PATHS), "finished", rng.randrange(20, 31)
            given = encoded.get(path, index)[:kept]
            section = sections[-1] if outcome else sections[min(len(given) // 6, len(sections) - 2)]
            cases.append(
                (
                    case_id,
                    code,
                    status.value,
                    name,
                    _stamp(moment),
                    _stamp(ended),
                    officer,
                    social_worker,
                )
            )
            interviews.append(
                (
                    case_id,
                    protocol.id,
                    protocol.version,
                    protocol.content_hash,
                    "sq" if index % 3 else "en",
                    section,
                    int(path is ScenarioPath.CHILD),
                    outcome,
                    _stamp(ended) if outcome else None,
                )
            )
            for number, (question_id, value) in enumerate(given):
                roll = rng.random()
                state, stored = (
                    ("prefers_not_to_answer", None)
                    if roll < 0.03
                    else ("skipped", None)
                    if roll < 0.07
                    else ("answered", value)
                )
                at = _stamp(moment + timedelta(seconds=40 * number + 30))
                answers.append((case_id, question_id, state, stored, at, officer))
            events.append((case_id, _stamp(moment), "started", officer, "{}"))
            if outcome:
                events.append((case_id, _stamp(ended), outcome, officer, "{}"))
            if outcome == "finished":
                decisions.append(_decision(rng, case_id, protocol, officer, social_worker, ended))
        db = session.db
        db.executemany(
            "INSERT INTO cases (id, code, status, person_name, started_at, updated_at, officer_id,"
            " social_worker_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            cases,
        )
        db.executemany(
            "INSERT INTO interviews (case_id, protocol_id, protocol_version, protocol_hash,"
            " person_language, current_section, presumed_child, outcome, ended_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            interviews,
        )
        db.executemany(
            "INSERT INTO answers (case_id, question_id, status, value, answered_at, answered_by)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            answers,
        )
        db.executemany(
            "INSERT INTO interview_events (case_id, at, kind, actor, detail)"
            " VALUES (?, ?, ?, ?, ?)",
            events,
        )
        db.executemany(
            "INSERT INTO decisions (case_id, suggested_outcome, suggestion, decision, reasons,"
            " officer_id, social_worker_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            decisions,
        )
    return FillReport(len(cases), len(answers), time.perf_counter() - started)


def _decision(
    rng: random.Random,
    case_id: str,
    protocol: Protocol,
    officer: str,
    social_worker: str,
    at: datetime,
) -> tuple[object, ...]:
    outcome = rng.choice(("potential_victim", "indicators_not_met", "child_at_risk"))
    suggestion = {
        "outcome": outcome,
        "protocol": [protocol.id, protocol.version, protocol.content_hash],
        "indicators": rng.sample(
            [
                "deception",
                "unpaid_work",
                "movement_restricted",
                "documents_withheld",
                "threats",
                "debt_bondage",
            ],
            3,
        ),
        "explanation": {
            "sq": "Rast sintetik: treguesit e mashtrimit dhe të kontrollit plotësojnë rregullin.",
            "en": "Synthetic case: the deception and control indicators meet the rule.",
        },
    }
    reasons = "Synthetic case for the benchmark: reasons as an officer would write them."
    return (
        case_id,
        outcome,
        json.dumps(suggestion, ensure_ascii=False),
        outcome,
        reasons,
        officer,
        social_worker,
        _stamp(at + timedelta(minutes=5)),
    )


# -- Qt helpers --------------------------------------------------------------------------------


class PaintWatch(QObject):
    """Notes when ``target`` next receives a Paint event, and when the event loop comes back
    after it (the paint, and the flush of the window that follows, are then done)."""

    painted = Signal()

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.started: float | None = None
        self.finished: float | None = None
        self._armed = True
        target.installEventFilter(self)

    def arm(self) -> None:
        self.started = self.finished = None
        self._armed = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._armed and event.type() == QEvent.Type.Paint:
            self._armed = False
            self.started = time.perf_counter()
            QTimer.singleShot(0, self._finish)
        return False

    def _finish(self) -> None:
        self.finished = time.perf_counter()
        self.painted.emit()

    def wait(self, what: str) -> float:
        """Run the event loop until the paint has finished; return ``time.perf_counter()`` then."""
        if self.finished is None:
            loop = QEventLoop()
            timeout = QTimer(loop)
            timeout.setSingleShot(True)
            timeout.timeout.connect(loop.quit)
            self.painted.connect(loop.quit)
            timeout.start(int(TIMEOUT_S * 1000))
            loop.exec()
            self.painted.disconnect(loop.quit)
        if self.finished is None:
            raise BenchmarkFailed(f"{what} was not painted within {TIMEOUT_S:.0f} s")
        return self.finished


class Host:
    """A shown top-level window, the size the app opens at, to put a page into."""

    def __init__(self) -> None:
        self.window = QWidget()
        self.window.resize(1180, 760)
        self.layout = QVBoxLayout(self.window)
        watch = PaintWatch(self.window)
        self.window.show()
        watch.wait("the host window")

    def show(self, page: QWidget) -> None:
        self.layout.addWidget(page)
        page.show()

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def ms(seconds: float) -> float:
    return seconds * 1000.0


# -- the figures -------------------------------------------------------------------------------


def measure_first_paint(register: CaseRegister, runs: int) -> tuple[float, float]:
    """Median ms from creating a ``CaseListView`` in a shown window to its table's first paint
    being done, and median ms spent in the constructor alone (which runs the first search)."""
    totals: list[float] = []
    constructed: list[float] = []
    for _ in range(runs):
        host = Host()
        started = time.perf_counter()
        view = CaseListView(register)
        built = time.perf_counter()
        watch = PaintWatch(view.table.viewport())
        host.show(view)
        painted = watch.wait("the case list")
        totals.append(ms(painted - started))
        constructed.append(ms(built - started))
        host.close()
    return statistics.median(totals), statistics.median(constructed)


def measure_search(register: CaseRegister, runs: int) -> dict[str, tuple[float, int]]:
    """Median ms of ``CaseRegister.search`` per query, and the number of rows it returned."""
    figures: dict[str, tuple[float, int]] = {}
    for name, text, status in QUERIES:
        times: list[float] = []
        found = 0
        for _ in range(runs):
            started = time.perf_counter()
            found = len(register.search(text, status))
            times.append(ms(time.perf_counter() - started))
        figures[name] = (statistics.median(times), found)
    return figures


def type_search(view: CaseListView, text: str) -> None:
    """Put ``text`` in the search box without starting the debounce timer: the caller then calls
    ``refresh()`` itself, which is what the timer does 150 ms after the last keystroke."""
    blocker = QSignalBlocker(view.search)
    view.search.setText(text)
    blocker.unblock()


def apply_query(view: CaseListView, text: str, status: CaseStatus | None) -> None:
    """Show ``text`` / ``status`` in ``view`` as a user would: typed text waits for the debounce
    (here: refreshed at once), choosing a status refreshes at once."""
    type_search(view, text)
    if status is None:
        view.refresh()
    else:
        view.status.setCurrentIndex(view.status.findData(status.value))


def clear_query(view: CaseListView, status: CaseStatus | None) -> None:
    type_search(view, "")
    if status is None:
        view.refresh()
    else:
        view.status.setCurrentIndex(0)


def measure_view_refresh(register: CaseRegister, runs: int) -> dict[str, tuple[float, float]]:
    """Per query, median ms of the view's refresh (``refresh()``, or choosing the status) and of
    refresh → table repainted, each time starting from the unfiltered list."""
    host = Host()
    view = CaseListView(register)
    watch = PaintWatch(view.table.viewport())
    host.show(view)
    watch.wait("the case list")
    figures: dict[str, tuple[float, float]] = {}
    for name, text, status in QUERIES:
        refreshes: list[float] = []
        repaints: list[float] = []
        for _ in range(runs):
            watch.arm()
            started = time.perf_counter()
            apply_query(view, text, status)
            refreshed = time.perf_counter()
            painted = watch.wait(f"the case list after {name}")
            refreshes.append(ms(refreshed - started))
            repaints.append(ms(painted - started))
            watch.arm()  # back to the whole list before the next run, untimed
            clear_query(view, status)
            watch.wait("the unfiltered case list")
        figures[name] = (statistics.median(refreshes), statistics.median(repaints))
    host.close()
    return figures


def autosave_answers() -> Iterator[Answer]:
    """Valid answers to save one after another, with values that change from one to the next."""
    variants = [
        scenario_answers(path, index)
        for index in range(3)
        for path in (ScenarioPath.ADULT_NOT_INDICATED, ScenarioPath.ADULT_POSITIVE)
    ]
    while True:
        for variant in variants:
            for question_id, value in variant.items():
                yield Answer.given(question_id, value)


def measure_autosave(session: Session, saves: int) -> tuple[float, float, float, str]:
    """Median, p95 and max ms of ``Interview.answer`` on a draft interview from the middle of
    the store, resumed as the wizard resumes it; and that case's code."""
    row = session.db.one(
        "SELECT id FROM cases WHERE status = 'draft' ORDER BY started_at"
        " LIMIT 1 OFFSET (SELECT count(*) / 2 FROM cases WHERE status = 'draft')"
    )
    if row is None:
        raise BenchmarkFailed("the store holds no draft interview")
    interview = Interview.resume(session, str(row[0]), ProtocolLibrary())
    answers = autosave_answers()
    times: list[float] = []
    for _ in range(saves):
        answer = next(answers)
        started = time.perf_counter()
        interview.answer(answer)
        times.append(ms(time.perf_counter() - started))
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, times[-1], interview.case.code


def fdatasync_ms(folder: Path, runs: int = 50) -> float:
    """Median ms to rewrite 4 KiB and ``fdatasync`` it in ``folder``: what each committed
    answer waits for (SQLite syncs the WAL this way at every commit under synchronous=FULL)."""
    path = folder / "fsync-probe"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    times: list[float] = []
    try:
        for _ in range(runs):
            os.pwrite(fd, os.urandom(4096), 0)
            started = time.perf_counter()
            os.fdatasync(fd)
            times.append(ms(time.perf_counter() - started))
    finally:
        os.close(fd)
        path.unlink()
    return statistics.median(times)


# -- peak memory, in a process of its own ------------------------------------------------------


def _status_kib(field: str) -> int | None:
    """A ``/proc/self/status`` figure such as VmRSS or VmHWM, in KiB (None off Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    """Set this process's peak RSS (VmHWM) back to its current RSS, where Linux allows it."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def memory_probe(data_dir: Path) -> int:
    """The subprocess: unlock, show the home page, search; print its figures as one JSON line."""
    app = create_application()
    InterfaceLanguage().switch("sq")
    before_unlock = _status_kib("VmRSS")
    session = Workstation(data_dir).unlock(USERNAME, PASSWORD)
    unlock_peak = _status_kib("VmHWM")
    peak_was_reset = _reset_peak()

    from interview_room.gui.pages.home import HomePage  # loaded after sign-in, as the window does

    host = Host()
    started = time.perf_counter()
    page = HomePage(session)
    watch = PaintWatch(page.cases.table.viewport())
    host.show(page)
    cold_paint = watch.wait("the home page") - started
    register = session.cases
    for name, text, status in QUERIES:
        register.search(text, status)
        watch.arm()
        apply_query(page.cases, text, status)
        watch.wait(f"the home page after {name}")
        watch.arm()
        clear_query(page.cases, status)
        watch.wait("the home page")
    watch.arm()
    page.cases.show_names.setChecked(True)
    watch.wait("the home page with names shown")
    after_unlock_peak = _status_kib("VmHWM") if peak_was_reset else None
    figures = {
        # Of the whole process: the unlock's peak, or the one after it, whichever is higher.
        "peak_kib": max(unlock_peak or 0, after_unlock_peak or 0) or None,
        "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "before_unlock_kib": before_unlock,
        "unlock_peak_kib": unlock_peak,
        "after_unlock_peak_kib": after_unlock_peak,
        "end_kib": _status_kib("VmRSS"),
        "cold_paint_ms": ms(cold_paint),
    }
    host.close()
    session.logout()
    app.processEvents()
    print(json.dumps(figures), flush=True)
    return 0


def run_memory_probe(data_dir: Path) -> dict[str, float | None]:
    process = subprocess.run(
        [sys.executable, __file__, "--memory-probe", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S * 3,
        check=False,
    )
    if process.returncode != 0:
        raise BenchmarkFailed(f"memory subprocess exited {process.returncode}:\n{process.stderr}")
    try:
        figures: dict[str, float | None] = json.loads(process.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError) as exc:
        raise BenchmarkFailed(
            f"unexpected output from memory subprocess: {process.stdout!r}"
        ) from exc
    return figures


# -- output ------------------------------------------------------------------------------------

Row = tuple[str, str, str]


def mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def goal(value: float, limit: float, unit: str) -> str:
    return f"≤ {limit:g} {unit} {mark(value <= limit)}"


def mb(kib: float | None) -> str:
    """KiB as decimal megabytes, the unit of the memory goal."""
    return "n/a" if kib is None else f"{kib * 1024 / 1e6:.0f} MB"


def quiet_qt_warnings() -> None:
    """The offscreen platform warns on every top-level window that it cannot pass size hints
    to a window manager; that says nothing about the app. Other messages still go to stderr."""

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def print_header(interviews: int, runs: int, sqlcipher: str, fsync: float) -> None:
    cores = os.cpu_count()
    print(
        f"cores: {cores}   Python {platform.python_version()}   "
        f"PySide6 {PySide6.__version__}   SQLCipher {sqlcipher}"
    )
    k = DEFAULT_ARGON2
    print(
        f"{interviews:,} synthetic interviews; median of {runs} runs; {AUTOSAVES} autosaves;"
        f" key slot Argon2id {k.memory_kib // 1024} MiB t={k.iterations} p={k.parallelism}"
    )
    print(f"fdatasync of 4 KiB in the temp folder: {fsync:.2f} ms (median)")
    if fsync < 0.5:
        # An SSD that really writes takes 0.5-5 ms, a spinning disk 8-20 ms.
        print("⚠ the disk acknowledges syncs from a cache: autosave figures are optimistic")
    load = os.getloadavg()[0]
    if load > 0.5:
        print(f"⚠ load average {load:.1f} on {cores} cores: figures will be noisy")
    print()


def print_table(rows: list[Row]) -> None:
    print(f"{'figure':<46} {'value':>9}   goal")
    print("-" * 80)
    for name, value, target in rows:
        print(f"{name:<46} {value:>9}   {target}")


def case_list_rows(
    paint: float,
    constructed: float,
    cold_paint: float | None,
    searches: dict[str, tuple[float, int]],
    refreshes: dict[str, tuple[float, float]],
) -> list[Row]:
    rows: list[Row] = [
        ("case list: CaseListView() → table painted", f"{paint:.0f} ms",
         goal(paint, FIRST_PAINT_GOAL_MS, "ms")),
        ("  of which the constructor (runs the search)", f"{constructed:.0f} ms", "(info)"),
        ("  HomePage() → painted, fresh process", f"{cold_paint or 0:.0f} ms", "(info)"),
    ]  # fmt: skip
    for name, _, _ in QUERIES:
        took, found = searches[name]
        refresh, repaint = refreshes[name]
        rows += [
            (f"search: {name}", f"{took:.1f} ms",
             f"{goal(took, SEARCH_GOAL_MS, 'ms')}   {found:,} rows"),
            ("  view refresh", f"{refresh:.1f} ms", goal(refresh, SEARCH_GOAL_MS, "ms")),
            ("  view refresh → table repainted", f"{repaint:.1f} ms",
             goal(repaint, SEARCH_GOAL_MS, "ms")),
        ]  # fmt: skip
    return rows


def autosave_and_memory_rows(
    autosave: tuple[float, float, float, str], memory: dict[str, float | None]
) -> list[Row]:
    median, p95, worst, code = autosave
    peak = memory["peak_kib"] or memory["maxrss_kib"] or 0
    peak_mb = peak * 1024 / 1e6
    return [
        ("autosave: Interview.answer, median", f"{median:.1f} ms",
         f"{goal(median, AUTOSAVE_GOAL_MS, 'ms')}   case {code}"),
        ("  p95", f"{p95:.1f} ms", goal(p95, AUTOSAVE_GOAL_MS, "ms")),
        ("  slowest", f"{worst:.1f} ms", "(info)"),
        ("peak RSS: unlock, home page, searches", f"{peak_mb:.0f} MB",
         goal(peak_mb, PEAK_GOAL_MB, "MB")),
        ("  RSS before unlock (Qt app, no store)", mb(memory["before_unlock_kib"]), "(info)"),
        ("  peak up to the end of unlock", mb(memory["unlock_peak_kib"]), "(info)"),
        ("  peak after unlock (home page, searches)", mb(memory["after_unlock_peak_kib"]),
         "(info)"),
        ("  RSS at the end", mb(memory["end_kib"]), "(info)"),
        ("  ru_maxrss (counts the parent's peak too)", mb(memory["maxrss_kib"]), "(info)"),
    ]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=INTERVIEWS, help="cases in the store")
    parser.add_argument("--runs", type=int, default=5, help="measurements per figure (median)")
    parser.add_argument("--memory-probe", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    # No display needed, here or in the memory subprocess (which inherits this).
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    quiet_qt_warnings()
    if args.memory_probe is not None:
        return memory_probe(args.memory_probe)
    interviews, runs = max(10, args.interviews), max(1, args.runs)

    with tempfile.TemporaryDirectory(prefix="ir-bench-") as tmp:
        data_dir = Path(tmp) / "station"
        station = Workstation(data_dir)
        session = station.create(
            STATION_NAME, STATION_CODE, USERNAME, "Admin Shembulli", PASSWORD, kdf=DEFAULT_ARGON2
        ).session
        version = session.db.one("PRAGMA cipher_version")
        print_header(interviews, runs, str(version[0]) if version else "?", fdatasync_ms(data_dir))
        fill = fill_store(session, ProtocolLibrary().current(), interviews)
        session.logout()  # checkpoints the WAL into station.db
        size = station.database_path.stat().st_size
        try:
            run_memory_probe(data_dir)  # warm-up, discarded: compiles bytecode, fills disk cache
            memory = run_memory_probe(data_dir)
            _app = create_application()  # kept referenced while the widgets live
            InterfaceLanguage().switch("sq")
            session = station.unlock(USERNAME, PASSWORD)
            register = session.cases
            paint, constructed = measure_first_paint(register, runs)
            searches = measure_search(register, runs)
            refreshes = measure_view_refresh(register, runs)
            autosave = measure_autosave(session, AUTOSAVES)
        except BenchmarkFailed as exc:
            print(f"benchmark failed: {exc}", file=sys.stderr)
            return 1
        finally:
            session.logout()

    rows: list[Row] = [
        (f"fill: {fill.cases:,} cases, {fill.answers:,} answers", f"{fill.seconds:.1f} s",
         "one transaction"),
        ("  store size (station.db)", f"{size / 1e6:.0f} MB", f"{size // fill.cases:,} B per case"),
    ]  # fmt: skip
    rows += case_list_rows(paint, constructed, memory["cold_paint_ms"], searches, refreshes)
    rows += autosave_and_memory_rows(autosave, memory)
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
