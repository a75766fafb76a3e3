"""The rota through its services, on SQLite and PostgreSQL."""

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest
from openpyxl import load_workbook

from dutyroom.domain.calendar import DayKind, Source
from dutyroom.domain.roster import Category, Seat
from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    demo,
    integrity_service,
    leave_service,
    roster_calendar,
    roster_files,
    roster_service,
    settings_service,
    staff_service,
)
from dutyroom.services.errors import InputError

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
FEB = (date(2026, 2, 1), date(2026, 2, 28))


@pytest.fixture
def desk(backend):
    demo.seed_demo(backend.uow)
    return backend


def test_generate_fills_every_slot_fairly_and_keeps_hand_edits(desk):
    uow = desk.uow
    leader = next(p for p in staff_service.list_staff(uow) if p.tier is Tier.LEADER)
    roster_service.assign(uow, date(2026, 2, 17), Tier.LEADER, leader.id,
                          requested_by="党政办", reason="春节期间本人申请")
    report = roster_service.generate(uow, *FEB).value
    assert report.unfilled == []
    assert (date(2026, 2, 17), Seat(Tier.LEADER)) not in {(d, t) for d, t, _ in report.assignments}
    view = roster_service.roster_view(uow, *FEB)
    assert view.breaks == []
    assert view.days[16].slots[Seat(Tier.LEADER)].id == leader.id
    assert all(Seat(Tier.CHIEF) in d.slots for d in view.days if d.info.kind is DayKind.HOLIDAY)
    assert max(report.spreads.values()) <= 1
    again = roster_service.generate(uow, *FEB)
    assert again.value.assignments == [] and not again.changes
    assert integrity_service.run_check(uow, desk.engine).ok


def test_generation_reports_why_a_slot_stays_empty(desk):
    uow = desk.uow
    chiefs = [p for p in staff_service.list_staff(uow) if p.tier is Tier.CHIEF]
    for chief in chiefs[:3]:
        leave_service.add_leave(uow, chief.id, "leave", "2026-02-10", "2026-02-28", "探亲")
    report = roster_service.preview_generation(uow, *FEB)
    chief_gaps = [u for u in report.unfilled if u.tier is Tier.CHIEF]
    assert chief_gaps, "one chief cannot cover nine days with a day's rest between"
    assert "3 人请假、出差或培训" in chief_gaps[0].reason
    assert roster_service.roster_rows(uow, *FEB) == []  # a preview saves nothing


def test_history_counts_across_months(desk):
    uow = desk.uow
    roster_service.generate(uow, date(2026, 1, 1), date(2026, 1, 31))
    report = roster_service.generate(uow, *FEB).value
    jan = roster_service.statistics(uow, date(2026, 1, 1), date(2026, 2, 28))
    officers = [r for r in jan if r.staff.tier is Tier.OFFICER]
    totals = [r.total for r in officers]
    assert max(totals) - min(totals) <= 1
    assert report.spreads[Tier.OFFICER, Category.HOLIDAY] <= 1


def test_swap_and_substitute_keep_their_history(desk):
    uow = desk.uow
    roster_service.generate(uow, date(2026, 11, 2), date(2026, 11, 8))
    rows = {(d, t): p for d, t, p in roster_service.roster_rows(uow, date(2026, 11, 2),
                                                                 date(2026, 11, 8))}
    a, b = rows[date(2026, 11, 3), Seat(Tier.OFFICER)], rows[date(2026, 11, 6), Seat(Tier.OFFICER)]
    with pytest.raises(InputError, match="原因"):
        roster_service.swap(uow, date(2026, 11, 3), date(2026, 11, 6), Tier.OFFICER)
    roster_service.swap(uow, date(2026, 11, 3), date(2026, 11, 6), Tier.OFFICER,
                        requested_by=a.name, reason="孩子生病")
    after = {(d, t): p for d, t, p in roster_service.roster_rows(uow, date(2026, 11, 2),
                                                                  date(2026, 11, 8))}
    assert after[date(2026, 11, 3), Seat(Tier.OFFICER)] == b
    assert after[date(2026, 11, 6), Seat(Tier.OFFICER)] == a
    history = roster_service.changes(uow, date(2026, 11, 1), date(2026, 11, 30))
    assert [(c.kind, c.reason, c.approved_by) for c in history][:2] == [
        ("换班", "孩子生病", uow.actor)] * 2  # the account that saved it approved it


def test_hand_assignment_refuses_the_wrong_tier_and_reports_rest_breaks(desk):
    uow = desk.uow
    people = staff_service.list_staff(uow)
    officer = next(p for p in people if p.tier is Tier.OFFICER)
    with pytest.raises(InputError, match="不能值带班领导班"):
        roster_service.assign(uow, date(2026, 11, 23), Tier.LEADER, officer.id)
    roster_service.assign(uow, date(2026, 11, 23), Tier.OFFICER, officer.id)
    warnings = roster_service.assign(uow, date(2026, 11, 24), Tier.OFFICER, officer.id).value
    assert any("间隔不足" in w for w in warnings)


