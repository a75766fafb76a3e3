"""领导批示 督办 through its services, on SQLite and PostgreSQL: recording an instruction on a
call, an incident or a warning, 落实情况 and 办结, the alert of kind `instruction`, the
handover's 未办结事项 (and its PDF), the daily report, the statistics and `check`."""

from __future__ import annotations

import io
import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select, update

from dutyroom.app import open_backend
from dutyroom.db.models import Instruction, InstructionFeedback
from dutyroom.domain.contacts import validate_department
from dutyroom.domain.instructions import Standing
from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    alert_service,
    daily_report_service,
    department_service,
    handover_service,
    incident_service,
    instruction_service,
    integrity_service,
    register_service,
    roster_service,
    shift_service,
    staff_service,
    statistics_service,
    warning_service,
)
from dutyroom.services.errors import InputError

Z = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 23)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=Z)


@pytest.fixture
def desk(backend):
    people = {}
    for name, tier, mobile in (("王海涛", "leader", "13907311000"), ("李书记", "chief", "13907311001"),
                               ("胡斌", "officer", "13907312002"), ("邓洁", "officer", "13907312003")):
        people[name] = staff_service.add_staff(backend.uow, {"name": name, "tier": tier,
                                                             "mobile": mobile}).value.id
    for day, officer in ((DAY, "胡斌"), (DAY + timedelta(days=1), "邓洁")):
        roster_service.assign(backend.uow, day, Tier.LEADER, people["王海涛"])
        roster_service.assign(backend.uow, day, Tier.OFFICER, people[officer])
    shift_service.check_in(backend.uow, "officer", people["胡斌"], at=at("2026-11-23T08:25"))
    people["leak"] = incident_service.add_incident(backend.uow, {
        "received_at": "2026-11-23T16:37", "title": "青山化工园区储罐泄漏", "category": "accident",
        "level": "III"}, now=at("2026-11-23T16:38")).value.id
    fields = validate_department(name="县水利局", duty_phone="0731-86210119", liaison_name="田振华",
                                 liaison_mobile="13707310102", first_line=False)
    people["水利局"] = department_service.add_department(backend.uow, fields.__dict__).value.id
    return people


def instruct(backend, desk, now="2026-11-23T17:00", **more):
    values = {"subject_kind": "incident", "subject_id": desk["leak"], "text": "立即组织下游群众转移",
              "leader_id": desk["李书记"], "department_id": desk["水利局"],
              "given_at": "2026-11-23T16:50", "due_at": "2026-11-23T20:00", **more}
    return instruction_service.add_instruction(backend.uow, values, now=at(now)).value


def count(backend) -> int:
    with backend.uow.read() as session:
        return session.scalar(select(func.count()).select_from(Instruction)) or 0


def test_an_instruction_becomes_a_task_fed_back_and_done(backend, desk):
    task = instruct(backend, desk)
    view = instruction_service.get_instruction(backend.uow, task, at("2026-11-23T17:00"))
    assert (view.leader_name, view.assignee, view.standing) == ("李书记", "县水利局", Standing.OPEN)
    assert view.subject == "事件「青山化工园区储罐泄漏」"
    instruction_service.add_feedback(backend.uow, task, "已转移 40 人", at="2026-11-23T18:00",
                                     now=at("2026-11-23T18:01"))
    with pytest.raises(InputError, match="办结须填写最终落实情况"):
        instruction_service.mark_done(backend.uow, task, " ", now=at("2026-11-23T19:00"))
    instruction_service.mark_done(backend.uow, task, "全部 120 人已转移", now=at("2026-11-23T19:30"))
    view = instruction_service.get_instruction(backend.uow, task, at("2026-11-23T21:00"))
    assert view.standing == Standing.DONE and view.done_at == at("2026-11-23T19:30")
    assert [(f.text, f.final) for f in view.feedback] == [("已转移 40 人", False),
                                                         ("全部 120 人已转移", True)]
    with pytest.raises(InputError, match="已办结，不能再登记落实情况"):
        instruction_service.add_feedback(backend.uow, task, "补充", now=at("2026-11-23T21:00"))
    with pytest.raises(InputError, match="须说明原因"):
        instruction_service.reopen(backend.uow, task, "", now=at("2026-11-23T21:00"))
    instruction_service.reopen(backend.uow, task, "领导要求补报转移名单", now=at("2026-11-23T21:00"))
    view = instruction_service.get_instruction(backend.uow, task, at("2026-11-23T21:01"))
    assert view.standing == Standing.OVERDUE and view.reopen_reason == "领导要求补报转移名单"
    assert integrity_service.run_check(backend.uow, backend.engine).ok


