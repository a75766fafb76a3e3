"""What every command shares: how it prints, how it opens the desk's database, how it names
its options in a message, and the exit codes of docs/cli.md.

Nothing here loads SQLAlchemy or a service: `dutyroom --help` and a mistyped command answer
without them (benchmarks/cli_startup.py). A command loads what it needs when it runs.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import unicodedata
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from dutyroom.app import Backend

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
USER_VAR, PASSWORD_VAR, NEW_PASSWORD_VAR = "DUTYROOM_USER", "DUTYROOM_PASSWORD", "DUTYROOM_NEW_PASSWORD"


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


@dataclass
class Context:
    """One run of one command: its arguments, its output, and everything it opened, which
    `stack` closes when the command ends however it ends."""

    args: argparse.Namespace
    out: Output
    stack: ExitStack

    def open(self, *, create: bool = False, prepare: bool = True,
             log_in: bool = True) -> Backend:
        """The desk's database (`--db`, else $DUTYROOM_DB, else the default file).

        Only `init` (and `restore`, which puts a database back) may `create` one: any other
        command on a path that holds no database says so and leaves no file or folder
        behind, so a mistyped --db is noticed. Without `prepare` an older schema is not
        upgraded (`check` must change nothing).

        On a local file the command acts as `cli:<os user>` with every right: whoever can
        run it can open the file. On a server it logs in as a desk account (`log_in`) and
        acts with that account's role, as the window does.
        """
        from dutyroom.app import open_backend, os_user

        backend = open_backend(getattr(self.args, "db", None), f"cli:{os_user()}",
                               create=create, prepare=prepare)
        self.stack.callback(backend.close)
        if log_in and backend.url.get_backend_name() != "sqlite":
            self.log_in(backend)
        return backend

    def log_in(self, backend: Backend) -> None:
        """Log in as $DUTYROOM_USER with $DUTYROOM_PASSWORD, else as typed at a prompt; the
        command then acts through that account's unit of work."""
        from dutyroom.domain.text import sentence
        from dutyroom.services import user_service
        from dutyroom.services.errors import InputError

        if not user_service.has_users(backend.uow):
            raise InputError.simple(sentence(
                "服务器上的数据库还没有账户：请先用 dutyroom init --admin 登录名 --name 姓名 建立管理员"),
                "db")
        login, password = os.environ.get(USER_VAR), os.environ.get(PASSWORD_VAR)
        if not (login and password) and sys.stdin.isatty():
            login = login or input("用户名：")
            password = password or getpass.getpass("密码：")
        if not login or not password:
            raise InputError.simple(sentence(
                "连接服务器须登录：请设置 ${0} 和 ${1}，或在终端中运行以输入用户名和密码",
                USER_VAR, PASSWORD_VAR), "db")
        backend.uow = backend.uow.for_actor(user_service.login(backend.uow, login, password))

    def field_name(self, key: str) -> str:
        """A field a service named (`from`, `id`, `db`) as this command spells it on its
        command line (`--from`, `ID`, `--db`); a field of a file (a JSON key) as it is."""
        parser: argparse.ArgumentParser | None = getattr(self.args, "command_parser", None)
        for action in parser._actions if parser is not None else ():
            longs = [o for o in action.option_strings if o.startswith("--")]
            if f"--{key}" in longs:
                return f"--{key}"
            if action.dest == key:
                return longs[0] if longs else str(action.metavar or key.upper())
        return key

Handler = Callable[[Context], int]


def handles(parser: argparse.ArgumentParser, handler: Handler) -> None:
    """`handler` runs when the command line ends at `parser`; messages name its options."""
    parser.set_defaults(handler=handler, command_parser=parser)


def whole_number(text: str) -> int:
    return int(text)


# argparse names a type by its __name__ in "「x」不是有效的…" (see parsing.ARGPARSE_ZH).
whole_number.__name__ = "整数"


def range_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD",
                        help="开始日期")
    parser.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD",
                        help="结束日期（含）")


def desk_zone(backend: Backend) -> ZoneInfo:
    """The desk's time zone (设置): times on the command line are read and shown in it."""
    from dutyroom.services import settings_service

    return settings_service.snapshot(backend.uow).zone


def moment_asked(ctx: Context, backend: Backend) -> tuple[datetime | None, ZoneInfo]:
    """The moment `--at` names, read in the desk's zone (None, for now, when it is left
    out), and the zone: for the commands that answer "as of when"."""
    from dutyroom.domain.errors import FieldError
    from dutyroom.domain.local_time import parse_local_time
    from dutyroom.services.errors import InputError

    zone = desk_zone(backend)
    try:
        at = parse_local_time(ctx.args.at, zone, "at", "")
    except FieldError as error:
        raise InputError.from_field(error) from None
    return at, zone


def local_iso(moment: datetime | None, zone: ZoneInfo) -> str | None:
    return moment.astimezone(zone).isoformat() if moment is not None else None
