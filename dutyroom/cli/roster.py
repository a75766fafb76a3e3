"""`dutyroom roster generate|show|export|import`: the duty roster."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from dutyroom.cli.base import EXIT_OK, Context, handles, range_options, render_table, whole_number
from dutyroom.cli.parsing import actions

# The PDF layouts of services.roster_files.PDF_LAYOUTS, named here so that reading the
# command line loads no service (tests/cli/test_cli_usage.py checks they agree).
PDF_LAYOUTS = ("grid", "list")


def wire_roster(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    roster = actions(parser, "roster_command")
    generate = roster.add_parser("generate", parents=[common], help="自动排满空班次")
    range_options(generate)
    handles(generate, generate_roster)
    show = roster.add_parser("show", parents=[common], help="显示值班表")
    range_options(show)
    handles(show, show_roster)
    export = roster.add_parser("export", parents=[common], help="导出值班表")
    range_options(export)
    export.add_argument("--format", required=True, choices=["xlsx", "csv", "ics", "pdf"])
    export.add_argument("--out", required=True, metavar="FILE")
    export.add_argument("--staff", type=whole_number, metavar="ID", help="只导出此人的班次（ics）")
    export.add_argument("--layout", choices=PDF_LAYOUTS, default="grid",
                        help="PDF 版式：grid 月历（默认），list 报备名单（含手机）")
    handles(export, export_roster)
    importing = roster.add_parser("import", parents=[common], help="导入办公室格式的值班表 .xlsx")
    importing.add_argument("file", metavar="FILE")
    handles(importing, import_roster)


def generate_roster(ctx: Context) -> int:
    from dutyroom.domain.roster import Method
    from dutyroom.services import roster_calendar, roster_service

    start, end = roster_calendar.parse_range(ctx.args.start, ctx.args.end)
    report = roster_service.generate(ctx.open().uow, start, end).value
    document = {
        # One entry a seat: a two-officer day lists both officers, each as "officer".
        "assignments": [{"date": d.isoformat(), "tier": seat.tier.value, "staff_id": p.id,
                         "name": p.name, "phone": p.mobile} for d, seat, p in report.assignments],
        "unfilled": [{"date": u.day.isoformat(), "tier": u.tier.value, "reason": u.reason}
                     for u in report.unfilled],
        "stats": {
            "filled": len(report.assignments),
            "method": report.method.value,  # optimal | best_found | greedy (solver missing)
            "spread": {f"{t.value}/{c.value}": n for (t, c), n in report.spreads.items()},
            "people": [{"staff_id": r.staff.id, "name": r.staff.name, "tier": r.staff.tier.value,
                        "workday": r.workday, "weekend": r.weekend, "holiday": r.holiday}
                       for r in report.fairness],
        },
    }

    def table() -> str:
        lines = [f"已排 {len(report.assignments)} 个班次（{start} 至 {end}）"]
        if report.unfilled:  # impossible only where a slot's own reason proves it
            lines.append(f"未排上 {len(report.unfilled)} 个班次（原因逐个列出）：")
            lines += [f"  - {u.describe()}" for u in report.unfilled]
        if report.method is Method.BEST_FOUND:
            lines.append("这是限时内找到的最佳排班，未证明最优")
        elif report.method is Method.GREEDY and report.note:
            lines.append(str(report.note))
        return "\n".join(lines)

    ctx.out.emit(document, table)
    return EXIT_OK


def show_roster(ctx: Context) -> int:
    from dutyroom.domain import calendar
    from dutyroom.domain.tiers import Tier
    from dutyroom.services import roster_calendar, roster_files, roster_service

    start, end = roster_calendar.parse_range(ctx.args.start, ctx.args.end)
    view = roster_service.roster_view(ctx.open().uow, start, end)
    rows = list(roster_files.export_rows(view))

    def table() -> str:
        body = render_table(["日期", "星期", "层级", "姓名", "手机"], [
            [r["date"], "星期" + calendar.WEEKDAY_NAMES[date.fromisoformat(str(r["date"])).weekday()],
             Tier(str(r["tier"])).label, r["name"], r["phone"]] for r in rows])
        gaps = [b.describe() for b in view.breaks]
        return body + ("\n待处理：\n" + "\n".join(f"  - {g}" for g in gaps) if gaps else "")

    ctx.out.emit({"assignments": rows}, table)
    return EXIT_OK


def export_roster(ctx: Context) -> int:
    from dutyroom.services import roster_calendar, roster_files

    args = ctx.args
    start, end = roster_calendar.parse_range(args.start, args.end)
    path = roster_files.export_roster(ctx.open().uow, start, end, args.format, Path(args.out),
                                      staff_id=args.staff, layout=args.layout)
    ctx.out.emit({"out": str(path)}, lambda: f"已导出：{path}")
    return EXIT_OK


def import_roster(ctx: Context) -> int:
    from dutyroom.services import roster_files

    count = roster_files.import_roster(ctx.open().uow, Path(ctx.args.file)).value
    ctx.out.emit({"imported": count}, lambda: f"已导入 {count} 个班次")
    return EXIT_OK
