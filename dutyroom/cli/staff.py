"""`dutyroom staff import|list`: the desk's people."""

from __future__ import annotations

import argparse
from pathlib import Path

from dutyroom.cli.base import EXIT_OK, Context, handles, render_table
from dutyroom.cli.parsing import actions


def wire_staff(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    staff = actions(parser, "staff_command")
    importing = staff.add_parser("import", parents=[common], help="从 .xlsx 或 .csv 导入人员")
    importing.add_argument("file", metavar="FILE")
    handles(importing, import_staff)
    handles(staff.add_parser("list", parents=[common], help="列出人员"), list_staff)


def import_staff(ctx: Context) -> int:
    from dutyroom.services import import_export

    count = import_export.import_staff_file(ctx.open().uow, Path(ctx.args.file)).value
    ctx.out.emit({"imported": count}, lambda: f"已导入 {count} 名人员")
    return EXIT_OK


def list_staff(ctx: Context) -> int:
    from dutyroom.services import staff_service

    people = staff_service.list_staff(ctx.open().uow)
    document = [{"id": p.id, "name": p.name, "tier": p.tier.value, "phone": p.mobile,
                 "department": p.department, "position": p.position} for p in people]
    ctx.out.emit(document, lambda: render_table(
        ["编号", "姓名", "值班层级", "手机", "部门", "职务", "状态"],
        [[p.id, p.name, p.tier_label, p.mobile, p.department, p.position,
          "在岗" if p.active else "已停用"] for p in people]))
    return EXIT_OK
