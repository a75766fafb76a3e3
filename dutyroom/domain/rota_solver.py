"""The exact rota generator: fewest empty slots first, then fairness, then wishes, then habit.

Among all rotas that keep every hard rule, generation leaves the fewest required slots
empty; among those, it takes the fairest (domain/fairness.py); among those, the one that
honours the most soft requests (尽量不排); among those, the one closest to the greedy
rotation, so people can still predict their turn and an unchanged range gives the same
rota again. Each goal is one CP-SAT solve (OR-Tools) whose optimum is then held fixed for
the next, which is what "lexicographically" means here. Empty seats are two goals: first a
tier with nobody on a day, then a second officer missing.

The rota is made in parts that share nobody (`components`: each tier, or the chiefs and
leaders together when a chief may lead), solved side by side on the machine's cores: each
part is a far smaller model, and the best of each part, goal by goal, is the best of the
whole, since every rule binds one person and every goal is a sum over tiers.

Why this lives in the domain: the model is built from `HardRules` — the very object the
checker (`roster.check`) asks — so a slot the checker would flag is never a choice the
solver has, and both stay in one place that is tested without a database. OR-Tools is
used as a pure function (a model in, an assignment out: no I/O, no global state, one seed
and one worker a part), which is the sense in which the domain may use
"small pure libraries"; it is imported only when a rota is generated, so the rest of the
domain loads without it, and the greedy takes over when it is missing or finds nothing.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from dutyroom.domain.fairness import Weights, groups
from dutyroom.domain.roster import (
    TIER_ORDER,
    Absence,
    Category,
    DayPlan,
    Generation,
    HardRules,
    Method,
    Person,
    RosterRules,
    Slot,
    _Book,
    counts_with,
    explain,
    greedy,
    in_seat_order,
    twins,
    unhonoured,
)
from dutyroom.domain.text import sentence
from dutyroom.domain.tiers import Tier

DEFAULT_SECONDS = 20.0
STAGES = ("fewest_empty", "fewest_second", "balance", "load", "requests", "rotation")
# What "best" means; the rest are tie-breaks.
PROMISED = ("fewest_empty", "fewest_second", "balance", "load")
# Of the time left when a stage starts, the share it may use (what it leaves over goes on);
# the later goals also stop at CAPS × the work done so far (at least a little), so a rota
# whose weighted load is hard to prove best is offered in about a second, said to be
# unproven, instead of at the time limit (benchmarks/roster_town.py: a longer search for
# the load proved a few more town months best but found no fairer one). Budgets are
# counted in CP-SAT's deterministic time with one worker a part, so the same problem gets
# the same rota however busy the machine is: only the desk's time limit is counted on the
# wall clock, and a rota it cut short is offered as not proven best. (A wall-clock cap on
# the capped goals once saved a second or two on a 60-staff year, but under load it gave 2
# of 4 town instances another rota on a second run.)
SHARES = {"fewest_empty": 0.4, "fewest_second": 0.4, "balance": 0.5, "load": 0.6,
          "requests": 0.5, "rotation": 1.0}
CAPS = {"load": (1.0, 0.2), "requests": (0.25, 0.05), "rotation": (0.25, 0.05)}
STAGE_LABELS = {"fewest_empty": "求最少空班", "fewest_second": "求双人值班空缺最少",
                "balance": "均衡各类班次", "load": "均衡加权工作量", "requests": "照顾个人请求",
                "rotation": "保持轮换顺序"}


class Cancelled(Exception):
    """The person stopped the generation; nothing was made."""


class SolveControl:
    """Progress and cancel between the threads that solve and the window that waits.

    The window reads `stage`, `step`, `elapsed` and `limit` on a timer; `cancel()` may be
    called from any thread and stops every running search at once. The rota's independent
    parts (`components`) are solved side by side: the step shown is the least advanced
    part's, so the bar never runs back.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._solvers: dict[int, Any] = {}
        self._steps: dict[int, int] = {}
        self._cancelled = threading.Event()
        self.stage = ""
        self.step = 0
        self.started = time.monotonic()
        self.limit = DEFAULT_SECONDS

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def cancel(self) -> None:
        self._cancelled.set()
        with self._lock:
            for solver in self._solvers.values():
                solver.stop_search()

    def attach(self, solver: Any, stage: str, part: int = 0) -> None:
        with self._lock:
            self._solvers[part] = solver
            self._steps[part] = STAGES.index(stage) + 1
            self._show()
        if self.cancelled:
            solver.stop_search()  # cancelled between two stages

    def detach(self, part: int = 0) -> None:
        with self._lock:
            self._solvers.pop(part, None)

    def finish(self, part: int = 0) -> None:
        with self._lock:
            self._steps[part] = len(STAGES)
            self._show()

    def _show(self) -> None:
        self.step = min(self._steps.values())
        self.stage = STAGES[self.step - 1]


