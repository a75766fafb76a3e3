"""The 值班日报 assembled from a duty day's facts: quiet day, busy day, holiday; the 平安
sentence only when it is true; the officer's wording; which days need one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dutyroom.domain.daily_report import (
    NO_MAJOR,
    QUIET,
    DailyReport,
    assemble,
    lapses,
)
from dutyroom.domain.daily_report_days import (
    DailyRules,
    in_flood_season,
    needs_daily_report,
    rules_from_settings,
)
from dutyroom.domain.deadlines import Deadline, DeadlineKind
from dutyroom.domain.errors import FieldError
from dutyroom.domain.handover import (
    EntryFact,
    IncidentFact,
    Prompt,
    ReportFact,
    ShiftFacts,
    SignIn,
    SpotCheckFact,
)
from dutyroom.domain.incidents import Category, Level, Status
from dutyroom.domain.local_time import parse_month_day
from dutyroom.domain.roster import Seat
from dutyroom.domain.tiers import Tier

Z = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 10, 1, 8, 30, tzinfo=Z)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=Z)


def quiet_day(**changes) -> ShiftFacts:
    """国庆 1 October: three tiers on duty, all signed in on time, prompts answered."""
    base = ShiftFacts(
        unit="青山镇人民政府", desk="总值班室", day=date(2026, 10, 1), start=START,
        end=START + timedelta(days=1), zone=Z, as_of=at("2026-10-01T14:40"),
        people={Tier.CHIEF: ("李书记",), Tier.LEADER: ("王海涛",), Tier.OFFICER: ("胡斌", "周敏")},
        incoming=("邓洁",),
        sign_ins=(SignIn(Seat(Tier.LEADER), "王海涛", at("2026-10-01T08:45"), "王海涛",
                         at("2026-10-01T08:20")),
                  SignIn(Seat(Tier.OFFICER), "胡斌", at("2026-10-01T08:45"), "胡斌", at("2026-10-01T08:25"))),
        prompts=(Prompt(at("2026-10-01T01:00"), at("2026-10-01T01:10"), "胡斌", at("2026-10-01T01:03")),),
        spot_checks=(), incidents=(), entries=(), tasks=())
    return replace(base, **changes)


def landslide(**changes) -> IncidentFact:
    fact = IncidentFact(
        9, at("2026-10-01T10:12"), "石门村山体滑坡", Category.NATURAL_DISASTER, Level.IV, Status.HANDLING,
        (ReportFact("首报", "电话", at("2026-10-01T10:30"), False),
         ReportFact("首报", "书面", at("2026-10-01T11:40"), True)),
        (Deadline(DeadlineKind.PHONE_REPORT, at("2026-10-01T10:42"), at("2026-10-01T10:30")),
         Deadline(DeadlineKind.WRITTEN_REPORT, at("2026-10-01T11:12"), at("2026-10-01T11:40")),
         Deadline(DeadlineKind.UPDATE_REPORT, at("2026-10-01T17:00"))), ())
    return replace(fact, **changes)


def text_of(report: DailyReport, key: str) -> str:
    return next(p.text for p in report.paragraphs if p.key == key)


def test_a_quiet_holiday_says_the_peace_sentence():
    report = assemble(quiet_day())
    assert report.quiet
    assert text_of(report, "summary") == QUIET
    assert text_of(report, "duty") == ("主要领导李书记总值班，带班领导王海涛，值班员胡斌、周敏，"
                                       "24小时在岗值班；"
                                       "在岗确认 1 次，已确认 1 次，通讯畅通。")
    assert text_of(report, "incidents") == "无突发事件接报，无前期未办结事件。"
    assert report.numbered()[0].startswith("一、值班情况：")
    assert report.numbered()[-1] == "六、总体情况：" + QUIET


def test_a_busy_day_names_each_incident_and_what_was_reported():
    report = assemble(quiet_day(incidents=(landslide(),)))
    assert not report.quiet
    incidents = text_of(report, "incidents")
    assert incidents.startswith("接报突发事件 1 起：10:12接报「石门村山体滑坡」（自然灾害，Ⅳ级），处置中")
    assert "已电话首报、书面首报（迟报）" in incidents
    assert "待报：续报（17:00前）" in incidents
    assert text_of(report, "reports") == ("向上级报送事件信息 2 次（首报 2 次），其中迟报 1 次；"
                                          "尚有 1 项待报。")
    assert QUIET not in report.plain_text()
    assert "全天共涉及突发事件 1 起，已办结 0 起，正在处置 1 起" in text_of(report, "summary")


def test_an_overdue_report_is_said_to_be_overdue():
    report = assemble(quiet_day(incidents=(landslide(),), as_of=at("2026-10-01T18:00")))
    assert "超时未报：续报" in text_of(report, "incidents")
    assert "其中 1 项已超时" in text_of(report, "reports")


def test_an_incident_carried_in_from_before_is_not_a_quiet_day():
    old = landslide(received_at=at("2026-09-30T20:00"), reports=())
    report = assemble(quiet_day(incidents=(old,)))
    assert not report.quiet
    assert text_of(report, "incidents").startswith(
        "无新接报突发事件，前期转入未办结事件 1 起：09月30日接报（前期转入）")


def test_a_missed_sign_in_takes_the_order_is_normal_sentence_away():
    missed = SignIn(Seat(Tier.OFFICER), "胡斌", at("2026-10-01T08:45"))
    report = assemble(quiet_day(sign_ins=(missed,)))
    assert not report.quiet
    assert text_of(report, "summary").startswith(NO_MAJOR)
    assert "值班员未按时签到" in text_of(report, "duty")


def test_spot_checks_and_instructions_are_reported():
    spot = SpotCheckFact(at("2026-10-01T09:43"), "县应急管理局", "电话", "胡斌", True, "在岗正常", "")
    entry = EntryFact(2, at("2026-10-01T12:17"), "传真", "县防指", "县防指电〔2026〕18号",
                      "请各村做好巡查。——张书记", "各村")
    report = assemble(quiet_day(spot_checks=(spot,), entries=(entry,)))
    assert text_of(report, "spot_checks") == ("接受上级查岗 1 次（09:43 县应急管理局电话查岗），"
                                              "均按规定及时应答。")
    assert text_of(report, "entries") == ("登记来电来文 1 件，领导批示：「县防指电〔2026〕18号」："
                                          "请各村做好巡查。——张书记。")
    assert report.quiet  # a call answered and a document registered are not incidents


def test_the_officer_rewords_a_paragraph_and_cannot_empty_one():
    report = assemble(quiet_day())
    edited = report.edited({"summary": "  全天平稳，\n无突发事件。 "})
    assert text_of(edited, "summary") == "全天平稳， 无突发事件。"
    assert text_of(edited, "duty") == text_of(report, "duty")
    with pytest.raises(FieldError):
        report.edited({"summary": "   "})
    with pytest.raises(FieldError):
        report.edited({"weather": "晴"})
    with pytest.raises(FieldError):
        report.edited({"duty": "字" * 2001})


def test_the_plain_text_holds_the_heading_people_and_paragraphs():
    text = replace(assemble(quiet_day()), sent_at="2026-10-01 14:40", sent_by="胡斌").plain_text()
    lines = text.splitlines()
    assert lines[0] == "青山镇人民政府值班日报" and lines[1] == "（2026年10月1日）"
    assert "值班人员：主要领导 李书记；带班领导 王海涛；值班员 胡斌、周敏" in lines
    assert lines[-1] == "报送时间：2026-10-01 14:40"


def test_month_days_and_the_flood_season():
    assert parse_month_day("6-1", "k", "主汛期开始") == (6, 1)
    assert parse_month_day("", "k", "x") is None
    for bad in ("02-30", "13-01", "0601", "六月一日"):
        with pytest.raises(FieldError):
            parse_month_day(bad, "k", "主汛期开始")
    summer = ((4, 15), (10, 15))
    assert in_flood_season(date(2026, 4, 15), summer) and in_flood_season(date(2026, 10, 15), summer)
    assert not in_flood_season(date(2026, 10, 16), summer)
    winter = ((11, 15), (2, 15))  # over New Year
    assert in_flood_season(date(2027, 1, 3), winter) and not in_flood_season(date(2027, 3, 1), winter)
    assert not in_flood_season(date(2026, 7, 1), None)


def test_which_days_need_a_report():
    rules = rules_from_settings({"daily_report_periods": True, "flood_season_start": "06-01",
                                 "flood_season_end": "08-31"})
    assert needs_daily_report(date(2026, 10, 1), True, False, rules)
    assert needs_daily_report(date(2026, 3, 4), False, True, rules)
    assert not needs_daily_report(date(2026, 3, 4), False, True, DailyRules(False, None))
    assert needs_daily_report(date(2026, 7, 14), False, False, rules)
    assert not needs_daily_report(date(2026, 9, 14), False, False, rules)
    assert rules_from_settings({"flood_season_start": "06-01", "flood_season_end": ""}).flood_season is None


# --- properties: the 平安 sentence is never said when something happened ---------------------

moments = st.integers(min_value=0, max_value=24 * 60 - 1).map(lambda m: START + timedelta(minutes=m))


@st.composite
def incidents(draw: st.DrawFn) -> IncidentFact:
    received = draw(st.integers(min_value=-3 * 24 * 60, max_value=24 * 60 - 1))
    return landslide(id=draw(st.integers(1, 10_000)),
                     received_at=START + timedelta(minutes=received),
                     title=draw(st.text(alphabet="山河村镇路桥火水", min_size=2, max_size=8)),
                     status=draw(st.sampled_from(list(Status))))


@st.composite
def days(draw: st.DrawFn) -> ShiftFacts:
    sign_ins = tuple(SignIn(Seat(tier), "某人", START + timedelta(minutes=15), *(
        ("某人", draw(moments)) if draw(st.booleans()) else ()))
        for tier in (Tier.LEADER, Tier.OFFICER))
    prompts = []
    for asked in draw(st.lists(moments, max_size=4)):
        confirmed = draw(st.one_of(st.none(), st.integers(0, 20)))
        prompts.append(Prompt(asked, asked + timedelta(minutes=10), "某人" if confirmed is not None else "",
                              asked + timedelta(minutes=confirmed) if confirmed is not None else None))
    spots = tuple(SpotCheckFact(m, "县应急局", "电话", "某人", ok, "在岗正常" if ok else "无人接听", "")
                  for m, ok in draw(st.lists(st.tuples(moments, st.booleans()), max_size=3)))
    return quiet_day(sign_ins=sign_ins, prompts=tuple(prompts), spot_checks=spots,
                     incidents=tuple(draw(st.lists(incidents(), max_size=3))),
                     as_of=draw(moments))


@settings(max_examples=150, deadline=None)
@given(days())
def test_peace_is_said_exactly_when_nothing_happened(facts):
    report = assemble(facts)
    nothing = not facts.incidents and not lapses(facts)
    assert report.quiet == nothing
    assert (QUIET in report.plain_text()) == nothing
    for incident in facts.incidents:
        assert f"「{incident.title}」" in text_of(report, "incidents")
    assert DailyReport.from_json(report.to_json()) == report


@settings(max_examples=100, deadline=None)
@given(days(), st.dictionaries(st.sampled_from(["duty", "incidents", "summary"]),
                               st.text(alphabet="平安无事，。值班", min_size=1, max_size=30)))
def test_edited_wording_is_kept_and_round_trips(facts, texts):
    edited = assemble(facts).edited(texts)
    for key, text in texts.items():
        assert text_of(edited, key) == " ".join(text.split())
    assert DailyReport.from_json(edited.to_json()) == edited
