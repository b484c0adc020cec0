"""The reliability and security suite (issue 7): fault injection, fuzzing, leak scan, attacks.

Each module here is one area. It exposes ``run(scale) -> list[Figure]`` and can be run alone
(``python -m reliability.<module> [--full]``); ``python -m reliability`` runs them all and
prints (or, with ``--write``, stores in ``docs/RELIABILITY.md``) one table. The short scale is
what CI runs on every change, through ``tests/test_reliability.py``; the full scale produces
the published figures. Nothing here asserts by timing: a figure either holds (every store
intact, zero crashes, zero leaks ...) or the row says it failed.
"""