@dataclass(frozen=True)
class Problem:
    """One generation's input, all plain data."""

    plans: list[DayPlan]
    people: list[Person]
    taken: Mapping[Slot, int]
    absences: list[Absence]
    history: Mapping[tuple[int, Category], int]
    rules: RosterRules
    weights: Weights = field(default_factory=Weights)


def components(problem: Problem) -> list[frozenset[Tier]]:
    """The tiers whose rotas can be made apart, in rank order: each tier on its own, except
    that a chief who may lead joins the chiefs' and the leaders' rotas into one.

    Every hard rule binds one person, and a person stands only in seats of the tiers they
    may fill; every goal is a sum over tiers (empty seats, per-tier spreads, wishes, habit).
    So the best rota of each part, goal by goal, together make the best rota of the whole:
    the parts are solved side by side, each a far smaller model than the whole.
    """
    tiers = [t for t in TIER_ORDER
             if any(t is s.tier for plan in problem.plans for s in plan.seats)
             or any(t is p.tier and p.active for p in problem.people)]
    parts: list[set[Tier]] = []
    for tier in tiers:
        joined = [part for part in parts if any(problem.rules.may_fill(tier, other)
                                                or problem.rules.may_fill(other, tier)
                                                for other in part)]
        merged = {tier}.union(*joined)
        parts = [part for part in parts if part not in joined] + [merged]
    return sorted((frozenset(part) for part in parts),
                  key=lambda part: min(TIER_ORDER.index(t) for t in part))


def generate(problem: Problem, *, seconds: float = DEFAULT_SECONDS,
             control: SolveControl | None = None) -> Generation:
    """The rota for `problem`'s empty slots; the greedy's when the solver cannot be had."""
    control = control or SolveControl()
    control.limit = seconds
    p = problem
    start = greedy(p.plans, p.people, p.taken, p.absences, p.history, p.rules)
    try:
        from ortools.sat.python import cp_model
    except ImportError:
        start.note = sentence("未安装求解器（OR-Tools），用的是逐日排班法，空班不一定最少")
        return start
    deadline = time.monotonic() + seconds
    parts = [_Exact(p, tiers, start, cp_model, seconds, deadline, control, index)
             for index, tiers in enumerate(components(p))]
    workers = min(len(parts), os.cpu_count() or 1)
    if workers > 1:  # CP-SAT lets go of the interpreter while it searches
        # The largest part (the officers, mostly) first: on two cores it then runs from
        # the start beside the small ones instead of waiting for one of them.
        with ThreadPoolExecutor(workers) as pool:
            running = [pool.submit(part.run) for part in sorted(parts, key=_size, reverse=True)]
            ends = [future.result() for future in running]
    else:
        ends = [part.run() for part in parts]
    return _result(p, ends, control, timed_out=time.monotonic() >= deadline)


def _size(part: _Exact) -> int:
    """About how many choices a part's model holds: its seats times the people for them."""
    return sum(len(part.hard.pool(seat.tier)) for plan in part.p.plans for seat in plan.seats
               if seat.tier in part.tiers)


