"""The exact rota generator, without a database: hard rules, proofs, reasons and wishes.

The decisive test compares it with an answer worked out independently — every possible
rota of a small instance enumerated by a plain search that shares no code with the model.
"""

from __future__ import annotations

import builtins
import random
import threading
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutyroom.domain import roster, rota_solver
from dutyroom.domain.calendar import DayKind, Source, UserDay, resolve
from dutyroom.domain.fairness import Weights, fairness
from dutyroom.domain.roster import Absence, Category, Method, Person, RosterRules, Seat
from dutyroom.domain.rota_solver import Problem, SolveControl
from dutyroom.domain.tiers import Tier
from tests.unit.test_roster import people, plans

RULES = RosterRules()


def solve(problem: Problem, seconds: float = 10) -> roster.Generation:
    return rota_solver.generate(problem, seconds=seconds)


# --- an independent exact answer -----------------------------------------------------------


def officers(plan: roster.DayPlan, rules: RosterRules) -> int:
    """Officers a day needs, as the settings say it: its kind's number, the sensitive
    period's if more."""
    by_kind = {Category.WORKDAY: rules.officers_workday, Category.WEEKEND: rules.officers_weekend,
               Category.HOLIDAY: rules.officers_holiday}[plan.category]
    return max(by_kind, rules.officers_sensitive) if plan.periods else by_kind


def brute_force(problem: Problem) -> tuple[int, int, int, int]:
    """(fewest empty first seats — a tier with nobody that day —, then fewest empty further
    officers' seats, then least per-kind spread, then least load spread) by trying every
    rota; written from the rules as docs/rules.md states them, not from the model."""
    p = problem
    slots = [(plan.day, Seat(tier, i)) for plan in p.plans for tier in plan.required
             for i in range(officers(plan, p.rules) if tier is Tier.OFFICER else 1)
             if (plan.day, Seat(tier, i)) not in p.taken]
    kind = {plan.day: plan.category for plan in p.plans}
    choices = []
    for day, (tier, _index) in slots:
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
    best: list[tuple[int, int, int, int]] = []
    pick: list[int | None] = []

    def empty_firsts() -> int:
        return sum(1 for (_day, seat), who in zip(slots, pick, strict=False)
                   if who is None and seat.index == 0)

    def finish() -> None:
        counts = dict(p.history)
        for (day, _tier), staff_id in [*p.taken.items(), *zip(slots, pick, strict=True)]:
            if staff_id is not None and day in kind:
                counts[staff_id, kind[day]] = counts.get((staff_id, kind[day]), 0) + 1
        figures = fairness(counts, p.people, p.weights)
        key = (empty_firsts(), pick.count(None) - empty_firsts(), sum(figures.by_kind.values()),
               sum(figures.by_load.values()))
        if not best or key < best[0]:
            best[:] = [key]

    def place(index: int) -> None:
        if best and (empty_firsts(), pick.count(None) - empty_firsts()) > best[0][:2]:
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
    rules = RosterRules(chief_may_lead=rng.random() < 0.5, min_rest_days=rng.randint(0, 2),
                        officers_holiday=rng.choice((1, 1, 2)), officers_weekend=rng.choice((1, 2)))
    days = plans(start, end, {start + timedelta(days=1): ("敏感期",)} if seed % 3 == 0 else {},
                 rules, holidays)
    history = {(q.id, cat): rng.randint(0, 3) for q in staff for cat in Category}
    taken = {}
    if seed % 4 == 0 and staff:
        chosen = rng.choice(staff)
        taken[start - timedelta(days=1), Seat(chosen.tier)] = chosen.id  # a duty before the range
    return Problem(days, staff, taken, absences, history, rules, Weights())


def figures_of(problem: Problem, result: roster.Generation) -> tuple[int, int, int, int]:
    """What brute_force minimises, for the solver's rota."""
    figures = fairness(result.counts, problem.people, problem.weights)
    firsts = sum(1 for u in result.unfilled if u.seat.index == 0)
    return (firsts, len(result.unfilled) - firsts, sum(figures.by_kind.values()),
            sum(figures.by_load.values()))


