"""What changing the database key costs with 50,000 interviews stored (issue 13, item 3).

Disabling a user, changing a password and a recovery-key reset re-key the store
(``store/rekey.py``): SQLCipher's ``PRAGMA rekey`` rewrites every page through the WAL, the WAL
is folded back, and the new key is sealed to every remaining holder. Prints the store's size and
the medians; asserts nothing. Usage:
``.venv/bin/python benchmarks/rekey.py [--interviews N] [--runs N]``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import secrets
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from case_list_and_autosave import fill_store  # the same 50,000 interviews

from interview_room.accounts import Role
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.store.kdf import DEFAULT_ARGON2
from interview_room.workstation import Workstation

INTERVIEWS = 50_000
ADMIN, PASSWORD = "admin", "synthetic-morine-training-passphrase"
COLLEAGUE_PASSWORD = "synthetic-morine-colleague-passphrase"
NEW_PASSWORD = "synthetic-morine-renewed-passphrase"


class WalWatch:
    """The largest size the WAL reaches while a block runs (the disk a re-key needs)."""

    def __init__(self, wal: Path) -> None:
        self.wal = wal
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(FileNotFoundError):
                self.peak = max(self.peak, self.wal.stat().st_size)
            time.sleep(0.01)

    def __enter__(self) -> WalWatch:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def mb(size: int) -> str:
    return f"{size / 1_000_000:.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=INTERVIEWS, help="cases in the store")
    parser.add_argument("--runs", type=int, default=3, help="measurements per figure (median)")
    args = parser.parse_args()
    interviews, runs = max(10, args.interviews), max(1, args.runs)
    load = os.getloadavg()[0]
    print(f"# re-keying, {interviews:,} interviews, {runs} runs, {os.cpu_count()} cores")
    print(f"# Python {platform.python_version()}, Argon2id {DEFAULT_ARGON2}")
    if load > 0.5:
        print(f"⚠ load average {load:.1f}: figures will be noisy")

    with tempfile.TemporaryDirectory(prefix="ir-bench-") as tmp:
        station = Workstation(Path(tmp) / "station")
        created = station.create(
            "Stacioni i matjeve", "BEN", ADMIN, "Admin Shembulli", PASSWORD, kdf=DEFAULT_ARGON2
        )
        session = created.session
        colleagues = [f"kolege{i}" for i in range(runs)]
        for name in colleagues:
            session.add_user(name, f"Oficer {name}", Role.OFFICER, COLLEAGUE_PASSWORD)
        session.add_user("punonjes", "Punonjëse", Role.SOCIAL_WORKER, COLLEAGUE_PASSWORD)
        started = time.perf_counter()
        fill = fill_store(session, ProtocolLibrary().current(), interviews)
        session.db.checkpoint()
        print(f"filled {fill.cases:,} cases, {fill.answers:,} answers in {fill.seconds:.0f} s")
        size = station.database_path.stat().st_size
        print(f"store: {mb(size)}; fill and checkpoint {time.perf_counter() - started:.0f} s")

        bare: list[float] = []
        for _ in range(runs):  # PRAGMA rekey + checkpoint alone
            began = time.perf_counter()
            session.db.rekey(secrets.token_bytes(32))
            bare.append(time.perf_counter() - began)
        # Behind the keyring's back: give the store back the key the keyring holds.
        session.db.rekey(session.keys.database_key)

        disabling: list[float] = []
        peaks: list[int] = []
        for name in colleagues:
            with WalWatch(station.database_path.with_name("station.db-wal")) as watch:
                began = time.perf_counter()
                session.disable_user(name)
                disabling.append(time.perf_counter() - began)
            peaks.append(watch.peak)
        assert station.keyring_file.read().rekey_due is None

        began = time.perf_counter()
        session.change_password(PASSWORD, NEW_PASSWORD)
        change = time.perf_counter() - began
        session.logout()

        began = time.perf_counter()
        station.reset_password(created.recovery_key, "punonjes", NEW_PASSWORD)
        reset = time.perf_counter() - began

        began = time.perf_counter()
        station.unlock(ADMIN, NEW_PASSWORD).logout()
        unlock = time.perf_counter() - began

    print()
    print("| figure | median | runs |")
    print("|---|---|---|")
    print(
        f"| PRAGMA rekey + checkpoint, {mb(size)} store | {statistics.median(bare):.2f} s |"
        f" {', '.join(f'{t:.2f}' for t in bare)} |"
    )
    print(
        f"| disable a user (re-key included) | {statistics.median(disabling):.2f} s |"
        f" {', '.join(f'{t:.2f}' for t in disabling)} |"
    )
    print(f"| WAL at its largest during that | {mb(max(peaks))} | — |")
    print(f"| change one's password (2 Argon2id + re-key) | {change:.2f} s | 1 |")
    print(f"| recovery-key reset (Argon2id + re-key) | {reset:.2f} s | 1 |")
    print(f"| sign-in afterwards | {unlock:.2f} s | 1 |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
