"""`dutyroom init`: create or upgrade the database, optionally with the sample town and
the first administrator."""

from __future__ import annotations

import argparse
from typing import Any

from dutyroom.cli.base import EXIT_OK, NEW_PASSWORD_VAR, Context, handles


def wire_init(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    parser.add_argument("--demo", action="store_true", help="加入示例乡镇（人员、联动单位）")
    parser.add_argument("--admin", metavar="LOGIN",
                        help=f"建立第一位管理员的登录名（密码取自 ${NEW_PASSWORD_VAR}）")
    parser.add_argument("--name", metavar="NAME", help="第一位管理员的姓名（与 --admin 同用）")
    handles(parser, init)


def new_password() -> str:
    """The password for an account made on the command line: never an argument, which
    other users of the machine could read in the process list."""
    import os

    from dutyroom.domain.text import sentence
    from dutyroom.services.errors import InputError

    password = os.environ.get(NEW_PASSWORD_VAR)
    if not password:
        raise InputError.simple(sentence("新账户的密码须放在环境变量 ${0} 中", NEW_PASSWORD_VAR),
                                NEW_PASSWORD_VAR)
    return password


def init(ctx: Context) -> int:
    from dutyroom.domain.text import sentence
    from dutyroom.services import demo, user_service
    from dutyroom.services.errors import InputError

    admin, name = ctx.args.admin, ctx.args.name
    if bool(admin) != bool(name):
        raise InputError.simple(sentence("--admin 和 --name 须同时给出"), "admin" if name else "name")
    password = new_password() if admin else ""
    backend = ctx.open(create=True, log_in=False)
    # A server that already has accounts is changed only by someone logged in; the first
    # administrator is made by whoever holds the owner's connection, as the wizard does.
    if ctx.args.demo and backend.url.get_backend_name() != "sqlite" \
            and user_service.has_users(backend.uow):
        ctx.log_in(backend)
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
    if admin:
        actor = user_service.create_first_admin(backend.uow, {
            "username": admin, "display_name": name, "password": password}).value
        backend.uow = backend.uow.for_actor(actor)  # the sample town is added by them
        document["admin"] = {"id": actor.user_id, "login": actor.username, "role": "admin"}
        lines.append(f"已建立管理员：{actor.name}")
    if ctx.args.demo:
        report = demo.seed_demo(backend.uow).value
        document["demo"] = {"staff": report.staff, "departments": report.departments,
                            "duties": report.duties, "incidents": report.incidents}
        lines.append(f"示例数据：{report.staff} 名人员，{report.departments} 个联动单位，"
                     f"{report.duties} 个班次（本月起三个月），{report.incidents} 起事件"
                     if report.staff else "示例数据已存在，未重复加入")
    ctx.out.emit(document, lambda: "\n".join(lines))
    return EXIT_OK
