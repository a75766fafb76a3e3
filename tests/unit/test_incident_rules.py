"""Incident classification, reporting deadlines, alert states and report drafts (domain)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from dutyroom.db.search_index import grams, match_query
from dutyroom.domain import settings
from dutyroom.domain.deadlines import (
    PRESETS_BY_KEY,
    AlertState,
    Channel,
    DeadlineKind,
    IncidentClock,
    SentReport,
    Stage,
    alert_state,
    deadline_for_report,
    report_deadlines,
    rules_from_settings,
)
from dutyroom.domain.errors import FieldError
from dutyroom.domain.incidents import (
    Category,
    Level,
    mass_incident_command,
    parse_level,
    suggest_level,
    validate_facts,
)
from dutyroom.domain.report_text import draft_report

Z = ZoneInfo("Asia/Shanghai")
RULES = rules_from_settings(settings.resolve({}))


def at(hour: int, minute: int = 0, day: int = 1) -> datetime:
    return datetime(2026, 7, day, hour, minute, tzinfo=Z)


def clock(level: Level = Level.III, *, changes=(), reports=(), open_=True, casualties=None,
          received=None) -> IncidentClock:
    received = received or at(3, 10)
    return IncidentClock(received, ((received, level), *changes), open_, casualties,
                         tuple(reports))


def due(deadlines, kind: DeadlineKind) -> list[datetime]:
    return [d.due for d in deadlines if d.kind == kind]


# --- suggested level -------------------------------------------------------------------------

@pytest.mark.parametrize(("deaths", "injured", "loss", "level"), [
    (0, 0, 0, Level.IV), (2, 9, 9_999_999, Level.IV),
    (3, 0, 0, Level.III), (0, 10, 0, Level.III), (0, 0, 10_000_000, Level.III),
    (9, 49, 49_999_999, Level.III),
    (10, 0, 0, Level.II), (0, 50, 0, Level.II), (0, 0, 50_000_000, Level.II),
    (29, 99, 99_999_999, Level.II),
    (30, 0, 0, Level.I), (0, 100, 0, Level.I), (0, 0, 100_000_000, Level.I),
    (2, 0, 100_000_000, Level.I),  # the highest level any one measure reaches wins
])
def test_suggested_level_follows_the_thresholds_bounds_included(deaths, injured, loss, level):
    assert suggest_level(deaths, injured, loss).level == level


def test_the_suggestion_says_why():
    text = suggest_level(3, 0, 0).describe()
    assert "Ⅲ级" in text and "死亡 3 人 ≥ 3" in text


def test_the_suggestion_names_its_measures_as_the_form_does():
    """The form's fields are 死亡, 受伤 and 直接经济损失 (万元); the hint uses those words."""
    injured = suggest_level(0, 12, 0).describe()
    assert "受伤 12 人 ≥ 10" in injured and "重伤计" in injured
    assert "万元" in suggest_level(0, 0, 12_000_000).describe()
    assert "受伤" in suggest_level(0, 0, 0).describe() and "重伤和" not in \
        suggest_level(0, 0, 0).describe()


@pytest.mark.parametrize(("people", "who"), [(100, "本镇"), (101, "县级"), (499, "县级"),
                                             (500, "市级")])
def test_mass_incident_command_by_participants(people, who):
    assert who in mass_incident_command(people, 100, 500)


def test_levels_are_read_in_english_or_chinese():
    assert parse_level("II") == Level.II
    assert parse_level("重大") == Level.II
    assert parse_level("特别重大") == Level.I
    assert parse_level("") == Level.UNRATED
    with pytest.raises(FieldError, match="未知的事件级别"):
        parse_level("V")


# --- intake validation ------------------------------------------------------------------------

NOW = at(3, 20)


def test_valid_facts_pass():
    facts, errors = validate_facts({"received_at": at(3, 10), "title": "化工厂泄漏",
                                    "category": "accident", "subtype": "工矿商贸安全事故",
                                    "deaths": "2"}, NOW)
    assert errors == []
    assert facts.category == Category.ACCIDENT and facts.deaths == 2


