"""Shared fixtures: a fresh database per test, on SQLite and (when available) PostgreSQL.

PostgreSQL runs when $DUTYROOM_TEST_PG names a server (`.ci/run` starts one). Locally the
PostgreSQL cases skip without it; under CI (CI=true) a missing server is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from dutyroom.app import Backend, open_backend

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
PG_ENV = "DUTYROOM_TEST_PG"


def _reset_postgresql(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


def postgresql_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs a PostgreSQL server: set ${PG_ENV}")
        pytest.skip(f"no PostgreSQL server (${PG_ENV} not set)")
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database target with nothing in it: a new SQLite file, or an emptied PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "desk.sqlite3")
    url = postgresql_url()
    _reset_postgresql(url)
    return url


@pytest.fixture
def backend(db_target: str) -> Iterator[Backend]:
    opened = open_backend(db_target, "tester")
    yield opened
    opened.close()


@pytest.fixture
def sqlite_backend(tmp_path: Path) -> Iterator[Backend]:
    opened = open_backend(tmp_path / "desk.sqlite3", "tester")
    yield opened
    opened.close()
