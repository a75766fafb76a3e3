"""What 2,000 attachments (about 1 GB of scans) cost a desk: start-up, search, backup, `check`
and a field package out and back (every incident here is open, so every file travels), on the
same log with and without them, as ratios measured in one run.

    .venv/bin/python benchmarks/attachments.py            # 2,000 files, about 1 GB
    .venv/bin/python benchmarks/attachments.py --small    # 200 files, about 50 MB

The files are random bytes (they do not compress, as scans and photos barely do). It also
records every SQL statement of a start and a search on the database with attachments and
says whether any touched the blob table (none should: the bytes live in their own table).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import event

from dutyroom.app import open_backend
from dutyroom.domain.attachments import OwnerKind
from dutyroom.services import (
    attachment_service,
    backup_service,
    field_service,
    incident_service,
    integrity_service,
)
from dutyroom.services.attachment_service import FileContent
from dutyroom.services.incident_views import IncidentQuery, list_incidents

INCIDENTS = 500
TITLES = ("化工厂储罐泄漏", "东岭村山体滑坡", "国道 210 线两车相撞", "西河溺水", "镇区停水")


def timed(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def build_log(db: Path) -> list[int]:
    backend = open_backend(db, "bench")
    start = datetime(2026, 1, 1, tzinfo=UTC)
    ids = []
    for n in range(INCIDENTS):
        at = start + timedelta(hours=7 * n)
        ids.append(incident_service.add_incident(backend.uow, {
            "received_at": at.isoformat(timespec="minutes"), "title": f"{TITLES[n % 5]}（{n}）",
            "category": "accident", "level": "IV"}, now=at + timedelta(minutes=5)).value.id)
    backend.close()
    return ids


def add_files(db: Path, owners: list[int], count: int, total: int) -> int:
    """`count` files of random sizes around total/count, in transactions of 50."""
    rng = random.Random(21)
    mean = total // count
    backend = open_backend(db, "bench")
    written = 0
    at = datetime(2026, 6, 1, tzinfo=UTC)
    for first in range(0, count, 50):
        with backend.uow.write(None) as session:
            for n in range(first, min(first + 50, count)):
                size = max(1024, int(rng.uniform(0.5, 1.5) * mean))
                content = FileContent(f"扫描件{n:04d}.jpg", os.urandom(size), "image/jpeg")
                attachment_service.keep(session, OwnerKind.INCIDENT, owners[n % len(owners)],
                                        content, "bench", at)
                written += size
    backend.close()
    return written


def startup(db: Path) -> None:
    """What a start reads: open (schema check) and the log's first page."""
    backend = open_backend(db, "bench", create=False)
    list_incidents(backend.uow, IncidentQuery(), limit=100)
    backend.close()


def measure(db: Path, folder: Path, repeat: int) -> dict[str, float]:
    figures = {"start-up": timed(lambda: startup(db), repeat)}
    backend = open_backend(db, "bench", create=False)
    figures["search"] = timed(lambda: list_incidents(backend.uow, IncidentQuery(text="山体滑坡"),
                                                     limit=100), repeat)
    figures["list one incident's attachments"] = timed(
        lambda: attachment_service.list_attachments(backend.uow, "incident", 1), repeat)
    out = folder / f"{db.stem}-backup.sqlite3"

    def backup() -> None:
        out.unlink(missing_ok=True)
        backup_service.backup_to(backend.url, out)

    figures["backup"] = timed(backup, max(1, repeat // 2))
    package = folder / f"{db.stem}-field.dutyroom"

    def field_export() -> None:
        package.unlink(missing_ok=True)
        field_service.export_package(backend.uow, date(2026, 6, 1), date(2026, 6, 7), package)

    figures["field export"] = timed(field_export, 3)  # the first also loads Alembic
    figures["field merge (package unchanged)"] = timed(
        lambda: field_service.merge_package(backend.uow, package), 1)
    report: list[integrity_service.CheckReport] = []
    figures["check"] = timed(lambda: report.append(
        integrity_service.run_check(backend.uow, backend.engine)), 1)
    assert report[-1].ok, report[-1].problems
    backend.close()
    return figures


def blob_statements(db: Path) -> list[str]:
    backend = open_backend(db, "bench", create=False)
    seen: list[str] = []
    event.listen(backend.engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_a: seen.append(statement))
    list_incidents(backend.uow, IncidentQuery(), limit=100)
    list_incidents(backend.uow, IncidentQuery(text="山体滑坡"), limit=100)
    attachment_service.list_attachments(backend.uow, "incident", 1)
    backend.close()
    return [s for s in seen if "attachment_blobs" in s]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", action="store_true", help="200 files, about 50 MB")
    args = parser.parse_args()
    count, total = (200, 50 * 1024 * 1024) if args.small else (2000, 1024 * 1024 * 1024)
    repeat = 5
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        plain, loaded = folder / "plain.sqlite3", folder / "attachments.sqlite3"
        start = time.perf_counter()
        owners = build_log(plain)
        shutil.copy(plain, loaded)
        written = add_files(loaded, owners, count, total)
        print(f"built {INCIDENTS} incidents, then {count} attachments of {written / 2**20:.0f} MB "
              f"in {time.perf_counter() - start:.0f} s; files {plain.stat().st_size / 2**20:.1f} MB "
              f"and {loaded.stat().st_size / 2**20:.0f} MB")
        without = measure(plain, folder, repeat)
        with_files = measure(loaded, folder, repeat)
        for key, base in without.items():
            ratio = with_files[key] / base if base else float("nan")
            print(f"{key:34s} without {base * 1000:8.1f} ms   with {with_files[key] * 1000:8.1f} ms"
                  f"   ratio {ratio:5.2f}")
        touched = blob_statements(loaded)
        print(f"statements of start-up, search and listing that read attachment_blobs: {len(touched)}")
        rate = written / 2**20 / with_files["check"] if with_files["check"] else 0
        print(f"check hashes the attachments at about {rate:.0f} MB/s (median of one run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
