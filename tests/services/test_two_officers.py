"""Two officers a day in sensitive periods (粤府办〔2012〕55号), end to end on SQLite and
PostgreSQL: the setting, hand edits of the second seat, both sign-ins, the presence prompts,
the handover record and its printout, the 报备 list and every export, the re-import, a field
package, and `check` catching an edit of the second seat behind the app's back."""

from __future__ import annotations

import csv
import sqlite3
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import text

from dutyroom.domain.roster import Seat
from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    alert_service,
    clock_log_service,
    field_service,
    handover_service,
    integrity_service,
    roster_calendar,
    roster_files,
    roster_service,
    settings_service,
    shift_service,
    staff_service,
)
from dutyroom.services.errors import InputError

Z = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 23)  # a Monday in the sensitive period
SECOND = Seat(Tier.OFFICER, 1)


def at(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=Z)


@pytest.fixture
def desk(backend):
    """Two leaders and four officers; 23–24 November is a sensitive period: 胡斌 and 周敏 on the
    23rd, 邓洁 and 张伟 on the 24th."""
    uow, people = backend.uow, {}
    for name, tier, mobile in (("王海涛", "leader", "13907311000"), ("李强", "leader", "13907311001"),
                               ("胡斌", "officer", "13907312002"), ("周敏", "officer", "13907312003"),
                               ("邓洁", "officer", "13907312004"), ("张伟", "officer", "13907312005")):
        people[name] = staff_service.add_staff(uow, {"name": name, "tier": tier,
                                                     "mobile": mobile}).value.id
    settings_service.save_settings(uow, {"tiers_sensitive": "leader,officer"})
    roster_calendar.add_period(uow, "防汛关键期", DAY, DAY + timedelta(days=1))
    for day, leader, first, second in ((DAY, "王海涛", "胡斌", "周敏"),
                                       (DAY + timedelta(days=1), "李强", "邓洁", "张伟")):
        roster_service.assign(uow, day, Tier.LEADER, people[leader])
        roster_service.assign(uow, day, Tier.OFFICER, people[first])
        roster_service.assign(uow, day, Tier.OFFICER, people[second], slot=1)
    return people


def test_the_sensitive_days_need_two_officers_and_the_rest_one(backend):
    values = settings_service.load_settings(backend.uow)
    assert [values[f"officers_{kind}"] for kind in ("workday", "weekend", "holiday", "sensitive")] \
        == [1, 1, 1, 2]
    with pytest.raises(InputError, match="1 到 3"):
        settings_service.save_settings(backend.uow, {"officers_sensitive": 4})
    roster_calendar.add_period(backend.uow, "两会", "2026-03-04", "2026-03-05")
    view = roster_service.roster_view(backend.uow, date(2026, 3, 3), date(2026, 3, 4))
    assert [d.seats.count(SECOND) for d in view.days] == [0, 1]
    settings_service.save_settings(backend.uow, {"officers_weekend": 2})
    weekend = roster_service.roster_view(backend.uow, date(2026, 3, 7), date(2026, 3, 7)).days[0]
    assert [s.label for s in weekend.seats] == ["带班领导", "值班员", "值班员（二）"]


