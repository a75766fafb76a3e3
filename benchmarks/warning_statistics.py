"""预警叫应 statistics over ten years of a town in flood country: 3,000 warning notices with
lists of 60 people (180,000 people to reach) and about 300,000 叫应 attempts. Times the
warnings part of 统计 (`statistics_service._warning_facts`, SQL aggregates) for a month and
a year, against a baseline measured in the same run: counting the period's attempts with one
SQL query. The figures must not grow with the rows of the period the way a Python loop over
them would.

The data set is built once into benchmarks/data/ (bulk inserts, no audit links: for timing
only) and reused; `--rebuild` makes it afresh.
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
from dutyroom.db.models import ResponsiblePerson, Warning, WarningAttempt, WarningTarget
from dutyroom.domain.local_time import day_start
from dutyroom.services import settings_service, statistics_service

DATA = Path(__file__).parent / "data" / "warning_statistics-v1.sqlite3"
NOTICES = 3_000
VILLAGES = 30
ROLES = 6
LISTED = 60  # people on one notice's list
END = datetime(2026, 11, 1, tzinfo=UTC)
SPAN = timedelta(days=3650)


def build(path: Path) -> None:
    path.parent.mkdir(exist_ok=True)
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    backend = open_backend(path, "bench")
    rng = random.Random(2026)
    started = time.perf_counter()
    people = [(n + 1, f"村{n // ROLES}", f"岗位{n % ROLES}") for n in range(VILLAGES * ROLES)]
    with backend.engine.begin() as connection:
        connection.execute(insert(ResponsiblePerson), [
            {"id": pid, "name": f"责任人{pid}", "village": village, "role": role,
             "mobile": f"138{pid:08d}", "notes": "", "active": True, "version": 1}
            for pid, village, role in people])
        notices, targets, attempts = [], [], []
        target_id = attempt_id = 0
        for number in range(1, NOTICES + 1):
            received = END - SPAN * rng.random()
            colour = rng.choice(["red", "orange", "yellow", "yellow", "blue"])
            due = None if colour == "blue" else received + timedelta(minutes=5 if colour in (
                "red", "orange") else 30)
            notices.append({"id": number, "uuid": f"00000000-0000-4000-8000-{number:012d}",
                            "thread_id": number, "action": "issue", "issuer": "县气象台",
                            "type": "暴雨", "colour": colour, "issued_at": received,
                            "valid_until": received + timedelta(hours=12), "received_at": received,
                            "villages": "[]", "text": "", "measures": "", "relay_due": due,
                            "created_by": "bench"})
            if due is None:
                continue
            for pid, village, role in rng.sample(people, LISTED):
                target_id += 1
                targets.append({"id": target_id, "warning_id": number, "person_id": pid,
                                "name": f"责任人{pid}", "village": village, "role": role,
                                "mobile": f"138{pid:08d}", "backup_name": "", "backup_mobile": ""})
                for _ in range(rng.choice([1, 1, 2, 3])):
                    attempt_id += 1
                    at = received + timedelta(minutes=rng.uniform(0.5, 40))
                    attempts.append({"uuid": f"00000000-0000-4000-a{attempt_id:015d}",
                                     "target_id": target_id, "at": at, "channel": "phone",
                                     "outcome": rng.choice(["answered", "no_answer"]),
                                     "via_backup": False, "by": "bench", "recorded_at": at})
            if len(attempts) > 50_000:
                connection.execute(insert(Warning), notices)
                connection.execute(insert(WarningTarget), targets)
                connection.execute(insert(WarningAttempt), attempts)
                notices, targets, attempts = [], [], []
        for rows, model in ((notices, Warning), (targets, WarningTarget), (attempts, WarningAttempt)):
            if rows:
                connection.execute(insert(model), rows)
    backend.close()
    print(f"built {NOTICES:,} notices, {target_id:,} people to reach, {attempt_id:,} attempts in "
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
    with backend.uow.read() as session:
        zone = settings_service.desk(session).zone
    periods = {"month": (date(2026, 9, 1), date(2026, 9, 30)),
               "year": (date(2025, 10, 1), date(2026, 9, 30)),
               "ten years": (date(2016, 11, 1), date(2026, 10, 31))}
    for name, (first, last) in periods.items():
        start, end = day_start(first, zone), day_start(last + timedelta(days=1), zone)

        def figures(start: datetime = start, end: datetime = end):
            with backend.uow.read() as session:
                return statistics_service._warning_facts(session, start, end, END)

        def baseline(start: datetime = start, end: datetime = end) -> None:
            with backend.uow.read() as session:
                session.scalar(select(func.count()).select_from(WarningAttempt).join(
                    WarningTarget).join(Warning).where(Warning.received_at >= start,
                                                       Warning.received_at < end))

        took, base = median_s(figures), median_s(baseline)
        w = figures()
        print(f"warning statistics {name} ({w.received:,} notices, {w.relay.to_reach:,} people to "
              f"reach): {took * 1000:.0f} ms median (one SQL count of the period's attempts: "
              f"{base * 1000:.1f} ms, ratio {took / base:.1f}x)"
              f"{' (target < 1000 ms)' if name in ('month', 'year') else ''}")
    backend.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
