"""How soon the command line answers: each command a new process, timed from the parent.

A bare `python -c pass` and `python -c "import sqlalchemy.orm"` (the floor of any command
that reads the database) are measured in the same run, and the targets are ratios to them,
so they read the same on a quiet machine and on a busy one (the 2-core development machine
shared by several test runs is often five times slower than itself): `--help`, `--version`,
a mistyped command and `staff --help` load no database code (≤ 2.5× a bare start: about
0.1 s on a quiet machine); `staff list`, `calendar show` and `alerts` on the sample town
cost at most twice importing the ORM (well under half a second on a quiet machine).

Each is run RUNS times after one warm-up run (the operating system's file cache), and the
median is printed with the worst.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 9
SCRIPT = Path(sys.executable).with_name("dutyroom")  # the console script a person runs
DUTYROOM = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "dutyroom"]


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    subprocess.run(command, capture_output=True, env=env, check=False)  # warm the file cache
    seconds = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env, check=False)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), max(seconds)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="dutyroom-cli-bench-") as folder:
        env = {**os.environ, "DUTYROOM_LOG_DIR": folder, "QT_QPA_PLATFORM": "offscreen"}
        database = str(Path(folder) / "demo.sqlite3")
        subprocess.run([*DUTYROOM, "init", "--demo", "--db", database], capture_output=True,
                       env=env, check=True)
        bare, bare_worst = timed([sys.executable, "-c", "pass"], env)
        print(f"python -c pass: {bare:.3f} s median, {bare_worst:.3f} s worst ({RUNS} runs)")
        # The floor of any command that reads the database: the ORM itself.
        orm, _ = timed([sys.executable, "-c", "import sqlalchemy.orm"], env)
        print(f"python -c 'import sqlalchemy.orm': {orm:.3f} s median, {orm / bare:.1f}× a bare start")
        cases = [
            ("dutyroom --help", ["--help"], False),
            ("dutyroom --version", ["--version"], False),
            ("dutyroom frobnicate (a mistyped command)", ["frobnicate"], False),
            ("dutyroom staff --help", ["staff", "--help"], False),
            ("dutyroom staff list (30 people)", ["staff", "list", "--db", database], True),
            ("dutyroom calendar show 2026", ["calendar", "show", "2026", "--db", database], True),
            ("dutyroom alerts", ["alerts", "--db", database], True),
        ]
        for title, args, reads in cases:
            median, worst = timed([*DUTYROOM, *args], env)
            against = (f"{median / orm:.2f}× importing the ORM (target ≤ 2)" if reads
                       else f"{median / bare:.1f}× a bare start (target ≤ 2.5)")
            print(f"{title}: {median:.3f} s median, {worst:.3f} s worst; {against}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
