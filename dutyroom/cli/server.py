"""`dutyroom server setup`: the limited PostgreSQL role the desks connect with."""

from __future__ import annotations

import argparse
import os

from dutyroom.cli.base import EXIT_OK, Context, handles
from dutyroom.cli.parsing import actions

DESK_PASSWORD_VAR = "DUTYROOM_DESK_PASSWORD"


def wire_server(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    server = actions(parser, "server_command")
    setup = server.add_parser(
        "setup", parents=[common],
        help=f"建立或更新值班席位角色（密码取自 ${DESK_PASSWORD_VAR}）；--db 用所有者的连接")
    setup.add_argument("--desk-user", dest="desk_user", required=True, metavar="NAME",
                       help="值班席位连接数据库所用的角色名（例如 dutyroom_desk）")
    handles(setup, setup_server)


def setup_server(ctx: Context) -> int:
    from dutyroom.services import server_service

    # The owner's connection: it creates or upgrades the schema first, as `init` does, and
    # needs no desk account (the server authenticated the owner).
    backend = ctx.open(create=True, log_in=False)
    created = server_service.setup_desk_role(backend.engine, ctx.args.desk_user,
                                             os.environ.get(DESK_PASSWORD_VAR))
    name = ctx.args.desk_user
    ctx.out.emit({"desk_user": name, "created": created},
                 lambda: f"值班席位角色 {name} 已{'建立' if created else '更新'}；各工作站用它连接数据库")
    return EXIT_OK
