"""Consistent copies of an SQLite database through SQLite's online backup API.

The backup API copies a live database page by page under its own locking, so a copy
taken while the app is writing is still a valid database (a plain file copy of a WAL
database is not).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path


def backup_file(source: Path, destination: Path) -> Path:
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(destination)
    return destination


def backup_folder(database: Path) -> Path:
    return database.parent / "backups"


def timestamped_name(database: Path, label: str, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{database.stem}-{label}-{stamp}{database.suffix}"
