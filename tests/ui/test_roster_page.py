"""排班, clicked through: month grid, generate with preview, hand edits, leave, files."""

from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from dutyroom.domain.roster import Seat
from dutyroom.domain.tiers import Tier
from dutyroom.services import demo, leave_service, roster_calendar, roster_service, staff_service
from dutyroom.ui.dialogs.roster_dialogs import (
    GenerateDialog,
    LeaveDialog,
    PeriodsDialog,
    SlotDialog,
    StatsDialog,
)
from dutyroom.ui.month_grid import describe

FEB = (date(2026, 2, 1), date(2026, 2, 28))


@pytest.fixture
def page(window, sqlite_backend, monkeypatch):
    # The demo's three months fixed (Nov 2026 – Jan 2027), so February 2027 stays empty for
    # the assumed-holiday case whatever the date the tests run on.
    demo.seed_demo(sqlite_backend.uow, now=datetime(2026, 11, 23, 3, tzinfo=UTC))
    for name in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)
    window.show_page(1)
    window.roster.show_month(date(2026, 2, 1))
    return window.roster


def _select(page, day):
    page.grid.setCurrentIndex(page.model.index_of(day))


def test_the_month_grid_shows_day_kinds_and_gaps(page):
    assert page.month_label.text().startswith("2026年2月")
    assert "未安排" in page.month_label.text()
    spring = page.model.view(date(2026, 2, 17))
    assert spring.info.name == "春节" and Tier.CHIEF in spring.required
    assert "主要领导：未安排" in describe(date(2026, 2, 17), spring)
    assert page.warning.isHidden()
    page.show_month(date(2027, 1, 1))
    assert page.warning.isVisible() and "2027 年尚未载入" in page.warning_text.text()


def test_generate_previews_then_saves(page, qtbot, runner, sqlite_backend):
    dialog = GenerateDialog(sqlite_backend.uow, runner, *FEB, parent=page)
    qtbot.addWidget(dialog)
    assert not dialog.save.isEnabled()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert "将新排" in dialog.summary.text() and "所有班次均可排上" in dialog.summary.text()
    assert dialog.model.rowCount() == 30
    assert roster_service.roster_rows(sqlite_backend.uow, *FEB) == []  # preview saves nothing
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert dialog.result() and len(roster_service.roster_rows(sqlite_backend.uow, *FEB)) == 28 * 2 + 9
    page.show_month(date(2026, 2, 1))
    assert page.month_label.text() == "2026年2月（未发布）"


def test_generate_from_the_page_button(page, on_dialog, sqlite_backend):
    def preview_and_save(dialog):
        dialog.preview()
        dialog.apply()

    on_dialog(preview_and_save)
    page.open_generate()
    assert page.month_label.text() == "2026年2月（未发布）"
    _select(page, date(2026, 2, 17))
    assert "未安排" not in page.slot_buttons[Seat(Tier.CHIEF)].text()


def test_assign_a_slot_by_hand_and_see_rule_breaks(page, on_dialog, sqlite_backend):
    officer = next(p for p in staff_service.list_staff(sqlite_backend.uow)
                   if p.tier is Tier.OFFICER)
    roster_service.assign(sqlite_backend.uow, date(2026, 2, 9), Tier.OFFICER, officer.id)
    page.show_month(date(2026, 2, 1))
    _select(page, date(2026, 2, 10))

    def choose(dialog):
        assert isinstance(dialog, SlotDialog)
        dialog.person.setCurrentIndex(dialog.person.findData(officer.id))
        dialog.requested_by.setText("党政办")
        dialog.submit()

    on_dialog(choose)
    page.edit_slot(Seat(Tier.OFFICER))
    view = page.model.view(date(2026, 2, 10))
    assert view.slots[Seat(Tier.OFFICER)].id == officer.id
    assert any("间隔不足" in b for b in view.breaks)
    assert "间隔不足" in page.breaks.text()
    history = roster_service.changes(sqlite_backend.uow, *FEB)
    assert history[0].requested_by == "党政办"


