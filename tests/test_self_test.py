"""`interview-room --self-test` proves the chain on this machine and leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

from interview_room.self_test import SelfTest, run_self_test
from tests.conftest import run_cli


def test_self_test_passes_and_removes_everything(tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    run = run_cli("--self-test", tmpdir=scratch)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().splitlines()[-1].startswith("self-test passed")
    assert "FAILED" not in run.stdout
    assert list(scratch.iterdir()) == [], "the temporary folder is gone"


def test_a_failing_step_is_named_and_the_rest_is_skipped(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(self: SelfTest) -> str:
        raise RuntimeError("the signed referral does not check as valid")

    monkeypatch.setattr(SelfTest, "referral", broken)
    lines: list[str] = []
    assert not run_self_test(lines.append)
    assert any(line.startswith("FAILED  referral: RuntimeError") for line in lines)
    assert not any(line.startswith("ok      bundle") for line in lines)
    assert lines[-1].startswith("self-test FAILED")
