"""The `dutyroom` command: the GUI with no arguments, and the scripting contract of
shared/CONTRACT.md otherwise. Exit 0 on success, 2 on bad input, 1 on anything else;
never a traceback (those go to the log file).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from dutyroom import __version__
from dutyroom.app import Backend, configure_logging, log, open_backend, os_user, run_gui
from dutyroom.domain import calendar
from dutyroom.domain.calendar import Source
from dutyroom.domain.clock import parse_local_time
from dutyroom.domain.errors import FieldError
from dutyroom.domain.incidents import CATEGORY_LABELS, LEVEL_SHORT, STATUS_LABELS, Category, Level, Status
from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    alert_service,
    backup_service,
    check_service,
    demo,
    field_service,
    handover_service,
    import_export,
    incident_service,
    roster_files,
    roster_service,
    settings_service,
    staff_service,
)
from dutyroom.services.errors import InputError, Problem, ServiceError

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
SOURCE_LABELS = {Source.BUILTIN: "国务院安排", Source.USER: "本室设定", Source.ASSUMED: "推定"}


class UsageError(Exception):
    """argparse found the command line malformed (exit 2, like any bad input)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


@dataclass
class Output:
    as_json: bool

    def emit(self, document: Any, table: Callable[[], str]) -> None:
        if self.as_json:
            json.dump(document, sys.stdout, ensure_ascii=False, indent=2, default=str)
            sys.stdout.write("\n")
        else:
            sys.stdout.write(table() + "\n")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Columns aligned for a terminal, counting a Chinese character as two cells."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths, strict=True)).rstrip()
             for r in cells]
    return "\n".join(lines)


# --- commands --------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace, out: Output) -> int:
    backend = _open(args)
    schema = backend.schema
    assert schema is not None
    document: dict[str, Any] = {"db": schema.db, "schema": schema.schema,
                                "created": schema.created}
    if schema.backup:
        document["backup"] = str(schema.backup)
    lines = [f"数据库：{schema.db}", f"结构版本：{schema.schema}"
             + ("（新建）" if schema.created else "")]
    if schema.upgraded_from:
        lines.append(f"已从 {schema.upgraded_from} 升级，升级前备份：{schema.backup}")
    if args.demo:
        report = demo.seed_demo(backend.uow).value
        document["demo"] = {"staff": report.staff, "departments": report.departments,
                            "duties": report.duties, "incidents": report.incidents}
        lines.append(f"示例数据：{report.staff} 名人员，{report.departments} 个联动单位，"
                     f"{report.duties} 个班次（本月起三个月），{report.incidents} 起事件"
                     if report.staff else "示例数据已存在，未重复加入")
    out.emit(document, lambda: "\n".join(lines))
    return EXIT_OK


def cmd_staff_import(args: argparse.Namespace, out: Output) -> int:
    backend = _open(args)
    count = import_export.import_staff_file(backend.uow, Path(args.file)).value
    out.emit({"imported": count}, lambda: f"已导入 {count} 名人员")
    return EXIT_OK


def cmd_staff_list(args: argparse.Namespace, out: Output) -> int:
    people = staff_service.list_staff(_open(args).uow)
    document = [{"id": p.id, "name": p.name, "tier": p.tier.value, "phone": p.mobile,
                 "department": p.department, "position": p.position} for p in people]
    out.emit(document, lambda: render_table(
        ["编号", "姓名", "值班层级", "手机", "部门", "职务", "状态"],
        [[p.id, p.name, p.tier_label, p.mobile, p.department, p.position,
          "在岗" if p.active else "已停用"] for p in people]))
    return EXIT_OK


def cmd_check(args: argparse.Namespace, out: Output) -> int:
    backend = _open(args, prepare=False)
    report = check_service.run_check(backend.uow, backend.engine)
    lines = [f"检查通过：数据库完好，审计链 {report.audit_entries} 条记录无断裂"] if report.ok \
        else ["发现问题："] + [f"  - {p}" for p in report.problems]
    out.emit({"ok": report.ok, "problems": report.problems}, lambda: "\n".join(lines))
    return EXIT_OK if report.ok else EXIT_FAILURE


