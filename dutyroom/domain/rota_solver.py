"""The exact rota generator: fewest empty slots first, then fairness, then wishes, then habit.

Among all rotas that keep every hard rule, generation leaves the fewest required slots
empty; among those, it takes the fairest (domain/fairness.py); among those, the one that
honours the most soft requests (尽量不排); among those, the one closest to the greedy
rotation, so people can still predict their turn and an unchanged range gives the same
rota again. Each goal is one CP-SAT solve (OR-Tools) whose optimum is then held fixed for
the next, which is what "lexicographically" means here.

Why this lives in the domain: the model is built from `HardRules` — the very object the
checker (`roster.check`) asks — so a slot the checker would flag is never a choice the
solver has, and both stay in one place that is tested without a database. OR-Tools is
used as a pure function (a model in, an assignment out: no I/O, no global state, one seed
and the deterministic interleaved search), which is the sense in which the domain may use
"small pure libraries"; it is imported only when a rota is generated, so the rest of the
domain loads without it, and the greedy takes over when it is missing or finds nothing.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dutyroom.domain.fairness import Weights, fairness, groups
from dutyroom.domain.roster import (
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
# whose weighted load is hard to prove best is offered in a second or two, said to be
# unproven, instead of at the time limit. Budgets are counted in CP-SAT's deterministic
# time with one worker: the same problem then gets the same rota on every run, however
# busy the machine; the wall-clock limit only guards against a very slow machine.
SHARES = {"fewest_empty": 0.4, "fewest_second": 0.4, "balance": 0.5, "load": 0.6,
          "requests": 0.5, "rotation": 1.0}
CAPS = {"load": (1.0, 0.3), "requests": (0.5, 0.1), "rotation": (0.5, 0.1)}
STAGE_LABELS = {"fewest_empty": "求最少空班", "fewest_second": "求双人值班空缺最少",
                "balance": "均衡各类班次", "load": "均衡加权工作量", "requests": "照顾个人请求",
                "rotation": "保持轮换顺序"}


class Cancelled(Exception):
    """The person stopped the generation; nothing was made."""


class SolveControl:
    """Progress and cancel between the thread that solves and the window that waits.

    The window reads `stage`, `elapsed` and `limit` on a timer; `cancel()` may be called
    from any thread and stops the running search at once.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._solver: Any = None
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
            if self._solver is not None:
                self._solver.stop_search()

    def attach(self, solver: Any, stage: str) -> None:
        with self._lock:
            self._solver, self.stage = solver, stage
            self.step = STAGES.index(stage) + 1
        if self.cancelled:
            solver.stop_search()  # cancelled between two stages

    def detach(self) -> None:
        with self._lock:
            self._solver = None


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
    return _Exact(p, start, cp_model, seconds, control).run()


