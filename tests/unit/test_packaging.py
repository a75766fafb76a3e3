"""What an install ships: every folder declared (so setuptools warns of nothing), and
`make clean` taking away what a build leaves."""

import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _folders(top: Path, package: str) -> set[str]:
    return {package} | {f"{package}.{'.'.join(d.relative_to(top).parts)}" for d in top.rglob("*")
                        if d.is_dir() and "__pycache__" not in d.parts}


def test_every_folder_that_ships_is_a_declared_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    on_disk = _folders(ROOT / "dutyroom", "dutyroom") | _folders(ROOT / "resources", "dutyroom.resources")
    assert set(config["packages"]) == on_disk
    assert config["package-dir"] == {"dutyroom.resources": "resources"}
    for package in config["package-data"]:
        assert package in on_disk, package


def test_make_clean_removes_the_build_folders():
    planned = subprocess.run(["make", "-n", "clean"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    assert {"build", "dist", ".venv"} <= set(planned)
