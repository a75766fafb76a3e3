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


def _responsible(uow, tmp_path):
    from dutyroom.services import responsible_service

    path = tmp_path / "责任人.csv"
    path.write_text("村(社区),岗位,姓名,手机,AB角,备注\n东村,村(社区)书记,张建国,13800000001,李秀英,\n"
                    "东村,网格员,李秀英,13800000002,张建国,\n东村,山洪预警员,陈大勇,13800000003,李秀英,\n"
                    "西村,村(社区)书记,王德明,13800000004,,\n", encoding="utf-8")
    responsible_service.import_file(uow, path)
    return responsible_service


def test_deactivating_an_ab_jiao_names_whose_backup_they_are(window, qtbot, sqlite_backend,
                                                             tmp_path, monkeypatch):
    service = _responsible(sqlite_backend.uow, tmp_path)
    page = _open_contacts(window)
    page.tabs.setCurrentIndex(page.tabs.indexOf(page.responsible))
    page.refresh()
    people = page.responsible
    asked = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or answer[0])
    by_name = {p.name: p for p in service.directory(sqlite_backend.uow).people}
    people.select_id(by_name["李秀英"].id)
    qtbot.mouseClick(people.toggle_button, Qt.MouseButton.LeftButton)
    assert "AB角" in asked[0] and "张建国（东村 村(社区)书记）" in asked[0]
    assert "陈大勇（东村 山洪预警员）" in asked[0] and "以下 2 人" in asked[0]
    assert by_name["李秀英"].id in {p.id for p in service.directory(sqlite_backend.uow).people
                                   if p.active}  # said no: nothing changed
    people.select_id(by_name["王德明"].id)  # nobody's backup: the plain question
    qtbot.mouseClick(people.toggle_button, Qt.MouseButton.LeftButton)
    assert "AB角" not in asked[1]
    answer[0] = QMessageBox.StandardButton.Yes
    people.select_id(by_name["李秀英"].id)
    qtbot.mouseClick(people.toggle_button, Qt.MouseButton.LeftButton)
    assert not {p.name: p for p in service.directory(sqlite_backend.uow).people}["李秀英"].active


def test_an_import_row_with_a_probable_village_typo_is_flagged_but_may_be_imported(
        window, qtbot, sqlite_backend, tmp_path):
    from dutyroom.ui.dialogs.import_dialog import CHANGED_ROW, ImportResponsibleDialog

    service = _responsible(sqlite_backend.uow, tmp_path)
    path = tmp_path / "新增.csv"
    path.write_text("村(社区),岗位,姓名,手机\n东村社区,网格员,赵强,13800000009\n"
                    "南村,网格员,孙丽,13800000010\n", encoding="utf-8")
    dialog = ImportResponsibleDialog(sqlite_backend.uow, window.runner, window)
    qtbot.addWidget(dialog)
    dialog.load(path)
    assert dialog.confirm.isEnabled()  # a notice, not an error
    assert "可能是「东村」的笔误" in dialog.summary.text() and "1 行请核对" in dialog.summary.text()
    first, second = dialog.model.records()
    assert dialog.tint(first) == CHANGED_ROW and dialog.tint(second) is None  # 南村 is new, not 东村
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    assert dialog.imported == 2
    assert "东村社区" in service.directory(sqlite_backend.uow).villages  # the desk decided


def test_the_responsible_tab_searches_filters_adds_and_refuses_a_bad_file(
        window, qtbot, on_dialog, sqlite_backend, tmp_path):
    """基层责任人 as the desk keeps them: narrowed by typing, by village and by role; a new
    one added with an AB角 from the directory (audited); a file with a bad row refused in
    the preview with nothing saved."""
    from sqlalchemy import select

    from dutyroom.db.models import AuditEntry
    from dutyroom.ui.dialogs.import_dialog import ImportResponsibleDialog

    service = _responsible(sqlite_backend.uow, tmp_path)
    page = _open_contacts(window)
    page.tabs.setCurrentIndex(page.tabs.indexOf(page.responsible))
    page.refresh()
    people = page.responsible
    assert people.proxy.rowCount() == 4
    qtbot.keyClicks(people.search, "13800000004")
    assert people.proxy.rowCount() == 1
    people.search.clear()
    people.village.setCurrentIndex(people.village.findData("东村"))
    assert people.proxy.rowCount() == 3
    people.role.setCurrentIndex(people.role.findData("网格员"))
    assert people.proxy.rowCount() == 1 and "显示 1 人" in people.count.text()
    people.village.setCurrentIndex(0)
    people.role.setCurrentIndex(0)

    def fill(dialog):
        _fill(dialog, name="赵强", village="西村", role="网格员", mobile="13800000009")
        backup = dialog.fields["backup_id"]
        backup.setCurrentIndex(backup.findText("王德明", Qt.MatchFlag.MatchStartsWith))
        qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)

    on_dialog(fill)
    qtbot.mouseClick(people.add_button, Qt.MouseButton.LeftButton)
    added = {p.name: p for p in service.directory(sqlite_backend.uow).people}["赵强"]
    assert (added.village, added.role, added.backup_name) == ("西村", "网格员", "王德明")
    assert people.proxy.rowCount() == 5
    with sqlite_backend.uow.read() as session:
        assert session.scalars(select(AuditEntry.action).where(
            AuditEntry.entity == "responsible", AuditEntry.entity_id == str(added.id))).all() \
            == ["create"]

    bad = tmp_path / "坏.csv"
    bad.write_text("村(社区),岗位,姓名,手机,AB角\n南村,网格员,孙丽,13800000010,\n"
                   ",网格员,周平,13800000011,\n南村,网格员,吴刚,1380000001,钱多多\n",
                   encoding="utf-8")
    dialog = ImportResponsibleDialog(sqlite_backend.uow, window.runner, window)
    qtbot.addWidget(dialog)
    dialog.load(bad)
    assert not dialog.confirm.isEnabled()
    assert "第 3 行" in dialog.summary.text() and "第 4 行" in dialog.summary.text()
    assert len(service.directory(sqlite_backend.uow).people) == 5  # nothing of the file saved
