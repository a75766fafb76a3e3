"""处置要点 on an incident through the services, on SQLite and PostgreSQL: ticking audited,
unticking, refusals, tampering found by check, and the handover carrying what is left."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from dutyroom.domain.playbooks import steps_for
from dutyroom.services import check_service, handover_service, incident_service, playbook_service
from dutyroom.services.errors import InputError

Z = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 7, 1, 3, 20, tzinfo=Z)


def _leak(backend) -> int:
    return incident_service.add_incident(backend.uow, {
        "received_at": "2026-07-01T03:10", "title": "化工厂储罐泄漏", "category": "accident",
        "subtype": "危化品泄漏", "level": "III"}, now=NOW).value.id


def test_a_tick_records_who_and_when_and_the_handover_carries_the_rest(backend):
    incident = _leak(backend)
    steps = steps_for("危化品泄漏")
    after = playbook_service.set_step(backend.uow, incident, steps[1], True,
                                      now=NOW + timedelta(minutes=5))
    assert after.changes.incidents
    ticked = [s for s in after.value if s.done]
    assert [(s.text, s.ticked_by) for s in ticked] == [(steps[1], "tester")]
    assert ticked[0].ticked_at == NOW + timedelta(minutes=5)
    again = playbook_service.set_step(backend.uow, incident, steps[1], True)
    assert not again.changes  # ticking twice records nothing new
    view = handover_service.handover_view(backend.uow, date(2026, 6, 30), NOW + timedelta(hours=1))
    open_items = next(s for s in view.record.sections if s.key == "open_items")
    carried = [line for line in open_items.lines if line.key == f"playbook/{incident}"]
    assert len(carried) == 1
    assert steps[0] in carried[0].cells[1] and steps[1] not in carried[0].cells[1]
    assert carried[0].cells[3] == f"{len(steps) - 1} 项未勾选"
    # as the record stood before the tick, the step was still open
    before = handover_service.handover_view(backend.uow, date(2026, 6, 30),
                                            NOW + timedelta(minutes=2))
    line = next(line for s in before.record.sections for line in s.lines
                if line.key == f"playbook/{incident}")
    assert steps[1] in line.cells[1]
    assert check_service.run_check(backend.uow, backend.engine).ok


def test_unticking_and_refusals(backend):
    incident = _leak(backend)
    step = steps_for("危化品泄漏")[0]
    playbook_service.set_step(backend.uow, incident, step, True, now=NOW)
    off = playbook_service.set_step(backend.uow, incident, step, False, now=NOW)
    assert off.changes and not any(s.done for s in off.value)
    with pytest.raises(InputError) as caught:
        playbook_service.set_step(backend.uow, incident, "顺便买包烟", True)
    assert caught.value.problems[0].field == "step"
    with pytest.raises(InputError):
        playbook_service.set_step(backend.uow, 9999, step, True)
    assert check_service.run_check(backend.uow, backend.engine).ok


def test_check_notices_a_tick_moved_behind_the_app(backend):
    incident = _leak(backend)
    playbook_service.set_step(backend.uow, incident, steps_for("危化品泄漏")[0], True, now=NOW)
    with backend.engine.begin() as connection:
        connection.execute(text("UPDATE playbook_ticks SET ticked_by = 'someone else'"))
    report = check_service.run_check(backend.uow, backend.engine)
    assert not report.ok and any("处置要点" in p for p in report.problems)
