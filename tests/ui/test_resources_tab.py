"""通讯录 → 应急资源 and the incident detail listing them, clicked and typed through."""

from __future__ import annotations

import csv
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from dutyroom.services import demo, incident_service, resource_service
from dutyroom.ui.dialogs.resource_dialogs import ImportResourcesDialog, ResourceDialog

HEADER = ["类型", "名称", "数量或容量", "位置", "负责人", "电话", "适用子类"]


def _resources_tab(window):
    window.show_page(5)
    page = window.contacts
    page.tabs.setCurrentWidget(page.resources)
    page.resources.refresh()
    return page.resources


def _csv(path, rows):
    with path.open("w", encoding="gbk", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def _tick(dialog, *subtypes):
    box = dialog.subtypes
    for row in range(box.count()):
        if box.item(row).data(Qt.ItemDataRole.UserRole) in subtypes:
            box.item(row).setCheckState(Qt.CheckState.Checked)


def test_search_as_you_type_and_filter_by_kind(window, qtbot, sqlite_backend):
    demo.seed_demo(sqlite_backend.uow)
    tab = _resources_tab(window)
    total = tab.proxy.rowCount()
    assert total == len(demo.RESOURCES)
    qtbot.keyClicks(tab.search, "13707310109")  # the flood store's keeper
    assert tab.proxy.rowCount() == 2  # sandbags and life jackets
    tab.search.setText("山洪")  # a subtype finds what serves it (Chinese arrives via the IME)
    assert 0 < tab.proxy.rowCount() < total
    tab.search.clear()
    tab.kind.setCurrentIndex(tab.kind.findData("shelter"))
    assert tab.proxy.rowCount() == 2
    assert "避难场所 2" in tab.count.text()


def test_add_a_resource_through_the_dialog(window, qtbot, on_dialog, sqlite_backend):
    tab = _resources_tab(window)

    def fill(dialog):
        assert isinstance(dialog, ResourceDialog)
        dialog.kind.setCurrentIndex(dialog.kind.findData("supply"))
        for key, value in (("name", "冲锋舟"), ("quantity", "2 艘"), ("location", "青山水库"),
                           ("keeper", "龚德明"), ("phone", "0731-86210238")):
            dialog.fields[key].setText(value)
        _tick(dialog, "山洪", "溺水")
        qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)

    on_dialog(fill)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    saved = resource_service.list_resources(sqlite_backend.uow)
    assert [(r.name, r.amount, r.subtypes) for r in saved] == [("冲锋舟", "2 艘", ("山洪", "溺水"))]
    assert tab.selected().name == "冲锋舟"


def test_no_subtype_ticked_marks_the_list_and_saves_nothing(qtbot, runner, sqlite_backend):
    dialog = ResourceDialog(runner, lambda v: resource_service.add_resource(sqlite_backend.uow, v))
    qtbot.addWidget(dialog)
    for key, value in (("name", "民兵应急分队"), ("keeper", "张明远"), ("phone", "13907311002")):
        dialog.fields[key].setText(value)
    dialog.submit()
    assert dialog.outcome is None and "适用子类不能为空" in dialog.error.text()
    assert dialog.fields["subtypes"].property("invalid") is True
    assert resource_service.list_resources(sqlite_backend.uow) == []


