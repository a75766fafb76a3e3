"""The command line's words, read in Chinese, wired one command at a time.

Every command word is listed here with its one-line help, and names the module function
that adds its options and actions. Only the word actually typed is wired, so
`dutyroom --help` imports no command module and a command imports only its own
(benchmarks/cli_startup.py measures it); `build_parser()` with no argv wires them all.

argparse writes its own messages (usage, "required", "invalid choice") in English through
gettext; `speaking_chinese` gives it the Chinese ones while the command line is read.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from dutyroom import __version__

# argparse's messages (Python 3.11–3.13) that a person can meet; the rest are programming
# errors. tests/cli/test_cli_usage.py checks each of them reads Chinese.
ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示此帮助并退出",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "须给出其中一个参数：%s",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "expected one argument": "后面须跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "expected at least one argument": "后面须至少跟一个值",
    "expected %s argument": "后面须跟 %s 个值",
    "expected %s arguments": "后面须跟 %s 个值",
    "ignored explicit argument %r": "不接受值 %r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "invalid %(type)s value: %(value)r": "「%(value)s」不是有效的%(type)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "「%(value)s」不是可选的值（可选：%(choices)s）",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)":
        "「%(value)s」不是可选的值（可选：%(choices)s）",
    "unexpected option string: %s": "意外的选项：%s",
}


def _chinese(message: str) -> str:
    return ARGPARSE_ZH.get(message, message)


def _chinese_plural(singular: str, plural: str, count: int) -> str:
    return _chinese(singular if count == 1 else plural)


@contextmanager
def speaking_chinese() -> Iterator[None]:
    """argparse's own messages in Chinese while the command line is read (argparse looks
    its messages up through the module's gettext functions `_` and `ngettext`)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _chinese, _chinese_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class UsageError(Exception):
    """argparse found the command line malformed (exit 2, like any bad input)."""


class CommandParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}：{message}（用法见 {self.prog} --help）")


@dataclass(frozen=True)
class Word:
    """A command word: `module:function` adds its options and actions to its parser."""

    wiring: str
    help: str


COMMANDS: dict[str, Word] = {
    "init": Word("setup:wire_init", "创建或升级数据库"),
    "staff": Word("staff:wire_staff", "人员（通讯录）"),
    "contacts": Word("contacts:wire_contacts", "通讯录：基层责任人、联动单位值班备勤表、职责分工，此刻找谁"),
    "check": Word("check:wire_check", "完整性检查和审计链验证"),
    "calendar": Word("calendar:wire_calendar", "节假日日历"),
    "period": Word("calendar:wire_period", "特殊敏感时期"),
    "roster": Word("roster:wire_roster", "值班表"),
    "incident": Word("incident:wire_incident", "值班日志中的事件"),
    "warning": Word("warning:wire_warning", "预警登记与叫应"),
    "alerts": Word("alerts:wire_alerts", "某一时刻应提醒的事项"),
    "handover": Word("handover:wire_handover", "交接班记录"),
    "daily-report": Word("daily_report:wire_daily_report", "值班日报（有事报事、无事报平安）"),
    "stats": Word("stats:wire_stats", "值班和信息报送统计（可另存 Excel）"),
    "backup": Word("backup:wire_backup", "备份数据库（一致的副本）"),
    "restore": Word("backup:wire_restore", "用备份替换数据库（先校验备份，并保留被替换的数据库）"),
    "field": Word("field:wire_field", "外勤包：带出去的笔记本"),
    "gui": Word("gui:wire_gui", "打开图形界面"),
    "user": Word("users:wire_user", "账户（需管理员权限）"),
    "server": Word("server:wire_server", "PostgreSQL 服务器：值班席位使用的受限角色"),
}


def command_word(argv: Sequence[str]) -> str | None:
    """The command word of a command line: its first word that is not an option or the
    value of --db (the common options may come before it)."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token == "--db":
            skip = True
        elif not token.startswith("-"):
            return token
    return None


def _common() -> CommandParser:
    # Accepted before or after the command words (docs/cli.md): every parser has them,
    # with SUPPRESS so a later level never resets an earlier one to its default.
    common = CommandParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, metavar="TARGET",
                        help="SQLite 文件路径或 SQLAlchemy URL（默认 $DUTYROOM_DB 或用户数据目录）")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="以 JSON 输出")
    return common


def build_parser(argv: Sequence[str] | None = None) -> CommandParser:
    """The parser for `argv`, with only its command wired; every command without argv."""
    common = _common()
    parser = CommandParser(prog="dutyroom", parents=[common],
                           description="Dutyroom 值班室：不带命令时打开图形界面。")
    parser.add_argument("--version", action="version", version=f"dutyroom {__version__}",
                        help="显示版本号并退出")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser,
                                     title="命令")
    wanted = None if argv is None else command_word(argv)
    for name, word in COMMANDS.items():
        sub = commands.add_parser(name, parents=[common], help=word.help, description=word.help)
        if argv is None or name == wanted:
            module, function = word.wiring.split(":")
            getattr(importlib.import_module(f"dutyroom.cli.{module}"), function)(sub, common)
    return parser


def actions(parser: argparse.ArgumentParser,
            dest: str) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """The ACTION level under a command word (`staff import`, `staff list`)."""
    return parser.add_subparsers(dest=dest, metavar="ACTION", parser_class=CommandParser,
                                 required=True, title="操作")
