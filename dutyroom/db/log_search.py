"""Searching the duty log's tables (incidents, the register) a page at a time, newest first.

The SQL beside search_index.py: the bigram index where it helps, LIKE where it does not
(search_index.py explains both), the local date range, and keyset paging on
(received_at, id) so the ten-thousandth page costs what the first does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import and_, column, or_, text
from sqlalchemy.orm import Session

from dutyroom.db import search_index
from dutyroom.domain.hygiene import searchable
from dutyroom.domain.local_time import day_span


def like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def text_condition(session: Session, table: search_index.SearchTable, model: Any,
                   words: Sequence[str], page: int) -> Any:
    """Every word must appear in one of the searched columns (search_index.py explains how);
    a word goes through the index only where that finds a page of `page` rows sooner."""
    conditions = []
    indexed = search_index.available(session)
    for number, word in enumerate(words):
        # SQLite's LIKE ignores ASCII case already; PostgreSQL needs ILIKE for the same result.
        conditions.append(or_(*(
            (getattr(model, c).like if indexed else getattr(model, c).ilike)(
                like_pattern(word), escape="\\") for c in table.columns)))
        query = search_index.match_query(word) if indexed else None
        if query is not None and search_index.index_pays(session, table, query, page):
            matches = text(f"SELECT rowid FROM {table.name} WHERE {table.name} MATCH :q{number}")
            conditions.append(model.id.in_(
                matches.bindparams(**{f"q{number}": query}).columns(column("rowid"))))
    return and_(*conditions)


def newest_first(session: Session, table: search_index.SearchTable, model: Any, statement: Any,
                 dates: tuple[date | None, date | None], zone: tzinfo, words: str,
                 include_voided: bool, after: tuple[datetime, int] | None, limit: int
                 ) -> tuple[list[Any], bool]:
    """One page of a log table (incidents or the register), newest first, and whether more
    follow: the local date range, voided rows unless asked for, the search words, and the
    position after the last row of the previous page (received_at, id)."""
    start, end = dates
    words = searchable(words)
    if start or end:
        low, high = day_span(start or date(1970, 1, 1), end or date(9998, 12, 31), zone)
        statement = statement.where(model.received_at >= low, model.received_at < high)
    if not include_voided:
        statement = statement.where(model.voided.is_(False))
    if words.split():
        statement = statement.where(text_condition(session, table, model, words.split(), limit + 1))
    if after is not None:
        at, last_id = after
        statement = statement.where(or_(model.received_at < at,
                                        and_(model.received_at == at, model.id < last_id)))
    rows = list(session.scalars(statement.order_by(model.received_at.desc(), model.id.desc())
                                .limit(limit + 1)))
    return rows[:limit], len(rows) > limit
