"""The exact rota generator, without a database: hard rules, proofs, reasons and wishes.

The decisive test compares it with an answer worked out independently — every possible
rota of a small instance enumerated by a plain search that shares no code with the model.
"""

from __future__ import annotations

import builtins
import random
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutyroom.domain import roster, rota_solver
from dutyroom.domain.calendar import DayKind, UserDay, resolve
from dutyroom.domain.fairness import Weights, fairness
from dutyroom.domain.roster import Absence, Category, Method, Person, RosterRules
from dutyroom.domain.rota_solver import Problem, SolveControl
from dutyroom.domain.tiers import Tier
from tests.unit.test_roster import people, plans

RULES = RosterRules()


def solve(problem: Problem, seconds: float = 10) -> roster.Generation:
    return rota_solver.generate(problem, seconds=seconds)


# --- an independent exact answer -----------------------------------------------------------


def brute_force(problem: Problem) -> tuple[int, int, int]:
    """(fewest empty slots, then least per-kind spread, then least load spread) by trying
    every rota; written from the rules as docs/rules.md states them, not from the model."""
    p = problem
    slots = [(plan.day, tier) for plan in p.plans for tier in plan.required
             if (plan.day, tier) not in p.taken]
    kind = {plan.day: plan.category for plan in p.plans}
    choices = []
    for day, tier in slots:
        ok = []
        for person in p.people:
            fits = person.tier is tier or (p.rules.chief_may_lead and tier is Tier.LEADER
                                           and person.tier is Tier.CHIEF)
            away = any(a.staff_id == person.id and not a.soft and a.start <= day <= a.end
                       for a in p.absences)
            if person.active and fits and not away:
                ok.append(person.id)
        choices.append([*ok, None])
    duties: dict[int, list[date]] = {}
    for (day, _tier), staff_id in p.taken.items():
        duties.setdefault(staff_id, []).append(day)
    best: list[tuple[int, int, int]] = []
    pick: list[int | None] = []

    def finish() -> None:
        counts = dict(p.history)
        for (day, _tier), staff_id in [*p.taken.items(), *zip(slots, pick, strict=True)]:
            if staff_id is not None and day in kind:
                counts[staff_id, kind[day]] = counts.get((staff_id, kind[day]), 0) + 1
        figures = fairness(counts, p.people, p.weights)
        key = (pick.count(None), sum(figures.by_kind.values()), sum(figures.by_load.values()))
        if not best or key < best[0]:
            best[:] = [key]

    def place(index: int) -> None:
        if best and pick.count(None) > best[0][0]:
            return  # already more gaps than the best rota
        if index == len(slots):
            finish()
            return
        day = slots[index][0]
        for staff_id in choices[index]:
            if staff_id is not None and any(abs((day - other).days) <= p.rules.min_rest_days
                                            for other in duties.get(staff_id, ())):
                continue
            pick.append(staff_id)
            if staff_id is not None:
                duties.setdefault(staff_id, []).append(day)
            place(index + 1)
            if staff_id is not None:
                duties[staff_id].pop()
            pick.pop()

    place(0)
    return best[0]


def small_instance(seed: int) -> Problem:
    rng = random.Random(seed)
    start = date(2026, rng.choice((2, 4, 9, 10)), rng.randint(1, 20))
    end = start + timedelta(days=rng.randint(2, 4))
    staff = people(rng.randint(0, 2), rng.randint(1, 3), rng.randint(1, 3))
    staff = [Person(q.id, q.name, q.tier, q.mobile, rng.random() > 0.1) for q in staff]
    absences = [Absence(q.id, start + timedelta(days=rng.randint(-1, 4)),
                        start + timedelta(days=rng.randint(0, 5)),
                        rng.choice(("leave", "request"))) for q in staff if rng.random() < 0.4]
    holidays = {start + timedelta(days=rng.randint(0, 3)): UserDay(DayKind.HOLIDAY, "节")}
    rules = RosterRules(chief_may_lead=rng.random() < 0.5, min_rest_days=rng.randint(0, 2))
    days = plans(start, end, {start + timedelta(days=1): ("敏感期",)} if seed % 3 == 0 else {},
                 rules, holidays)
    history = {(q.id, cat): rng.randint(0, 3) for q in staff for cat in Category}
    taken = {}
    if seed % 4 == 0 and staff:
        chosen = rng.choice(staff)
        taken[start - timedelta(days=1), chosen.tier] = chosen.id  # a duty before the range
    return Problem(days, staff, taken, absences, history, rules, Weights())