@pytest.mark.parametrize(("values", "field"), [
    ({"received_at": at(3, 10), "category": "accident"}, "title"),
    ({"received_at": at(3, 10), "title": "x"}, "category"),
    ({"received_at": at(3, 10), "title": "x", "category": "flood"}, "category"),
    ({"received_at": at(3, 10), "title": "x", "category": "accident", "level": "V"}, "level"),
    ({"received_at": at(3, 26), "title": "x", "category": "accident"}, "received_at"),
    ({"received_at": at(3, 10), "occurred_at": at(3, 11), "title": "x",
      "category": "accident"}, "occurred_at"),
    ({"received_at": at(3, 10), "title": "x", "category": "accident", "injured": -1}, "injured"),
    ({"received_at": at(3, 10), "title": "x", "category": "accident", "weather": "rain"},
     "weather"),
    ({"received_at": at(3, 10), "title": "x", "category": "accident", "subtype": "地震灾害"},
     "subtype"),
])
def test_bad_facts_name_the_field(values, field):
    _, errors = validate_facts(values, NOW)
    assert field in {e.field for e in errors}


def test_five_minutes_in_the_future_is_tolerated():
    _, errors = validate_facts({"received_at": at(3, 25), "title": "x", "category": "accident"},
                               NOW)
    assert errors == []


# --- deadlines --------------------------------------------------------------------------------

def test_level_three_phone_30_written_60_update_by_17():
    deadlines = report_deadlines(clock(), RULES, Z)
    assert due(deadlines, DeadlineKind.PHONE_REPORT) == [at(3, 40)]
    assert due(deadlines, DeadlineKind.WRITTEN_REPORT) == [at(4, 10)]
    assert due(deadlines, DeadlineKind.UPDATE_REPORT) == [at(17)]


def test_level_four_needs_no_phone_report_and_two_hours_written():
    deadlines = report_deadlines(clock(Level.IV), RULES, Z)
    assert due(deadlines, DeadlineKind.PHONE_REPORT) == []
    assert due(deadlines, DeadlineKind.WRITTEN_REPORT) == [at(5, 10)]


def test_major_incidents_update_twice_a_day():
    received = at(16, 30)
    deadlines = report_deadlines(clock(Level.II, received=received), RULES, Z)
    # written due 17:30, so the first update slot after it is 08:00 next day
    assert due(deadlines, DeadlineKind.UPDATE_REPORT) == [at(8, 0, day=2)]


def test_a_raised_level_recomputes_from_the_receipt_time():
    raised = clock(Level.IV, changes=((at(3, 20), Level.III),))
    deadlines = report_deadlines(raised, RULES, Z)
    assert due(deadlines, DeadlineKind.PHONE_REPORT) == [at(3, 40)]


def test_a_deadline_missed_under_the_old_level_stays_missed():
    # III at 03:10: phone due 03:40, missed; lowered to IV at 03:50 (no phone needed)
    lowered = clock(Level.III, changes=((at(3, 50), Level.IV),))
    deadlines = report_deadlines(lowered, RULES, Z)
    assert due(deadlines, DeadlineKind.PHONE_REPORT) == [at(3, 40)]
    # the written report (III: 04:10) had not fallen due yet, so IV's two hours apply
    assert due(deadlines, DeadlineKind.WRITTEN_REPORT) == [at(5, 10)]
    # lowered before it fell due: the phone report is no longer required
    early = clock(Level.III, changes=((at(3, 20), Level.IV),))
    assert due(report_deadlines(early, RULES, Z), DeadlineKind.PHONE_REPORT) == []


def test_reports_meet_deadlines_and_late_ones_are_late():
    reports = (SentReport(Stage.FIRST, Channel.PHONE, at(3, 45)),
               SentReport(Stage.FIRST, Channel.WRITTEN, at(4, 5)))
    deadlines = {d.kind: d for d in report_deadlines(clock(reports=reports), RULES, Z)}
    assert deadlines[DeadlineKind.PHONE_REPORT].late
    assert deadlines[DeadlineKind.WRITTEN_REPORT].met and not deadlines[
        DeadlineKind.WRITTEN_REPORT].late


def test_each_update_moves_the_next_one_to_the_following_slot():
    reports = (SentReport(Stage.UPDATE, Channel.WRITTEN, at(10)),)
    updates = [d for d in report_deadlines(clock(reports=reports), RULES, Z)
               if d.kind == DeadlineKind.UPDATE_REPORT]
    assert [(d.due, d.met_at) for d in updates] == [(at(17), at(10)), (at(17, day=2), None)]


def test_a_change_in_casualties_needs_an_update_the_same_day():
    changed = clock(Level.II, received=at(9), casualties=at(20))
    reports = (SentReport(Stage.UPDATE, Channel.WRITTEN, at(16)),)
    changed = IncidentClock(changed.received_at, changed.level_changes, True, at(20), reports)
    pending = [d for d in report_deadlines(changed, RULES, Z)
               if d.kind == DeadlineKind.UPDATE_REPORT and not d.met]
    assert pending[0].due == at(23, 59)
    assert "伤亡" in pending[0].note


