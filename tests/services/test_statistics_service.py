"""统计 through its service, on SQLite and PostgreSQL, against counts made by hand from a
small desk: reports on time, late, overdue and 漏报, arrivals per department, check-ins per
person, presence, spot checks; the Excel workbook read back."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    department_service,
    dispatch_service,
    incident_service,
    roster_service,
    shift_service,
    staff_service,
    statistics_service,
    upward_reports,
)
from dutyroom.services.errors import InputError

Z = ZoneInfo("Asia/Shanghai")
JULY = (date(2026, 7, 1), date(2026, 7, 31))
NOON = datetime(2026, 7, 2, 12, 0, tzinfo=Z)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=Z)


@pytest.fixture
def desk(backend):
    uow = backend.uow
    hu = staff_service.add_staff(uow, {"name": "胡斌", "tier": "officer", "mobile": "13907312002"}).value.id
    zhou = staff_service.add_staff(uow, {"name": "周敏", "tier": "officer", "mobile": "13907312003"}).value.id
    for day, person in ((date(2026, 7, 1), hu), (date(2026, 7, 2), zhou)):
        roster_service.assign(uow, day, Tier.OFFICER, person)
    settings = {"checkin_tiers": "officer", "presence_interval_minutes": 0}
    from dutyroom.services import settings_service

    settings_service.save_settings(uow, settings)
    shift_service.check_in(uow, "officer", hu, at=at("2026-07-01T08:50"))  # late (due 08:45)
    # 周敏 never signs in on the 2nd: missed.
    fire = department_service.add_department(uow, {"name": "青山消防救援站", "duty_phone": "119",
                                                   "first_line": True}).value.id
    clinic = department_service.add_department(uow, {"name": "青山镇卫生院", "duty_phone": "0731-1"}).value.id
    # A: Ⅲ级, phone by 09:30 (sent 09:20, on time), written by 10:00 (sent 10:30, late).
    a = incident_service.add_incident(uow, {"received_at": "2026-07-01T09:00", "title": "储罐泄漏",
                                            "category": "accident", "level": "III"},
                                      now=at("2026-07-01T09:01")).value.id
    upward_reports.record_report(uow, a, "first", "phone", sent_at=at("2026-07-01T09:20"),
                                 now=at("2026-07-01T09:20"))
    upward_reports.record_report(uow, a, "first", "written", sent_at=at("2026-07-01T10:30"),
                                 now=at("2026-07-01T10:30"))
    orders = dispatch_service.dispatch(uow, a, [fire, clinic], ordered_at="2026-07-01T09:10",
                                       now=at("2026-07-01T09:10")).value
    dispatch_service.record_feedback(uow, orders[0], "arrived", at="2026-07-01T09:45",
                                     now=at("2026-07-01T09:46"))  # 30 min for a first-line unit: late
    # B: 待核定, phone by 10:30 and written by 11:00, nothing sent: both overdue at noon.
    incident_service.add_incident(uow, {"received_at": "2026-07-02T10:00", "title": "山体滑坡",
                                        "category": "natural_disaster"}, now=at("2026-07-02T10:01"))
    # C: voided, never counted.
    c = incident_service.add_incident(uow, {"received_at": "2026-07-02T09:00", "title": "误报",
                                            "category": "accident"}, now=at("2026-07-02T09:01")).value
    incident_service.void_incident(uow, c.id, None, "重复登记", now=at("2026-07-02T09:02"))
    shift_service.record_spot_check(uow, {"at": "2026-07-02T09:00", "checker": "县应急局",
                                          "answered_by": "周敏", "outcome": "ok"}, now=at("2026-07-02T09:05"))
    shift_service.record_spot_check(uow, {"at": "2026-07-02T11:00", "checker": "县应急局",
                                          "outcome": "no_answer", "within_rule": False},
                                    now=at("2026-07-02T11:05"))
    return {"fire": fire, "clinic": clinic}


def test_hand_counted_month(backend, desk):
    stats = statistics_service.period_statistics(backend.uow, *JULY, at=NOON)
    # A phone on time, A written late, A's update of 07-01 17:00 overdue, B phone and written
    # overdue; B's update (07-02 17:00) is not due yet.
    assert stats.reports.as_dict() == {"due": 5, "on_time": 1, "late": 1, "overdue": 3, "missing": 0}
    assert stats.by_stage["update_report"].as_dict() == {"due": 1, "on_time": 0, "late": 0, "overdue": 1,
                                                         "missing": 0}
    assert stats.by_stage["phone_report"].as_dict() == {"due": 2, "on_time": 1, "late": 0, "overdue": 1,
                                                        "missing": 0}
    assert stats.by_level["III"].late == 1 and stats.by_level["unrated"].overdue == 2
    assert [(d.department, d.due, d.on_time, d.late, d.not_arrived) for d in stats.by_department] == [
        ("青山消防救援站", 1, 0, 1, 0), ("青山镇卫生院", 1, 0, 0, 1)]
    assert stats.sign_ins.as_dict() == {"due": 2, "on_time": 0, "late": 1, "missed": 1}
    assert [(p.name, p.duties, p.sign_ins.late, p.sign_ins.missed) for p in stats.people] == [
        ("周敏", 1, 0, 1), ("胡斌", 1, 1, 0)]
    assert (stats.spot_checks, stats.spot_within_rule) == (2, 1)
    assert stats.incidents_by_month == {"2026-07": {"事故灾难": 1, "自然灾害": 1}}
    document = statistics_service.as_json(stats)
    assert document["reports"]["missing"] == 0 and document["warnings"]["received"] == 0
    assert document["warnings"]["completion_rate"] is None  # no warnings: nothing came due
    assert document["dispatch"]["not_arrived"] == 1


def test_closing_without_the_first_reports_is_missing(backend, desk):
    d = incident_service.add_incident(backend.uow, {"received_at": "2026-07-03T09:00", "title": "路面塌陷",
                                                    "category": "accident", "level": "III"},
                                      now=at("2026-07-03T09:01")).value.id
    upward_reports.record_report(backend.uow, d, "final", "written", sent_at=at("2026-07-03T09:05"),
                                 now=at("2026-07-03T09:05"))
    incident_service.change_status(backend.uow, d, None, "closed", now=at("2026-07-03T09:06"))
    stats = statistics_service.period_statistics(backend.uow, date(2026, 7, 3), date(2026, 7, 3),
                                                 at=at("2026-07-03T12:00"))
    # Its phone (09:30) and written (10:00) first reports were never sent: 漏报, not overdue.
    assert stats.reports.as_dict() == {"due": 3, "on_time": 1, "late": 0, "overdue": 0, "missing": 2}
    assert stats.missing_incidents == 1
    assert stats.by_stage["final_report"].on_time == 1


def test_the_period_is_checked_and_the_workbook_has_one_sheet_per_table(backend, desk, tmp_path):
    with pytest.raises(InputError, match="早于开始日期"):
        statistics_service.period_statistics(backend.uow, date(2026, 7, 31), date(2026, 7, 1))
    out = tmp_path / "统计.xlsx"
    statistics_service.export_workbook(backend.uow, *JULY, out, at=NOON)
    book = load_workbook(out)
    assert book.sheetnames == ["信息报送", "派单到场", "接班签到", "在岗确认", "上级查岗", "月度事件",
                               "月度按时率", "预警叫应", "领导批示督办"]
    rows = [[c.value for c in r] for r in book["信息报送"].iter_rows(min_row=3)]
    assert rows[0] == ["合计", 5, 1, 1, 3, 0, "20.0%"]
    arrivals = [[c.value for c in r] for r in book["派单到场"].iter_rows(min_row=3)]
    assert arrivals[-1] == ["合计", 2, 0, 1, 1, "0.0%"]