@pytest.mark.parametrize("seed", range(24))
def test_the_solver_matches_an_independent_exact_answer(seed):
    problem = small_instance(seed)
    result = solve(problem)
    found = figures_of(problem, result)
    assert found == brute_force(problem)
    assert (result.min_empty, result.min_second) == found[:2]
    assert set(rota_solver.PROMISED) <= set(result.proven)  # small: all proven


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
    # Two officers (or three) on some days: on sensitive days by default, drawn for the rest.
    officers = st.integers(1, roster.MAX_OFFICERS)
    rules = RosterRules(chief_may_lead=draw(st.booleans()), min_rest_days=draw(st.integers(0, 3)),
                        officers_workday=draw(st.sampled_from((1, 1, 2))),
                        officers_weekend=draw(officers), officers_holiday=draw(officers),
                        officers_sensitive=draw(officers))
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
    assert [b.describe() for b in breaks if not b.unfilled] == []
    assert {(b.day, b.seat) for b in breaks} == {(u.day, u.seat) for u in result.unfilled}
    greedy = roster.greedy(days, staff, kept, absences, {}, rules)
    # Every day's first seats come before any second officer (docs/rules.md), so the exact rota
    # is never worse than the greedy in that order: empty first seats, then empty second ones.
    assert _empties(result) <= _empties(greedy)


def _empties(generation: roster.Generation) -> tuple[int, int]:
    """(empty first seats, empty further officers' seats): the order generation minimises."""
    first = sum(1 for u in generation.unfilled if u.seat.index == 0)
    return first, len(generation.unfilled) - first


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
    assert kept.assignments[date(2026, 11, 4), Seat(Tier.OFFICER)] != officer
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


def staff_year() -> Problem:
    """A year for 60 staff, each away once for 2–9 days: too big to prove best at once."""
    days = plans(date(2026, 1, 1), date(2026, 12, 31))
    staff = people(6, 14, 40)
    rng = random.Random(7)
    absences = [Absence(q.id, d, d + timedelta(days=rng.randrange(2, 10))) for q in staff
                for d in (date(2026, 1, 1) + timedelta(days=rng.randrange(365)),)]
    return Problem(days, staff, {}, absences, {}, RULES)


def test_a_time_limit_offers_the_best_found_and_says_it_is_not_proven():
    p = staff_year()
    result = solve(p, seconds=0.01)
    assert result.method is Method.BEST_FOUND and "未证明最优" in result.note
    assert "已到时限" in result.note
    hard = roster.check(p.plans, result.assignments, {q.id: q for q in p.people}, p.absences,
                        RULES)
    assert [b for b in hard if not b.unfilled] == []


# --- two officers a day in sensitive periods ----------------------------------------------


def test_two_officers_with_heavy_leave_leave_the_proven_minimum_empty_never_one_person_twice():
    """A sensitive week needs two officers a day (粤府办〔2012〕55号) from a pool of three,
    away for days of it: every day keeps one officer before any day gets its second; a
    second seat on a day with one officer free is said to be impossible; nobody sits twice
    a day; and an exhaustive search finds nothing better."""
    start = date(2026, 6, 1)
    week = {start + timedelta(days=k): ("防汛关键期",) for k in range(5)}
    rules = RosterRules(min_rest_days=1, sensitive=(Tier.LEADER, Tier.OFFICER))
    days = plans(start, start + timedelta(days=4), week, rules)
    staff = people(0, 2, 3)
    o1, o2, o3 = (q.id for q in staff if q.tier is Tier.OFFICER)
    absences = [Absence(o1, start, start + timedelta(days=1)),
                Absence(o2, start + timedelta(days=2), start + timedelta(days=4)),
                Absence(o3, start + timedelta(days=4), start + timedelta(days=4))]
    problem = Problem(days, staff, {}, absences, {}, rules)
    assert all(sum(1 for s in plan.seats if s.tier is Tier.OFFICER) == 2 for plan in days)
    result = solve(problem)
    found = figures_of(problem, result)
    assert found == brute_force(problem)
    assert found[0] == 0 and result.min_second == len(result.unfilled) > 0
    assert all(len(ids) == len(set(ids)) for ids in _by_day(result.assignments).values())
    merged = roster.check(days, result.assignments, {q.id: q for q in staff}, absences, rules)
    assert [b.describe() for b in merged if not b.unfilled] == []
    assert {(b.day, b.seat) for b in merged} == {(u.day, u.seat) for u in result.unfilled}
    for gap in result.unfilled:
        assert gap.seat == Seat(Tier.OFFICER, 1)
        assert gap.reason.startswith(("无法安排", "已证明在每天都有人值班的排法中")), gap.reason
    short = [u.day for u in result.unfilled if u.reason.startswith("无法安排：当天须排 2 名值班员")]
    assert start + timedelta(days=4) in short  # only one officer is there that day
    # The greedy keeps the same hard rules, fills first seats first, and never does better.
    greedy = roster.greedy(days, staff, {}, absences, {}, rules)
    assert len(greedy.unfilled) >= len(result.unfilled)
    assert all(len(set(ids)) == len(ids) for ids in _by_day(greedy.assignments).values())


