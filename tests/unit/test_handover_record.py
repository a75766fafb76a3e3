"""The handover record assembled from a shift's facts, and the comparison with the last one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from dutyroom.domain.deadlines import Deadline, DeadlineKind
from dutyroom.domain.handover import (
    DispatchFact,
    EntryFact,
    HandoverRecord,
    IncidentFact,
    Prompt,
    ReportFact,
    ShiftFacts,
    SignIn,
    SpotCheckFact,
    TaskFact,
    assemble,
    changes_since,
)
from dutyroom.domain.incidents import Category, Level, Status
from dutyroom.domain.roster import Seat
from dutyroom.domain.tiers import Tier

Z = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=Z)


def leak(**changes) -> IncidentFact:
    fact = IncidentFact(
        7, at("2026-11-23T16:37"), "青山化工园区储罐泄漏", Category.ACCIDENT, Level.III, Status.HANDLING,
        (ReportFact("首报", "电话", at("2026-11-23T16:52"), False),),
        (Deadline(DeadlineKind.PHONE_REPORT, at("2026-11-23T17:07"), at("2026-11-23T16:52")),
         Deadline(DeadlineKind.WRITTEN_REPORT, at("2026-11-23T17:37"))),
        (DispatchFact(3, "青山镇卫生院", "程慧", at("2026-11-23T16:47"), at("2026-11-23T17:17"),
                      None, None, ""),))
    return replace(fact, **changes)


def facts(**changes) -> ShiftFacts:
    base = ShiftFacts(
        unit="青山镇人民政府", desk="总值班室", day=date(2026, 11, 23), start=at("2026-11-23T08:30"),
        end=at("2026-11-24T08:30"), zone=Z, as_of=at("2026-11-23T18:00"),
        people={Tier.LEADER: ("王海涛",), Tier.OFFICER: ("胡斌",)}, incoming=("邓洁",),
        sign_ins=(SignIn(Seat(Tier.LEADER), "王海涛", at("2026-11-23T08:45")),
                  SignIn(Seat(Tier.OFFICER), "胡斌", at("2026-11-23T08:45"), "周敏", at("2026-11-23T08:50"))),
        prompts=(Prompt(at("2026-11-23T22:00"), at("2026-11-23T22:10")),),
        spot_checks=(SpotCheckFact(at("2026-11-23T09:43"), "县应急管理局", "电话", "周敏", False,
                                   "无人接听", "响铃五声未接"),),
        incidents=(leak(),),
        entries=(EntryFact(2, at("2026-11-23T12:17"), "传真", "县防指", "县防指电〔2026〕18号",
                           "请各村做好巡查。——张书记", "各村"),),
        tasks=(TaskFact("rota_report/2026-12-31", "值班表报备", "元旦值班表", at("2026-11-25T17:00")),),
    )
    return replace(base, **changes)


def cells(record: HandoverRecord, section: str) -> list[tuple[str, ...]]:
    return [line.cells for line in record.section(section).lines]


def test_sign_ins_show_missed_late_and_substituted():
    record = assemble(facts())
    lines = record.section("checkins").lines
    assert lines[0].cells == ("接班签到 · 带班领导", "08:45 前", "王海涛", "未签到") and lines[0].alert
    assert lines[1].cells[2:] == ("周敏（替 胡斌）", "08:50 签到，迟签") and lines[1].alert
    assert lines[2].cells[3] == "未到时间" and not lines[2].alert


def test_a_prompt_past_its_window_unanswered_is_missed():
    record = assemble(facts(as_of=at("2026-11-23T22:30")))
    assert record.section("checkins").lines[2].cells[3] == "未确认"


def test_incidents_show_reports_sent_and_what_is_still_due():
    (row,) = cells(assemble(facts()), "incidents")
    assert row[:2] == ("11-23 16:37\n本班接报", "青山化工园区储罐泄漏（事故灾难）")
    assert row[2:5] == ("Ⅲ级", "处置中", "电话首报 16:52")
    assert "书面报告 11-23 17:37 前（已超时 23 分钟）" in row[5]


def test_an_incident_from_an_earlier_shift_is_carried_in():
    earlier = leak(received_at=at("2026-11-22T20:00"))
    (row,) = cells(assemble(facts(incidents=(earlier,))), "incidents")
    assert row[0] == "11-22 20:00\n前班转入"


def test_a_closed_incident_leaves_nothing_open():
    record = assemble(facts(incidents=(leak(status=Status.CLOSED),)))
    assert cells(record, "incidents")[0][5] == "无"
    assert all(not line.key.startswith("deadline/") for line in record.section("open_items").lines)


def test_open_items_carry_deadlines_arrivals_and_tasks_in_due_order():
    items = cells(assemble(facts()), "open_items")
    assert [i[0] for i in items] == ["派单到场", "书面报告", "值班表报备"]
    assert items[0][3] == "已超时 43 分钟" and items[2][3] == "未到期"


def test_dispatches_awaiting_feedback_and_entries_with_instructions():
    record = assemble(facts())
    assert cells(record, "dispatches")[0][:2] == ("青山镇卫生院（程慧）", "青山化工园区储罐泄漏")
    assert cells(record, "entries")[0][4] == "请各村做好巡查。——张书记"
    assert cells(record, "spot_checks")[0][4] == "否" and record.section("spot_checks").lines[0].alert


def test_people_notes_and_an_empty_section_say_so():
    record = assemble(facts(spot_checks=()), equipment="传真机缺纸", notes="东岭村险情请继续跟进")
    assert (record.outgoing, record.incoming, record.leader) == ("胡斌", "邓洁", "王海涛")
    assert record.section("spot_checks").lines == ()
    assert record.section("spot_checks").empty == "本班无上级查岗"
    assert record.period == "2026-11-23 08:30 至 2026-11-24 08:30"
    assert record.title == "青山镇人民政府总值班室交接班记录"
    assert record.equipment == "传真机缺纸"
    assert record.written == (("设备和电话状态", "传真机缺纸"), ("其他交代事项", "东岭村险情请继续跟进"))


def test_fields_the_officer_left_empty_are_recorded_as_not_filled_in():
    record = assemble(facts(), equipment="", notes=" \n ")
    assert record.written == (("设备和电话状态", "（未填写）"), ("其他交代事项", "（未填写）"))


def test_the_record_survives_storage_unchanged():
    record = assemble(facts(), notes="第一行\n第二行")
    assert HandoverRecord.from_json(record.to_json()) == record


def test_changes_since_the_last_handover():
    before = assemble(facts(as_of=at("2026-11-23T17:00")), equipment="正常")
    raised = leak(level=Level.II, dispatches=())
    after = assemble(facts(as_of=at("2026-11-24T08:20"), incidents=(raised,)), equipment="传真机缺纸")
    found = {(c.section, c.kind, c.text) for c in changes_since(before, after)}
    assert ("突发事件", "变化",
            "11-23 16:37 本班接报 · 青山化工园区储罐泄漏（事故灾难）（级别：Ⅲ级 → Ⅱ级）") in found
    assert ("派单待反馈", "已办结", "青山镇卫生院（程慧） · 青山化工园区储罐泄漏") in found
    assert ("设备和电话状态", "变化", "传真机缺纸") in found
    # Only the clock moved for the written report: "已超时 n 分钟" is not a change.
    assert not any(c.section.startswith("未办结") and c.kind == "变化" for c in changes_since(before, after))
    assert changes_since(None, after) == []