@dataclass(frozen=True)
class _End:
    """What one part's solves leave: its rota, the proven lower bounds of its empty seats,
    and the goals it proved best."""

    best: dict[Slot, int]
    bounds: dict[str, int]
    proven: frozenset[str]


def _result(p: Problem, ends: list[_End], control: SolveControl, timed_out: bool) -> Generation:
    hard = HardRules.of(p.rules, p.people, p.absences)
    best = in_seat_order({slot: sid for end in ends for slot, sid in end.best.items()},
                         twins(p.plans, p.taken))
    proven = tuple(stage for stage in STAGES if all(stage in end.proven for end in ends))

    def bound(stage: str) -> int | None:
        found = [end.bounds.get(stage) for end in ends]
        return None if None in found else sum(b for b in found if b is not None)

    counts = counts_with(p.plans, {**p.taken, **best}, p.history)
    optimal = all(goal in proven for goal in PROMISED)
    result = Generation(best, [], counts, Method.OPTIMAL if optimal else Method.BEST_FOUND,
                        bound("fewest_empty"), proven=proven, min_second=bound("fewest_second"))
    result.unfilled = explain(p.plans, p.taken, result, hard)
    result.unhonoured = unhonoured(best, hard)
    if not optimal:  # the budgets, or the desk's time limit, ended the search first
        result.note = (sentence("已到时限（{0:.0f} 秒），给出目前找到的最佳排班，未证明最优",
                                control.limit) if timed_out
                       else sentence("给出在计算量限度内找到的最佳排班，未证明最优"))
    return result


