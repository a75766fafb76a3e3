"""The benchmark report: every figure the issues asked for, with its target, in one run.

Runs each benchmark script in a process of its own (their memory and start-up figures must
not see each other), building the data sets that are missing (the ten-year log: about a
minute and 500 MB in benchmarks/data/). Prints each script's output as it comes, then the
figures that have a target in one table to paste into the README. The rota benchmarks
compare the greedy with the CP-SAT generator and with the proven optimum (OR-Tools is a
dependency of the app).

Takes about 25 minutes on the 2-core development machine, most of it the crash harness's
200 kills (`--kills` for fewer).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
SCRIPTS = [
    ("foundation.py", "Opening, staff import, check"),
    ("roster_year.py", "A year's rota"),
    ("roster_town.py", "Hard town rotas: greedy vs exact"),
    ("duty_log.py", "Ten years of the log: search and the 值班日志 page"),
    ("period_statistics.py", "Ten years of the log: 统计 for a month, a quarter, a year"),
    ("startup.py", "Start-up and memory"),
    ("cli_startup.py", "The command line's answer time"),
    ("duty_clock.py", "The duty clock's alerts"),
    ("warning_relay.py", "A red warning for 180 people: the relay board"),
    ("printouts.py", "Printouts"),
    ("hostile_imports.py", "Refusing a huge file"),
    ("crash_harness.py", "Crash safety"),
]
TARGET = re.compile(r"\s*\(targets?\s+([^)]*)\)")


def run(script: str, extra: list[str]) -> tuple[list[str], float, int]:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(HERE / script), *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        print("  " + line, end="", flush=True)
        lines.append(line.rstrip("\n"))
    return lines, time.perf_counter() - started, process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=200, help="crash harness kills (default 200)")
    args = parser.parse_args()
    figures: list[tuple[str, str, str]] = []
    failed = []
    for script, title in SCRIPTS:
        print(f"\n== {title} ({script})", flush=True)
        extra = ["--kills", str(args.kills)] if script == "crash_harness.py" else []
        lines, seconds, code = run(script, extra)
        print(f"  [{seconds:.0f} s{'' if code == 0 else f', exit {code}'}]", flush=True)
        if code != 0:
            failed.append(script)
        for line in lines:
            match = TARGET.search(line)
            if match:
                figures.append((title, TARGET.sub("", line).strip(), match.group(1)))
    print("\n| area | figure | target |\n|---|---|---|")
    for title, figure, target in figures:
        print(f"| {title} | {figure} | {target} |")
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
