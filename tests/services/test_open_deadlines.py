"""The alert list's open deadlines, read as plain columns (incident_records.open_deadlines_in),
against the computation from ORM rows they replaced.

Seeded random desks — incidents of every level, level and casualty changes, reports sent in
and out of order (补录), dispatches to first-line and other departments with and without
arrival, orders stated earlier than ones already recorded, closings, reopenings and voids —
must give the same deadlines in the same order, down to two arrivals due at the same minute
(the one ordered first comes first, as before). On SQLite and PostgreSQL. A stored time that
does not read is refused by both alike.
"""

from __future__ import annotations

import random
from contextlib import suppress
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text

from dutyroom.db.models import Incident
from dutyroom.db.types import UnreadableTime
from dutyroom.domain.contacts import validate_department
from dutyroom.services import department_service, dispatch_service, incident_service, upward_reports
from dutyroom.services.errors import InputError
from dutyroom.services.incident_records import (
    OPEN_STATUSES,
    DeadlineView,
    dispatch_deadlines,
    dispatches_of,
    open_deadlines_in,
    report_deadlines_of,
    reports_of,
)
from dutyroom.services.settings_service import desk

Z = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 7, 1, 8, 0, tzinfo=Z)
LEVELS = ("I", "II", "III", "IV", "unrated")
REPORTS = (("first", "phone"), ("first", "written"), ("update", "written"), ("update", "phone"))


def _as_before(session, d) -> list[DeadlineView]:
    """open_deadlines_in as it was, from ORM rows (3f806f3)."""
    rows = list(session.scalars(select(Incident).where(
        Incident.voided.is_(False), Incident.status.in_(OPEN_STATUSES))))
    ids = [r.id for r in rows]
    reports, dispatches = reports_of(session, ids), dispatches_of(session, ids)
    views: list[DeadlineView] = []
    for row in rows:
        for deadline in report_deadlines_of(row, reports[row.id], d):
            views.append(DeadlineView.of(deadline, row.id, row.title))
        for deadline in dispatch_deadlines(row, dispatches[row.id]):
            views.append(DeadlineView.of(deadline, row.id, f"{row.title}（{deadline.note}）"))
    return sorted(views, key=lambda v: v.due)


def _both(backend) -> tuple[list[DeadlineView], list[DeadlineView]]:
    """Old and new; the order of two incidents' deadlines due at the same moment was the
    database's before as now, so ties are put in incident order (an incident's own stay)."""
    with backend.uow.read() as session:
        d = desk(session)
        old, new = _as_before(session, d), open_deadlines_in(session, d)
    return (sorted(old, key=lambda v: (v.due, v.ref)), sorted(new, key=lambda v: (v.due, v.ref)))


def _departments(backend) -> list[int]:
    made = []
    for n, first_line in enumerate((True, False, True, False)):
        fields = validate_department(name=f"联动单位{n}", duty_phone="0731-86210119",
                                     liaison_name="田振华", liaison_mobile="13707310102",
                                     first_line=first_line)
        made.append(department_service.add_department(backend.uow, fields.__dict__).value.id)
    return made


