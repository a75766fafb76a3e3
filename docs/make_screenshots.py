"""Pictures of every page and dialog for the README, and for looking at before a release.

Each language and screen size runs the tour of tests/ui/layout_probe.py (the one the layout
test walks) in a process of its own under Xvfb, so Qt draws with a real window system:

    make screenshots                     # 1280×720, Chinese and English, into docs/screenshots/
    python docs/make_screenshots.py --size 1920x1080 --out /tmp/shots

The 1280×720 pictures are the README's: the smallest office screen the layout is made for.
A Chinese picture is named after its page (today.png), an English one gets -en (today-en.png).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROBE = HERE.parent / "tests" / "ui" / "layout_probe.py"


# The dialogs kept beside the pages (--all keeps every one).
DIALOGS = {"intake-refused", "report", "dispatch", "presence", "staff-import", "calendar-import",
           "generate", "print-preview", "setup-3"}


def shoot(language: str, size: str, out: Path, everything: bool = False) -> list[str]:
    """Run the tour on an Xvfb screen of `size`; the problems the probe found."""
    width, height = size.split("x")
    with tempfile.TemporaryDirectory() as folder:
        run = subprocess.run(
            ["xvfb-run", "-a", "-s", f"-screen 0 {width}x{height}x24", sys.executable, str(PROBE),
             "--language", language, "--size", size, "--shots", folder],
            capture_output=True, text=True, check=False,
            env={**os.environ, "QT_QPA_PLATFORM": "xcb"})
        if run.returncode != 0:
            raise SystemExit(f"{language} {size}: {run.stderr[-2000:]}")
        report = json.loads(run.stdout)
        kept = set(report["pages"]) | (set(report["dialogs"]) if everything else DIALOGS)
        suffix = "" if language == "zh_CN" else "-en"
        out.mkdir(parents=True, exist_ok=True)
        for picture in sorted(Path(folder).glob("*.png")):
            if picture.stem in kept:
                shutil.copy(picture, out / f"{picture.stem}{suffix}.png")
        return report["problems"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--language", action="append", choices=["zh_CN", "en"])
    parser.add_argument("--out", type=Path, default=HERE / "screenshots")
    parser.add_argument("--all", action="store_true", help="every dialog, not only the main ones")
    args = parser.parse_args()
    problems = []
    for language in args.language or ["zh_CN", "en"]:
        problems += shoot(language, args.size, args.out, args.all)
        print(f"{language} {args.size}: {args.out}")
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