def _range(args: argparse.Namespace) -> tuple[date, date]:
    return roster_service.parse_range(args.start, args.end)


def cmd_calendar_show(args: argparse.Namespace, out: Output) -> int:
    if not 1900 <= args.year <= 2200:
        raise InputError([Problem(f"年份 {args.year} 超出范围", field="YEAR")])
    days = roster_service.calendar_days(_open(args).uow, date(args.year, 1, 1),
                                        date(args.year, 12, 31))
    document = [{"date": d.day.isoformat(), "kind": d.kind.value, "name": d.name,
                 "source": d.source.value} for d in days]

    def table() -> str:
        lines = render_table(["日期", "星期", "类型", "名称", "来源"], [
            [d.day.isoformat(), d.weekday_label, d.kind.label, d.name, SOURCE_LABELS[d.source]]
            for d in days])
        assumed = calendar.assumed_years(days)
        warning = (f"\n注意：{assumed[0]} 年尚未载入国务院节假日安排，周末和工作日为推定，"
                   "请用 dutyroom calendar import 载入。") if assumed else ""
        return lines + warning

    out.emit(document, table)
    return EXIT_OK


def cmd_calendar_import(args: argparse.Namespace, out: Output) -> int:
    count = roster_files.import_calendar(_open(args).uow, Path(args.file)).value
    out.emit({"imported": count}, lambda: f"已载入 {count} 天")
    return EXIT_OK


def cmd_period_add(args: argparse.Namespace, out: Output) -> int:
    start, end = _range(args)
    period = roster_service.add_period(_open(args).uow, args.name, start, end).value
    out.emit({"id": period.id}, lambda: f"已添加敏感时期 #{period.id}：{period.name}"
             f"（{period.start} 至 {period.end}）")
    return EXIT_OK


