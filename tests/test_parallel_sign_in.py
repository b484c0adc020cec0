"""The wrong-password throttle holds across processes (issue 13, item 8).

Attack: four processes guess at once. Before the sign-in lock, all four read "no wait", ran
Argon2id side by side and were all evaluated in one throttle window. Now each password is tried
under an exclusive lock in the station folder, so the guesses are answered one after another
and each sees the wait the previous failure started.

The rule checked is the throttle's own, on the failures the keyring recorded: the k-th counted
failure comes at least ``delay_after(k-1)`` after the one before it. Timings are printed, not
asserted.
"""

from __future__ import annotations

import itertools
import threading
from datetime import datetime
from pathlib import Path

from interview_room.files import exclusive_lock
from interview_room.store.throttle import delay_after
from interview_room.workstation import SIGN_IN_LOCK_FILE, Workstation
from tests.conftest import ADMIN_USERNAME, WorkstationFactory
from tests.parallel_guesses import guess_in_parallel

WRONG = "not-the-right-passphrase"
GUESSERS = 4


def _failure_times(workstation: Workstation) -> list[datetime]:
    keyring = workstation.keyring_file.read()
    return sorted(
        datetime.fromisoformat(f.at)
        for f in keyring.failed_attempts
        if f.username == ADMIN_USERNAME
    )


def _gaps_break_the_throttle(times: list[datetime]) -> list[str]:
    """Each counted failure after the first must come after the wait the one before began."""
    broken = []
    for number, (before, after) in enumerate(itertools.pairwise(times), start=1):
        gap = (after - before).total_seconds()
        if gap < delay_after(number):
            broken.append(f"failure {number + 1} came {gap:.3f} s after failure {number}")
    return broken


def test_four_parallel_guesses_are_answered_one_after_another(
    workstation: WorkstationFactory,
) -> None:
    station = workstation()
    station.session.lock()
    ws = Workstation(station.data_dir)  # the real clock, as the guessing processes have

    outcomes = guess_in_parallel(station.data_dir, ADMIN_USERNAME, WRONG, GUESSERS)

    kinds = [o.outcome for o in outcomes]
    first = min(o.started for o in outcomes)
    print(
        f"\n{GUESSERS} parallel guesses: {kinds.count('evaluated')} evaluated,"
        f" {kinds.count('refused')} refused before any password work; all answered in"
        f" {max(o.answered for o in outcomes) - first:.2f} s"
        " (before the sign-in lock: 4 evaluated in one window)"
    )
    assert "opened" not in kinds
    assert kinds.count("evaluated") >= 1
    assert all(o.retry_after > 0 for o in outcomes)  # everyone is told to wait
    times = _failure_times(ws)
    assert len(times) == kinds.count("evaluated")  # no failure lost, none counted twice
    assert ws.keyring_file.read().failure_counters[ADMIN_USERNAME].count == len(times)
    assert _gaps_break_the_throttle(times) == []


def test_parallel_guessers_who_wait_out_the_delay_are_still_one_at_a_time(
    workstation: WorkstationFactory,
) -> None:
    station = workstation()
    station.session.lock()
    ws = Workstation(station.data_dir)

    outcomes = guess_in_parallel(station.data_dir, ADMIN_USERNAME, WRONG, GUESSERS, patient=True)

    times = _failure_times(ws)
    first = min(o.started for o in outcomes)
    print(
        f"\n{GUESSERS} parallel guessers who wait out a refusal and try again:"
        f" {len(times)} guesses evaluated in {max(o.answered for o in outcomes) - first:.2f} s"
        " (before the sign-in lock: 4 evaluated in the first window)"
    )
    assert "opened" not in [o.outcome for o in outcomes]
    assert len(times) >= 2  # the retry after the first wait is evaluated too
    assert _gaps_break_the_throttle(times) == []


def test_the_sign_in_lock_makes_a_second_try_wait(workstation: WorkstationFactory) -> None:
    """While one password is being tried (the lock held), another sign-in waits for it."""
    station = workstation()
    station.session.lock()
    ws = station.workstation
    finished = threading.Event()

    def sign_in() -> None:
        ws.unlock(station.admin_username, station.admin_password).lock()
        finished.set()

    with exclusive_lock(station.data_dir / SIGN_IN_LOCK_FILE):
        thread = threading.Thread(target=sign_in)
        thread.start()
        assert not finished.wait(0.5)  # held back while the lock is taken
    thread.join(timeout=30)
    assert finished.is_set()


def test_the_lock_file_is_private(workstation: WorkstationFactory) -> None:
    station = workstation()
    station.session.lock()
    station.workstation.unlock(station.admin_username, station.admin_password).lock()
    lock_file = Path(station.data_dir / SIGN_IN_LOCK_FILE)
    assert lock_file.exists()
    assert lock_file.stat().st_mode & 0o077 == 0
