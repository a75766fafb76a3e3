"""Times and dates in a SQLite file that are not written the way Dutyroom writes them.

SQLite keeps a time as text, and every period, deadline and alert query compares that text
(`received_at >= '2026-07-01 …'`), which is only right when every value has the one layout
SQLAlchemy writes: `2026-07-01 03:00:00.000000` in UTC, a date as `2026-07-01`. A value
edited behind the app's back as `2026-07-01T11:00:00+08:00` still reads as the right moment
in Python, so the audit comparison and the kept deadlines agree with it, yet the text sorts
eight hours away from where it belongs and a month's statistics count it in the wrong
period. A value in the right layout may still be no moment at all (2026-02-30, 25:00),
which no page can read. `check` names such values; PostgreSQL has real time types and
cannot hold them.

One other layout is Dutyroom's own: migrations 0002 and 0003 filled new columns of existing
rows with SQLite's CURRENT_TIMESTAMP, which has no fraction of a second. Those bookkeeping
columns (when a row was recorded or last changed, never a period's bounds) may keep it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Date, and_, func, not_, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from dutyroom.db.models import Base
from dutyroom.db.types import UTCDateTime

_DIGIT = "[0-9]"
_DATE = f"{_DIGIT * 4}-{_DIGIT * 2}-{_DIGIT * 2}"
_SECOND = f"{_DATE} {_DIGIT * 2}:{_DIGIT * 2}:{_DIGIT * 2}"
_TIME = f"{_SECOND}.{_DIGIT * 6}"
_CURRENT_TIMESTAMP = {("incidents", "updated_at"), ("incidents", "recorded_at"),
                      ("register_entries", "updated_at"), ("upward_reports", "recorded_at"),
                      ("spot_checks", "recorded_at")}


@dataclass(frozen=True)
class Miswritten:
    table: str
    column: str
    count: int
    example: str  # one of the values, as stored


def miswritten(session: Session) -> Iterator[Miswritten]:
    """Every time or date column of every table holding values in another layout (SQLite
    only; nothing on another database), with how many and one of them."""
    if session.get_bind().dialect.name != "sqlite":
        return
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, UTCDateTime):
                pattern = _TIME
            elif isinstance(column.type, Date):
                pattern = _DATE
            else:
                continue
            stored = func.printf("%s", column)  # the text itself, not the column's parsing
            written: ColumnElement[bool] = stored.op("GLOB")(pattern)
            if (table.name, column.name) in _CURRENT_TIMESTAMP:
                written = or_(written, stored.op("GLOB")(_SECOND))
            # The layout right but no such moment (2026-02-30, 25:00): SQLite's own reading
            # moves or refuses it, and Python's refuses it on every page that reads the row.
            day = func.substr(stored, 1, 10)
            real = func.date(func.julianday(day)) == day  # (julianday moves 02-30 to 03-02)
            if pattern != _DATE:
                clock = func.substr(stored, 12, 8)
                real = and_(real, func.time(clock) == clock)
            wrong = and_(column.is_not(None),
                         or_(func.typeof(column) != "text", not_(written),
                             func.coalesce(real, False).is_(False)))
            count, example = session.execute(
                select(func.count(), func.min(stored)).where(wrong)).one()
            if count:
                yield Miswritten(table.name, column.name, count, str(example))
