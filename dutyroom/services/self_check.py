"""The self-test's second half: every library the app loads only when first used.

Opening the pages proves Qt and the database work. A standalone build can still lack a
module PyInstaller did not see (the migration scripts, a font, ReportLab's data), and that
would only show when the officer first prints or exports, at the worst moment. So
`gui --selftest` also builds each kind of file once, in a temporary folder, and hashes a
password.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from dutyroom.db import migrate
from dutyroom.services import handover_service, import_export, roster_files, user_service
from dutyroom.services.uow import UnitOfWork


def _migrations() -> bool:
    return migrate.head_revision() == migrate.HEAD


def _printout(uow: UnitOfWork) -> bool:
    day = handover_service.handover_day(uow)
    return handover_service.handover_document(uow, day).data.startswith(b"%PDF")


def _exports(uow: UnitOfWork, folder: Path) -> bool:
    day = handover_service.handover_day(uow)
    written = [roster_files.export_roster(uow, day, day + timedelta(days=6), fmt,
                                          folder / f"rota.{fmt}")
               for fmt in ("xlsx", "ics")]
    return all(p.stat().st_size > 0 for p in written) and bool(
        import_export.read_table(written[0]).headers)


def run_checks(uow: UnitOfWork) -> list[str]:
    """The problems found, in Chinese; empty when everything works."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="dutyroom-selftest-") as name:
        folder = Path(name)
        checks: list[tuple[str, Callable[[], bool]]] = [
            ("数据库升级脚本（Alembic）", _migrations),
            ("打印（ReportLab 和中文字体）", lambda: _printout(uow)),
            ("导出 Excel 和日历（openpyxl、icalendar）", lambda: _exports(uow, folder)),
            ("密码校验（argon2）", user_service.hashing_works),
        ]
        for label, check in checks:
            try:
                ok = check()
            except Exception as error:  # the self-test reports, it does not crash
                problems.append(f"{label}：{type(error).__name__}: {error}")
                continue
            if not ok:
                problems.append(f"{label}：结果不正确")
    return problems
