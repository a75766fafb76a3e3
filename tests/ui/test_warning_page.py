"""预警, worked as a duty officer works it at night: record the warning, then go down the
relay board with the keyboard only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from dutyroom.services import alert_service, responsible_service, warning_service
from dutyroom.ui.main_window import WARNINGS

NOW = datetime(2026, 7, 1, 18, 40, tzinfo=UTC)


def _directory(uow, tmp_path):
    path = tmp_path / "责任人.csv"
    path.write_text("村(社区),岗位,姓名,手机,AB角,备注\n东村,村(社区)书记,张建国,13800000001,李秀英,\n"
                    "东村,网格员,李秀英,13800000002,张建国,\n西村,村(社区)书记,王德明,13800000004,,\n"
                    "西村,网格员,陈大勇,13800000003,王德明,\n", encoding="utf-8")
    responsible_service.import_file(uow, path)


def test_a_red_warning_relayed_by_keyboard_alone(window, qtbot, sqlite_backend, tmp_path,
                                                 on_dialog):
    _directory(sqlite_backend.uow, tmp_path)
    clock = [NOW]
    window.now = lambda: clock[0]
    window.show_page(WARNINGS)
    page = window.warnings
    page.now = window.now
    page.refresh(None)
    assert page.model.records() == [] and "没有生效中的预警" in page.heading.text()

    def fill(dialog):
        dialog.fields["colour"].setCurrentIndex(dialog.fields["colour"].findData("red"))
        villages = dialog.villages
        villages.setCurrentRow(0)  # 全镇, ticked from the keyboard
        qtbot.keyClick(villages, Qt.Key.Key_Return)
        assert dialog.isVisible()  # Enter ticked 全镇; it did not save the form
        dialog.submit()

    on_dialog(fill)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert [t.name for t in page.model.records()] == ["张建国", "李秀英", "王德明", "陈大勇"]
    assert "还剩 5:00" in page.countdown.text() and "0/4" in page.countdown.text()
    table = page.table
    table.setFocus()
    assert page._selected_target().name == "张建国"
    clock[0] = NOW + timedelta(seconds=40)
    qtbot.keyClick(table, Qt.Key.Key_A)  # answered; the selection moves on
    assert page._selected_target().name == "李秀英"
    for _ in range(3):  # no answer three times: the row offers the AB角
        qtbot.keyClick(table, Qt.Key.Key_N)
        table.selectRow(1)
    target = page._selected_target()
    assert target.row.failed == 3 and target.row.offer_backup
    assert "请叫 AB角" in page.model.data(page.model.index(1, 5))
    qtbot.keyClick(table, Qt.Key.Key_B)  # 张建国 answers as 李秀英's AB角
    assert page.model.records()[1].state_label == "已转AB角"
    assert page._selected_target().name == "王德明"
    qtbot.keyClick(table, Qt.Key.Key_S)  # the text to 西村's list answers nobody
    board = page.board
    assert board.warning.reached == 2
    assert [t.name for t in board.unreached] == ["王德明", "陈大勇"]
    assert "短信已发" in page.model.data(page.model.index(2, 5))
    assert "未叫醒（2 人）" in page.unreached.text()
    # past the deadline the unreached ring, and the alert opens this board
    clock[0] = NOW + timedelta(minutes=6)
    page._tick()
    assert "已超过叫应时限" in page.countdown.text()
    ringing = [a for a in alert_service.alerts_at(sqlite_backend.uow, clock[0])
               if a.kind == "warning_relay"]
    assert len(ringing) == 2 and all(a.target == "warning" for a in ringing)
    window.show_page(0)
    window.open_warning(ringing[0].ref)
    assert window.stack.currentIndex() == WARNINGS and page.board.warning.id == ringing[0].ref
    page.table.setFocus()
    page._select_next(None, skip_current=False)
    qtbot.keyClick(page.table, Qt.Key.Key_A)
    qtbot.keyClick(page.table, Qt.Key.Key_A)
    assert page.board.warning.done and "已全部叫应" in (page._tick() or page.countdown.text())
    assert [a for a in alert_service.alerts_at(sqlite_backend.uow, clock[0])
            if a.kind == "warning_relay"] == []


def test_keys_do_nothing_on_a_cancelled_warning(window, qtbot, sqlite_backend, tmp_path):
    _directory(sqlite_backend.uow, tmp_path)
    uow = sqlite_backend.uow
    first = warning_service.add_warning(uow, {
        "issuer": "县气象台", "type": "暴雨", "colour": "orange", "issued_at": "2026-07-02T02:30",
        "villages": ["东村"]}, now=NOW).value.warning
    warning_service.add_warning(uow, {"supersedes": first.id, "action": "cancel",
                                      "issued_at": "2026-07-02T03:00"}, now=NOW + timedelta(hours=1))
    window.now = lambda: NOW + timedelta(hours=2)
    window.show_page(WARNINGS)
    page = window.warnings
    page.now = window.now
    page.open_warning(first.id)
    assert page.board.warning.id == first.id and "已解除" in page.heading.text()
    assert not page.answered_button.isEnabled() and not page.follow_button.isEnabled()
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_A)
    assert warning_service.board(uow, first.id).targets[0].attempts == ()


def test_today_shows_warnings_in_force_and_opens_their_board(window, qtbot, sqlite_backend,
                                                             tmp_path):
    _directory(sqlite_backend.uow, tmp_path)
    added = warning_service.add_warning(sqlite_backend.uow, {
        "issuer": "县气象台", "type": "暴雨", "colour": "red", "issued_at": "2026-07-02T02:30",
        "villages": ["全镇"]}, now=NOW).value.warning
    window.now = window.today.now = lambda: NOW + timedelta(minutes=1)
    window.today.refresh(None)
    label = window.today.warning_label
    assert label.isVisible() and "叫应 0/4" in label.text() and "暴雨红色预警" in label.text()
    label.linkActivated.emit(str(added.id))
    assert window.stack.currentIndex() == WARNINGS
    assert window.warnings.board.warning.id == added.id


def test_a_bad_warning_form_marks_its_field_and_saves_nothing(qtbot, runner, sqlite_backend,
                                                             tmp_path):
    """Valid until before it was issued, then no village ticked: each refusal is one Chinese
    line on the form, the field named is marked, and no warning is recorded."""
    from zoneinfo import ZoneInfo

    from dutyroom.ui.dialogs.warning_dialog import WarningDialog

    _directory(sqlite_backend.uow, tmp_path)
    uow = sqlite_backend.uow
    dialog = WarningDialog(runner, lambda v: warning_service.add_warning(uow, v, now=NOW),
                           ("东村", "西村"), ZoneInfo("Asia/Shanghai"), NOW)
    qtbot.addWidget(dialog)
    dialog.villages.item(1).setCheckState(Qt.CheckState.Checked)  # 东村
    issued = dialog.fields["issued_at"]
    dialog.fields["valid_until"].setDateTime(issued.dateTime().addSecs(-3600))
    dialog.submit()
    assert dialog.outcome is None and "有效期至应晚于发布时间" in dialog.error.text()
    assert dialog.fields["valid_until"].property("invalid") is True
    assert dialog.fields["issued_at"].property("invalid") is False
    dialog.fields["valid_until"].setDateTime(issued.dateTime().addSecs(3600))
    dialog.villages.item(1).setCheckState(Qt.CheckState.Unchecked)
    dialog.submit()
    assert dialog.outcome is None and "请选择预警涉及的村(社区)" in dialog.error.text()
    assert dialog.fields["villages"].property("invalid") is True
    assert "\n" not in dialog.error.text().strip() and "Error" not in dialog.error.text()
    assert warning_service.list_warnings(uow, at=NOW + timedelta(hours=1)) == []


def test_a_wide_screen_widens_the_list_of_warnings_until_the_officer_moves_the_divider(
        qtbot, runner, sqlite_backend):
    """At 1920×1080 the list kept 310 pixels and cut 地质灾害气象风险黄色预警 short while
    the board's 状态 column took every spare pixel; at 1280×720 it keeps its 310."""
    from dutyroom.ui.pages.warning_page import WarningPage

    page = WarningPage(sqlite_backend.uow, runner, lambda: NOW)
    qtbot.addWidget(page)
    page.show()
    page.resize(1076, 520)  # the page on a 1280×720 screen
    qtbot.wait(1)
    assert page.splitter.sizes()[0] == 310
    page.hide()  # as in the main window's stack: sized while another page is shown
    page.resize(1744, 880)  # on 1920×1080
    page.show()
    qtbot.wait(1)
    wide = page.splitter.sizes()[0]
    assert wide > 400 and page.list_view.fontMetrics().horizontalAdvance("地质灾害气象风险黄色预警") \
        < page.list_view.columnWidth(0)
    page.splitter.setSizes([360, sum(page.splitter.sizes()) - 360])
    page.splitter.splitterMoved.emit(360, 1)  # as a drag by hand signals it
    page.resize(1500, 880)
    qtbot.wait(1)
    assert page.splitter.sizes()[0] == 360


