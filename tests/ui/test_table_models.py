from dataclasses import dataclass

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
