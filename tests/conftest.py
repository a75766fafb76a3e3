"""Shared fixtures: a fresh database per test, on SQLite and (when available) PostgreSQL.

PostgreSQL runs when $DUTYROOM_TEST_PG names a server (`.ci/run` starts one). Locally the
PostgreSQL cases skip without it; under CI (CI=true) a missing server is a failure.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from dutyroom.app import Backend, open_backend

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests never write into this machine's real folders: the log, the window's QSettings,
# and the platform data folder (the default database) all go to one folder of the run,
# before Qt or platformdirs read these variables (the CLI tests' children inherit them).
_RUN = Path(tempfile.mkdtemp(prefix="dutyroom-tests-"))
for variable, folder in (("DUTYROOM_LOG_DIR", "log"), ("XDG_CONFIG_HOME", "config"),
                         ("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state"),
                         ("XDG_CACHE_HOME", "cache")):
    os.environ[variable] = str(_RUN / folder)
PG_ENV = "DUTYROOM_TEST_PG"
# With this set (as `.ci/run` does), the `backend` of a PostgreSQL case connects as the desks'
# limited role made by `dutyroom server setup`, as a workstation does; only the cases marked
# `owner` (they change accounts, or tamper past the server's own guards on purpose) connect
# as the database's owner.
AS_DESK_ENV = "DUTYROOM_TEST_PG_AS_DESK"
_SESSION_DESK = f"desk_run_{uuid.uuid4().hex[:12]}"


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


DESK_PASSWORD = "desk-role-密码-2026"


def desk_role_url(owner_url: str, name: str) -> str:
    """The owner's URL with the desk role's name and password in it."""
    from sqlalchemy.engine import make_url

    return make_url(owner_url).set(username=name, password=DESK_PASSWORD) \
        .render_as_string(hide_password=False)


@pytest.fixture
def desk_role(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str]]:
    """A new, empty PostgreSQL desk database set up by `dutyroom server setup`, as the pair
    (owner URL, URL of the desk role); the uniquely named role is dropped afterwards."""
    from dutyroom.cli import main

    owner = postgresql_url()
    _reset_postgresql(owner)
    name = f"desk_{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv("DUTYROOM_DESK_PASSWORD", DESK_PASSWORD)
    assert main(["server", "setup", "--db", owner, "--desk-user", name]) == 0
    monkeypatch.delenv("DUTYROOM_DESK_PASSWORD")
    yield owner, desk_role_url(owner, name)
    _drop_role(owner, name)


@pytest.fixture
def backend(db_target: str, request: pytest.FixtureRequest) -> Iterator[Backend]:
    opened = open_backend(db_target, "tester")
    if "://" in db_target and os.environ.get(AS_DESK_ENV) \
            and request.node.get_closest_marker("owner") is None:
        from dutyroom.services.server_service import setup_desk_role

        setup_desk_role(opened.engine, _SESSION_DESK, DESK_PASSWORD)
        opened.close()
        opened = open_backend(desk_role_url(db_target, _SESSION_DESK), "tester", create=False)
    yield opened
    opened.close()


@pytest.fixture
def sqlite_backend(tmp_path: Path) -> Iterator[Backend]:
    opened = open_backend(tmp_path / "desk.sqlite3", "tester")
    yield opened
    opened.close()


def _drop_role(owner_url: str, name: str) -> None:
    engine = create_engine(owner_url)
    try:
        with engine.begin() as connection:
            if connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"),
                                  {"n": name}).first():
                connection.execute(text(f'DROP OWNED BY "{name}"'))
                connection.execute(text(f'DROP ROLE "{name}"'))
    finally:
        engine.dispose()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get(PG_ENV) and os.environ.get(AS_DESK_ENV):
        _drop_role(os.environ[PG_ENV], _SESSION_DESK)
    shutil.rmtree(_RUN, ignore_errors=True)
