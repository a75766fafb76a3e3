"""Telling every other window that the database changed, and what.

On PostgreSQL a write transaction sends, as it commits, one NOTIFY on `CHANNEL` naming the
tables it touched and the process that wrote; every window LISTENs on a connection of its
own and refreshes what those tables show. The server delivers a notification only when the
transaction commits, so a rolled-back save announces nothing. On an SQLite file, which has
no notifications, a window asks `PRAGMA data_version` on a connection of its own: the
number moves whenever another connection commits.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from dutyroom.db.engine import server_options

CHANNEL = "dutyroom_changes"
EVERYTHING = "*"  # a write whose tables are not known (a bulk statement)
ORIGIN = uuid.uuid4().hex[:16]  # this process: its own notifications are not news to it
_TOUCHED = "dutyroom_touched_tables"
# A NOTIFY payload must stay under 8000 bytes; a longer list becomes "everything".
_MAX_PAYLOAD = 7000


@event.listens_for(Session, "after_flush")
def _note_tables(session: Session, _context: Any) -> None:
    touched: set[str] = session.info.setdefault(_TOUCHED, set())
    for row in (*session.new, *session.dirty, *session.deleted):
        table = getattr(row, "__tablename__", None)
        touched.add(table if isinstance(table, str) else EVERYTHING)


def announce(session: Session) -> None:
    """Call just before a write commits: on a server, the NOTIFY that goes out with it."""
    tables = session.info.pop(_TOUCHED, None) or {EVERYTHING}
    if session.get_bind().dialect.name != "postgresql":
        return
    payload = json.dumps({"origin": ORIGIN, "tables": sorted(tables)}, separators=(",", ":"))
    if len(payload.encode()) > _MAX_PAYLOAD:
        payload = json.dumps({"origin": ORIGIN, "tables": [EVERYTHING]})
    session.execute(text("SELECT pg_notify(:channel, :payload)"),
                    {"channel": CHANNEL, "payload": payload})


def forget(session: Session) -> None:
    """A rolled-back write touched nothing."""
    session.info.pop(_TOUCHED, None)


def read_payload(payload: str, ignore: str | None = ORIGIN) -> set[str] | None:
    """The tables another process changed; None for the `ignore`d (own) process's.

    Anyone holding the desks' role can NOTIFY on the channel, so a payload is untrusted:
    whatever it holds (not JSON, `"tables": null`, a number) means "something changed",
    never an error — an error here would read as a lost connection in every window."""
    try:
        document = json.loads(payload)
        if ignore is not None and document.get("origin") == ignore:
            return None
        tables = document.get("tables")
        if not isinstance(tables, list):
            return {EVERYTHING}
        return {str(t) for t in tables} or {EVERYTHING}
    except (ValueError, AttributeError, TypeError, RecursionError):
        return {EVERYTHING}


class ServerListener:
    """A connection of its own that LISTENs; `wait` returns what others changed."""

    def __init__(self, url: URL, ignore: str | None = ORIGIN) -> None:
        import psycopg

        self._ignore = ignore
        self._connection = psycopg.connect(_libpq(url), autocommit=True)
        self._connection.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float) -> set[str]:
        """The tables changed by others within `timeout` seconds (empty if none)."""
        tables: set[str] = set()
        for note in self._connection.notifies(timeout=timeout, stop_after=1):
            tables |= read_payload(note.payload, self._ignore) or set()
        while True:  # everything else already queued, without waiting again
            more = list(self._connection.notifies(timeout=0.01))
            if not more:
                return tables
            for note in more:
                tables |= read_payload(note.payload, self._ignore) or set()

    def close(self) -> None:
        self._connection.close()


class FileWatcher:
    """For an SQLite file: whether anyone committed since the last look."""

    def __init__(self, path: Path) -> None:
        self._connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True,
                                           check_same_thread=False)
        self._version = self._read()

    def _read(self) -> int:
        return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def wait(self, timeout: float = 0) -> set[str]:
        """{EVERYTHING} once another connection has committed, looking every quarter of a
        second for up to `timeout` seconds; else empty."""
        end = time.monotonic() + timeout
        while True:
            version = self._read()
            if version != self._version:
                self._version = version
                return {EVERYTHING}
            if time.monotonic() >= end:
                return set()
            time.sleep(min(0.25, max(0.0, end - time.monotonic())))

    def close(self) -> None:
        self._connection.close()


def _libpq(url: URL) -> str:
    """psycopg's connection string for an SQLAlchemy URL (its query: sslmode and the like)."""
    from psycopg.conninfo import make_conninfo

    options: dict[str, Any] = {key: value for key, value in url.query.items()
                               if isinstance(value, str)}
    for key, value in (("host", url.host), ("port", url.port), ("dbname", url.database),
                       ("user", url.username), ("password", url.password)):
        if value is not None:
            options[key] = str(value)
    options.setdefault("application_name", f"dutyroom-listen-{os.getpid()}")
    options["options"] = server_options(options.get("options"))
    return make_conninfo("", **options)


def all_tables(tables: Iterable[str]) -> bool:
    return EVERYTHING in tables
