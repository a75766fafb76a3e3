"""Roster rules: which tiers each day needs, who may fill a slot, the checker and the greedy.

Hard rules (never broken by a generator): only active people of the slot's tier (a
chief may lead only if the desk allows it); nobody on duty twice within the rest period;
nobody during recorded leave; existing assignments are kept. They are held by one object,
`HardRules`, that the checker, the greedy below and the exact generator
(domain/rota_solver.py) all read, so none of them can disagree about what is allowed.
Soft goals: even counts within a tier, separately for workdays, weekends and holidays
(holidays first, being the heaviest), counting earlier duties too; a stable rotation so
people can predict their turn. The greedy is fast and predictable but can leave slots empty
that a better rota fills: it is the exact generator's starting point and its fallback.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from dutyroom.domain.calendar import DayInfo, DayKind
from dutyroom.domain.contacts import normalize_mobile
from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.errors import FieldError
from dutyroom.domain.text import Verbatim, joined, sentence
from dutyroom.domain.tiers import Tier, parse_tier

TIER_ORDER = (Tier.CHIEF, Tier.LEADER, Tier.OFFICER)


class Category(StrEnum):
    """Fairness buckets: a holiday duty is not worth the same as a Tuesday."""

    WORKDAY = "workday"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"

    @property
    def label(self) -> str:
        return {"workday": "工作日", "weekend": "周末", "holiday": "节假日"}[self.value]


def category(kind: DayKind) -> Category:
    if kind is DayKind.HOLIDAY:
        return Category.HOLIDAY
    if kind is DayKind.WEEKEND:
        return Category.WEEKEND
    return Category.WORKDAY


MAX_OFFICERS = 3  # officers (值班员) a day may need: the settings' upper bound
ORDINALS = "一二三"


def ordinal(index: int) -> str:
    """一, 二, 三 for the first three seats of a tier (counted from 0); a seat past them,
    which only an edited or foreign database can hold, is numbered rather than refused, so
    a page or printout that shows it still opens."""
    return ORDINALS[index] if 0 <= index < len(ORDINALS) else str(index + 1)


class Seat(NamedTuple):
    """One place on a day's rota: a tier and which of that tier's people it is, counted
    from 0. Chiefs and leaders have one seat a day; a day may need several officers (two in
    a sensitive period by default), each a seat of its own: Seat(OFFICER, 1) is the second."""

    tier: Tier
    index: int = 0  # type: ignore[assignment]  # the field shadows tuple.index, on purpose

    @property
    def label(self) -> str:
        """值班员, and for the second 值班员（二）: what the grid, the panel and the files say."""
        return self.tier.label if not self.index else f"{self.tier.label}（{ordinal(self.index)}）"


SEAT_LABELS = [Seat(Tier.OFFICER, i).label for i in range(1, MAX_OFFICERS)]


@dataclass(frozen=True)
class RosterRules:
    workday: tuple[Tier, ...] = (Tier.LEADER, Tier.OFFICER)
    weekend: tuple[Tier, ...] = (Tier.LEADER, Tier.OFFICER)
    holiday: tuple[Tier, ...] = (Tier.CHIEF, Tier.LEADER, Tier.OFFICER)
    sensitive: tuple[Tier, ...] = (Tier.CHIEF, Tier.LEADER, Tier.OFFICER)
    chief_may_lead: bool = False
    min_rest_days: int = 1  # whole days off between two duties; 1 = never two days running
    # Officers on duty per kind of day; two in sensitive periods (粤府办〔2012〕55号).
    officers_workday: int = 1
    officers_weekend: int = 1
    officers_holiday: int = 1
    officers_sensitive: int = 2

    def required(self, info: DayInfo, sensitive: bool) -> tuple[Tier, ...]:
        by_kind = {Category.WORKDAY: self.workday, Category.WEEKEND: self.weekend,
                   Category.HOLIDAY: self.holiday}[category(info.kind)]
        wanted = set(by_kind) | (set(self.sensitive) if sensitive else set())
        return tuple(t for t in TIER_ORDER if t in wanted)

    def officers(self, info: DayInfo, sensitive: bool) -> int:
        """How many officers the day needs: its kind's number, or the sensitive period's
        where that is more."""
        by_kind = {Category.WORKDAY: self.officers_workday, Category.WEEKEND: self.officers_weekend,
                   Category.HOLIDAY: self.officers_holiday}[category(info.kind)]
        return max(by_kind, self.officers_sensitive) if sensitive else by_kind

    def seats(self, info: DayInfo, sensitive: bool) -> tuple[Seat, ...]:
        """Every place the day needs filled, in rank order: one per tier, and as many
        officers as `officers` says."""
        return tuple(Seat(tier, index) for tier in self.required(info, sensitive)
                     for index in range(self.officers(info, sensitive)
                                        if tier is Tier.OFFICER else 1))

    def may_fill(self, person_tier: Tier, slot: Tier) -> bool:
        return person_tier is slot or (
            self.chief_may_lead and slot is Tier.LEADER and person_tier is Tier.CHIEF)


def rules_from_settings(values: DeskSettings | Mapping[str, object]) -> RosterRules:
    """The desk's roster rules from its settings (domain/settings.py holds the defaults)."""
    s = DeskSettings.of(values)
    return RosterRules(
        workday=parse_tiers(s.tiers_workday, "tiers_workday"),
        weekend=parse_tiers(s.tiers_weekend, "tiers_weekend"),
        holiday=parse_tiers(s.tiers_holiday, "tiers_holiday"),
        sensitive=parse_tiers(s.tiers_sensitive, "tiers_sensitive"),
        chief_may_lead=bool(s.chief_may_lead),
        min_rest_days=int(s.min_rest_days),
        officers_workday=int(s.officers_workday),
        officers_weekend=int(s.officers_weekend),
        officers_holiday=int(s.officers_holiday),
        officers_sensitive=int(s.officers_sensitive),
    )


