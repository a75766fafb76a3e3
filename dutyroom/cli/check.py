"""`dutyroom check [--anchor N:HASH]`: integrity, the audit chain, every record against its
audited state, and that the chain still holds an anchor printed on a signed handover. Any
damage, even a file that is not a database, is a problem in the report, never a crash."""

from __future__ import annotations

import argparse

from dutyroom.cli.base import EXIT_FAILURE, EXIT_OK, Context, handles
from dutyroom.services.errors import InputError


def wire_check(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    parser.add_argument("--anchor", action="append", metavar="N:HASH",
                        help="交接班记录上印的审计链锚点，核对审计链仍含这一条（可多次给出）")
    handles(parser, check)


def check(ctx: Context) -> int:
    from dutyroom.domain.anchors import parse_anchor
    from dutyroom.services import integrity_service, setup_service

    anchors = tuple(parse_anchor(a, "anchor") for a in ctx.args.anchor or ())
    try:
        backend = ctx.open(prepare=False)
    except InputError as error:
        if not setup_service.names_a_file(getattr(ctx.args, "db", None)):
            raise  # nothing there to check: a mistyped --db is bad input, as for any command
        # A file that is there but holds no Dutyroom database (empty, another program's,
        # a pipe): damage to report, like any other.
        found = error.one_line()
        ctx.out.emit({"ok": False, "problems": [found], "head": None},
                     lambda: f"发现问题：\n  - {found}")
        return EXIT_FAILURE
    report = integrity_service.run_check(backend.uow, backend.engine, anchors)
    head = str(report.head) if report.head else None
    lines = [f"检查通过：数据库完好，审计链 {report.audit_entries} 条记录无断裂，每条记录与审计记录一致"] \
        if report.ok else ["发现问题："] + [f"  - {p}" for p in report.problems]
    if report.head:
        lines.append(f"审计链锚点：{report.head.readable()}（{head}）")
    ctx.out.emit({"ok": report.ok, "problems": report.problems, "head": head},
                 lambda: "\n".join(lines))
    return EXIT_OK if report.ok else EXIT_FAILURE