def cmd_roster_generate(args: argparse.Namespace, out: Output) -> int:
    start, end = _range(args)
    report = roster_service.generate(_open(args).uow, start, end).value
    document = {
        "assignments": [{"date": d.isoformat(), "tier": t.value, "staff_id": p.id,
                         "name": p.name, "phone": p.mobile} for d, t, p in report.assignments],
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
        if report.unfilled:
            lines.append(f"无法排上 {len(report.unfilled)} 个班次：")
            lines += [f"  - {u.describe()}" for u in report.unfilled]
        return "\n".join(lines)

    out.emit(document, table)
    return EXIT_OK


def cmd_roster_show(args: argparse.Namespace, out: Output) -> int:
    start, end = _range(args)
    view = roster_service.roster_view(_open(args).uow, start, end)
    rows = list(roster_files.export_rows(view))

    def table() -> str:
        body = render_table(["日期", "星期", "层级", "姓名", "手机"], [
            [r["date"], "星期" + calendar.WEEKDAY_NAMES[date.fromisoformat(str(r["date"])).weekday()],
             Tier(r["tier"]).label, r["name"], r["phone"]] for r in rows])
        gaps = [b.describe() for b in view.breaks]
        return body + ("\n待处理：\n" + "\n".join(f"  - {g}" for g in gaps) if gaps else "")

    out.emit({"assignments": rows}, table)
    return EXIT_OK


def cmd_roster_export(args: argparse.Namespace, out: Output) -> int:
    start, end = _range(args)
    path = roster_files.export_roster(_open(args).uow, start, end, args.format, Path(args.out),
                                      staff_id=args.staff, layout=args.layout)
    out.emit({"out": str(path)}, lambda: f"已导出：{path}")
    return EXIT_OK


def cmd_roster_import(args: argparse.Namespace, out: Output) -> int:
    count = roster_files.import_roster(_open(args).uow, Path(args.file)).value
    out.emit({"imported": count}, lambda: f"已导入 {count} 个班次")
    return EXIT_OK


def _zone(backend: Backend) -> ZoneInfo:
    return ZoneInfo(settings_service.load_settings(backend.uow)["timezone"])


def _local(moment: datetime | None, zone: ZoneInfo) -> str | None:
    return moment.astimezone(zone).isoformat() if moment is not None else None


def _deadlines(views: Sequence[incident_service.DeadlineView], zone: ZoneInfo
               ) -> list[dict[str, Any]]:
    return [{"kind": d.kind, "due": _local(d.due, zone), "met_at": _local(d.met_at, zone),
             "late": d.late} for d in views]


def _deadline_lines(views: Sequence[incident_service.DeadlineView], zone: ZoneInfo) -> list[str]:
    lines = []
    for d in views:
        state = ("（迟报）" if d.late else "（已完成）") if d.met_at else ""
        lines.append(f"  {d.label}：{d.due.astimezone(zone):%Y-%m-%d %H:%M} 前{state}")
    return lines


def cmd_incident_add(args: argparse.Namespace, out: Output) -> int:
    path = Path(args.file)
    values = import_export.read_json_object(path)
    backend = _open(args)
    try:
        saved = incident_service.add_incident(backend.uow, values).value
    except InputError as error:
        raise InputError(error.problems, source=str(path)) from None
    zone = _zone(backend)
    out.emit({"id": saved.id, "deadlines": _deadlines(saved.deadlines, zone)},
             lambda: "\n".join([f"已登记事件 #{saved.id}，报送时限：",
                                *_deadline_lines(saved.deadlines, zone)]))
    return EXIT_OK


def cmd_incident_list(args: argparse.Namespace, out: Output) -> int:
    start = calendar.parse_date(args.start, "--from") if args.start else None
    end = calendar.parse_date(args.end, "--to") if args.end else None
    if start and end and end < start:
        raise InputError([Problem("结束日期早于开始日期", field="--to")])
    backend = _open(args)
    query = incident_service.IncidentQuery(start=start, end=end, text=args.search or "")
    rows: list[incident_service.IncidentRow] = []
    after = None
    while True:
        page = incident_service.list_incidents(backend.uow, query, after, limit=500)
        rows += page.rows
        if not page.more:
            break
        after = (page.rows[-1].received_at, page.rows[-1].id)
    zone = _zone(backend)
    document = [{"id": r.id, "received_at": _local(r.received_at, zone), "title": r.title,
                 "category": r.category, "level": r.level, "status": r.status} for r in rows]
    out.emit(document, lambda: render_table(
        ["编号", "接报时间", "级别", "类别", "状态", "标题"],
        [[r.id, f"{r.received_at.astimezone(zone):%Y-%m-%d %H:%M}",
          LEVEL_SHORT[Level(r.level)], CATEGORY_LABELS[Category(r.category)],
          STATUS_LABELS[Status(r.status)], r.title] for r in rows]))
    return EXIT_OK


def cmd_incident_report(args: argparse.Namespace, out: Output) -> int:
    backend = _open(args)
    saved = incident_service.record_report(backend.uow, args.id, args.stage, args.channel,
                                           sent_at=args.at).value
    zone = _zone(backend)
    lateness = "（迟报）" if saved.late else ""
    out.emit({"id": saved.id, "report_id": saved.report_id, "late": saved.late,
              "due": _local(saved.due_at, zone),
              "deadlines": _deadlines(saved.deadlines, zone)},
             lambda: "\n".join([f"已记录事件 #{saved.id} 的报送{lateness}，报送时限：",
                                *_deadline_lines(saved.deadlines, zone)]))
    return EXIT_OK


def cmd_alerts(args: argparse.Namespace, out: Output) -> int:
    backend = _open(args)
    zone = _zone(backend)
    try:
        at = parse_local_time(args.at, zone, "--at", "时间")
    except FieldError as error:
        raise InputError.from_field(error) from None
    alerts = alert_service.alerts_at(backend.uow, at)
    document = [{"kind": a.kind, "subject": a.subject, "ref": a.ref, "due": _local(a.due, zone),
                 "state": a.state.value} for a in alerts]
    out.emit(document, lambda: render_table(
        ["状态", "到期时间", "事项", "对象", "编号", "已确认"],
        [[a.state_label, f"{a.due.astimezone(zone):%m-%d %H:%M}", a.label, a.subject, a.ref,
          a.acknowledged_by] for a in alerts]) if alerts else "没有需要提醒的事项")
    return EXIT_OK


def cmd_handover_print(args: argparse.Namespace, out: Output) -> int:
    day = calendar.parse_date(args.date, "--date")
    document = handover_service.handover_document(_open(args).uow, day)
    path = Path(args.out)
    roster_files.write_file(path, document.data)
    out.emit({"out": str(path), "pages": document.pages},
             lambda: f"已生成 {day:%Y-%m-%d} 班次的交接班记录（{document.pages} 页）：{path}")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, out: Output) -> int:
    backend = _open(args, prepare=False)
    path = backup_service.backup_to(backend.url, Path(args.out) if args.out else None)
    out.emit({"out": str(path)}, lambda: f"已备份到 {path}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, out: Output) -> int:
    backend = _open(args, prepare=False, must_exist=False)
    report = backup_service.restore(backend.uow, backend.engine, backend.url, Path(args.file))
    document = {"out": report.database, "from": str(report.source),
                "kept": str(report.kept) if report.kept else None}
    out.emit(document, lambda: f"已从 {report.source} 恢复到 {report.database}"
             + (f"；被替换的数据库已保留为 {report.kept}" if report.kept else ""))
    return EXIT_OK


def cmd_field_export(args: argparse.Namespace, out: Output) -> int:
    report = field_service.export_package(_open(args).uow, args.start, args.end, Path(args.out)).value
    out.emit({"out": str(report.out), "staff": report.staff, "duty_days": report.duty_days,
              "incidents": report.incidents},
             lambda: f"已生成外勤包 {report.out}（{report.start}—{report.end}，人员 {report.staff} 人，"
                     f"值班 {report.duty_days} 天，未办结事件 {report.incidents} 件）")
    return EXIT_OK


def cmd_field_merge(args: argparse.Namespace, out: Output) -> int:
    report = field_service.merge_package(_open(args).uow, Path(args.file)).value
    counts = {key: report.counts.get(key, 0) for key in field_service.OUTCOME_LABELS}
    lines = [f"已合并 {report.package}："
             + "，".join(f"{label} {counts[key]} 条" for key, label in field_service.OUTCOME_LABELS.items())]
    lines += [f"  双方都改过（已另存为修订，请核对）：{what}" for what in report.conflicts]
    out.emit({**counts, "conflicts": report.conflicts}, lambda: "\n".join(lines))
    return EXIT_OK


def cmd_gui(args: argparse.Namespace, out: Output) -> int:
    return run_gui(getattr(args, "db", None), selftest=getattr(args, "selftest", False))


_backends: list[Backend] = []


def _open(args: argparse.Namespace, prepare: bool = True, must_exist: bool = True) -> Backend:
    backend = open_backend(getattr(args, "db", None), f"cli:{os_user()}", prepare=prepare,
                           must_exist=must_exist)
    _backends.append(backend)
    return backend


# --- parsing ---------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    # The common options are accepted before or after the command words (CONTRACT.md):
    # every sub-parser has them too, with SUPPRESS so a later level never resets an
    # earlier one to its default.
    common = _Parser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, metavar="TARGET",
                        help="SQLite 文件路径或 SQLAlchemy URL（默认 $DUTYROOM_DB 或用户数据目录）")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="以 JSON 输出")

    parser = _Parser(prog="dutyroom", parents=[common],
                     description="Dutyroom 值班室：不带命令时打开图形界面。")
    parser.add_argument("--version", action="version", version=f"dutyroom {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    init = commands.add_parser("init", parents=[common], help="创建或升级数据库")
    init.add_argument("--demo", action="store_true", help="加入示例乡镇（人员、联动单位）")
    init.set_defaults(handler=cmd_init)

    staff = commands.add_parser("staff", parents=[common], help="人员（通讯录）")
    staff_commands = staff.add_subparsers(dest="staff_command", metavar="ACTION",
                                          parser_class=_Parser, required=True)
    staff_import = staff_commands.add_parser("import", parents=[common],
                                             help="从 .xlsx 或 .csv 导入人员")
    staff_import.add_argument("file", metavar="FILE")
    staff_import.set_defaults(handler=cmd_staff_import)
    staff_commands.add_parser("list", parents=[common], help="列出人员").set_defaults(
        handler=cmd_staff_list)

    commands.add_parser("check", parents=[common], help="完整性检查和审计链验证").set_defaults(
        handler=cmd_check)

    cal = commands.add_parser("calendar", parents=[common], help="节假日日历")
    cal_commands = cal.add_subparsers(dest="calendar_command", metavar="ACTION",
                                      parser_class=_Parser, required=True)
    show = cal_commands.add_parser("show", parents=[common], help="列出一年中每天的类型")
    show.add_argument("year", type=int, metavar="YEAR")
    show.set_defaults(handler=cmd_calendar_show)
    cal_import = cal_commands.add_parser("import", parents=[common],
                                         help="载入节假日安排（CSV：date,kind,name）")
    cal_import.add_argument("file", metavar="FILE")
    cal_import.set_defaults(handler=cmd_calendar_import)

    period = commands.add_parser("period", parents=[common], help="特殊敏感时期")
    period_commands = period.add_subparsers(dest="period_command", metavar="ACTION",
                                            parser_class=_Parser, required=True)
    period_add = period_commands.add_parser("add", parents=[common], help="添加敏感时期")
    period_add.add_argument("--name", required=True)
    _range_options(period_add)
    period_add.set_defaults(handler=cmd_period_add)

    rota = commands.add_parser("roster", parents=[common], help="值班表")
    rota_commands = rota.add_subparsers(dest="roster_command", metavar="ACTION",
                                        parser_class=_Parser, required=True)
    generate = rota_commands.add_parser("generate", parents=[common], help="自动排满空班次")
    _range_options(generate)
    generate.set_defaults(handler=cmd_roster_generate)
    show = rota_commands.add_parser("show", parents=[common], help="显示值班表")
    _range_options(show)
    show.set_defaults(handler=cmd_roster_show)
    export = rota_commands.add_parser("export", parents=[common], help="导出值班表")
    _range_options(export)
    export.add_argument("--format", required=True, choices=["xlsx", "csv", "ics", "pdf"])
    export.add_argument("--out", required=True, metavar="FILE")
    export.add_argument("--staff", type=int, metavar="ID", help="只导出此人的班次（ics）")
    export.add_argument("--layout", choices=list(roster_files.PDF_LAYOUTS), default="grid",
                        help="PDF 版式：grid 月历（默认），list 报备名单（含手机）")
    export.set_defaults(handler=cmd_roster_export)
    rota_import = rota_commands.add_parser("import", parents=[common],
                                           help="导入办公室格式的值班表 .xlsx")
    rota_import.add_argument("file", metavar="FILE")
    rota_import.set_defaults(handler=cmd_roster_import)

    incident = commands.add_parser("incident", parents=[common], help="值班日志中的事件")
    incident_commands = incident.add_subparsers(dest="incident_command", metavar="ACTION",
                                                parser_class=_Parser, required=True)
    incident_add = incident_commands.add_parser("add", parents=[common],
                                                help="从 JSON 文件登记一起接报的事件")
    incident_add.add_argument("--file", required=True, metavar="FILE")
    incident_add.set_defaults(handler=cmd_incident_add)
    incident_list = incident_commands.add_parser("list", parents=[common], help="列出和搜索事件")
    incident_list.add_argument("--search", metavar="TEXT", help="标题、概要、地点或报告人中的文字")
    incident_list.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    incident_list.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
    incident_list.set_defaults(handler=cmd_incident_list)
    report = incident_commands.add_parser("report", parents=[common], help="记录一次向上报送")
    report.add_argument("id", type=int, metavar="ID")
    report.add_argument("--stage", required=True, choices=["first", "update", "final"])
    report.add_argument("--channel", required=True, choices=["phone", "written"])
    report.add_argument("--at", metavar="TIME", help="报送时间（默认现在）")
    report.set_defaults(handler=cmd_incident_report)

    alerts = commands.add_parser("alerts", parents=[common], help="某一时刻应提醒的事项")
    alerts.add_argument("--at", metavar="TIME", help="时间（默认现在）")
    alerts.set_defaults(handler=cmd_alerts)

    handover = commands.add_parser("handover", parents=[common], help="交接班记录")
    handover_commands = handover.add_subparsers(dest="handover_command", metavar="ACTION",
                                                parser_class=_Parser, required=True)
    handover_print = handover_commands.add_parser("print", parents=[common],
                                                  help="打印某日开始的班次的交接班记录（PDF）")
    handover_print.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    handover_print.add_argument("--out", required=True, metavar="FILE.pdf")
    handover_print.set_defaults(handler=cmd_handover_print)

    backup = commands.add_parser("backup", parents=[common], help="备份数据库（一致的副本）")
    backup.add_argument("--out", metavar="FILE", help="备份文件（默认：数据目录下的 backups 文件夹）")
    backup.set_defaults(handler=cmd_backup)
    restore = commands.add_parser("restore", parents=[common],
                                  help="用备份替换数据库（先校验备份，并保留被替换的数据库）")
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(handler=cmd_restore)

    field = commands.add_parser("field", parents=[common], help="外勤包：带出去的笔记本")
    field_commands = field.add_subparsers(dest="field_command", metavar="COMMAND",
                                          required=True, parser_class=_Parser)
    field_export = field_commands.add_parser(
        "export", parents=[common], help="导出一段时间的外勤包（值班表、通讯录、未办结事件）")
    _range_options(field_export)
    field_export.add_argument("--out", required=True, metavar="FILE")
    field_export.set_defaults(handler=cmd_field_export)
    field_merge = field_commands.add_parser("merge", parents=[common],
                                            help="把外勤笔记本的数据库合并回本库（可重复合并）")
    field_merge.add_argument("file", metavar="FILE")
    field_merge.set_defaults(handler=cmd_field_merge)

    gui = commands.add_parser("gui", parents=[common], help="打开图形界面")
    gui.add_argument("--selftest", action="store_true", help="打开每个页面后退出，成功返回 0")
    gui.set_defaults(handler=cmd_gui)
    return parser


def _range_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
    except UsageError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    handler = getattr(args, "handler", cmd_gui)
    out = Output(as_json=getattr(args, "json", False))
    with contextlib.suppress(OSError):  # no log folder is no reason to refuse a command
        configure_logging()
    try:
        return handler(args, out)
    except (InputError, FieldError) as error:
        # A value checked by a domain rule right in a command (a date) is bad input too.
        problem = InputError.from_field(error) if isinstance(error, FieldError) else error
        print(f"错误：{problem.one_line(name_field=True)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ServiceError as error:
        print(f"错误：{error.message}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return EXIT_FAILURE
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        sys.stdout = None  # type: ignore[assignment]  # no flush of the dead pipe at exit
        return EXIT_OK
    except Exception as error:
        log.exception("command failed: %s", argv)
        print(f"内部错误：{type(error).__name__}: {error}（详情见日志文件）", file=sys.stderr)
        return EXIT_FAILURE
    finally:
        while _backends:
            _backends.pop().close()
