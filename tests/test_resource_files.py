"""Every JSON file the app ships is read with Python's json module, which keeps the LAST of two
equal keys without a word: a sentence edited in one copy and read from the other is a silent
error (two ``ChildProtectionNotCalled`` entries with different Albanian were found this way)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted((ROOT / "resources").rglob("*.json"))


def _no_repeated_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    keys = [key for key, _ in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise ValueError(f"repeated keys: {repeated}")
    return dict(pairs)


def test_resources_are_found() -> None:
    assert len(SHIPPED) > 20


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_key_is_written_twice(path: Path) -> None:
    json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_no_repeated_keys)


def test_a_repeated_key_is_caught() -> None:
    with pytest.raises(ValueError, match="repeated keys: \\['a'\\]"):
        json.loads('{"a": 1, "b": {"a": 2}, "a": 3}', object_pairs_hook=_no_repeated_keys)