def test_substitution_needs_a_reason(page, qtbot, runner, sqlite_backend):
    people = staff_service.list_staff(sqlite_backend.uow)
    dialog = SlotDialog(sqlite_backend.uow, runner, date(2026, 2, 10), Seat(Tier.LEADER), None,
                        people, False, page)
    qtbot.addWidget(dialog)
    assert dialog.approved_by.text().startswith("不需要")  # 安排 / 更换: nobody approves
    offered = dialog.mode.model()  # an empty seat: nobody to stand in for, nothing to clear
    assert [offered.item(i).isEnabled() for i in range(4)] == [True, False, True, False]
    dialog.mode.setCurrentIndex(1)  # 代班
    assert dialog.approved_by.text() == f"{sqlite_backend.uow.actor}（当前登录的账户）"
    dialog.submit()
    assert "原因" in dialog.error.text() and not dialog.result()
    dialog.mode.setCurrentIndex(3)  # 取消此班次
    assert dialog.approved_by.text().startswith("不需要")
    assert dialog.person.count() == 10  # leaders only; chiefs may not lead by default


def test_leave_periods_and_stats_dialogs(page, qtbot, runner, sqlite_backend, tmp_path):
    people = staff_service.list_staff(sqlite_backend.uow)
    leave = LeaveDialog(sqlite_backend.uow, runner, *FEB, people, page)
    qtbot.addWidget(leave)
    leave.reason.setText("探亲")
    leave.add()
    assert leave.model.rowCount() == 1 and leave.changed
    leave.table.selectRow(0)
    leave.remove_selected()
    assert leave.model.rowCount() == 0

    periods = PeriodsDialog(sqlite_backend.uow, runner, date(2026, 3, 4), page)
    qtbot.addWidget(periods)
    periods.add()
    assert "名称不能为空" in periods.error.text()
    periods.name.setText("全国两会")
    periods.add()
    assert periods.model.rowCount() == 1

    roster_service.generate(sqlite_backend.uow, *FEB)
    stats = StatsDialog(sqlite_backend.uow, runner, *FEB, "青山镇", page)
    qtbot.addWidget(stats)
    assert stats.model.rowCount() > 20
    stats.export(tmp_path / "stats.xlsx")
    assert load_workbook(tmp_path / "stats.xlsx").active["A2"].value == "姓名"


def test_set_a_day_kind_for_a_year_without_a_notice(page, sqlite_backend):
    page.show_month(date(2027, 2, 1))
    _select(page, date(2027, 2, 6))
    page.kind.setCurrentIndex(3)  # 法定节假日
    page.kind_name.setText("春节")
    page.save_kind()
    view = page.model.view(date(2027, 2, 6))
    assert view.info.kind.value == "holiday" and view.info.name == "春节"
    assert Tier.CHIEF in view.required


def test_export_and_import_files(page, sqlite_backend, tmp_path):
    roster_service.generate(sqlite_backend.uow, *FEB)
    page.show_month(date(2026, 2, 1))
    for fmt in ("xlsx", "csv", "ics"):
        page.export(fmt, tmp_path / f"feb.{fmt}")
        assert (tmp_path / f"feb.{fmt}").stat().st_size > 0
    before = roster_service.roster_rows(sqlite_backend.uow, *FEB)
    page.import_roster(tmp_path / "feb.xlsx")
    assert roster_service.roster_rows(sqlite_backend.uow, *FEB) == before


def test_keyboard_moves_between_days_and_months(page, qtbot):
    _select(page, date(2026, 2, 10))
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_Right)
    assert page.selected_day() == date(2026, 2, 11)
    qtbot.keyClick(page.grid, Qt.Key.Key_Down)
    assert page.selected_day() == date(2026, 2, 18)
    qtbot.keyClick(page, Qt.Key.Key_PageDown)
    assert page.month == date(2026, 3, 1)