def parse_tier_list(text: object, field_name: str) -> tuple[Tier, ...]:
    """"leader,officer" or "带班领导、值班员" → the tiers in rank order."""
    normalised = str(text or "").replace("，", ",").replace("、", ",")
    try:
        tiers = {parse_tier(p) for p in normalised.split(",") if p.strip()}
    except FieldError as error:
        raise FieldError(field_name, error.message) from None
    return tuple(t for t in TIER_ORDER if t in tiers)


def parse_tiers(text: object, field_name: str) -> tuple[Tier, ...]:
    """The tiers on duty on a kind of day; a leader is always required (docs/rules.md)."""
    tiers = parse_tier_list(text, field_name)
    if Tier.LEADER not in tiers:
        raise FieldError(field_name, sentence("每天都必须有带班领导在岗"))
    return tiers


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    tier: Tier
    mobile: str
    active: bool = True


class LeaveKind(StrEnum):
    """What a leave record says: the first four keep a person off the rota, a request
    (尽量不排) is a wish the generators honour where the rules allow."""

    LEAVE = "leave"
    BUSINESS_TRIP = "business_trip"
    TRAINING = "training"
    OTHER = "other"
    REQUEST = "request"


LEAVE_LABELS = {LeaveKind.LEAVE: "请假", LeaveKind.BUSINESS_TRIP: "出差",
                LeaveKind.TRAINING: "培训", LeaveKind.OTHER: "其他", LeaveKind.REQUEST: "尽量不排"}
SOFT_KINDS = frozenset({LeaveKind.REQUEST})


class ChangeKind(StrEnum):
    """Why a seat changed hands by hand, as the roster_changes history records it."""

    ASSIGN = "assign"
    SWAP = "swap"
    SUBSTITUTE = "substitute"
    CLEAR = "clear"


CHANGE_LABELS = {ChangeKind.ASSIGN: "安排", ChangeKind.SWAP: "换班", ChangeKind.SUBSTITUTE: "代班",
                 ChangeKind.CLEAR: "取消"}


def check_hand_change(kind: str, reason: str) -> ChangeKind:
    """A hand change is of a known kind, and a swap or a substitute (换班、代班) says why:
    the record is what the office shows when asked who moved a duty."""
    try:
        change = ChangeKind(kind)
    except ValueError:
        raise FieldError("kind", sentence("未知的变更类型「{0}」", kind)) from None
    if change in (ChangeKind.SWAP, ChangeKind.SUBSTITUTE) and not reason.strip():
        raise FieldError("reason", sentence("换班、代班须填写原因"))
    return change


