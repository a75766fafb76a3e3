"""Crash safety: kill a writing Dutyroom with SIGKILL at random moments, many times.

A writer process keeps doing what a desk does, through the services, on one SQLite file:
incident intake, roster saves (换班 to a new day each time), staff imports from a CSV
file, and handover acceptance (接班确认, which stores the record whole). After each
service call returns it prints what it saved; that line is the app's "saved" promise.
The harness kills the writer at a random moment after its first save (SIGKILL: no clean-up, like a power cut
on the process), then checks the file:

- `PRAGMA integrity_check` is ok;
- `dutyroom check` (the same service) finds the audit chain and every record sound;
- every action the writer reported as saved is in the database.

Then it starts the writer again on the same file, so the kills accumulate. Usage:

    python benchmarks/crash_harness.py --kills 200

It prints one line per kill and a summary; exit status 0 only if every check held.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from dutyroom.app import open_backend
from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    handover_service,
    import_export,
    incident_service,
    integrity_service,
    roster_service,
    staff_service,
)

Z = ZoneInfo("Asia/Shanghai")
FIRST_DAY = date(2027, 1, 1)
KINDS = ("incident", "incident", "assign", "import", "handover")
FIRST_KINDS = ("incident", "assign", "import", "handover")


def _officers(uow) -> list[int]:
    return [p.id for p in staff_service.list_staff(uow, include_inactive=False)
            if p.tier == Tier.OFFICER]


def writer(database: Path, run: int, seed: int) -> None:
    """Save things forever, announcing each one once its service call has returned."""
    backend = open_backend(database, f"crash-writer-{run}", prepare=False)
    uow = backend.uow
    rng = random.Random(seed)
    officers = _officers(uow)
    print("ready", flush=True)
    number = 0
    while True:
        number += 1
        token = f"{run}-{number}"
        # Each run begins with a different kind in turn, so even a few short runs on a busy
        # machine save some of every kind; after that the kinds are random.
        kind = FIRST_KINDS[run % len(FIRST_KINDS)] if number == 1 else rng.choice(KINDS)
        # Every roster save and handover uses a day of its own, so a later save can never
        # stand in for an earlier one when the checks look for it.
        day = FIRST_DAY + timedelta(days=run * 5000 + number)
        if kind == "incident":
            incident_service.add_incident(uow, {
                "received_at": datetime(2026, 7, 1, 9, tzinfo=Z).isoformat(),
                "title": f"崩溃测试事件 {token}", "category": "accident",
                "summary": "某路段发生车辆碰撞，" * rng.randint(1, 40)})
        elif kind == "assign":
            roster_service.assign(uow, day, Tier.OFFICER, rng.choice(officers))
        elif kind == "import":
            file = database.parent / f"staff-{run}.csv"
            with file.open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle).writerows([["姓名", "值班层级", "手机"],
                                              [f"导入{token}", "值班员", f"139{run:03d}{number:05d}"]])
            import_export.import_staff_file(uow, file)
        else:
            handover_service.accept(uow, day, rng.choice(officers), notes=f"交接 {token}",
                                    equipment="电话正常",
                                    at=datetime.combine(day + timedelta(days=1), datetime.min.time(),
                                                        tzinfo=Z) + timedelta(hours=9))
        print(json.dumps({"kind": kind, "token": token, "day": day.isoformat()}), flush=True)


def prepare(database: Path) -> None:
    backend = open_backend(database, "crash-harness")
    for n in range(4):
        staff_service.add_staff(backend.uow, {"name": f"值班员{n}", "tier": "值班员",
                                              "mobile": f"1380000000{n}"})
    backend.close()


def missing(database: Path, saved: list[dict[str, str]]) -> list[str]:
    """Reported-as-saved actions that are not in the file."""
    raw = sqlite3.connect(database)
    try:
        lost = []
        for action in saved:
            kind, token, day = action["kind"], action["token"], action["day"]
            if kind == "incident":
                query, args = "SELECT 1 FROM incidents WHERE title = ?", (f"崩溃测试事件 {token}",)
            elif kind == "assign":
                query, args = ("SELECT 1 FROM duty_assignments a JOIN duty_days d "
                               "ON d.id = a.duty_day_id WHERE d.day = ?", (day,))
            elif kind == "import":
                query, args = "SELECT 1 FROM staff WHERE name = ?", (f"导入{token}",)
            else:
                query, args = ("SELECT 1 FROM handovers WHERE shift_date = ? AND status = 'final' "
                               "AND notes = ?", (day, f"交接 {token}"))
            if raw.execute(query, args).fetchone() is None:
                lost.append(f"{kind} {token}")
        return lost
    finally:
        raw.close()


def integrity(database: Path) -> str:
    raw = sqlite3.connect(database)
    try:
        return ",".join(row[0] for row in raw.execute("PRAGMA integrity_check"))
    finally:
        raw.close()


def audit_check(database: Path) -> list[str]:
    backend = open_backend(database, "crash-harness", prepare=False)
    try:
        return integrity_service.run_check(backend.uow, backend.engine).problems
    finally:
        backend.close()


def harness(kills: int, seed: int, folder: Path, quiet: bool = False) -> dict[str, object]:
    database = folder / "desk.sqlite3"
    prepare(database)
    rng = random.Random(seed)
    saved: list[dict[str, str]] = []
    failures: list[str] = []
    started = time.perf_counter()
    for run in range(1, kills + 1):
        process = subprocess.Popen(
            [sys.executable, __file__, "--writer", str(database), str(run), str(rng.random())],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        assert process.stdout is not None
        ready = process.stdout.readline().strip()
        if ready != "ready":
            failures.append(f"run {run}: writer did not start: {ready} {process.stderr.read()}")
            process.kill()
            break
        # The kill comes at a random moment after the first save has been announced (the
        # first one also proves the writer got going on a slow machine).
        first = process.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.5))
        process.send_signal(signal.SIGKILL)
        out, err = process.communicate()
        lines = [json.loads(line) for line in (first + out).splitlines() if line.startswith("{")]
        if process.returncode != -signal.SIGKILL:
            failures.append(f"run {run}: writer ended by itself ({process.returncode}): {err[-500:]}")
        saved += lines
        state = integrity(database)
        problems = audit_check(database)
        lost = missing(database, saved)
        if state != "ok":
            failures.append(f"run {run}: integrity_check: {state}")
        failures += [f"run {run}: check: {p}" for p in problems]
        failures += [f"run {run}: lost {x}" for x in lost]
        if not quiet:
            print(f"kill {run:4d}: {len(lines):3d} saved in this run, {len(saved):6d} in all, "
                  f"integrity {state}, check {'ok' if not problems else len(problems)}, "
                  f"lost {len(lost)}", flush=True)
    counts = {kind: sum(1 for a in saved if a["kind"] == kind) for kind in sorted(set(KINDS))}
    return {"kills": kills, "saved": len(saved), "by_kind": counts, "failures": failures,
            "seconds": round(time.perf_counter() - started, 1),
            "database_mb": round(os.path.getsize(database) / 1_048_576, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--writer", nargs=3, metavar=("DB", "RUN", "SEED"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.writer:
        writer(Path(args.writer[0]), int(args.writer[1]), int(float(args.writer[2]) * 2**31))
        return 0
    with tempfile.TemporaryDirectory(prefix="dutyroom-crash-") as folder:
        result = harness(args.kills, args.seed, Path(folder), quiet=args.json)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"\n{result['kills']} kills, {result['saved']} actions reported saved "
              f"({result['by_kind']}), {len(result['failures'])} failures, "
              f"{result['seconds']} s, database {result['database_mb']} MB (target 0 failures)")
        for failure in result["failures"][:20]:
            print("  " + str(failure))
    return 0 if not result["failures"] else 1


if __name__ == "__main__":
    sys.exit(main())
