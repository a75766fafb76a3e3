"""Printouts under load, through the services on SQLite (read, assemble, lay out, embed):

1. The handover record of a shift with 50 incidents, each with a report sent, one
   dispatch and its deadlines still open (target ≤ 0.5 s).
2. A month's rota as the landscape grid, for the sample town (target ≤ 0.3 s).

Each is timed 7 times (median; the first call also loads the font, shown apart). With
`--out FOLDER` the PDFs are written there to be looked at (pdftoppm -png).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from dutyroom.app import open_backend
from dutyroom.reports import fonts
from dutyroom.services import (
    demo,
    department_service,
    dispatch_service,
    handover_service,
    incident_service,
    roster_files,
    upward_reports,
)

Z = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 23)
INCIDENTS = 50


def seed(backend) -> None:
    demo.seed_demo(backend.uow)
    start = datetime(2026, 11, 23, 8, 40, tzinfo=Z)
    department = department_service.list_departments(backend.uow)[0].id
    for n in range(INCIDENTS):
        received = start + timedelta(minutes=25 * n)
        saved = incident_service.add_incident(backend.uow, {
            "received_at": received.isoformat(),
            "title": f"第{n + 1}起：青山河{n % 9 + 1}号堤段管涌险情",
            "category": "natural_disaster", "level": ("III", "IV", "unrated")[n % 3],
            "summary": "连续强降雨，堤段出现管涌，" * 10}, now=received).value
        upward_reports.record_report(backend.uow, saved.id, "first", "phone",
                                       sent_at=received + timedelta(minutes=12),
                                       now=received + timedelta(minutes=12))
        dispatch_service.dispatch(backend.uow, saved.id, [department],
                                  ordered_at=received + timedelta(minutes=5),
                                  now=received + timedelta(minutes=5))


def timed(action, runs: int = 7) -> tuple[float, list[float], object]:
    started = time.perf_counter()
    result = action()
    first = time.perf_counter() - started
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return first, times, result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, help="write the PDFs here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        backend = open_backend(Path(folder) / "bench.sqlite3", "benchmark")
        seed(backend)
        moment = datetime(2026, 11, 24, 8, 20, tzinfo=Z)
        first, times, handover = timed(
            lambda: handover_service.handover_document(backend.uow, DAY, moment))
        print(f"font: {fonts.cjk_font().label} ({fonts.cjk_font().path})")
        print(f"handover, {INCIDENTS} incidents: first {first * 1000:.0f} ms (with font loading), "
              f"median {statistics.median(times) * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms "
              f"of {len(times)}; {handover.pages} pages, {len(handover.data) / 1024:.0f} KB "
              "(target ≤ 500 ms)")
        _, times, rota = timed(lambda: roster_files.rota_document(
            backend.uow, date(2026, 11, 1), date(2026, 11, 30), "grid", moment))
        print(f"month rota grid: median {statistics.median(times) * 1000:.0f} ms, worst "
              f"{max(times) * 1000:.0f} ms of {len(times)}; {rota.pages} page, "
              f"{len(rota.data) / 1024:.0f} KB (target ≤ 300 ms)")
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / "handover-50.pdf").write_bytes(handover.data)
            (args.out / "rota-month.pdf").write_bytes(rota.data)
            print(f"PDFs written to {args.out}")
        backend.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
