"""The report deadlines kept for the statistics (db/deadline_store.py) against the rules.

Seeded random desks — incidents of every level received around a month's edges, level and
casualty changes, reports on time, late and never, closings, reopenings, voids and a change
of the reporting rules half-way — are counted by `period_statistics` (SQL over the kept
deadlines) and, independently, by a plain Python loop over domain/deadlines.py's answer for
each incident read back from the database. On SQLite and PostgreSQL. Then `check` is shown to
name kept deadlines that a change behind the app's back left wrong.
"""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text

from dutyroom.db.models import Incident, UpwardReport
from dutyroom.domain.deadlines import (
    Channel,
    IncidentClock,
    SentReport,
    Stage,
    report_deadlines,
    rules_from_settings,
)
from dutyroom.domain.incidents import Level
from dutyroom.services import (
    incident_service,
    integrity_service,
    settings_service,
    statistics_service,
    upward_reports,
)

Z = ZoneInfo("Asia/Shanghai")
JULY = (date(2026, 7, 1), date(2026, 7, 31))
LEVELS = ("I", "II", "III", "IV", "unrated")
RULE_CHANGES = ({"report_written_general": 45, "final_report_days": 2},
                {"update_times_other": "09:00,17:00", "report_phone_larger": 15},
                {"report_written_unrated": 20, "update_times_major": "12:00"})