@pytest.mark.parametrize(("change", "message"), [
    ({"due_at": "2026-11-23T16:50"}, "办理时限必须晚于批示时间"),
    ({"due_at": "2026-11-23T16:00"}, "办理时限必须晚于批示时间"),
    ({"due_at": ""}, "请填写办理时限"),
    ({"due_at": "明天"}, "不是有效的时间"),
    ({"given_at": "2026-11-23T16:00"}, "批示时间不能早于所批示事项的接收时间"),
    ({"text": "  "}, "批示内容"),
    ({"leader_id": "", "leader": ""}, "请填写作出批示的领导"),
    ({"leader_id": 0, "leader": "", "department_id": None, "assignee": ""}, "请填写作出批示的领导"),
    ({"department_id": None, "assignee": ""}, "承办单位或承办人"),
    ({"department_id": 9999}, "没有编号为 9999 的在用联动单位"),
    ({"subject_id": 9999}, "没有编号为 9999 的事件"),
    ({"subject_kind": "roster"}, "来电来文、事件或预警"),
])
def test_bad_input_is_refused_in_chinese_and_nothing_is_saved(backend, desk, change, message):
    with pytest.raises(InputError, match=message):
        instruct(backend, desk, **change)
    assert count(backend) == 0


def test_an_officer_is_not_a_leader_but_a_county_leader_may_be_typed(backend, desk):
    with pytest.raises(InputError, match="不是在用的带班领导或主要领导"):
        instruct(backend, desk, leader_id=desk["胡斌"])
    task = instruct(backend, desk, leader_id=None, leader="县长 赵刚", department_id=None,
                    assignee="镇应急办 刘主任")
    view = instruction_service.get_instruction(backend.uow, task)
    assert (view.leader_name, view.assignee, view.department_id) == ("县长 赵刚", "镇应急办 刘主任", None)


def test_instructions_on_a_call_and_on_a_warning(backend, desk):
    entry = register_service.add_entry(backend.uow, {
        "kind": "document", "received_at": "2026-11-23T09:00", "from_unit": "县应急局",
        "title": "关于加强冬季防火的通知"}, now=at("2026-11-23T09:05")).value
    w = warning_service.add_warning(backend.uow, {
        "issuer": "县气象台", "type": "寒潮", "colour": "blue", "issued_at": "2026-11-23T10:00",
        "valid_until": "2026-11-24T20:00", "villages": ["全镇"], "text": "寒潮蓝色预警",
        "received_at": "2026-11-23T10:05"}, now=at("2026-11-23T10:06")).value.warning
    on_entry = instruct(backend, desk, subject_kind="register", subject_id=entry.id,
                        given_at="2026-11-23T09:30")
    on_warning = instruct(backend, desk, subject_kind="warning", subject_id=w.id,
                          given_at="2026-11-23T10:30")
    by_subject = instruction_service.list_instructions(backend.uow, "all", ("register", entry.id))
    assert [v.id for v in by_subject] == [on_entry]
    assert by_subject[0].subject == "来文「关于加强冬季防火的通知」"
    assert instruction_service.get_instruction(backend.uow, on_warning).subject.startswith("预警「县气象台")


def test_the_alert_rises_with_the_time_limit_and_survives_a_restart(backend, desk, db_target):
    task = instruct(backend, desk)  # due 20:00; the desk warns 10 minutes before
    def states(moment: str) -> list[tuple[str, str, int]]:
        return [(a.kind, a.state.value, a.ref) for a in alert_service.alerts_at(backend.uow, at(moment))
                if a.kind == "instruction"]
    assert states("2026-11-23T19:49") == []
    assert states("2026-11-23T19:50") == [("instruction", "upcoming", task)]
    assert states("2026-11-23T20:00") == [("instruction", "due", task)]
    assert states("2026-11-24T09:00") == [("instruction", "overdue", task)]
    (alert,) = [a for a in alert_service.alerts_at(backend.uow, at("2026-11-24T09:00"))
                if a.kind == "instruction"]
    assert "立即组织下游群众转移" in alert.subject and alert.target == "instruction"
    assert instruction_service.open_count(backend.uow, at("2026-11-24T09:00")) == (1, 1)
    again = open_backend(db_target, "tester")  # a restart reads it again from the database
    try:
        assert [a.ref for a in alert_service.alerts_at(again.uow, at("2026-11-24T09:00"))
                if a.kind == "instruction"] == [task]
    finally:
        again.close()
    instruction_service.mark_done(backend.uow, task, "已办结", now=at("2026-11-24T09:10"))
    assert states("2026-11-24T09:11") == []
    stats = statistics_service.as_json(statistics_service.period_statistics(
        backend.uow, DAY, DAY, at("2026-11-24T10:00")))
    assert stats["instructions"] == {"given": 1, "done_on_time": 0, "done_late": 1, "overdue": 0,
                                     "open": 0}