def test_a_second_officer_is_the_first_seats_partner_in_a_fixed_order():
    """The two officers' seats are interchangeable: the rota fills the first seat first and
    puts the two people in id order, so regenerating never just swaps them."""
    start = date(2026, 3, 4)
    days = plans(start, start + timedelta(days=3), {start + timedelta(days=k): ("两会",)
                                                    for k in range(4)})
    problem = Problem(days, people(2, 3, 6), {}, [], {}, RULES)
    result = solve(problem)
    assert result.unfilled == []
    for day, ids in _by_day(result.assignments, Tier.OFFICER).items():
        assert ids == sorted(ids) and len(ids) == 2, day
    assert solve(problem).assignments == result.assignments


def test_officers_per_day_kind_come_from_the_rules():
    rules = RosterRules(officers_weekend=2, officers_sensitive=3)
    days = {p.day: p for p in plans(date(2026, 11, 20), date(2026, 11, 23),
                                    {date(2026, 11, 23): ("会",)}, rules)}
    count = {day: sum(1 for s in p.seats if s.tier is Tier.OFFICER) for day, p in days.items()}
    assert count == {date(2026, 11, 20): 1, date(2026, 11, 21): 2, date(2026, 11, 22): 2,
                     date(2026, 11, 23): 3}
    assert [s.label for s in days[date(2026, 11, 23)].seats] == [
        "主要领导", "带班领导", "值班员", "值班员（二）", "值班员（三）"]
    assert days[date(2026, 11, 23)].required == (Tier.CHIEF, Tier.LEADER, Tier.OFFICER)


def _by_day(assignments, tier=None):
    out: dict[date, list[int]] = {}
    for (day, seat), staff_id in sorted(assignments.items(), key=lambda i: (i[0][0], i[0][1].index)):
        if tier is None or seat.tier is tier:
            out.setdefault(day, []).append(staff_id)
    return out


def test_the_rota_is_made_in_parts_that_share_nobody():
    """Each tier's rota on its own (side by side on two cores), except that a chief who may
    lead ties the chiefs' and the leaders' together; the parts' best rotas together are
    the best rota (the independent brute force above checks the result either way)."""
    days = plans(date(2026, 10, 1), date(2026, 10, 7))
    apart = Problem(days, people(2, 3, 4), {}, [], {}, RULES)
    assert rota_solver.components(apart) == [frozenset({Tier.CHIEF}), frozenset({Tier.LEADER}),
                                             frozenset({Tier.OFFICER})]
    joined = Problem(days, people(2, 3, 4), {}, [], {}, RosterRules(chief_may_lead=True))
    assert rota_solver.components(joined) == [frozenset({Tier.CHIEF, Tier.LEADER}),
                                              frozenset({Tier.OFFICER})]
    control = SolveControl()
    result = rota_solver.generate(joined, control=control)
    assert result.unfilled == [] and control.step == len(rota_solver.STAGES)


def test_cancel_reaches_every_part_being_solved():
    control = SolveControl()
    days = plans(date(2026, 1, 1), date(2026, 12, 31))
    problem = Problem(days, people(6, 14, 40), {}, [], {}, RULES)
    stopper = threading.Timer(0.3, control.cancel)
    stopper.start()
    with pytest.raises(rota_solver.Cancelled):
        rota_solver.generate(problem, control=control)
    stopper.join()


# --- the reasons an empty slot is given are true -----------------------------------------


def free_for(problem: Problem, day: date, tier: Tier) -> list[int]:
    """Who could stand in a `tier` seat on `day` in some rota keeping the hard rules, written
    from the rules as docs/rules.md states them (not from HardRules): active, of the tier (a
    chief for a leader where the desk lets chiefs lead), not away, and clear of every duty
    generation may not move (hand-made, or outside the range) by more than the rest days.
    Any other slot may be left empty, so each of them can take one seat of that day."""
    p = problem
    out = []
    for person in p.people:
        fits = person.tier is tier or (p.rules.chief_may_lead and tier is Tier.LEADER
                                       and person.tier is Tier.CHIEF)
        away = any(a.staff_id == person.id and a.kind != "request" and a.start <= day <= a.end
                   for a in p.absences)
        clash = any(staff_id == person.id and abs((day - other).days) <= p.rules.min_rest_days
                    for (other, _seat), staff_id in p.taken.items())
        if person.active and fits and not away and not clash:
            out.append(person.id)
    return out


