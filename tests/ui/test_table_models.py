from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from dutyroom.ui import paged_model
from dutyroom.ui.paged_model import PagedTableModel
from dutyroom.ui.table_models import Column, RecordFilterProxy, RecordTableModel


@dataclass(frozen=True)
class Row:
    name: str
    count: int
    active: bool = True


COLUMNS = [Column("名称", lambda r: r.name), Column("数量", lambda r: r.count)]
ROWS = [Row("青山派出所", 10), Row("青山消防救援站", 9), Row("林业站", 100, active=False)]


def test_model_passes_qt_model_tester(qtmodeltester):
    model = RecordTableModel(COLUMNS, lambda r: r.active)
    model.set_records(ROWS)
    qtmodeltester.check(model)
    proxy = RecordFilterProxy(model)
    proxy.set_show_inactive(True)
    qtmodeltester.check(proxy)


def test_filter_by_every_word_and_hide_inactive():
    model = RecordTableModel(COLUMNS, lambda r: r.active)
    model.set_records(ROWS)
    proxy = RecordFilterProxy(model)
    assert proxy.rowCount() == 2
    proxy.set_search("青山 消防")
    assert proxy.rowCount() == 1
    proxy.set_search("林业")
    assert proxy.rowCount() == 0
    proxy.set_show_inactive(True)
    assert proxy.rowCount() == 1
    proxy.set_extra(lambda r: r.count > 50)
    proxy.set_search("")
    assert proxy.rowCount() == 1


def test_numbers_sort_as_numbers():
    model = RecordTableModel(COLUMNS, lambda r: True)
    model.set_records(ROWS)
    proxy = RecordFilterProxy(model)
    proxy.sort(1)
    assert [proxy.index(i, 1).data() for i in range(3)] == ["9", "10", "100"]


# --- the log's paged model -------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    id: int
    received_at: datetime
    title: str


START = datetime(2026, 11, 1, tzinfo=UTC)
LOG = [Entry(n, START - timedelta(minutes=n), f"事件{n}") for n in range(1, 1001)]  # newest first
ENTRY_COLUMNS = [Column("标题", lambda e: e.title)]


class Database:
    """Answers keyset reads of LOG, at once or when told (like the runner's thread)."""

    def __init__(self, later: bool = False) -> None:
        self.later, self.waiting, self.reads = later, [], 0

    def load(self, after, limit, deliver) -> None:
        self.reads += 1
        start = 0 if after is None else next(
            i + 1 for i, e in enumerate(LOG) if (e.received_at, e.id) == after)
        rows = LOG[start:start + limit]
        answer = (rows, start + limit < len(LOG))
        if self.later:
            self.waiting.append(lambda: deliver(*answer))
        else:
            deliver(*answer)


def test_the_paged_model_passes_qt_model_tester(qtmodeltester):
    database = Database()
    model = PagedTableModel(ENTRY_COLUMNS, database.load, 100)
    database.load(None, 100, model.set_page)
    qtmodeltester.check(model)


def test_scrolling_ten_years_keeps_only_the_pages_near_the_officer():
    database = Database()
    model = PagedTableModel(ENTRY_COLUMNS, database.load, 100)
    database.load(None, 100, model.set_page)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 1000 and not model.more
    assert model.record(999).title == "事件1000" and model.row_of(500) == 499
    assert model.key(499) == (LOG[499].received_at, 500)
    reads = database.reads
    # 10 pages fit in the cache: the first page is still there; with a smaller cache it
    # would be read again by its position and come back the same
    assert model.record(0).title == "事件1" and database.reads == reads


def test_an_evicted_page_is_read_again_by_its_position(monkeypatch):
    monkeypatch.setattr(paged_model, "CACHED_PAGES", 3)
    database = Database()
    model = PagedTableModel(ENTRY_COLUMNS, database.load, 100)
    database.load(None, 100, model.set_page)
    while model.canFetchMore():
        model.fetchMore()
    changed = []
    model.dataChanged.connect(lambda first, last: changed.append((first.row(), last.row())))
    assert model.record(250) is None  # blank for the moment it takes
    assert changed == [(200, 299)] and model.record(250).title == "事件251"
    assert model.data(model.index(250, 0)) == "事件251"


def test_answers_to_an_older_list_are_dropped():
    database = Database(later=True)
    model = PagedTableModel(ENTRY_COLUMNS, database.load, 100)
    model.set_page(LOG[:100], True)
    model.fetchMore()
    assert not model.canFetchMore()  # one request at a time
    model.set_page(LOG[:2], False)  # the officer searched meanwhile
    database.waiting.pop()()
    assert model.rowCount() == 2 and [model.record(r).id for r in range(2)] == [1, 2]
