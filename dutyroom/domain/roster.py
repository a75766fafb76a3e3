"""Roster rules: which tiers each day needs, who may fill a slot, and the fair generator.

Hard rules (never broken by the generator): only active people of the slot's tier (a
chief may lead only if the desk allows it); nobody on duty twice within the rest period;
nobody during recorded leave; existing assignments are kept. Soft goals: even counts
within a tier, separately for workdays, weekends and holidays (holidays first, being the
heaviest), counting earlier duties too; a stable rotation so people can predict their turn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from dutyroom.domain.calendar import DayInfo, DayKind
from dutyroom.domain.contacts import normalize_mobile
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


@dataclass(frozen=True)
class RosterRules:
    workday: tuple[Tier, ...] = (Tier.LEADER, Tier.OFFICER)
    weekend: tuple[Tier, ...] = (Tier.LEADER, Tier.OFFICER)
    holiday: tuple[Tier, ...] = (Tier.CHIEF, Tier.LEADER, Tier.OFFICER)
    sensitive: tuple[Tier, ...] = (Tier.CHIEF, Tier.LEADER, Tier.OFFICER)
    chief_may_lead: bool = False
    min_rest_days: int = 1  # whole days off between two duties; 1 = never two days running

    def required(self, info: DayInfo, sensitive: bool) -> tuple[Tier, ...]:
        by_kind = {Category.WORKDAY: self.workday, Category.WEEKEND: self.weekend,
                   Category.HOLIDAY: self.holiday}[category(info.kind)]
        wanted = set(by_kind) | (set(self.sensitive) if sensitive else set())
        return tuple(t for t in TIER_ORDER if t in wanted)

    def may_fill(self, person_tier: Tier, slot: Tier) -> bool:
        return person_tier is slot or (
            self.chief_may_lead and slot is Tier.LEADER and person_tier is Tier.CHIEF)


def rules_from_settings(values: Mapping[str, object]) -> RosterRules:
    """The desk's roster rules from its settings (domain/settings.py holds the defaults)."""
    return RosterRules(
        workday=parse_tiers(values["tiers_workday"], "tiers_workday"),
        weekend=parse_tiers(values["tiers_weekend"], "tiers_weekend"),
        holiday=parse_tiers(values["tiers_holiday"], "tiers_holiday"),
        sensitive=parse_tiers(values["tiers_sensitive"], "tiers_sensitive"),
        chief_may_lead=bool(values["chief_may_lead"]),
        min_rest_days=int(str(values["min_rest_days"])),
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
    """The tiers on duty on a kind of day; a leader is always required (DOMAIN.md)."""
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


@dataclass(frozen=True)
class Absence:
    """Leave or unavailability (请假, 出差, 培训), inclusive dates."""

    staff_id: int
    start: date
    end: date
    kind: str = "leave"

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class DayPlan:
    info: DayInfo
    periods: tuple[str, ...]  # sensitive periods (特殊敏感时期) covering the day
    required: tuple[Tier, ...]

    @property
    def day(self) -> date:
        return self.info.day

    @property
    def category(self) -> Category:
        return category(self.info.kind)


def plan_days(days: Iterable[DayInfo], periods: Mapping[date, tuple[str, ...]],
              rules: RosterRules) -> list[DayPlan]:
    return [DayPlan(info, periods.get(info.day, ()),
                    rules.required(info, bool(periods.get(info.day)))) for info in days]


Slot = tuple[date, Tier]


@dataclass(frozen=True)
class Unfilled:
    day: date
    tier: Tier
    reason: str

    def describe(self) -> str:
        return sentence("{0} {1}：{2}", self.day.isoformat(), self.tier.label, self.reason)


@dataclass
class Generation:
    assignments: dict[Slot, int]  # only the slots this run filled
    unfilled: list[Unfilled]
    counts: Counter[tuple[int, Category]] = field(default_factory=Counter)


class _Book:
    """Who is on duty when, for the rest and same-day checks."""

    def __init__(self, taken: Mapping[Slot, int]) -> None:
        self.days: dict[int, set[date]] = {}
        for (day, _tier), staff_id in taken.items():
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


def _on_leave(absences: Mapping[int, list[Absence]], staff_id: int, day: date) -> bool:
    return any(a.covers(day) for a in absences.get(staff_id, ()))


def generate(plans: list[DayPlan], people: Iterable[Person], taken: Mapping[Slot, int],
             absences: Iterable[Absence], history: Mapping[tuple[int, Category], int],
             rules: RosterRules) -> Generation:
    """Fill every required slot in `plans` not already in `taken`; explain every gap.

    `taken` holds all assignments already on the rota (in and around the range: duties
    just outside it still count for rest). `history` holds earlier duty counts per person
    and category so fairness carries over from month to month.
    """
    staff = [p for p in people if p.active]
    order = {p.id: index for index, p in enumerate(sorted(staff, key=lambda p: p.id))}
    leave: dict[int, list[Absence]] = {}
    for absence in absences:
        leave.setdefault(absence.staff_id, []).append(absence)
    book = _Book(taken)
    counts: Counter[tuple[int, Category]] = Counter(history)
    category_of = {plan.day: plan.category for plan in plans}
    for (day, _tier), staff_id in taken.items():
        if day in category_of:
            counts[staff_id, category_of[day]] += 1
    totals: Counter[int] = Counter()
    for (staff_id, _cat), n in counts.items():
        totals[staff_id] += n

    filled: dict[Slot, int] = {}
    unfilled: list[Unfilled] = []
    priority = {Category.HOLIDAY: 0, Category.WEEKEND: 1, Category.WORKDAY: 2}
    for plan in sorted(plans, key=lambda p: (priority[p.category], p.day)):
        for tier in plan.required:
            if (plan.day, tier) in taken:
                continue
            candidates = [p for p in staff if rules.may_fill(p.tier, tier)
                          and not _on_leave(leave, p.id, plan.day)
                          and not book.on(p.id, plan.day)
                          and not book.resting(p.id, plan.day, rules.min_rest_days)]
            if not candidates:
                unfilled.append(Unfilled(plan.day, tier, _why(
                    staff, tier, plan.day, leave, book, rules)))
                continue
            ranked = [(_rank(p, tier, plan, counts, totals, book, order), p) for p in candidates]
            chosen = min(ranked, key=lambda pair: pair[0])[1]
            filled[plan.day, tier] = chosen.id
            book.add(chosen.id, plan.day)
            counts[chosen.id, plan.category] += 1
            totals[chosen.id] += 1
    unfilled.sort(key=lambda u: (u.day, TIER_ORDER.index(u.tier)))
    return Generation(filled, unfilled, counts)


def _rank(person: Person, tier: Tier, plan: DayPlan, counts: Counter[tuple[int, Category]],
          totals: Counter[int], book: _Book, order: Mapping[int, int]
          ) -> tuple[int, int, int, int, int]:
    """Lower is chosen first: own tier, fewest duties of this kind, fewest in all, longest
    since the last duty, then a fixed order (so the rotation is predictable)."""
    last = book.last_before(person.id, plan.day)
    return (0 if person.tier is tier else 1, counts[person.id, plan.category],
            totals[person.id], last.toordinal() if last else 0, order[person.id])


def _why(staff: list[Person], tier: Tier, day: date, leave: Mapping[int, list[Absence]],
         book: _Book, rules: RosterRules) -> str:
    pool = [p for p in staff if rules.may_fill(p.tier, tier)]
    if not pool:
        return sentence("没有在岗的{0}", tier.label)
    on_leave = sum(1 for p in pool if _on_leave(leave, p.id, day))
    busy = sum(1 for p in pool if not _on_leave(leave, p.id, day) and book.on(p.id, day))
    resting = len(pool) - on_leave - busy
    parts = []
    if on_leave:
        parts.append(sentence("{0} 人请假、出差或培训", on_leave))
    if resting:
        parts.append(sentence("{0} 人轮休（与前后值班间隔不足）", resting))
    if busy:
        parts.append(sentence("{0} 人当天已有其他班次", busy))
    return sentence("{0} 名{1}均不可排：{2}", len(pool), tier.label, joined(parts))


@dataclass(frozen=True)
class RuleBreak:
    day: date
    tier: Tier | None
    message: str

    def describe(self) -> str:
        if self.tier:
            return sentence("{0} {1}：{2}", self.day.isoformat(), self.tier.label, self.message)
        return sentence("{0}：{1}", self.day.isoformat(), self.message)


def check(plans: list[DayPlan], assigned: Mapping[Slot, int], people: Mapping[int, Person],
          absences: Iterable[Absence], rules: RosterRules) -> list[RuleBreak]:
    """Everything wrong with the rota over `plans`: the check made before publishing."""
    breaks: list[RuleBreak] = []
    leave: dict[int, list[Absence]] = {}
    for absence in absences:
        leave.setdefault(absence.staff_id, []).append(absence)
    book = _Book({})
    for (day, _tier), staff_id in sorted(assigned.items()):
        book.add(staff_id, day)
    for plan in plans:
        seen: dict[int, Tier] = {}
        for tier in plan.required:
            staff_id = assigned.get((plan.day, tier))
            if staff_id is None:
                heavy = plan.category is Category.HOLIDAY or bool(plan.periods)
                breaks.append(RuleBreak(plan.day, tier, sentence("未安排（节假日和敏感时期须三级值班）")
                                        if heavy else sentence("未安排")))
                continue
            person = people.get(staff_id)
            if person is None or not person.active:
                breaks.append(RuleBreak(plan.day, tier, sentence("安排的人员已停用或不存在")))
                continue
            if not rules.may_fill(person.tier, tier):
                breaks.append(RuleBreak(plan.day, tier,
                                        sentence("{0} 是{1}，不能值此班", Verbatim(person.name),
                                                 person.tier.label)))
            try:
                normalize_mobile(person.mobile)
            except FieldError:
                breaks.append(RuleBreak(plan.day, tier,
                                        sentence("{0} 没有可拨通的手机号", Verbatim(person.name))))
            if _on_leave(leave, staff_id, plan.day):
                breaks.append(RuleBreak(plan.day, tier,
                                        sentence("{0} 当天请假、出差或培训", Verbatim(person.name))))
            if staff_id in seen:
                breaks.append(RuleBreak(plan.day, tier, sentence(
                    "{0} 当天已值{1}", Verbatim(person.name), seen[staff_id].label)))
            seen[staff_id] = tier
            if book.resting(staff_id, plan.day, rules.min_rest_days):
                breaks.append(RuleBreak(plan.day, tier,
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
    for (day, _tier), staff_id in assigned.items():
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