def check_substitute(on_duty: int | None, stand_in: int | None) -> None:
    """A substitute (代班) stands in for the person on duty: the seat has one, and the stand-in
    is a person. Filling an empty seat or emptying one is 安排 or 取消, which needs the right
    to edit the rota, not only the right to approve."""
    if on_duty is None:
        raise FieldError("kind", sentence("这个班次还没有人值班，谈不上代班：请用「安排 / 更换」"))
    if stand_in is None:
        raise FieldError("staff_id", sentence("代班须选定代值此班的人"))


def check_approver(approver_staff_id: int | None, involved: Iterable[int | None]) -> None:
    """Whoever approves a swap or a substitute (换班、代班) is the account logged in with the
    right to approve, never a name typed in — and never one of the people it moves: nobody
    approves their own swap. An account mapped to no staff member moves nobody's duty."""
    if approver_staff_id is not None and approver_staff_id in set(involved):
        raise FieldError("approved_by", sentence(
            "不能批准涉及自己的换班或代班，请由另一位有批准权限的领导登录后批准"))


@dataclass(frozen=True)
class Absence:
    """Leave or unavailability (请假, 出差, 培训), inclusive dates; or, of a soft kind, days a
    person asks not to be on (a child's exam day), which binds nobody."""

    staff_id: int
    start: date
    end: date
    kind: str = "leave"

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def soft(self) -> bool:
        return self.kind in SOFT_KINDS


def _by_person(absences: Iterable[Absence]) -> dict[int, tuple[Absence, ...]]:
    grouped: dict[int, list[Absence]] = {}
    for absence in absences:
        grouped.setdefault(absence.staff_id, []).append(absence)
    return {staff_id: tuple(items) for staff_id, items in grouped.items()}


class Barrier(StrEnum):
    """Why a person may not stand in a slot on a day, whatever else is on the rota."""

    INACTIVE = "inactive"
    TIER = "tier"
    LEAVE = "leave"


@dataclass(frozen=True)
class HardRules:
    """The hard rules of one rota as the checker and both generators read them.

    Two questions decide every hard rule: may this person stand in this slot on this day
    at all (`barrier`), and are two duty days of one person too close (`too_close`; the
    same day counts as too close, so one slot a day is the same rule with rest 0).
    """

    rules: RosterRules
    people: Mapping[int, Person]
    leave: Mapping[int, tuple[Absence, ...]]  # hard absences only
    requests: Mapping[int, tuple[Absence, ...]]  # soft: days a person asked not to be on

    @classmethod
    def of(cls, rules: RosterRules, people: Iterable[Person],
           absences: Iterable[Absence]) -> HardRules:
        absences = list(absences)
        return cls(rules, {p.id: p for p in people},
                   _by_person(a for a in absences if not a.soft),
                   _by_person(a for a in absences if a.soft))

    @property
    def rest(self) -> int:
        return self.rules.min_rest_days

    def on_leave(self, staff_id: int, day: date) -> bool:
        return any(a.covers(day) for a in self.leave.get(staff_id, ()))

    def asked_off(self, staff_id: int, day: date) -> bool:
        return any(a.covers(day) for a in self.requests.get(staff_id, ()))

    def barrier(self, staff_id: int, tier: Tier, day: date) -> Barrier | None:
        person = self.people.get(staff_id)
        if person is None or not person.active:
            return Barrier.INACTIVE
        if not self.rules.may_fill(person.tier, tier):
            return Barrier.TIER
        if self.on_leave(staff_id, day):
            return Barrier.LEAVE
        return None

    def too_close(self, first: date, second: date) -> bool:
        return abs((first - second).days) <= self.rest

    def pool(self, tier: Tier) -> list[Person]:
        """Everyone who may ever stand in a `tier` slot, in a fixed order."""
        return [p for p in sorted(self.people.values(), key=lambda p: p.id)
                if p.active and self.rules.may_fill(p.tier, tier)]


@dataclass(frozen=True)
class DayPlan:
    info: DayInfo
    periods: tuple[str, ...]  # sensitive periods (特殊敏感时期) covering the day
    seats: tuple[Seat, ...]  # every place the day needs filled

    @property
    def day(self) -> date:
        return self.info.day

    @property
    def required(self) -> tuple[Tier, ...]:
        """The tiers on duty, each once."""
        return tuple(dict.fromkeys(seat.tier for seat in self.seats))

    @property
    def category(self) -> Category:
        return category(self.info.kind)