def test_a_closed_incident_has_no_pending_update():
    deadlines = report_deadlines(clock(open_=False), RULES, Z)
    assert not [d for d in deadlines if d.kind == DeadlineKind.UPDATE_REPORT and not d.met]


def test_final_report_deadline_only_when_the_desk_sets_one():
    assert not [d for d in report_deadlines(clock(), RULES, Z)
                if d.kind == DeadlineKind.FINAL_REPORT]
    rules = rules_from_settings(settings.resolve({"final_report_days": 5}))
    finals = [d for d in report_deadlines(clock(), rules, Z) if d.kind == DeadlineKind.FINAL_REPORT]
    assert finals[0].due == at(3, 10, day=6)


def test_presets_change_the_times():
    henan = rules_from_settings(settings.resolve(PRESETS_BY_KEY["henan"].values))
    deadlines = report_deadlines(clock(Level.I), henan, Z)
    assert due(deadlines, DeadlineKind.PHONE_REPORT) == [at(3, 25)]
    assert due(deadlines, DeadlineKind.WRITTEN_REPORT) == [at(3, 45)]


def test_a_written_first_report_meets_the_written_deadline_first():
    deadlines = report_deadlines(clock(), RULES, Z)
    assert deadline_for_report(deadlines, Stage.FIRST, Channel.WRITTEN).kind == \
        DeadlineKind.WRITTEN_REPORT
    assert deadline_for_report(deadlines, Stage.FIRST, Channel.PHONE).kind == \
        DeadlineKind.PHONE_REPORT


def test_alert_states_through_the_warning_window():
    deadline_due, warning = at(4, 10), timedelta(minutes=10)
    assert alert_state(deadline_due, None, at(3, 59), warning) is None
    assert alert_state(deadline_due, None, at(4, 0), warning) == AlertState.UPCOMING
    assert alert_state(deadline_due, None, at(4, 10), warning) == AlertState.DUE
    assert alert_state(deadline_due, None, at(4, 11), warning) == AlertState.OVERDUE
    assert alert_state(deadline_due, at(4, 5), at(4, 11), warning) == AlertState.DONE
    assert alert_state(deadline_due, at(4, 20), at(4, 11), warning) == AlertState.OVERDUE


def test_update_times_are_validated():
    with pytest.raises(FieldError, match="时:分"):
        settings.definition("update_times_other").parse("25:00")
    assert settings.definition("update_times_major").parse("17:00，8:00") == "08:00,17:00"


# --- drafts and search tokens -------------------------------------------------------------------

def test_the_draft_report_carries_the_facts():
    facts, _ = validate_facts({"received_at": at(3, 10), "title": "化工厂储罐泄漏",
                               "category": "accident", "location": "青山化工园区",
                               "reporter_unit": "青山化工", "reporter": "王厂长", "injured": 2,
                               "actions_taken": "关闭阀门"}, NOW)
    text = draft_report(facts, Stage.FIRST, unit="青山镇人民政府", desk="总值班室", zone=Z,
                        now=at(3, 30), dispatched=["青山消防救援站"])
    assert "（首报）" in text and "2026年7月1日3时10分" in text
    assert "青山化工园区发生一起事故灾难。" in text and "已造成2人受伤" in text
    assert text.count("化工厂储罐泄漏") == 1  # the heading: the title is not the event itself
    assert "已通知青山消防救援站赶赴现场处置" in text and "青山镇人民政府总值班室" in text


def test_the_draft_names_the_event_by_its_kind_and_the_title_only_in_the_heading():
    facts, _ = validate_facts({"received_at": at(3, 10), "title": "青山化工园区储罐液氯泄漏致2人受伤",
                               "category": "accident", "subtype": "工矿商贸安全事故", "level": "III",
                               "location": "青山化工园区", "injured": 2}, NOW)
    text = draft_report(facts, Stage.UPDATE, unit="青山镇人民政府", desk="总值班室", zone=Z,
                        now=at(4, 0))
    first_line, body = text.split("\n", 1)
    assert first_line == "关于青山化工园区储罐液氯泄漏致2人受伤的信息报告（续报）"
    assert "青山化工园区发生一起工矿商贸安全事故（初判为Ⅲ级 较大）。" in body
    assert "储罐液氯泄漏致2人受伤" not in body


def test_bigrams_and_queries():
    assert grams("化工厂 A-1") == "化工 工厂 a 1"
    assert match_query("化工厂") == '"化工" "工厂"'
    assert match_query("化") is None  # one character cannot use a bigram index
    assert match_query("!!") is None


