"""`dutyroom daily-report`: the 值班日报 of a duty day, as a PDF (and as text to paste)."""

from __future__ import annotations

import argparse
from pathlib import Path

from dutyroom.cli.base import EXIT_OK, Context, handles


def wire_daily_report(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="值班日（自交接班时间起）")
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="写出的 PDF")
    parser.add_argument("--text", metavar="FILE.txt",
                        help="同时写出纯文本（UTF-8），可粘贴到政务微信或 OA 系统")
    handles(parser, daily_report)


def daily_report(ctx: Context) -> int:
    from dutyroom.domain import calendar
    from dutyroom.services import daily_report_service, roster_files

    day = calendar.parse_date(ctx.args.date, "date")
    uow = ctx.open().uow
    document = daily_report_service.daily_document(uow, day)
    path = Path(ctx.args.out)
    roster_files.write_file(path, document.data)
    result: dict[str, object] = {"out": str(path), "pages": document.pages}
    if ctx.args.text:
        text_path = Path(ctx.args.text)
        roster_files.write_file(text_path, daily_report_service.daily_text(uow, day).encode("utf-8"))
        result["text"] = str(text_path)
    ctx.out.emit(result, lambda: f"已生成 {day:%Y-%m-%d} 的值班日报（{document.pages} 页）：{path}")
    return EXIT_OK