def test_list_filters_open_overdue_done(backend, desk, tmp_path):
    late = instruct(backend, desk, due_at="2026-11-23T18:00")
    soon = instruct(backend, desk, due_at="2026-11-24T18:00")
    done = instruct(backend, desk, due_at="2026-11-24T18:00")
    instruction_service.mark_done(backend.uow, done, "办好了", now=at("2026-11-23T19:00"))
    moment = at("2026-11-23T19:30")

    def ids(show: str) -> list[int]:
        return [v.id for v in instruction_service.list_instructions(backend.uow, show, at=moment)]
    assert ids("open") == [late, soon]
    assert ids("overdue") == [late]
    assert ids("done") == [done]
    assert ids("all") == [late, soon, done]
    with pytest.raises(InputError):
        ids("whatever")
    stats = statistics_service.as_json(statistics_service.period_statistics(backend.uow, DAY, DAY,
                                                                            moment))
    assert stats["instructions"] == {"given": 3, "done_on_time": 1, "done_late": 0, "overdue": 1,
                                     "open": 1}
    out = tmp_path / "统计.xlsx"
    statistics_service.export_workbook(backend.uow, DAY, DAY, out, at=moment)
    sheet = load_workbook(out)["领导批示督办"]
    assert [c.value for c in next(sheet.iter_rows(min_row=3))] == [3, 1, 0, 1, 1]
    document = statistics_service.monthly_document(backend.uow, DAY, DAY, at=moment)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(document.data)).pages)
    assert "收到领导批示 3 件，按时办结 1 件，超期办结 0 件，超期未办结 1 件，办理中 1 件" in text.replace(
        "\n", "")


def test_the_handover_carries_an_open_task_and_prints_it(backend, desk):
    task = instruct(backend, desk)
    instruction_service.add_feedback(backend.uow, task, "水利局已派员赶赴现场", at="2026-11-23T17:30",
                                     now=at("2026-11-23T17:31"))
    view = handover_service.handover_view(backend.uow, DAY, at("2026-11-23T21:00"))
    lines = [line for line in view.record.section("open_items").lines
             if line.key == f"instruction/{task}"]
    assert len(lines) == 1 and lines[0].alert
    assert lines[0].cells[0] == "领导批示督办"
    assert "李书记批示：立即组织下游群众转移" in lines[0].cells[1]
    assert "最新落实：水利局已派员赶赴现场" in lines[0].cells[1]
    document = handover_service.handover_document(backend.uow, DAY, at("2026-11-23T21:00"))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(document.data)).pages)
    text = text.replace("\n", "")
    assert "领导批示督办" in text and "立即组织下游群众转移" in text
    # a task done before the handover is no longer carried over
    instruction_service.mark_done(backend.uow, task, "已全部转移", now=at("2026-11-23T22:00"))
    view = handover_service.handover_view(backend.uow, DAY, at("2026-11-23T23:00"))
    assert not [line for line in view.record.section("open_items").lines
                if line.key.startswith("instruction/")]


def test_the_daily_report_lists_the_instructions_received_that_day(backend, desk):
    instruct(backend, desk)
    report = daily_report_service.daily_view(backend.uow, DAY, at("2026-11-23T21:00")).report
    (entries,) = [p for p in report.paragraphs if p.key == "entries"]
    assert "收到领导批示 1 件（已办结 0 件）" in entries.text
    assert "李书记批示事件「青山化工园区储罐泄漏」：立即组织下游群众转移" in entries.text
    assert "由县水利局于11-23 20:00前办理" in entries.text


