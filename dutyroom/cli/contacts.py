"""`dutyroom contacts import|on-duty`: the desk's other directories — the villages'
responsible people (基层责任人), partner departments' duty rosters (值班备勤表), the 职责分工
table, the teams, supplies and shelters (应急资源) — and whom to call at each department at
a moment."""

from __future__ import annotations

import argparse
from pathlib import Path

from dutyroom.cli.base import EXIT_OK, Context, handles, moment_asked, render_table
from dutyroom.cli.parsing import actions

KINDS = ("responsible", "roster", "duties", "resources")


def wire_contacts(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    contacts = actions(parser, "contacts_command")
    importing = contacts.add_parser(
        "import", parents=[common],
        help="从 .xlsx 或 .csv 导入基层责任人（responsible）、联动单位值班备勤表（roster，须 --department）"
             "、职责分工（duties）或应急队伍、物资、避难场所（resources）")
    importing.add_argument("--kind", required=True, choices=KINDS)
    importing.add_argument("file", metavar="FILE")
    importing.add_argument("--department", metavar="NAME", help="值班备勤表所属的联动单位")
    handles(importing, import_contacts)
    on_duty = contacts.add_parser("on-duty", parents=[common],
                                  help="某一时刻各联动单位应找谁（默认现在）")
    on_duty.add_argument("--at", metavar="TIME", help="时间（默认现在）")
    on_duty.add_argument("--department", metavar="NAME", help="只看这个联动单位")
    handles(on_duty, show_on_duty)


def import_contacts(ctx: Context) -> int:
    from dutyroom.services import (
        partner_duty_service,
        resource_service,
        responsibility_service,
        responsible_service,
    )
    from dutyroom.services.errors import InputError

    uow, path = ctx.open().uow, Path(ctx.args.file)
    if ctx.args.kind == "responsible":
        count = responsible_service.import_file(uow, path).value
        message = f"已导入 {count} 名责任人"
    elif ctx.args.kind == "roster":
        if not ctx.args.department:
            raise InputError.simple("导入值班备勤表须用 --department 指明联动单位", "department")
        count = partner_duty_service.import_roster_file(uow, ctx.args.department, path).value
        message = f"已导入{ctx.args.department}值班备勤表 {count} 天"
    elif ctx.args.kind == "duties":
        count = responsibility_service.import_duties_file(uow, path).value
        message = f"已导入职责分工 {count} 条"
    else:
        count = resource_service.import_file(uow, path).value
        message = f"已导入应急资源 {count} 条"
    ctx.out.emit({"imported": count}, lambda: message)
    return EXIT_OK


def show_on_duty(ctx: Context) -> int:
    from dutyroom.domain.partner_duty import SOURCE_LABELS
    from dutyroom.services import partner_duty_service

    backend = ctx.open()
    at, _zone = moment_asked(ctx, backend)
    found = partner_duty_service.on_duty(backend.uow, at, ctx.args.department)
    document = [{"department": d.department, "person": d.best.person if d.best else "",
                 "mobile": d.best.phone if d.best else "",
                 "source": d.best.source.value if d.best else ""} for d in found]
    ctx.out.emit(document, lambda: render_table(
        ["联动单位", "找谁", "电话", "依据", "备用"],
        [[d.department, d.best.person if d.best else "（无）", d.best.phone if d.best else "",
          SOURCE_LABELS[d.best.source] if d.best else "",
          "；".join(f"{c.person} {c.phone}" for c in d.callees[1:])] for d in found])
        if found else "通讯录中没有在用的联动单位")
    return EXIT_OK
