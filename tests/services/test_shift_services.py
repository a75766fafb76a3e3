"""The duty clock through its services, on SQLite and PostgreSQL: sign-ins, presence,
spot checks, holiday reports, acknowledgements, and the alert list they make — read again
from the database at any moment, as after a restart."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from dutyroom.db.models import AuditEntry, CheckIn, SpotCheck
from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    alert_service,
    incident_service,
    integrity_service,
    roster_service,
    settings_service,
    shift_service,
    staff_service,
    upward_reports,
)
from dutyroom.services.errors import InputError

Z = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 23)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=Z)


@pytest.fixture
def desk(backend):
    """Two leaders and two officers; 王海涛 and 胡斌 on duty on the 23rd."""
    people = {}
    for name, tier, mobile in (("王海涛", "leader", "13907311000"), ("李强", "leader", "13907311001"),
                               ("胡斌", "officer", "13907312002"), ("周敏", "officer", "13907312003")):
        people[name] = staff_service.add_staff(backend.uow, {"name": name, "tier": tier,
                                                             "mobile": mobile}).value.id
    roster_service.assign(backend.uow, DAY, Tier.LEADER, people["王海涛"])
    roster_service.assign(backend.uow, DAY, Tier.OFFICER, people["胡斌"])
    return people


def alerts(backend, moment):
    """The list at `moment`, leaving out the unrostered shift before the 23rd."""
    return {(a.kind, a.subject): a.state.value
            for a in alert_service.alerts_at(backend.uow, at(moment))
            if a.target != "clock" or a.day is None or a.day >= DAY}


def rows(backend, model):
    with backend.uow.read() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_missed_sign_in_rings_and_signing_in_clears_it(backend, desk):
    assert alerts(backend, "2026-11-23T08:10") == {}
    assert alerts(backend, "2026-11-23T08:20") == {("checkin", "带班领导 王海涛"): "upcoming",
                                                   ("checkin", "值班员 胡斌"): "upcoming"}
    assert alerts(backend, "2026-11-23T08:45")[("checkin", "值班员 胡斌")] == "due"
    assert alerts(backend, "2026-11-23T09:00")[("checkin", "值班员 胡斌")] == "overdue"
    saved = shift_service.check_in(backend.uow, "officer", desk["胡斌"], at=at("2026-11-23T09:02"))
    assert saved.value.late and not saved.value.substitute
    assert ("checkin", "值班员 胡斌") not in alerts(backend, "2026-11-23T09:03")
    # Still listed as overdue for a moment before it was done, read back later.
    assert alerts(backend, "2026-11-23T09:01")[("checkin", "值班员 胡斌")] == "overdue"
    # The shift is over: the leader's missed sign-in is history, not an alert.
    assert ("checkin", "带班领导 王海涛") not in alerts(backend, "2026-11-24T08:31")
    assert integrity_service.run_check(backend.uow, backend.engine).ok


def test_someone_else_signing_in_is_recorded_as_a_substitution(backend, desk):
    saved = shift_service.check_in(backend.uow, "leader", desk["李强"], at=at("2026-11-23T08:20"),
                                   note="与王海涛调班").value
    assert saved.substitute and saved.staff_name == "李强" and saved.rostered_name == "王海涛"
    assert "替 王海涛" in saved.describe()
    view = shift_service.shift_view(backend.uow, at("2026-11-23T10:00"))
    leader = next(s for s in view.slots if s.tier == Tier.LEADER)
    assert leader.checkin is not None and leader.checkin.note == "与王海涛调班"


@pytest.mark.parametrize(("tier", "who", "words"), [
    ("chief", "王海涛", "不需要主要领导签到"),
    ("captain", "王海涛", "captain"),
])
def test_bad_sign_ins_are_refused_and_nothing_is_written(backend, desk, tier, who, words):
    before = rows(backend, AuditEntry)
    with pytest.raises(InputError) as caught:
        shift_service.check_in(backend.uow, tier, desk[who], at=at("2026-11-23T08:20"))
    assert words in str(caught.value.problems[0].message)
    assert rows(backend, CheckIn) == 0 and rows(backend, AuditEntry) == before


def test_signing_in_twice_is_refused_with_the_next_window(backend, desk):
    shift_service.check_in(backend.uow, "officer", desk["胡斌"], at=at("2026-11-23T08:20"))
    with pytest.raises(InputError) as caught:
        shift_service.check_in(backend.uow, "officer", desk["周敏"], at=at("2026-11-23T20:00"))
    assert "已经签到（08:20）" in caught.value.problems[0].message
    assert "11月24日 08:15" in caught.value.problems[0].message
    assert rows(backend, CheckIn) == 1


def test_an_inactive_person_cannot_sign_in(backend, desk):
    staff_service.set_staff_active(backend.uow, desk["周敏"], False)
    with pytest.raises(InputError, match="已停用"):
        shift_service.check_in(backend.uow, "officer", desk["周敏"], at=at("2026-11-23T08:20"))


def test_presence_prompts_ask_and_a_missed_one_stays_missed(backend, desk):
    shift_service.check_in(backend.uow, "officer", desk["胡斌"], at=at("2026-11-23T08:20"))
    with pytest.raises(InputError, match="下一次在 22:00"):
        shift_service.confirm_presence(backend.uow, at=at("2026-11-23T21:00"))
    assert alerts(backend, "2026-11-23T22:01")[("presence", "值班员 胡斌")] == "upcoming"
    shift_service.confirm_presence(backend.uow, at=at("2026-11-23T22:03"))
    # 00:00 goes unanswered; at 02:05 the confirmation answers 02:00, 00:00 stays missed.
    assert alerts(backend, "2026-11-24T00:30")[("presence", "值班员 胡斌")] == "overdue"
    answer = shift_service.confirm_presence(backend.uow, at=at("2026-11-24T02:05")).value
    assert answer.due_at == at("2026-11-24T02:10") and not answer.late
    with pytest.raises(InputError, match="已于 02:05 确认"):
        shift_service.confirm_presence(backend.uow, at=at("2026-11-24T02:07"))
    view = shift_service.shift_view(backend.uow, at("2026-11-24T03:00"))
    assert [p.confirmation is not None for p in view.prompts] == [True, False, True, False, False]
    missed = [a for a in alert_service.alerts_at(backend.uow, at("2026-11-24T03:00"))
              if a.kind == "presence"]
    assert [a.key for a in missed] == ["presence/2026-11-23/0000"]


def test_spot_checks_are_recorded_and_bad_ones_refused(backend, desk):
    saved = shift_service.record_spot_check(backend.uow, {
        "at": "2026-11-23T09:40", "checker": "县应急管理局 王科长", "channel": "video",
        "answered_by": "胡斌", "within_rule": True, "outcome": "ok"},
        now=at("2026-11-23T09:45")).value
    assert saved.channel_label == "视频" and saved.outcome_label == "在岗正常"
    view = shift_service.shift_view(backend.uow, at("2026-11-23T10:00"))
    assert [s.checker for s in view.spot_checks] == ["县应急管理局 王科长"]
    for values, field in (({"checker": ""}, "checker"), ({"channel": "fax"}, "channel"),
                          ({"at": "2026-11-23T11:00"}, "at"), ({"outcome": "great"}, "outcome"),
                          ({"outcome": "no_answer", "within_rule": True}, "within_rule"),
                          ({"answered_by": ""}, "answered_by")):
        base = {"checker": "县应急局", "channel": "phone", "answered_by": "胡斌",
                "within_rule": True, "outcome": "ok"}
        with pytest.raises(InputError) as caught:
            shift_service.record_spot_check(backend.uow, {**base, **values},
                                            now=at("2026-11-23T09:45"))
        assert field in {p.field for p in caught.value.problems}
    assert rows(backend, SpotCheck) == 1


def test_holiday_rota_report_and_daily_report(backend):
    # 国庆 2026: 10/1–10/7; the rota is reported 5 days ahead by 17:00, daily by 15:00.
    assert ("rota_report", "国庆节值班表（10月01日—10月07日）") not in alerts(backend, "2026-09-24T16:00")
    before = alerts(backend, "2026-09-24T17:30")  # shown two days ahead
    assert before[("rota_report", "国庆节值班表（10月01日—10月07日）")] == "upcoming"
    assert alerts(backend, "2026-09-26T17:30")[
        ("rota_report", "国庆节值班表（10月01日—10月07日）")] == "overdue"
    shift_service.complete_task(backend.uow, "rota_report", date(2026, 10, 1),
                                at=at("2026-09-26T17:40"))
    assert ("rota_report", "国庆节值班表（10月01日—10月07日）") not in alerts(backend, "2026-09-27T09:00")
    daily = ("daily_report", "10月02日值班日报（有事报事、无事报平安）")
    assert alerts(backend, "2026-10-02T14:55")[daily] == "upcoming"
    with pytest.raises(InputError, match="未知的事项"):
        shift_service.complete_task(backend.uow, "weekly_report", date(2026, 10, 2))
    shift_service.complete_task(backend.uow, "daily_report", date(2026, 10, 2),
                                at=at("2026-10-02T14:58"))
    assert daily not in alerts(backend, "2026-10-02T15:30")
    with pytest.raises(InputError, match="已经记为完成"):
        shift_service.complete_task(backend.uow, "daily_report", date(2026, 10, 2))


def test_acknowledged_alerts_stay_listed_until_done(backend, desk):
    incident = incident_service.add_incident(backend.uow, {
        "received_at": "2026-11-23T10:00", "title": "化工厂储罐泄漏", "category": "accident",
        "level": "III"}, now=at("2026-11-23T10:01")).value
    phone = next(a for a in alert_service.alerts_at(backend.uow, at("2026-11-23T10:35"))
                 if a.kind == "phone_report")
    assert phone.pressing and phone.ref == incident.id and phone.target == "incident"
    assert shift_service.acknowledge(backend.uow, phone.key, at=at("2026-11-23T10:36")).value
    assert not shift_service.acknowledge(backend.uow, phone.key, at=at("2026-11-23T10:37")).value
    later = next(a for a in alert_service.alerts_at(backend.uow, at("2026-11-23T10:40"))
                 if a.kind == "phone_report")
    assert later.state.value == "overdue" and later.acknowledged_by == "tester"
    assert not later.pressing
    upward_reports.record_report(backend.uow, incident.id, "first", "phone",
                                   sent_at="2026-11-23T10:41", now=at("2026-11-23T10:41"))
    assert "phone_report" not in {a.kind for a in
                                  alert_service.alerts_at(backend.uow, at("2026-11-23T10:42"))}
    assert integrity_service.run_check(backend.uow, backend.engine).ok


def test_what_fell_due_while_closed_is_overdue_at_the_next_reading(backend, desk):
    """Nothing is queued: a reading at any later moment (a restart after a night off)
    derives the same list, with everything that fell due meanwhile overdue."""
    incident_service.add_incident(backend.uow, {
        "received_at": "2026-11-23T23:50", "title": "山体滑坡", "category": "natural_disaster",
        "level": "IV"}, now=at("2026-11-23T23:51"))
    morning = alerts(backend, "2026-11-24T06:30")
    assert morning[("written_report", "山体滑坡")] == "overdue"
    assert morning[("checkin", "值班员 胡斌")] == "overdue"
    presence = [a for a in alert_service.alerts_at(backend.uow, at("2026-11-24T06:30"))
                if a.kind == "presence"]
    assert [a.key[-4:] for a in presence] == ["2200", "0000", "0200", "0400", "0600"]
    assert set(morning.values()) == {"overdue"}
    # Reading twice gives the same list: no duplicates from a repeated rebuild.
    assert alert_service.alerts_at(backend.uow, at("2026-11-24T06:30")) == \
        alert_service.alerts_at(backend.uow, at("2026-11-24T06:30"))


def test_the_schedule_gives_each_item_its_next_change(backend, desk):
    watch = alert_service.watch(backend.uow, at("2026-11-23T08:00"))
    assert watch.changes["checkin/2026-11-23/officer"] == at("2026-11-23T08:15")
    assert watch.rebuild_at == at("2026-11-23T08:30")  # the shift ends: read everything again
    assert "presence/2026-11-23/2200" not in watch.changes  # planned by that rebuild
    later = alert_service.watch(backend.uow, at("2026-11-23T08:50"))
    assert later.changes["presence/2026-11-23/2200"] == at("2026-11-23T22:00")
    assert "checkin/2026-11-23/officer" not in later.changes  # overdue until the shift ends
    due = alert_service.watch(backend.uow, at("2026-11-23T08:45:30"))
    assert due.changes["checkin/2026-11-23/officer"] == at("2026-11-23T08:46")
    assert later.rebuild_at == at("2026-11-24T00:00")


def test_settings_that_contradict_are_refused_and_nothing_changes(backend):
    with pytest.raises(InputError) as caught:
        settings_service.save_settings(backend.uow, {"presence_window_minutes": 150})
    assert caught.value.problems[0].field == "presence_window_minutes"
    with pytest.raises(InputError) as caught:
        settings_service.save_settings(backend.uow, {"alert_warning_minutes": 45})
    assert "不短于最短的时限" in caught.value.problems[0].message
    values = settings_service.load_settings(backend.uow)
    assert values["presence_window_minutes"] == 10 and values["alert_warning_minutes"] == 10
    assert settings_service.save_settings(backend.uow, {"presence_interval_minutes": 60}).changes


def test_the_shift_view_follows_the_sign_in_window(backend, desk):
    assert shift_service.shift_view(backend.uow, at("2026-11-23T08:10")).day == DAY - timedelta(days=1)
    view = shift_service.shift_view(backend.uow, at("2026-11-23T08:16"))
    assert view.day == DAY
    assert [(s.tier, s.staff.name if s.staff else None, s.must_check_in) for s in view.slots] == [
        (Tier.LEADER, "王海涛", True), (Tier.OFFICER, "胡斌", True)]


def test_an_overlong_note_is_refused_by_name(backend, desk):
    with pytest.raises(InputError) as caught:
        shift_service.check_in(backend.uow, "officer", desk["胡斌"], at=at("2026-11-23T08:20"),
                               note="调班" * 200)
    assert caught.value.problems[0].field == "note"
    with pytest.raises(InputError):
        shift_service.acknowledge(backend.uow, "checkin/2026-11-23/officer", note="长" * 300)
    assert rows(backend, CheckIn) == 0


def test_a_desk_without_any_rota_raises_no_clock_alarm(backend):
    """A new desk with staff but no rota: no sign-in or presence alarms before a rota exists;
    once one does, a night left off it rings for its empty posts."""
    officer = staff_service.add_staff(backend.uow, {"name": "胡斌", "tier": "officer",
                                                    "mobile": "13907312002"}).value.id
    watch = alert_service.watch(backend.uow, at("2026-11-23T23:30"))
    assert [a for a in watch.alerts if a.target == "clock"] == [] and watch.to_confirm is None
    roster_service.assign(backend.uow, DAY - timedelta(days=5), Tier.OFFICER, officer)
    watch = alert_service.watch(backend.uow, at("2026-11-23T23:30"))
    assert {(a.kind, a.subject) for a in watch.alerts if a.day == DAY} >= {
        ("checkin", "值班员（未排班）"), ("presence", "值班员（未排班）")}


def test_only_the_latest_prompt_asked_is_offered_for_confirmation(backend, desk):
    shift_service.check_in(backend.uow, "officer", desk["胡斌"], at=at("2026-11-23T08:20"))
    assert alert_service.watch(backend.uow, at("2026-11-23T21:59")).to_confirm is None
    assert alert_service.watch(backend.uow, at("2026-11-23T22:01")).to_confirm == \
        "presence/2026-11-23/2200"
    shift_service.confirm_presence(backend.uow, at=at("2026-11-23T22:03"))
    assert alert_service.watch(backend.uow, at("2026-11-23T22:30")).to_confirm is None
    # 00:00 goes unanswered, 02:00 is answered: 00:00 stays listed as missed, yet there is
    # nothing to confirm until 04:00 asks.
    shift_service.confirm_presence(backend.uow, at=at("2026-11-24T02:05"))
    watch = alert_service.watch(backend.uow, at("2026-11-24T03:00"))
    assert [a.key for a in watch.alerts if a.kind == "presence"] == ["presence/2026-11-23/0000"]
    assert watch.to_confirm is None and watch.asking is None
    assert alert_service.watch(backend.uow, at("2026-11-24T04:01")).asking.key == \
        "presence/2026-11-23/0400"
