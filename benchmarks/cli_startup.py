"""How soon the command line answers: each command a new process, timed from the parent.

A bare `python -c pass` and `python -c "import sqlalchemy.orm"` (the floor of any command
that reads the database) are measured in the same run, and the targets are ratios to them,
so they read the same on a quiet machine and on a busy one (the 2-core development machine
shared by several test runs is often five times slower than itself): `--help`, `--version`,
a mistyped command and `staff --help` load no database code (≤ 2.5× a bare start: about
0.1 s on a quiet machine); `staff list` on the sample town costs at most twice importing
the ORM (well under half a second on a quiet machine). `calendar show` and `alerts`, which
load the roster and the duty clock, are shown against the same floor.

Every command is run ROUNDS times, one of each in turn (so a burst of load elsewhere falls
on all of them alike), after one warm-up round for the operating system's file cache. The
ratios use each command's fastest run, the least disturbed; the median is printed too.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 11
SCRIPT = Path(sys.executable).with_name("dutyroom")  # the console script a person runs
DUTYROOM = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "dutyroom"]


def once(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, env=env, check=False)
    return time.perf_counter() - started


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="dutyroom-cli-bench-") as folder:
        env = {**os.environ, "DUTYROOM_LOG_DIR": folder, "QT_QPA_PLATFORM": "offscreen"}
        database = str(Path(folder) / "demo.sqlite3")
        subprocess.run([*DUTYROOM, "init", "--demo", "--db", database], capture_output=True,
                       env=env, check=True)
        # (title, command, what it is compared with: None the baselines themselves, "bare"
        # a bare start, "orm" importing the ORM; then its target, if it has one)
        cases = [
            ("python -c pass", [sys.executable, "-c", "pass"], None, None),
            ("python -c 'import sqlalchemy.orm'", [sys.executable, "-c", "import sqlalchemy.orm"],
             None, None),
            ("dutyroom --help", [*DUTYROOM, "--help"], "bare", 2.5),
            ("dutyroom --version", [*DUTYROOM, "--version"], "bare", 2.5),
            ("dutyroom frobnicate (a mistyped command)", [*DUTYROOM, "frobnicate"], "bare", 2.5),
            ("dutyroom staff --help", [*DUTYROOM, "staff", "--help"], "bare", 2.5),
            ("dutyroom staff list (30 people)", [*DUTYROOM, "staff", "list", "--db", database],
             "orm", 2.0),
            ("dutyroom calendar show 2026", [*DUTYROOM, "calendar", "show", "2026", "--db", database],
             "orm", None),
            ("dutyroom alerts", [*DUTYROOM, "alerts", "--db", database], "orm", None),
        ]
        times: dict[str, list[float]] = {title: [] for title, *_ in cases}
        for round_ in range(ROUNDS + 1):
            for title, command, *_ in cases:
                seconds = once(command, env)
                if round_:  # the first round only warms the file cache
                    times[title].append(seconds)
        bare, orm = min(times[cases[0][0]]), min(times[cases[1][0]])
        for title, _, against, target in cases:
            best, median = min(times[title]), statistics.median(times[title])
            if against is None:
                print(f"{title}: {best:.3f} s fastest, {median:.3f} s median ({ROUNDS} runs)")
                continue
            ratio = best / (orm if against == "orm" else bare)
            what = "importing the ORM" if against == "orm" else "a bare start"
            goal = f" (target ≤ {target:g})" if target is not None else ""
            print(f"{title}: {best:.3f} s fastest, {median:.3f} s median; {ratio:.2f}× {what}{goal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