def test_the_second_seat_is_edited_by_hand_and_never_holds_the_first_seat_s_person(backend, desk):
    uow = backend.uow
    view = roster_service.roster_view(uow, DAY, DAY).days[0]
    assert {s: p.name for s, p in view.slots.items()} == {
        Seat(Tier.LEADER): "王海涛", Seat(Tier.OFFICER): "胡斌", SECOND: "周敏"}
    assert view.breaks == ()
    with pytest.raises(InputError, match="同一人一天只能值一个班次"):
        roster_service.assign(uow, DAY, Tier.OFFICER, desk["胡斌"], slot=1)
    with pytest.raises(InputError, match="只需 1 名值班员"):  # not a sensitive day
        roster_service.assign(uow, DAY + timedelta(days=3), Tier.OFFICER, desk["邓洁"], slot=1)
    with pytest.raises(InputError, match="每天只有一名带班领导"):
        roster_service.assign(uow, DAY, Tier.LEADER, desk["李强"], slot=1)
    for bad in (-1, 3, True, "1"):
        with pytest.raises(InputError, match="岗位序号"):
            roster_service.assign(uow, DAY, Tier.OFFICER, desk["邓洁"], slot=bad)
    roster_service.assign(uow, DAY, Tier.OFFICER, desk["邓洁"], slot=1, kind="substitute",
                          reason="周敏生病")
    change = roster_service.changes(uow, DAY, DAY)[0]
    assert (change.seat, change.old, change.new, change.kind) == (SECOND, "周敏", "邓洁", "代班")
    # A swap of the second seat between two days: 邓洁 would then stand twice on the 24th.
    with pytest.raises(InputError, match="同一人一天只能值一个班次"):
        roster_service.swap(uow, DAY, DAY + timedelta(days=1), Tier.OFFICER, slot=1, reason="调休")
    roster_service.assign(uow, DAY, Tier.OFFICER, None, slot=1)
    gaps = roster_service.roster_view(uow, DAY, DAY).days[0].breaks
    assert gaps == ("2026-11-23 值班员（二）：未安排（当天须 2 名值班员）",)
    with pytest.raises(InputError) as refused:
        roster_service.publish(uow, DAY, DAY)
    assert "值班员（二）" in str(refused.value)


def test_both_officers_sign_in_and_either_answers_the_presence_prompt(backend, desk):
    uow = backend.uow
    names = {a.subject for a in alert_service.alerts_at(uow, at("2026-11-23T08:20"))
             if a.kind == "checkin" and a.day == DAY}
    assert names == {"带班领导 王海涛", "值班员 胡斌", "值班员（二） 周敏"}
    shift_service.check_in(uow, "officer", desk["胡斌"], at=at("2026-11-23T08:21"))
    with pytest.raises(InputError, match="一人只能签一个岗位"):
        shift_service.check_in(uow, "officer", desk["胡斌"], slot=1, at=at("2026-11-23T08:22"))
    with pytest.raises(InputError, match="已经签到"):
        shift_service.check_in(uow, "officer", desk["邓洁"], at=at("2026-11-23T08:22"))
    second = shift_service.check_in(uow, "officer", desk["周敏"], slot=1,
                                    at=at("2026-11-23T08:23")).value
    assert second.seat == SECOND and not second.substitute
    with pytest.raises(InputError, match="不需要值班员（二）签到"):  # the 25th needs one officer
        shift_service.check_in(uow, "officer", desk["邓洁"], slot=1, at=at("2026-11-25T08:23"))
    shift = shift_service.shift_view(uow, at("2026-11-23T09:00"))
    assert [(s.seat, s.checkin.staff_name if s.checkin else None) for s in shift.slots
            if s.tier is Tier.OFFICER] == [(Seat(Tier.OFFICER), "胡斌"), (SECOND, "周敏")]
    signed = {a.subject for a in alert_service.alerts_at(uow, at("2026-11-23T09:00"))
              if a.kind == "checkin" and a.day == DAY}
    assert signed == {"带班领导 王海涛"}  # both officers have signed; the leader has not
    prompt = next(a for a in alert_service.alerts_at(uow, at("2026-11-23T22:01"))
                  if a.kind == "presence")
    assert prompt.subject == "值班员 胡斌、周敏"
    confirmed = shift_service.confirm_presence(uow, desk["周敏"], at=at("2026-11-23T22:03")).value
    assert confirmed.staff_name == confirmed.rostered_name == "周敏"  # no substitution
    document = clock_log_service.clock_log_document(uow, DAY, DAY, at=at("2026-11-24T09:00"))
    assert document.pages == 1
    page = pdf_text(document.data)
    assert "值班员（二）" in page and "周敏" in page
    assert integrity_service.run_check(uow, backend.engine).ok


