"""Anonymous, disaggregated figures for the National Coordinator and the regional committees.

Only counts leave this module, each table over ONE dimension, with small cells suppressed: a
count of 1–4 is published as "<5"; when a hidden count could be worked out from the table's
total, the next smallest is withheld too (as "x"). Category values are fixed vocabularies
(protocol option ids, age bands, months, station names): never a person's name, a case code, a
record id or any free text from a record.

There is deliberately no two-way table (station × month): its row and column totals are the
one-way tables, and exact counts can then be recovered from "<5" cells by simple bounds
(two "<5" cells in a column that sums to 8 are both 4) unless suppression is audited as a
linear program.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from interview_room.center.case_counts import count_facts, outcome_key, recount_if_free
from interview_room.center.coded_cases import (
    ADULT_AGE_UNKNOWN,
    AGE_BANDS,
    BAND_NAMES,
    BOTH,
    CHILD_AGE_UNKNOWN,
    CONSENT_REFUSED,
    LABOUR,
    SEXUAL,
    STOPPED,
    UNKNOWN,
)
from interview_room.center.coded_cases import (
    interview_date as interview_date,  # re-exported: the day a case counts under
)
from interview_room.center.stats_words import word, words
from interview_room.center.store import CenterStore
from interview_room.errors import InterviewRoomError
from interview_room.files import atomic_write_bytes
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening import Outcome, Protocol, text

SMALL_MAX = 4
"""Counts from 1 to this are never published."""


class StatisticsError(InterviewRoomError):
    """Base of the refusals raised while producing statistics."""


class InvalidPeriod(StatisticsError):
    def __init__(self, start: date, end: date) -> None:
        super().__init__(f"The period starts ({start}) after it ends ({end}).")


class UnreadableRecord(StatisticsError):
    """A stored case record is not in a format these statistics understand (no id is named:
    the message may reach a log)."""


class UnsupportedReportFormat(StatisticsError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path.name}: statistics can be written as .csv or .pdf only.")


class Dimension(StrEnum):
    STATION = "station"
    MONTH = "month"
    SEX = "sex"
    AGE_BAND = "age_band"
    NATIONALITY = "nationality"
    EXPLOITATION = "exploitation"
    OUTCOME = "outcome"
    REFERRAL_RECIPIENT = "referral_recipient"


OTHER = "other"
NO_DECISION = "no_decision"

_NAMED_HERE = frozenset(
    {UNKNOWN, OTHER, CHILD_AGE_UNKNOWN, ADULT_AGE_UNKNOWN, LABOUR, SEXUAL, BOTH}
    | {CONSENT_REFUSED, STOPPED, NO_DECISION}
)
"""The values no protocol names: their words are ``value.<id>`` in resources/statistics."""


class Suppression(StrEnum):
    NONE = "none"
    SMALL = "small"
    """A count from 1 to 4, published as "<5"."""
    SECONDARY = "secondary"
    """Withheld, published "x": a count of 5 or more hidden so that a small one cannot be
    worked out, or any count of a table too small to break down at all."""


SMALL_MARK = "<5"
SECONDARY_MARK = "x"


@dataclass(frozen=True)
class PublishedCount:
    """A count as it may be published: ``shown`` is None exactly when it is suppressed."""

    shown: int | None
    suppression: Suppression = Suppression.NONE

    @property
    def suppressed(self) -> bool:
        return self.suppression is not Suppression.NONE

    @property
    def text(self) -> str:
        if self.suppression is Suppression.SMALL:
            return SMALL_MARK
        if self.suppression is Suppression.SECONDARY:
            return SECONDARY_MARK
        return str(self.shown)


def _primary(count: int) -> PublishedCount:
    if count < 0:
        raise ValueError("a count cannot be negative")
    if 1 <= count <= SMALL_MAX:
        return PublishedCount(None, Suppression.SMALL)
    return PublishedCount(count)


_WITHHELD = PublishedCount(None, Suppression.SECONDARY)


def _disclosive(counts: Sequence[int], cells: Sequence[PublishedCount], total: int) -> bool:
    """Whether a reader who knows the rule can work out a hidden cell from the total: a lone
    hidden cell, or hidden cells whose sum is the least (all "<5" are 1, all "x" are 5) or the
    most (all "<5" are 4) they could be."""
    hidden = [i for i, cell in enumerate(cells) if cell.suppressed]
    if not hidden:
        return False
    if len(hidden) == 1:
        return True
    rest = total - sum(c for c, cell in zip(counts, cells, strict=True) if not cell.suppressed)
    small = sum(cells[i].suppression is Suppression.SMALL for i in hidden)
    withheld = len(hidden) - small
    return rest == small + 5 * withheld or (withheld == 0 and rest == SMALL_MAX * small)


def suppress(counts: Sequence[int]) -> tuple[tuple[PublishedCount, ...], PublishedCount]:
    """The cells and the total of one table as they may be published.

    Every count of 1–4 becomes "<5". While a hidden count could still be worked out from the
    total, the smallest other non-zero count (the first of equals) is withheld as "x". When
    that is not enough, or the total itself is below 5, every cell is withheld. Zero stays 0.
    """
    total = sum(counts)
    cells = [_primary(c) for c in counts]
    everything = (_WITHHELD,) * len(counts)
    if _primary(total).suppressed:
        return everything, _primary(total)
    while _disclosive(counts, cells, total):
        others = [i for i, cell in enumerate(cells) if not cell.suppressed and counts[i] > 0]
        if not others:
            return everything, _primary(total)
        cells[min(others, key=lambda i: counts[i])] = _WITHHELD
    return tuple(cells), _primary(total)


@dataclass(frozen=True)
class Row:
    value: str
    """A stable id: a protocol option id, an age band, ``YYYY-MM`` or a station name."""
    label_sq: str
    label_en: str
    count: PublishedCount


@dataclass(frozen=True)
class Table:
    dimension: Dimension
    rows: tuple[Row, ...]
    total: PublishedCount

    @property
    def title_sq(self) -> str:
        return words(f"dimension.{self.dimension.value}")[0]

    @property
    def title_en(self) -> str:
        return words(f"dimension.{self.dimension.value}")[1]

    def count(self, value: str) -> PublishedCount:
        return next(row.count for row in self.rows if row.value == value)

    @property
    def withheld(self) -> bool:
        """No cell is published: too few in all to break down safely."""
        return bool(self.rows) and all(
            row.count.suppression is Suppression.SECONDARY for row in self.rows
        )


@dataclass(frozen=True)
class Statistics:
    start: date
    end: date
    cases: PublishedCount
    """Cases whose interview began in the period."""
    tables: tuple[Table, ...]

    def table(self, dimension: Dimension) -> Table:
        return next(t for t in self.tables if t.dimension is dimension)


# -- counting the coded cases ----------------------------------------------------------------


class _Vocabulary:
    """The allowed values of each coded dimension, from the protocol."""

    def __init__(self, protocol: Protocol) -> None:
        self.protocol = protocol
        self.sex = protocol.question("prep_sex").options
        self.nationality = protocol.question("prep_nationality").options
        self.decisions = protocol.question("det_decision").options
        self.recipients = protocol.referral_recipients

    def values(self, dimension: Dimension) -> tuple[str, ...]:
        if dimension is Dimension.SEX:
            return (*self.sex, UNKNOWN)
        if dimension is Dimension.AGE_BAND:
            return (
                *(band for band, _, _ in AGE_BANDS),
                CHILD_AGE_UNKNOWN,
                ADULT_AGE_UNKNOWN,
                UNKNOWN,
            )
        if dimension is Dimension.NATIONALITY:
            return self.nationality if UNKNOWN in self.nationality else (*self.nationality, UNKNOWN)
        if dimension is Dimension.EXPLOITATION:
            return (LABOUR, SEXUAL, BOTH, UNKNOWN)
        if dimension is Dimension.OUTCOME:
            return (*self.decisions, CONSENT_REFUSED, STOPPED, NO_DECISION)
        if dimension is Dimension.REFERRAL_RECIPIENT:
            return (*self.recipients, OTHER)
        raise KeyError(dimension)

    def label(self, dimension: Dimension, value: str, language: str) -> str:
        """The value's name in ``language`` ("sq" or "en"): the protocol's own wording for its
        options and recipients, the value itself for stations, months and age bands."""
        if dimension in (Dimension.STATION, Dimension.MONTH) or value in BAND_NAMES:
            return value
        from_protocol = {
            Dimension.SEX: (self.sex, f"question.prep_sex.option.{value}"),
            Dimension.NATIONALITY: (self.nationality, f"question.prep_nationality.option.{value}"),
            Dimension.OUTCOME: (self.decisions, f"question.det_decision.option.{value}"),
            Dimension.REFERRAL_RECIPIENT: (self.recipients, f"recipient.{value}"),
        }.get(dimension)
        if from_protocol is not None and value in from_protocol[0]:
            return text(self.protocol, language, from_protocol[1])
        return word(f"value.{value}", language)

    def published(self, dimension: Dimension, value: str, stations: Mapping[str, str]) -> str:
        """The published category of a fact as the record gave it (``coded_cases.py``): a
        value the protocol does not know is counted as unknown (or "other")."""
        if dimension is Dimension.STATION:
            return stations.get(value, UNKNOWN)
        if dimension is Dimension.SEX:
            return value if value in self.sex else UNKNOWN
        if dimension is Dimension.NATIONALITY:
            return value if value in self.nationality else UNKNOWN
        if dimension is Dimension.OUTCOME:
            decision, ended = outcome_key(value)
            if decision is not None:
                return decision if decision in self.decisions else NO_DECISION
            return ended or NO_DECISION
        if dimension is Dimension.REFERRAL_RECIPIENT:
            return value if value in self.recipients else OTHER
        return value  # month, age band, form of exploitation: coded once and for all


def outcome_name(value: str, language: str, protocol: Protocol | None = None) -> str:
    """A registry row's outcome code in words, in ``language`` ("sq" or "en"): the people's
    decision as the protocol names it, how an interview ended without one (consent refused,
    stopped), or a suggested outcome; a code none of them knows is shown as it is."""
    if not value:
        return ""
    vocabulary = _Vocabulary(protocol or ProtocolLibrary().current())
    if value in vocabulary.decisions or value in _NAMED_HERE:
        return vocabulary.label(Dimension.OUTCOME, value, language)
    if value in set(Outcome):
        return text(vocabulary.protocol, language, f"outcome.{value}")
    return value


def _months(start: date, end: date) -> tuple[str, ...]:
    months: list[str] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def _table(
    dimension: Dimension, values: Sequence[str], counts: Counter[str], vocabulary: _Vocabulary
) -> Table:
    cells, total = suppress([counts[v] for v in values])
    rows = tuple(
        Row(
            value,
            vocabulary.label(dimension, value, "sq"),
            vocabulary.label(dimension, value, "en"),
            cell,
        )
        for value, cell in zip(values, cells, strict=True)
    )
    return Table(dimension, rows, total)


def compute_statistics(
    center: CenterStore, *, start: date, end: date, protocol: Protocol | None = None
) -> Statistics:
    """Suppressed counts over the newest version of every case record whose interview began
    (by Albanian calendar day) between ``start`` and ``end`` inclusive.

    Counted in SQL from the coded facts written when each record was stored
    (``coded_cases.py``); no record's content is read. Refuses (:class:`UnreadableRecord`)
    while any held record cannot be read as a case, whatever its date."""
    if start > end:
        raise InvalidPeriod(start, end)
    vocabulary = _Vocabulary(protocol or ProtocolLibrary().current())
    db = center.open_statistics()  # never the registry once the centre is split
    try:
        problem = db.one(
            "SELECT unreadable FROM coded_cases WHERE unreadable IS NOT NULL"
            " ORDER BY unreadable LIMIT 1"
        )
        if problem is not None:
            raise UnreadableRecord(str(problem[0]))
        stations = {str(r[0]): str(r[1]) for r in db.all("SELECT station_id, name FROM stations")}
        recount_if_free(db)  # months changed since last counted; else counted from the facts
        facts = count_facts(db, start, end)
    finally:
        db.close()
    counts: dict[Dimension, Counter[str]] = {}
    for dimension in Dimension:
        counted = counts[dimension] = Counter()
        for value, cases in facts.get(dimension.value, Counter()).items():
            counted[vocabulary.published(dimension, value, stations)] += cases
    station_names = tuple(
        sorted(set(stations.values()) | {s for s, n in counts[Dimension.STATION].items() if n})
    )
    months = _months(start, end)
    tables = tuple(
        _table(
            dimension,
            station_names
            if dimension is Dimension.STATION
            else months
            if dimension is Dimension.MONTH
            else vocabulary.values(dimension),
            counts[dimension],
            vocabulary,
        )
        for dimension in Dimension
    )
    return Statistics(
        start=start,
        end=end,
        cases=_primary(sum(counts[Dimension.STATION].values())),
        tables=tables,
    )


# -- writing ---------------------------------------------------------------------------------

CSV_HEADER = ("dimension", "value", "count", "label_sq", "label_en")


def _cell(value: str) -> str:
    """Keep spreadsheet programs from reading a value as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def csv_bytes(statistics: Statistics) -> bytes:
    """One long table (dimension, value, count, Albanian and English labels), UTF-8 with a BOM
    so that Excel reads the Albanian letters."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerow(["cases", "total", statistics.cases.text, *words("report.total")])
    for table in statistics.tables:
        for row in table.rows:
            writer.writerow(
                [
                    table.dimension.value,
                    _cell(row.value),
                    row.count.text,
                    row.label_sq,
                    row.label_en,
                ]
            )
        writer.writerow([table.dimension.value, "total", table.total.text, *words("report.total")])
    return buffer.getvalue().encode("utf-8-sig")


def write_csv(statistics: Statistics, path: Path) -> None:
    atomic_write_bytes(path, csv_bytes(statistics))