def _random_desk(backend, rng: random.Random, departments: list[int]) -> None:
    uow = backend.uow
    for n in range(rng.randint(4, 8)):
        received = START + timedelta(minutes=rng.randint(0, 3 * 24 * 60))
        moment = received + timedelta(minutes=1)
        incident = incident_service.add_incident(
            uow, {"received_at": received.isoformat(), "title": f"事件{n}", "category": "accident",
                  "level": rng.choice(LEVELS)}, now=moment).value.id
        orders: list[int] = []
        for _ in range(rng.randint(0, 9)):
            moment += timedelta(minutes=rng.randint(1, 90))
            step = rng.random()
            if step < 0.35:
                stage, channel = rng.choice(REPORTS)
                sent = moment - timedelta(minutes=rng.choice((0, 0, 5, 30, 200)))  # some 补录
                upward_reports.record_report(uow, incident, stage, channel,
                                             sent_at=max(sent, received).isoformat(),
                                             entry_reason="补录：电话报送后登记", now=moment)
            elif step < 0.6:
                chosen = rng.sample(departments, rng.randint(1, 2))
                # An order stated up to 10 minutes back: a first-line order stated 10 minutes
                # after another department's falls due at the same minute.
                stated = max(moment - timedelta(minutes=rng.choice((0, 10))), received)
                with suppress(InputError):  # to a department already there: refused, nothing made
                    orders += dispatch_service.dispatch(uow, incident, chosen,
                                                        ordered_at=stated.isoformat(),
                                                        now=moment).value
            elif step < 0.75 and orders:
                dispatch_service.record_feedback(
                    uow, rng.choice(orders), "arrived",
                    at=(moment - timedelta(minutes=rng.randint(0, 5))).isoformat(), now=moment)
            elif step < 0.85:
                incident_service.update_incident(uow, incident, None, {"level": rng.choice(LEVELS)},
                                                 now=moment)
            elif step < 0.92:
                incident_service.update_incident(uow, incident, None,
                                                 {"injured": rng.randint(1, 5)}, now=moment)
            else:
                upward_reports.record_report(uow, incident, "final", "written",
                                             sent_at=moment.isoformat(), now=moment)
                incident_service.change_status(uow, incident, None, "closed", now=moment)
                if rng.random() < 0.3:
                    moment += timedelta(minutes=5)
                    incident_service.change_status(uow, incident, None, "handling", note="复核",
                                                   now=moment)
                else:
                    break
        if rng.random() < 0.15:
            incident_service.void_incident(uow, incident, None, "重复登记", now=moment)


@pytest.mark.parametrize("seed", range(6))
def test_the_open_deadlines_read_as_columns_are_those_read_as_rows(backend, seed):
    rng = random.Random(seed)
    departments = _departments(backend)
    _random_desk(backend, rng, departments)
    old, new = _both(backend)
    assert new == old
    assert old  # the desk has open deadlines to compare


def test_two_arrivals_due_at_the_same_minute_keep_the_order_they_were_given(backend):
    """A first-line order recorded first but stated at 10:10 and another department's stated
    at 10:00 (recorded after it) both fall due at 10:40: the one ordered first is listed
    first, as before, whichever was recorded first."""
    fire, water = _departments(backend)[:2]
    received = datetime(2026, 7, 1, 9, 50, tzinfo=Z)
    incident = incident_service.add_incident(
        backend.uow, {"received_at": received.isoformat(), "title": "山体滑坡",
                      "category": "accident", "level": "IV"}, now=received).value.id
    late = datetime(2026, 7, 1, 10, 15, tzinfo=Z)
    dispatch_service.dispatch(backend.uow, incident, [fire], ordered_at="2026-07-01T10:10", now=late)
    dispatch_service.dispatch(backend.uow, incident, [water], ordered_at="2026-07-01T10:00", now=late)
    old, new = _both(backend)
    arrivals = [v.subject for v in new if v.kind == "dispatch_arrival"]
    assert arrivals == ["山体滑坡（联动单位1）", "山体滑坡（联动单位0）"]
    assert new == old


def test_a_stored_time_that_does_not_read_is_refused_by_both(sqlite_backend):
    """2026-02-30 written into an open incident's receipt behind the app's back: neither
    reading makes up a deadline from it; both say the time does not read."""
    incident = incident_service.add_incident(
        sqlite_backend.uow, {"received_at": START.isoformat(), "title": "事件",
                             "category": "accident", "level": "III"}, now=START).value.id
    with sqlite_backend.engine.begin() as connection:
        connection.execute(text("UPDATE incidents SET received_at = '2026-02-30 25:00:00' "
                                "WHERE id = :id"), {"id": incident})
    with sqlite_backend.uow.read() as session:
        d = desk(session)
        with pytest.raises(UnreadableTime):
            _as_before(session, d)
        with pytest.raises(UnreadableTime):
            open_deadlines_in(session, d)
