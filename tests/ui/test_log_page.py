"""值班日志: intake, reports, dispatch, search and the register, clicked through."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from dutyroom.domain.contacts import validate_department
from dutyroom.services import (
    department_service,
    incident_service,
    incident_views,
    register_service,
    upward_reports,
)
from dutyroom.services.incident_views import IncidentQuery
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
        assert dialog.loss.suffix().strip() == "万元"  # typed in the unit it is shown in
        dialog.loss.setValue(1500)
        assert "直接经济损失 1500 万元 ≥ 1000 万元" in dialog.suggestion.text()
        dialog.fields["location"].setText("东岭村三组")
        dialog.submit()

    on_dialog(fill)
    log.new_incident_button.click()
    rows = incident_views.list_incidents(sqlite_backend.uow, IncidentQuery()).rows
    assert [r.title for r in rows] == ["东岭村山体滑坡"]
    assert incident_views.get_incident(sqlite_backend.uow, rows[0].id).facts.economic_loss == \
        15_000_000
    assert "损失 1500 万元" in log.incident_text.toPlainText()
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
    assert incident_views.list_incidents(sqlite_backend.uow, IncidentQuery()).rows == []


def test_report_dispatch_and_close_from_the_detail(log, on_dialog, sqlite_backend):
    incident_id = seed(sqlite_backend)
    fields = validate_department(name="青山消防救援站", duty_phone="0731-86210119",
                                 first_line=True)
    department_service.add_department(sqlite_backend.uow, fields.__dict__)
    log.refresh()
    log.incident_view.selectRow(0)
    assert log.detail is not None and log.detail.id == incident_id

    def report(dialog) -> None:
        assert "信息报告（首报）" in dialog.text.toPlainText()  # drafted as the form opens
        dialog.stage.setCurrentIndex(dialog.stage.findData("update"))
        assert "信息报告（续报）" in dialog.text.toPlainText()  # untouched: follows the stage
        dialog.text.setPlainText(dialog.text.toPlainText() + "\n补充：现场已控制。")
        dialog.stage.setCurrentIndex(dialog.stage.findData("first"))
        assert "补充：现场已控制。" in dialog.text.toPlainText()  # edited: kept
        dialog.channel.setCurrentIndex(dialog.channel.findData("written"))
        dialog.submit()

    on_dialog(report)
    log.report_button.click()
    assert [r.channel for r in log.detail.reports] == ["written"]
    assert "补充：现场已控制。" in log.detail.reports[0].text

    def dispatch(dialog) -> None:
        dialog.asks[0].setText("带堵漏器材到 3 号罐区")
        dialog.asks[0].textEdited.emit("带堵漏器材到 3 号罐区")  # typed: the row is ticked
        assert dialog.chosen() == [dialog.ids[0]]
        dialog.submit()

    on_dialog(dispatch)
    log.dispatch_button.click()
    assert log.detail.status == "handling" and len(log.detail.dispatches) == 1
    assert log.detail.dispatches[0].instruction == "带堵漏器材到 3 号罐区"
    text = log.incident_text.toPlainText()
    assert "派单" in text and "要求：带堵漏器材到 3 号罐区" in text
    # closing without a final report is refused with a message, and nothing changes
    shown = {}
    on_dialog(lambda box: (shown.setdefault("text", box.text()), box.accept()))
    log.status_button.click()
    assert "终报" in shown["text"]
    assert incident_views.get_incident(sqlite_backend.uow, incident_id).status == "handling"


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


def fill_entry(dialog) -> None:
    dialog.title_edit.setText("暴雨黄色预警")
    dialog.fields["from_unit"].setText("县气象局")
    dialog.fields["content"].setPlainText("今晚有暴雨")
    dialog.submit()


def promote_entry(dialog) -> None:
    dialog.category.setCurrentIndex(dialog.category.findData("natural_disaster"))
    dialog.submit()


def test_register_entry_and_promotion(log, on_dialog, sqlite_backend):
    on_dialog(fill_entry)
    log.new_call_button.click()
    assert log.tabs.currentIndex() == 1 and log.entries.rowCount() == 1
    log.entry_view.selectRow(0)
    assert "暴雨黄色预警" in log.entry_text.toPlainText()
    on_dialog(promote_entry)
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
    detail = incident_views.get_incident(sqlite_backend.uow, incident_id)
    assert detail.facts.injured == 4 and detail.facts.economic_loss == 12_345
    assert "受伤由 0人 改为 4人" in detail.timeline[-1].detail and "医院核实" in detail.timeline[-1].detail
    assert "医院核实" in log.incident_text.toPlainText()


def test_an_edit_refused_because_another_desk_saved_first_shows_it_and_loses_nothing(
        log, on_dialog, sqlite_backend):
    incident_id = seed(sqlite_backend)
    log.refresh()
    log.incident_view.selectRow(0)
    seen = {}

    def edit(dialog: IncidentDialog) -> None:
        dialog.counts["injured"].setValue(4)
        detail = incident_views.get_incident(sqlite_backend.uow, incident_id)
        incident_service.update_incident(sqlite_backend.uow, incident_id, detail.version,
                                          {"deaths": 2}, "另一值班台核实")  # the other desk
        dialog.submit()
        seen["error"] = dialog.error.text()
        seen["kept"] = dialog.counts["injured"].value()
        dialog.submit()  # saved over the latest version, with only this desk's change

    on_dialog(edit)
    log.edit_button.click()
    assert "死亡由 0人 改为 2人" in seen["error"] and "另一值班台核实" in seen["error"]
    assert seen["kept"] == 4
    detail = incident_views.get_incident(sqlite_backend.uow, incident_id)
    assert (detail.facts.deaths, detail.facts.injured) == (2, 4)


def test_the_dispatch_table_finds_departments_as_you_type(log, on_dialog, sqlite_backend):
    seed(sqlite_backend)
    for name, phone in (("青山消防救援站", "0731-86210119"), ("青山镇卫生院", "0731-86210120"),
                        ("镇水利站", "0731-86210231")):
        department_service.add_department(sqlite_backend.uow, {"name": name, "duty_phone": phone})
    log.refresh()
    log.incident_view.selectRow(0)
    seen = {}

    def find(dialog) -> None:
        table = dialog.table
        dialog.search.setText("卫生")
        seen["shown"] = [table.item(r, dialog.NAME).text() for r in range(table.rowCount())
                         if not table.isRowHidden(r)]
        dialog.search.setText("86210231")
        seen["by phone"] = [table.item(r, dialog.NAME).text() for r in range(table.rowCount())
                            if not table.isRowHidden(r)]
        dialog.search.clear()
        row = next(r for r in range(table.rowCount())
                   if table.item(r, dialog.NAME).text() == "镇水利站")
        dialog.table.cellClicked.emit(row, dialog.NAME)  # a click on the row ticks it
        seen["header"] = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        seen["limits"] = {table.item(r, dialog.NAME).text(): table.item(r, dialog.LIMIT).text()
                          for r in range(table.rowCount())}
        dialog.submit()

    on_dialog(find)
    log.dispatch_button.click()
    assert seen["shown"] == ["青山镇卫生院"] and seen["by phone"] == ["镇水利站"]
    assert seen["header"] == ["派单", "联动单位", "建议", "联系人", "电话", "依据", "到达时限", "要求"]
    assert seen["limits"]["镇水利站"] == "40 分钟"
    assert [d.department for d in log.detail.dispatches] == ["镇水利站"]
    assert log.detail.dispatches[0].instruction == ""


def test_the_report_form_names_the_officer_logged_in(window, log, on_dialog, sqlite_backend):
    from dutyroom.domain.roles import Actor, Role

    seed(sqlite_backend)
    window.unlock(Actor.user(7, "liuyang", "刘洋", Role.OFFICER, None))
    log.refresh()
    log.incident_view.selectRow(0)
    seen = {}

    def look(dialog) -> None:
        seen["sender"] = dialog.sender_box.text()
        seen["text"] = dialog.text.toPlainText()
        dialog.reject()

    on_dialog(look)
    log.report_button.click()
    assert seen["sender"] == "刘洋"
    assert seen["text"].startswith("关于化工厂储罐泄漏的信息报告（首报）")


def test_after_saving_the_detail_stays_where_the_officer_was_reading(log, on_dialog,
                                                                       sqlite_backend):
    incident_id = seed(sqlite_backend, summary="第一段。\n" * 60)
    log.refresh()
    log.incident_view.selectRow(0)
    text = log.incident_text
    text.resize(500, 300)
    bar = text.verticalScrollBar()
    assert bar.maximum() > 200
    # the deadlines come before the facts: they are seen without scrolling
    plain = text.toPlainText()
    assert plain.index("报送和到场时限") < plain.index("伤亡") < plain.index("处理经过")
    bar.setValue(180)

    def correct(dialog: IncidentDialog) -> None:
        dialog.counts["injured"].setValue(1)
        dialog.submit()

    on_dialog(correct)
    log.edit_button.click()
    assert incident_views.get_incident(sqlite_backend.uow, incident_id).facts.injured == 1
    assert "受伤由 0人 改为 1人" in text.toPlainText()
    assert bar.value() == 180


def test_two_steps_in_one_minute_show_their_seconds(log, sqlite_backend):
    incident_id = seed(sqlite_backend, minutes=30)
    detail = incident_views.get_incident(sqlite_backend.uow, incident_id)
    upward_reports.record_report(sqlite_backend.uow, incident_id, "first", "phone",
                                   now=detail.timeline[0].at + timedelta(seconds=1))
    log.refresh()
    log.incident_view.selectRow(0)
    steps = [line for line in log.incident_text.toPlainText().split("处理经过", 1)[1].splitlines()
             if line.strip()]
    assert len(steps) == 2
    assert all(len(line.split()[1]) == len("10:05:07") for line in steps), steps


def test_the_log_and_data_pages_read_the_window_s_clock_not_the_computer_s(qtbot, sqlite_backend,
                                                                          runner):
    """A deadline is overdue, and a field package's days start, by the desk's clock as the
    window keeps it (a test's or a desk's own), not by whatever the computer reads."""
    from types import SimpleNamespace

    from dutyroom.services import settings_service
    from dutyroom.ui.main_window import DATA, LOG, MainWindow
    from dutyroom.ui.theme import DANGER

    moment = datetime(2031, 5, 1, 4, 0, tzinfo=ZoneInfo("UTC"))
    window = MainWindow(sqlite_backend.uow, runner, "test.sqlite3", "0001",
                        settings_service.load_settings(sqlite_backend.uow), now=lambda: moment)
    qtbot.addWidget(window)
    window.show_page(LOG)
    due = window.log.incident_tab.incidents.columns[-1]
    row = SimpleNamespace(next_deadline=SimpleNamespace(due=moment + timedelta(minutes=1)))
    assert due.colour(row) is None
    row.next_deadline.due = moment
    assert due.colour(row) == DANGER
    window.show_page(DATA)
    assert window.current_page().now() == moment


def test_a_dialog_s_save_reaches_the_other_pages_once(window, log, on_dialog, sqlite_backend):
    """The dialog's operation tells the other pages (and the alert list) what it changed;
    the page that opened it does not tell them a second time."""
    heard: list[object] = []
    window.runner.bus.changed.connect(lambda changes, _origin: heard.append(changes))

    on_dialog(fill_entry)
    log.new_call_button.click()
    assert log.entries.rowCount() == 1 and len(heard) == 1
    log.entry_view.selectRow(0)
    on_dialog(promote_entry)
    log.promote_button.click()
    assert log.detail is not None and len(heard) == 2