def test_keyboard_only_edit_and_deactivate(window, qtbot, on_dialog, sqlite_backend, monkeypatch):
    """Ctrl+F to the search, Return to edit, Space to tick a subtype, Return to save."""
    boats = resource_service.add_resource(sqlite_backend.uow, {
        "kind": "物资", "name": "冲锋舟", "quantity": "2 艘", "location": "青山水库",
        "keeper": "龚德明", "phone": "0731-86210238", "subtypes": ["山洪"]}).value
    tab = _resources_tab(window)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.search.hasFocus()
    qtbot.keyClicks(tab.search, "0731")
    qtbot.keyClick(tab.search, Qt.Key.Key_Tab)
    tab.table.setFocus()
    tab.table.selectRow(0)

    def by_keys(dialog):
        box = dialog.subtypes
        box.setFocus()
        row = next(i for i in range(box.count())
                   if box.item(i).data(Qt.ItemDataRole.UserRole) == "溺水")
        box.setCurrentRow(row)
        qtbot.keyClick(box, Qt.Key.Key_Space)
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    on_dialog(by_keys)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: resource_service.list_resources(sqlite_backend.uow)[0].version == 2)
    assert resource_service.list_resources(sqlite_backend.uow)[0].subtypes == ("山洪", "溺水")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.select_id(boats.id)
    tab.toggle_active()
    assert not resource_service.list_resources(sqlite_backend.uow)[0].active
    assert tab.proxy.rowCount() == 0


def test_import_preview_marks_bad_rows_and_imports_nothing(qtbot, runner, sqlite_backend, tmp_path):
    dialog = ImportResourcesDialog(sqlite_backend.uow, runner)
    qtbot.addWidget(dialog)
    dialog.load(_csv(tmp_path / "bad.csv", [
        ["物资", "救生衣", "120 件", "仓库", "范立新", "13707310109", "溺水"],
        ["物资", "沙袋", "3000 条", "仓库", "范立新", "13707310109", "沉船"]]))
    assert not dialog.confirm.isEnabled()
    assert "发现 1 处错误" in dialog.summary.text() and "第 3 行" in dialog.summary.text()
    assert dialog.model.rowCount() == 2
    problems = dialog.model.columnCount() - 1
    assert "沉船" in dialog.model.index(1, problems).data()
    assert not dialog.model.index(0, problems).data()
    assert resource_service.list_resources(sqlite_backend.uow) == []


def test_import_a_clean_file_marking_updates(qtbot, runner, sqlite_backend, tmp_path):
    resource_service.add_resource(sqlite_backend.uow, {
        "kind": "物资", "name": "救生衣", "quantity": "100 件", "location": "仓库",
        "keeper": "范立新", "phone": "13707310109", "subtypes": ["溺水"]})
    dialog = ImportResourcesDialog(sqlite_backend.uow, runner)
    qtbot.addWidget(dialog)
    dialog.load(_csv(tmp_path / "ok.csv", [
        ["物资", "救生衣", "120 件", "仓库", "范立新", "13707310109", "溺水"],
        ["队伍", "民兵应急分队", "30", "武装部", "张明远", "13907311002", "山洪、溺水"]]))
    assert dialog.confirm.isEnabled() and "共 2 条" in dialog.summary.text()
    assert "1 条更新" in dialog.summary.text()
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    assert dialog.imported == 2
    stock = {r.name: r.quantity for r in resource_service.list_resources(sqlite_backend.uow)}
    assert stock == {"救生衣": 120, "民兵应急分队": 30}


def test_an_incident_lists_the_resources_for_its_subtype(window, sqlite_backend):
    resource_service.add_resource(sqlite_backend.uow, {
        "kind": "物资", "name": "冲锋舟", "quantity": "2 艘", "location": "青山水库",
        "keeper": "龚德明", "phone": "0731-86210238", "subtypes": ["山洪"]})
    resource_service.add_resource(sqlite_backend.uow, {
        "kind": "队伍", "name": "半专业森林消防队", "quantity": "15", "location": "林业站",
        "keeper": "邱建平", "phone": "13707310121", "subtypes": ["森林火情"]})
    now = datetime.now(UTC)
    flood = incident_service.add_incident(sqlite_backend.uow, {
        "received_at": now.strftime("%Y-%m-%dT%H:%M"), "title": "东岭村山洪",
        "category": "natural_disaster", "subtype": "山洪"}, now=now).value
    window.show_page(2)
    window.log.refresh()
    window.log.open_incident(flood.id)
    shown = window.log.incident_text.toPlainText()
    assert "可调用的应急资源" in shown and "冲锋舟" in shown and "0731-86210238" in shown
    assert "龚德明" in shown and "半专业森林消防队" not in shown