def pdf_text(data: bytes) -> str:
    import io

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_handover_names_both_officers_and_both_sign(backend, desk, tmp_path):
    uow = backend.uow
    shift_service.check_in(uow, "officer", desk["胡斌"], at=at("2026-11-23T08:21"))
    shift_service.check_in(uow, "officer", desk["周敏"], slot=1, at=at("2026-11-23T08:23"))
    view = handover_service.handover_view(uow, DAY, at("2026-11-23T18:00"))
    record = view.record
    assert (record.outgoing, record.incoming, record.leader) == ("胡斌、周敏", "邓洁、张伟", "王海涛")
    signins = [line.cells[0] for line in record.section("checkins").lines][:3]
    assert signins == ["接班签到 · 带班领导", "接班签到 · 值班员", "接班签到 · 值班员（二）"]
    assert record.signature_lines == ("交班人（一）", "交班人（二）", "接班人（一）", "接班人（二）",
                                      "带班领导")
    document = handover_service.handover_document(uow, DAY, at("2026-11-23T18:00"))
    out = tmp_path / "handover.pdf"
    out.write_bytes(document.data)
    printed = pdf_text(document.data)
    for words in ("胡斌、周敏", "邓洁、张伟", "交班人（二）", "接班人（二）", "值班员（二）"):
        assert words in printed, words
    # 邓洁, one of the two incoming officers, accepts: the record keeps both names.
    shift_service.check_in(uow, "officer", desk["邓洁"], at=at("2026-11-24T08:20"))
    saved = handover_service.accept(uow, DAY, desk["邓洁"], notes="", equipment="正常",
                                    at=at("2026-11-24T08:30"))
    assert saved.value.final
    accepted = handover_service.handover_view(uow, DAY, at("2026-11-24T09:00")).record
    assert accepted.incoming == "邓洁、张伟" and accepted.signature_lines[3] == "接班人（二）"
    assert handover_service.accepted_by("王海涛", ("邓洁", "胡斌")) == "王海涛（替 邓洁）、胡斌"


def test_every_export_and_the_report_list_carry_both_officers(backend, desk, tmp_path):
    uow = backend.uow
    start, end = DAY, DAY + timedelta(days=1)
    for fmt in ("xlsx", "csv", "ics"):
        roster_files.export_roster(uow, start, end, fmt, tmp_path / f"rota.{fmt}")
    sheet = load_workbook(tmp_path / "rota.xlsx").active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4, max_row=5)]
    assert rows[0][6:8] == ["胡斌、周敏", "13907312002、13907312003"]
    assert rows[1][6] == "邓洁、张伟"
    with open(tmp_path / "rota.csv", encoding="utf-8-sig") as handle:
        listed = [(r["date"], r["tier"], r["tier_label"], r["name"]) for r in csv.DictReader(handle)]
    assert ("2026-11-23", "officer", "值班员（二）", "周敏") in listed and len(listed) == 6
    events = icalendar.Calendar.from_ical((tmp_path / "rota.ics").read_bytes()).walk("VEVENT")
    assert sorted(str(e["summary"]) for e in events if "11-23" in str(e["uid"])) == [
        "值班：值班员 周敏", "值班：值班员 胡斌", "值班：带班领导 王海涛"]
    report_list = pdf_text(roster_files.rota_document(uow, start, end, "list").data)
    assert "值班员（二）" in report_list and "13907312003" in report_list
    grid = pdf_text(roster_files.rota_document(uow, start, end, "grid").data)
    assert "胡斌、周敏" in grid
    shown = list(roster_files.export_rows(roster_service.roster_view(uow, start, end)))
    assert [(r["date"], r["tier"], r["name"]) for r in shown][:3] == [
        ("2026-11-23", "leader", "王海涛"), ("2026-11-23", "officer", "胡斌"),
        ("2026-11-23", "officer", "周敏")]
    assert all(set(r) == {"date", "tier", "staff_id", "name", "phone"} for r in shown)
    # The office's workbook comes back whole: both officers into their seats.
    for day in (start, end):
        for seat in (Seat(Tier.OFFICER), SECOND):
            roster_service.assign(uow, day, Tier.OFFICER, None, slot=seat.index)
    assert roster_files.import_roster(uow, tmp_path / "rota.xlsx").value == 6
    back = {(d, s): p.name for d, s, p in roster_service.roster_rows(uow, start, end)}
    assert back[start, SECOND] == "周敏" and back[end, Seat(Tier.OFFICER)] == "邓洁"


