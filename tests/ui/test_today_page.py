"""今日值班 and the alert timer, driven by an injected clock (no sleeping): sign-in, the
banner and its sound, acknowledgement, presence, spot checks, and a click to the incident."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QEvent, QObject

from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    incident_service,
    roster_calendar,
    roster_service,
    settings_service,
    staff_service,
)
from dutyroom.ui.alert_timer import REBUILD_JOB, AlertTimer
from dutyroom.ui.dialogs.shift_dialogs import CheckInDialog, SpotCheckDialog
from dutyroom.ui.main_window import MainWindow
from dutyroom.ui.pages.today_page import remaining

Z = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 23)


class Clock:
    def __init__(self, text: str) -> None:
        self.moment = datetime.fromisoformat(text).replace(tzinfo=Z)

    def __call__(self) -> datetime:
        return self.moment

    def set(self, text: str) -> None:
        self.moment = datetime.fromisoformat(text).replace(tzinfo=Z)


class Notifier:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str, bool]] = []

    def notify(self, title: str, text: str, *, loud: bool) -> None:
        self.sent.append((title, text, loud))


@pytest.fixture
def desk(sqlite_backend):
    people = {}
    for name, tier, mobile in (("王海涛", "leader", "13907311000"), ("胡斌", "officer", "13907312002"),
                               ("周敏", "officer", "13907312003")):
        people[name] = staff_service.add_staff(sqlite_backend.uow, {
            "name": name, "tier": tier, "mobile": mobile}).value.id
    for day in (DAY - timedelta(days=1), DAY):
        roster_service.assign(sqlite_backend.uow, day, Tier.LEADER, people["王海涛"])
        roster_service.assign(sqlite_backend.uow, day, Tier.OFFICER, people["胡斌"])
    return people


@pytest.fixture
def clock():
    return Clock("2026-11-23T08:20")


@pytest.fixture
def notifier():
    return Notifier()


@pytest.fixture
def main(qtbot, sqlite_backend, runner, desk, clock, notifier):
    settings = settings_service.load_settings(sqlite_backend.uow)
    window = MainWindow(sqlite_backend.uow, runner, "test.sqlite3", "0003", settings,
                        now=clock, notifier=notifier)
    qtbot.addWidget(window)
    window.show()
    return window


def test_sign_in_from_the_page(main, on_dialog, clock):
    today = main.today
    assert today.shift is not None and today.shift.day == DAY
    assert today.checkin_button.isEnabled()
    texts = [label.text() for _, label in today.slot_states]
    assert all("待签到（08:45 前）" in t for t in texts)

    def sign(dialog: CheckInDialog) -> None:
        assert dialog.person.currentText().startswith("胡斌") or dialog.tier.currentData() == "leader/0"
        dialog.tier.setCurrentIndex(dialog.tier.findData("officer/0"))
        assert dialog.person.currentText().startswith("胡斌")
        dialog.person.setCurrentIndex(dialog.person.findText("周敏（值班员）"))
        assert "将记录为替班" in dialog.rostered.text()
        dialog.submit()

    on_dialog(sign)
    today.checkin_button.click()
    officer = next(label.text() for slot, label in today.slot_states if slot.tier == Tier.OFFICER)
    assert "08:20 已签到" in officer and "周敏 替班" in officer


def test_overdue_rings_once_shows_the_banner_and_acknowledging_silences_it(main, clock, notifier):
    # At start (08:20) last night's missed sign-ins and prompts rang, in one message.
    assert [n for n in notifier.sent if n[2]] == [
        ("值班提醒：已超时", "接班签到 — 带班领导 王海涛（已超时）\n接班签到 — 值班员 胡斌（已超时）\n"
                           "……另有 5 项", True)]
    notifier.sent.clear()
    clock.set("2026-11-23T08:50")
    main.center.refresh()
    assert main.alert_banner.isVisible() or not main.isVisible()
    assert "已超时 2 项" in main.alert_banner.text.text()
    assert main.nav.item(0).text().endswith("（2）")
    loud = [n for n in notifier.sent if n[2]]
    assert len(loud) == 1 and "接班签到" in loud[0][1]
    # Reading again (a late job, a clock jump, a wake from sleep) does not ring again.
    main.center.refresh()
    main.center.clock.rebuild.emit()
    assert len([n for n in notifier.sent if n[2]]) == 1
    # Until taken on, it rings again every so often.
    main.center.ring_again()
    assert notifier.sent[-1][0] == "值班提醒：仍未处理"
    count = len(notifier.sent)
    main.alert_banner.ack_button.click()
    assert not main.alert_banner.isVisible()
    main.center.ring_again()
    assert len(notifier.sent) == count
    listed = main.today.alert_model.records()
    assert [a.acknowledged_by for a in listed] == ["tester", "tester"]  # still listed


def test_a_quiet_warning_before_the_deadline_then_loud_when_due(main, clock, notifier, sqlite_backend):
    clock.set("2026-11-23T09:00")
    incident_service.add_incident(sqlite_backend.uow, {
        "received_at": "2026-11-23T09:00", "title": "化工厂储罐泄漏", "category": "accident",
        "level": "III"}, now=clock())
    for tier in ("leader", "officer"):
        from dutyroom.services import shift_service
        shift_service.check_in(sqlite_backend.uow, tier, 1 if tier == "leader" else 2,
                               at=datetime(2026, 11, 23, 8, 20, tzinfo=Z))
    main.refresh_all(None)
    notifier.sent.clear()
    clock.set("2026-11-23T09:21")
    main.center.refresh()
    assert notifier.sent == [("值班提醒：即将到期", "电话报告 — 化工厂储罐泄漏（即将到期）", False)]
    clock.set("2026-11-23T09:30")
    main.center.refresh()
    assert notifier.sent[-1][2] and notifier.sent[-1][0] == "值班提醒：已到期"
    assert remaining(datetime(2026, 11, 23, 9, 30, tzinfo=Z), clock()) == "刚到期"


def test_one_click_from_an_alert_to_its_incident(main, clock, sqlite_backend):
    incident = incident_service.add_incident(sqlite_backend.uow, {
        "received_at": "2026-11-23T08:00", "title": "东岭村山体滑坡", "category": "natural_disaster",
        "level": "IV"}, now=clock()).value
    clock.set("2026-11-23T10:30")
    main.refresh_all(None)
    rows = main.today.alert_model.records()
    row = next(i for i, a in enumerate(rows) if a.kind == "written_report")
    main.today.alert_view.selectRow(row)
    main.today.go_button.click()
    assert main.current_page() is main.log
    assert main.log.detail is not None and main.log.detail.id == incident.id
    assert main.today.incident_model.rowCount() == 1


def test_presence_prompt_from_the_banner(main, clock, sqlite_backend):
    from dutyroom.services import shift_service

    for tier, person in (("leader", 1), ("officer", 2)):
        shift_service.check_in(sqlite_backend.uow, tier, person, at=clock())
    clock.set("2026-11-23T22:02")
    main.refresh_all(None)
    assert main.alert_banner.presence_button.isVisible()
    assert "在岗确认" in main.alert_banner.text.text()
    assert main.today.presence_button.isEnabled()
    main.alert_banner.presence_button.click()
    assert "22:00 ✓ 22:02 胡斌" in main.today.presence_label.text()
    assert not main.alert_banner.isVisible()


def test_record_a_spot_check(main, on_dialog, clock):
    clock.set("2026-11-23T09:40")
    main.refresh_all(None)

    def fill(dialog: SpotCheckDialog) -> None:
        dialog.fields["checker"].setText("县应急管理局值班室")
        dialog.fields["outcome"].setCurrentIndex(dialog.fields["outcome"].findData("no_answer"))
        assert not dialog.fields["within_rule"].isChecked()
        dialog.submit()

    on_dialog(fill)
    main.today.spot_button.click()
    assert "县应急管理局值班室（电话）" in main.today.spot_label.text()
    assert "无人接听" in main.today.spot_label.text()


def test_the_alert_clock_schedules_each_change_and_notices_jumps(qapp):
    wall = [datetime(2026, 11, 23, 0, 0, tzinfo=UTC)]
    mono = [100.0]
    alert_clock = AlertTimer(lambda: wall[0], lambda: mono[0])
    alert_clock.start()
    try:
        first = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
        alert_clock.plan({"a": first, "b": first + timedelta(minutes=5)},
                         first + timedelta(hours=2))
        assert alert_clock.jobs() == {"a": first, "b": first + timedelta(minutes=5),
                                      REBUILD_JOB: first + timedelta(hours=2)}
        alert_clock.plan({"c": first}, first)
        assert set(alert_clock.jobs()) == {"c", REBUILD_JOB}  # replaced, not added to
        seen = []
        alert_clock.rebuild.connect(lambda: seen.append("rebuild"))
        wall[0] += timedelta(seconds=10)
        mono[0] += 10
        assert not alert_clock.check_jump()  # time went by normally
        wall[0] += timedelta(hours=7)  # asleep overnight: the wall clock ran, we did not
        mono[0] += 10
        assert alert_clock.check_jump() and seen == ["rebuild"]
        wall[0] -= timedelta(hours=1)  # the system clock was set back
        mono[0] += 10
        assert alert_clock.check_jump() and seen == ["rebuild", "rebuild"]
    finally:
        alert_clock.stop()


def test_countdown_texts():
    due = datetime(2026, 11, 23, 10, 0, tzinfo=Z)
    assert remaining(due, due - timedelta(minutes=12, seconds=5)) == "还剩 12:05"
    assert remaining(due, due - timedelta(hours=1, minutes=2)) == "还剩 1:02:00"
    assert remaining(due, due + timedelta(minutes=12)) == "超时 12 分钟"
    assert remaining(due, due + timedelta(hours=1, minutes=5)) == "超时 1 小时 5 分"
    assert remaining(due, due - timedelta(days=2)) == "还剩 2 天 0 小时"


def test_the_banner_never_asks_to_confirm_an_answered_prompt(main, clock, sqlite_backend):
    from dutyroom.services import shift_service

    shift_service.check_in(sqlite_backend.uow, "officer", 2, at=clock())
    clock.set("2026-11-24T00:05")  # 22:00 was missed; 00:00 is asking
    main.refresh_all(None)
    assert main.alert_banner.presence_button.isVisible()
    main.alert_banner.presence_button.click()
    assert not main.alert_banner.presence_button.isVisible()
    assert "请点「确认在岗」" not in main.alert_banner.text.text()
    # the missed 22:00 prompt still shows as overdue, to be acknowledged, not confirmed
    assert main.alert_banner.isVisible() and main.alert_banner.ack_button.isVisible()
    assert not main.today.presence_button.isEnabled()


def test_ctrl_shift_p_asks_who_confirms_unless_the_officer_is_logged_in(
        main, clock, sqlite_backend, desk, on_dialog, qtbot):
    from PySide6.QtCore import Qt

    from dutyroom.domain.roles import Actor, Role
    from dutyroom.services import shift_service
    from dutyroom.ui.dialogs.shift_dialogs import PresenceDialog

    uow = sqlite_backend.uow
    shift_service.check_in(uow, "officer", desk["胡斌"], at=clock())
    clock.set("2026-11-23T22:02")
    main.unlock(Actor.user(5, "wanght", "王海涛", Role.LEADER, desk["王海涛"]))
    main.refresh_all(None)
    seen = {}

    def choose(dialog: PresenceDialog) -> None:
        seen["first"] = dialog.person.currentText()
        seen["hint"] = dialog.hint.text()
        dialog.person.setCurrentIndex(dialog.person.findData(desk["周敏"]))
        dialog.submit()

    on_dialog(choose)
    main.activateWindow()
    qtbot.keyClick(main, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert seen["first"].startswith("王海涛")  # the person logged in, unless changed
    assert "王海涛" in seen["hint"] and "胡斌" in seen["hint"]
    view = shift_service.shift_view(uow, clock())
    assert view.prompts[0].confirmation.staff_name == "周敏"
    # the officer on duty logged in: confirmed at once, as them
    clock.set("2026-11-24T00:01")
    main.unlock(Actor.user(6, "hubin", "胡斌", Role.OFFICER, desk["胡斌"]))
    main.refresh_all(None)
    main.confirm_presence()
    view = shift_service.shift_view(uow, clock())
    assert view.prompts[1].confirmation.staff_name == "胡斌"


def test_a_new_desk_is_guided_to_plan_a_rota_not_alarmed(qtbot, sqlite_backend, runner, clock,
                                                        notifier, on_dialog):
    from dutyroom.ui.dialogs.roster_dialogs import GenerateDialog

    for name, tier, mobile in (("王海涛", "leader", "13907311000"), ("胡斌", "officer", "13907312002")):
        staff_service.add_staff(sqlite_backend.uow, {"name": name, "tier": tier, "mobile": mobile})
    clock.set("2026-11-23T09:30")  # well past the sign-in deadline
    settings = settings_service.load_settings(sqlite_backend.uow)
    window = MainWindow(sqlite_backend.uow, runner, "test.sqlite3", "0009", settings,
                        now=clock, notifier=notifier)
    qtbot.addWidget(window)
    window.show()
    assert window.today.guide.isVisible() and "先排班" in window.today.guide.findChild(
        type(window.today.shift_label)).text()
    assert not window.alert_banner.isVisible()
    assert not [sent for sent in notifier.sent if sent[2]]  # no chime
    opened = {}
    on_dialog(lambda dialog: (opened.setdefault("dialog", dialog), dialog.reject()))
    window.today.plan_button.click()
    assert isinstance(opened["dialog"], GenerateDialog)
    assert window.current_page() is window.roster


def test_two_officers_of_a_sensitive_day_each_sign_in_from_the_page(qtbot, sqlite_backend, runner,
                                                                   desk, clock, notifier, on_dialog):
    """A sensitive day needs a second officer: the page lists both seats, the check-in
    dialog offers 值班员（二） and leaves out whoever already signed in."""
    uow = sqlite_backend.uow
    roster_calendar.add_period(uow, "防汛关键期", DAY, DAY)
    roster_service.assign(uow, DAY, Tier.OFFICER, desk["周敏"], slot=1)
    window = MainWindow(uow, runner, "test.sqlite3", "0003", settings_service.load_settings(uow),
                        now=clock, notifier=notifier)
    qtbot.addWidget(window)
    window.show()
    today = window.today
    seats = [(slot.seat.label, slot.staff.name if slot.staff else None) for slot, _ in today.slot_states]
    assert ("值班员", "胡斌") in seats and ("值班员（二）", "周敏") in seats
    offered: list[list[str]] = []

    def sign(seat: str, person: str):
        def act(dialog: CheckInDialog) -> None:
            offered.append([dialog.person.itemText(i) for i in range(dialog.person.count())])
            dialog.tier.setCurrentIndex(dialog.tier.findData(seat))
            dialog.person.setCurrentIndex(dialog.person.findText(person))
            assert "排班：" in dialog.rostered.text()  # the rostered person, no substitution
            dialog.submit()
        return act

    on_dialog(sign("officer/0", "胡斌（值班员）"))
    today.checkin_button.click()
    on_dialog(sign("officer/1", "周敏（值班员）"))
    today.checkin_button.click()
    assert "胡斌（值班员）" not in offered[1]  # signed in already: one seat each
    states = {slot.seat.label: label.text() for slot, label in today.slot_states}
    assert "08:20 已签到" in states["值班员"] and "08:20 已签到" in states["值班员（二）"]


def test_a_tick_repaints_the_countdowns_without_measuring_the_lists_again(main, clock,
                                                                         sqlite_backend, qtbot):
    """Once a second the countdowns on screen are painted again, and nothing more: no
    `dataChanged`, which made the header measure a hundred rows of each list every second
    (most of the page's work with a few hundred open deadlines); the lists fit their
    columns to the rows on screen."""
    incident_service.add_incident(sqlite_backend.uow, {
        "received_at": "2026-11-23T08:00", "title": "东岭村山体滑坡", "category": "natural_disaster",
        "level": "IV"}, now=clock())
    main.refresh_all(None)
    page = main.today
    page.alert_model.set_records(page.alert_model.records() * 200)
    page.incident_model.set_records(page.incident_model.records() * 300)
    qtbot.wait(20)
    changed, painted = [], []
    for model in (page.alert_model, page.incident_model):
        model.dataChanged.connect(lambda *args: changed.append(args))

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(watched)
            return False

    spy = Paints()
    for view in (page.alert_view, page.incident_view):
        assert view.horizontalHeader().resizeContentsPrecision() == 0
        view.viewport().installEventFilter(spy)
    clock.set("2026-11-23T08:21")
    page.tick()
    qtbot.waitUntil(lambda: {page.alert_view.viewport(), page.incident_view.viewport()}
                    <= set(painted), timeout=2000)
    assert changed == []
    column = len(page.incident_model.columns) - 1
    shown = page.incident_model.data(page.incident_model.index(0, column))
    due = page.incident_model.record(0).next_deadline.due
    assert shown == remaining(due, clock())


def test_a_countdown_that_grows_as_it_runs_late_is_not_cut_short(main, clock, sqlite_backend,
                                                                  qtbot):
    """还剩 05:00 when the list was read; a day later, nothing saved meanwhile, the same
    row reads 超时 1 天 1 小时: its column widens to show it whole, not 超时 1…"""
    clock.set("2026-11-23T09:55")
    incident_service.add_incident(sqlite_backend.uow, {
        "received_at": "2026-11-23T08:00", "title": "东岭村山体滑坡", "category": "natural_disaster",
        "level": "IV"}, now=clock())
    main.refresh_all(None)
    page = main.today
    view, model = page.incident_view, page.incident_model
    column = len(model.columns) - 1
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.data(model.index(0, column)) == "还剩 05:00"
    narrow = view.horizontalHeader().sectionSize(column)
    clock.set("2026-11-24T11:50")
    page.tick()
    qtbot.wait(20)
    assert model.data(model.index(0, column)) == "超时 1 天 1 小时"
    header = view.horizontalHeader()
    assert header.sectionSize(column) >= view.sizeHintForColumn(column) > narrow
