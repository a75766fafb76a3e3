"""The 信息报送考核 counts from plain facts: hand-counted cases, then seeded random logs
checked against an independent count written the other way round (per item, by a table of
outcomes, instead of the domain's running totals)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from dutyroom.domain.errors import FieldError
from dutyroom.domain.statistics import (
    ArrivalDue,
    PeriodFacts,
    PromptDue,
    ReportDue,
    SignInDue,
    SpotCheck,
    check_period,
    compute,
    rate_text,
)

Z = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 7, 31, 12, 0, tzinfo=Z)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=Z)


def test_hand_counted_reports():
    facts = PeriodFacts(date(2026, 7, 1), date(2026, 7, 31), NOW, reports=(
        ReportDue(1, "phone_report", "III", at("2026-07-01T10:30"), at("2026-07-01T10:20"), False),  # on time
        ReportDue(1, "written_report", "III", at("2026-07-01T11:00"), at("2026-07-01T11:30"), False),  # late
        ReportDue(2, "phone_report", "IV", at("2026-07-02T10:30"), None, True),  # 漏报
        ReportDue(2, "written_report", "IV", at("2026-07-02T11:00"), None, True),  # 漏报, same incident
        ReportDue(3, "phone_report", "unrated", at("2026-07-31T11:00"), None, False),  # overdue
        ReportDue(3, "written_report", "unrated", at("2026-07-31T13:00"), None, False),  # not yet due
        ReportDue(4, "phone_report", "I", at("2026-07-31T13:00"), at("2026-07-31T11:50"), False),  # early
    ))
    stats = compute(facts)
    assert stats.reports.as_dict() == {"due": 6, "on_time": 2, "late": 1, "overdue": 1, "missing": 2}
    assert stats.missing_incidents == 1
    assert stats.by_stage["phone_report"].as_dict() == {"due": 4, "on_time": 2, "late": 0, "overdue": 1,
                                                        "missing": 1}
    assert stats.by_level["III"].as_dict() == {"due": 2, "on_time": 1, "late": 1, "overdue": 0, "missing": 0}
    assert rate_text(stats.reports.rate) == "33.3%" and rate_text(None) == "—"


def test_hand_counted_arrivals_check_ins_prompts_and_spot_checks():
    facts = PeriodFacts(date(2026, 7, 1), date(2026, 7, 31), NOW, arrivals=(
        ArrivalDue("消防站", at("2026-07-01T10:30"), at("2026-07-01T10:20")),
        ArrivalDue("消防站", at("2026-07-02T10:30"), at("2026-07-02T10:50")),
        ArrivalDue("卫生院", at("2026-07-03T10:30"), None),
        ArrivalDue("卫生院", at("2026-07-31T12:30"), None),  # not due yet
    ), sign_ins=(
        SignInDue(date(2026, 7, 1), "胡斌", at("2026-07-01T08:45"), at("2026-07-01T08:25")),
        SignInDue(date(2026, 7, 2), "胡斌", at("2026-07-02T08:45"), at("2026-07-02T08:50")),
        SignInDue(date(2026, 7, 3), "周敏", at("2026-07-03T08:45"), None),
    ), prompts=(PromptDue(at("2026-07-01T22:10"), at("2026-07-01T22:05")),
                PromptDue(at("2026-07-02T00:10"), None)),
        spot_checks=(SpotCheck(True, "ok"), SpotCheck(False, "no_answer"), SpotCheck(False, "ok")),
        duties=("胡斌", "胡斌", "周敏", "王海涛"))
    stats = compute(facts)
    assert [(d.department, d.due, d.on_time, d.late, d.not_arrived) for d in stats.by_department] == [
        ("消防站", 2, 1, 1, 0), ("卫生院", 1, 0, 0, 1)]
    assert stats.sign_ins.as_dict() == {"due": 3, "on_time": 1, "late": 1, "missed": 1}
    assert stats.presence.as_dict() == {"due": 2, "on_time": 1, "late": 0, "missed": 1}
    assert (stats.spot_checks, stats.spot_within_rule) == (3, 1)
    assert stats.spot_outcomes == {"no_answer": 1, "ok": 2}
    assert [(p.name, p.duties, p.sign_ins.missed) for p in stats.people] == [
        ("胡斌", 2, 0), ("周敏", 1, 1), ("王海涛", 1, 0)]


def test_a_period_ending_before_it_starts_is_refused():
    with pytest.raises(FieldError, match="早于开始日期"):
        check_period(date(2026, 7, 31), date(2026, 7, 1))
    with pytest.raises(FieldError):
        check_period(date(2010, 1, 1), date(2026, 1, 1))
    check_period(date(2026, 7, 1), date(2026, 7, 1))


def _random_log(seed: int) -> PeriodFacts:
    rng = random.Random(seed)
    start = at("2026-07-01T00:00")

    def moment() -> datetime:
        return start + timedelta(minutes=rng.randrange(0, 31 * 24 * 60))

    reports = []
    for incident in range(rng.randrange(0, 60)):
        closed = rng.random() < 0.4
        level = rng.choice(["I", "II", "III", "IV", "unrated"])
        for kind in rng.sample(["phone_report", "written_report", "update_report", "final_report"], 2):
            due = moment()
            met = rng.choice([None, due - timedelta(minutes=rng.randrange(1, 90)),
                              due + timedelta(minutes=rng.randrange(1, 90))])
            reports.append(ReportDue(incident, kind, level, due, met, closed))
    arrivals = [ArrivalDue(rng.choice("甲乙丙"), due,
                           rng.choice([None, due + timedelta(minutes=rng.randrange(-40, 40))]))
                for due in (moment() for _ in range(rng.randrange(0, 30)))]
    signs = [SignInDue(due.date(), rng.choice(["张", "李", ""]), due,
                       rng.choice([None, due + timedelta(minutes=rng.randrange(-20, 20))]))
             for due in (moment() for _ in range(rng.randrange(0, 40)))]
    return PeriodFacts(date(2026, 7, 1), date(2026, 7, 31), NOW, reports=reports, arrivals=arrivals,
                       sign_ins=signs)


def _outcome(due: datetime, done: datetime | None, closed: bool = False) -> str | None:
    """One item's fate at NOW, written as a table of cases rather than running totals."""
    sent = done is not None and done <= NOW
    if not sent and due > NOW:
        return None
    if sent:
        return "on_time" if done <= due else "late"
    return "missing" if closed else "overdue"


