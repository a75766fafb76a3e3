"""Which automatic backups to keep: the newest of each recent day, and of each recent week.

A desk backs up at every start, daily while running and at every exit, so a month would
leave a hundred copies. Keeping the last copy of each of the 7 most recent days and of the
4 most recent ISO weeks bounds the folder while still reaching back a month.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo

DAILY = 7
WEEKLY = 4


def to_keep(stamps: Iterable[datetime], zone: tzinfo, daily: int = DAILY,
            weekly: int = WEEKLY) -> set[datetime]:
    """The backup times to keep; days and weeks are the desk's local ones."""
    newest_first = sorted(set(stamps), reverse=True)
    keep: set[datetime] = set()
    periods: tuple[tuple[int, Callable[[datetime], object]], ...] = (
        (daily, lambda t: t.astimezone(zone).date()),
        (weekly, lambda t: t.astimezone(zone).isocalendar()[:2]))
    for count, key in periods:
        seen: set[object] = set()
        for stamp in newest_first:
            period = key(stamp)
            if period not in seen and len(seen) < count:
                seen.add(period)
                keep.add(stamp)
    return keep
