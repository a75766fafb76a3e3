"""The duty log through its services, on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from dutyroom.db import audit
from dutyroom.db.models import AuditEntry, Dispatch, Incident, UpwardReport
from dutyroom.domain.contacts import validate_department
from dutyroom.services import (
    alert_service,
    department_service,
    dispatch_service,
    incident_service,
    incident_views,
    integrity_service,
    register_service,
    upward_reports,
)
from dutyroom.services.errors import ConflictError, InputError
from dutyroom.services.incident_views import IncidentQuery

Z = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 7, 1, 3, 20, tzinfo=Z)
LEAK = {"received_at": "2026-07-01T03:10", "title": "化工厂储罐泄漏", "category": "accident",
        "level": "III", "location": "青山化工园区", "reporter": "王厂长", "injured": 2,
        "summary": "储罐阀门破裂，疑似盐酸泄漏"}


def add(backend, values=None, now=NOW, **more):
    return incident_service.add_incident(backend.uow, {**(values or LEAK), **more}, now=now).value


def counts(backend) -> tuple[int, int]:
    with backend.uow.read() as session:
        return (session.scalar(select(func.count()).select_from(Incident)),
                session.scalar(select(func.count()).select_from(AuditEntry)))


def test_intake_computes_deadlines_and_audits(backend):
    saved = add(backend)
    kinds = {d.kind: d.due for d in saved.deadlines}
    assert kinds["phone_report"] == datetime(2026, 7, 1, 3, 40, tzinfo=Z)
    assert kinds["written_report"] == datetime(2026, 7, 1, 4, 10, tzinfo=Z)
    assert kinds["update_report"] == datetime(2026, 7, 1, 17, 0, tzinfo=Z)
    assert counts(backend) == (1, 1)
    assert integrity_service.run_check(backend.uow, backend.engine).ok


@pytest.mark.parametrize(("change", "field"), [
    ({"title": ""}, "title"), ({"category": "flood"}, "category"), ({"level": "V"}, "level"),
    ({"received_at": "2026-07-01T03:40"}, "received_at"),
    ({"occurred_at": "2026-07-01T03:15"}, "occurred_at"), ({"deaths": -1}, "deaths"),
    ({"colour": "red"}, "colour"), ({"received_at": "昨天"}, "received_at"),
])
def test_bad_intake_names_the_field_and_saves_nothing(backend, change, field):
    with pytest.raises(InputError) as caught:
        add(backend, **change)
    assert field in {p.field for p in caught.value.problems}
    assert counts(backend) == (0, 0)


def test_level_one_is_logged_to_the_second_others_to_the_minute(backend):
    first = add(backend, received_at="2026-07-01T03:10:42", level="I")
    other = add(backend, received_at="2026-07-01T03:10:42")
    assert incident_views.get_incident(backend.uow, first.id).facts.received_at.second == 42
    assert incident_views.get_incident(backend.uow, other.id).facts.received_at.second == 0


def test_a_late_report_is_recorded_late_and_stays_late(backend):
    saved = add(backend)
    late = upward_reports.record_report(backend.uow, saved.id, "first", "phone",
                                          sent_at="2026-07-01T03:45",
                                          now=NOW + timedelta(minutes=30)).value
    assert late.late and late.due_at == datetime(2026, 7, 1, 3, 40, tzinfo=Z)
    on_time = upward_reports.record_report(backend.uow, saved.id, "first", "written",
                                             sent_at="2026-07-01T04:00",
                                             now=NOW + timedelta(minutes=45)).value
    assert not on_time.late
    # lowering the level afterwards does not clear the late phone report
    incident_service.update_incident(backend.uow, saved.id, None, {"level": "IV"},
                                     now=NOW + timedelta(minutes=50))
    detail = incident_views.get_incident(backend.uow, saved.id)
    assert [r.late for r in detail.reports] == [True, False]
    phone = [d for d in detail.deadlines if d.kind == "phone_report"]
    assert phone and phone[0].late


def test_reports_are_checked(backend):
    saved = add(backend)
    with pytest.raises(InputError, match="早于接报时间"):
        upward_reports.record_report(backend.uow, saved.id, "first", "phone",
                                       sent_at="2026-07-01T03:00", now=NOW)
    with pytest.raises(InputError, match="报送阶段"):
        upward_reports.record_report(backend.uow, saved.id, "second", "phone", now=NOW)
    with pytest.raises(InputError, match="没有编号为 99"):
        upward_reports.record_report(backend.uow, 99, "first", "phone", now=NOW)


def test_revisions_are_kept_with_who_why_and_what_changed(backend):
    saved = add(backend)
    incident_service.update_incident(backend.uow, saved.id, saved.version,
                                     {"deaths": 3, "level": "II"}, note="核实后更正",
                                     now=NOW + timedelta(minutes=20))
    detail = incident_views.get_incident(backend.uow, saved.id)
    revisions = [t for t in detail.timeline if t.what in ("接报登记", "修改")]
    assert len(revisions) == 2
    assert "死亡由 0人 改为 3人" in revisions[1].detail and "级别由 Ⅲ级 改为 Ⅱ级" in revisions[1].detail
    assert "核实后更正" in revisions[1].detail and revisions[1].by == "tester"
    # the casualty change requires an update report the same day
    pending = [d for d in detail.deadlines if d.kind == "update_report" and not d.met_at]
    assert pending[0].due <= datetime(2026, 7, 1, 23, 59, tzinfo=Z)


def test_the_handling_history_is_in_recorded_order_and_worded_for_a_person(backend):
    """处理经过: the phone report entered after the intake comes after it even when it was
    phoned in the minute the incident was received; no raw field diffs, no （空）."""
    fire = department_service.add_department(backend.uow, {
        "name": "青山消防救援站", "duty_phone": "0731-86210119", "first_line": True}).value
    intake = NOW + timedelta(seconds=40)  # 03:20:40, received 03:10
    saved = add(backend, now=intake)
    upward_reports.record_report(backend.uow, saved.id, "first", "phone",
                                   sent_at="2026-07-01T03:20", recipient="县总值班室",
                                   now=NOW + timedelta(seconds=55))
    dispatch_service.dispatch(backend.uow, saved.id, [fire.id], ordered_at="2026-07-01T03:21",
                              instructions={fire.id: "带堵漏器材"}, now=NOW + timedelta(minutes=1))
    incident_service.update_incident(backend.uow, saved.id, None,
                                     {"injured": 3, "actions_taken": "疏散罐区人员"},
                                     note="医院核实", now=NOW + timedelta(minutes=9))
    upward_reports.record_report(backend.uow, saved.id, "update", "written",
                                   sent_at="2026-07-01T03:25", now=NOW + timedelta(minutes=12))
    timeline = incident_views.get_incident(backend.uow, saved.id).timeline
    assert [t.what for t in timeline] == ["接报登记", "电话首报", "派单", "状态改为处置中", "修改",
                                          "书面续报"]
    assert [t.at for t in timeline] == sorted(t.at for t in timeline)
    assert "（接报时间 2026-07-01 03:10）" in timeline[0].detail
    assert "报送时间" not in timeline[1].detail  # phoned in the minute it was entered
    assert "要求：带堵漏器材" in timeline[2].detail
    assert "派单时间" not in timeline[2].detail
    assert timeline[3].detail == "说明：已派单，转入处置"
    assert "受伤由 2人 改为 3人" in timeline[4].detail
    assert "填写了已采取措施：疏散罐区人员" in timeline[4].detail
    assert timeline[4].detail.endswith("说明：医院核实")
    assert "（报送时间 2026-07-01 03:25）" in timeline[5].detail  # entered at 03:32
    for step in timeline:
        text = f"{step.what} {step.detail}"
        assert "→" not in text and "（空）" not in text and "修改说明" not in text, text


def test_an_order_s_instruction_is_kept_and_older_orders_still_pass_the_check(backend):
    """Schema 0009 added 派单要求; an order audited before it (no instruction) must still match
    its audit record, and one with an instruction is audited with it."""
    fire, health = (department_service.add_department(backend.uow, {
        "name": name, "duty_phone": phone}).value
        for name, phone in (("消防站", "0731-86210119"), ("卫生院", "0731-86210120")))
    saved = add(backend)
    dispatch_service.dispatch(backend.uow, saved.id, [fire.id, health.id],
                              instructions={health.id: "  派救护车到 3 号罐区  "}, now=NOW)
    orders = incident_views.get_incident(backend.uow, saved.id).dispatches
    assert [o.instruction for o in orders] == ["", "派救护车到 3 号罐区"]
    with backend.uow.read() as session:
        plain = session.get(Dispatch, orders[0].id).snapshot()
        asked = session.get(Dispatch, orders[1].id).snapshot()
    assert "instruction" not in audit.compared(plain, Dispatch.added_later)  # as audited before 0009
    assert asked["instruction"] == "派救护车到 3 号罐区"
    assert integrity_service.run_check(backend.uow, backend.engine).ok
    other = add(backend, title="东岭村山体滑坡", category="natural_disaster")
    with pytest.raises(InputError, match="派单要求"):
        dispatch_service.dispatch(backend.uow, other.id, [fire.id],
                                  instructions={fire.id: "长" * 2001}, now=NOW)
    assert incident_views.get_incident(backend.uow, other.id).dispatches == ()


def test_a_stale_edit_is_refused(backend):
    saved = add(backend)
    incident_service.update_incident(backend.uow, saved.id, saved.version, {"deaths": 1}, now=NOW)
    with pytest.raises(ConflictError, match="已被他人修改"):
        incident_service.update_incident(backend.uow, saved.id, saved.version, {"deaths": 2},
                                         now=NOW)


def test_voiding_needs_a_reason_and_keeps_the_entry(backend):
    saved = add(backend)
    with pytest.raises(InputError, match="作废原因"):
        incident_service.void_incident(backend.uow, saved.id, None, " ", now=NOW)
    incident_service.void_incident(backend.uow, saved.id, None, "重复登记", now=NOW)
    detail = incident_views.get_incident(backend.uow, saved.id)
    assert detail.voided and detail.void_reason == "重复登记" and detail.deadlines == ()
    assert incident_views.list_incidents(backend.uow, IncidentQuery()).rows == []
    assert len(incident_views.list_incidents(
        backend.uow, IncidentQuery(include_voided=True)).rows) == 1
    with pytest.raises(InputError, match="已作废"):
        incident_service.update_incident(backend.uow, saved.id, None, {"deaths": 1}, now=NOW)


def _department(backend, name="青山消防救援站", first_line=True) -> int:
    fields = validate_department(name=name, duty_phone="0731-86210119", liaison_name="田振华",
                                 liaison_mobile="13707310102", first_line=first_line)
    return department_service.add_department(backend.uow, fields.__dict__).value.id


def test_dispatch_feedback_and_closing(backend):
    saved = add(backend)
    fire, water = _department(backend), _department(backend, "镇水利站", first_line=False)
    orders = dispatch_service.dispatch(backend.uow, saved.id, [fire, water],
                                       ordered_at="2026-07-01T03:20", now=NOW).value
    detail = incident_views.get_incident(backend.uow, saved.id)
    assert detail.status == "handling"
    arrivals = sorted(d.due for d in detail.deadlines if d.kind == "dispatch_arrival")
    assert arrivals == [datetime(2026, 7, 1, 3, 50, tzinfo=Z), datetime(2026, 7, 1, 4, 0, tzinfo=Z)]
    with pytest.raises(InputError, match="不必重复派单"):
        dispatch_service.dispatch(backend.uow, saved.id, [fire], now=NOW)
    later = NOW + timedelta(minutes=25)
    dispatch_service.record_feedback(backend.uow, orders[0], "arrived", at="2026-07-01T03:44",
                                     text="2 车 9 人到场", now=later)
    dispatch_service.record_feedback(backend.uow, orders[0], "closed", at="2026-07-01T03:45",
                                     now=later)
    detail = incident_views.get_incident(backend.uow, saved.id)
    fire_view = next(x for x in detail.dispatches if x.id == orders[0])
    assert fire_view.arrived_at is not None and fire_view.closed_at is not None
    with pytest.raises(InputError, match="终报"):
        incident_service.change_status(backend.uow, saved.id, None, "closed", now=later)
    upward_reports.record_report(backend.uow, saved.id, "final", "written", now=later)
    incident_service.change_status(backend.uow, saved.id, None, "closed", now=later)
    detail = incident_views.get_incident(backend.uow, saved.id)
    assert detail.status == "closed" and not detail.open
    assert any("反馈：到达现场" in t.what for t in detail.timeline)
    with pytest.raises(InputError, match="原因"):
        incident_service.change_status(backend.uow, saved.id, None, "handling", now=later)
    assert integrity_service.run_check(backend.uow, backend.engine).ok


def test_search_finds_any_substring_newest_first(backend):
    add(backend, title="青山化工厂储罐泄漏", summary="盐酸")
    add(backend, received_at="2026-07-01T03:12", title="S207线两车相撞", location="化工路口",
        summary="", category="accident")
    add(backend, received_at="2026-07-01T03:14", title="东岭村山体滑坡", summary="裂缝",
        location="东岭村", reporter="赵支书", category="natural_disaster")
    add(backend, received_at="2026-07-01T03:15", title="100% 完成_测试", summary="", location="",
        reporter="")

    def titles(text: str) -> list[str]:
        page = incident_views.list_incidents(backend.uow, IncidentQuery(text=text))
        return [r.title for r in page.rows]

    assert titles("化工") == ["S207线两车相撞", "青山化工厂储罐泄漏"]
    assert titles("化工厂储") == ["青山化工厂储罐泄漏"]
    assert titles("化") == ["S207线两车相撞", "青山化工厂储罐泄漏"]  # one character: a scan
    assert titles("赵支书") == ["东岭村山体滑坡"]
    assert titles("化工 地震") == []  # every word must appear
    assert titles("化工 盐酸") == ["青山化工厂储罐泄漏"]
    assert titles("s207") == ["S207线两车相撞"]
    assert titles("0%") == ["100% 完成_测试"] and titles("_") == ["100% 完成_测试"]
    assert titles("泄露") == []  # a near miss is not a match


def test_the_search_plan_changes_the_speed_never_the_page(sqlite_backend):
    """A common term (民房, half the log) is read newest-first, a rare one (冰雹) through the
    index, and whichever plan is forced the pages are the same rows in the same order."""
    from unittest import mock

    from dutyroom.db import search_index

    for minute in range(40):
        title = ("化工厂" if minute % 2 else "民房") + ("冰雹" if minute in (7, 30) else "失火")
        add(sqlite_backend, received_at=f"2026-07-01T02:{minute:02d}", title=title)

    def pages(text: str) -> list[list[int]]:
        query, after, found = IncidentQuery(text=text), None, []
        while True:
            page = incident_views.list_incidents(sqlite_backend.uow, query, after, limit=6)
            found.append([r.id for r in page.rows])
            if not page.more:
                return found
            after = (page.rows[-1].received_at, page.rows[-1].id)

    for text in ("民房", "冰雹", "化工 冰雹", "民房失火", "化工", "泄露"):
        chosen = pages(text)
        for use_index in (True, False):
            with mock.patch.object(search_index, "index_pays", lambda *_, v=use_index: v):
                assert pages(text) == chosen, (text, use_index)
    assert [len(p) for p in pages("民房")] == [6, 6, 6, 2]
    with sqlite_backend.uow.read() as session:
        common, rare = search_index.match_query("民房"), search_index.match_query("冰雹")
        assert common is not None and rare is not None
        assert not search_index.index_pays(session, search_index.INCIDENTS, common, 7)
        assert search_index.index_pays(session, search_index.INCIDENTS, rare, 7)


def test_search_follows_revisions(backend):
    saved = add(backend)
    incident_service.update_incident(backend.uow, saved.id, None, {"title": "自来水厂停电"},
                                     now=NOW)
    page = incident_views.list_incidents(backend.uow, IncidentQuery(text="化工厂"))
    assert page.rows == []
    page = incident_views.list_incidents(backend.uow, IncidentQuery(text="水厂"))
    assert [r.id for r in page.rows] == [saved.id]


def test_filters_and_pages(backend):
    for minute in range(10):
        add(backend, received_at=f"2026-07-01T02:{minute:02d}", level="IV" if minute % 2 else "III")
    add(backend, received_at="2026-06-30T12:00", category="public_health")
    first = incident_views.list_incidents(backend.uow, IncidentQuery(), limit=4)
    assert first.more and len(first.rows) == 4
    after = (first.rows[-1].received_at, first.rows[-1].id)
    second = incident_views.list_incidents(backend.uow, IncidentQuery(), after, limit=4)
    assert [r.received_at for r in first.rows + second.rows] == sorted(
        [r.received_at for r in first.rows + second.rows], reverse=True)
    assert {r.id for r in first.rows}.isdisjoint({r.id for r in second.rows})
    assert len(incident_views.list_incidents(backend.uow, IncidentQuery(level="IV")).rows) == 5
    assert len(incident_views.list_incidents(
        backend.uow, IncidentQuery(category="public_health")).rows) == 1
    day = datetime(2026, 6, 30).date()
    assert len(incident_views.list_incidents(
        backend.uow, IncidentQuery(start=day, end=day)).rows) == 1


def incident_alerts(uow, moment):
    """The incident part of the list (no rota here, so the desk's own sign-ins ring too)."""
    return [a for a in alert_service.alerts_at(uow, moment) if a.target == "incident"]


def test_alerts_list_what_is_upcoming_due_and_overdue(backend):
    saved = add(backend)
    alerts = incident_alerts(backend.uow, datetime(2026, 7, 1, 3, 35, tzinfo=Z))
    assert [(a.kind, a.state.value) for a in alerts] == [("phone_report", "upcoming")]
    alerts = incident_alerts(backend.uow, datetime(2026, 7, 1, 4, 30, tzinfo=Z))
    assert [(a.kind, a.state.value) for a in alerts] == [("phone_report", "overdue"),
                                                         ("written_report", "overdue")]
    upward_reports.record_report(backend.uow, saved.id, "first", "written",
                                   sent_at="2026-07-01T04:00", now=NOW + timedelta(hours=1))
    alerts = incident_alerts(backend.uow, datetime(2026, 7, 1, 4, 30, tzinfo=Z))
    assert alerts == []
    assert alerts_subject(incident_alerts(
        backend.uow, datetime(2026, 7, 1, 16, 55, tzinfo=Z))) == ["化工厂储罐泄漏"]


def alerts_subject(alerts) -> list[str]:
    return [a.subject for a in alerts]


def test_register_entries_and_promotion(backend):
    entry = register_service.add_entry(backend.uow, {
        "kind": "call", "received_at": "2026-07-01T03:05", "from_unit": "东岭村村委会",
        "from_name": "赵支书", "title": "后山出现裂缝", "content": "请求派人查看"}, now=NOW).value
    with pytest.raises(InputError) as caught:
        register_service.add_entry(backend.uow, {"kind": "letter", "received_at": "",
                                                 "title": ""}, now=NOW)
    assert {"kind", "received_at", "title"} <= {p.field for p in caught.value.problems}
    found = register_service.list_entries(backend.uow, register_service.RegisterQuery(text="裂缝"))
    assert [e.id for e in found.rows] == [entry.id]
    saved = register_service.promote(backend.uow, entry.id, {"category": "natural_disaster",
                                                             "subtype": "地质灾害"}, now=NOW).value
    detail = incident_views.get_incident(backend.uow, saved.id)
    assert detail.register_entry_id == entry.id and detail.facts.reporter == "赵支书"
    assert "转为事件" in detail.timeline[0].detail
    assert register_service.get_entry(backend.uow, entry.id).incident_id == saved.id
    with pytest.raises(InputError, match="已转为事件"):
        register_service.promote(backend.uow, entry.id, {"category": "accident"}, now=NOW)
    assert integrity_service.run_check(backend.uow, backend.engine).ok


def test_check_catches_a_log_entry_edited_behind_the_apps_back(sqlite_backend, tmp_path):
    saved = add(sqlite_backend)
    upward_reports.record_report(sqlite_backend.uow, saved.id, "first", "phone",
                                   sent_at="2026-07-01T03:45", now=NOW + timedelta(minutes=30))
    assert integrity_service.run_check(sqlite_backend.uow, sqlite_backend.engine).ok
    path = str(sqlite_backend.engine.url.database)
    with sqlite3.connect(path) as raw:  # someone hides the late report
        raw.execute("UPDATE upward_reports SET late = 0")
        raw.execute("UPDATE incidents SET deaths = 0, injured = 0")
    problems = integrity_service.run_check(sqlite_backend.uow, sqlite_backend.engine).problems
    assert any("上报记录" in p and "不一致" in p for p in problems)
    assert any("事件「化工厂储罐泄漏」" in p and "不一致" in p for p in problems)


def test_check_catches_a_deleted_revision(sqlite_backend):
    saved = add(sqlite_backend)
    incident_service.update_incident(sqlite_backend.uow, saved.id, None, {"deaths": 1}, now=NOW)
    path = str(sqlite_backend.engine.url.database)
    with sqlite3.connect(path) as raw:  # the first revision disappears from the chain
        raw.execute("DELETE FROM audit_entries WHERE id = 1")
    problems = integrity_service.run_check(sqlite_backend.uow, sqlite_backend.engine).problems
    assert any("审计链" in p for p in problems)


def test_nothing_is_written_when_a_report_fails(backend):
    saved = add(backend)
    before = counts(backend)
    with pytest.raises(InputError):
        upward_reports.record_report(backend.uow, saved.id, "first", "fax", now=NOW)
    assert counts(backend) == before
    with backend.uow.read() as session:
        assert session.scalar(select(func.count()).select_from(UpwardReport)) == 0