def claims_hold(problem: Problem, result: roster.Generation) -> None:
    """Every gap said to be impossible ("无法安排") is: that day has fewer people free for
    the tier than open seats, and no more gaps are so called than that shortfall."""
    claimed: dict[tuple[date, Tier], int] = {}
    for gap in result.unfilled:
        if gap.reason.startswith("无法安排") or gap.reason.startswith("没有在岗"):
            claimed[gap.day, gap.tier] = claimed.get((gap.day, gap.tier), 0) + 1
    for (day, tier), count in claimed.items():
        plan = next(plan for plan in problem.plans if plan.day == day)
        open_ = sum(1 for seat in plan.seats if seat.tier is tier
                    and (day, seat) not in problem.taken)
        assert count <= open_ - len(free_for(problem, day, tier)), (day, tier, result.unfilled)


PROVEN = "已证明本范围至少空 {0} 个班次"
PROVEN_SECOND = "双人值班至少缺 {0} 人"


@pytest.mark.parametrize("seed", range(40))
def test_an_empty_slot_is_called_impossible_only_where_it_is(seed):
    """Against the independent answer: "cannot be filled" only where no rota fills it, "the
    range needs at least N gaps" only with the true N, and never by the greedy."""
    problem = small_instance(seed)
    result = solve(problem)
    claims_hold(problem, result)
    firsts, seconds, _balance, _load = brute_force(problem)
    for gap in result.unfilled:
        if gap.reason.startswith("已证明本范围"):
            assert gap.reason.startswith(PROVEN.format(firsts)), gap.reason
        elif gap.reason.startswith("已证明"):
            assert PROVEN_SECOND.format(seconds) in gap.reason, gap.reason
    p = problem
    greedy = roster.greedy(p.plans, p.people, p.taken, p.absences, p.history, p.rules)
    claims_hold(problem, greedy)
    assert not any(u.reason.startswith("已证明") for u in greedy.unfilled)


def town_month(seed: int) -> Problem:
    """A month of a small town desk, heavy leave, hand-made slots and duties on both sides
    of the range: too big for the brute force, the per-slot claims still checked."""
    rng = random.Random(seed)
    start = date(2026, rng.randrange(1, 12), 1)
    end = start + timedelta(days=27)
    rules = RosterRules(chief_may_lead=rng.random() < 0.5, min_rest_days=rng.randint(1, 3),
                        officers_sensitive=rng.choice((1, 2)))
    staff = people(rng.randint(1, 3), rng.randint(2, 4), rng.randint(3, 6))
    staff = [Person(q.id, q.name, q.tier, q.mobile, rng.random() > 0.1) for q in staff]
    absences = [Absence(q.id, first, first + timedelta(days=rng.randrange(2, 10)),
                        rng.choice(("leave", "leave", "request")))
                for q in staff for first in [start + timedelta(days=rng.randrange(-3, 28))]]
    first_flood = rng.randrange(20)
    periods = {start + timedelta(days=k): ("防汛",)
               for k in range(first_flood, first_flood + rng.randint(3, 8))}
    days = plans(start, end, periods, rules)
    hard = roster.HardRules.of(rules, staff, absences)
    taken: dict[roster.Slot, int] = {}
    for day in (start - timedelta(days=1), end + timedelta(days=1)):  # outside the range
        leaders = [q for q in hard.pool(Tier.LEADER) if not hard.on_leave(q.id, day)]
        if leaders:
            taken[day, Seat(Tier.LEADER)] = rng.choice(leaders).id
    for plan in rng.sample(days, 3):  # hand-made, keeping the rules
        seat = plan.seats[-1]
        book = roster._Book(taken)
        free = [q for q in hard.pool(seat.tier) if hard.barrier(q.id, seat.tier, plan.day) is None
                and not book.on(q.id, plan.day) and not book.resting(q.id, plan.day, hard.rest)]
        if free:
            taken[plan.day, seat] = rng.choice(free).id
    history = {(q.id, cat): rng.randint(0, 20) for q in staff for cat in Category}
    return Problem(days, staff, taken, absences, history, rules)


@pytest.mark.parametrize("seed", range(8))
def test_a_town_month_s_gaps_are_called_impossible_only_where_they_are(seed):
    problem = town_month(seed)
    result = solve(problem, seconds=20)
    claims_hold(problem, result)
    merged = {**problem.taken, **result.assignments}
    breaks = roster.check(problem.plans, merged, {q.id: q for q in problem.people},
                          problem.absences, problem.rules)
    assert [b.describe() for b in breaks if not b.unfilled] == []
    for gap in result.unfilled:
        if gap.reason.startswith("已证明本范围"):  # the bound is the rota's own count
            assert result.min_empty == sum(1 for u in result.unfilled if u.seat.index == 0)
    p = problem
    greedy = roster.greedy(p.plans, p.people, p.taken, p.absences, p.history, p.rules)
    claims_hold(problem, greedy)
    assert _empties(result) <= _empties(greedy)


