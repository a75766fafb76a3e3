"""The printed 接班签到和上级查岗记录 over a range of shifts: who signed in for each seat and
when, how many presence prompts were answered, and every spot check from above.

Its own module because it is a printout: the check-ins themselves are recorded by
shift_service.py, which 今日值班 loads at start, and this one (with the printout's content
and ReportLab) only when someone asks for the record.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from dutyroom.domain.calendar import period_title
from dutyroom.domain.local_time import minute_text
from dutyroom.domain.roster import TIER_ORDER
from dutyroom.reports.content import ClockLog, Document, LogRow
from dutyroom.services.records import utc_now
from dutyroom.services.roster_calendar import check_range
from dutyroom.services.settings_service import desk
from dutyroom.services.shift_records import ShiftView, SlotView, shift_view_in, spot_checks_in
from dutyroom.services.uow import UnitOfWork


def _sign_in_cell(slot: SlotView, now: datetime) -> tuple[str, bool]:
    if slot.checkin is not None:
        return slot.checkin.describe(), slot.checkin.late
    who = slot.staff.name if slot.staff else "未排班"
    return (f"{who} 未签到", True) if now > slot.due else (f"{who} 待签到", False)


def _presence_cell(shift: ShiftView, now: datetime, zone: Any) -> tuple[str, bool]:
    asked = [p for p in shift.prompts if p.asked_at <= now]
    if not shift.prompts:
        return "—", False
    missed = [p for p in asked if p.confirmation is None and now > p.due]
    text = f"{len(asked) - len(missed)}/{len(shift.prompts)} 已确认"
    if missed:
        text += "，未确认 " + "、".join(f"{p.asked_at.astimezone(zone):%H:%M}" for p in missed)
    return text, bool(missed)


def clock_log_document(uow: UnitOfWork, start: date, end: date,
                       at: datetime | None = None) -> Document:
    """接班签到和上级查岗记录 of the shifts starting from `start` to `end`."""
    moment = utc_now(at)
    check_range(start, end)
    with uow.read() as session:
        ctx = desk(session)
        shifts = [shift_view_in(session, start + timedelta(days=n), ctx)
                  for n in range((end - start).days + 1)]
        first, last = shifts[0].start, shifts[-1].end
        spots = spot_checks_in(session, first, last)
    seats = sorted({s.seat for v in shifts for s in v.slots if s.must_check_in},
                   key=lambda seat: (TIER_ORDER.index(seat.tier), seat.index))
    days = []
    for shift in shifts:
        slots = {s.seat: s for s in shift.slots if s.must_check_in}
        cells, alert = [f"{shift.day:%m-%d} {shift.info.weekday_label}"], False
        for seat in seats:
            text, late = _sign_in_cell(slots[seat], moment) if seat in slots else ("—", False)
            cells.append(text)
            alert = alert or late
        text, missed = _presence_cell(shift, moment, ctx.zone)
        days.append(LogRow((*cells, text), alert or missed))
    spot_rows = tuple(LogRow((f"{s.at.astimezone(ctx.zone):%m-%d %H:%M}", s.checker, s.channel_label,
                              s.answered_by, "是" if s.within_rule else "否",
                              "；".join(x for x in (s.outcome_label, s.result) if x), s.recorded_by),
                             not s.within_rule or s.outcome != "ok") for s in spots)
    log = ClockLog(ctx.unit_name, ctx.desk_name, period_title(start, end),
                   tuple(seat.label for seat in seats), tuple(days), spot_rows)
    from dutyroom.reports.clock_log_pdf import (
        clock_log_pdf,  # ReportLab loads on the first printout, not at start
    )

    return clock_log_pdf(log, minute_text(moment, ctx.zone))
