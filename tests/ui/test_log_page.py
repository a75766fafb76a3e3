"""值班日志: intake, reports, dispatch, search and the register, clicked through."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from dutyroom.domain.contacts import validate_department
from dutyroom.services import department_service, incident_service, register_service
from dutyroom.services.incident_service import IncidentQuery
from dutyroom.ui.dialogs.log_dialogs import IncidentDialog

Z = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def log(window):
    window.show_page(2)
    return window.log


def _recent(minutes: int) -> str:
    return (datetime.now(Z) - timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M")


def seed(backend, title="化工厂储罐泄漏", minutes=20, **more) -> int:
    values = {"received_at": _recent(minutes), "title": title, "category": "accident",
              "level": "III", **more}
    return incident_service.add_incident(backend.uow, values).value.id


def test_intake_through_the_form(log, on_dialog, sqlite_backend, qtbot):
    def fill(dialog: IncidentDialog) -> None:
        dialog.title_edit.setText("东岭村山体滑坡")
        dialog.category.setCurrentIndex(dialog.category.findData("natural_disaster"))
        dialog.subtype.setCurrentIndex(dialog.subtype.findData("地质灾害"))
        dialog.counts["deaths"].setValue(3)
        assert "Ⅲ级" in dialog.suggestion.text()  # the suggestion follows the facts
        dialog.fields["location"].setText("东岭村三组")
        dialog.submit()

    on_dialog(fill)
    log.new_incident_button.click()
    rows = incident_service.list_incidents(sqlite_backend.uow, IncidentQuery()).rows
    assert [r.title for r in rows] == ["东岭村山体滑坡"]
    assert log.incidents.rowCount() == 1
    assert log.detail is not None and "报送和到场时限" in log.incident_text.toPlainText()


def test_the_form_marks_what_is_wrong_and_saves_nothing(log, on_dialog, sqlite_backend):
    seen = {}

    def fill(dialog: IncidentDialog) -> None:
        dialog.title_edit.setText("无类别的事件")
        dialog.submit()
        seen["error"] = dialog.error.text()
        seen["marked"] = dialog.category.property("invalid")
        dialog.reject()

    on_dialog(fill)
    log.new_incident_button.click()
    assert "类别" in seen["error"] and seen["marked"] is True
    assert incident_service.list_incidents(sqlite_backend.uow, IncidentQuery()).rows == []


def test_report_dispatch_and_close_from_the_detail(log, on_dialog, sqlite_backend):
    incident_id = seed(sqlite_backend)
    fields = validate_department(name="青山消防救援站", duty_phone="0731-86210119",
                                 first_line=True)
    department_service.add_department(sqlite_backend.uow, fields.__dict__)
    log.refresh()
    log.incident_view.selectRow(0)
    assert log.detail is not None and log.detail.id == incident_id

    def report(dialog) -> None:
        dialog.channel.setCurrentIndex(dialog.channel.findData("written"))
        assert "信息报告" in dialog.text.toPlainText()  # the draft fills in
        dialog.submit()

    on_dialog(report)
    log.report_button.click()
    assert [r.channel for r in log.detail.reports] == ["written"]

    def dispatch(dialog) -> None:
        dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
        dialog.submit()

    on_dialog(dispatch)
    log.dispatch_button.click()
    assert log.detail.status == "handling" and len(log.detail.dispatches) == 1
    assert "派单" in log.incident_text.toPlainText()
    # closing without a final report is refused with a message, and nothing changes
    shown = {}
    on_dialog(lambda box: (shown.setdefault("text", box.text()), box.accept()))
    log.status_button.click()
    assert "终报" in shown["text"]
    assert incident_service.get_incident(sqlite_backend.uow, incident_id).status == "handling"


def test_search_and_filters(log, sqlite_backend):
    seed(sqlite_backend, "化工厂储罐泄漏", 30)
    seed(sqlite_backend, "S207线两车相撞", 20, level="IV")
    log.refresh()
    assert log.incidents.rowCount() == 2
    log.search.setText("化工")
    log.reload()
    assert [log.incidents.record(i).title for i in range(log.incidents.rowCount())] == [
        "化工厂储罐泄漏"]
    log.search.clear()
    log.level.setCurrentIndex(log.level.findData("IV"))
    assert [log.incidents.record(i).title for i in range(log.incidents.rowCount())] == [
        "S207线两车相撞"]


def test_the_list_loads_more_as_it_scrolls(log, sqlite_backend):
    for minute in range(130):
        seed(sqlite_backend, f"事件{minute}", 200 + minute)
    log.refresh()
    assert log.incidents.rowCount() == 100 and log.incidents.canFetchMore()
    log.incidents.fetchMore()
    assert log.incidents.rowCount() == 130 and not log.incidents.canFetchMore()
    ids = [log.incidents.record(i).id for i in range(130)]
    assert len(set(ids)) == 130


def test_register_entry_and_promotion(log, on_dialog, sqlite_backend):
    def fill(dialog) -> None:
        dialog.title_edit.setText("暴雨黄色预警")
        dialog.fields["from_unit"].setText("县气象局")
        dialog.fields["content"].setPlainText("今晚有暴雨")
        dialog.submit()

    on_dialog(fill)
    log.new_call_button.click()
    assert log.tabs.currentIndex() == 1 and log.entries.rowCount() == 1
    log.entry_view.selectRow(0)
    assert "暴雨黄色预警" in log.entry_text.toPlainText()

    def promote(dialog) -> None:
        dialog.category.setCurrentIndex(dialog.category.findData("natural_disaster"))
        dialog.submit()

    on_dialog(promote)
    log.promote_button.click()
    entry = register_service.list_entries(sqlite_backend.uow,
                                          register_service.RegisterQuery()).rows[0]
    assert entry.incident_id is not None
    assert log.tabs.currentIndex() == 0 and log.detail is not None
    assert log.detail.register_entry_id == entry.id


def test_a_correction_is_a_new_revision_with_its_reason(log, on_dialog, sqlite_backend):
    incident_id = seed(sqlite_backend, economic_loss=12_345)
    log.refresh()
    log.incident_view.selectRow(0)

    def correct(dialog: IncidentDialog) -> None:
        assert dialog.category.currentData() == "accident"  # the form opens on the facts
        dialog.counts["injured"].setValue(4)
        dialog.note.setText("医院核实")
        dialog.submit()

    on_dialog(correct)
    log.edit_button.click()
    detail = incident_service.get_incident(sqlite_backend.uow, incident_id)
    assert detail.facts.injured == 4 and detail.facts.economic_loss == 12_345
    assert "受伤：0 → 4" in detail.timeline[-1].detail and "医院核实" in detail.timeline[-1].detail
    assert "医院核实" in log.incident_text.toPlainText()


def test_an_edit_refused_because_another_desk_saved_first_shows_it_and_loses_nothing(
        log, on_dialog, sqlite_backend):
    incident_id = seed(sqlite_backend)
    log.refresh()
    log.incident_view.selectRow(0)
    seen = {}

    def edit(dialog: IncidentDialog) -> None:
        dialog.counts["injured"].setValue(4)
        detail = incident_service.get_incident(sqlite_backend.uow, incident_id)
        incident_service.update_incident(sqlite_backend.uow, incident_id, detail.version,
                                          {"deaths": 2}, "另一值班台核实")  # the other desk
        dialog.submit()
        seen["error"] = dialog.error.text()
        seen["kept"] = dialog.counts["injured"].value()
        dialog.submit()  # saved over the latest version, with only this desk's change

    on_dialog(edit)
    log.edit_button.click()
    assert "死亡：0 → 2" in seen["error"] and "另一值班台核实" in seen["error"]
    assert seen["kept"] == 4
    detail = incident_service.get_incident(sqlite_backend.uow, incident_id)
    assert (detail.facts.deaths, detail.facts.injured) == (2, 4)