@pytest.mark.parametrize("seed", range(6))
def test_a_hard_town_month_regenerated_gives_the_same_rota(seed):
    """Unchanged input, the same rota, also where the search stops at its budget."""
    problem = town_month(100 + seed)
    first = solve(problem, seconds=20)
    again = solve(problem, seconds=20)
    assert again.assignments == first.assignments
    assert [u.reason for u in again.unfilled] == [u.reason for u in first.unfilled]


def test_a_rota_the_budgets_ended_does_not_say_the_time_limit_was_reached(monkeypatch):
    """The solver's own work budgets (here made tiny) may end a search long before the
    desk's time limit: the rota is not proven best, but no time limit was reached, and its
    note may not say one was."""
    monkeypatch.setattr(rota_solver, "SHARES", dict.fromkeys(rota_solver.SHARES, 1e-6))
    result = solve(staff_year(), seconds=600)
    assert result.method is Method.BEST_FOUND
    assert "未证明最优" in result.note and "时限" not in result.note, result.note


def test_only_the_desk_s_time_limit_counts_the_clock(monkeypatch):
    """Every goal ends on CP-SAT's deterministic work, which a busy machine does not change;
    a goal with a wall-clock cap of its own gave another rota on a loaded machine. So each
    search may run until the desk's limit, and no sooner by the clock."""
    import time

    from ortools.sat.python import cp_model

    seconds, began, limits = 20.0, time.monotonic(), []

    class Watched(cp_model.CpSolver):  # type: ignore[misc]
        def solve(self, model, *args, **kwargs):
            limits.append((self.parameters.max_time_in_seconds,
                           began + seconds - time.monotonic()))
            return super().solve(model, *args, **kwargs)

    monkeypatch.setattr(cp_model, "CpSolver", Watched)
    monkeypatch.setattr(rota_solver.os, "cpu_count", lambda: 1)  # one thread: began is shared
    solve(town_month(101), seconds=seconds)
    assert len(limits) >= 4  # the empty seats, the balance and the capped goals
    assert all(wall >= left - 0.5 for wall, left in limits), limits


def test_a_second_officer_s_gap_beside_an_empty_first_seat_does_not_claim_every_day_is_covered():
    """One leader and rest 1 over three sensitive days: a day has no leader whatever the
    rota, and one second officer is missing too. The second officer's reason may not say
    "in the rotas where every day has someone": none exists; it names the fewest gaps."""
    start = date(2026, 6, 1)
    rules = RosterRules(min_rest_days=1, sensitive=(Tier.LEADER, Tier.OFFICER))
    days = plans(start, start + timedelta(days=2),
                 {start + timedelta(days=k): ("防汛关键期",) for k in range(3)}, rules)
    problem = Problem(days, people(0, 1, 3), {}, [], {}, rules)
    result = solve(problem)
    assert figures_of(problem, result)[:2] == brute_force(problem)[:2] == (1, 1)
    leader = next(u for u in result.unfilled if u.tier is Tier.LEADER)
    assert leader.reason.startswith("已证明本范围至少空 1 个班次"), leader.reason
    second = next(u for u in result.unfilled if u.seat.index == 1)
    assert second.reason.startswith("已证明在空班最少（1 个）的排法中，双人值班至少缺 1 人"), \
        second.reason
    assert "每天都有人值班" not in second.reason


def test_a_2027_rota_puts_three_tiers_on_the_legal_holidays_before_the_notice():
    """No State Council notice for 2027 yet: 元旦 and 春节 (除夕–初三) are assumed holidays by
    law, so the generated rota has a chief on exactly those days; bridging days wait."""
    days = plans(date(2027, 1, 1), date(2027, 2, 28))
    assert {d.info.source for d in days} == {Source.ASSUMED}
    result = solve(Problem(days, people(3, 5, 8), {}, [], {}, RULES))
    chiefs = sorted(day for (day, seat) in result.assignments if seat.tier is Tier.CHIEF)
    assert chiefs == [date(2027, 1, 1), date(2027, 2, 5), date(2027, 2, 6), date(2027, 2, 7),
                      date(2027, 2, 8)]
    assert result.unfilled == []
    assert {p.category for p in days if p.day in chiefs} == {Category.HOLIDAY}
