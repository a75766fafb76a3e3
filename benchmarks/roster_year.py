"""The greedy rota for a full year: speed, hard rules, and fairness against an exact solver.

The scenario of the roster issue: 60 staff (6 chiefs, 14 leaders, 40 officers), each with
two random absences, for 2026 with its real holidays and one sensitive period. The greedy
(dutyroom.domain.roster.greedy: the CP-SAT generator's starting point and fallback) is
timed, checked for hard-rule breaks, and its fairness (max − min duties within each tier
and day kind) is compared with the optimum of an independent CP-SAT model of the same hard
rules. The generator itself, on these years and on hard town instances, is measured by
benchmarks/roster_town.py.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from dutyroom.domain import roster
from dutyroom.domain.calendar import resolve
from dutyroom.domain.roster import Absence, Category, Person, RosterRules
from dutyroom.domain.tiers import Tier

YEAR = (date(2026, 1, 1), date(2026, 12, 31))
PERIOD = {date(2026, 3, 4) + timedelta(days=i): ("全国两会",) for i in range(8)}


def scenario(seed: int = 7) -> tuple[list[Person], list[Absence]]:
    rng = random.Random(seed)
    people, next_id = [], 1
    for tier, count in ((Tier.CHIEF, 6), (Tier.LEADER, 14), (Tier.OFFICER, 40)):
        for _ in range(count):
            people.append(Person(next_id, f"{tier.value}{next_id}", tier, f"139{next_id:08d}"))
            next_id += 1
    absences = []
    for person in people:
        for _ in range(2):
            first = YEAR[0] + timedelta(days=rng.randrange(365))
            absences.append(Absence(person.id, first, first + timedelta(days=rng.randrange(2, 10))))
    return people, absences


def greedy(people, absences, rules) -> tuple[float, roster.Generation, list]:
    plans = roster.plan_days(resolve(*YEAR, {}), PERIOD, rules)
    times, result = [], None
    for _ in range(7):
        start = time.perf_counter()
        result = roster.greedy(plans, people, {}, absences, {}, rules)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result, plans


def spreads(counts, people) -> dict[tuple[Tier, Category], int]:
    return {(t, c): roster.spread(counts, people, t, c) for t in Tier for c in Category}


def exact(plans, people, absences, rules, seconds: float):
    """Minimise the sum over tiers and day kinds of (max − min), under the same hard rules."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    leave = {}
    for a in absences:
        leave.setdefault(a.staff_id, []).append(a)
    x = {}
    for plan in plans:
        for seat in plan.seats:  # two officers' seats on a sensitive day
            slot = []
            for p in people:
                if rules.may_fill(p.tier, seat.tier) and not any(a.covers(plan.day)
                                                                 for a in leave.get(p.id, ())):
                    x[p.id, plan.day, seat] = var = model.new_bool_var("")
                    slot.append(var)
            model.add_exactly_one(slot)
    days = [plan.day for plan in plans]
    for p in people:
        mine = {d: [v for (pid, dd, _t), v in x.items() if pid == p.id and dd == d] for d in days}
        for i in range(len(days)):
            window = [v for d in days[i:i + rules.min_rest_days + 1] for v in mine[d]]
            if len(window) > 1:
                model.add(sum(window) <= 1)
    objective = []
    for tier in Tier:
        for cat in Category:
            pool = [p for p in people if p.tier is tier]
            hi = model.new_int_var(0, 400, "")
            lo = model.new_int_var(0, 400, "")
            for p in pool:
                n = sum(v for (pid, d, t), v in x.items() if pid == p.id and t.tier is tier
                        and plans[days.index(d)].category is cat)
                model.add(n <= hi)
                model.add(n >= lo)
            objective.append(hi - lo)
    model.minimize(sum(objective))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 2
    status = solver.solve(model)
    return solver.status_name(status), solver.objective_value, solver.best_objective_bound, \
        solver.wall_time


def through_the_service(people_count: int = 60) -> float:
    """The same year through roster_service on a SQLite file (reads, generation, writes)."""
    from dutyroom.app import open_backend
    from dutyroom.services import roster_service, staff_service

    with tempfile.TemporaryDirectory() as folder:
        backend = open_backend(Path(folder) / "bench.sqlite3", "bench")
        people, _ = scenario()
        for p in people[:people_count]:
            staff_service.add_staff(backend.uow, {"name": p.name, "tier": p.tier,
                                                  "mobile": p.mobile})
        start = time.perf_counter()
        report = roster_service.generate(backend.uow, *YEAR).value
        seconds = time.perf_counter() - start
        backend.close()
    print(f"  through roster_service on SQLite (load, generate, write {len(report.assignments)} "
          f"slots, audit): {seconds:.2f} s")
    return seconds


def main() -> int:
    rules = RosterRules()
    people, absences = scenario()
    seconds, result, plans = greedy(people, absences, rules)
    breaks = roster.check(plans, result.assignments, {p.id: p for p in people}, absences, rules)
    hard = [b for b in breaks if not b.unfilled]
    print(f"year 2026, 60 staff (6/14/40), {len(absences)} absences, "
          f"{sum(len(p.seats) for p in plans)} slots")
    print(f"  greedy generation: {seconds * 1000:.0f} ms median of 7 (target < 1000 ms)")
    print(f"  filled {len(result.assignments)}, unfilled {len(result.unfilled)}, "
          f"hard-rule breaks {len(hard)} (target 0)")
    mine = spreads(result.counts, people)
    print("  greedy max−min by tier/day kind: " + ", ".join(
        f"{t.value}/{c.value}={n}" for (t, c), n in mine.items()))
    print(f"  greedy fairness objective (sum of max−min): {sum(mine.values())}")
    through_the_service()
    try:
        status, value, bound, wall = exact(plans, people, absences, rules, seconds=60)
    except ImportError:
        print("  (OR-Tools not installed: pip install ortools for the exact comparison)")
        return 0
    print(f"  CP-SAT: status {status}, objective {value:.0f}, lower bound {bound:.0f}, "
          f"{wall:.1f} s")
    print(f"  greedy is {sum(mine.values()) - bound:.0f} above the proven lower bound")
    return 0


if __name__ == "__main__":
    sys.exit(main())
