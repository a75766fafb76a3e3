"""Errors a service raises, each carrying the Chinese sentence a person should read."""

from __future__ import annotations

import errno
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from dutyroom.domain.errors import FieldError
from dutyroom.domain.text import Verbatim, sentence
from dutyroom.formats.faults import FormatFault

T = TypeVar("T")


class ServiceError(Exception):
    """Something went wrong that is not the caller's input (CLI exit 1)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Problem:
    """One bad cell or field: where it is and what is wrong with it."""

    message: str
    row: int | None = None
    column: str | None = None
    field: str | None = None

    def describe(self, field_name: Callable[[str], str] | None = None) -> str:
        """Where and what; with `field_name` (the command line's) it names the field too,
        as `field_name` spells the key (`from` as --from)."""
        if self.row is not None and self.column:
            return sentence("第 {0} 行，列「{1}」：{2}", self.row, Verbatim(self.column), self.message)
        if self.row is not None:
            return sentence("第 {0} 行：{1}", self.row, self.message)
        if self.column:
            return sentence("列「{0}」：{1}", Verbatim(self.column), self.message)
        if field_name is not None and self.field:
            return sentence("{0}：{1}", Verbatim(field_name(self.field)), self.message)
        return self.message


class InputError(ServiceError):
    """Bad input (CLI exit 2); nothing was changed.

    Holds every problem found, so a dialog can list them all while the CLI prints one line.
    """

    def __init__(self, problems: list[Problem], source: str | None = None) -> None:
        self.problems = problems
        self.source = source
        super().__init__(self.one_line())

    @classmethod
    def from_field(cls, error: FieldError) -> InputError:
        return cls([Problem(error.message, field=error.field)])

    @classmethod
    def simple(cls, message: str, field: str | None = None) -> InputError:
        return cls([Problem(message, field=field)])

    def one_line(self, field_name: Callable[[str], str] | None = None) -> str:
        # A problem with the whole file, when the file is already named, needs no field name.
        whole_file = bool(self.source) and bool(self.problems) and self.problems[0].field == "file"
        first = self.problems[0].describe(None if whole_file else field_name) if self.problems \
            else sentence("输入有误")
        head = sentence("{0}：{1}", Verbatim(self.source), first) if self.source else first
        more = len(self.problems) - 1
        return sentence("{0}（另有 {1} 处错误）", head, more) if more > 0 else head


class ConflictError(ServiceError):
    """Someone else changed the record since it was opened; the edit was not saved.

    `current_version` is the version now stored, so the form can save the person's own
    changes on top of it once they have seen the other change.
    """

    def __init__(self, message: str, current_version: int | None = None) -> None:
        super().__init__(message)
        self.current_version = current_version


class PermissionDenied(ServiceError):
    """The logged-in user's role does not allow this; nothing was changed."""


_READ_REASONS = {
    errno.ENOENT: sentence("文件不存在"),
    errno.EISDIR: sentence("这是一个文件夹，不是文件"),
    errno.ENOTDIR: sentence("路径中有一段不是文件夹"),
    errno.EACCES: sentence("没有读取这个文件的权限"),
    errno.EPERM: sentence("没有读取这个文件的权限"),
}
_WRITE_REASONS = {
    errno.ENOENT: sentence("所在文件夹不存在"),
    errno.EISDIR: sentence("这是一个文件夹，不是文件"),
    errno.ENOTDIR: sentence("路径中有一段不是文件夹"),
    errno.EEXIST: sentence("路径中有一段不是文件夹"),  # a folder to make is there as a file
    errno.EACCES: sentence("没有写入这个位置的权限"),
    errno.EPERM: sentence("没有写入这个位置的权限"),
    errno.ENOSPC: sentence("磁盘已满"),
    errno.EROFS: sentence("磁盘是只读的"),
}


def file_error(path: object, error: OSError, *, writing: bool = False,
               field: str | None = None) -> InputError:
    """The one way a file that cannot be read or written is reported, in the window and on
    the command line alike: the file as given, then why, in Chinese («…/名单.xlsx：文件不存在»)."""
    reasons = _WRITE_REASONS if writing else _READ_REASONS
    problem = reasons.get(error.errno or 0)
    if problem is None:
        why = error.strerror or error
        problem = sentence("无法写入文件（{0}）", why) if writing else sentence("无法读取文件（{0}）", why)
    return InputError([Problem(problem, field=field)], source=str(path))


def format_error(fault: FormatFault, source: str | None = None) -> InputError:
    """A file formats/ could not read, as bad input: each of its reasons a problem, the file
    named as the reader named it, or as `source` when the reader had only its bytes."""
    return InputError([Problem(message) for message in fault.messages],
                      source=fault.source if fault.source is not None else source)


def obey(rule: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Ask a duty rule (domain/); its refusal reaches the person as bad input on the field
    the rule names, and nothing is saved."""
    try:
        return rule(*args, **kwargs)
    except FieldError as error:
        raise InputError.from_field(error) from None