@pytest.mark.parametrize("seed", range(40))
def test_counts_agree_with_an_independent_count_on_random_logs(seed):
    facts = _random_log(seed)
    stats = compute(facts)
    outcomes = [_outcome(r.due, r.met_at, r.closed) for r in facts.reports]
    counted = {k: outcomes.count(k) for k in ("on_time", "late", "overdue", "missing")}
    assert stats.reports.as_dict() == {"due": sum(counted.values()), **counted}
    for stage in {r.kind for r in facts.reports}:
        mine = [_outcome(r.due, r.met_at, r.closed) for r in facts.reports if r.kind == stage]
        assert stats.by_stage[stage].late == mine.count("late")
        assert stats.by_stage[stage].due == len([o for o in mine if o])
    assert stats.missing_incidents == len({r.incident_id for r in facts.reports
                                           if _outcome(r.due, r.met_at, r.closed) == "missing"})
    fates = [_outcome(a.due, a.arrived_at) for a in facts.arrivals]
    assert (stats.dispatch.on_time, stats.dispatch.late, stats.dispatch.not_arrived) == (
        fates.count("on_time"), fates.count("late"), fates.count("overdue"))
    assert sum(d.due for d in stats.by_department) == stats.dispatch.due
    signs = [_outcome(s.due, s.signed_at) for s in facts.sign_ins]
    assert stats.sign_ins.as_dict() == {"due": len([s for s in signs if s]),
                                        "on_time": signs.count("on_time"), "late": signs.count("late"),
                                        "missed": signs.count("overdue")}
    assert sum(p.sign_ins.due for p in stats.people) == len(
        [s for s, o in zip(facts.sign_ins, signs, strict=True) if o and s.person])
