"""Consistent copies of an SQLite database through SQLite's online backup API.

The backup API copies a live database page by page under its own locking, so a copy
taken while the app is writing is still a valid database (a plain file copy of a WAL
database is not). Restoring goes the same way in reverse, into the live file, so the
desk's WAL and any open connection see the restored pages whole.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

_STAMP = "%Y%m%dT%H%M%SZ"
_REST = re.compile(r"(?P<label>[a-z][a-z0-9-]*)-(?P<stamp>\d{8}T\d{6}Z)")


PARTIAL = ".partial"
STALE_PARTIAL = timedelta(minutes=15)  # a copy still being written touches its file far more often


def backup_file(source: Path, destination: Path) -> Path:
    """Copy into `destination.partial`, then rename: a reader never sees half a backup.

    A copy that fails removes its partial file; one killed outright leaves it behind, and
    the next copy to the same place, or `remove_stale_partials` on the backups folder at
    the next start, removes it.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + PARTIAL)
    partial.unlink(missing_ok=True)  # left by a copy that was killed
    try:
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
    except BaseException:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            leftover.unlink(missing_ok=True)
        raise
    return destination


def remove_stale_partials(folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete the partial copies of killed backups (untouched for a while) in `folder`."""
    moment = (now or datetime.now(UTC)).timestamp()
    removed = []
    if folder.is_dir():
        for leftover in folder.glob(f"*{PARTIAL}*"):
            try:
                if moment - leftover.stat().st_mtime >= STALE_PARTIAL.total_seconds():
                    leftover.unlink()
                    removed.append(leftover)
            except OSError:
                continue  # another process removed or holds it; the next start tries again
    return removed


def copy_into(source: Path, live: Path) -> None:
    """Replace the live database's content with `source`'s, in one locked step."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(live, timeout=15)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


@dataclass(frozen=True)
class FileFacts:
    """What a candidate file holds, read without changing it."""

    problems: list[str]
    schema: str | None
    tables: set[str]


def inspect_file(path: Path) -> FileFacts:
    """Is this an intact SQLite database, and which Dutyroom schema (if any) does it hold?"""
    try:
        raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return FileFacts(["文件无法打开"], None, set())
    try:
        results = [row[0] for row in raw.execute("PRAGMA integrity_check")]
        # SQLite's findings are English and name pages: only how many is told (the log has them).
        problems = [] if results == ["ok"] else [f"完整性检查发现 {len(results)} 处损坏"]
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        schema = None
        if "alembic_version" in tables:
            schema = raw.execute("SELECT version_num FROM alembic_version").fetchone()
            schema = schema[0] if schema else None
        return FileFacts(problems, schema, tables)
    except sqlite3.DatabaseError:
        return FileFacts(["文件已损坏或不是数据库文件"], None, set())
    finally:
        raw.close()


def backup_folder(database: Path) -> Path:
    return database.parent / "backups"


def timestamped_name(database: Path, label: str, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime(_STAMP)
    return f"{database.stem}-{label}-{stamp}{database.suffix}"


def parse_name(database: Path, file: Path) -> tuple[str, datetime] | None:
    """The label and time of a backup this desk made, or None for any other file."""
    prefix = f"{database.stem}-"
    if file.suffix != database.suffix or not file.name.startswith(prefix):
        return None
    match = _REST.fullmatch(file.name[len(prefix):].removesuffix(database.suffix))
    if match is None:
        return None
    return match["label"], datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
