"""`dutyroom incident add|list|report`: the duty log's incidents and their reports upward."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from dutyroom.cli.base import EXIT_OK, Context, desk_zone, handles, local_iso, render_table, whole_number
from dutyroom.cli.parsing import actions

if TYPE_CHECKING:
    from dutyroom.services.incident_records import DeadlineView


def wire_incident(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    incident = actions(parser, "incident_command")
    add = incident.add_parser("add", parents=[common], help="从 JSON 文件登记一起接报的事件")
    add.add_argument("--file", required=True, metavar="FILE")
    handles(add, add_incident)
    listing = incident.add_parser("list", parents=[common], help="列出和搜索事件")
    listing.add_argument("--search", metavar="TEXT", help="标题、概要、地点或报告人中的文字")
    listing.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    listing.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
    handles(listing, list_incidents)
    report = incident.add_parser("report", parents=[common], help="记录一次向上报送")
    report.add_argument("id", type=whole_number, metavar="ID")
    report.add_argument("--stage", required=True, choices=["first", "update", "final"])
    report.add_argument("--channel", required=True, choices=["phone", "written"])
    report.add_argument("--at", dest="sent_at", metavar="TIME", help="报送时间（默认现在）")
    report.add_argument("--reason", metavar="TEXT",
                        help="补录原因（报送时间早于现在超过补录界限时记入；不填则记为「命令行补录，未填写原因」）")
    handles(report, record_report)
    update = incident.add_parser("update", parents=[common],
                                 help="从 JSON 文件（只含要改的字段）修改一起事件")
    update.add_argument("id", type=whole_number, metavar="ID")
    update.add_argument("--file", required=True, metavar="FILE")
    update.add_argument("--note", metavar="TEXT", help="修改说明")
    update.add_argument("--version", type=whole_number, metavar="N", help="存储的版本不再是 N 时拒绝")
    handles(update, update_incident)


def deadlines(views: Sequence[DeadlineView], zone: ZoneInfo) -> list[dict[str, Any]]:
    return [{"kind": d.kind, "due": local_iso(d.due, zone), "met_at": local_iso(d.met_at, zone),
             "late": d.late} for d in views]


def deadline_lines(views: Sequence[DeadlineView], zone: ZoneInfo) -> list[str]:
    lines = []
    for d in views:
        state = ("（迟报）" if d.late else "（已完成）") if d.met_at else ""
        lines.append(f"  {d.label}：{d.due.astimezone(zone):%Y-%m-%d %H:%M} 前{state}")
    return lines


def add_incident(ctx: Context) -> int:
    from dutyroom.services import import_export, incident_service
    from dutyroom.services.errors import InputError

    path = Path(ctx.args.file)
    values = import_export.read_json_object(path)
    backend = ctx.open()
    try:
        saved = incident_service.add_incident(backend.uow, values).value
    except InputError as error:
        raise InputError(error.problems, source=str(path)) from None
    zone = desk_zone(backend)
    ctx.out.emit({"id": saved.id, "deadlines": deadlines(saved.deadlines, zone)},
                 lambda: "\n".join([f"已登记事件 #{saved.id}，报送时限：",
                                    *deadline_lines(saved.deadlines, zone)]))
    return EXIT_OK


def list_incidents(ctx: Context) -> int:
    from dutyroom.domain import calendar
    from dutyroom.domain.incidents import CATEGORY_LABELS, LEVEL_SHORT, STATUS_LABELS, Category, Level, Status
    from dutyroom.services import incident_views
    from dutyroom.services.errors import InputError, Problem

    args = ctx.args
    start = calendar.parse_date(args.start, "from") if args.start else None
    end = calendar.parse_date(args.end, "to") if args.end else None
    if start and end and end < start:
        raise InputError([Problem("结束日期早于开始日期", field="to")])
    backend = ctx.open()
    query = incident_views.IncidentQuery(start=start, end=end, text=args.search or "")
    rows: list[incident_views.IncidentRow] = []
    after = None
    while True:
        page = incident_views.list_incidents(backend.uow, query, after, limit=500)
        rows += page.rows
        if not page.more:
            break
        after = (page.rows[-1].received_at, page.rows[-1].id)
    zone = desk_zone(backend)
    document = [{"id": r.id, "received_at": local_iso(r.received_at, zone), "title": r.title,
                 "category": r.category, "level": r.level, "status": r.status} for r in rows]
    ctx.out.emit(document, lambda: render_table(
        ["编号", "接报时间", "级别", "类别", "状态", "标题"],
        [[r.id, f"{r.received_at.astimezone(zone):%Y-%m-%d %H:%M}",
          LEVEL_SHORT[Level(r.level)], CATEGORY_LABELS[Category(r.category)],
          STATUS_LABELS[Status(r.status)], r.title] for r in rows]))
    return EXIT_OK


# What a 补录 from the command line without --reason records as its reason: the contract
# lets scripts record past reports, and the log must still show it was entered late.
UNEXPLAINED = "命令行补录，未填写原因"


def record_report(ctx: Context) -> int:
    from dutyroom.services import upward_reports

    args = ctx.args
    backend = ctx.open()
    saved = upward_reports.record_report(backend.uow, args.id, args.stage, args.channel,
                                           sent_at=args.sent_at, entry_reason=args.reason or "",
                                           unexplained=UNEXPLAINED).value
    zone = desk_zone(backend)
    lateness = "（迟报）" if saved.late else ""
    ctx.out.emit({"id": saved.id, "report_id": saved.report_id, "late": saved.late,
                  "due": local_iso(saved.due_at, zone),
                  "deadlines": deadlines(saved.deadlines, zone)},
                 lambda: "\n".join([f"已记录事件 #{saved.id} 的报送{lateness}，报送时限：",
                                    *deadline_lines(saved.deadlines, zone)]))
    return EXIT_OK


def update_incident(ctx: Context) -> int:
    """A new revision from a file of the fields that change; a stale --version is bad input."""
    from dutyroom.services import import_export, incident_service
    from dutyroom.services.errors import ConflictError, InputError, Problem

    args = ctx.args
    path = Path(args.file)
    values = import_export.read_json_object(path)
    backend = ctx.open()
    try:
        saved = incident_service.update_incident(backend.uow, args.id, args.version, values,
                                                 args.note or "").value
    except InputError as error:
        raise InputError(error.problems, source=str(path)) from None
    except ConflictError as error:  # another desk saved since version N
        raise InputError([Problem(error.message, field="version")]) from None
    zone = desk_zone(backend)
    ctx.out.emit({"id": saved.id, "version": saved.version,
                  "deadlines": deadlines(saved.deadlines, zone)},
                 lambda: "\n".join([f"已修改事件 #{saved.id}（第 {saved.version} 版），报送时限：",
                                    *deadline_lines(saved.deadlines, zone)]))
    return EXIT_OK
