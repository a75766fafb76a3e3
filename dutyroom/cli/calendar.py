"""`dutyroom calendar show|import` and `dutyroom period add`: which days are which."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from dutyroom.cli.base import EXIT_OK, Context, handles, range_options, render_table, whole_number
from dutyroom.cli.parsing import actions


def wire_calendar(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    calendar = actions(parser, "calendar_command")
    show = calendar.add_parser("show", parents=[common], help="列出一年中每天的类型")
    show.add_argument("year", type=whole_number, metavar="YEAR")
    handles(show, show_year)
    importing = calendar.add_parser("import", parents=[common],
                                    help="载入节假日安排（CSV：date,kind,name）")
    importing.add_argument("file", metavar="FILE")
    handles(importing, import_calendar)


def wire_period(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    period = actions(parser, "period_command")
    add = period.add_parser("add", parents=[common], help="添加敏感时期")
    add.add_argument("--name", required=True, help="名称，例如 全国两会")
    range_options(add)
    handles(add, add_period)


def show_year(ctx: Context) -> int:
    from dutyroom.domain import calendar
    from dutyroom.domain.calendar import Source
    from dutyroom.services import roster_calendar
    from dutyroom.services.errors import InputError, Problem

    year = ctx.args.year
    if not 1900 <= year <= 2200:
        raise InputError([Problem(f"年份 {year} 超出范围（1900—2200）", field="year")])
    days = roster_calendar.calendar_days(ctx.open().uow, date(year, 1, 1), date(year, 12, 31))
    document = [{"date": d.day.isoformat(), "kind": d.kind.value, "name": d.name,
                 "source": d.source.value} for d in days]
    sources = {Source.BUILTIN: "国务院安排", Source.USER: "本室设定", Source.ASSUMED: "推定"}

    def table() -> str:
        lines = render_table(["日期", "星期", "类型", "名称", "来源"], [
            [d.day.isoformat(), d.weekday_label, d.kind.label, d.name, sources[d.source]]
            for d in days])
        assumed = calendar.assumed_years(days)
        warning = (f"\n注意：{assumed[0]} 年尚未载入国务院节假日安排，周末和工作日为推定，"
                   "请用 dutyroom calendar import 载入。") if assumed else ""
        return lines + warning

    ctx.out.emit(document, table)
    return EXIT_OK


def import_calendar(ctx: Context) -> int:
    from dutyroom.services import roster_files

    count = roster_files.import_calendar(ctx.open().uow, Path(ctx.args.file)).value
    ctx.out.emit({"imported": count}, lambda: f"已载入 {count} 天")
    return EXIT_OK


def add_period(ctx: Context) -> int:
    from dutyroom.services import roster_calendar

    start, end = roster_calendar.parse_range(ctx.args.start, ctx.args.end)
    period = roster_calendar.add_period(ctx.open().uow, ctx.args.name, start, end).value
    ctx.out.emit({"id": period.id}, lambda: f"已添加敏感时期 #{period.id}：{period.name}"
                 f"（{period.start} 至 {period.end}）")
    return EXIT_OK