def test_publish_refuses_gaps_then_publishes(page, sqlite_backend, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    page.publish()
    assert "不能" not in page.month_label.text() and "未安排" in shown[0]
    roster_service.generate(sqlite_backend.uow, *FEB)
    page.show_month(date(2026, 2, 1))
    assert page.month_label.text().endswith("（未发布）")
    page.publish()
    assert page.month_label.text().endswith("（已发布）")


def test_the_change_history_dialog(page, qtbot, runner, sqlite_backend):
    from dutyroom.ui.dialogs.roster_dialogs import ChangesDialog

    on_duty, stand_in = [p for p in staff_service.list_staff(sqlite_backend.uow)
                         if p.tier is Tier.LEADER][:2]
    roster_service.assign(sqlite_backend.uow, date(2026, 2, 3), Tier.LEADER, on_duty.id)
    roster_service.assign(sqlite_backend.uow, date(2026, 2, 3), Tier.LEADER, stand_in.id,
                          kind="substitute", reason="出差")
    dialog = ChangesDialog(sqlite_backend.uow, runner, *FEB, page)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 2  # the hand assignment, then the substitute
    assert dialog.model.index(0, 6).data() == sqlite_backend.uow.actor  # who saved it


def test_a_long_generation_shows_progress_and_can_be_stopped(page, qtbot, sqlite_backend):
    """A real background runner: past a moment the bar appears; 停止 ends the search and
    nothing is generated or saved."""
    from dutyroom.services import settings_service
    from dutyroom.ui.tasks import Runner

    settings_service.save_settings(sqlite_backend.uow, {"roster_seconds": 600})
    years = (date(2026, 1, 1), date(2027, 12, 31))
    before = roster_service.roster_rows(sqlite_backend.uow, *years)
    runner = Runner()
    try:
        dialog = GenerateDialog(sqlite_backend.uow, runner, date(2026, 1, 1), date(2027, 12, 31),
                                parent=page)
        qtbot.addWidget(dialog)
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.progress_row.isHidden(), timeout=20_000)
        assert "步" in dialog.progress_text.text() and "时限 600 秒" in dialog.progress_text.text()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "已停止" in dialog.error.text(), timeout=30_000)
        assert dialog.report is None and not dialog.save.isEnabled()
        assert dialog.progress_row.isHidden() and dialog.preview_button.isEnabled()
    finally:
        runner.shutdown()
    assert roster_service.roster_rows(sqlite_backend.uow, *years) == before


def test_the_preview_says_what_is_proven_and_which_wishes_were_not_kept(page, qtbot, runner,
                                                                        sqlite_backend):
    uow = sqlite_backend.uow
    officers = [p for p in staff_service.list_staff(uow) if p.tier is Tier.OFFICER]
    for officer in officers:  # every officer asks for the same day: someone must still work
        leave_service.add_leave(uow, officer.id, "request", "2026-02-10", "2026-02-10", "孩子考试")
    dialog = GenerateDialog(uow, runner, *FEB, parent=page)
    qtbot.addWidget(dialog)
    dialog.preview()
    text = dialog.summary.text()
    assert "所有班次均可排上" in text
    assert "已证明" in text
    assert "未能照顾的尽量不排请求" in text and "02-10" in text
    assert [name for _day, person in dialog.report.unhonoured for name in [person.name]] \
        and len(dialog.report.unhonoured) == 1
    assert dialog.model.headerData(6, Qt.Orientation.Horizontal) == "加权工作量（含前一年）"
    dialog.apply()
    rows = roster_service.roster_rows(uow, *FEB)
    assert len(rows) == 28 * 2 + 9


def test_the_preview_warns_about_assumed_holidays(page, qtbot, runner, sqlite_backend):
    dialog = GenerateDialog(sqlite_backend.uow, runner, date(2027, 2, 1), date(2027, 2, 28),
                            parent=page)
    qtbot.addWidget(dialog)
    dialog.preview()
    assert "4 个推定的法定节假日" in dialog.summary.text()
    chiefs = [(d, p) for d, t, p in dialog.report.assignments if t.tier is Tier.CHIEF]
    assert [d for d, _ in chiefs] == [date(2027, 2, 5), date(2027, 2, 6), date(2027, 2, 7),
                                      date(2027, 2, 8)]  # three tiers on 除夕–初三
def test_generating_a_month_already_filled_says_why_nothing_is_added(page, qtbot, runner,
                                                                    sqlite_backend):
    from dutyroom.ui.dialogs.roster_dialogs import GenerateDialog

    start, end = page.month_range()
    roster_service.generate(sqlite_backend.uow, start, end)
    dialog = GenerateDialog(sqlite_backend.uow, runner, start, end, page)
    qtbot.addWidget(dialog)
    dialog.preview()
    text = dialog.summary.text()
    assert "都已安排" in text and "只填补空班次" in text and not dialog.save.isEnabled()
    filled = sum(r.total for r in dialog.model.records())
    assert f"的 {filled} 个班次" in text


