"""统计 over ten years of a busy desk: 200,000 incidents with their reports upward and
dispatches. Times a month, a quarter and a year of `statistics_service.period_statistics`
(target: a month and a year well under a second), against a baseline measured in the same
run: counting the same period's incidents and reports with one SQL query each.

The data set is built once into benchmarks/data/ (bulk inserts, no audit links: for timing
only; the kept report deadlines then worked out for all of them, as migration 0019 does for
a file built before it) and reused; `--rebuild` makes it afresh.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

from dutyroom.app import open_backend
from dutyroom.db import deadline_store
from dutyroom.db.models import Department, Dispatch, Incident, UpwardReport
from dutyroom.domain.incidents import Category
from dutyroom.services import statistics_service
from dutyroom.services.settings_service import desk

DATA = Path(__file__).parent / "data" / "period_statistics-v1.sqlite3"
INCIDENTS = 200_000
END = datetime(2026, 11, 1, tzinfo=UTC)
SPAN = timedelta(days=3650)


def build(path: Path) -> None:
    path.parent.mkdir(exist_ok=True)
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    backend = open_backend(path, "bench")
    rng = random.Random(2026)
    started = time.perf_counter()
    with backend.engine.begin() as connection:
        connection.execute(insert(Department), [
            {"uuid": f"00000000-0000-4000-a000-{n:012d}", "name": f"联动单位{n}", "duty_phone": "110",
             "liaison_name": "", "liaison_mobile": "", "first_line": n % 2 == 0, "active": True,
             "version": 1}
            for n in range(20)])
        incidents, reports, dispatches = [], [], []
        made = {"report": 0, "dispatch": 0}  # for unique UUIDs across batches
        for number in range(1, INCIDENTS + 1):
            received = END - SPAN * rng.random()
            closed = received < END - timedelta(days=7)
            incidents.append({
                "id": number, "uuid": f"00000000-0000-4000-8000-{number:012d}", "version": 1,
                "received_at": received, "title": f"事件{number}",
                "category": rng.choice(list(Category)).value,
                "level": rng.choice(["IV"] * 8 + ["III", "unrated"]),
                "status": "closed" if closed else "handling",
                "closed_at": received + timedelta(hours=rng.uniform(2, 72)) if closed else None,
                "summary": "现场情况已核实", "level_changes": "[]", "voided": False,
                "created_at": received, "updated_at": received})
            for stage, channel, minutes in (("first", "phone", 20), ("first", "written", 50),
                                            ("final", "written", 60 * 24)):
                if rng.random() < 0.9:
                    sent = received + timedelta(minutes=minutes * rng.uniform(0.5, 1.6))
                    made["report"] += 1
                    reports.append({"uuid": f"00000000-0000-4000-b{made['report']:015d}",
                                    "incident_id": number, "stage": stage, "channel": channel,
                                    "sent_at": sent, "recorded_at": sent})
            if rng.random() < 0.1:
                ordered = received + timedelta(minutes=10)
                made["dispatch"] += 1
                dispatches.append({"uuid": f"00000000-0000-4000-c{made['dispatch']:015d}",
                                   "incident_id": number, "department_id": rng.randint(1, 20),
                                   "ordered_at": ordered, "arrival_minutes": 30,
                                   "arrived_at": ordered + timedelta(minutes=rng.uniform(10, 50))})
            if len(incidents) == 10_000:
                connection.execute(insert(Incident), incidents)
                connection.execute(insert(UpwardReport), reports)
                if dispatches:
                    connection.execute(insert(Dispatch), dispatches)
                incidents, reports, dispatches = [], [], []
    with backend.uow.write(None) as session:  # the kept deadlines, as the app writes them
        ctx = desk(session)
        deadline_store.refresh(session, None, ctx.rules, ctx.zone)
    backend.close()
    print(f"built {INCIDENTS:,} incidents with reports and dispatches in "
          f"{time.perf_counter() - started:.0f} s ({path.stat().st_size / 1e6:.0f} MB)")


def median_s(fn, repeat: int = 3) -> float:
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    if args.rebuild or not DATA.exists():
        build(DATA)
    backend = open_backend(DATA, "bench")
    at = END
    periods = {"month": (date(2026, 9, 1), date(2026, 9, 30)),
               "quarter": (date(2026, 7, 1), date(2026, 9, 30)),
               "year": (date(2025, 10, 1), date(2026, 9, 30))}
    for name, (first, last) in periods.items():
        start = datetime.combine(first, datetime.min.time(), tzinfo=UTC)
        end = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=UTC)

        def baseline(start: datetime = start, end: datetime = end) -> None:
            with backend.uow.read() as session:
                session.scalar(select(func.count()).select_from(Incident).where(
                    Incident.received_at >= start, Incident.received_at < end))
                session.scalar(select(func.count()).select_from(UpwardReport).join(Incident).where(
                    Incident.received_at >= start, Incident.received_at < end))

        figure = median_s(lambda f=first, la=last: statistics_service.period_statistics(
            backend.uow, f, la, at))
        base = median_s(baseline)
        stats = statistics_service.period_statistics(backend.uow, first, last, at)
        print(f"statistics {name} ({stats.reports.due:,} report deadlines, "
              f"{stats.dispatch.due:,} arrivals): {figure * 1000:.0f} ms median "
              f"(two SQL counts of the same period: {base * 1000:.1f} ms, ratio {figure / base:.0f}x)"
              f"{' (target < 1000 ms)' if name in ('month', 'year') else ''}")
    backend.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
