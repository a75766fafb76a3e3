"""Logging in, the locked screen, and the 数据 page (backups, field packages, accounts)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTime, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from dutyroom.app import demo_target, open_backend
from dutyroom.domain.roles import NOBODY, Role
from dutyroom.services import (
    backup_service,
    incident_service,
    incident_views,
    settings_service,
    staff_service,
    user_service,
)
from dutyroom.services.incident_views import IncidentQuery
from dutyroom.ui.dialogs.account_dialogs import LoginDialog, UserDialog
from dutyroom.ui.dialogs.setup_wizard import STAFF_DEMO, STAFF_LATER, SetupWizard
from dutyroom.ui.launch import sign_in

ADMIN = {"username": "admin", "display_name": "王主任", "password": "desk-2026!", "confirm": "desk-2026!"}


def _run_wizard(wizard: SetupWizard, choice: str, seen: dict) -> None:
    wizard.unit.unit_name.setText("")
    wizard.next()
    seen["unit_error"] = wizard.unit.error.text()  # refused: stays on the page
    wizard.unit.unit_name.setText("青山镇人民政府")
    wizard.unit.handover_time.setTime(QTime(9, 0))
    wizard.next()
    wizard.admin.username.setText("admin")
    wizard.admin.display_name.setText("王主任")
    wizard.admin.password.setText("desk-2026!")
    wizard.admin.confirm.setText("desk-2026?")
    wizard.next()
    seen["admin_error"] = wizard.admin.error.text()
    wizard.admin.confirm.setText("desk-2026!")
    wizard.next()
    next(b for b in wizard.staff.choices.buttons() if b.property("choice") == choice).setChecked(True)
    wizard.accept()


def test_first_run_sets_the_desk_up_then_later_runs_ask_for_a_login(
        sqlite_backend, runner, on_dialog):
    uow = sqlite_backend.uow
    seen: dict = {}
    on_dialog(lambda wizard: _run_wizard(wizard, STAFF_LATER, seen))
    signed = sign_in(uow, runner, "")
    assert signed
    uow = signed.uow
    assert "单位名称" in seen["unit_error"] and "不一致" in seen["admin_error"]
    assert uow.user.role == Role.ADMIN and uow.actor == "王主任(admin)"
    values = settings_service.load_settings(uow)
    assert (values["unit_name"], values["handover_time"]) == ("青山镇人民政府", "09:00")
    assert staff_service.list_staff(uow) == []

    def log_in(dialog: LoginDialog) -> None:
        dialog.username.setText("admin")
        dialog.password.setText("wrong-password")
        dialog.submit()
        seen["error"] = dialog.error.text()
        dialog.password.setText("desk-2026!")
        dialog.submit()

    on_dialog(log_in)
    signed = sign_in(uow, runner, "某镇人民政府")
    assert signed
    uow = signed.uow
    assert "用户名或密码不正确" in seen["error"] and uow.user.user_id is not None

    def quit_when_asked(box: QMessageBox) -> None:
        next(b for b in box.buttons() if b.text() == "退出").click()

    def cancel(dialog: LoginDialog) -> None:
        on_dialog(quit_when_asked)  # cancelling quits Dutyroom, so it asks first
        dialog.reject()

    on_dialog(cancel)
    signed = sign_in(uow, runner, "")
    uow = signed.uow
    assert not signed and uow.user is NOBODY  # cancelled: nobody acts


def _on_message_box(seen: dict) -> None:
    """Read and close the next message box (the wizard is still open beneath it)."""
    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            seen["message"] = box.text()
            box.accept()
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def test_the_demo_chosen_in_the_wizard_opens_in_a_database_of_its_own(
        sqlite_backend, runner, on_dialog, tmp_path):
    """The sample town never goes into the desk's database: the wizard opens it beside it,
    says so, and the desk keeps only its unit and administrator."""
    opened = []

    def open_demo():
        opened.append(open_backend(tmp_path / "desk-demo.sqlite3", "tester"))
        return opened[-1]

    seen: dict = {}

    def run(wizard: SetupWizard) -> None:
        _on_message_box(seen)
        _run_wizard(wizard, STAFF_DEMO, seen)

    on_dialog(run)
    uow = sqlite_backend.uow
    signed = sign_in(uow, runner, "", open_demo=open_demo)
    try:
        assert signed and signed.demo is opened[0]
        uow = signed.uow
        desk = settings_service.load_settings(uow)
        assert not desk["demo_data"] and desk["unit_name"] == "青山镇人民政府"
        assert staff_service.list_staff(uow) == [] and uow.user.role == Role.ADMIN
        sample = settings_service.load_settings(signed.demo.uow)
        assert sample["demo_data"] and "示例" in sample["unit_name"]
        assert len(staff_service.list_staff(signed.demo.uow)) == 30
        assert signed.demo.uow.user.role == Role.ADMIN  # the same administrator, logged in
        assert str(tmp_path / "desk-demo.sqlite3") in seen["message"]
        assert "没有写入任何示例数据" in seen["message"]
    finally:
        for backend in opened:
            backend.close()


def test_without_a_separate_database_the_wizard_offers_no_demo(sqlite_backend, runner, qtbot):
    wizard = SetupWizard(sqlite_backend.uow, runner)
    qtbot.addWidget(wizard)
    demo = next(b for b in wizard.staff.choices.buttons() if b.property("choice") == STAFF_DEMO)
    assert not demo.isEnabled()


def test_the_demo_file_sits_beside_the_desk_s_database(tmp_path):
    assert demo_target(tmp_path / "desk.sqlite3") == tmp_path / "desk-demo.sqlite3"
    assert demo_target("postgresql+psycopg://u@h/db").name == "dutyroom-demo.sqlite3"


def test_the_desk_locks_when_idle_and_the_next_officer_logs_in(window, sqlite_backend):
    admin = user_service.create_first_admin(sqlite_backend.uow, ADMIN).value
    window.unlock(admin)
    user_service.add_user(window.uow, {"username": "zhang", "display_name": "张三", "role": "值班员",
                                       "password": "pass-word-1", "confirm": "pass-word-1"})
    assert "王主任(admin)（管理员）" in window.user_label.text()
    clock = [1000.0]
    window.idle_clock = lambda: clock[0]
    window._last_input = clock[0]
    clock[0] += 14 * 60
    window.check_idle()
    assert not window.locked  # 15 minutes by default
    clock[0] += 61
    window.check_idle()
    assert window.locked and window.uow.user is NOBODY
    screen = window.lock_screen
    assert screen.username.text() == "admin"
    screen.username.setText("zhang")
    screen.password.setText("wrong")
    screen.submit()
    assert window.locked and "不正确" in screen.error.text()
    screen.password.setText("pass-word-1")
    screen.submit()
    assert not window.locked and window.uow.actor == "张三(zhang)"
    assert "值班员" in window.user_label.text()
    window.lock_button.click()
    assert window.locked


def test_backups_and_restore_from_the_data_page(window, sqlite_backend, monkeypatch):
    page = window.data_page
    window.show_page(window.pages.index(page))
    staff_service.add_staff(sqlite_backend.uow, {"name": "张三", "tier": "值班员", "mobile": "13800000001"})
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    page.backup_button.click()
    assert page.backups.rowCount() == 1 and page.backups.record(0).kind == "手动备份"
    staff_service.add_staff(sqlite_backend.uow, {"name": "李四", "tier": "值班员", "mobile": "13800000002"})
    page.backup_table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.restore_button.click()
    assert [p.name for p in staff_service.list_staff(sqlite_backend.uow)] == ["张三"]
    assert {b.kind for b in page.backups.records()} == {"手动备份", "恢复前自动保留"}
    window.show_page(window.pages.index(window.contacts))  # hidden pages reread when shown
    assert window.contacts.staff.model.rowCount() == 1


def test_field_package_out_and_back_from_the_data_page(window, sqlite_backend, tmp_path, monkeypatch,
                                                      on_dialog):
    from dutyroom.app import open_backend

    page = window.data_page
    incident_service.add_incident(sqlite_backend.uow, {"received_at": "2026-07-01T10:00",
                                                       "title": "河堤管涌", "category": "natural_disaster"})
    package = tmp_path / "field.dutyroom"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(package), ""))
    on_dialog(lambda dialog: dialog.accept())  # the period
    page.export_button.click()
    assert "未办结事件 1 件" in page.field_result.text()
    laptop = open_backend(package, "tester")
    incident_service.add_incident(laptop.uow, {"received_at": "2026-07-01T11:00",
                                               "title": "外勤：道路塌方", "category": "accident"})
    laptop.close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(package), ""))
    page.merge_button.click()
    assert "新增 1 条" in page.field_result.text()
    titles = {r.title for r in incident_views.list_incidents(sqlite_backend.uow, IncidentQuery()).rows}
    assert titles == {"河堤管涌", "外勤：道路塌方"}
    window.show_page(window.pages.index(window.log))
    assert window.log.incidents.rowCount() == 2


def test_the_administrator_adds_an_account_from_the_data_page(window, sqlite_backend, on_dialog):
    window.unlock(user_service.create_first_admin(sqlite_backend.uow, ADMIN).value)
    uow = window.uow
    person = staff_service.add_staff(uow, {"name": "张三", "tier": "值班员", "mobile": "13800000001"})
    page = window.data_page
    page.refresh(None)
    assert page.add_user_button.isEnabled()

    def fill(dialog: UserDialog) -> None:
        dialog.fields["username"].setText("zhang")
        dialog.fields["display_name"].setText("张三")
        dialog.fields["staff_id"].setCurrentIndex(dialog.fields["staff_id"].findData(person.value.id))
        dialog.fields["password"].setText("pass-word-1")
        dialog.fields["confirm"].setText("pass-word-1")
        dialog.submit()

    on_dialog(fill)
    page.add_user_button.click()
    assert [(u.username, u.staff_name) for u in page.users.records()] == [("admin", ""), ("zhang", "张三")]
    window.unlock(user_service.login(uow, "zhang", "pass-word-1"))
    page.refresh(None)
    assert not page.add_user_button.isEnabled() and not page.restore_button.isEnabled()
    assert Path(backup_service.backup_to(sqlite_backend.url)).exists()  # anyone may back up


def test_the_data_page_checks_the_file_against_a_paper_anchor(window, sqlite_backend):
    from dutyroom.services import integrity_service

    page = window.data_page
    window.show_page(window.pages.index(page))
    staff_service.add_staff(sqlite_backend.uow, {"name": "张三", "tier": "值班员", "mobile": "13800000001"})
    head = integrity_service.run_check(sqlite_backend.uow, sqlite_backend.engine).head
    page.anchor_edit.setText(head.readable().split(" ")[1] + ":" + head.readable().split(" ")[3])
    page.check_button.click()
    assert "检查通过" in page.check_result.text() and "第 1 条" in page.check_result.text()
    page.anchor_edit.setText("5:0000-0000-0000-0000")
    page.check_button.click()
    assert "发现 1 个问题" in page.check_result.text() and "更早的备份" in page.check_result.text()
    page.anchor_edit.setText("不是锚点")
    page.check_button.click()
    assert "不是审计链锚点" in page.check_result.text()


def test_a_backup_failing_the_check_is_restored_only_with_a_reason(window, sqlite_backend, tmp_path,
                                                                   monkeypatch):
    import sqlite3

    from PySide6.QtWidgets import QInputDialog

    page = window.data_page
    staff_service.add_staff(sqlite_backend.uow, {"name": "张三", "tier": "值班员", "mobile": "13800000001"})
    planted = backup_service.backup_to(sqlite_backend.url, tmp_path / "planted.sqlite3")
    with sqlite3.connect(planted) as raw:
        raw.execute("UPDATE staff SET mobile = '13999999999'")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    asked: list[str] = []

    def no_reason(parent, title, label, *a, **k):
        asked.append(label)
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", no_reason)
    page.restore_from(planted)
    assert "未通过完整性检查" in asked[0] and "张三" in asked[0]
    assert staff_service.list_staff(sqlite_backend.uow)[0].mobile == "13800000001"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("按县局要求恢复", True))
    page.restore_from(planted)
    assert staff_service.list_staff(sqlite_backend.uow)[0].mobile == "13999999999"


def test_a_field_package_carries_only_the_ticked_accounts(window, sqlite_backend, tmp_path, monkeypatch,
                                                          on_dialog):
    import sqlite3

    from PySide6.QtCore import Qt

    window.unlock(user_service.create_first_admin(sqlite_backend.uow, ADMIN).value)
    uow = window.uow
    user_service.add_user(uow, {"username": "zhang", "display_name": "张三", "role": "officer",
                                "password": "pass-word-1", "confirm": "pass-word-1"})
    page = window.data_page
    page.refresh(None)
    package = tmp_path / "field.dutyroom"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(package), ""))

    def choose(dialog) -> None:
        items = [dialog.accounts.item(n) for n in range(dialog.accounts.count())]
        assert [i.checkState() for i in items] == [Qt.CheckState.Checked, Qt.CheckState.Unchecked]
        items[0].setCheckState(Qt.CheckState.Unchecked)
        items[1].setCheckState(Qt.CheckState.Checked)
        dialog.accept()

    on_dialog(choose)
    page.export_button.click()
    assert "带出的账户：zhang" in page.field_result.text()
    with sqlite3.connect(package) as raw:
        assert [r[0] for r in raw.execute("SELECT username FROM users")] == ["zhang"]