def _minutes(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(minutes=rng.randint(low, high))


def _random_desk(uow, rng: random.Random) -> datetime:
    """A small desk's month; returns the moment it is counted at."""
    last = datetime(2026, 6, 30, 8, 0, tzinfo=Z)
    for n in range(rng.randint(5, 9)):
        received = datetime(2026, 6, 29, tzinfo=Z) + _minutes(rng, 0, 35 * 24 * 60)
        made = received + timedelta(minutes=1)
        incident = incident_service.add_incident(
            uow, {"received_at": received.isoformat(), "title": f"事件{n}", "category": "accident",
                  "level": rng.choice(LEVELS)}, now=made).value.id
        moment, final = made, False
        steps = [("report", Stage.FIRST, Channel.PHONE), ("report", Stage.FIRST, Channel.WRITTEN),
                 ("report", Stage.UPDATE, Channel.WRITTEN), ("report", Stage.UPDATE, Channel.WRITTEN),
                 ("level", None, None), ("casualties", None, None),
                 ("report", Stage.FINAL, Channel.WRITTEN)]
        for kind, stage, channel in steps:
            if rng.random() < 0.35:
                continue
            moment += _minutes(rng, 5, 600)
            if kind == "report":
                upward_reports.record_report(uow, incident, stage.value, channel.value,
                                             sent_at=moment.isoformat(), now=moment)
                final = final or stage == Stage.FINAL
            elif kind == "level":
                incident_service.update_incident(uow, incident, None, {"level": rng.choice(LEVELS)},
                                                 now=moment)
            else:
                incident_service.update_incident(uow, incident, None, {"injured": rng.randint(1, 5)},
                                                 now=moment)
        if final and rng.random() < 0.7:
            moment += _minutes(rng, 1, 60)
            incident_service.change_status(uow, incident, None, "closed", now=moment)
            if rng.random() < 0.2:
                moment += _minutes(rng, 1, 60)
                incident_service.change_status(uow, incident, None, "handling", note="复核", now=moment)
        if rng.random() < 0.12:
            moment += _minutes(rng, 1, 60)
            incident_service.void_incident(uow, incident, None, "重复登记", now=moment)
        last = max(last, moment)
    if rng.random() < 0.5:
        settings_service.save_settings(uow, rng.choice(RULE_CHANGES))
    return last - _minutes(rng, 0, 3 * 24 * 60)


def _by_hand(session, first: date, last: date, at: datetime) -> dict[str, object]:
    """The counts as a person would make them: every incident of the period read back, its
    deadlines from domain/deadlines.py, each one looked at in turn."""
    values = settings_service.load_settings_in(session)
    rules, zone = rules_from_settings(values), ZoneInfo(values["timezone"])
    start = datetime.combine(first, datetime.min.time(), tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    totals: Counter[str] = Counter()
    stages: dict[str, Counter[str]] = defaultdict(Counter)
    levels: dict[str, Counter[str]] = defaultdict(Counter)
    months: dict[str, Counter[str]] = defaultdict(Counter)
    missing: set[int] = set()
    incidents: Counter[str] = Counter()
    for row in session.scalars(select(Incident).order_by(Incident.id)):
        if row.voided or not start <= row.received_at < end:
            continue
        incidents[f"{row.received_at.astimezone(zone):%Y-%m}"] += 1
        history = tuple((datetime.fromisoformat(a), Level(v)) for a, v in json.loads(row.level_changes))
        reports = tuple(SentReport(Stage(r.stage), Channel(r.channel), r.sent_at) for r in session.scalars(
            select(UpwardReport).where(UpwardReport.incident_id == row.id)))
        closed = row.status == "closed"
        clock = IncidentClock(row.received_at, history or ((row.received_at, Level(row.level)),),
                              not closed, row.casualties_changed_at, reports)
        for deadline in report_deadlines(clock, rules, zone):
            keys = (stages[deadline.kind.value], levels[row.level],
                    months[f"{deadline.due.astimezone(zone):%Y-%m}"], totals)
            if deadline.met_at is not None and deadline.met_at <= at:
                standing = "on_time" if deadline.met_at <= deadline.due else "late"
            elif deadline.due <= at:
                standing = "missing" if closed else "overdue"
                if closed:
                    missing.add(row.id)
            else:
                standing = ""
            for counter in keys:
                counter["due"] += 0
                if standing:
                    counter["due"] += 1
                    counter[standing] += 1

    def plain(counter: Counter[str]) -> dict[str, int]:
        return {k: counter[k] for k in ("due", "on_time", "late", "overdue", "missing")}

    return {"reports": plain(totals), "by_stage": {k: plain(v) for k, v in sorted(stages.items())},
            "by_level": {k: plain(v) for k, v in sorted(levels.items())},
            "by_month": {k: plain(v) for k, v in sorted(months.items())},
            "missing": len(missing), "incidents": dict(sorted(incidents.items()))}


def _as_counted(stats) -> dict[str, object]:
    return {"reports": stats.reports.as_dict(),
            "by_stage": {k: v.as_dict() for k, v in stats.by_stage.items()},
            "by_level": {k: v.as_dict() for k, v in stats.by_level.items()},
            "by_month": {k: v.as_dict() for k, v in stats.on_time_by_month.items()},
            "missing": stats.missing_incidents,
            "incidents": {m: sum(c.values()) for m, c in stats.incidents_by_month.items()}}


@pytest.mark.parametrize("seed", range(4))
def test_the_counted_statistics_equal_a_count_by_hand(backend, seed):
    rng = random.Random(seed)
    at = _random_desk(backend.uow, rng)
    for first, last in (JULY, (date(2026, 6, 28), date(2026, 8, 5)), (date(2026, 7, 15), date(2026, 7, 15))):
        stats = statistics_service.period_statistics(backend.uow, first, last, at)
        with backend.uow.read() as session:
            expected = _by_hand(session, first, last, at)
        assert _as_counted(stats) == expected, (seed, first, last)
    assert not [p for p in integrity_service.run_check(backend.uow, backend.engine).problems
                if "报送时限" in p]


@pytest.fixture
def reported(backend):
    """One incident with a phone report sent late, as the officer recorded it."""
    uow = backend.uow
    received = datetime(2026, 7, 1, 9, 0, tzinfo=Z)
    incident = incident_service.add_incident(
        uow, {"received_at": received.isoformat(), "title": "储罐泄漏", "category": "accident",
              "level": "III"}, now=received + timedelta(minutes=1)).value.id
    upward_reports.record_report(uow, incident, "first", "phone",
                                 sent_at=(received + timedelta(minutes=40)).isoformat(),
                                 now=received + timedelta(minutes=41))
    return incident


def _deadline_problems(backend) -> list[str]:
    return [p for p in integrity_service.run_check(backend.uow, backend.engine).problems if "报送时限" in p]


@pytest.mark.parametrize("statement", [
    "UPDATE report_deadlines SET due_at = met_at WHERE met_at IS NOT NULL",  # a late report made on time
    "DELETE FROM report_deadlines",  # deadlines that vanish are counted nowhere
    "UPDATE upward_reports SET sent_at = (SELECT received_at FROM incidents WHERE id = incident_id)",
    "UPDATE incidents SET level = 'IV', level_changes = '[]'",  # Ⅳ级: no phone report due
])
def test_a_kept_deadline_left_wrong_behind_the_apps_back_is_named_by_check(backend, reported, statement):
    assert _deadline_problems(backend) == []
    with backend.engine.begin() as connection:
        assert connection.execute(text(statement)).rowcount >= 1
    problems = _deadline_problems(backend)
    assert problems == [f"事件 #{reported} 保存的报送时限与按现行报送规则算出的不一致，"
                        "可能被直接改动，统计会算错"]


def test_a_change_of_the_reporting_rules_recounts_past_incidents(backend, reported):
    july = statistics_service.period_statistics(backend.uow, *JULY, datetime(2026, 7, 1, 12, tzinfo=Z))
    assert july.by_stage["phone_report"].late == 1  # Ⅲ级: phone within 30 minutes, sent after 40
    settings_service.save_settings(backend.uow, {"report_phone_larger": 60})
    july = statistics_service.period_statistics(backend.uow, *JULY, datetime(2026, 7, 1, 12, tzinfo=Z))
    assert (july.by_stage["phone_report"].on_time, july.by_stage["phone_report"].late) == (1, 0)
    assert _deadline_problems(backend) == []


BAD_HISTORIES = [
    # a time without a UTC offset: compared with the desk's aware times it raised TypeError
    '[["2026-07-01T01:00:00+00:00", "IV"], ["2026-07-01T10:00:00", "III"]]',
    '[["2026-07-01T01:00:00+00:00", "V"]]',  # a level with no reporting rule
    '[["2026-07-01T03:00:00+00:00", "IV"], ["2026-07-01T01:00:00+00:00", "III"]]',  # backwards
    '{"III": "2026-07-01T01:00:00+00:00"}',
    "[[",
]


@pytest.mark.parametrize("history", BAD_HISTORIES)
def test_an_unreadable_level_history_in_the_desk_is_read_safely_and_named_by_check(
        backend, reported, history):
    """A level history written behind the app's back (or merged before the field rules read
    it as the desk does) stops no page: the incident counts at its present level since it was
    received, and `check` names it."""
    from dutyroom.services import alert_service, handover_service, incident_views

    with backend.engine.begin() as connection:
        connection.execute(text("UPDATE incidents SET level_changes = :h WHERE id = :i"),
                           {"h": history, "i": reported})
    at = datetime(2026, 7, 1, 12, tzinfo=Z)
    detail = incident_views.get_incident(backend.uow, reported)
    assert detail.facts.title == "储罐泄漏"
    assert {a.ref for a in alert_service.alerts_at(backend.uow, at) if a.kind.endswith("report")} \
        <= {reported}
    july = statistics_service.period_statistics(backend.uow, *JULY, at)
    assert july.by_stage["phone_report"].late == 1  # Ⅲ级 as it stands: phone within 30 minutes
    handover_service.handover_view(backend.uow, date(2026, 7, 1), at)
    problems = integrity_service.run_check(backend.uow, backend.engine).problems
    named = [p for p in problems if "级别变更记录无法读取" in p]
    assert len(named) == 1 and f"事件「储罐泄漏」(#{reported})" in named[0], problems
    # The officer changes the level: the history starts again from what it reads as, in order.
    incident_service.update_incident(backend.uow, reported, None, {"level": "II"}, "核定",
                                     now=at)
    with backend.uow.read() as session:
        stored = session.get(Incident, reported).level_changes
    from dutyroom.domain.incidents import level_history
    assert [level for _, level in level_history(stored)] == [Level.III, Level.II]


def test_a_level_change_minutes_after_a_received_time_set_ahead_stays_in_order(backend):
    """Received 4 minutes ahead of the clock (within the tolerance), rated 2 minutes later:
    the change is stamped no earlier than the history's last entry, so the history reads."""
    from dutyroom.domain.incidents import level_history

    now = datetime(2026, 7, 1, 9, 0, tzinfo=Z)
    added = incident_service.add_incident(
        backend.uow, {"received_at": (now + timedelta(minutes=4)).isoformat(), "title": "山体滑坡",
                      "category": "natural_disaster"}, now=now).value.id
    incident_service.update_incident(backend.uow, added, None, {"level": "IV"}, "核定",
                                     now=now + timedelta(minutes=2))
    with backend.uow.read() as session:
        history = level_history(session.get(Incident, added).level_changes)
    assert [level for _, level in history] == [Level.UNRATED, Level.IV]
    assert integrity_service.run_check(backend.uow, backend.engine).ok
