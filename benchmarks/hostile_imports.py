"""Refusing a file that is far too big, in time and memory: a 100 MB CSV of staff rows and an
.xlsx of three million rows (about 25 MB), each imported as a staff list in a process of its
own, with the time to the refusal and the process's peak memory. Baseline in the same run:
a process that only opens the desk database, so the figure is what the refusal adds.

Files are built once into benchmarks/data/ (the .xlsx takes a few minutes).
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
DATA = HERE / "data"
CHILD = """
import resource, sys, time
from pathlib import Path
from dutyroom.app import open_backend
from dutyroom.services import import_export
from dutyroom.services.errors import InputError
backend = open_backend(Path(sys.argv[1]), "bench")
started = time.perf_counter()
message = "(no file)"
if sys.argv[2] != "-":
    try:
        import_export.import_staff_file(backend.uow, Path(sys.argv[2]))
        message = "accepted"
    except InputError as error:
        message = error.one_line()
seconds = time.perf_counter() - started
print(f"{seconds:.3f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} {message}")
"""


def build_csv(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["姓名", "值班层级", "手机", "部门", "职务"])
        n = 0
        while handle.tell() < 100 * 1024 * 1024:
            writer.writerow([f"值班员{n}", "值班员", f"138{n % 10**8:08d}", "党政综合办公室", "科员"])
            n += 1


def build_xlsx(path: Path, rows: int = 3_000_000) -> None:
    """Three million short rows: under the size limit, so only the row count refuses it."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["姓名", "值班层级", "手机"])
    for n in range(rows):
        sheet.append([n % 10, None, None])
    book.save(path)


def measure(database: Path, file: str) -> tuple[float, int, str]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(database), file], capture_output=True,
                         text=True, check=True).stdout.split(" ", 2)
    return float(out[0]), int(out[1]), out[2].strip()


def main() -> int:
    DATA.mkdir(exist_ok=True)
    big_csv, big_xlsx = DATA / "staff-100mb.csv", DATA / "staff-3m-short-rows.xlsx"
    for path, build in ((big_csv, build_csv), (big_xlsx, build_xlsx)):
        if not path.exists():
            started = time.perf_counter()
            build(path)
            print(f"built {path.name}: {path.stat().st_size / 1_048_576:.0f} MB in "
                  f"{time.perf_counter() - started:.0f} s")
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "desk.sqlite3"
        measure(database, "-")  # creates the database
        _, base_mb, _ = measure(database, "-")
        print(f"baseline (open the desk database): peak {base_mb} MB")
        for label, path in (("100 MB CSV", big_csv), ("3 M-row .xlsx", big_xlsx)):
            seconds, peak, message = measure(database, str(path))
            print(f"{label} ({path.stat().st_size / 1_048_576:.0f} MB) refused in {seconds:.2f} s, "
                  f"peak {peak} MB (+{peak - base_mb} MB) (target ≤ 5 s and ≤ +100 MB)")
            print(f"  said: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
