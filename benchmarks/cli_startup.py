"""How soon the command line answers: each command a new process, timed from the parent.

A bare `python -c pass` is measured in the same run, so the figures can be read on any
machine: what Dutyroom adds is the time over it, and the ratio says how many bare starts
a command costs. The targets are on the time over bare Python, what Dutyroom can change:
`--help`, `--version` and a mistyped command load no database code (≤ 0.10 s over bare);
a listing on an existing database (`staff list` on the sample town) stays well under half
a second in all (≤ 0.35 s over bare). Importing SQLAlchemy's ORM is timed too: it is the
floor of any command that reads the database.

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
        print(f"python -c 'import sqlalchemy.orm': {orm:.3f} s median, {orm / bare:.1f}× bare Python")
        cases = [
            ("dutyroom --help", ["--help"], 0.10),
            ("dutyroom --version", ["--version"], 0.10),
            ("dutyroom frobnicate (a mistyped command)", ["frobnicate"], 0.10),
            ("dutyroom staff --help", ["staff", "--help"], 0.10),
            ("dutyroom staff list (30 people)", ["staff", "list", "--db", database], 0.35),
            ("dutyroom calendar show 2026", ["calendar", "show", "2026", "--db", database], None),
            ("dutyroom alerts", ["alerts", "--db", database], None),
        ]
        for title, args, target in cases:
            median, worst = timed([*DUTYROOM, *args], env)
            over = median - bare
            goal = f" (target ≤ {target:.2f} s over bare Python)" if target is not None else ""
            print(f"{title}: {median:.3f} s median, {worst:.3f} s worst; {over:.3f} s over bare "
                  f"Python, {median / bare:.1f}× its start{goal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
