"""Engines and sessions for the embedded SQLite default and for a PostgreSQL server.

SQLite is tuned for a log that must survive a power cut: WAL, synchronous=FULL, foreign
keys on, and a busy timeout so a second window or a CLI call waits instead of failing.
Write transactions start with BEGIN IMMEDIATE so two writers queue at the start instead of
one failing half-way (a deferred transaction cannot upgrade to a writer once another
writer has committed under WAL).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 15_000
WRITE_OPTION = "dutyroom_write"
ENV_VAR = "DUTYROOM_DB"
DEFAULT_FILENAME = "dutyroom.sqlite3"


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir("Dutyroom", appauthor=False)) / DEFAULT_FILENAME


def resolve_target(target: str | os.PathLike[str] | None = None) -> URL:
    """Turn `--db`, `$DUTYROOM_DB` or the default into an SQLAlchemy URL.

    Anything containing "://" is a URL; anything else is a path to an SQLite file.
    """
    raw = os.fspath(target) if target else os.environ.get(ENV_VAR) or default_database_path()
    raw = os.fspath(raw)
    if "://" in raw:
        return make_url(raw)
    return URL.create("sqlite", database=str(Path(raw).expanduser().resolve()))


def sqlite_path(url: URL) -> Path | None:
    """The file behind an SQLite URL, or None for a server or an in-memory database."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def describe(url: URL) -> str:
    """The database as shown to a person: a file path, or the URL without its password."""
    path = sqlite_path(url)
    return str(path) if path else url.render_as_string(hide_password=True)


# How long a statement waits for a lock another connection holds: anyone with the desk
# role can take the audit chain's advisory lock (or lock rows) in psql and keep it, and
# without a bound every workstation's next save hung for as long; the busiest real wait
# (eight desks saving at once, each holding the audit lock for milliseconds) is far less.
LOCK_WAIT_SECONDS = 30

# What every server connection states at its start, over anything stored for the role:
# PostgreSQL lets any role `ALTER ROLE CURRENT_USER SET …` its own defaults, so whoever
# holds the desks' connection details could otherwise make every workstation's next
# connection read-only, time out at once, look for the tables elsewhere, speak another
# encoding or report saves done before they are on disk (synchronous_commit = off, which
# nobody sees until a crash loses them). A connection's own startup options outrank the
# role's stored ones.
SERVER_SESSION = (("search_path", "public"), ("default_transaction_read_only", "off"),
                  ("default_transaction_isolation", "read committed"),
                  ("default_transaction_deferrable", "off"), ("statement_timeout", "0"),
                  ("lock_timeout", f"{LOCK_WAIT_SECONDS}s"),
                  ("idle_in_transaction_session_timeout", "0"),
                  ("idle_session_timeout", "0"), ("client_encoding", "UTF8"),
                  ("DateStyle", "ISO, YMD"), ("IntervalStyle", "postgres"),
                  ("synchronous_commit", "on"))


def server_options(given: str | None = None) -> str:
    """libpq's `options` for a server connection: SERVER_SESSION, then whatever the URL
    itself asked for (its `?options=`, which a county's IT person may set on purpose)."""
    ours = " ".join("-c " + f"{name}={value}".replace("\\", "\\\\").replace(" ", "\\ ")
                    for name, value in SERVER_SESSION)
    return f"{ours} {given}" if given else ours


def make_engine(url: URL, **kwargs: Any) -> Engine:
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    # A database error's text names the SQL; with its parameters it would also name the
    # people and phone numbers in it, and such text can end up in a log or on a screen.
    kwargs.setdefault("hide_parameters", True)
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)
        _tune_sqlite(engine)
        return engine
    if url.get_backend_name() == "postgresql":
        given = url.query.get("options")
        kwargs.setdefault("connect_args", {})["options"] = server_options(
            given if isinstance(given, str) else None)
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin event below issue BEGIN itself (pysqlite would defer it).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Switching to WAL writes the file's header: only on a Dutyroom database or a new
        # one, so opening another program's file by mistake leaves it byte for byte as it was.
        tables = {name for (name,) in cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables or "alembic_version" in tables:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
