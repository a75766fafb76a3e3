"""The long lists of the 值班日志: ten years of incidents or calls, read a page at a time.

Scrolling to the end of 200,000 incidents must not hold 200,000 records (about 1 KB each in
Python). So the model keeps every row's position in the list (its time and id, 16 bytes in
two arrays) and the records of only the pages used last. A page scrolled back to is read
again by its position; the rows show blank for the moment that takes. docs/architecture.md: large
tables fetch lazily, and the UI thread never waits for the database.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QModelIndex

from dutyroom.ui.table_models import Column, ColumnsModel, Index

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
CACHED_PAGES = 20  # 2,000 rows of 100: several screens either way of where the officer is


class Positioned(Protocol):
    """A row of a list ordered by (received_at, id), newest first."""

    @property
    def id(self) -> int: ...

    @property
    def received_at(self) -> datetime: ...


P = TypeVar("P", bound=Positioned)
Key = tuple[datetime, int]
Deliver = Callable[[Sequence[Any], bool], None]
# load(after, limit, deliver): read `limit` rows after the key (None: from the top) off the
# UI thread, then call deliver(rows, more) on it.
Loader = Callable[[Key | None, int, Deliver], None]


class PagedTableModel(ColumnsModel[P]):
    def __init__(self, columns: Sequence[Column[P]], load: Loader, page_size: int,
                 is_active: Callable[[P], bool] = lambda _: True) -> None:
        super().__init__(columns, is_active)
        self._load = load
        self.page_size = page_size
        self._times = array("q")  # received_at of every row, in microseconds since 1970
        self._ids = array("q")
        self._pages: OrderedDict[int, list[P]] = OrderedDict()
        self._asked: set[int] = set()  # pages being read again
        self._generation = 0  # a reset makes answers to earlier requests stale
        self.more = False
        self.loading = False  # the next page at the end is on its way

    # --- filling ----------------------------------------------------------------------------

    def set_page(self, records: Sequence[P], more: bool) -> None:
        """A new list: its first page."""
        self.beginResetModel()
        self._generation += 1
        self._times, self._ids = array("q"), array("q")
        self._pages.clear()
        self._asked.clear()
        self.loading = False
        self.more = more
        self._add(records)
        self.endResetModel()

    def _add(self, records: Sequence[P]) -> None:
        first = len(self._ids)
        for record in records:
            self._times.append((record.received_at - EPOCH) // MICROSECOND)
            self._ids.append(record.id)
        for offset in range(0, len(records), self.page_size):
            self._keep((first + offset) // self.page_size, list(records[offset:offset + self.page_size]))

    def _keep(self, page: int, records: list[P]) -> None:
        self._pages[page] = records
        self._pages.move_to_end(page)
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.more and not self.loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self.loading = True
        generation = self._generation

        def append(records: Sequence[P], more: bool) -> None:
            if generation != self._generation:
                return
            self.loading = False
            self.more = more
            if records:
                first = len(self._ids)
                self.beginInsertRows(QModelIndex(), first, first + len(records) - 1)
                self._add(records)
                self.endInsertRows()

        self._load(self.key(len(self._ids) - 1), self.page_size, append)

    def cancel_loading(self) -> None:
        """A read failed: let the view ask again."""
        self.loading = False
        self._asked.clear()

    # --- reading ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def key(self, row: int) -> Key | None:
        if not 0 <= row < len(self._ids):
            return None
        return EPOCH + self._times[row] * MICROSECOND, self._ids[row]

    def row_of(self, record_id: int) -> int | None:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None

    def record(self, row: int) -> P | None:
        """The row's record, or None while its page is being read again."""
        return self._record_at(row)

    def _record_at(self, row: int) -> P | None:
        if not 0 <= row < len(self._ids):
            return None
        page, offset = divmod(row, self.page_size)
        records = self._pages.get(page)
        if records is None:
            self._read_again(page)
            return None
        self._pages.move_to_end(page)
        return records[offset] if offset < len(records) else None

    def _read_again(self, page: int) -> None:
        if page in self._asked:
            return
        self._asked.add(page)
        generation = self._generation
        first = page * self.page_size

        def keep(records: Sequence[P], _more: bool) -> None:
            if generation != self._generation:
                return
            self._asked.discard(page)
            # Rows added or voided since the list was read shift it; the next refresh
            # (every change refreshes the log) rereads it, until then show what came back.
            rows = list(records[:min(self.page_size, len(self._ids) - first)])
            for row, record in enumerate(rows, first):
                self._times[row] = (record.received_at - EPOCH) // MICROSECOND
                self._ids[row] = record.id
            self._keep(page, rows)
            if rows:
                self.dataChanged.emit(self.index(first, 0),
                                      self.index(first + len(rows) - 1, len(self.columns) - 1))

        self._load(self.key(first - 1), self.page_size, keep)
