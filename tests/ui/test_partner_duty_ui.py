"""Partner departments' 值班备勤表 and 职责分工 in the window: the dispatch dialog proposing
the departments and whom to call, recording who answered; the roster typed by keyboard."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from dutyroom.domain.playbooks import steps_for
from dutyroom.services import (
    department_service,
    incident_service,
    incident_views,
    partner_duty_service,
    playbook_service,
    responsibility_service,
)
from dutyroom.ui import tasks
from dutyroom.ui.dialogs.log_dialogs import DispatchDialog
from dutyroom.ui.dialogs.partner_dialogs import PartnerRosterDialog
from dutyroom.ui.widgets import error_text

Z = ZoneInfo("Asia/Shanghai")


def _desk(backend) -> dict[str, int]:
    ids = {}
    for name, phone in (("镇应急管理办公室", "0731-86210350"), ("青山消防救援站", "0731-86210119"),
                        ("青山镇卫生院", "0731-86210120"), ("镇水利站", "0731-86210231")):
        ids[name] = department_service.add_department(backend.uow, {
            "name": name, "duty_phone": phone, "first_line": True}).value.id
    responsibility_service.put_duty(backend.uow, {
        "category": "accident", "subtype": "危化品泄漏", "lead": "镇应急管理办公室",
        "support": "青山消防救援站、青山镇卫生院"})
    today = datetime.now(Z)
    for offset in (-1, 0):  # whichever duty day "now" falls in
        partner_duty_service.put_entry(backend.uow, ids["青山消防救援站"], {
            "duty_date": (today + timedelta(days=offset)).date().isoformat(),
            "person": "黄伟", "mobile": "13907315001"})
    return ids


def test_the_dispatch_dialog_proposes_and_records_who_answered(window, on_dialog,
                                                               sqlite_backend, qtbot):
    ids = _desk(sqlite_backend)
    received = (datetime.now(Z) - timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M")
    incident_service.add_incident(sqlite_backend.uow, {
        "received_at": received, "title": "化工厂储罐泄漏", "category": "accident",
        "subtype": "危化品泄漏", "level": "III"})
    window.show_page(2)
    log = window.log
    log.refresh()
    log.incident_view.selectRow(0)
    seen = {}

    def decide(dialog: DispatchDialog) -> None:
        table = dialog.table
        names = [table.item(r, dialog.NAME).text() for r in range(table.rowCount())]
        seen["order"] = names
        seen["duty"] = [table.item(r, dialog.DUTY).text() for r in range(table.rowCount())]
        seen["ticked"] = [names[dialog.ids.index(i)] for i in dialog.chosen()]
        fire = names.index("青山消防救援站")
        seen["fire"] = (dialog.contacts[fire].text(), dialog.phones[fire].text(),
                        table.item(fire, dialog.SOURCE).text())
        health = names.index("青山镇卫生院")
        dialog.table.cellClicked.emit(health, dialog.NAME)  # the officer unticks a proposal
        lead = names.index("镇应急管理办公室")
        dialog.contacts[lead].setText("马主任")  # who actually answered
        dialog.phones[lead].setText("13707310108")
        dialog.submit()

    on_dialog(decide)
    log.dispatch_button.click()
    assert seen["order"][:3] == ["镇应急管理办公室", "青山消防救援站", "青山镇卫生院"]
    assert seen["duty"][:4] == ["牵头", "配合", "配合", ""]
    assert seen["ticked"] == ["镇应急管理办公室", "青山消防救援站", "青山镇卫生院"]
    assert seen["fire"][0] == "黄伟" or seen["fire"][2] == "办公室"  # office only if open now
    orders = {d.department: (d.contact_name, d.contact_phone) for d in log.detail.dispatches}
    assert set(orders) == {"镇应急管理办公室", "青山消防救援站"}
    assert orders["镇应急管理办公室"] == ("马主任", "13707310108")
    detail = incident_views.get_incident(sqlite_backend.uow, log.detail.id)
    assert {d.department_id for d in detail.dispatches} == {ids["镇应急管理办公室"],
                                                            ids["青山消防救援站"]}


def test_a_duty_roster_is_typed_by_keyboard(window, on_dialog, sqlite_backend, qtbot,
                                           monkeypatch):
    department_service.add_department(sqlite_backend.uow, {
        "name": "青山自来水公司", "duty_phone": "0731-86210160"})
    refused = []
    monkeypatch.setattr(tasks, "report_error",
                        lambda parent, title, error: refused.append(error_text(error)))
    announced = []
    window.runner.bus.changed.connect(lambda changes, origin: announced.append(changes))
    window.show_page(4)
    page = window.contacts
    page.refresh()
    page.tabs.setCurrentIndex(1)
    departments = page.departments
    departments.table.selectRow(0)
    seen = {}

    def type_two_days(dialog: PartnerRosterDialog) -> None:
        seen["focus"] = dialog.focusWidget() is dialog.person
        first = dialog.day.date()
        dialog.person.setText("余海")  # Chinese arrives through the IME; digits are typed
        qtbot.keyClicks(dialog.mobile, "13707310106")
        qtbot.keyClick(dialog.mobile, Qt.Key.Key_Return)
        seen["next day"] = dialog.day.date() == first.addDays(1)  # ready for the next day
        seen["announced"] = bool(announced)  # at once: 今日值班's roster reminder goes now
        dialog.person.setText("程慧")
        qtbot.keyClicks(dialog.mobile, "1370731")  # too short: refused, nothing saved
        qtbot.keyClick(dialog.mobile, Qt.Key.Key_Return)
        dialog.reject()

    on_dialog(type_two_days)
    departments.open_roster()  # what Ctrl+B and the 值班备勤表… button do
    roster = partner_duty_service.roster_of(sqlite_backend.uow, departments.selected().id)
    assert seen == {"focus": True, "next day": True, "announced": True}
    assert [(r.duty_date, r.person, r.mobile) for r in roster] == [
        (window.desk_today(), "余海", "13707310106")]  # the desk's today, not the computer's
    assert len(refused) == 1 and "手机" in refused[0]


def test_intake_shows_who_handles_the_kind_of_incident(window, on_dialog, sqlite_backend):
    _desk(sqlite_backend)
    window.show_page(2)
    seen = {}

    def choose(dialog) -> None:
        seen["before"] = dialog.proposal.text()
        dialog.category.setCurrentIndex(dialog.category.findData("accident"))
        dialog.subtype.setCurrentIndex(dialog.subtype.findData("危化品泄漏"))
        seen["leak"] = dialog.proposal.text()
        dialog.subtype.setCurrentIndex(dialog.subtype.findData("火灾"))  # no line, no category line
        seen["fire"] = dialog.proposal.text()
        dialog.reject()

    on_dialog(choose)
    window.log.new_incident_button.click()
    assert seen["before"] == "" and seen["fire"] == ""
    assert seen["leak"] == "建议派单：牵头 镇应急管理办公室；配合 青山消防救援站、青山镇卫生院（派单时核定）"


def test_a_playbook_step_is_ticked_from_the_detail(window, sqlite_backend, qtbot):
    received = (datetime.now(Z) - timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M")
    incident_service.add_incident(sqlite_backend.uow, {
        "received_at": received, "title": "青山河溺水", "category": "accident",
        "subtype": "溺水", "level": "IV"})
    window.show_page(2)
    log = window.log
    log.refresh()
    log.incident_view.selectRow(0)
    steps = log.steps
    assert not steps.isHidden() and steps.count() == len(steps_for("溺水"))
    steps.setCurrentRow(1)
    steps.setFocus()
    qtbot.keyClick(steps, Qt.Key.Key_Space)  # the keyboard ticks the current step
    item = steps.item(1)
    assert item.checkState() == Qt.CheckState.Checked
    assert "tester" in item.text()  # who ticked it, and when
    assert "处置要点" in log.incident_text.toPlainText()  # the tick is in 处理经过
    listed = playbook_service.checklist(sqlite_backend.uow, log.detail.id)
    assert [s.text for s in listed if s.done] == [steps_for("溺水")[1]]
