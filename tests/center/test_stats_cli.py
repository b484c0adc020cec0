"""`center stats` from the command line, on the demo's training centre after an import."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import DemoStation, run_cli


def test_stats_csv_and_pdf_hold_no_name_or_case_code(
    demo_station: DemoStation, tmp_path: Path
) -> None:
    report = demo_station.report
    center = tmp_path / "center"
    shutil.copytree(report["center_dir"], center)
    bundle = Path(shutil.copy(report["bundle"], tmp_path))
    assert run_cli("center", "import", "--center-dir", center, bundle).returncode == 0
    for suffix in ("csv", "pdf"):
        out = tmp_path / f"stats.{suffix}"
        run = run_cli(
            "center",
            "stats",
            "--center-dir",
            center,
            "--from",
            "2000-01-01",
            "--to",
            "2100-12-31",
            "--out",
            out,
        )
        assert run.returncode == 0, run.stderr
        data = out.read_bytes()
        assert data
        for name in report["sample_names"]:
            assert name.encode() not in data
        assert b"TRN-" not in data
    bad = run_cli(
        "center",
        "stats",
        "--center-dir",
        center,
        "--from",
        "yesterday",
        "--to",
        "2100-12-31",
        "--out",
        tmp_path / "x.csv",
    )
    assert bad.returncode != 0 and "YYYY-MM-DD" in bad.stderr
