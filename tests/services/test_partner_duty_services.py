"""Partner departments' 值班备勤表 through the services, on SQLite and PostgreSQL: typing
and importing it (all or nothing), whom to call at a moment, and the dispatch recording
who was actually reached."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, text

from dutyroom.db.models import AuditEntry, Dispatch, PartnerDuty
from dutyroom.services import (
    department_service,
    dispatch_service,
    incident_service,
    integrity_service,
    partner_duty_service,
    responsibility_service,
)
from dutyroom.services.errors import InputError

Z = ZoneInfo("Asia/Shanghai")
WATER = {"name": "自来水公司", "duty_phone": "0731-86210220", "office_phone": "0731-86210221",
         "liaison_name": "周立", "liaison_mobile": "13707310220", "first_line": True}
HEADER = ["日期", "值班人员", "手机", "带班领导", "带班领导手机"]
ROWS = [["2026-12-01", "王建国", "13807310001", "李局", "13807310002"],
        ["2026-12-02", "赵红", "13807310003", "", ""]]


def _csv(path: Path, rows, header=HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


def _count(backend, model) -> int:
    with backend.uow.read() as session:
        return session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def water(backend):
    return department_service.add_department(backend.uow, WATER).value


def test_at_night_the_duty_person_of_the_duty_day_is_called(backend, water, tmp_path):
    partner_duty_service.import_roster_file(backend.uow, "自来水公司", _csv(tmp_path / "r.csv", ROWS))
    # 03:10 on 12-02 is still the duty day of 12-01 (handover 08:30)
    night = partner_duty_service.on_duty(backend.uow, datetime(2026, 12, 2, 3, 10, tzinfo=Z))
    assert [(c.person, c.phone, c.source.value) for c in night[0].callees[:2]] == [
        ("王建国", "13807310001", "roster"), ("李局", "13807310002", "roster")]
    # 10:00 on Wednesday 12-02: the office
    day = partner_duty_service.on_duty(backend.uow, datetime(2026, 12, 2, 10, 0, tzinfo=Z),
                                       "自来水公司")
    assert day[0].best.source.value == "office" and day[0].best.phone == "0731-86210221"
    assert day[0].callees[1].person == "赵红"
    # 10:00 on Saturday 12-05, no roster line: the 24-hour phone
    weekend = partner_duty_service.on_duty(backend.uow, datetime(2026, 12, 5, 10, 0, tzinfo=Z))
    assert weekend[0].best.source.value == "duty_phone"


def test_on_a_statutory_holiday_the_office_is_not_rung(backend, water):
    partner_duty_service.put_entry(backend.uow, water.id, {
        "duty_date": "2026-10-01", "person": "钱多", "mobile": "13807310009"})
    answer = partner_duty_service.on_duty(backend.uow, datetime(2026, 10, 1, 10, 0, tzinfo=Z))
    assert answer[0].best.person == "钱多"


@pytest.mark.parametrize(("rows", "where"), [
    ([*ROWS, ["2026-12-03", "孙七", "8621", "", ""]], "第 4 行，列「手机」"),
    ([*ROWS, ["2026-12-01", "孙七", "13807310007", "", ""]], "第 4 行，列「日期」"),
    ([*ROWS, ["12月3日", "孙七", "13807310007", "", ""]], "第 4 行，列「日期」"),
    ([*ROWS, ["2026-12-03", "", "13807310007", "", ""]], "第 4 行，列「值班人员」"),
    ([*ROWS, ["2026-12-03", "孙七", "13807310007", "", "13807310008"]], "第 4 行，列「带班领导」"),
    ([], "没有值班备勤数据"),
])
def test_a_bad_row_rejects_the_whole_file(backend, water, tmp_path, rows, where):
    before = _count(backend, AuditEntry)
    with pytest.raises(InputError) as caught:
        partner_duty_service.import_roster_file(backend.uow, "自来水公司",
                                                _csv(tmp_path / "bad.csv", rows))
    assert where in caught.value.one_line()
    assert _count(backend, PartnerDuty) == 0 and _count(backend, AuditEntry) == before


def test_a_roster_for_an_unknown_department_or_without_its_columns_is_refused(backend, water,
                                                                            tmp_path):
    with pytest.raises(InputError) as caught:
        partner_duty_service.import_roster_file(backend.uow, "燃气公司",
                                                _csv(tmp_path / "r.csv", ROWS))
    assert "没有名为「燃气公司」的联动单位" in caught.value.one_line()
    with pytest.raises(InputError) as caught:
        partner_duty_service.import_roster_file(backend.uow, "自来水公司", _csv(
            tmp_path / "h.csv", [r[:2] for r in ROWS], header=["日期", "值班人员"]))
    assert "缺少必需的列「手机」" in caught.value.one_line()
    assert _count(backend, PartnerDuty) == 0


def test_an_xlsx_with_real_dates_imports_and_a_resent_roster_replaces_its_days(backend, water,
                                                                             tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append([datetime(2026, 12, 1), "王建国", 13807310001, "李局", 13807310002])
    path = tmp_path / "水司值班表.xlsx"
    book.save(path)
    assert partner_duty_service.import_roster_file(backend.uow, water.id, path).value == 1
    partner_duty_service.import_roster_file(backend.uow, "自来水公司", _csv(tmp_path / "r.csv", [
        ["2026-12-01", "孙七", "13807310007", "", ""]]))
    roster = partner_duty_service.roster_of(backend.uow, water.id)
    assert [(r.duty_date.isoformat(), r.person, r.leader) for r in roster] == [
        ("2026-12-01", "孙七", "")]
    assert integrity_service.run_check(backend.uow, backend.engine).ok


def test_check_notices_a_roster_changed_behind_the_app(backend, water):
    partner_duty_service.put_entry(backend.uow, water.id, {
        "duty_date": "2026-12-01", "person": "王建国", "mobile": "13807310001"})
    with backend.engine.begin() as connection:
        connection.execute(text("UPDATE partner_duties SET mobile = '13900000000'"))
    report = integrity_service.run_check(backend.uow, backend.engine)
    assert not report.ok and any("值班备勤" in p for p in report.problems)


def test_the_dispatch_records_who_was_reached(backend, water):
    partner_duty_service.put_entry(backend.uow, water.id, {
        "duty_date": "2026-12-01", "person": "王建国", "mobile": "13807310001"})
    received = datetime(2026, 12, 2, 3, 5, tzinfo=Z)
    first = incident_service.add_incident(backend.uow, {
        "received_at": "2026-12-02T03:05", "title": "青山路自来水主管爆裂", "category": "accident"},
        now=received).value
    second = incident_service.add_incident(backend.uow, {
        "received_at": "2026-12-02T03:06", "title": "河西水管渗漏", "category": "accident"},
        now=received).value
    dispatch_service.dispatch(backend.uow, first.id, [water.id], ordered_at="2026-12-02T03:10",
                              now=datetime(2026, 12, 2, 3, 11, tzinfo=Z))
    dispatch_service.dispatch(backend.uow, second.id, [water.id], ordered_at="2026-12-02T03:12",
                              reached={water.id: ("张师傅（抢修班）", "0731-86210299")},
                              now=datetime(2026, 12, 2, 3, 13, tzinfo=Z))
    with backend.uow.read() as session:
        reached = [(d.contact_name, d.contact_phone) for d in
                   session.scalars(select(Dispatch).order_by(Dispatch.id))]
    assert reached == [("王建国", "13807310001"), ("张师傅（抢修班）", "0731-86210299")]
    power = department_service.add_department(backend.uow, {
        "name": "供电所", "duty_phone": "95598"}).value
    with pytest.raises(InputError) as caught:
        dispatch_service.dispatch(backend.uow, first.id, [power.id],
                                  ordered_at="2026-12-02T03:20",
                                  reached={power.id: ("某人", "not a phone")},
                                  now=datetime(2026, 12, 2, 3, 21, tzinfo=Z))
    assert caught.value.problems[0].field == "reached"


def test_check_notices_a_duties_line_changed_behind_the_app(backend, water):
    department_service.add_department(backend.uow, {"name": "供电所", "duty_phone": "95598"})
    responsibility_service.put_duty(backend.uow, {
        "category": "accident", "subtype": "停水停电", "lead": "自来水公司", "support": "供电所"})
    assert integrity_service.run_check(backend.uow, backend.engine).ok
    with backend.engine.begin() as connection:
        connection.execute(text("UPDATE responsibilities SET support_ids = '[]'"))
    report = integrity_service.run_check(backend.uow, backend.engine)
    assert not report.ok and any("职责分工" in p for p in report.problems)
