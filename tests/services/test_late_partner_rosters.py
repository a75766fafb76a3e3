"""Before a holiday, a partner department whose 值班备勤表 for it has not arrived by the
desk's own 报备 date is a reminder on 今日值班 and a line in the holiday 报备 list."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from dutyroom.domain import duty_clock
from dutyroom.domain.calendar import DayKind
from dutyroom.domain.partner_duty import LATE_ROSTER_LABEL
from dutyroom.domain.text import Text
from dutyroom.services import (
    alert_service,
    department_service,
    partner_duty_service,
    roster_calendar,
    roster_files,
    settings_service,
)

NEW_YEAR = [date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3)]


def _department(backend, name: str, first_line: bool) -> int:
    return department_service.add_department(backend.uow, {
        "name": name, "duty_phone": "0731-86210000", "first_line": first_line}).value.id


def _put(backend, department_id: int, day: date) -> None:
    partner_duty_service.put_entry(backend.uow, department_id, {
        "duty_date": day.isoformat(), "person": "王建国", "mobile": "13807310001"})


@pytest.fixture
def desk(backend):
    """A first-line fire station, a water company that has sent rosters before, and a
    bureau that never has (it is rung on its 24-hour phone); 元旦 over three days."""
    ids = {"fire": _department(backend, "青山消防救援站", True),
           "water": _department(backend, "青山自来水公司", False),
           "bureau": _department(backend, "镇文化站", False)}
    _put(backend, ids["water"], date(2026, 12, 1))
    for day in NEW_YEAR:
        roster_calendar.set_calendar_day(backend.uow, day, DayKind.HOLIDAY, "元旦")
    with backend.uow.read() as session:
        ctx = settings_service.desk(session)
    return backend, ids, duty_clock.rota_report_due(NEW_YEAR[0], ctx.clock, ctx.zone)


def _late(backend, at) -> list[str]:
    return [str(a.subject) for a in alert_service.alerts_at(backend.uow, at)
            if a.label == LATE_ROSTER_LABEL]


def test_a_roster_not_in_by_the_desks_report_date_is_a_reminder(desk):
    backend, _ids, due = desk
    assert _late(backend, due - timedelta(minutes=1)) == []  # not before the desk's own date
    [reminder] = _late(backend, due + timedelta(minutes=1))
    assert "青山消防救援站" in reminder and "青山自来水公司" in reminder
    assert "镇文化站" not in reminder  # never expected to send one
    alert = next(a for a in alert_service.alerts_at(backend.uow, due) if a.label == LATE_ROSTER_LABEL)
    assert alert.target == "partner" and alert.pressing and isinstance(alert.subject, Text)


def test_the_reminder_lasts_until_every_day_of_the_holiday_is_covered(desk):
    backend, ids, due = desk
    for day in NEW_YEAR:
        _put(backend, ids["fire"], day)
    for day in NEW_YEAR[:2]:  # the third day is missing
        _put(backend, ids["water"], day)
    [reminder] = _late(backend, due + timedelta(hours=1))
    assert "青山自来水公司" in reminder and "青山消防救援站" not in reminder
    _put(backend, ids["water"], NEW_YEAR[2])
    assert _late(backend, due + timedelta(hours=1)) == []


def test_an_inactive_department_is_not_waited_for(desk):
    backend, ids, due = desk
    department_service.set_department_active(backend.uow, ids["fire"], False)
    [reminder] = _late(backend, due + timedelta(hours=1))
    assert "青山消防救援站" not in reminder


def test_the_holiday_report_list_names_the_rosters_not_in(desk):
    backend, ids, _due = desk
    document = roster_files.rota_document(backend.uow, NEW_YEAR[0], NEW_YEAR[-1], "list")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(document.data)).pages)
    assert "联动单位值班备勤表尚未报来" in text.replace("\n", "")
    assert "青山消防救援站" in text and "镇文化站" not in text
    for department in ("fire", "water"):
        for day in NEW_YEAR:
            _put(backend, ids[department], day)
    document = roster_files.rota_document(backend.uow, NEW_YEAR[0], NEW_YEAR[-1], "list")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(document.data)).pages)
    assert "尚未报来" not in text.replace("\n", "")
