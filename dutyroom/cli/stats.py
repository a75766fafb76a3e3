"""`dutyroom stats`: duty and reporting statistics for a period (信息报送考核), as JSON,
a table, or an Excel workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from dutyroom.cli.base import EXIT_OK, Context, handles


def wire_stats(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="first", required=True, metavar="YYYY-MM-DD", help="第一天")
    parser.add_argument("--to", dest="last", required=True, metavar="YYYY-MM-DD", help="最后一天（含）")
    parser.add_argument("--out", metavar="FILE.xlsx", help="另存为 Excel 工作簿（每张表一页）")
    parser.add_argument("--pdf", metavar="FILE.pdf", help="另存为打印的值班工作月报（含图表）")
    handles(parser, stats)


def stats(ctx: Context) -> int:
    from dutyroom.domain import calendar
    from dutyroom.domain.statistics import rate_text
    from dutyroom.services import statistics_service

    first = calendar.parse_date(ctx.args.first, "from")
    last = calendar.parse_date(ctx.args.last, "to")
    uow = ctx.open().uow
    if ctx.args.out:
        result = statistics_service.export_workbook(uow, first, last, Path(ctx.args.out))
    else:
        result = statistics_service.period_statistics(uow, first, last)
    document = statistics_service.as_json(result)
    if ctx.args.out:
        document["out"] = ctx.args.out
    if ctx.args.pdf:
        from dutyroom.services.roster_files import write_file

        printed = statistics_service.monthly_document(uow, first, last)
        write_file(Path(ctx.args.pdf), printed.data)
        document["pdf"], document["pages"] = ctx.args.pdf, printed.pages

    def table() -> str:
        r, d, c, p = result.reports, result.dispatch, result.sign_ins, result.presence
        lines = [f"{first:%Y-%m-%d} 至 {last:%Y-%m-%d}",
                 f"信息报送：应报 {r.due}，按时 {r.on_time}，迟报 {r.late}，超时未报 {r.overdue}，"
                 f"漏报事件 {result.missing_incidents} 起，按时率 {rate_text(r.rate)}",
                 f"派单到场：应到 {d.due}，按时 {d.on_time}，迟到 {d.late}，未到 {d.not_arrived}",
                 f"接班签到：应签 {c.due}，按时 {c.on_time}，迟签 {c.late}，未签 {c.missed}",
                 f"在岗确认：应确认 {p.due}，按时 {p.on_time}，超时 {p.late}，未确认 {p.missed}",
                 f"上级查岗：{result.spot_checks} 次，按规定应答 {result.spot_within_rule} 次"]
        lines += [f"已另存：{name}" for name in (ctx.args.out, ctx.args.pdf) if name]
        return "\n".join(lines)

    ctx.out.emit(document, table)
    return EXIT_OK