@pytest.mark.parametrize("seed", range(24))
def test_the_solver_matches_an_independent_exact_answer(seed):
    problem = small_instance(seed)
    result = solve(problem)
    figures = fairness(result.counts, problem.people, problem.weights)
    found = (len(result.unfilled), sum(figures.by_kind.values()), sum(figures.by_load.values()))
    assert found == brute_force(problem)
    assert result.min_empty == found[0]
    assert {"fewest_empty", "balance", "load"} <= set(result.proven)  # small: all proven


# --- hard rules, always --------------------------------------------------------------------


@st.composite
def scenarios(draw):
    start = draw(st.dates(date(2025, 12, 1), date(2027, 2, 1)))
    end = start + timedelta(days=draw(st.integers(0, 20)))
    staff = people(draw(st.integers(0, 3)), draw(st.integers(1, 4)), draw(st.integers(1, 5)))
    staff = [Person(q.id, q.name, q.tier, q.mobile, draw(st.booleans()) or q.id % 3 != 0)
             for q in staff]
    absences = []
    for q in staff:
        if draw(st.booleans()):
            first = draw(st.dates(start - timedelta(days=3), end))
            absences.append(Absence(q.id, first, first + timedelta(days=draw(st.integers(0, 6))),
                                    draw(st.sampled_from(("leave", "training", "request")))))
    user = {d: UserDay(DayKind.HOLIDAY, "节") for d in draw(st.lists(st.dates(start, end),
                                                                     max_size=3))}
    periods = {d: ("敏感期",) for d in draw(st.lists(st.dates(start, end), max_size=3))}
    rules = RosterRules(chief_may_lead=draw(st.booleans()), min_rest_days=draw(st.integers(0, 3)))
    return plans(start, end, periods, rules, user), staff, absences, rules


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.data())
def test_no_generated_rota_breaks_a_hard_rule_and_hand_made_slots_are_kept(scenario, data):
    days, staff, absences, rules = scenario
    first = roster.greedy(days, staff, {}, absences, {}, rules).assignments
    kept = dict(data.draw(st.lists(st.sampled_from(sorted(first.items())) if first
                                   else st.nothing(), max_size=4, unique=True)))
    result = solve(Problem(days, staff, kept, absences, {}, rules), seconds=5)
    assert not set(kept) & set(result.assignments)
    merged = {**kept, **result.assignments}
    breaks = roster.check(days, merged, {q.id: q for q in staff}, absences, rules)
    assert [b.describe() for b in breaks if not b.message.startswith("未安排")] == []
    assert {(b.day, b.tier) for b in breaks} == {(u.day, u.tier) for u in result.unfilled}
    greedy = roster.greedy(days, staff, kept, absences, {}, rules)
    assert len(result.unfilled) <= len(greedy.unfilled)


# --- what it says ----------------------------------------------------------------------------