# --- the level's history ----------------------------------------------------------------------


def test_a_level_history_reads_as_aware_times_in_order():
    from dutyroom.domain.incidents import level_history, level_history_text

    raw = '[["2026-07-01T02:00:00+00:00", "unrated"], ["2026-07-01T11:00:00+08:00", "III"],' \
          ' ["2026-07-01T03:00:00+00:00", "II"]]'  # 11:00+08:00 is 03:00Z: equal times are fine
    history = level_history(raw)
    assert [level for _, level in history] == [Level.UNRATED, Level.III, Level.II]
    assert all(at.utcoffset() is not None for at, _ in history)
    assert level_history("[]") == ()
    assert level_history(level_history_text(history)) == history  # what the app writes reads back


@pytest.mark.parametrize(("raw", "words"), [
    ('[["2026-07-01T03:00:00", "III"]]', "没有时区"),  # zone-less: comparing it raises TypeError
    ('[["2026-07-01T03:00:00+00:00", "V"]]', "级别「V」"),
    ('[["2026-07-01T03:00:00+00:00", "Ⅲ级"]]', "不在可选范围内"),  # a label, not the stored value
    ('[["2026-07-01T03:00:00+00:00", null]]', "不是「时间, 级别」"),
    ('[["2026-07-01T03:00:00+00:00"]]', "不是「时间, 级别」"),
    ('[[1751338800, "III"]]', "不是「时间, 级别」"),
    ('[["yesterday", "III"]]', "无法识别"),
    ('{"at": "2026-07-01T03:00:00+00:00"}', "列表"),
    ('"III"', "列表"),
    ("not json", "JSON"),
    ("[" * 5000 + "]" * 5000, "JSON"),  # nested past Python's recursion limit
    ('[["2026-07-01T05:00:00+00:00", "IV"], ["2026-07-01T04:59:59+00:00", "III"]]', "早于前一条"),
])
def test_a_bad_level_history_is_refused_in_words(raw, words):
    from dutyroom.domain.incidents import level_history

    with pytest.raises(FieldError) as refused:
        level_history(raw)
    assert refused.value.field == "level_changes"
    assert "级别变更记录无法读取" in refused.value.message and words in refused.value.message


def test_any_shuffled_history_is_read_only_in_order_and_the_fallback_never_fails():
    """Seeded: a history read back is always in order; one that is not is refused; the
    fallback the deadlines use always gives an aware history ending at a known level."""
    import json
    import random

    from dutyroom.domain.incidents import level_history, level_history_or_start

    chance = random.Random(20260701)
    received = at(8)
    for _ in range(300):
        times = [received + timedelta(minutes=chance.randint(0, 600)) for _ in range(chance.randint(1, 5))]
        items = [[t.isoformat() if chance.random() > 0.1 else t.replace(tzinfo=None).isoformat(),
                  chance.choice(["I", "II", "III", "IV", "unrated", "V"])] for t in times]
        raw = json.dumps(items)
        ordered = times == sorted(times)
        sound = ordered and all("+" in t and v != "V" for t, v in items)
        try:
            history = level_history(raw)
        except FieldError:
            assert not sound, raw
            fallback = level_history_or_start(raw, received, "IV")
            assert fallback == ((received, Level.IV),)
        else:
            assert sound, raw
            assert [a for a, _ in history] == sorted(a for a, _ in history)
        used = level_history_or_start(raw, received, "bogus")
        assert all(a.utcoffset() is not None for a, _ in used) and isinstance(used[-1][1], Level)


def test_a_history_ending_at_another_level_is_refused_and_not_counted():
    """The app appends each new level, so a history ends at the incident's level; one that
    ends elsewhere was edited, and the deadlines count the present level since receipt."""
    from dutyroom.domain.incidents import level_history, level_history_or_start, require_ends_at

    raw = '[["2026-07-01T02:00:00+00:00", "III"], ["2026-07-01T03:00:00+00:00", "I"]]'
    with pytest.raises(FieldError) as refused:
        require_ends_at(level_history(raw), "III")
    assert refused.value.message == "级别变更记录与当前级别不符（记录止于Ⅰ级，事件现为Ⅲ级）"
    require_ends_at(level_history(raw), "I")
    require_ends_at((), "III")  # a desk from before histories were kept
    assert level_history_or_start(raw, at(8), "III") == ((at(8), Level.III),)
    assert level_history_or_start(raw, at(8), "I") == level_history(raw)