def plan_days(days: Iterable[DayInfo], periods: Mapping[date, tuple[str, ...]],
              rules: RosterRules) -> list[DayPlan]:
    return [DayPlan(info, periods.get(info.day, ()),
                    rules.seats(info, bool(periods.get(info.day)))) for info in days]


Slot = tuple[date, Seat]


@dataclass(frozen=True)
class Unfilled:
    day: date
    seat: Seat
    reason: str

    @property
    def tier(self) -> Tier:
        return self.seat.tier

    def describe(self) -> str:
        return sentence("{0} {1}：{2}", self.day.isoformat(), self.seat.label, self.reason)


class Method(StrEnum):
    """How a rota was made, which says how far its promises go."""

    OPTIMAL = "optimal"        # exact: fewest empty slots, then fairest, both proven
    BEST_FOUND = "best_found"  # exact search stopped by the time limit: not proven best
    GREEDY = "greedy"          # the solver was missing or found nothing: the fallback


@dataclass
class Generation:
    assignments: dict[Slot, int]  # only the slots this run filled
    unfilled: list[Unfilled]
    counts: Counter[tuple[int, Category]] = field(default_factory=Counter)
    method: Method = Method.GREEDY
    # Proven: no rota keeping the hard rules leaves fewer first seats empty (a tier with
    # nobody on a day); and, with that many, none leaves fewer further officers' seats.
    min_empty: int | None = None
    unhonoured: list[tuple[int, date]] = field(default_factory=list)  # requests not met
    note: str = ""  # why the fallback was used, or what stopped the search
    proven: tuple[str, ...] = ()  # the goals (rota_solver.STAGES) proven best
    min_second: int | None = None


class _Book:
    """Who is on duty when, for the rest and same-day checks."""

    def __init__(self, taken: Mapping[Slot, int]) -> None:
        self.days: dict[int, set[date]] = {}
        for (day, _seat), staff_id in taken.items():
            self.days.setdefault(staff_id, set()).add(day)

    def add(self, staff_id: int, day: date) -> None:
        self.days.setdefault(staff_id, set()).add(day)

    def on(self, staff_id: int, day: date) -> bool:
        return day in self.days.get(staff_id, ())

    def resting(self, staff_id: int, day: date, rest: int) -> bool:
        booked = self.days.get(staff_id, ())
        return any(day + timedelta(days=k) in booked
                   for k in range(-rest, rest + 1) if k != 0)

    def last_before(self, staff_id: int, day: date) -> date | None:
        earlier = [d for d in self.days.get(staff_id, ()) if d < day]
        return max(earlier) if earlier else None


def counts_with(plans: list[DayPlan], taken: Mapping[Slot, int],
                history: Mapping[tuple[int, Category], int]) -> Counter[tuple[int, Category]]:
    """Duties per person and day kind: the year before plus what the range already holds."""
    counts: Counter[tuple[int, Category]] = Counter(history)
    category_of = {plan.day: plan.category for plan in plans}
    for (day, _seat), staff_id in taken.items():
        if day in category_of:
            counts[staff_id, category_of[day]] += 1
    return counts


def greedy(plans: list[DayPlan], people: Iterable[Person], taken: Mapping[Slot, int],
           absences: Iterable[Absence], history: Mapping[tuple[int, Category], int],
           rules: RosterRules) -> Generation:
    """Fill the required slots in `plans` not already in `taken`, one at a time.

    `taken` holds all assignments already on the rota (in and around the range: duties
    just outside it still count for rest). `history` holds earlier duty counts per person
    and category so fairness carries over from month to month. Holidays go first, then
    weekends, then workdays (every day's first seats before any second officer's); each
    slot goes to whoever has the fewest duties of its kind.
    Soft requests are kept where another person is as good a choice.
    """
    hard = HardRules.of(rules, people, absences)
    staff = [p for p in hard.people.values() if p.active]
    order = {p.id: index for index, p in enumerate(sorted(staff, key=lambda p: p.id))}
    book = _Book(taken)
    counts = counts_with(plans, taken, history)
    totals: Counter[int] = Counter()
    for (staff_id, _cat), n in counts.items():
        totals[staff_id] += n

    filled: dict[Slot, int] = {}
    priority = {Category.HOLIDAY: 0, Category.WEEKEND: 1, Category.WORKDAY: 2}
    # Every day's first seats before any second officer: a day with nobody at the desk is
    # worse than a day with one officer short.
    places = sorted(((plan, seat) for plan in plans for seat in plan.seats),
                    key=lambda place: (place[1].index > 0, priority[place[0].category],
                                       place[0].day))
    for plan, seat in places:
        if (plan.day, seat) in taken:
            continue
        candidates = [p for p in staff if hard.barrier(p.id, seat.tier, plan.day) is None
                      and not _near(book, p.id, plan.day, hard.rest)]
        if not candidates:
            continue
        ranked = [(_rank(p, seat.tier, plan, counts, totals, book, order, hard), p)
                  for p in candidates]
        chosen = min(ranked, key=lambda pair: pair[0])[1]
        filled[plan.day, seat] = chosen.id
        book.add(chosen.id, plan.day)
        counts[chosen.id, plan.category] += 1
        totals[chosen.id] += 1
    result = Generation(in_seat_order(filled, twins(plans, taken)), [], counts)
    result.unfilled = explain(plans, taken, result, hard)
    result.unhonoured = unhonoured(filled, hard)
    return result


