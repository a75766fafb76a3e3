"""`dutyroom handover print`: the handover record of a shift, as a PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from dutyroom.cli.base import EXIT_OK, Context, handles
from dutyroom.cli.parsing import actions


def wire_handover(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    handover = actions(parser, "handover_command")
    printing = handover.add_parser("print", parents=[common],
                                   help="打印某日开始的班次的交接班记录（PDF）")
    printing.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    printing.add_argument("--out", required=True, metavar="FILE.pdf")
    handles(printing, print_handover)


def print_handover(ctx: Context) -> int:
    from dutyroom.domain import calendar
    from dutyroom.services import handover_service, roster_files

    day = calendar.parse_date(ctx.args.date, "date")
    document = handover_service.handover_document(ctx.open().uow, day)
    path = Path(ctx.args.out)
    roster_files.write_file(path, document.data)
    ctx.out.emit({"out": str(path), "pages": document.pages},
                 lambda: f"已生成 {day:%Y-%m-%d} 班次的交接班记录（{document.pages} 页）：{path}")
    return EXIT_OK
