"""The `dutyroom` command: the GUI with no arguments, and the scripting contract of
docs/cli.md otherwise. Exit 0 on success, 2 on bad input, 1 on anything else;
never a traceback (those go to the log file, with any password hidden).

One module per command word (parsing.COMMANDS names them) holds the word's options and
the handlers that run them; a handler loads the services it calls when it runs, so a
command loads only its own part of Dutyroom.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Callable, Sequence
from contextlib import ExitStack

from dutyroom.cli.base import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, Context, Output
from dutyroom.cli.parsing import UsageError, build_parser, speaking_chinese


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        with speaking_chinese():
            args = build_parser(argv).parse_args(argv)
    except UsageError as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    handler: Callable[[Context], int] | None = getattr(args, "handler", None)
    if handler is None:  # no command: the window
        from dutyroom.cli.gui import gui

        handler = gui
    from dutyroom.logfile import configure_logging

    with contextlib.suppress(OSError):  # no log folder is no reason to refuse a command
        configure_logging()
    _escape_what_cannot_be_printed()
    with ExitStack() as stack:
        ctx = Context(args, Output(as_json=getattr(args, "json", False)), stack)
        try:
            return handler(ctx)
        except Exception as error:
            return _failed(ctx, error, argv)
        except KeyboardInterrupt:
            return EXIT_FAILURE
    return EXIT_FAILURE  # not reached: the handler returned or failed


def _escape_what_cannot_be_printed() -> None:
    """A text no encoding can write (a lone surrogate an SQLite editor put in a record,
    which `check` quotes back) is printed escaped (\\ud800) instead of failing the command
    half-way through its report."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def _failed(ctx: Context, error: Exception, argv: list[str]) -> int:
    """The one line a person reads about a command that failed, and its exit status."""
    from dutyroom.domain.errors import FieldError
    from dutyroom.logfile import log
    from dutyroom.services.errors import InputError, PermissionDenied, ServiceError

    if isinstance(error, InputError | FieldError):
        # A value checked by a domain rule right in a command (a date) is bad input too.
        problem = InputError.from_field(error) if isinstance(error, FieldError) else error
        print(f"错误：{problem.one_line(ctx.field_name)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if isinstance(error, PermissionDenied):  # the account lacks the right: its input
        print(f"错误：{error.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if isinstance(error, ServiceError):
        print(f"错误：{error.message}", file=sys.stderr)
        return EXIT_FAILURE
    if isinstance(error, BrokenPipeError):  # output piped into `head` and closed early
        sys.stdout = None  # no flush of the dead pipe at exit
        return EXIT_OK
    log.exception("command failed: %s", argv)
    # The error's own text may hold SQL or names: it goes to the log, never to the screen.
    print(f"内部错误：{type(error).__name__}（详情见日志文件）", file=sys.stderr)
    return EXIT_FAILURE
