"""The short version of the reliability suite, on every CI run (issue 7).

Each area of ``reliability/`` runs at ``Scale.SHORT`` and every figure it reports must hold.
The full scale (``python -m reliability --full``) produces the figures in docs/RELIABILITY.md.
"""

from __future__ import annotations

import pytest

from reliability.__main__ import AREAS, run_area
from reliability.common import Scale


@pytest.mark.slow
@pytest.mark.parametrize("area", AREAS)
def test_every_figure_holds_at_the_short_scale(area: str) -> None:
    figures = run_area(area, Scale.SHORT)

    assert figures, f"{area} reported nothing"
    failed = [f for f in figures if not f.held]
    assert not failed, "\n".join(f"{f.check}: {f.outcome}" for f in failed)