def test_it_fills_what_the_greedy_leaves_empty_and_says_only_what_is_proven():
    """A month of a town desk with heavy leave: the greedy leaves gaps a complete rota
    avoids; the solver finds the fewest, proves it, and says so only for those."""
    start = date(2026, 7, 1)
    days = plans(start, date(2026, 7, 31), {start + timedelta(days=k): ("防汛",)
                                            for k in range(10, 20)},
                 RosterRules(min_rest_days=2))
    staff = people(3, 4, 6)
    rng = random.Random(3)
    absences = [Absence(q.id, start + timedelta(days=k), start + timedelta(days=k + 6))
                for q in staff for k in (rng.randrange(28),)]
    rules = RosterRules(min_rest_days=2)
    problem = Problem(days, staff, {}, absences, {}, rules)
    greedy = roster.greedy(days, staff, {}, absences, {}, rules)
    result = solve(problem)
    assert len(result.unfilled) < len(greedy.unfilled)
    assert result.min_empty == len(result.unfilled)
    for gap in result.unfilled:
        assert gap.reason.startswith(("已证明本范围至少空", "无法安排"))
    assert all(not u.reason.startswith("已证明") for u in greedy.unfilled)


def test_regenerating_an_unchanged_range_gives_the_same_rota():
    days = plans(date(2026, 2, 1), date(2026, 2, 28))
    problem = Problem(days, people(3, 5, 8), {}, [], {}, RULES)
    first = solve(problem)
    assert first.unfilled == [] and {"fewest_empty", "balance"} <= set(first.proven)
    assert solve(problem).assignments == first.assignments


def test_a_wish_is_kept_where_the_rules_allow_and_reported_where_not():
    every_day = {d.day: UserDay(DayKind.WORKDAY) for d in resolve(date(2026, 11, 2),
                                                                  date(2026, 11, 7), {})}
    days = plans(date(2026, 11, 2), date(2026, 11, 7), user=every_day)
    staff = people(0, 3, 2)
    officer = staff[3].id
    wish = [Absence(officer, date(2026, 11, 4), date(2026, 11, 4), "request")]
    kept = solve(Problem(days, staff, {}, wish, {}, RULES))
    assert kept.assignments[date(2026, 11, 4), Tier.OFFICER] != officer
    assert kept.unhonoured == [] and kept.unfilled == []
    # Two officers and rest 1: the officer must work every other day; a wish on both
    # parities cannot all be kept, and a gap is never the price of a wish.
    both = [Absence(officer, date(2026, 11, 4), date(2026, 11, 5), "request")]
    forced = solve(Problem(days, staff, {}, both, {}, RULES))
    assert forced.unfilled == []
    assert forced.unhonoured and all(staff_id == officer for staff_id, _ in forced.unhonoured)


def test_cancel_stops_at_once():
    control = SolveControl()
    control.cancel()
    days = plans(date(2026, 1, 1), date(2026, 3, 31))
    with pytest.raises(rota_solver.Cancelled):
        rota_solver.generate(Problem(days, people(3, 5, 8), {}, [], {}, RULES), control=control)


def test_without_the_solver_the_greedy_is_offered_and_says_so(monkeypatch):
    real_import = builtins.__import__

    def no_ortools(name, *args, **kwargs):
        if name.startswith("ortools"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ortools)
    days = plans(date(2026, 2, 1), date(2026, 2, 7))
    result = solve(Problem(days, people(3, 5, 8), {}, [], {}, RULES))
    assert result.method is Method.GREEDY and "OR-Tools" in result.note
    assert result.unfilled == []


def test_a_time_limit_offers_the_best_found_and_says_it_is_not_proven():
    days = plans(date(2026, 1, 1), date(2026, 12, 31))
    staff = people(6, 14, 40)
    rng = random.Random(7)
    absences = [Absence(q.id, d, d + timedelta(days=rng.randrange(2, 10))) for q in staff
                for d in (date(2026, 1, 1) + timedelta(days=rng.randrange(365)),)]
    result = solve(Problem(days, staff, {}, absences, {}, RULES), seconds=0.01)
    assert result.method is Method.BEST_FOUND and "未证明最优" in result.note
    hard = roster.check(days, result.assignments, {q.id: q for q in staff}, absences, RULES)
    assert [b for b in hard if not b.message.startswith("未安排")] == []
