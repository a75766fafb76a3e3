"""What the duty clock's use cases read: a duty day's seats, sign-ins, presence prompts and
spot checks, and who is at the desk.

今日值班, the clock log, the handover record, the alerts and the statistics all read the
same shift: the seats that sign in, the check-ins made, the presence prompts with their
answers and the spot checks from above. They live here once, as session-level readers
taking an open session, so no use-case module borrows another's private helpers. What
people did is written by shift_service.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db.models import CheckIn, SpotCheck, Staff
from dutyroom.domain import duty_clock
from dutyroom.domain.calendar import DayInfo
from dutyroom.domain.deadlines import AlertState, timed_state
from dutyroom.domain.duty_clock import SPOT_CHANNEL_LABELS, SPOT_OUTCOME_LABELS, ClockRules
from dutyroom.domain.roster import Seat
from dutyroom.domain.text import label_of
from dutyroom.domain.tiers import Tier
from dutyroom.services.roster_records import Rota, StaffBrief, rota_in
from dutyroom.services.settings_service import Desk, desk

SHIFT, PRESENCE = "shift", "presence"


# --- what the pages get back ------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInView:
    id: int
    kind: str
    day: date
    tier: Tier
    due_at: datetime
    confirmed_at: datetime
    staff_name: str
    rostered_name: str
    note: str
    recorded_by: str
    staff_id: int | None = None  # who signed in or confirmed
    slot: int = 0  # the seat signed for: the second officer of a two-officer day is 1

    @property
    def seat(self) -> Seat:
        return Seat(self.tier, self.slot)

    @property
    def late(self) -> bool:
        return self.confirmed_at > self.due_at

    @property
    def substitute(self) -> bool:
        return bool(self.rostered_name) and self.rostered_name != self.staff_name

    def describe(self) -> str:
        text = f"{self.confirmed_at:%H:%M} {self.staff_name}"
        if self.substitute:
            text += f"（替 {self.rostered_name}）"
        return text + ("，迟签" if self.late else "")


@dataclass(frozen=True)
class SlotView:
    """One seat of today's rota (a tier; each officer of a two-officer day) with its sign-in."""

    seat: Seat
    staff: StaffBrief | None
    must_check_in: bool
    opens: datetime
    due: datetime
    checkin: CheckInView | None

    @property
    def tier(self) -> Tier:
        return self.seat.tier

    def state(self, at: datetime) -> AlertState | None:
        if not self.must_check_in:
            return None
        return timed_state(self.opens, self.due,
                           self.checkin.confirmed_at if self.checkin else None, at)


@dataclass(frozen=True)
class PromptView:
    asked_at: datetime
    due: datetime
    confirmation: CheckInView | None


@dataclass(frozen=True)
class SpotCheckView:
    id: int
    at: datetime
    checker: str
    channel: str
    answered_by: str
    within_rule: bool
    outcome: str
    result: str
    recorded_by: str

    @property
    def channel_label(self) -> str:
        return label_of(SPOT_CHANNEL_LABELS, self.channel)

    @property
    def outcome_label(self) -> str:
        return label_of(SPOT_OUTCOME_LABELS, self.outcome)


@dataclass(frozen=True)
class ShiftView:
    """A duty day as 今日值班 shows it."""

    day: date
    info: DayInfo
    periods: tuple[str, ...]
    start: datetime
    end: datetime
    slots: list[SlotView]
    prompts: list[PromptView]
    spot_checks: list[SpotCheckView]
    rules: ClockRules


# --- reading ----------------------------------------------------------------------------------


def checkin_view(row: CheckIn, names: Mapping[int, str]) -> CheckInView:
    assert row.confirmed_at is not None
    return CheckInView(row.id, row.kind, row.day, Tier(row.tier), row.due_at, row.confirmed_at,
                       names.get(row.staff_id or 0, ""), names.get(row.rostered_staff_id or 0, ""),
                       row.note, row.recorded_by, row.staff_id, row.slot)


def staff_names_in(session: Session) -> dict[int, str]:
    return {staff_id: name for staff_id, name in session.execute(select(Staff.id, Staff.name))}


def confirmations(session: Session, first: date, last: date) -> list[CheckIn]:
    return list(session.scalars(select(CheckIn).where(
        CheckIn.day >= first, CheckIn.day <= last, CheckIn.confirmed_at.is_not(None))
        .order_by(CheckIn.confirmed_at)))


def spot_view(row: SpotCheck) -> SpotCheckView:
    return SpotCheckView(row.id, row.at, row.checker, row.channel, row.answered_by,
                         row.within_rule, row.outcome, row.result, row.recorded_by)


def spot_checks_in(session: Session, start: datetime, end: datetime) -> list[SpotCheckView]:
    rows = session.scalars(select(SpotCheck).where(SpotCheck.at >= start, SpotCheck.at < end)
                           .order_by(SpotCheck.at))
    return [spot_view(r) for r in rows]


def checkin_seats(rota: Rota, day: date, rules: ClockRules) -> tuple[Seat, ...]:
    """The seats that sign in on `day`: those the day needs, of the tiers the desk asks to
    sign (each officer of a two-officer day signs for their own seat)."""
    return tuple(s for s in rota.plan(day).seats if s.tier in rules.checkin_tiers)


def shift_view_in(session: Session, day: date, ctx: Desk | None = None) -> ShiftView:
    ctx = ctx or desk(session)
    rota = rota_in(session, day, day)
    plan = rota.plan(day)
    names = staff_names_in(session)
    rows = confirmations(session, day, day)
    shifts = {Seat(Tier(r.tier), r.slot): checkin_view(r, names) for r in rows if r.kind == SHIFT}
    presence = {r.due_at: checkin_view(r, names) for r in rows if r.kind == PRESENCE}
    opens, due = duty_clock.checkin_window(day, ctx.clock, ctx.zone)
    signing = checkin_seats(rota, day, ctx.clock)
    slots = [SlotView(seat, rota.slots.get((day, seat)), seat in signing, opens, due,
                      shifts.get(seat)) for seat in plan.seats]
    prompts = [PromptView(asked, by, presence.get(by))
               for asked, by in duty_clock.presence_prompts(day, ctx.clock, ctx.zone)]
    start, end = duty_clock.shift_span(day, ctx.clock, ctx.zone)
    return ShiftView(day, plan.info, plan.periods, start, end, slots, prompts,
                     spot_checks_in(session, start, end), ctx.clock)


# --- who is at the desk -----------------------------------------------------------------------


def shift_officers(session: Session, day: date) -> list[int]:
    """Who is at the desk, seat by seat: the officer who signed in for it, else the one on
    the rota (one person, or two on a two-officer day)."""
    signed = {slot: staff_id for slot, staff_id in session.execute(
        select(CheckIn.slot, CheckIn.staff_id).where(
            CheckIn.kind == SHIFT, CheckIn.day == day, CheckIn.tier == Tier.OFFICER.value))}
    rota = rota_in(session, day, day)
    seats = {seat.index for seat in rota.plan(day).seats if seat.tier is Tier.OFFICER}
    seats |= {seat.index for (_d, seat) in rota.slots if seat.tier is Tier.OFFICER} | set(signed)
    out: list[int] = []
    for index in sorted(seats):
        person = signed.get(index)
        if person is None and (held := rota.slots.get((day, Seat(Tier.OFFICER, index)))):
            person = held.id
        if person is not None and person not in out:
            out.append(person)
    return out
