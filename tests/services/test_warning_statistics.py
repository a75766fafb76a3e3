"""Warnings relayed within the limit (预警叫应) in the statistics, counted by the database,
against a small hand-counted set and against the relay board read person by person
(SQLite and PostgreSQL)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from dutyroom.domain.statistics import relay_standing
from dutyroom.services import responsible_service, statistics_service, warning_service
from tests.services.test_warning_services import GOOD, write

NOW = datetime(2026, 7, 1, 18, 40, tzinfo=UTC)  # 02:40 on 2 July at the desk
JULY = (date(2026, 7, 1), date(2026, 7, 31))
LATER = NOW + timedelta(days=1)


def _notice(uow, minutes, colour, villages, issued, **extra):
    at = NOW + timedelta(minutes=minutes)
    return warning_service.add_warning(uow, {
        "issuer": "县气象台", "type": "暴雨", "colour": colour, "issued_at": issued,
        "valid_until": "2026-07-03T20:00", "villages": villages, **extra}, now=at).value.warning.id


def _call(uow, warning_id, name, minutes, answered=True, channel="phone", backup=False):
    at = NOW + timedelta(minutes=minutes)
    warning_service.record_attempt(uow, warning_id, name, channel, answered, at=at, now=at,
                                   backup=backup)


@pytest.fixture
def desk(backend, tmp_path):
    """A red notice for 东村 (due +5 min), a yellow one for the whole town (due +90), a blue
    one with no list, the yellow cancelled, and one red notice in August (outside July)."""
    uow = backend.uow
    responsible_service.import_file(uow, write(tmp_path, GOOD))
    red = _notice(uow, 0, "red", ["东村"], "2026-07-02T02:30")
    _call(uow, red, "张建国", 3)  # in time
    _call(uow, red, "李秀英", 2, answered=False)
    _call(uow, red, "李秀英", 8)  # late
    _call(uow, red, "陈大勇", 4, answered=False)  # never
    yellow = _notice(uow, 60, "yellow", ["全镇"], "2026-07-02T03:30")
    _call(uow, yellow, "刘桂兰", 70, backup=True)  # her AB角 answered: in time
    _call(uow, yellow, "张建国", 100)  # late
    _call(uow, yellow, "李秀英", 65, answered=False, channel="sms")  # a text is no answer: never
    _notice(uow, 120, "blue", ["东村"], "2026-07-02T04:30")
    warning_service.add_warning(uow, {"supersedes": yellow, "action": "cancel",
                                      "issued_at": "2026-07-02T06:00"},
                                now=NOW + timedelta(minutes=200))
    august = NOW + timedelta(days=40)
    warning_service.add_warning(uow, {"issuer": "县气象台", "type": "台风", "colour": "red",
                                      "issued_at": august.isoformat(), "villages": ["西村"]},
                                now=august)
    return backend


def test_hand_counted_relay_figures(desk):
    stats = statistics_service.period_statistics(desk.uow, *JULY, at=LATER)
    w = stats.warnings
    assert (w.received, w.cancelled, w.by_colour) == (3, 1, {"red": 1, "yellow": 1, "blue": 1})
    assert (w.relay.to_reach, w.relay.in_time, w.relay.late, w.relay.never, w.relay.pending) == (
        7, 2, 2, 3, 0)
    assert w.relay.completion_rate == pytest.approx(4 / 7)
    assert w.relay.on_time_rate == pytest.approx(2 / 7)
    assert [(v, t.to_reach, t.in_time, t.late, t.never) for v, t in w.by_village] == [
        ("东村", 5, 1, 2, 2), ("西村", 2, 1, 0, 1)]
    assert {c: (t.to_reach, t.in_time) for c, t in w.relay_by_colour.items()} == {
        "red": (3, 1), "yellow": (4, 1)}
    assert (w.with_list, w.complete) == (2, 0)
    figures = statistics_service.as_json(stats)["warnings"]
    assert (figures["received"], figures["to_reach"], figures["never"]) == (3, 7, 3)
    assert figures["by_village"][0] == {"village": "东村", "to_reach": 5, "in_time": 1, "late": 2,
                                        "never": 2, "pending": 0, "completion_rate": 0.6,
                                        "on_time_rate": 0.2}


def test_as_it_stood_four_minutes_in(desk):
    """Answers after the moment asked about do not count, deadlines not yet come are pending,
    and notices not yet received are not there."""
    w = statistics_service.period_statistics(desk.uow, *JULY, at=NOW + timedelta(minutes=4)).warnings
    assert (w.received, w.by_colour) == (1, {"red": 1})
    assert (w.relay.to_reach, w.relay.in_time, w.relay.late, w.relay.never, w.relay.pending) == (
        3, 1, 0, 0, 2)
    assert w.relay.on_time_rate == 1.0


def test_the_database_count_agrees_with_the_board_read_person_by_person(desk):
    counted = Counter()
    for view in warning_service.list_warnings(desk.uow, at=LATER):
        if view.received_at.month != 7 or view.relay_due is None:
            continue
        for target in warning_service.board(desk.uow, view.id, LATER).targets:
            answers = [a.at for a in target.attempts if a.outcome.value == "answered"]
            counted[relay_standing(view.relay_due, min(answers, default=None), LATER)] += 1
    relay = statistics_service.period_statistics(desk.uow, *JULY, at=LATER).warnings.relay
    assert counted == {"in_time": relay.in_time, "late": relay.late, "never": relay.never}


def test_an_empty_period_says_nothing_came_due(desk):
    w = statistics_service.period_statistics(desk.uow, date(2026, 6, 1), date(2026, 6, 30),
                                             at=LATER).warnings
    assert (w.received, w.relay.to_reach, w.relay.completion_rate) == (0, 0, None)
    assert statistics_service.as_json(
        statistics_service.period_statistics(desk.uow, date(2026, 6, 1), date(2026, 6, 30),
                                             at=LATER))["warnings"]["completion_rate"] is None


def test_the_workbook_has_a_warning_sheet(desk, tmp_path):
    out = tmp_path / "统计.xlsx"
    statistics_service.export_workbook(desk.uow, *JULY, out, at=LATER)
    sheet = load_workbook(out)["预警叫应"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["东村", 5, 1, 2, 2, 0, "60.0%", "20.0%"] in rows
    assert any(r[0] == "合计" and r[1] == 7 for r in rows)


def test_a_notice_cancelled_before_its_deadline_leaves_nobody_unreached(backend, tmp_path):
    """A yellow warning (due in 30 minutes) cancelled 10 minutes in, one person answered:
    the others were no longer to be reached (the board says 不需要), not 未叫醒; an upgrade
    before the deadline likewise hands the unanswered over to the new notice's list, where
    they are counted once."""
    uow = backend.uow
    responsible_service.import_file(uow, write(tmp_path, GOOD))
    yellow = _notice(uow, 0, "yellow", ["西村"], "2026-07-02T02:30")
    _call(uow, yellow, "王德明", 5)
    warning_service.add_warning(uow, {"supersedes": yellow, "action": "cancel",
                                      "issued_at": "2026-07-02T02:50"}, now=NOW + timedelta(minutes=10))
    board = warning_service.board(uow, yellow, LATER)
    assert [t.state_label for t in board.targets] == ["已应答", "不需要"]
    red = _notice(uow, 60, "yellow", ["东村"], "2026-07-02T03:30")
    warning_service.add_warning(uow, {"supersedes": red, "colour": "red",
                                      "issued_at": "2026-07-02T03:45"}, now=NOW + timedelta(minutes=70))
    relay = statistics_service.period_statistics(uow, *JULY, at=LATER).warnings.relay
    # 王德明 in time; the upgraded red's three people never answered (counted once, on it)
    assert (relay.to_reach, relay.in_time, relay.late, relay.never, relay.pending) == (4, 1, 0, 3, 0)
    assert relay_standing(NOW + timedelta(minutes=30), None, LATER,
                          ended=NOW + timedelta(minutes=10)) == "not_needed"
    assert relay_standing(NOW + timedelta(minutes=30), None, LATER,
                          ended=NOW + timedelta(minutes=40)) == "never"
