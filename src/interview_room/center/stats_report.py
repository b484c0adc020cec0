"""Writing the statistics to a file as its suffix says: CSV (``stats``) or PDF (``stats_pdf``).

Kept apart from both so that computing the figures (``stats``) and laying them out
(``stats_pdf``, which reads ``stats``' values) do not import each other.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path

from interview_room.center.audit_log import CenterAuditEvent
from interview_room.center.stats import (
    Statistics,
    UnsupportedReportFormat,
    compute_statistics,
    write_csv,
)
from interview_room.center.stats_pdf import write_pdf
from interview_room.center.store import CenterStore
from interview_room.center.users import CenterAction


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


def export_statistics(center: CenterStore, start: date, end: date, path: Path) -> ReportFormat:
    """Compute the anonymous statistics for ``start`` to ``end``, write them to ``path`` (CSV or
    PDF by its suffix) and record the export in the centre's audit log, whichever front end
    asked (users whose role allows statistics only)."""
    center.require(CenterAction.STATISTICS)
    format_from_path(path)  # an unsupported suffix is refused before the work
    written = write_report(compute_statistics(center, start=start, end=end), path)
    center.record(
        CenterAuditEvent.STATISTICS_EXPORTED,
        detail={"from": start.isoformat(), "to": end.isoformat(), "format": written.value},
    )
    return written