def test_a_task_or_its_feedback_edited_behind_the_apps_back_is_found(backend, desk):
    task = instruct(backend, desk)
    instruction_service.add_feedback(backend.uow, task, "已派员", now=at("2026-11-23T17:30"))
    assert integrity_service.run_check(backend.uow, backend.engine).ok
    with backend.engine.begin() as connection:
        connection.execute(update(Instruction).values(due_at=at("2026-11-30T20:00")))
    report = integrity_service.run_check(backend.uow, backend.engine)
    assert not report.ok and any("领导批示" in p for p in report.problems)
    with backend.engine.begin() as connection:
        connection.execute(update(Instruction).values(due_at=at("2026-11-23T20:00")))
        connection.execute(update(InstructionFeedback).values(text="已全部办结"))
    report = integrity_service.run_check(backend.uow, backend.engine)
    assert not report.ok and any("批示落实情况" in p for p in report.problems)


def test_a_task_done_late_and_reopened_cannot_be_back_dated_into_one_done_on_time(backend, desk):
    task = instruct(backend, desk)  # due 20:00
    instruction_service.mark_done(backend.uow, task, "22 点才办完", now=at("2026-11-23T22:00"))
    instruction_service.reopen(backend.uow, task, "领导要求补报名单", now=at("2026-11-23T22:30"))
    for when in ("2026-11-23T19:00", "2026-11-23T22:10"):
        with pytest.raises(InputError, match="不能早于已登记的落实情况或重新打开的时间"):
            instruction_service.mark_done(backend.uow, task, "补报", at=when,
                                          now=at("2026-11-23T23:00"))
    instruction_service.mark_done(backend.uow, task, "名单已补报", at="2026-11-23T22:40",
                                  now=at("2026-11-23T23:00"))
    stats = statistics_service.as_json(statistics_service.period_statistics(
        backend.uow, DAY, DAY, at("2026-11-24T08:00")))
    assert stats["instructions"]["done_late"] == 1 and stats["instructions"]["done_on_time"] == 0


def test_done_is_not_dated_before_the_feedback_already_recorded(backend, desk):
    task = instruct(backend, desk)
    instruction_service.add_feedback(backend.uow, task, "已转移 40 人", at="2026-11-23T19:00",
                                     now=at("2026-11-23T19:01"))
    with pytest.raises(InputError, match="不能早于已登记的落实情况"):
        instruction_service.mark_done(backend.uow, task, "全部转移", at="2026-11-23T17:00",
                                      now=at("2026-11-23T19:30"))
    assert instruction_service.get_instruction(backend.uow, task, at("2026-11-23T19:30")).done_at is None


@pytest.mark.parametrize("key", ["department_id", "leader_id", "subject_id"])
@pytest.mark.parametrize("number", [2**31, 2**63, 10**30])
def test_a_huge_id_is_refused_in_chinese(backend, desk, key, number):
    with pytest.raises(InputError, match=f"编号.*{number}|{number}.*编号"):
        instruct(backend, desk, **{key: number})
    assert count(backend) == 0


def test_statistics_match_a_hand_count_on_seeded_tasks_at_the_period_s_edges(backend, desk):
    """Forty tasks on a half-hour grid around the period's edges (statistics count calendar
    days, midnight to midnight, like every other figure on the page), so given, due, done and
    the moment counted at often coincide; the statistics agree with a count by hand."""
    rng = random.Random(22)
    early = incident_service.add_incident(backend.uow, {
        "received_at": "2026-11-22T07:00", "title": "东岭村山体滑坡", "category": "natural_disaster",
        "level": "IV"}, now=at("2026-11-22T07:01")).value.id
    grid = [at("2026-11-22T07:00") + timedelta(minutes=30 * i) for i in range(150)]
    edges = (at("2026-11-23T00:00"), at("2026-11-24T00:00"))
    due_on_edge = grid.index(edges[1])
    tasks = []
    for _ in range(40):
        g = rng.randrange(0, 120)
        given, due = grid[g], grid[g + rng.randrange(1, 12)]
        done = grid[g + rng.randrange(0, 20)] if rng.random() < 0.6 else None
        task = instruct(backend, desk, now=(given + timedelta(minutes=1)).isoformat(),
                        subject_id=early, given_at=given.isoformat(), due_at=due.isoformat())
        if done is not None:
            instruction_service.mark_done(backend.uow, task, "办结", at=done.isoformat(),
                                          now=done + timedelta(minutes=1))
        tasks.append((given, due, done))
    for as_of in (edges[1], grid[due_on_edge - 1], grid[due_on_edge + 17], grid[-1]):
        hand = {"given": 0, "done_on_time": 0, "done_late": 0, "overdue": 0, "open": 0}
        for given, due, done in tasks:
            if not edges[0] <= given < edges[1]:
                continue
            hand["given"] += 1
            if done is not None and done <= as_of:
                hand["done_late" if done > due else "done_on_time"] += 1
            else:
                hand["overdue" if as_of >= due else "open"] += 1
        stats = statistics_service.as_json(statistics_service.period_statistics(
            backend.uow, DAY, DAY, as_of))
        assert stats["instructions"] == hand, as_of
    assert integrity_service.run_check(backend.uow, backend.engine).ok


