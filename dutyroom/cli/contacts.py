"""`dutyroom contacts import --kind responsible FILE`: the desk's other directories."""

from __future__ import annotations

import argparse
from pathlib import Path

from dutyroom.cli.base import EXIT_OK, Context, handles
from dutyroom.cli.parsing import actions


def wire_contacts(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    contacts = actions(parser, "contacts_command")
    importing = contacts.add_parser("import", parents=[common],
                                    help="从 .xlsx 或 .csv 导入基层责任人名单")
    importing.add_argument("--kind", required=True, choices=["responsible"],
                           help="responsible：基层责任人（村(社区)、岗位、姓名、手机、AB角、备注）")
    importing.add_argument("file", metavar="FILE")
    handles(importing, import_contacts)


def import_contacts(ctx: Context) -> int:
    from dutyroom.services import responsible_service

    count = responsible_service.import_file(ctx.open().uow, Path(ctx.args.file)).value
    ctx.out.emit({"imported": count}, lambda: f"已导入 {count} 名责任人")
    return EXIT_OK