class _Exact:
    """The CP-SAT model of one problem and its four solves."""

    def __init__(self, problem: Problem, start: Generation, cp_model: Any, seconds: float,
                 control: SolveControl) -> None:
        self.p, self.start, self.cp, self.control = problem, start, cp_model, control
        self.began = time.monotonic()
        self.deadline = self.began + seconds
        self.seconds = seconds  # what is left of the limit in deterministic time
        self.work = 0.0  # deterministic time spent so far
        self.hard = HardRules.of(problem.rules, problem.people, problem.absences)
        self.model = cp_model.CpModel()
        self._build()

    # --- the model ------------------------------------------------------------------------

    def _build(self) -> None:
        hard, model, p = self.hard, self.model, self.p
        fixed = _Book(p.taken)
        self.slots = [(plan.day, seat) for plan in p.plans for seat in plan.seats
                      if (plan.day, seat) not in p.taken]
        category_of = {plan.day: plan.category for plan in p.plans}
        self.x: dict[tuple[int, Slot], Any] = {}
        per_day: dict[int, dict[date, list[Any]]] = {}
        self.filled: dict[Slot, Any] = {}
        for slot in self.slots:
            day, seat = slot
            here = []
            for person in hard.pool(seat.tier):
                if hard.barrier(person.id, seat.tier, day) is not None:
                    continue
                if fixed.on(person.id, day) or fixed.resting(person.id, day, hard.rest):
                    continue
                var = model.new_bool_var("")
                self.x[person.id, slot] = var
                per_day.setdefault(person.id, {}).setdefault(day, []).append(var)
                here.append(var)
            if here:
                model.add_at_most_one(here)
            self.filled[slot] = sum(here) if here else 0
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
        for (staff_id, (day, _tier)), var in self.x.items():
            mine.setdefault((staff_id, category_of[day]), []).append(var)
        self.empty = len(firsts) - sum(self.filled[slot] for slot in firsts)
        self.empty_second = len(seconds) - sum(self.filled[slot] for slot in seconds)
        weight = p.weights.of
        slot_kinds: dict[tuple[Tier, Category], int] = {}
        for day, seat in self.slots:
            key = (seat.tier, category_of[day])
            slot_kinds[key] = slot_kinds.get(key, 0) + 1
        self.specs: dict[str, list[tuple[list[tuple[int, list[tuple[int, Any]]]], int]]] = {
            "balance": [], "load": []}
        self.bounds: list[tuple[Any, Any, list[tuple[int, list[tuple[int, Any]]]]]] = []
        for tier, pool in groups(p.people).items():
            for cat in Category:
                if any(mine.get((q.id, cat)) for q in pool):
                    self.specs["balance"].append(([
                        (base.get((q.id, cat), 0), [(1, v) for v in mine.get((q.id, cat), [])])
                        for q in pool], slot_kinds.get((tier, cat), 0)))
            if any(mine.get((q.id, cat)) for q in pool for cat in Category):
                self.specs["load"].append(([
                    (sum(weight(cat) * base.get((q.id, cat), 0) for cat in Category),
                     [(weight(cat), v) for cat in Category for v in mine.get((q.id, cat), [])])
                    for q in pool], sum(weight(cat) * slot_kinds.get((tier, cat), 0)
                                        for cat in Category)))
        # Two figures, one after the other: together in one objective their proofs take
        # minutes, apart each takes a moment.
        self.balance = sum(self._spread(values) for values, _n in self.specs["balance"])
        self.load = sum(self._spread(values) for values, _n in self.specs["load"])
        # Whether a tier's duties are fixed in number once no slot stays empty: only if
        # nobody can stand in another tier's slot (a chief leading).
        self.closed_tiers = not any(
            self.hard.people[sid].tier is not seat.tier for (sid, (_d, seat)) in self.x)
        self.asked = sum(var for (staff_id, (day, _t)), var in self.x.items()
                         if hard.asked_off(staff_id, day))
        self.habit = sum(self.x[key] for key in ((sid, slot) for slot, sid
                                                 in self.start.assignments.items())
                         if key in self.x)
        self._order_twins()
        self._hint(self.start.assignments)

    def _order_twins(self) -> None:
        """Interchangeable seats (two officers of one day, roster.twins) filled first seat
        first and by the people's order, as roster.in_seat_order puts them: without this
        every rota has a mirror image the search would have to rule out again."""
        for group in twins(self.p.plans, self.p.taken):
            for first, second in itertools.pairwise(group):
                if isinstance(self.filled[first], int):  # nobody can take either
                    continue
                self.model.add(self.filled[second] <= self.filled[first])
                people = sorted(sid for (sid, slot) in self.x if slot == first)
                for rank, staff_id in enumerate(people):
                    if (staff_id, second) in self.x:
                        earlier = [self.x[q, first] for q in people[:rank]]
                        self.model.add(self.x[staff_id, second] <= sum(earlier))

    def _spread(self, values: list[tuple[int, list[tuple[int, Any]]]]) -> Any:
        """max − min of `base + Σ weight·x` over people, with the bounds' domains as tight
        as the constants allow (it shortens the proofs)."""
        least = [base for base, _terms in values]
        most = [base + sum(w for w, _v in terms) for base, terms in values]
        hi = self.model.new_int_var(max(least), max(most), "")
        lo = self.model.new_int_var(min(least), min(most), "")
        sums = [base + sum(w * v for w, v in terms) for base, terms in values]
        for value in sums:
            self.model.add(value <= hi)
            self.model.add(value >= lo)
        # Redundant but decisive: the largest is at least the average, the smallest at most,
        # which lets the solver prove "max − min ≥ 1" from integrality alone.
        self.model.add(hi * len(values) >= sum(sums))
        self.model.add(lo * len(values) <= sum(sums))
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

    def run(self) -> Generation:
        best = dict(self.start.assignments)
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
        self._complete(best)
        return self._result(in_seat_order(best, twins(self.p.plans, self.p.taken)),
                            bounds.get("fewest_empty"), bounds.get("fewest_second"),
                            tuple(proven))

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
        if stage in CAPS:  # on a big model even a little search means a long presolve
            params.max_time_in_seconds = min(left, max(1.0, time.monotonic() - self.began))
        params.num_workers = 1
        params.random_seed = 7
        params.keep_all_feasible_solutions_in_presolve = True  # so the hint stays a solution
        self.control.attach(solver, stage)
        try:
            status = solver.solve(self.model)
        finally:
            self.control.detach()
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

    def _result(self, best: dict[Slot, int], min_empty: int | None, min_second: int | None,
                proven: tuple[str, ...]) -> Generation:
        p = self.p
        counts = counts_with(p.plans, {**p.taken, **best}, p.history)
        optimal = all(goal in proven for goal in PROMISED)
        result = Generation(best, [], counts, Method.OPTIMAL if optimal else Method.BEST_FOUND,
                            min_empty, proven=proven, min_second=min_second)
        result.unfilled = explain(p.plans, p.taken, result, self.hard)
        result.unhonoured = unhonoured(best, self.hard)
        if not optimal:
            result.note = sentence("已到时限（{0:.0f} 秒），给出目前找到的最佳排班，未证明最优",
                                   self.control.limit)
        return result


def score(result: Generation, people: Iterable[Person], weights: Weights) -> int:
    """The fairness figure the solver minimised, for a finished rota."""
    return fairness(result.counts, people, weights).score