def test_an_acknowledged_alert_rings_again_when_the_task_is_reopened(backend, desk):
    task = instruct(backend, desk)  # due 20:00
    (alert,) = [a for a in alert_service.alerts_at(backend.uow, at("2026-11-23T20:30"))
                if a.kind == "instruction"]
    shift_service.acknowledge(backend.uow, alert.key, at=at("2026-11-23T20:31"))
    assert not [a for a in alert_service.alerts_at(backend.uow, at("2026-11-23T20:40"))
                if a.kind == "instruction" and a.pressing]
    instruction_service.mark_done(backend.uow, task, "已办结", now=at("2026-11-23T21:00"))
    assert not [a for a in alert_service.alerts_at(backend.uow, at("2026-11-23T21:05"))
                if a.kind == "instruction"]
    instruction_service.reopen(backend.uow, task, "领导不满意，要求再办", now=at("2026-11-23T21:10"))
    (again,) = [a for a in alert_service.alerts_at(backend.uow, at("2026-11-23T21:11"))
                if a.kind == "instruction"]
    assert again.ref == task and again.pressing and again.state.value == "overdue"
    assert integrity_service.run_check(backend.uow, backend.engine).ok


def test_a_task_on_a_record_later_voided_is_withdrawn_with_it(backend, desk):
    """An instruction on an incident found to be a 误报 has nothing left to carry out: from
    the void its task stops alerting, leaves the handover and the statistics, and takes no
    more 落实情况; a past shift's record still shows it open, and a task on a record not
    voided alerts as before."""
    task = instruct(backend, desk)  # due 20:00
    call = register_service.add_entry(backend.uow, {
        "kind": "call", "received_at": "2026-11-23T16:40", "from_unit": "县防汛办", "title": "水位上涨"},
        now=at("2026-11-23T16:41")).value.id
    other = instruct(backend, desk, subject_kind="register", subject_id=call, due_at="2026-11-23T19:00")

    def alerting(moment: str) -> list[int]:
        return [a.ref for a in alert_service.alerts_at(backend.uow, at(moment)) if a.kind == "instruction"]
    assert alerting("2026-11-23T21:00") == [other, task]
    incident_service.void_incident(backend.uow, desk["leak"], None, "经核实为误报",
                                   now=at("2026-11-23T21:30"))
    assert alerting("2026-11-23T21:31") == [other]
    assert alerting("2026-11-24T09:00") == [other]
    assert instruction_service.open_count(backend.uow, at("2026-11-24T09:00")) == (1, 1)
    view = instruction_service.get_instruction(backend.uow, task, at("2026-11-24T09:00"))
    assert view.standing == Standing.WITHDRAWN and view.standing_label == "已撤销（事项已作废）"
    listed = instruction_service.list_instructions(backend.uow, "open", at=at("2026-11-24T09:00"))
    assert [v.id for v in listed] == [other]
    # the record of the shift that ended before the void still carries it
    before = handover_service.handover_view(backend.uow, DAY, at("2026-11-23T21:00"))
    assert [line for line in before.record.section("open_items").lines if line.key == f"instruction/{task}"]
    after = handover_service.handover_view(backend.uow, DAY, at("2026-11-23T22:00"))
    assert not [line for line in after.record.section("open_items").lines
                if line.key == f"instruction/{task}"]
    stats = statistics_service.as_json(statistics_service.period_statistics(
        backend.uow, DAY, DAY, at("2026-11-24T09:00")))
    assert stats["instructions"] == {"given": 1, "done_on_time": 0, "done_late": 0, "overdue": 1,
                                     "open": 0}
    for act in (lambda: instruction_service.add_feedback(backend.uow, task, "已转移",
                                                         now=at("2026-11-24T09:05")),
                lambda: instruction_service.mark_done(backend.uow, task, "已转移",
                                                      now=at("2026-11-24T09:05"))):
        with pytest.raises(InputError, match="已作废，批示随之撤销"):
            act()
    # voiding the call withdraws the other task too
    register_service.void_entry(backend.uow, call, None, "重复登记", now=at("2026-11-24T09:10"))
    assert alerting("2026-11-24T09:11") == []
    assert integrity_service.run_check(backend.uow, backend.engine).problems == []
