"""`dutyroom` with no command, or `dutyroom gui [--selftest]`: the window."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from typing import NoReturn

from dutyroom.cli.base import EXIT_FAILURE, Context, handles


def wire_gui(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    parser.add_argument("--selftest", action="store_true", help="打开每个页面后退出，成功返回 0")
    handles(parser, gui)


def gui(ctx: Context) -> int:
    # Python's cycle collector waits from here: the modules about to load and the window
    # live as long as the process, and the window's collector takes over once it is shown
    # (ui/collector.py says why and what that saves).
    collecting = gc.isenabled()
    gc.disable()
    try:
        from dutyroom.app import run_gui

        return run_gui(getattr(ctx.args, "db", None),
                       selftest=getattr(ctx.args, "selftest", False), no_window=no_window)
    finally:
        if collecting:
            gc.enable()


def no_window(qt_said: list[str]) -> NoReturn:
    """No window can open (a server, an SSH session, a display Qt cannot use): one line on
    why, instead of Qt's abort and core dump; the details went to the log. Exit 1."""
    display = os.environ.get("WAYLAND_DISPLAY") or os.environ.get("DISPLAY")
    if not display:
        line = "错误：没有图形显示（未设置 DISPLAY），无法打开窗口。"
    elif any("could not connect to display" in said for said in qt_said):
        line = f"错误：无法连接图形显示 {display}，无法打开窗口。"
    else:
        line = "错误：图形界面无法启动（可能缺少 Qt 需要的系统图形库，详情见日志文件）。"
    sys.stderr.write(f"{line}命令行用法见 dutyroom --help\n")
    sys.stderr.flush()
    logging.shutdown()
    os._exit(EXIT_FAILURE)  # Qt would abort the process as soon as this returns
