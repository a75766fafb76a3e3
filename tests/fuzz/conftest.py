"""Counts the generated cases so the run reports how many malformed inputs were tried."""

from __future__ import annotations

from collections import Counter

import pytest

CASES: Counter[str] = Counter()


@pytest.fixture
def count_case(request: pytest.FixtureRequest):
    name = request.node.originalname

    def tick() -> None:
        CASES[name] += 1

    return tick


def pytest_terminal_summary(terminalreporter) -> None:
    if CASES:
        terminalreporter.write_line(
            f"fuzz: {sum(CASES.values())} generated cases across {len(CASES)} importers and services "
            + "(" + ", ".join(f"{name.removeprefix('test_')} {n}" for name, n in sorted(CASES.items()))
            + ")")
