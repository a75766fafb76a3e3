"""Column types that keep time explicit across SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UnreadableTime(ValueError):
    """A stored time that reads as no moment at all (2026-02-30, 25:00 written into an
    SQLite file behind the app's back): said as such, so the unit of work can tell the
    person what is wrong and where to look, instead of failing as a fault of the app."""

    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


class UTCDateTime(TypeDecorator[datetime]):
    """An aware timestamp stored in UTC.

    SQLite has no time zone type and hands back naive values; PostgreSQL's timestamptz
    hands back aware ones. This type refuses naive input (a naive time is a bug: whose
    clock?) and always returns aware UTC, so the rest of the code never guesses.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: store aware timestamps only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def result_processor(self, dialect: Dialect, coltype: Any
                         ) -> Callable[[Any], datetime | None] | None:
        process = super().result_processor(dialect, coltype)
        if process is None:
            return None

        def read(value: Any) -> datetime | None:
            try:
                return process(value)
            except ValueError:
                raise UnreadableTime(str(value)[:40]) from None

        return read

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
