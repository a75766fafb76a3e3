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
    unhonoured,
)
from dutyroom.domain.text import sentence

DEFAULT_SECONDS = 20.0
STAGES = ("fewest_empty", "balance", "load", "requests", "rotation")
PROMISED = ("fewest_empty", "balance", "load")  # what "best" means; the rest are tie-breaks
# Of the time left when a stage starts, the share it may use (what it leaves over goes on);
# the later goals also stop at CAPS × the work done so far (at least a little), so a rota
# whose weighted load is hard to prove best is offered in a second or two, said to be
# unproven, instead of at the time limit. Budgets are counted in CP-SAT's deterministic
# time with one worker: the same problem then gets the same rota on every run, however
# busy the machine; the wall-clock limit only guards against a very slow machine.
SHARES = {"fewest_empty": 0.4, "balance": 0.5, "load": 0.6, "requests": 0.5, "rotation": 1.0}
CAPS = {"load": (1.0, 0.3), "requests": (0.5, 0.1), "rotation": (0.5, 0.1)}
STAGE_LABELS = {"fewest_empty": "求最少空班", "balance": "均衡各类班次", "load": "均衡加权工作量",
                "requests": "照顾个人请求", "rotation": "保持轮换顺序"}


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
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds  # what is left of the limit in deterministic time
        self.work = 0.0  # deterministic time spent so far
        self.hard = HardRules.of(problem.rules, problem.people, problem.absences)
        self.model = cp_model.CpModel()
        self._build()

    # --- the model ------------------------------------------------------------------------

    def _build(self) -> None:
        hard, model, p = self.hard, self.model, self.p
        fixed = _Book(p.taken)
        self.slots = [(plan.day, tier) for plan in p.plans for tier in plan.required
                      if (plan.day, tier) not in p.taken]
        category_of = {plan.day: plan.category for plan in p.plans}
        self.x: dict[tuple[int, Slot], Any] = {}
        per_day: dict[int, dict[date, list[Any]]] = {}
        self.filled: dict[Slot, Any] = {}
        for slot in self.slots:
            day, tier = slot
            here = []
            for person in hard.pool(tier):
                if hard.barrier(person.id, tier, day) is not None:
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
        self.forced_empty = sum(1 for slot in self.slots if isinstance(self.filled[slot], int))
        for days in per_day.values():
            ordered = sorted(days)
            for i, first in enumerate(ordered):
                window = [v for d in ordered[i:] if (d - first).days <= hard.rest
                          for v in days[d]]
                if len(window) > 1:
                    model.add_at_most_one(window)
        base = counts_with(p.plans, p.taken, p.history)
        mine: dict[tuple[int, Category], list[Any]] = {}
        for (staff_id, (day, _tier)), var in self.x.items():
            mine.setdefault((staff_id, category_of[day]), []).append(var)
        self.empty = len(self.slots) - sum(self.filled.values())
        balance, loads = [], []
        for pool in groups(p.people).values():
            for cat in Category:
                if any(mine.get((q.id, cat)) for q in pool):
                    balance.append(self._spread([(base.get((q.id, cat), 0), mine.get((q.id, cat), []),
                                                len(mine.get((q.id, cat), []))) for q in pool]))
            if any(mine.get((q.id, cat)) for q in pool for cat in Category):
                weighted = p.weights.of
                loads.append(self._spread([
                    (sum(weighted(cat) * base.get((q.id, cat), 0) for cat in Category),
                     [weighted(cat) * v for cat in Category for v in mine.get((q.id, cat), [])],
                     sum(weighted(cat) * len(mine.get((q.id, cat), [])) for cat in Category))
                    for q in pool]))
        # Two figures, one after the other: together in one objective their proofs take
        # minutes, apart each takes a moment.
        self.balance, self.load = sum(balance), sum(loads)
        self.asked = sum(var for (staff_id, (day, _t)), var in self.x.items()
                         if hard.asked_off(staff_id, day))
        self.habit = sum(self.x[key] for key in ((sid, slot) for slot, sid
                                                 in self.start.assignments.items())
                         if key in self.x)
        self._hint(self.start.assignments)

    def _spread(self, values: list[tuple[int, list[Any], int]]) -> Any:
        """max − min of `base + Σ terms` over people (each at most `base + cap`), with the
        bounds' domains as tight as the constants allow (it shortens the proofs)."""
        least = [base for base, _terms, _cap in values]
        most = [base + cap for base, _terms, cap in values]
        hi = self.model.new_int_var(max(least), max(most), "")
        lo = self.model.new_int_var(min(least), min(most), "")
        for base, terms, _cap in values:
            self.model.add(base + sum(terms) <= hi)
            self.model.add(base + sum(terms) >= lo)
        # Redundant but decisive: the largest is at least the average, the smallest at most,
        # which lets the solver prove "max − min ≥ 1" from integrality alone.
        total = sum(base + sum(terms) for base, terms, _cap in values)
        self.model.add(hi * len(values) >= total)
        self.model.add(lo * len(values) <= total)
        return hi - lo

    def _hint(self, assignments: Mapping[Slot, int]) -> None:
        self.model.clear_hints()
        for (staff_id, slot), var in self.x.items():
            self.model.add_hint(var, assignments.get(slot) == staff_id)

    # --- the solves -----------------------------------------------------------------------

    def run(self) -> Generation:
        best = dict(self.start.assignments)
        min_empty: int | None = None
        proven: list[str] = []
        goals = [("fewest_empty", self.empty), ("balance", self.balance), ("load", self.load),
                 ("requests", self.asked), ("rotation", -self.habit)]
        for stage, objective in goals:
            if isinstance(objective, int):  # nothing to choose for this goal
                proven.append(stage)
                if stage == "fewest_empty":
                    min_empty = objective
                continue
            if stage == "fewest_empty" and len(self.slots) - len(best) == self.forced_empty:
                min_empty = self.forced_empty  # the greedy fills all that can be filled
                proven.append(stage)
                self.model.add(objective <= self.forced_empty)
                continue
            solved = self._solve(stage, objective)
            if solved is None:
                break
            best, value, bound, optimal = solved
            if optimal:
                proven.append(stage)
            if stage == "fewest_empty":
                min_empty = bound
            self.model.add(objective <= value)
            self._hint(best)
        self._complete(best)
        return self._result(best, min_empty, tuple(proven))

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
            day, tier = slot
            for person in self.hard.pool(tier):
                if (person.id, slot) in self.x and not book.on(person.id, day) \
                        and not book.resting(person.id, day, self.hard.rest):
                    best[slot] = person.id
                    book.add(person.id, day)
                    break

    def _result(self, best: dict[Slot, int], min_empty: int | None,
                proven: tuple[str, ...]) -> Generation:
        p = self.p
        counts = counts_with(p.plans, {**p.taken, **best}, p.history)
        optimal = all(goal in proven for goal in PROMISED)
        result = Generation(best, [], counts, Method.OPTIMAL if optimal else Method.BEST_FOUND,
                            min_empty, proven=proven)
        result.unfilled = explain(p.plans, p.taken, result, self.hard)
        result.unhonoured = unhonoured(best, self.hard)
        if not optimal:
            result.note = sentence("已到时限（{0:.0f} 秒），给出目前找到的最佳排班，未证明最优",
                                   self.control.limit)
        return result


def score(result: Generation, people: Iterable[Person], weights: Weights) -> int:
    """The fairness figure the solver minimised, for a finished rota."""
    return fairness(result.counts, people, weights).score
