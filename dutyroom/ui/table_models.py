"""Small Qt models over lists of service dataclasses, with sorting and filtering on raw values.

One `RecordTableModel` per list, described by its columns; `RecordFilterProxy` sorts on the
raw value under `SORT_ROLE` (so numbers and dates sort as such) and filters on a search
text, the active flag and an optional extra predicate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

R = TypeVar("R")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
INACTIVE = QColor("#9aa4ae")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    value: Callable[[R], Any]
    text: Callable[[R], str] | None = None
    searchable: bool = True
    colour: Callable[[R], str | None] | None = None  # text colour, e.g. the level's

    def display(self, record: R) -> str:
        if self.text is not None:
            return self.text(record)
        value = self.value(record)
        return "" if value is None else str(value)


class ColumnsModel(QAbstractTableModel, Generic[R]):
    """What every list shares: columns over records, their colours, and the raw value for
    sorting. Subclasses say where the record of a row comes from."""

    def __init__(self, columns: Sequence[Column[R]],
                 is_active: Callable[[R], bool] = lambda _: True,
                 tint: Callable[[R], QColor | None] = lambda _: None) -> None:
        super().__init__()
        self.columns = list(columns)
        self._is_active = is_active
        self._tint = tint

    def _record_at(self, row: int) -> R | None:
        raise NotImplementedError

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self._record_at(index.row()) if index.isValid() else None
        if record is None:
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.display(record)  # the whole text on hover, where a column cuts it
        if role == SORT_ROLE:
            return column.value(record)
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.ForegroundRole:
            if not self._is_active(record):
                return QBrush(INACTIVE)
            colour = column.colour(record) if column.colour is not None else None
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.BackgroundRole:
            tint = self._tint(record)
            return QBrush(tint) if tint is not None else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns)):
            return self.columns[section].header
        return None


class RecordTableModel(ColumnsModel[R]):
    """A list held whole: staff, departments, alerts, the open incidents of today."""

    def __init__(self, columns: Sequence[Column[R]],
                 is_active: Callable[[R], bool] = lambda _: True,
                 tint: Callable[[R], QColor | None] = lambda _: None) -> None:
        super().__init__(columns, is_active, tint)
        self._records: list[R] = []
        self._search: list[str | None] = []  # made when a filter first asks for it

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._search = [None] * len(self._records)
        self.endResetModel()

    def records(self) -> list[R]:
        return list(self._records)

    def record(self, row: int) -> R:
        return self._records[row]

    def _record_at(self, row: int) -> R | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def search_text(self, row: int) -> str:
        text = self._search[row]
        if text is None:
            record = self._records[row]
            text = " ".join(c.display(record) for c in self.columns if c.searchable).lower()
            self._search[row] = text
        return text

    def is_active(self, row: int) -> bool:
        return self._is_active(self._records[row])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)


class RecordFilterProxy(QSortFilterProxyModel):
    """Filters as the person types: every word must appear somewhere in the row."""

    def __init__(self, source: RecordTableModel[Any]) -> None:
        super().__init__()
        self._source = source
        self._words: list[str] = []
        self._show_inactive = False
        self._extra: Callable[[Any], bool] | None = None
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)

    def set_search(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_words", text.lower().split()))

    def set_show_inactive(self, show: bool) -> None:
        self._refilter(lambda: setattr(self, "_show_inactive", show))

    def set_extra(self, predicate: Callable[[Any], bool] | None) -> None:
        self._refilter(lambda: setattr(self, "_extra", predicate))

    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.10 replaced invalidateFilter() with begin/endFilterChange(); support both.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._show_inactive and not self._source.is_active(source_row):
            return False
        if self._extra is not None and not self._extra(self._source.record(source_row)):
            return False
        haystack = self._source.search_text(source_row)
        return all(word in haystack for word in self._words)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
