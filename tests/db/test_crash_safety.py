"""SIGKILL during writes loses nothing that was reported saved (benchmarks/crash_harness.py;
the full run there does 200 kills, this one a handful so every CI run does some)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

HARNESS = Path(__file__).parents[2] / "benchmarks" / "crash_harness.py"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_writers_leave_a_sound_file_with_every_saved_action():
    result = subprocess.run([sys.executable, str(HARNESS), "--kills", "8", "--seed", "7", "--json"],
                            capture_output=True, text=True, timeout=300, check=False)
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["failures"] == [], report["failures"]
    assert result.returncode == 0
    assert report["kills"] == 8 and report["saved"] > 8
    assert all(count > 0 for count in report["by_kind"].values()), report["by_kind"]
