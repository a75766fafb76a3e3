"""Eight writing desks on one server, every window live (issue 23).

Eight processes, each a desk with its own connection and its own live feed (LISTEN/NOTIFY
on a server, PRAGMA data_version on a file), work for --seconds: in turn they log a new
incident, and raise by one the head count (`people_involved`) of one of a few incidents all
desks share, from what they last read: the optimistic lock refuses a stale edit, and the
desk reads again and retries, as a person does. Whenever its feed says incidents changed,
the desk rebuilds its alert list, as the window's banner does.

Printed: saves per second (all desks), the median and worst save, conflicts, lost updates
(increments that succeeded minus what the shared incidents hold: must be 0), the refreshes
the feeds caused, and `check` afterwards — against the baseline of the same run: one desk
alone doing the same work for a fifth of the time.

    python benchmarks/eight_desks.py --db postgresql+psycopg://… [--seconds 60] [--desks 8]
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

SHARED = 4  # incidents every desk edits
AT = datetime(2026, 7, 1, 4, tzinfo=UTC)
INCIDENT = {"category": "accident", "level": "IV", "received_at": "2026-07-01T10:00"}


def desk(target: str, number: int, seconds: float, shared: list[int],
         start: Any, results: Any) -> None:
    from dutyroom.app import open_backend
    from dutyroom.services import alert_service, incident_service, incident_views
    from dutyroom.services.errors import ConflictError
    from dutyroom.services.live import ChangeWatch

    backend = open_backend(target, f"desk {number}", create=False)
    watch = ChangeWatch(backend.url)
    rng = random.Random(number)
    saves: list[float] = []
    conflicts = increments = refreshes = 0
    start.wait()
    ends = time.monotonic() + seconds
    step = 0
    while time.monotonic() < ends:
        step += 1
        began = time.monotonic()
        if step % 2:
            incident_service.add_incident(
                backend.uow, {**INCIDENT, "title": f"席位{number} 第{step}起"},
                now=AT + timedelta(seconds=step))
        else:
            target_id = rng.choice(shared)
            while True:
                seen = incident_views.get_incident(backend.uow, target_id)
                try:
                    incident_service.update_incident(
                        backend.uow, target_id, seen.version,
                        {"people_involved": seen.facts.people_involved + 1},
                        now=AT + timedelta(seconds=step))
                    increments += 1
                    break
                except ConflictError:
                    conflicts += 1
        saves.append(time.monotonic() - began)
        if watch.wait(0).incidents:  # what the window does on a notification
            alert_service.alerts_at(backend.uow, AT + timedelta(hours=1))
            refreshes += 1
    watch.close()
    backend.close()
    results.put((saves, conflicts, increments, refreshes))


def run(target: str, desks: int, seconds: float, shared: list[int]) -> dict[str, Any]:
    spawn = multiprocessing.get_context("spawn")  # fresh processes, as windows are
    start, results = spawn.Event(), spawn.Queue()
    workers = [spawn.Process(target=desk, args=(target, n, seconds, shared, start, results))
               for n in range(desks)]
    for worker in workers:
        worker.start()
    time.sleep(3)  # every desk connected and listening
    start.set()
    got = [results.get(timeout=seconds + 120) for _ in workers]
    for worker in workers:
        worker.join(30)
    saves = [s for g in got for s in g[0]]
    return {"saves": saves, "conflicts": sum(g[1] for g in got),
            "increments": sum(g[2] for g in got), "refreshes": sum(g[3] for g in got),
            "rate": len(saves) / seconds}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="a server URL (default: a new SQLite file)")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--desks", type=int, default=8)
    args = parser.parse_args()
    from dutyroom.app import open_backend
    from dutyroom.services import incident_service, incident_views, integrity_service

    with tempfile.TemporaryDirectory(prefix="dutyroom-desks-bench-") as folder:
        target = args.db or str(Path(folder) / "desk.sqlite3")
        backend = open_backend(target, "setup")
        shared = [incident_service.add_incident(
            backend.uow, {**INCIDENT, "title": f"共享事件 {n}"}, now=AT).value.id
            for n in range(SHARED)]

        def held() -> int:
            return sum(incident_views.get_incident(backend.uow, i).facts.people_involved
                       for i in shared)

        before = held()
        base = run(target, 1, args.seconds / 5, shared)
        after_base = held()
        many = run(target, args.desks, args.seconds, shared)
        after = held()
        report = integrity_service.run_check(backend.uow, backend.engine)
        backend.close()
    kind = "PostgreSQL" if args.db else "SQLite file"
    print(f"{kind}: {args.desks} desks for {args.seconds:.0f} s, each with its live feed")
    for label, figures in (("baseline, 1 desk", base), (f"{args.desks} desks", many)):
        saves = figures["saves"]
        print(f"  {label}: {figures['rate']:.1f} saves/s, save median "
              f"{statistics.median(saves) * 1000:.0f} ms, worst {max(saves) * 1000:.0f} ms, "
              f"conflicts {figures['conflicts']}, refreshes {figures['refreshes']}")
    lost = (many["increments"] - (after - after_base)) + (base["increments"] - (after_base - before))
    print(f"  throughput {many['rate'] / base['rate']:.1f}× one desk; "
          f"median save {statistics.median(many['saves']) / statistics.median(base['saves']):.1f}× "
          f"one desk's")
    print(f"  lost updates: {lost}; check afterwards: {'clean' if report.ok else 'PROBLEMS'}")
    if not report.ok:
        for problem in report.problems[:5]:
            print(f"    {problem}")
    return 0 if lost == 0 and report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
