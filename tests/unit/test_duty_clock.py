"""The duty clock's rules: duty days, sign-in windows, presence prompts, holiday reports,
item states and the settings that must agree with each other."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from dutyroom.domain import duty_clock, settings
from dutyroom.domain.calendar import DayInfo, DayKind, Source
from dutyroom.domain.deadlines import AlertState
from dutyroom.domain.duty_clock import TimedItem, item_state, next_change
from dutyroom.domain.tiers import Tier

ZONE = ZoneInfo("Asia/Shanghai")


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZONE)


def rules(**changes: object) -> duty_clock.ClockRules:
    return duty_clock.rules_from_settings({**settings.resolve({}), **changes})


def test_defaults_read_from_the_registry():
    r = rules()
    assert r.checkin_before == r.checkin_after == timedelta(minutes=15)
    assert r.checkin_tiers == (Tier.LEADER, Tier.OFFICER)
    assert r.presence_every == timedelta(hours=2) and r.rota_report_days == 5


@pytest.mark.parametrize(("moment", "day"), [
    ("2026-11-23T08:30", date(2026, 11, 23)),
    ("2026-11-23T08:29", date(2026, 11, 22)),
    ("2026-11-24T02:00", date(2026, 11, 23)),
    ("2026-11-23T23:59", date(2026, 11, 23)),
])
def test_the_duty_day_runs_from_handover_to_handover(moment, day):
    assert duty_clock.duty_day_of(local(moment), rules(), ZONE) == day


def test_sign_in_opens_before_the_handover_and_belongs_to_the_next_shift():
    opens, due = duty_clock.checkin_window(date(2026, 11, 23), rules(), ZONE)
    assert (opens, due) == (local("2026-11-23T08:15"), local("2026-11-23T08:45"))
    assert duty_clock.checkin_day_of(local("2026-11-23T08:16"), rules(), ZONE) == date(2026, 11, 23)
    assert duty_clock.checkin_day_of(local("2026-11-23T08:14"), rules(), ZONE) == date(2026, 11, 22)


def test_presence_prompts_cross_midnight_and_stay_inside_the_shift():
    prompts = duty_clock.presence_prompts(date(2026, 11, 23), rules(), ZONE)
    assert [p[0] for p in prompts] == [local("2026-11-23T22:00"), local("2026-11-24T00:00"),
                                       local("2026-11-24T02:00"), local("2026-11-24T04:00"),
                                       local("2026-11-24T06:00")]
    assert all(by - asked == timedelta(minutes=10) for asked, by in prompts)
    # Round the clock every 6 h from 00:00: the shift (08:30 to 08:30) holds the 12:00 and
    # 18:00 prompts of its first day and the 00:00 and 06:00 ones of the next morning.
    day = duty_clock.presence_prompts(date(2026, 11, 23), rules(
        presence_start="00:00", presence_end="18:00", presence_interval_minutes=360), ZONE)
    assert [p[0] for p in day] == [local("2026-11-23T12:00"), local("2026-11-23T18:00"),
                                   local("2026-11-24T00:00"), local("2026-11-24T06:00")]


def test_no_prompts_when_the_interval_is_zero():
    assert duty_clock.presence_prompts(date(2026, 11, 23), rules(presence_interval_minutes=0),
                                       ZONE) == []


def test_holiday_blocks_and_report_due_times():
    days = [DayInfo(date(2026, 10, d), DayKind.HOLIDAY if d <= 7 else DayKind.WORKDAY, "国庆节",
                    Source.BUILTIN) for d in range(1, 11)]
    days.append(DayInfo(date(2026, 9, 27), DayKind.HOLIDAY, "中秋节", Source.BUILTIN))
    assert duty_clock.holiday_blocks(days) == [(date(2026, 9, 27), date(2026, 9, 27)),
                                               (date(2026, 10, 1), date(2026, 10, 7))]
    assert duty_clock.rota_report_due(date(2026, 10, 1), rules(), ZONE) == local("2026-09-26T17:00")
    assert duty_clock.rota_report_due(date(2026, 10, 1), rules(rota_report_days=3), ZONE) == \
        local("2026-09-28T17:00")
    assert duty_clock.daily_report_due(date(2026, 10, 2), rules(), ZONE) == local("2026-10-02T15:00")


ITEM = TimedItem("k", "checkin", "接班签到", "值班员 胡斌", 1, "clock",
                 local("2026-11-23T08:15"), local("2026-11-23T08:45"),
                 expires=local("2026-11-24T08:30"))


@pytest.mark.parametrize(("moment", "state"), [
    ("2026-11-23T08:14", None),
    ("2026-11-23T08:15", AlertState.UPCOMING),
    ("2026-11-23T08:44:59", AlertState.UPCOMING),
    ("2026-11-23T08:45", AlertState.DUE),
    ("2026-11-23T08:46", AlertState.OVERDUE),
    ("2026-11-24T08:29", AlertState.OVERDUE),
    ("2026-11-24T08:30", None),  # the shift is over: a missed sign-in is history
])
def test_item_states_over_time(moment, state):
    assert item_state(ITEM, local(moment)) == state


def test_a_done_item_is_done_from_the_moment_it_was_done():
    done = TimedItem(**{**ITEM.__dict__, "done_at": local("2026-11-23T08:50")})
    assert item_state(done, local("2026-11-23T08:49")) == AlertState.OVERDUE
    assert item_state(done, local("2026-11-23T08:50")) == AlertState.DONE


def test_next_change_walks_opens_due_overdue_expiry():
    moments = []
    at = local("2026-11-23T00:00")
    while (at := next_change(ITEM, at)) is not None:
        moments.append(at)
    assert moments == [local("2026-11-23T08:15"), local("2026-11-23T08:45"),
                       local("2026-11-23T08:46"), local("2026-11-24T08:30")]


def test_the_default_settings_agree():
    assert duty_clock.check_settings(settings.resolve({})) == []


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"presence_window_minutes": 150}, "presence_window_minutes", "重叠"),
    ({"presence_start": "08:00", "presence_end": "07:00", "presence_interval_minutes": 60,
      "presence_window_minutes": 61}, "presence_window_minutes", "重叠"),
    ({"presence_start": "00:00", "presence_end": "23:50", "presence_interval_minutes": 50,
      "presence_window_minutes": 50}, "presence_end", "自相重叠"),
    ({"alert_warning_minutes": 30}, "alert_warning_minutes", "电话报告 30 分钟"),
    ({"report_phone_major": 15, "alert_warning_minutes": 20}, "alert_warning_minutes", "15 分钟"),
    ({"checkin_before_minutes": 5, "checkin_after_minutes": 5}, "alert_warning_minutes",
     "接班签到窗口 10 分钟"),
])
def test_contradicting_settings_are_refused_with_the_field_named(changes, field, words):
    errors = duty_clock.check_settings({**settings.resolve({}), **changes})
    assert [e.field for e in errors] == [field]
    assert words in errors[0].message


def test_a_schedule_that_touches_but_does_not_overlap_is_accepted():
    values = {**settings.resolve({}), "presence_start": "00:00", "presence_end": "23:00",
              "presence_interval_minutes": 60, "presence_window_minutes": 60}
    assert duty_clock.check_settings(values) == []
