"""`dutyroom` with no command, or `dutyroom gui [--selftest]`: the window."""

from __future__ import annotations

import argparse

from dutyroom.cli.base import Context, handles


def wire_gui(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    parser.add_argument("--selftest", action="store_true", help="打开每个页面后退出，成功返回 0")
    handles(parser, gui)


def gui(ctx: Context) -> int:
    from dutyroom.app import run_gui

    return run_gui(getattr(ctx.args, "db", None), selftest=getattr(ctx.args, "selftest", False))
