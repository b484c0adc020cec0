"""The demo's training centre interoperates with the standard tools and imports exactly once."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.conftest import DemoStation, run_cli
from tests.external_tools import require_tool


def test_standard_age_tool_decrypts_the_training_bundle(demo_station: DemoStation) -> None:
    require_tool("age")
    report = demo_station.report
    plain = subprocess.run(
        ["age", "-d", "-i", report["center_identity"], report["bundle"]],
        capture_output=True,
        check=True,
    ).stdout
    magic, header = plain.split(b"\n", 2)[:2]
    assert magic == b"interview-room-bundle 2"
    assert json.loads(header)["format"] == "interview-room-bundle-header"
    for name in report["sample_names"]:
        assert name.encode() not in Path(report["bundle"]).read_bytes()


def test_center_import_once_then_unchanged(demo_station: DemoStation, tmp_path: Path) -> None:
    report = demo_station.report
    center = tmp_path / "center"
    shutil.copytree(report["center_dir"], center)
    bundle = tmp_path / Path(report["bundle"]).name
    shutil.copy(report["bundle"], bundle)
    first = run_cli("center", "import", "--center-dir", center, "--json", bundle)
    assert first.returncode == 0, first.stderr
    counts = json.loads(first.stdout.strip().splitlines()[-1])
    assert counts["imported"] == len(report["sample_names"]) > 0
    second = json.loads(
        run_cli("center", "import", "--center-dir", center, "--json", bundle)
        .stdout.strip()
        .splitlines()[-1]
    )
    assert second["imported"] == 0 and second["unchanged"] == counts["imported"]


def test_demo_referrals_are_doubly_signed_and_trusted_under_the_demo_root(
    demo_station: DemoStation, tmp_path: Path
) -> None:
    from tests.external_tools import run_tool

    report = demo_station.report
    assert len(report["referral_pdfs"]) == 2
    require_tool("certutil")
    nss = tmp_path / "nss"
    nss.mkdir()
    run_tool("certutil", "-N", "-d", f"sql:{nss}", "--empty-password")
    run_tool(
        "certutil",
        "-A",
        "-d",
        f"sql:{nss}",
        "-n",
        "root",
        "-t",
        "CT,C,C",
        "-i",
        report["root_ca_pem"],
    )
    require_tool("pdfsig")
    require_tool("qpdf")
    for pdf in report["referral_pdfs"]:
        verdict = run_tool("pdfsig", "-nssdir", f"sql:{nss}", pdf).stdout
        assert verdict.count("Signature is Valid.") == 2
        assert verdict.count("Certificate is Trusted.") == 2
        assert run_tool("qpdf", "--check", pdf).returncode == 0
        # The strict referral profile (issue 13), from the command line, agrees.
        checked = run_cli("referral", "check", pdf, "--root", report["root_ca_pem"])
        assert checked.returncode == 0, checked.stdout + checked.stderr
