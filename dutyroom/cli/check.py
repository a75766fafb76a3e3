"""`dutyroom check`: integrity, the audit chain, and every record against its audited state."""

from __future__ import annotations

import argparse

from dutyroom.cli.base import EXIT_FAILURE, EXIT_OK, Context, handles


def wire_check(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    handles(parser, check)


def check(ctx: Context) -> int:
    from dutyroom.services import check_service

    backend = ctx.open(prepare=False)
    report = check_service.run_check(backend.uow, backend.engine)
    lines = [f"检查通过：数据库完好，审计链 {report.audit_entries} 条记录无断裂"] if report.ok \
        else ["发现问题："] + [f"  - {p}" for p in report.problems]
    ctx.out.emit({"ok": report.ok, "problems": report.problems}, lambda: "\n".join(lines))
    return EXIT_OK if report.ok else EXIT_FAILURE