def test_in_the_main_window_on_1920_by_1080_the_list_is_wider(window, qtbot):
    window.resize(1916, 1036)
    window.show()
    window.show_page(WARNINGS)
    qtbot.wait(1)
    assert window.warnings.splitter.sizes()[0] > 400


def test_a_later_notice_s_form_keeps_the_warning_s_type(qtbot, runner, sqlite_backend, tmp_path):
    """A later notice is of the warning's own type (the service refuses another): its form
    shows the type without offering another, so no officer picks one only to be refused."""
    from zoneinfo import ZoneInfo

    from dutyroom.ui.dialogs.warning_dialog import WarningDialog

    _directory(sqlite_backend.uow, tmp_path)
    uow = sqlite_backend.uow
    first = warning_service.add_warning(uow, {
        "issuer": "县气象台", "type": "暴雨", "colour": "yellow", "issued_at": "2026-07-02T02:30",
        "villages": ["全镇"]}, now=NOW).value.warning
    dialog = WarningDialog(runner, lambda v: warning_service.add_warning(uow, v, now=NOW),
                           ("东村", "西村"), ZoneInfo("Asia/Shanghai"), NOW, previous=first)
    qtbot.addWidget(dialog)
    kind = dialog.fields["type"]
    assert kind.currentData() == "暴雨" and not kind.isEnabled()
    fresh = WarningDialog(runner, lambda v: v, ("东村", "西村"), ZoneInfo("Asia/Shanghai"), NOW)
    qtbot.addWidget(fresh)
    assert fresh.fields["type"].isEnabled()
