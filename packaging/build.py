"""Build the standalone Dutyroom folder and check that the built program works.

    python packaging/build.py              build into dist/dutyroom/, then check it
    python packaging/build.py --check-only check an existing dist/dutyroom/

The same script runs on Linux and on Windows (`py -3.11 packaging\\build.py`); PyInstaller
builds for the system it runs on. The app is installed from source into a clean virtual
environment (build/venv) with PyInstaller, so the folder holds exactly the declared
dependencies and nothing the developer happened to have installed.

The check runs the built program, offscreen, the way a desk would first use it:
`init --demo` on a new database, then `gui --selftest` on it (every page opened and
painted; a printout, an Excel and a calendar export, a password hash), once more with the
interface in English (Linux), and `check`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
DIST = ROOT / "dist"
VENV = BUILD / "venv"
PYINSTALLER = "pyinstaller>=6.10,<7"
WINDOWS = sys.platform == "win32"


def _python() -> Path:
    return VENV / ("Scripts/python.exe" if WINDOWS else "bin/python")


def program(name: str = "dutyroom") -> Path:
    return DIST / "dutyroom" / (f"{name}.exe" if WINDOWS else name)


def _run(command: list[str | Path], shown: str = "", **kwargs: object) -> subprocess.CompletedProcess[str]:
    print("$ " + (shown or " ".join(str(c) for c in command)), flush=True)
    return subprocess.run([str(c) for c in command], check=True, text=True, **kwargs)  # type: ignore[call-overload]


def build() -> None:
    if not _python().exists():
        venv.create(VENV, with_pip=True)
    _run([_python(), "-m", "pip", "install", "-q", "--upgrade", "pip"])
    _run([_python(), "-m", "pip", "install", "-q", f"{ROOT}[postgresql]", PYINSTALLER], cwd=BUILD)
    _run([_python(), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
          "--distpath", DIST, "--workpath", BUILD / "pyinstaller",
          ROOT / "packaging" / "dutyroom.spec"], cwd=ROOT / "packaging")


def _folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def check() -> int:
    """Run the built program as a desk would; 0 when everything works."""
    if not program().exists():
        print(f"没有找到构建结果：{program()}（先运行 python packaging/build.py）", file=sys.stderr)
        return 1
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory(prefix="dutyroom-build-check-") as folder:
        db = Path(folder) / "desk.sqlite3"
        started = time.perf_counter()
        made = _run([program(), "--json", "init", "--demo", "--db", db], env=env,
                    capture_output=True, cwd=folder)
        facts = json.loads(made.stdout)
        print(f"init --demo: schema {facts['schema']}, {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        tested = _run([program(), "gui", "--selftest", "--db", db], env=env, capture_output=True,
                      cwd=folder)
        print(tested.stdout.strip())
        print(f"gui --selftest: {time.perf_counter() - started:.1f} s")
        if not WINDOWS:  # QSettings is a file here (the registry on Windows)
            config = Path(folder) / "config"
            (config / "Dutyroom").mkdir(parents=True)
            (config / "Dutyroom" / "Dutyroom.conf").write_text("[ui]\nlanguage=en\n")
            english = _run([program(), "gui", "--selftest", "--db", db],
                           env=dict(env, XDG_CONFIG_HOME=str(config)), capture_output=True,
                           cwd=folder)
            print(english.stdout.strip())
            if not english.stdout.startswith("Self-test passed"):
                print("the English translation did not load", file=sys.stderr)
                return 1
        rota = _run([program(), "--json", "roster", "generate", "--from", "2030-01-01", "--to",
                     "2030-01-31", "--db", db], env=env, capture_output=True, cwd=folder)
        method = json.loads(rota.stdout)["stats"]["method"]
        print(f"roster generate: {method} (OR-Tools CP-SAT in the folder)")
        if method == "greedy":
            print("the rota solver (OR-Tools) did not load in the built program", file=sys.stderr)
            return 1
        checked = _run([program(), "check", "--db", db], env=env, capture_output=True, cwd=folder)
        print(checked.stdout.strip())
        server = os.environ.get("DUTYROOM_TEST_PG")
        if server:  # the PostgreSQL driver is in the folder too
            _run([program(), "--db", server, "staff", "list"],  # the URL holds a password
                 f"{program()} --db $DUTYROOM_TEST_PG staff list", env=env, capture_output=True,
                 cwd=folder)
            print("PostgreSQL driver ok")
    print(f"build check passed: {DIST / 'dutyroom'} ({_folder_mb(DIST / 'dutyroom'):.0f} MB)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check-only", action="store_true", help="only check dist/dutyroom")
    args = parser.parse_args()
    try:
        if not args.check_only:
            BUILD.mkdir(exist_ok=True)
            started = time.perf_counter()
            build()
            print(f"built in {time.perf_counter() - started:.0f} s")
        return check()
    except subprocess.CalledProcessError as error:
        print(f"失败：{' '.join(str(c) for c in error.cmd)} 返回 {error.returncode}", file=sys.stderr)
        for stream in (error.stdout, error.stderr):
            if stream:
                print(stream, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
