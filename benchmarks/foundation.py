"""Figures for the foundation: open, import, check. Prints one line per measurement."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from dutyroom.app import open_backend
from dutyroom.services import import_export, integrity_service, staff_service


def timed(fn, repeat: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def staff_workbook(path: Path, rows: int) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "值班层级", "手机", "部门", "职务", "办公电话"])
    tiers = ["主要领导", "带班领导", "值班员", "值班员", "值班员"]
    for i in range(rows):
        sheet.append([f"人员{i:05d}", tiers[i % 5], f"139{i:08d}", "党政办", "科员", ""])
    book.save(path)
    return path


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.sqlite3"
        open_backend(db, "bench").close()
        seconds, _ = timed(lambda: open_backend(db, "bench").close(), repeat=10)
        print(f"open an up-to-date database (engine, schema check): {seconds * 1000:.1f} ms median")

        backend = open_backend(db, "bench")
        rows = 2000
        book = staff_workbook(Path(folder) / "staff.xlsx", rows)
        start = time.perf_counter()
        preview = import_export.preview_staff_file(backend.uow, book)
        preview_s = time.perf_counter() - start
        start = time.perf_counter()
        count = import_export.import_staff_file(backend.uow, book).value
        import_s = time.perf_counter() - start
        print(f"preview {rows}-row staff .xlsx: {preview_s * 1000:.0f} ms "
              f"({len(preview.rows)} rows, {len(preview.problems)} problems)")
        print(f"import {count} people (validate, insert, audit each): {import_s * 1000:.0f} ms")

        people = staff_service.list_staff(backend.uow)
        for round_ in range(3):
            for person in people[:1000]:
                staff_service.update_staff(backend.uow, person.id, {
                    "name": person.name, "tier": person.tier, "mobile": person.mobile,
                    "position": f"第 {round_} 次调整"})
        seconds, report = timed(lambda: integrity_service.run_check(backend.uow, backend.engine),
                                repeat=3)
        print(f"check with {report.audit_entries} audit entries and {rows} people: "
              f"{seconds * 1000:.0f} ms median, ok={report.ok}")
        seconds, people = timed(lambda: staff_service.list_staff(backend.uow))
        print(f"list {len(people)} people: {seconds * 1000:.1f} ms median")
        backend.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
