"""`dutyroom field export|merge`: a package for a laptop taken into the field, and back."""

from __future__ import annotations

import argparse
from pathlib import Path

from dutyroom.cli.base import EXIT_OK, Context, handles, range_options
from dutyroom.cli.parsing import actions


def wire_field(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    field = actions(parser, "field_command")
    export = field.add_parser("export", parents=[common],
                              help="导出一段时间的外勤包（值班表、通讯录、未办结事件）")
    range_options(export)
    export.add_argument("--out", required=True, metavar="FILE")
    export.add_argument("--users", metavar="U,...", help="带出的账户（用户名，逗号分隔）；不给则不带账户")
    handles(export, export_package)
    merge = field.add_parser("merge", parents=[common], help="把外勤笔记本的数据库合并回本库（可重复合并）")
    merge.add_argument("file", metavar="FILE")
    handles(merge, merge_package)


def export_package(ctx: Context) -> int:
    from dutyroom.services import field_service

    args = ctx.args
    users = [u for u in (args.users or "").split(",") if u.strip()]
    report = field_service.export_package(ctx.open().uow, args.start, args.end, Path(args.out),
                                          users).value
    accounts = (f"带出的账户：{'、'.join(report.users)}，其他账户未带出" if report.users
                else "未带出任何账户（笔记本上首次打开时须新建管理员）")
    ctx.out.emit({"out": str(report.out), "staff": report.staff, "duty_days": report.duty_days,
                  "incidents": report.incidents, "users": list(report.users),
                  "warnings": report.warnings, "attachments": report.attachments},
                 lambda: f"已生成外勤包 {report.out}（{report.start}—{report.end}，人员 {report.staff} 人，"
                         f"值班 {report.duty_days} 天，未办结事件 {report.incidents} 件，"
                         f"预警通知 {report.warnings} 条，附件 {report.attachments} 个、"
                         f"计 {report.attachment_size}）；{accounts}")
    return EXIT_OK


def merge_package(ctx: Context) -> int:
    from dutyroom.services import field_service

    report = field_service.merge_package(ctx.open().uow, Path(ctx.args.file)).value
    counts = {key: report.counts.get(key, 0) for key in field_service.OUTCOME_LABELS}
    lines = [f"已合并 {report.package}："
             + "，".join(f"{label} {counts[key]} 条" for key, label in field_service.OUTCOME_LABELS.items())]
    lines += [report.note] if report.note else []
    lines += [f"  双方都改过（已另存为修订，请核对）：{what}" for what in report.conflicts]
    lines += [f"  请留意：{what}" for what in report.remarks]
    # The note (an older copy, another branch of one export) is added only when there is one,
    # so the contract's keys stay exactly as they were for every ordinary merge.
    ctx.out.emit({**counts, "conflicts": report.conflicts, **({"note": report.note} if report.note else {}),
                  **({"remarks": report.remarks} if report.remarks else {})},
                 lambda: "\n".join(lines))
    return EXIT_OK