ICS_2027 = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//holidays//CN
BEGIN:VEVENT
UID:2027-newyear@test
DTSTART;VALUE=DATE:20270101
DTEND;VALUE=DATE:20270104
SUMMARY:元旦 休
END:VEVENT
BEGIN:VEVENT
UID:2027-spring-work@test
DTSTART;VALUE=DATE:20270207
DTEND;VALUE=DATE:20270208
SUMMARY:春节 班
END:VEVENT
END:VCALENDAR
"""


@pytest.mark.parametrize("kind", ["csv", "ics"])
def test_a_year_s_holidays_are_imported_on_the_page_after_a_preview(page, on_dialog, sqlite_backend,
                                                                   tmp_path, kind):
    """The 2027 banner offers the import itself (no command line): preview, then import."""
    page.show_month(date(2027, 1, 1))
    assert page.warning.isVisible()
    offered = [b.text() for b in page.warning.findChildren(type(page.generate_button))]
    assert offered == ["导入节假日安排…"]
    path = tmp_path / f"2027.{kind}"
    if kind == "csv":
        path.write_text("date,kind,name\n2027-01-01,holiday,元旦\n2027-01-02,holiday,元旦\n"
                        "2027-01-03,holiday,元旦\n2027-02-07,adjusted_workday,春节\n", encoding="utf-8")
    else:
        path.write_text(ICS_2027, encoding="utf-8")
    seen = {}

    def look(dialog) -> None:
        seen["rows"] = [(r[0].isoformat(), r[1].value, r[2]) for r in dialog.model.records()]
        seen["now"] = dialog.model.data(dialog.model.index(0, 2))
        seen["summary"] = dialog.summary.text()
        seen["enabled"] = dialog.confirm.isEnabled()
        dialog.confirm.click()

    on_dialog(look)
    page.import_calendar(path)
    assert seen["rows"] == [("2027-01-01", "holiday", "元旦"), ("2027-01-02", "holiday", "元旦"),
                            ("2027-01-03", "holiday", "元旦"), ("2027-02-07", "adjusted_workday", "春节")]
    # 元旦 itself is already an assumed statutory holiday (fixed by law); 1-2, 1-3 were assumed
    # weekend days and 2-7 (初二) an assumed holiday, so three days change.
    assert seen["now"] == "法定节假日（推定）" and seen["enabled"]
    assert "共 4 天" in seen["summary"] and "3 天与现在不同" in seen["summary"], seen["summary"]
    assert roster_calendar.calendar_days(sqlite_backend.uow, date(2027, 1, 1), date(2027, 1, 1))[0] \
        .kind.value == "holiday"
    assert page.model.view(date(2027, 1, 1)).info.name == "元旦"


def test_a_bad_holiday_file_is_refused_whole_with_its_rows_named(page, on_dialog, sqlite_backend,
                                                                 tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("date,kind,name\n2027-01-01,holiday,元旦\n2027-13-01,holiday,x\n"
                    "2027-01-05,休息,y\n", encoding="utf-8")
    seen = {}

    def look(dialog) -> None:
        seen["summary"] = dialog.summary.text()
        seen["enabled"] = dialog.confirm.isEnabled()
        dialog.reject()

    on_dialog(look)
    page.import_calendar(path)
    assert not seen["enabled"] and "发现 2 处错误" in seen["summary"]
    assert "第 3 行" in seen["summary"] and "第 4 行" in seen["summary"]
    assert roster_calendar.calendar_days(sqlite_backend.uow, date(2027, 1, 1), date(2027, 1, 1))[0] \
        .source.value == "assumed"


def test_a_sensitive_day_shows_both_officers_and_is_usable_by_keyboard(page, qtbot, on_dialog,
                                                                       sqlite_backend):
    """At 1280×720: a day of a sensitive period shows a seat for each of its two officers,
    whole and inside the panel; Enter on the grid opens the empty second seat, and the
    keyboard alone fills it; the person already on duty that day is not offered."""
    uow = sqlite_backend.uow
    roster_calendar.add_period(uow, "全国两会", "2026-03-04", "2026-03-11")
    roster_service.generate(uow, date(2026, 3, 1), date(2026, 3, 31))
    day = date(2026, 3, 5)
    second = Seat(Tier.OFFICER, 1)
    held = {s: p for d, s, p in roster_service.roster_rows(uow, day, day)}
    roster_service.assign(uow, day, Tier.OFFICER, None, slot=1)  # leave the second seat open
    page.window().resize(1280, 720)
    page.show_month(date(2026, 3, 1))
    _select(page, day)
    qtbot.waitUntil(lambda: page.slot_buttons[second].isVisible())
    first_button, second_button = page.slot_buttons[Seat(Tier.OFFICER)], page.slot_buttons[second]
    assert page.slot_labels[second].text() == "值班员（二）"
    assert held[Seat(Tier.OFFICER)].name in first_button.text()
    assert second_button.text() == "未安排（点击安排）"
    panel = second_button.parentWidget()
    for button in (first_button, second_button):
        assert button.sizeHint().width() <= button.width() + 1  # the whole text shows
        assert panel.rect().contains(button.geometry())  # inside the panel, not cut off
        assert button.mapTo(page.window(), button.rect().bottomRight()).y() < 720
    assert not page.slot_buttons[Seat(Tier.OFFICER, 2)].isVisible()  # two officers, not three
    text = describe(day, page.model.view(day))
    assert "值班员：" + held[Seat(Tier.OFFICER)].name in text and "值班员（二）：未安排" in text

    chosen: dict[str, object] = {}

    def by_keyboard(dialog):
        assert isinstance(dialog, SlotDialog) and dialog.seat == second
        offered = {dialog.person.itemData(i) for i in range(dialog.person.count())}
        assert held[Seat(Tier.OFFICER)].id not in offered  # one seat a day each
        dialog.person.setFocus()
        qtbot.keyClick(dialog.person, Qt.Key.Key_Down)
        chosen["id"] = dialog.person.currentData()
        dialog.save.setFocus()
        qtbot.keyClick(dialog.save, Qt.Key.Key_Return)

    page.grid.setFocus()
    on_dialog(by_keyboard)
    qtbot.keyClick(page.grid, Qt.Key.Key_Return)  # Enter: the first empty seat of the day
    view = page.model.view(day)
    assert view.slots[second].id == chosen["id"] != held[Seat(Tier.OFFICER)].id
    assert not any("当天已值" in b for b in view.breaks)
    # The panel's seats are reached with Tab and opened with Space as well.
    seen = set()
    first_button.setFocus()
    for _ in range(4):
        seen.add(page.focusWidget())
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Tab)
    assert second_button in seen


def test_a_roster_dialog_s_save_reaches_the_other_pages_once(page, window, on_dialog,
                                                             sqlite_backend):
    """A hand edit, a generated month and a leave are announced once, by the dialog's own
    operation (the other pages and the alert list read once); a slot saved as it was is not
    announced at all; the 排班 page still shows what was saved."""
    heard: list[object] = []
    window.runner.bus.changed.connect(lambda changes, _origin: heard.append(changes))
    officer = next(p for p in staff_service.list_staff(sqlite_backend.uow)
                   if p.tier is Tier.OFFICER)
    _select(page, date(2026, 2, 10))

    def choose(dialog):
        dialog.person.setCurrentIndex(dialog.person.findData(officer.id))
        dialog.submit()

    on_dialog(choose)
    page.edit_slot(Seat(Tier.OFFICER))
    assert page.model.view(date(2026, 2, 10)).slots[Seat(Tier.OFFICER)].id == officer.id
    assert len(heard) == 1 and heard[0].roster
    on_dialog(choose)  # the same person again: nothing changed, nothing to announce
    page.edit_slot(Seat(Tier.OFFICER))
    assert len(heard) == 1

    def preview_and_save(dialog):
        dialog.preview()
        dialog.apply()

    on_dialog(preview_and_save)
    page.open_generate()
    assert len(heard) == 2

    def add_leave(dialog):
        dialog.reason.setText("探亲")
        dialog.add()
        dialog.accept()

    on_dialog(add_leave)
    page.open_leave()
    assert len(leave_service.list_leaves(sqlite_backend.uow, *FEB)) == 1
    assert len(heard) == 3
