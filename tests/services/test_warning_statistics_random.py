"""Warnings relayed within the limit, counted by the statistics' SQL, against an independent
count read person by person from the relay boards, on seeded random desks: several
warnings, threads upgraded, updated and cancelled (before and after their deadline), AB角
answers, texts and group posts, calls in time and late, a period whose edge cuts through a
thread at the desk's midnight (SQLite and PostgreSQL)."""

from __future__ import annotations

import contextlib
import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from dutyroom.domain.warnings import RowState
from dutyroom.services import responsible_service, statistics_service, warning_service
from dutyroom.services.errors import InputError
from tests.services.test_warning_services import GOOD, write

START = datetime(2026, 7, 31, 15, 0, tzinfo=UTC)  # 23:00 on 31 July at the desk (UTC+8)
ZONE_HOURS = 8


def _local(moment: datetime) -> str:
    return (moment + timedelta(hours=ZONE_HOURS)).replace(tzinfo=None).isoformat(timespec="minutes")


def _seed(uow, rng: random.Random) -> datetime:
    """Warnings and calls at increasing times around midnight of 31 July → 1 August."""
    clock = START
    names = [row[2] for row in GOOD]
    for _ in range(rng.randint(2, 5)):
        clock += timedelta(minutes=rng.randint(1, 40))
        colour = rng.choice(["red", "orange", "yellow", "yellow", "blue"])
        notice = warning_service.add_warning(uow, {
            "issuer": "县气象台", "type": "暴雨", "colour": colour, "issued_at": _local(clock),
            "valid_until": _local(clock + timedelta(hours=rng.choice([1, 12]))),
            "villages": rng.choice([["东村"], ["西村"], ["全镇"]])}, now=clock).value.warning
        for _step in range(rng.randint(0, 3)):  # later notices of the thread
            for _call in range(rng.randint(0, 6)):
                clock += timedelta(minutes=rng.randint(0, 12))
                name = rng.choice(names)
                channel = rng.choice(["phone", "phone", "phone", "sms", "wechat", "visit"])
                # not on this list, no AB角, or the notice ended: the app refuses, and so on
                with contextlib.suppress(InputError):
                    warning_service.record_attempt(uow, notice.id, name, channel,
                                                   rng.random() < 0.6, at=clock, now=clock,
                                                   backup=rng.random() < 0.15)
            clock += timedelta(minutes=rng.randint(1, 50))
            kind = rng.choice(["cancel", "update", "upgrade"])
            values = {"supersedes": notice.id, "issued_at": _local(clock)}
            if kind == "cancel":
                values["action"] = "cancel"
            elif kind == "upgrade":
                values["colour"] = rng.choice(["red", "orange", "yellow"])
            try:
                notice = warning_service.add_warning(uow, values, now=clock).value.warning
            except InputError:
                break  # expired or nobody to reach: the thread ends here
            if kind == "cancel":
                break
    return clock + timedelta(hours=2)


def _from_the_boards(uow, first: date, last: date, as_of: datetime) -> Counter[str]:
    """Each person on the list of a notice received in the period, where the board says they
    stand: reached in time or late; not reached although their deadline came while the
    relay was still open (未叫醒); not reached with the deadline ahead. Someone the board
    shows as 不需要 because the relay ended (解除, a later notice, past validity) before
    their deadline came is not to be reached and is left out."""
    start = datetime(first.year, first.month, first.day, tzinfo=UTC) - timedelta(hours=ZONE_HOURS)
    end = datetime(last.year, last.month, last.day, tzinfo=UTC) + timedelta(days=1, hours=-ZONE_HOURS)
    counted: Counter[str] = Counter()
    for view in warning_service.list_warnings(uow, at=as_of):
        if not start <= view.received_at < end or view.relay_due is None:
            continue
        board = warning_service.board(uow, view.id, as_of)
        later = [v.received_at for v in board.thread if v.id > view.id and v.received_at <= as_of]
        ended = min([*later, *([view.valid_until] if view.valid_until else [])], default=None)
        for target in board.targets:
            if not target.reached and target.row.state == RowState.NOT_NEEDED \
                    and ended is not None and ended < view.relay_due:
                continue  # the relay ended before their deadline: nobody's to reach them now
            counted["to_reach"] += 1
            if target.reached:
                assert target.row.reached_at is not None
                counted["in_time" if target.row.reached_at <= view.relay_due else "late"] += 1
            elif view.relay_due <= as_of:
                counted["never"] += 1
            else:
                counted["pending"] += 1
    return counted


@pytest.mark.parametrize("seed", range(12))
def test_statistics_agree_with_the_boards_on_random_desks(backend, tmp_path, seed):
    responsible_service.import_file(backend.uow, write(tmp_path, GOOD))
    as_of = _seed(backend.uow, random.Random(seed))
    for first, last in ((date(2026, 7, 1), date(2026, 7, 31)), (date(2026, 8, 1), date(2026, 8, 1)),
                        (date(2026, 7, 31), date(2026, 8, 31))):
        relay = statistics_service.period_statistics(backend.uow, first, last, at=as_of).warnings.relay
        figures = {k: v for k, v in relay.as_dict().items() if not k.endswith("_rate") and v}
        assert figures == dict(_from_the_boards(backend.uow, first, last, as_of)), (seed, first)
