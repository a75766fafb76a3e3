"""Report times that cannot certify themselves: a claimed sent time long before the recording
is a 补录 with a reason and both times shown; a received time moved after a report needs a
reason and shows; a received time later than the recording is refused."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from dutyroom.services import (
    handover_service,
    incident_service,
    incident_views,
    settings_service,
    upward_reports,
)
from dutyroom.services.errors import InputError

Z = ZoneInfo("Asia/Shanghai")
RECEIVED = datetime(2026, 7, 1, 3, 0, tzinfo=Z)


@pytest.fixture
def leak(backend):
    return incident_service.add_incident(backend.uow, {
        "received_at": RECEIVED.isoformat(), "title": "化工园区泄漏", "category": "accident",
        "level": "III"}, now=RECEIVED + timedelta(minutes=2)).value.id


def test_a_report_recorded_three_hours_late_is_a_late_entry(backend, leak):
    recorded = RECEIVED + timedelta(hours=3)
    claimed = RECEIVED + timedelta(minutes=10)
    with pytest.raises(InputError, match="补录"):
        upward_reports.record_report(backend.uow, leak, "first", "phone", sent_at=claimed,
                                       now=recorded)
    saved = upward_reports.record_report(backend.uow, leak, "first", "phone", sent_at=claimed,
                                           entry_reason="夜间抢险，事后登记", now=recorded).value
    assert not saved.late  # the claimed time is kept ...
    detail = incident_views.get_incident(backend.uow, leak)
    (report,) = detail.reports
    assert report.recorded_at == recorded  # ... and shown beside the moment of recording
    assert "补录" in report.late_entry and "03:10" in report.late_entry and "06:00" in report.late_entry
    assert "夜间抢险，事后登记" in report.late_entry
    line = next(e for e in detail.timeline if "电话首报" in e.what)
    assert "补录" in line.what and "登记 2026-07-01 06:00" in line.detail
    view = handover_service.handover_view(backend.uow, date(2026, 6, 30), RECEIVED + timedelta(hours=4))
    cell = view.record.section("incidents").lines[0].cells[4]
    assert "补录，登记 07-01 06:00" in cell


def test_the_margin_is_a_setting(backend, leak):
    settings_service.save_settings(backend.uow, {"late_entry_minutes": 240})
    upward_reports.record_report(backend.uow, leak, "first", "phone",
                                   sent_at=RECEIVED + timedelta(minutes=10),
                                   now=RECEIVED + timedelta(hours=3))
    assert incident_views.get_incident(backend.uow, leak).reports[0].late_entry == ""


def test_a_received_time_moved_later_than_its_recording_is_refused(backend, leak):
    """The attack: received two hours ago, edited to five minutes ago, then reported."""
    later = RECEIVED + timedelta(hours=2)
    with pytest.raises(InputError, match="不能晚于这起事件的登记时间"):
        incident_service.update_incident(backend.uow, leak, None,
                                         {"received_at": (later - timedelta(minutes=5)).isoformat()},
                                         now=later)


def test_a_received_time_changed_after_a_report_needs_a_reason_and_shows(backend, leak):
    upward_reports.record_report(backend.uow, leak, "first", "phone",
                                   sent_at=RECEIVED + timedelta(minutes=20),
                                   now=RECEIVED + timedelta(minutes=20))
    earlier = (RECEIVED - timedelta(minutes=30)).isoformat()
    with pytest.raises(InputError, match="更改接报时间须写明原因"):
        incident_service.update_incident(backend.uow, leak, None, {"received_at": earlier},
                                         now=RECEIVED + timedelta(hours=1))
    incident_service.update_incident(backend.uow, leak, None, {"received_at": earlier},
                                     "核对电话记录，实际 02:30 接报", now=RECEIVED + timedelta(hours=1))
    detail = incident_views.get_incident(backend.uow, leak)
    flagged = [e for e in detail.timeline if "接报时间在报送后更正" in e.what]
    assert flagged and "原 2026-07-01 03:00，改为 2026-07-01 02:30" in flagged[0].detail
    view = handover_service.handover_view(backend.uow, date(2026, 6, 30), RECEIVED + timedelta(hours=2))
    assert "接报时间在报送后更正" in view.record.section("incidents").lines[0].cells[1]


def _reports_as_stored(backend, incident_id):
    detail = incident_views.get_incident(backend.uow, incident_id)
    return sorted((r.stage, r.channel, r.sent_at, r.due_at, r.late) for r in detail.reports)


@pytest.mark.parametrize("seed", range(6))
def test_reports_recorded_out_of_order_are_measured_in_the_order_they_were_sent(backend, seed):
    """The same reports recorded in the order they were sent (one incident) and shuffled, as
    补录 and a laptop's merge record them (a twin incident), end with the same deadlines and
    lateness; every correction is in the audit chain, so `check` stays clean."""
    import random

    from dutyroom.services import integrity_service

    rng = random.Random(seed)
    twins = [incident_service.add_incident(backend.uow, {
        "received_at": RECEIVED.isoformat(), "title": f"化工园区泄漏{n}", "category": "accident",
        "level": "II"}, now=RECEIVED + timedelta(minutes=2)).value.id for n in range(2)]
    reports = [(rng.choice(["first", "first", "update"]), rng.choice(["phone", "written"]),
                RECEIVED + timedelta(minutes=rng.randrange(5, 360))) for _ in range(rng.randrange(3, 7))]
    reports.sort(key=lambda r: r[2])
    shuffled = reports[:]
    rng.shuffle(shuffled)
    for incident_id, order in zip(twins, (reports, shuffled), strict=True):
        for stage, channel, sent in order:
            upward_reports.record_report(backend.uow, incident_id, stage, channel, sent_at=sent,
                                         entry_reason="事后补录", now=RECEIVED + timedelta(hours=7))
    assert _reports_as_stored(backend, twins[1]) == _reports_as_stored(backend, twins[0]), shuffled
    assert integrity_service.run_check(backend.uow, backend.engine).ok