class _Exact:
    """The CP-SAT model of one part of a problem (the seats of `tiers`) and its solves."""

    def __init__(self, problem: Problem, tiers: frozenset[Tier], start: Generation,
                 cp_model: Any, seconds: float, deadline: float, control: SolveControl,
                 part: int = 0) -> None:
        self.p, self.tiers, self.start, self.cp = problem, tiers, start, cp_model
        self.control, self.part = control, part
        self.seconds = seconds  # what is left of the limit in deterministic time
        self.deadline = deadline
        self.work = 0.0  # deterministic time spent so far
        self.hard = HardRules.of(problem.rules, problem.people, problem.absences)
        self.model = cp_model.CpModel()

    # --- the model ------------------------------------------------------------------------

    def _build(self) -> None:
        hard, model, p, cp = self.hard, self.model, self.p, self.cp
        fixed = _Book(p.taken)
        self.slots = [(plan.day, seat) for plan in p.plans for seat in plan.seats
                      if seat.tier in self.tiers and (plan.day, seat) not in p.taken]
        category_of = {plan.day: plan.category for plan in p.plans}
        pools = {tier: hard.pool(tier) for tier in self.tiers}
        blocked = self._blocked([q for pool in pools.values() for q in pool], fixed)
        self.x: dict[tuple[int, Slot], Any] = {}
        per_day: dict[int, dict[date, list[Any]]] = {}
        self.filled: dict[Slot, Any] = {}
        for slot in self.slots:
            day, seat = slot
            here = []
            for person in pools[seat.tier]:
                if day in blocked[person.id]:
                    continue
                var = model.new_bool_var("")
                self.x[person.id, slot] = var
                per_day.setdefault(person.id, {}).setdefault(day, []).append(var)
                here.append(var)
            if here:
                model.add_at_most_one(here)
            self.filled[slot] = cp.LinearExpr.sum(here) if here else 0
        # Two goals for empty seats, one after the other: first that each tier has somebody
        # every day (the first seats), then the further officers of a two-officer day. A
        # day with nobody at the desk is the failure desks fear; a second officer missing
        # is the lesser one, never bought with the first.
        firsts = [slot for slot in self.slots if slot[1].index == 0]
        seconds = [slot for slot in self.slots if slot[1].index > 0]
        self.forced_empty = sum(1 for slot in firsts if isinstance(self.filled[slot], int))
        self.forced_second = sum(1 for slot in seconds if isinstance(self.filled[slot], int))
        rest = hard.rest
        for days in per_day.values():
            ordered = sorted(days)
            for i, first in enumerate(ordered):
                window = list(days[first])
                for later in ordered[i + 1:]:
                    if (later - first).days > rest:
                        break
                    window += days[later]
                if len(window) > 1:
                    model.add_at_most_one(window)
        base = counts_with(p.plans, p.taken, p.history)
        mine: dict[tuple[int, Category], list[Any]] = {}
        for (staff_id, (day, _seat)), var in self.x.items():
            mine.setdefault((staff_id, category_of[day]), []).append(var)
        self.empty = self._empty(firsts)
        self.empty_second = self._empty(seconds)
        weight = {cat: p.weights.of(cat) for cat in Category}
        slot_kinds: dict[tuple[Tier, Category], int] = {}
        for day, seat in self.slots:
            key = (seat.tier, category_of[day])
            slot_kinds[key] = slot_kinds.get(key, 0) + 1
        self.specs: dict[str, list[tuple[list[tuple[int, list[tuple[int, Any]]]], int]]] = {
            "balance": [], "load": []}
        self.bounds: list[tuple[Any, Any, list[tuple[int, list[tuple[int, Any]]]]]] = []
        everyone = [person for person in p.people if person.tier in self.tiers]
        for tier, pool in groups(everyone).items():
            for cat in Category:
                if any(mine.get((q.id, cat)) for q in pool):
                    self.specs["balance"].append(([
                        (base.get((q.id, cat), 0), [(1, v) for v in mine.get((q.id, cat), [])])
                        for q in pool], slot_kinds.get((tier, cat), 0)))
            if any(mine.get((q.id, cat)) for q in pool for cat in Category):
                self.specs["load"].append(([
                    (sum(weight[cat] * base.get((q.id, cat), 0) for cat in Category),
                     [(weight[cat], v) for cat in Category for v in mine.get((q.id, cat), [])])
                    for q in pool], sum(weight[cat] * slot_kinds.get((tier, cat), 0)
                                        for cat in Category)))
        # Two figures, one after the other: together in one objective their proofs take
        # minutes, apart each takes a moment.
        self.balance = self._total([self._spread(values) for values, _n in self.specs["balance"]])
        self.load = self._total([self._spread(values) for values, _n in self.specs["load"]])
        # Whether a tier's duties are fixed in number once no slot stays empty: only if
        # nobody can stand in another tier's slot (a chief leading).
        self.closed_tiers = not any(
            hard.people[sid].tier is not seat.tier for (sid, (_d, seat)) in self.x)
        self.asked = self._total([var for (staff_id, (day, _s)), var in self.x.items()
                                  if hard.asked_off(staff_id, day)])
        self.habit = self._total([self.x[key] for key in ((sid, slot) for slot, sid
                                                          in self.start.assignments.items())
                                  if key in self.x])
        self._order_twins()
        self._hint(self.start.assignments)

    def _blocked(self, people: list[Person], fixed: _Book) -> dict[int, set[date]]:
        """The days of the range each person may not stand at all: away (HardRules), or
        too close to a duty generation may not move (hand-made, or outside the range).
        Worked out once a person, not once a seat: a year's model has 15,000 choices."""
        first, last = self.p.plans[0].day, self.p.plans[-1].day
        rest = self.hard.rest
        out: dict[int, set[date]] = {}
        for person in people:
            days = out.setdefault(person.id, set())
            for away in self.hard.leave.get(person.id, ()):
                day = max(away.start, first)
                while day <= min(away.end, last):
                    days.add(day)
                    day += timedelta(days=1)
            for duty in fixed.days.get(person.id, ()):
                days.update(duty + timedelta(days=k) for k in range(-rest, rest + 1))
        return out

    def _empty(self, slots: list[Slot]) -> Any:
        """How many of `slots` stay empty; a plain number when nobody can take any."""
        open_ = [self.filled[slot] for slot in slots if not isinstance(self.filled[slot], int)]
        return len(slots) - self.cp.LinearExpr.sum(open_) if open_ else len(slots)

    def _total(self, terms: list[Any]) -> Any:
        """A sum for an objective; 0 (a plain number: nothing to choose) when empty."""
        return self.cp.LinearExpr.sum(terms) if terms else 0

    def _order_twins(self) -> None:
        """Interchangeable seats (two officers of one day, roster.twins) filled first seat
        first and by the people's order, as roster.in_seat_order puts them: without this
        every rota has a mirror image the search would have to rule out again."""
        candidates: dict[Slot, list[int]] = {}
        for staff_id, slot in self.x:
            candidates.setdefault(slot, []).append(staff_id)
        for group in twins(self.p.plans, self.p.taken):
            for first, second in itertools.pairwise(group):
                if first[1].tier not in self.tiers or isinstance(self.filled[first], int):
                    continue  # another part's seats, or nobody can take either
                self.model.add(self.filled[second] <= self.filled[first])
                people = sorted(candidates[first])
                for rank, staff_id in enumerate(people):
                    if (staff_id, second) in self.x:
                        earlier = [self.x[q, first] for q in people[:rank]]
                        self.model.add(self.x[staff_id, second] <= self._total(earlier))

    def _spread(self, values: list[tuple[int, list[tuple[int, Any]]]]) -> Any:
        """max − min of `base + Σ weight·x` over people, with the bounds' domains as tight
        as the constants allow (it shortens the proofs)."""
        weighted = self.cp.LinearExpr.weighted_sum
        least = [base for base, _terms in values]
        most = [base + sum(w for w, _v in terms) for base, terms in values]
        hi = self.model.new_int_var(max(least), max(most), "")
        lo = self.model.new_int_var(min(least), min(most), "")
        sums = [weighted([v for _w, v in terms], [w for w, _v in terms]) + base
                for base, terms in values]
        for value in sums:
            self.model.add(value <= hi)
            self.model.add(value >= lo)
        # Redundant but decisive: the largest is at least the average, the smallest at most,
        # which lets the solver prove "max − min ≥ 1" from integrality alone.
        total = self.cp.LinearExpr.sum(sums)
        self.model.add(hi * len(values) >= total)
        self.model.add(lo * len(values) <= total)
        self.bounds.append((hi, lo, values))
        return hi - lo

    def _hint(self, assignments: Mapping[Slot, int]) -> None:
        """Start the next search from `assignments`, every variable given (an incomplete
        hint is only a suggestion; a complete one is a first solution at once)."""
        self.model.clear_hints()
        chosen = {var.index for (staff_id, slot), var in self.x.items()
                  if assignments.get(slot) == staff_id}
        for var in self.x.values():
            self.model.add_hint(var, var.index in chosen)
        for hi, lo, values in self.bounds:
            sums = [base + sum(w for w, v in terms if v.index in chosen) for base, terms in values]
            self.model.add_hint(hi, max(sums))
            self.model.add_hint(lo, min(sums))

    # --- the solves -----------------------------------------------------------------------

    def run(self) -> _End:
        self._build()
        best = {slot: sid for slot, sid in self.start.assignments.items()
                if slot[1].tier in self.tiers}
        bounds: dict[str, int] = {}  # proven lower bounds of the empty-seat goals
        self.kept: dict[str, int] = {}  # each goal's value, held from its stage on
        proven: list[str] = []
        goals = [("fewest_empty", self.empty), ("fewest_second", self.empty_second),
                 ("balance", self.balance), ("load", self.load), ("requests", self.asked),
                 ("rotation", -self.habit)]
        for stage, objective in goals:
            if isinstance(objective, int):  # nothing to choose for this goal
                proven.append(stage)
                bounds[stage] = self.kept[stage] = objective
                continue
            value = self._value(stage, best)
            if value == self._floor(stage):  # proven by counting alone
                proven.append(stage)
                bounds[stage] = self.kept[stage] = value
                self.model.add(objective <= value)
                continue
            solved = self._solve(stage, objective)
            if solved is None:
                break
            best, value, bound, optimal = solved
            if optimal:
                proven.append(stage)
            bounds[stage], self.kept[stage] = bound, value
            self.model.add(objective <= value)
            self._hint(best)
        self.control.finish(self.part)
        self._complete(best)
        return _End(best, bounds, frozenset(proven))

    def _value(self, stage: str, best: Mapping[Slot, int]) -> int:
        """The objective of `stage` for the rota `best`, counted directly."""
        chosen = {self.x[key].index for key in ((sid, slot) for slot, sid in best.items())
                  if key in self.x}
        if stage in ("fewest_empty", "fewest_second"):
            return sum(1 for slot in self.slots
                       if slot not in best and (slot[1].index == 0) == (stage == "fewest_empty"))
        if stage in self.specs:
            total = 0
            for values, _n in self.specs[stage]:
                sums = [base + sum(w for w, v in terms if v.index in chosen)
                        for base, terms in values]
                total += max(sums) - min(sums)
            return total
        if stage == "requests":
            return sum(1 for slot, sid in best.items() if self.hard.asked_off(sid, slot[0]))
        return -sum(1 for slot, sid in best.items() if self.start.assignments.get(slot) == sid)

    def _floor(self, stage: str) -> int:
        """A lower bound on the objective of `stage` that needs no search: the seats nobody
        can take; for a spread, the gap the year before leaves whatever is added, and —
        when every seat is kept filled and no one crosses tiers, so the total is fixed — 1
        if that total does not divide evenly."""
        if stage == "fewest_empty":
            return self.forced_empty
        if stage == "fewest_second":
            return self.forced_second
        if stage in self.specs:
            fixed = (self.kept.get("fewest_empty") == 0 and self.kept.get("fewest_second") == 0
                     and self.closed_tiers)
            total = 0
            for values, slots in self.specs[stage]:
                bases = [base for base, _terms in values]
                tops = [base + sum(w for w, _v in terms) for base, terms in values]
                uneven = fixed and (sum(bases) + slots) % len(values) != 0
                total += max(max(bases) - min(tops), int(uneven))
            return total
        if stage == "requests":
            return 0
        return -len({key for key in ((sid, slot) for slot, sid in self.start.assignments.items())
                     if key in self.x})

    def _solve(self, stage: str, objective: Any) -> tuple[dict[Slot, int], int, int, bool] | None:
        left = self.deadline - time.monotonic()
        if left <= 0.05:
            return None
        budget = self.seconds * SHARES[stage]
        if stage in CAPS:
            factor, least = CAPS[stage]
            budget = min(budget, max(least, factor * self.work))
        self.model.minimize(objective)
        solver = self.cp.CpSolver()
        params = solver.parameters
        params.max_deterministic_time = max(0.05, budget)
        params.max_time_in_seconds = max(0.05, left)
        params.num_workers = 1
        params.random_seed = 7
        params.keep_all_feasible_solutions_in_presolve = True  # so the hint stays a solution
        self.control.attach(solver, stage, self.part)
        try:
            status = solver.solve(self.model)
        finally:
            self.control.detach(self.part)
        if self.control.cancelled:
            raise Cancelled()
        self.work += solver.deterministic_time
        self.seconds = max(0.0, self.seconds - solver.deterministic_time)
        if status not in (self.cp.OPTIMAL, self.cp.FEASIBLE):
            return None
        found = {slot: staff_id for (staff_id, slot), var in self.x.items()
                 if solver.boolean_value(var)}
        value = round(solver.objective_value)
        bound = int(-(-solver.best_objective_bound // 1))  # the proven bound, rounded up
        return found, value, bound, status == self.cp.OPTIMAL

    def _complete(self, best: dict[Slot, int]) -> None:
        """Fill any slot a stopped search left empty although someone is free for it."""
        book = _Book({**self.p.taken, **best})
        for slot in self.slots:
            if slot in best:
                continue
            day, seat = slot
            for person in self.hard.pool(seat.tier):
                if (person.id, slot) in self.x and not book.on(person.id, day) \
                        and not book.resting(person.id, day, self.hard.rest):
                    best[slot] = person.id
                    book.add(person.id, day)
                    break
