"""Counts the generated and named hostile cases so each run reports how many were tried, and
runs hypothesis derandomised (the same examples every run, in CI and locally)."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import settings

CASES: Counter[str] = Counter()

# CI runs the same examples every time (a failure there is reproducible locally); a
# developer may run `pytest --hypothesis-profile=explore tests/fuzz` to search further.
settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False, database=None)
settings.load_profile("ci")


@pytest.fixture
def count_case(request: pytest.FixtureRequest):
    name = request.node.originalname

    def tick() -> None:
        CASES[name] += 1

    return tick


def pytest_terminal_summary(terminalreporter) -> None:
    if CASES:
        terminalreporter.write_line(
            f"fuzz: {sum(CASES.values())} hostile cases across {len(CASES)} tests, none crashed "
            + "(" + ", ".join(f"{name.removeprefix('test_')} {n}" for name, n in sorted(CASES.items()))
            + ")")