def test_an_import_naming_one_person_twice_a_day_is_refused_whole(backend, desk, tmp_path):
    from openpyxl import Workbook

    def workbook(name: str, officers: tuple[str, str]):
        book = Workbook()
        sheet = book.active
        sheet.append(["2026年11月值班安排表"])
        sheet.append(["日期", "星期", "主要领导", "联系电话", "带班领导", "联系电话", "值班人员", "联系电话"])
        sheet.append(["11月23日", "星期一", "", "", "王海涛", "", officers[0], ""])
        sheet.append(["11月24日", "星期二", "", "", "李强", "", officers[1], ""])
        book.save(tmp_path / name)
        return tmp_path / name

    before = roster_service.roster_rows(backend.uow, DAY, DAY + timedelta(days=1))
    for path, said in ((workbook("twice.xlsx", ("胡斌、胡斌", "邓洁")), "第 3 行，列「值班人员」：「胡斌」"
                        "当天已列为值班员，同一人一天只能值一个班次"),
                       (workbook("many.xlsx", ("胡斌", "邓洁、胡斌、周敏、张伟")),
                        "第 4 行，列「值班人员」：值班员最多填 3 人")):
        with pytest.raises(InputError) as refused:
            roster_files.import_roster(backend.uow, path)
        assert said in str(refused.value), str(refused.value)
        assert roster_service.roster_rows(backend.uow, DAY, DAY + timedelta(days=1)) == before


def test_a_field_package_carries_the_second_seat_and_check_sees_it_changed(backend, desk, tmp_path):
    uow = backend.uow
    shift_service.check_in(uow, "officer", desk["周敏"], slot=1, at=at("2026-11-23T08:23"))
    package = tmp_path / "out.dutyroom"
    field_service.export_package(uow, DAY, DAY + timedelta(days=1), package,
                                 now=at("2026-11-23T09:00"))
    with sqlite3.connect(package) as copy:
        seats = copy.execute("SELECT d.day, a.slot, s.name FROM duty_assignments a JOIN duty_days d"
                             " ON d.id = a.duty_day_id JOIN staff s ON s.id = a.staff_id"
                             " WHERE a.tier = 'officer' ORDER BY d.day, a.slot").fetchall()
    assert seats == [("2026-11-23", 0, "胡斌"), ("2026-11-23", 1, "周敏"),
                     ("2026-11-24", 0, "邓洁"), ("2026-11-24", 1, "张伟")]
    assert integrity_service.run_check(uow, backend.engine).ok
    for statement, label in (
            ("UPDATE duty_assignments SET staff_id = (SELECT id FROM staff WHERE name = '邓洁')"
             " WHERE slot = 1 AND duty_day_id = (SELECT id FROM duty_days WHERE day = :day)", "班次"),
            ("UPDATE checkins SET slot = 0 WHERE slot = 1", "签到和在岗确认"),
            ("UPDATE roster_changes SET slot = 0 WHERE slot = 1", "排班变更")):
        with backend.engine.begin() as connection:
            assert connection.execute(text(statement), {"day": DAY}).rowcount >= 1
        problems = integrity_service.run_check(uow, backend.engine).problems
        assert any(p.startswith(label) for p in problems), (statement, problems)
