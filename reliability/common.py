"""Shared vocabulary of the reliability suite: a scale, a figure (one table row), a table.

Only the standard library and ``interview_room`` are used, so any area can be run alone.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum


class Scale(Enum):
    """How hard an area works: ``SHORT`` on every CI run, ``FULL`` for the published figures."""

    SHORT = "short"
    FULL = "full"

    def pick(self, short: int, full: int) -> int:
        """The count for this scale: ``Scale.FULL.pick(20, 200) == 200``."""
        return short if self is Scale.SHORT else full


@dataclass(frozen=True)
class Figure:
    """One row of the table: what was tried, how often, what came out, and whether it held.

    ``trials`` counts the attempts (kills, mutations, guesses ...); ``outcome`` says in a few
    words what was observed ("200/200 stores intact, 0 answers lost"); ``held`` is the verdict
    against the property named in ``check``. Measurements that are information rather than a
    pass/fail property (Argon2id seconds per guess) have ``held=True`` and say so in ``outcome``.
    """

    area: str
    check: str
    trials: int
    outcome: str
    held: bool
    seconds: float = 0.0


class Stopwatch:
    """Time spent by one figure's trials: ``with Stopwatch() as watch: ...; watch.seconds``."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._start = 0.0

    def __enter__(self) -> Stopwatch:
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self._start


def markdown_table(figures: Sequence[Figure]) -> str:
    """The figures as a Markdown table, one row each, in the order given."""
    lines = [
        "| area | check | trials | outcome | held | time |",
        "|---|---|---:|---|:---:|---:|",
    ]
    for f in figures:
        verdict = "yes" if f.held else "**NO**"
        outcome = f.outcome.replace("|", "\\|")
        lines.append(
            f"| {f.area} | {f.check} | {f.trials:,} | {outcome} | {verdict} | {f.seconds:.1f} s |"
        )
    return "\n".join(lines)


def machine_line() -> str:
    """Where the figures were produced: cores, Python, platform."""
    return (
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def main_for(run: Callable[[Scale], list[Figure]], description: str) -> None:
    """The command line of one area: ``python -m reliability.<area> [--full]``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--full", action="store_true", help="the published scale (slower)")
    args = parser.parse_args()
    scale = Scale.FULL if args.full else Scale.SHORT
    figures = run(scale)
    print(f"# {description} ({scale.value}; {machine_line()})")
    print(markdown_table(figures))
    sys.exit(0 if all(f.held for f in figures) else 1)
