"""Merging a field package back into the desk (issue 17's red team measured 77 s for 5,000
incidents): a desk with `--count` open incidents exports a package, the laptop corrects 5%
of them, and the package is merged. Printed: the merge's time per incident in the package,
and its ratio to logging the same incidents through the service in the same run (the
baseline), so the figure reads the same on a slow or a busy machine.

Target: a merge costs no more than logging the incidents did (ratio ≤ 1).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from dutyroom.app import open_backend
from dutyroom.domain.roles import Actor, Role
from dutyroom.services import field_service, incident_service, incident_views, user_service

NOW = datetime(2026, 7, 1, 2, 0, tzinfo=UTC)
FIELD = Actor.user(9, "wang", "王五", Role.OFFICER, None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    count = parser.parse_args().count
    with tempfile.TemporaryDirectory(prefix="dutyroom-bench-") as folder:
        root = Path(folder)
        desk = open_backend(root / "desk.sqlite3", "bench")
        user_service.add_user(desk.uow, {"username": "wang", "display_name": "王五", "role": "officer",
                                         "password": "Duty-2026!", "confirm": "Duty-2026!"})
        started = time.perf_counter()
        for i in range(count):
            incident_service.add_incident(desk.uow, {
                "received_at": (NOW - timedelta(minutes=count - i)).isoformat(),
                "title": f"事件{i}", "category": "accident"}, now=NOW)
        logging = time.perf_counter() - started
        field_service.export_package(desk.uow, date(2026, 7, 1), date(2026, 7, 7),
                                     root / "a.dutyroom", users=("wang",), now=NOW)
        laptop = open_backend(root / "a.dutyroom", "bench")
        laptop.uow = laptop.uow.for_actor(FIELD)
        rows = incident_views.list_incidents(laptop.uow, incident_views.IncidentQuery(),
                                             limit=max(1, count // 20)).rows
        for row in rows:
            incident_service.update_incident(laptop.uow, row.id, None, {"injured": 1}, "核实",
                                             now=NOW + timedelta(hours=1))
        laptop.close()
        started = time.perf_counter()
        report = field_service.merge_package(desk.uow, root / "a.dutyroom", now=NOW + timedelta(hours=2))
        merging = time.perf_counter() - started
        desk.close()
    print(f"incidents in the package     {count}")
    print(f"merged                       {dict(report.value.counts)}")
    print(f"logging them (baseline)      {logging:.1f} s  ({logging / count * 1000:.1f} ms each)")
    print(f"merging the package          {merging:.1f} s  ({merging / count * 1000:.1f} ms each)")
    print(f"merge / logging              {merging / logging:.2f}  (target ≤ 1)")


if __name__ == "__main__":
    main()
