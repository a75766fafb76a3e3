"""领导批示 督办 in the window, worked from the keyboard: an instruction recorded on an
incident, fed back on, done; the overdue one rings on 今日值班 and opens the list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from dutyroom.domain.contacts import validate_department
from dutyroom.services import (
    alert_service,
    department_service,
    incident_service,
    instruction_service,
    staff_service,
)
from dutyroom.ui.dialogs.instruction_dialogs import (
    FeedbackDialog,
    InstructionDialog,
    InstructionsDialog,
)
from dutyroom.ui.main_window import LOG

NOW = datetime(2026, 7, 1, 2, 0, tzinfo=UTC)  # 10:00 at the desk


def when_open(kind: type[QDialog], act: Callable[[QDialog], None]) -> None:
    """Run `act` on the next dialog of `kind` once it is the modal one (exec() blocks)."""
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            act(dialog)
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def _desk(uow) -> int:
    staff_service.add_staff(uow, {"name": "李书记", "tier": "chief", "mobile": "13907311001"})
    fields = validate_department(name="县水利局", duty_phone="0731-86210119", liaison_name="田振华",
                                 liaison_mobile="13707310102", first_line=False)
    department_service.add_department(uow, fields.__dict__)
    return incident_service.add_incident(uow, {
        "received_at": "2026-07-01T09:40", "title": "青山化工园区储罐泄漏", "category": "accident",
        "level": "III"}, now=NOW).value.id


def test_an_instruction_recorded_fed_back_and_done_from_the_incident(window, qtbot, sqlite_backend):
    uow = sqlite_backend.uow
    leak = _desk(uow)
    window.show_page(LOG)
    page = window.log
    page.open_incident(leak)
    assert page.instruction_action.isEnabled()
    seen: dict[str, object] = {}

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, InstructionDialog)
        dialog.leader.setCurrentIndex(dialog.leader.findText("李书记（主要领导）"))
        dialog.fields["text"].setPlainText("立即组织下游群众转移")
        dialog.assignee.setCurrentIndex(dialog.assignee.findText("县水利局"))
        # a time limit before the instruction: refused in Chinese, the form stays open
        given = dialog.fields["given_at"].dateTime()
        dialog.fields["due_at"].setDateTime(given.addSecs(-3600))
        dialog.submit()
        seen["refusal"] = dialog.error.text()
        assert dialog.isVisible()
        dialog.fields["due_at"].setDateTime(given.addSecs(4 * 3600))
        dialog.submit()

    def feed(dialog: QDialog) -> None:
        assert isinstance(dialog, FeedbackDialog)
        dialog.fields["text"].setPlainText("水利局已派员赶赴现场")
        dialog.submit()

    def finish(dialog: QDialog) -> None:
        assert isinstance(dialog, FeedbackDialog)
        dialog.fields["text"].setPlainText("下游 120 人已全部转移")
        dialog.submit()

    def press(board: QDialog, key: Qt.Key) -> None:
        """A shortcut of the list, once it is the active window again."""
        board.activateWindow()
        qtbot.waitUntil(board.isActiveWindow, timeout=2000)
        qtbot.keyClick(board, key, Qt.KeyboardModifier.ControlModifier)

    def work(board: QDialog) -> None:
        assert isinstance(board, InstructionsDialog)
        seen["title"] = board.windowTitle()
        when_open(InstructionDialog, fill)
        press(board, Qt.Key.Key_N)
        seen["after_add"] = [v.text for v in board.model.records()]
        when_open(FeedbackDialog, feed)
        press(board, Qt.Key.Key_E)
        seen["detail"] = board.detail.toPlainText()
        when_open(FeedbackDialog, finish)
        press(board, Qt.Key.Key_D)
        seen["done"] = [v.standing_label for v in board.model.records()]
        seen["buttons"] = (board.feedback_button.isEnabled(), board.reopen_button.isEnabled())
        board.accept()

    when_open(InstructionsDialog, work)
    qtbot.keyClick(page, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert seen["title"] == "领导批示督办 — 青山化工园区储罐泄漏"
    assert seen["refusal"] == "办理时限必须晚于批示时间"
    assert seen["after_add"] == ["立即组织下游群众转移"]
    assert "水利局已派员赶赴现场" in str(seen["detail"])
    assert seen["done"] == ["已办结"] and seen["buttons"] == (False, True)
    (task,) = instruction_service.list_instructions(uow, "all", ("incident", leak))
    assert (task.leader_name, task.assignee) == ("李书记", "县水利局")
    assert [f.final for f in task.feedback] == [False, True]


def test_an_overdue_instruction_rings_and_its_alert_opens_the_list(window, qtbot, sqlite_backend):
    uow = sqlite_backend.uow
    leak = _desk(uow)
    task = instruction_service.add_instruction(uow, {
        "subject_kind": "incident", "subject_id": leak, "text": "一小时内报告处置进展",
        "leader": "县长 赵刚", "assignee": "镇应急办 刘主任", "given_at": "2026-07-01T09:50",
        "due_at": "2026-07-01T10:50"}, now=NOW).value
    later = NOW + timedelta(hours=2)
    window.now = lambda: later
    page = window.today
    page.now = window.now
    window.center.now = window.now
    window.refresh_all(None)  # (the page its counts, the window its alert list)
    assert page.instructions_button.text() == "批示督办（1，超期 1）"
    ringing = [a for a in alert_service.alerts_at(uow, later) if a.kind == "instruction"]
    assert [(a.ref, a.state.value) for a in ringing] == [(task, "overdue")]
    rows = [i for i, a in enumerate(page.alert_model.records()) if a.kind == "instruction"]
    assert rows, "the instruction alert is on 今日值班"
    page.alert_view.selectRow(rows[0])
    seen: dict[str, object] = {}

    def look(board: QDialog) -> None:
        assert isinstance(board, InstructionsDialog)
        current = board.current()
        seen["selected"] = current.id if current else None
        seen["state"] = current.standing_label if current else None
        board.accept()

    when_open(InstructionsDialog, look)
    page.go_to_selected()
    assert seen == {"selected": task, "state": "已超期"}


def test_a_form_left_open_while_phoning_takes_the_time_it_is_saved_at(qtbot, sqlite_backend,
                                                                       runner):
    """The officer opens 办结, phones the department for twenty minutes, sets the time to
    now and saves: the time is taken, not refused as later than when the form opened."""
    uow = sqlite_backend.uow
    leak = _desk(uow)
    task = instruction_service.add_instruction(uow, {
        "subject_kind": "incident", "subject_id": leak, "text": "一小时内报告处置进展",
        "leader": "县长 赵刚", "assignee": "镇应急办 刘主任", "given_at": "2026-07-01T09:50",
        "due_at": "2026-07-01T11:50"}, now=NOW).value
    clock = {"now": NOW}
    board = InstructionsDialog(uow, runner, ZoneInfo("Asia/Shanghai"), lambda: clock["now"], None,
                               task)
    qtbot.addWidget(board)
    board.show()
    seen: dict[str, object] = {}

    def finish(dialog: QDialog) -> None:
        assert isinstance(dialog, FeedbackDialog)
        clock["now"] = NOW + timedelta(minutes=20)
        dialog.fields["at"].setDateTime(dialog.fields["at"].dateTime().addSecs(20 * 60))
        dialog.fields["text"].setPlainText("处置进展已报县长")
        dialog.submit()
        seen["error"] = dialog.error.text()
        if dialog.isVisible():
            dialog.reject()

    when_open(FeedbackDialog, finish)
    board.finish()
    assert seen["error"] == ""
    assert instruction_service.get_instruction(uow, task, NOW + timedelta(hours=1)).done_at == \
        NOW + timedelta(minutes=20)


def test_voiding_the_record_silences_its_instruction_from_any_page(window, qtbot, sqlite_backend):
    """The alert list is the window's, not 今日值班's: a call voided on the 值班日志 page
    withdraws its overdue 批示, and the banner stops at once (before, the list was read
    again only on 今日值班 or at the next planned rebuild, and kept ringing 仍未处理)."""
    from dutyroom.services import register_service

    uow = sqlite_backend.uow
    call = register_service.add_entry(uow, {
        "kind": "call", "received_at": "2026-07-01T09:40", "from_unit": "县防汛办",
        "title": "水位上涨"}, now=NOW).value
    instruction_service.add_instruction(uow, {
        "subject_kind": "register", "subject_id": call.id, "text": "立即组织巡堤",
        "leader": "县长 赵刚", "assignee": "镇水利站", "given_at": "2026-07-01T09:50",
        "due_at": "2026-07-01T10:20"}, now=NOW)
    later = NOW + timedelta(hours=2)
    window.now = window.center.now = window.today.now = lambda: later
    window.center.refresh()
    assert [a.kind for a in window.center.pressing()] == ["instruction"]
    window.show_page(LOG)
    outcome = register_service.void_entry(uow, call.id, call.version, "重复登记", now=later)
    window.runner.bus.broadcast(outcome.changes, window.log)  # as the log page's operation does
    assert window.center.pressing() == []
    window.show_page(0)
    assert window.today.instructions_button.text() == "批示督办"
