"""Writing the statistics to a file as its suffix says: CSV (``stats``) or PDF (``stats_pdf``).

Kept apart from both so that computing the figures (``stats``) and laying them out
(``stats_pdf``, which reads ``stats``' values) do not import each other.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from interview_room.center.stats import Statistics, UnsupportedReportFormat, write_csv
from interview_room.center.stats_pdf import write_pdf


class ReportFormat(StrEnum):
    CSV = "csv"
    PDF = "pdf"


def format_from_path(path: Path) -> ReportFormat:
    """CSV or PDF by the file's suffix (any case); :class:`UnsupportedReportFormat` otherwise."""
    try:
        return ReportFormat(path.suffix.lower().removeprefix("."))
    except ValueError:
        raise UnsupportedReportFormat(path) from None


def write_report(statistics: Statistics, path: Path) -> ReportFormat:
    """Write ``statistics`` as CSV or PDF, as the suffix of ``path`` says."""
    chosen = format_from_path(path)
    if chosen is ReportFormat.CSV:
        write_csv(statistics, path)
    else:
        write_pdf(statistics, path)
    return chosen
