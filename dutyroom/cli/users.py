"""`dutyroom user add|list`: the desk's accounts, with the administrator's right."""

from __future__ import annotations

import argparse

from dutyroom.cli.base import EXIT_OK, Context, handles, render_table, whole_number
from dutyroom.cli.parsing import actions
from dutyroom.cli.setup import new_password


def wire_user(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    user = actions(parser, "user_command")
    adding = user.add_parser("add", parents=[common], help="新增账户（密码取自 $DUTYROOM_NEW_PASSWORD）")
    adding.add_argument("username", metavar="LOGIN", help="登录名")
    adding.add_argument("--name", dest="display_name", required=True, metavar="NAME", help="姓名")
    adding.add_argument("--role", required=True, choices=["officer", "leader", "admin"],
                        help="角色：officer 值班员、leader 带班领导、admin 管理员")
    adding.add_argument("--staff", dest="staff_id", type=whole_number, metavar="ID",
                        help="关联的人员编号（staff list）")
    handles(adding, add_user)
    handles(user.add_parser("list", parents=[common], help="列出账户"), list_users)


def add_user(ctx: Context) -> int:
    from dutyroom.domain.roles import Permission
    from dutyroom.services import user_service

    password = new_password()
    backend = ctx.open()
    backend.uow.require(Permission.USERS)  # before anything is read from the new account
    view = user_service.add_user(backend.uow, {
        "username": ctx.args.username, "display_name": ctx.args.display_name,
        "role": ctx.args.role, "staff_id": ctx.args.staff_id, "password": password}).value
    ctx.out.emit({"id": view.id, "login": view.username, "role": view.role.value}, lambda: (
        f"已新增账户 {view.username}（{view.display_name}，{view.role_label}），编号 {view.id}"))
    return EXIT_OK


def list_users(ctx: Context) -> int:
    from dutyroom.domain.roles import Permission
    from dutyroom.services import user_service

    backend = ctx.open()
    backend.uow.require(Permission.USERS)
    users = user_service.list_users(backend.uow)
    document = [{"id": u.id, "login": u.username, "name": u.display_name, "role": u.role.value,
                 "active": u.active} for u in users]
    ctx.out.emit(document, lambda: render_table(
        ["编号", "登录名", "姓名", "角色", "关联人员", "状态"],
        [[u.id, u.username, u.display_name, u.role_label, u.staff_name,
          "在用" if u.active else "已停用"] for u in users]))
    return EXIT_OK
