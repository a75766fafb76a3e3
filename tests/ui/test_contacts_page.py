"""通讯录, clicked through as a duty officer would."""

import csv

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox

from dutyroom.services import demo, staff_service
from dutyroom.ui.dialogs.contact_dialogs import StaffDialog
from dutyroom.ui.dialogs.import_dialog import ImportStaffDialog


def _open_contacts(window):
    window.show_page(5)
    return window.contacts


def test_search_as_you_type(window, qtbot, sqlite_backend):
    demo.seed_demo(sqlite_backend.uow)
    page = _open_contacts(window)
    page.refresh()
    staff = page.staff
    assert staff.proxy.rowCount() == 30
    staff.search.setText("党政办")  # QTest types ASCII only; Chinese arrives via the IME
    assert 0 < staff.proxy.rowCount() < 30
    staff.search.clear()
    qtbot.keyClicks(staff.search, "13907310001")
    assert staff.proxy.rowCount() == 1
    assert staff.selected() is None
    staff.search.clear()
    staff.tier.setCurrentIndex(2)  # 带班领导
    assert staff.proxy.rowCount() == 10
    assert "带班领导 10" in staff.count.text()


def _fill(dialog, **values):
    for key, value in values.items():
        widget = dialog.fields[key]
        if isinstance(widget, QLineEdit):
            widget.setText(value)
        elif isinstance(widget, QComboBox):
            widget.setCurrentText(value) if widget.isEditable() else widget.setCurrentIndex(
                widget.findText(value))


def test_add_a_person_through_the_dialog(window, qtbot, on_dialog, sqlite_backend):
    staff = _open_contacts(window).staff

    def fill(dialog):
        assert isinstance(dialog, StaffDialog)
        _fill(dialog, name="刘洋", tier="带班领导", mobile="139 0731 9999", department="党政办")
        qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)

    on_dialog(fill)
    qtbot.mouseClick(staff.add_button, Qt.MouseButton.LeftButton)
    people = staff_service.list_staff(sqlite_backend.uow)
    assert [(p.name, p.tier.label, p.mobile) for p in people] == [("刘洋", "带班领导", "13907319999")]
    assert staff.proxy.rowCount() == 1
    assert staff.selected().name == "刘洋"


def test_a_bad_mobile_marks_the_field_and_saves_nothing(qtbot, runner, sqlite_backend):
    dialog = StaffDialog(runner, lambda v: staff_service.add_staff(sqlite_backend.uow, v))
    qtbot.addWidget(dialog)
    _fill(dialog, name="刘洋", mobile="1390731")
    dialog.submit()
    assert dialog.outcome is None and not dialog.error.isHidden()
    assert "11 位手机号" in dialog.error.text()
    assert dialog.fields["mobile"].property("invalid") is True
    assert dialog.fields["name"].property("invalid") is False
    assert staff_service.list_staff(sqlite_backend.uow) == []


def test_edit_and_deactivate(window, qtbot, on_dialog, sqlite_backend, monkeypatch):
    person = staff_service.add_staff(sqlite_backend.uow, {
        "name": "刘洋", "tier": "值班员", "mobile": "13907319999"}).value
    staff = _open_contacts(window).staff
    staff.refresh()
    staff.select_id(person.id)

    def change(dialog):
        _fill(dialog, position="党政办副主任")
        dialog.submit()

    on_dialog(change)
    staff.edit()
    assert staff_service.list_staff(sqlite_backend.uow)[0].position == "党政办副主任"

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert staff.toggle_button.text() == "停用"
    qtbot.mouseClick(staff.toggle_button, Qt.MouseButton.LeftButton)
    assert not staff_service.list_staff(sqlite_backend.uow)[0].active
    assert staff.proxy.rowCount() == 0  # inactive people are hidden by default
    staff.show_inactive.setChecked(True)
    assert staff.proxy.rowCount() == 1


def test_add_a_department(window, qtbot, on_dialog, sqlite_backend):
    page = _open_contacts(window)
    page.tabs.setCurrentIndex(1)

    def fill(dialog):
        _fill(dialog, name="青山派出所", duty_phone="0731-86210110", liaison_name="蒋卫东",
              liaison_mobile="13707310101")
        dialog.fields["first_line"].setChecked(True)
        dialog.submit()

    on_dialog(fill)
    page.departments.add()
    assert page.departments.proxy.rowCount() == 1
    assert page.departments.proxy.index(0, 6).data() == "一线（30 分钟）"


def _csv(path, rows):
    with path.open("w", encoding="gbk", newline="") as handle:
        csv.writer(handle).writerows([["姓名", "值班层级", "手机"], *rows])
    return path


def test_import_preview_refuses_a_file_with_bad_rows(qtbot, runner, sqlite_backend, tmp_path):
    dialog = ImportStaffDialog(sqlite_backend.uow, runner)
    qtbot.addWidget(dialog)
    dialog.load(_csv(tmp_path / "bad.csv", [["张三", "值班员", "13800138000"],
                                            ["李四", "组长", "13800138001"],
                                            ["王五", "值班员", "1380013800"]]))
    assert not dialog.confirm.isEnabled()
    assert "发现 2 处错误" in dialog.summary.text()
    assert "第 3 行" in dialog.summary.text() and "第 4 行" in dialog.summary.text()
    assert dialog.model.rowCount() == 3
    assert dialog.model.index(1, 7).data()  # the 问题 column names the fault
    assert not dialog.model.index(0, 7).data()
    assert staff_service.list_staff(sqlite_backend.uow) == []


def test_import_a_clean_file(qtbot, runner, sqlite_backend, tmp_path):
    dialog = ImportStaffDialog(sqlite_backend.uow, runner)
    qtbot.addWidget(dialog)
    dialog.load(_csv(tmp_path / "ok.csv", [["张三", "值班员", "13800138000"],
                                           ["李四", "带班领导", "13800138001"]]))
    assert dialog.confirm.isEnabled()
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    assert dialog.imported == 2
    assert len(staff_service.list_staff(sqlite_backend.uow)) == 2


def test_import_an_unreadable_file(qtbot, runner, sqlite_backend, tmp_path):
    dialog = ImportStaffDialog(sqlite_backend.uow, runner)
    qtbot.addWidget(dialog)
    dialog.load(tmp_path / "gone.xlsx")
    assert "无法导入" in dialog.summary.text()
    assert not dialog.confirm.isEnabled()