def _rank(person: Person, tier: Tier, plan: DayPlan, counts: Counter[tuple[int, Category]],
          totals: Counter[int], book: _Book, order: Mapping[int, int], hard: HardRules
          ) -> tuple[int, int, int, int, int, int]:
    """Lower is chosen first: own tier, fewest duties of this kind, not asked off, fewest in
    all, longest since the last duty, then a fixed order (so the rotation is predictable)."""
    last = book.last_before(person.id, plan.day)
    return (0 if person.tier is tier else 1, counts[person.id, plan.category],
            1 if hard.asked_off(person.id, plan.day) else 0,
            totals[person.id], last.toordinal() if last else 0, order[person.id])


def twins(plans: Iterable[DayPlan], taken: Mapping[Slot, int]) -> list[list[Slot]]:
    """The empty seats of one tier on one day, in seat order, where there are several:
    they are interchangeable (two officers of a sensitive day), so a rota is told apart from
    its mirror image only by who sits in which, which means nothing to anyone."""
    out = []
    for plan in plans:
        for tier in plan.required:
            free = [(plan.day, s) for s in plan.seats if s.tier is tier and (plan.day, s) not in taken]
            if len(free) > 1:
                out.append(free)
    return out


def in_seat_order(filled: Mapping[Slot, int], groups: Iterable[list[Slot]]) -> dict[Slot, int]:
    """`filled` with the people of each group of interchangeable seats (`twins`) in a fixed
    order: the first seats filled, the people by id (the order the rotation keeps). The rota
    is the same; the exact generator asks for this order, so that it need not search each
    rota's mirror images, and is hinted with it."""
    out = dict(filled)
    for group in groups:
        people = sorted(filled[slot] for slot in group if slot in filled)
        for slot in group:
            out.pop(slot, None)
        out.update(zip(group, people, strict=False))
    return out


def unhonoured(filled: Mapping[Slot, int], hard: HardRules) -> list[tuple[int, date]]:
    """The soft requests a rota does not meet: who is on a day they asked to be off."""
    return sorted((staff_id, day) for (day, _seat), staff_id in filled.items()
                  if hard.asked_off(staff_id, day))


