"""值班日报 from 今日值班, keyboard only: Ctrl+Shift+D opens the day's report, the officer
rewords a paragraph, copies the text and records it as sent; the day's alert then goes, and
「记为已报送」 on the alert opens the same report."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from dutyroom.domain.daily_report import QUIET
from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    daily_report_service,
    roster_service,
    settings_service,
    shift_service,
    staff_service,
)
from dutyroom.ui.dialogs.daily_report_dialog import DailyReportDialog
from dutyroom.ui.main_window import MainWindow

Z = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 10, 2)  # 国庆: a daily report is due by 15:00


class Clock:
    def __init__(self, text: str) -> None:
        self.moment = datetime.fromisoformat(text).replace(tzinfo=Z)

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def main(qtbot, sqlite_backend, runner):
    uow = sqlite_backend.uow
    leader = staff_service.add_staff(uow, {"name": "王海涛", "tier": "leader",
                                           "mobile": "13907311000"}).value.id
    officer = staff_service.add_staff(uow, {"name": "胡斌", "tier": "officer",
                                            "mobile": "13907312002"}).value.id
    for day in (DAY - timedelta(days=1), DAY):
        roster_service.assign(uow, day, Tier.LEADER, leader)
        roster_service.assign(uow, day, Tier.OFFICER, officer)
    shift_service.check_in(uow, "leader", leader, at=datetime(2026, 10, 2, 8, 20, tzinfo=Z))
    shift_service.check_in(uow, "officer", officer, at=datetime(2026, 10, 2, 8, 25, tzinfo=Z))
    window = MainWindow(uow, runner, "test.sqlite3", "0013", settings_service.load_settings(uow),
                        now=Clock("2026-10-02T14:52"))
    qtbot.addWidget(window)
    window.show()
    return window


def test_keyboard_only_reword_copy_and_send(main, qtbot, on_dialog, sqlite_backend):
    seen = {}
    assert any(a.kind == "daily_report" for a in main.today.alert_model.records())

    def act(dialog: DailyReportDialog) -> None:
        assert dialog.view is not None and dialog.view.report.quiet
        summary = dialog.edits["summary"]
        assert summary.toPlainText() == QUIET
        summary.setFocus()
        qtbot.keyClick(summary, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        summary.insertPlainText("全天平稳，无突发事件。")  # Chinese comes through the input method
        dialog.copy_text()
        seen["copied"] = dialog.copied
        on_dialog(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
        dialog.send_button.setFocus()
        qtbot.keyClick(dialog.send_button, Qt.Key.Key_Space)
        seen["locked"] = all(edit.isReadOnly() for edit in dialog.edits.values())
        seen["state"] = dialog.state.text()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    on_dialog(act)
    qtbot.keyClick(main, Qt.Key.Key_D,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "六、总体情况：全天平稳，无突发事件。" in seen["copied"]
    assert seen["locked"] and "报送并锁定" in seen["state"]
    view = daily_report_service.daily_view(sqlite_backend.uow, DAY,
                                           datetime(2026, 10, 2, 15, 0, tzinfo=Z))
    assert view.sent and view.task_done_at is not None
    assert not any(a.kind == "daily_report" for a in main.today.alert_model.records())


def test_the_alerts_button_opens_the_report(main, qtbot, on_dialog):
    today = main.today
    row = next(i for i, a in enumerate(today.alert_model.records()) if a.kind == "daily_report")
    today.alert_view.selectRow(row)
    opened = {}

    def look(dialog: DailyReportDialog) -> None:
        opened["day"] = dialog.day
        opened["send"] = dialog.send_button.isEnabled()
        dialog.reject()

    on_dialog(look)
    today.done_button.click()
    assert opened == {"day": DAY, "send": True}


def test_a_day_that_has_not_begun_says_so(qtbot, sqlite_backend, runner, monkeypatch):
    errors = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *a: errors.append(text))
    dialog = DailyReportDialog(sqlite_backend.uow, runner, date(2030, 1, 1), Z,
                               lambda: datetime(2026, 10, 2, 14, 0, tzinfo=Z))
    qtbot.addWidget(dialog)
    assert errors == ["2030-01-01的值班尚未开始，还没有值班日报"]
    assert not dialog.edits


def test_the_flood_season_is_set_on_the_settings_page(window, sqlite_backend):
    from tests.ui.test_settings_page import shown

    page = shown(window)
    page.other_editors["flood_season_start"].setText("6-1")
    page.save()
    assert page.status.text().startswith("未保存") and "同时设置" in page.status.text()
    assert settings_service.load_settings(sqlite_backend.uow)["flood_season_start"] == ""
    page.other_editors["flood_season_end"].setText("09-30")
    periods = page.other_editors["daily_report_periods"]
    assert periods.isChecked()
    periods.setChecked(False)
    page.save()
    assert page.status.text() == "已保存。"
    saved = settings_service.load_settings(sqlite_backend.uow)
    assert (saved["flood_season_start"], saved["flood_season_end"]) == ("06-01", "09-30")
    assert saved["daily_report_periods"] is False
