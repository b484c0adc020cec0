"""Wrong passwords typed at once from several processes, as an insider with a script would.

Each guesser is a separate process (spawned, as on Windows) that runs the app's own
``Workstation.unlock`` against the same data folder; a barrier releases them together.
"""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class GuessOutcome:
    """What one guessing process was answered last, and when (``time.monotonic``, shared by
    all processes on one machine)."""

    outcome: str
    """``evaluated`` (a wrong password, counted), ``refused`` (the wait was running, no
    password work) or ``opened``."""
    retry_after: float
    started: float
    answered: float


def _guess(
    data_dir: str, username: str, password: str, patient: bool, barrier: Any, results: Any
) -> None:
    from interview_room.store.throttle import UnlockThrottled
    from interview_room.workstation import Workstation, WrongPasswordDelayed

    workstation = Workstation(Path(data_dir))
    barrier.wait()
    started = time.monotonic()
    for attempt in range(2 if patient else 1):
        try:
            workstation.unlock(username, password).logout()
            outcome, wait = "opened", 0.0
        except WrongPasswordDelayed as wrong:
            outcome, wait = "evaluated", wrong.retry_after_seconds
        except UnlockThrottled as throttled:
            outcome, wait = "refused", throttled.retry_after_seconds
            if patient and attempt == 0:  # as the command line does: wait it out, try again
                time.sleep(wait)
                continue
        break
    results.put(GuessOutcome(outcome, wait, started, time.monotonic()))


def guess_in_parallel(
    data_dir: Path, username: str, password: str, processes: int, patient: bool = False
) -> list[GuessOutcome]:
    """``processes`` processes each try ``password``, all released at the same moment; their
    last answers in the order they came. ``patient``: a guesser told to wait sleeps for the
    wait and tries once more, as the command line does."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(processes)
    results = context.Queue()
    workers = [
        context.Process(
            target=_guess, args=(str(data_dir), username, password, patient, barrier, results)
        )
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    return sorted(outcomes, key=lambda o: o.answered)