def test_calendar_import_and_periods_change_required_tiers(desk, tmp_path):
    uow = desk.uow
    notice = tmp_path / "2027.csv"
    notice.write_text("date,kind,name\n2027-02-06,holiday,春节\n2027-02-13,adjusted_workday,春节\n",
                      encoding="utf-8")
    assert roster_files.import_calendar(uow, notice).value == 2
    days = {d.day: d for d in roster_calendar.calendar_days(uow, date(2027, 2, 6),
                                                            date(2027, 2, 13))}
    assert days[date(2027, 2, 6)].kind is DayKind.HOLIDAY
    assert days[date(2027, 2, 6)].source is Source.USER
    assert days[date(2027, 2, 7)].source is Source.ASSUMED
    roster_calendar.add_period(uow, "防汛关键期", "2027-07-01", "2027-07-03")
    view = roster_service.roster_view(uow, date(2027, 7, 1), date(2027, 7, 4))
    assert [len(d.required) for d in view.days] == [3, 3, 3, 2]
    assert view.days[0].periods == ("防汛关键期",)
    assert view.assumed_years == [2027]


@pytest.mark.parametrize(("content", "message"), [
    ("date,kind,name\n2027-02-30,holiday,春节\n", "不是有效日期"),
    ("date,kind,name\n2027-02-06,festival,春节\n", "不是日期类型"),
    ("date,kind,name\n2027-02-06,holiday,春节\n2027-02-06,holiday,春节\n", "重复"),
    ("day,type\n2027-02-06,holiday\n", "缺少列"),
])
def test_a_bad_calendar_file_changes_nothing(desk, tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        roster_files.import_calendar(desk.uow, path)
    assert caught.value.problems[0].row is not None
    assert roster_calendar.calendar_days(desk.uow, date(2027, 2, 6), date(2027, 2, 6))[0] \
        .source is Source.ASSUMED


def test_xlsx_export_is_the_office_layout_and_reimports(desk, tmp_path):
    uow = desk.uow
    roster_service.generate(uow, *FEB)
    out = roster_files.export_roster(uow, *FEB, "xlsx", tmp_path / "feb.xlsx")
    sheet = load_workbook(out).active
    assert sheet["A1"].value == "青山镇人民政府（示例）2026年2月值班安排表"
    assert [c.value for c in sheet[3]] == ["日期", "星期", "主要领导", "联系电话", "带班领导",
                                           "联系电话", "值班人员", "联系电话"]
    assert sheet["A4"].value == "2月1日" and sheet["B4"].value == "星期日"
    spring = sheet["A18"]  # 2月15日
    assert spring.value == "2月15日" and spring.fill.fgColor.rgb.endswith("FDE9D9")
    assert sheet["C18"].value  # a chief on the holiday row
    assert str(sheet.cell(row=sheet.max_row, column=1).value).startswith("备注")

    before = roster_service.roster_rows(uow, *FEB)
    roster_service.assign(uow, date(2026, 2, 2), Tier.OFFICER, None)  # clear one slot
    assert roster_files.import_roster(uow, out).value == len(before)
    assert roster_service.roster_rows(uow, *FEB) == before


def _sample_staff(uow):
    sheet = load_workbook(SAMPLES / "值班表样例-2026春节.xlsx").active
    seen = set()
    for row in sheet.iter_rows(min_row=4, max_row=18, values_only=True):
        for column, tier in ((2, "主要领导"), (4, "带班领导"), (6, "值班员")):
            name, phone = row[column], row[column + 1]
            if name and name not in seen:
                seen.add(name)
                staff_service.add_staff(uow, {"name": name, "tier": tier, "mobile": phone})


def test_the_sample_roster_imports(backend):
    _sample_staff(backend.uow)
    count = roster_files.import_roster(backend.uow, SAMPLES / "值班表样例-2026春节.xlsx").value
    assert count == 15 * 2 + 9
    rows = roster_service.roster_rows(backend.uow, date(2026, 2, 14), date(2026, 2, 28))
    assert (rows[0][0], rows[0][1], rows[0][2].name) == (date(2026, 2, 14), Seat(Tier.LEADER), "张海涛")


@pytest.mark.parametrize(("edit", "message"), [
    (lambda s: s.__setitem__("E5", "不存在的人"), "不在通讯录在岗人员中"),
    (lambda s: s.__setitem__("A6", "2月15日"), "重复"),
    (lambda s: s.__setitem__("E5", "王芳"), "不能列为带班领导"),
    (lambda s: s.__setitem__("A7", "2月30日"), "不是有效日期"),
])
def test_a_bad_roster_file_changes_nothing(backend, tmp_path, edit, message):
    _sample_staff(backend.uow)
    book = load_workbook(SAMPLES / "值班表样例-2026春节.xlsx")
    edit(book.active)
    path = tmp_path / "bad.xlsx"
    book.save(path)
    with pytest.raises(InputError, match=message) as caught:
        roster_files.import_roster(backend.uow, path)
    assert caught.value.problems[0].row is not None
    assert roster_service.roster_rows(backend.uow, date(2026, 2, 1), date(2026, 2, 28)) == []


def test_csv_and_ics_exports(desk, tmp_path):
    uow = desk.uow
    roster_service.generate(uow, date(2026, 10, 1), date(2026, 10, 3))
    rows = list(csv.DictReader(roster_files.export_roster(
        uow, date(2026, 10, 1), date(2026, 10, 3), "csv", tmp_path / "r.csv")
        .read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 9 and rows[0]["kind"] == "holiday" and rows[0]["holiday"] == "国庆节"
    person = roster_service.roster_rows(uow, date(2026, 10, 1), date(2026, 10, 1))[0][2]
    data = roster_files.export_roster(uow, date(2026, 10, 1), date(2026, 10, 3), "ics",
                                      tmp_path / "me.ics", staff_id=person.id).read_bytes()
    events = [c for c in icalendar.Calendar.from_ical(data).walk("VEVENT")]
    assert len(events) == 1
    start = events[0].decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (8, 30, "Asia/Shanghai")
    assert person.name in str(events[0]["summary"])


def test_statistics_and_comp_days(desk, tmp_path):
    uow = desk.uow
    settings_service.save_settings(uow, {"comp_days_per_holiday": 2})
    roster_service.generate(uow, date(2026, 10, 1), date(2026, 10, 10))
    stats = roster_service.statistics(uow, date(2026, 10, 1), date(2026, 10, 10))
    assert sum(r.holiday for r in stats) == 21
    assert all(r.comp_days == 2 * r.holiday for r in stats)
    out = roster_files.export_statistics(stats, date(2026, 10, 1), date(2026, 10, 10), "青山镇",
                                         tmp_path / "stats.xlsx")
    sheet = load_workbook(out).active
    assert sheet["A2"].value == "姓名" and sheet.max_row == len(stats) + 2


def test_leave_and_periods_can_be_listed_and_removed(desk):
    uow = desk.uow
    person = staff_service.list_staff(uow)[5]
    leave = leave_service.add_leave(uow, person.id, "training", "2026-12-01", "2026-12-05",
                                     "党校培训").value
    assert [x.kind_label for x in leave_service.list_leaves(
        uow, date(2026, 12, 1), date(2026, 12, 31))] == ["培训"]
    with pytest.raises(InputError, match="结束日期早于开始日期"):
        leave_service.add_leave(uow, person.id, "leave", "2026-12-05", "2026-12-01")
    leave_service.remove_leave(uow, leave.id)
    assert leave_service.list_leaves(uow, date(2026, 12, 1), date(2026, 12, 31)) == []
    period = roster_calendar.add_period(uow, "党代会", "2026-12-10", "2026-12-12").value
    roster_calendar.remove_period(uow, period.id)
    assert roster_calendar.list_periods(uow) == []


def test_publishing_checks_the_rota_first(desk):
    uow = desk.uow
    with pytest.raises(InputError) as caught:
        roster_service.publish(uow, *FEB)
    assert any("2026-02-15 主要领导：未安排" in p.message for p in caught.value.problems)
    assert roster_service.published_days(uow, *FEB) == set()
    roster_service.generate(uow, *FEB)
    assert roster_service.publish(uow, *FEB).value == 28
    assert len(roster_service.published_days(uow, *FEB)) == 28


def test_publishing_stamps_the_moment_the_desk_gives(desk):
    """The publish moment comes from the injected clock, not the computer's."""
    from sqlalchemy import select

    from dutyroom.db.models import DutyDay

    uow = desk.uow
    roster_service.generate(uow, *FEB)
    moment = datetime(2026, 1, 20, 1, 30, tzinfo=UTC)
    roster_service.publish(uow, *FEB, now=moment)
    with uow.read() as session:
        stamps = set(session.scalars(select(DutyDay.published_at).where(
            DutyDay.day >= FEB[0], DutyDay.day <= FEB[1])))
    assert {s.replace(tzinfo=UTC) if s.tzinfo is None else s for s in stamps} == {moment}


def test_a_holiday_calendar_ics_is_imported_as_holidays_and_adjusted_workdays(backend, tmp_path):
    from dutyroom.services import roster_files

    path = tmp_path / "holidays.ics"
    path.write_text("\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//CN",
        "BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20271001", "DTEND;VALUE=DATE:20271008",
        "SUMMARY:国庆节 休", "END:VEVENT",
        "BEGIN:VEVENT", "UID:b", "DTSTART;VALUE=DATE:20270926", "SUMMARY:国庆节（班）", "END:VEVENT",
        "END:VCALENDAR"]), encoding="utf-8")
    assert roster_files.import_calendar(backend.uow, path).value == 8
    days = {d.day: d for d in roster_calendar.calendar_days(backend.uow, date(2027, 9, 26),
                                                            date(2027, 10, 8))}
    assert days[date(2027, 9, 26)].kind.value == "adjusted_workday"
    assert days[date(2027, 10, 1)].name == "国庆节" and days[date(2027, 10, 7)].kind.value == "holiday"
    assert days[date(2027, 10, 8)].kind.value == "workday"