def explain(plans: list[DayPlan], taken: Mapping[Slot, int], result: Generation,
            hard: HardRules) -> list[Unfilled]:
    """Every required slot the rota leaves empty, with a reason that is true.

    "Cannot be filled" is said only where it is checked for that slot: every person who
    could stand in it is inactive, away, or kept out by a duty that generation may not move
    (hand-made, or outside the range). Otherwise the rota found leaves it empty and the
    reason names who could have taken it and which of their duties stands in the way; with
    the solver's proof that the range needs at least that many gaps, it says so.
    """
    fixed = _Book(taken)
    made = _Book(result.assignments)
    filled = set(taken) | set(result.assignments)
    gaps = [(plan.day, seat) for plan in plans for seat in plan.seats
            if (plan.day, seat) not in filled]
    wanted = Counter((plan.day, seat.tier) for plan in plans for seat in plan.seats
                     if (plan.day, seat) not in taken)
    surplus: dict[tuple[date, Tier], int] = {}  # seats of a day no choice of people fills
    proven_first = result.min_empty == sum(1 for _d, seat in gaps if seat.index == 0)
    proven_second = result.min_second == sum(1 for _d, seat in gaps if seat.index > 0)
    out = []
    for day, seat in gaps:
        tier = seat.tier
        pool = hard.pool(tier)
        if not pool:
            out.append(Unfilled(day, seat, sentence("没有在岗的{0}", tier.label)))
            continue
        away = [p for p in pool if hard.on_leave(p.id, day)]
        kept_out = [p for p in pool if p not in away and _near(fixed, p.id, day, hard.rest)]
        movable = [p for p in pool if p not in away and p not in kept_out]
        parts = []
        if away:
            parts.append(sentence("{0} 人请假、出差或培训", len(away)))
        if kept_out:
            parts.append(sentence("{0} 人与已定的值班（手工安排或范围外）间隔不足",
                                  len(kept_out)))
        if not movable:
            out.append(Unfilled(day, seat, sentence("无法安排：{0} 名{1}均不可排：{2}", len(pool),
                                                    tier.label, joined(parts))))
            continue
        # Nobody stands in two seats of one day: past the people free that day, a seat
        # stays empty whatever the rest of the rota is.
        left = surplus.setdefault((day, tier), wanted[day, tier] - len(movable))
        if left > 0:
            surplus[day, tier] = left - 1
            short = sentence("无法安排：当天须排 {0} 名{1}，可排的只有 {2} 人", wanted[day, tier],
                             tier.label, len(movable))
            out.append(Unfilled(day, seat, sentence("{0}（{1}）", short, joined(parts))
                                if parts else short))
            continue
        blocked = joined([sentence("{0}（{1} 已排）", Verbatim(p.name), _near_text(made, p.id, day,
                                                                             hard.rest))
                          for p in movable], "、")
        parts.append(sentence("{0} 因前后已排的班次轮休", blocked))
        if proven_first and seat.index == 0:
            lead = sentence("已证明本范围至少空 {0} 个班次，排上此班必空出别的班次", result.min_empty)
        elif proven_first and proven_second and not result.min_empty:
            lead = sentence("已证明在每天都有人值班的排法中，双人值班至少缺 {0} 人，排上此班必空出别的班次",
                            result.min_second)
        elif proven_first and proven_second:  # some day has a tier with nobody: say so
            lead = sentence("已证明在空班最少（{0} 个）的排法中，双人值班至少缺 {1} 人，"
                            "排上此班必空出别的班次", result.min_empty, result.min_second)
        else:
            lead = sentence("找到的最佳排法空出此班")
        out.append(Unfilled(day, seat, sentence("{0}：{1}", lead, joined(parts))))
    return out


def _near(book: _Book, staff_id: int, day: date, rest: int) -> bool:
    return book.on(staff_id, day) or book.resting(staff_id, day, rest)


def _near_text(book: _Book, staff_id: int, day: date, rest: int) -> str:
    days = sorted(d for d in book.days.get(staff_id, ()) if abs((d - day).days) <= rest)
    return "、".join(f"{d.month}月{d.day}日" for d in days)


class BreakKind(StrEnum):
    """Which rule a rota breaks. An empty seat is a gap still to fill; every other kind is
    somebody standing where the rules do not let them, which a hand edit must not cause."""

    UNFILLED = "unfilled"
    INACTIVE = "inactive"
    WRONG_TIER = "wrong_tier"
    NO_MOBILE = "no_mobile"
    ON_LEAVE = "on_leave"
    TWICE = "twice"
    TOO_CLOSE = "too_close"


@dataclass(frozen=True)
class RuleBreak:
    day: date
    seat: Seat | None
    kind: BreakKind
    message: str

    @property
    def unfilled(self) -> bool:
        return self.kind is BreakKind.UNFILLED

    def describe(self) -> str:
        if self.seat:
            return sentence("{0} {1}：{2}", self.day.isoformat(), self.seat.label, self.message)
        return sentence("{0}：{1}", self.day.isoformat(), self.message)


def _unfilled_message(plan: DayPlan, seat: Seat) -> str:
    if seat.index:
        return sentence("未安排（当天须 {0} 名{1}）", sum(1 for s in plan.seats if s.tier is seat.tier),
                        seat.tier.label)
    if plan.category is Category.HOLIDAY or plan.periods:
        return sentence("未安排（节假日和敏感时期须三级值班）")
    return sentence("未安排")


