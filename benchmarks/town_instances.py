"""Seeded hard rota instances the size of a town desk (issue 18).

A town desk is not generous: three to five leaders, two or three chiefs, a handful of
officers, heavy leave in flood season, rest rules of one to three days, sensitive periods
that need three tiers, hand-fixed slots, a rota started mid-year over a year of history,
and someone who has left (inactive). Each seed gives the same instance on any machine.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from dutyroom.domain import roster
from dutyroom.domain.calendar import resolve
from dutyroom.domain.fairness import Weights
from dutyroom.domain.roster import Absence, Category, Person, RosterRules, Seat, Slot
from dutyroom.domain.rota_solver import Problem
from dutyroom.domain.tiers import Tier


@dataclass(frozen=True)
class Instance:
    seed: int
    label: str
    problem: Problem


def town(seed: int) -> Instance:
    """One month (sometimes two) for a town desk; odd seeds are the harder half."""
    rng = random.Random(seed)
    hard = seed % 2 == 1
    year = rng.choice((2025, 2026))
    month = rng.randrange(1, 13)
    start = date(year, month, 1)
    length = rng.choice((28, 31, 45, 61))
    end = start + timedelta(days=length - 1)
    rest = rng.choice((1, 2, 3) if hard else (1, 1, 2))
    chiefs, leaders = rng.randint(2, 3), rng.randint(3, 5)
    officers = rng.randint(4, 7) if hard else rng.randint(6, 10)
    people, next_id = [], 1
    for tier, count in ((Tier.CHIEF, chiefs), (Tier.LEADER, leaders), (Tier.OFFICER, officers)):
        for _ in range(count):
            people.append(Person(next_id, f"{tier.value}{next_id}", tier, f"139{next_id:08d}"))
            next_id += 1
    gone = rng.choice(people)  # someone who has left the desk
    people = [Person(p.id, p.name, p.tier, p.mobile, p is not gone) for p in people]
    absences = []
    for person in people:
        for _ in range(rng.randint(1, 3) if hard else rng.randint(0, 2)):
            first = start + timedelta(days=rng.randrange(-5, length))
            absences.append(Absence(person.id, first,
                                    first + timedelta(days=rng.randrange(2, 12 if hard else 7))))
        if rng.random() < 0.3:
            wish = start + timedelta(days=rng.randrange(length))
            absences.append(Absence(person.id, wish, wish, "request"))
    periods: dict[date, tuple[str, ...]] = {}
    for _ in range(rng.randint(1, 2) if hard else rng.randint(0, 1)):
        first = start + timedelta(days=rng.randrange(length))
        for k in range(rng.randint(3, 12)):
            periods[first + timedelta(days=k)] = ("防汛关键期",)
    rules = RosterRules(chief_may_lead=rng.random() < 0.5, min_rest_days=rest)
    plans = roster.plan_days(resolve(start, end, {}), periods, rules)
    taken = _hand_fixed(rng, plans, people, absences, rules)
    history = _history(rng, start, people, rules, hard)
    label = (f"{'hard' if hard else 'moderate'} {start:%Y-%m}+{length}d rest {rest} "
             f"{chiefs}/{leaders}/{officers}{' chief-leads' if rules.chief_may_lead else ''}")
    return Instance(seed, label, Problem(plans, people, taken, absences, history, rules,
                                         Weights()))


def _hand_fixed(rng: random.Random, plans: list[roster.DayPlan], people: list[Person],
                absences: list[Absence], rules: RosterRules) -> dict[Slot, int]:
    """A few slots set by hand that keep the rules, and a duty the day before the range."""
    hard = roster.HardRules.of(rules, people, absences)
    taken: dict[Slot, int] = {}
    day_before = plans[0].day - timedelta(days=1)
    leaders = hard.pool(Tier.LEADER)
    if leaders:
        taken[day_before, Seat(Tier.LEADER)] = rng.choice(leaders).id
    for _ in range(rng.randint(2, 5)):
        plan = rng.choice(plans)
        seat = rng.choice(plan.seats)
        free = [p for p in hard.pool(seat.tier) if hard.barrier(p.id, seat.tier, plan.day) is None
                and all(abs((d - plan.day).days) > rules.min_rest_days
                        for (d, _s), s in taken.items() if s == p.id)]
        if (plan.day, seat) not in taken and free:
            taken[plan.day, seat] = rng.choice(free).id
    return taken


def _history(rng: random.Random, start: date, people: list[Person], rules: RosterRules,
             hard: bool) -> dict[tuple[int, Category], int]:
    """The months before the range as the desk lived them: the desk started using the
    program mid-year (three to twelve months of history), people took leave, one person
    joined late and has less history than the rest."""
    months = rng.randint(3, 12)
    first = start - timedelta(days=30 * months)
    plans = roster.plan_days(resolve(first, start - timedelta(days=1), {}), {}, rules)
    newcomer = rng.choice(people).id
    absences = [Absence(newcomer, first, first + timedelta(days=rng.randrange(30, 30 * months)))]
    for person in people:
        for _ in range(months if hard else months // 2):
            day = first + timedelta(days=rng.randrange(30 * months))
            absences.append(Absence(person.id, day, day + timedelta(days=rng.randrange(1, 8))))
    before = roster.greedy(plans, people, {}, absences, {}, rules)
    return {key: n for key, n in before.counts.items() if n}


def staff_year(total: int, seed: int = 7) -> Instance:
    """A year for a county desk: `total` staff (1/10 chiefs, 1/4 leaders), two absences each,
    the real 2026 holidays and the 两会 as a sensitive period."""
    rng = random.Random(seed)
    counts = ((Tier.CHIEF, total // 10), (Tier.LEADER, total * 7 // 30),
              (Tier.OFFICER, total - total // 10 - total * 7 // 30))
    people, next_id = [], 1
    for tier, count in counts:
        for _ in range(count):
            people.append(Person(next_id, f"{tier.value}{next_id}", tier, f"139{next_id:08d}"))
            next_id += 1
    first_day = date(2026, 1, 1)
    absences = []
    for person in people:
        for _ in range(2):
            first = first_day + timedelta(days=rng.randrange(365))
            absences.append(Absence(person.id, first, first + timedelta(days=rng.randrange(2, 10))))
    periods = {date(2026, 3, 4) + timedelta(days=i): ("全国两会",) for i in range(8)}
    rules = RosterRules()
    plans = roster.plan_days(resolve(first_day, date(2026, 12, 31), {}), periods, rules)
    return Instance(seed, f"year 2026, {total} staff", Problem(plans, people, {}, absences, {},
                                                                rules, Weights()))
