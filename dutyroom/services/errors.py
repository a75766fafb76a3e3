"""Errors a service raises, each carrying the Chinese sentence a person should read."""

from __future__ import annotations

from dataclasses import dataclass

from dutyroom.domain.errors import FieldError
from dutyroom.domain.text import Verbatim, sentence


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

    def describe(self, name_field: bool = False) -> str:
        """Where and what; `name_field` adds the field's key (for the command line)."""
        if self.row is not None and self.column:
            return sentence("第 {0} 行，列「{1}」：{2}", self.row, Verbatim(self.column), self.message)
        if self.row is not None:
            return sentence("第 {0} 行：{1}", self.row, self.message)
        if self.column:
            return sentence("列「{0}」：{1}", Verbatim(self.column), self.message)
        if name_field and self.field:
            return sentence("{0}：{1}", Verbatim(self.field), self.message)
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

    def one_line(self, name_field: bool = False) -> str:
        first = self.problems[0].describe(name_field) if self.problems else sentence("输入有误")
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