def check(plans: list[DayPlan], assigned: Mapping[Slot, int], people: Mapping[int, Person],
          absences: Iterable[Absence], rules: RosterRules) -> list[RuleBreak]:
    """Everything wrong with the rota over `plans`: the check made before publishing.

    Every seat the day needs is checked, and a seat filled beyond them too (a second
    officer kept after the desk went back to one): whoever is on duty keeps the rules."""
    breaks: list[RuleBreak] = []
    hard = HardRules.of(rules, people.values(), absences)
    book = _Book({})
    on_day: dict[date, list[Seat]] = {}
    for (day, seat), holder in sorted(assigned.items()):
        book.add(holder, day)
        on_day.setdefault(day, []).append(seat)
    for plan in plans:
        extra = sorted((s for s in on_day.get(plan.day, ()) if s not in plan.seats),
                       key=lambda s: (TIER_ORDER.index(s.tier), s.index))
        seen: dict[int, Seat] = {}
        for seat in (*plan.seats, *extra):
            tier = seat.tier
            staff_id = assigned.get((plan.day, seat))
            if staff_id is None:
                breaks.append(RuleBreak(plan.day, seat, BreakKind.UNFILLED, _unfilled_message(plan, seat)))
                continue
            barrier = hard.barrier(staff_id, tier, plan.day)
            person = people.get(staff_id)
            if person is None or barrier is Barrier.INACTIVE:
                breaks.append(RuleBreak(plan.day, seat, BreakKind.INACTIVE,
                                        sentence("安排的人员已停用或不存在")))
                continue
            if barrier is Barrier.TIER:
                breaks.append(RuleBreak(plan.day, seat, BreakKind.WRONG_TIER,
                                        sentence("{0} 是{1}，不能值此班", Verbatim(person.name),
                                                 person.tier.label)))
            try:
                normalize_mobile(person.mobile)
            except FieldError:
                breaks.append(RuleBreak(plan.day, seat, BreakKind.NO_MOBILE,
                                        sentence("{0} 没有可拨通的手机号", Verbatim(person.name))))
            if hard.on_leave(staff_id, plan.day):
                breaks.append(RuleBreak(plan.day, seat, BreakKind.ON_LEAVE,
                                        sentence("{0} 当天请假、出差或培训", Verbatim(person.name))))
            if staff_id in seen:
                breaks.append(RuleBreak(plan.day, seat, BreakKind.TWICE, sentence(
                    "{0} 当天已值{1}", Verbatim(person.name), seen[staff_id].label)))
            seen[staff_id] = seat
            if book.resting(staff_id, plan.day, hard.rest):
                breaks.append(RuleBreak(plan.day, seat, BreakKind.TOO_CLOSE,
                                        sentence("{0} 与前后值班间隔不足 {1} 天", Verbatim(person.name),
                                                 rules.min_rest_days)))
    return breaks


@dataclass(frozen=True)
class DutyStats:
    """One person's duties over a period, as offices pay allowances from it."""

    staff_id: int
    workday: int
    weekend: int
    holiday: int
    comp_days: int  # 补休 earned for holiday duty

    @property
    def total(self) -> int:
        return self.workday + self.weekend + self.holiday


def duty_stats(plans: list[DayPlan], assigned: Mapping[Slot, int],
               comp_days_per_holiday: int = 1) -> dict[int, DutyStats]:
    by_day = {p.day: p.category for p in plans}
    counts: Counter[tuple[int, Category]] = Counter()
    for (day, _seat), staff_id in assigned.items():
        if day in by_day:
            counts[staff_id, by_day[day]] += 1
    people = {staff_id for staff_id, _ in counts}
    return {s: DutyStats(s, counts[s, Category.WORKDAY], counts[s, Category.WEEKEND],
                         counts[s, Category.HOLIDAY],
                         counts[s, Category.HOLIDAY] * comp_days_per_holiday)
            for s in sorted(people)}


def spread(counts: Mapping[tuple[int, Category], int], people: Iterable[Person],
           tier: Tier, cat: Category) -> int:
    """max − min duties of one kind within a tier: the fairness figure (0 or 1 is fair)."""
    values = [counts.get((p.id, cat), 0) for p in people if p.active and p.tier is tier]
    return max(values) - min(values) if values else 0
