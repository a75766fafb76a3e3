"""The rota on hard town-sized instances: old greedy and new generator side by side (issue 18).

For each seeded instance (benchmarks/town_instances.py: small pools, heavy leave, rest 1–3,
sensitive periods, chief-may-lead on and off, mid-year start with history, hand-fixed
slots, an inactive person) it reports empty slots against the proven minimum, fairness
(the sum of per-tier per-kind spreads, counting the year before) against the proven
optimum, and time — for the greedy and for the CP-SAT generator with the desk's default
time limit. The minimum and optimum come from the generator's own proofs where it finished
them, else from a longer reference run (60 s); an instance whose optimum nobody proved is
counted as such. Every rota is also run through the checker: no hard rule may break.
Then the 60- and 200-staff years.

    .venv/bin/python benchmarks/roster_town.py [--count 50]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from town_instances import Instance, staff_year, town

from dutyroom.domain import roster, rota_solver
from dutyroom.domain.fairness import fairness
from dutyroom.domain.rota_solver import DEFAULT_SECONDS, Problem

REFERENCE_SECONDS = 60.0


def hard_breaks(problem: Problem, result: roster.Generation) -> int:
    merged = {**problem.taken, **result.assignments}
    breaks = roster.check(problem.plans, merged, {p.id: p for p in problem.people},
                          problem.absences, problem.rules)
    return sum(1 for b in breaks if not b.unfilled)


def balance(problem: Problem, result: roster.Generation) -> int:
    return sum(fairness(result.counts, problem.people, problem.weights).by_kind.values())


def timed(run):
    started = time.perf_counter()
    result = run()
    return result, time.perf_counter() - started


EMPTY = {"fewest_empty", "fewest_second"}  # both goals about empty seats


def empty(result: roster.Generation) -> tuple[int, int]:
    """(first seats empty — a tier with nobody that day —, further officers' seats empty):
    the order the generator minimises them in."""
    first = sum(1 for u in result.unfilled if u.seat.index == 0)
    return first, len(result.unfilled) - first


def one(instance: Instance) -> dict[str, object]:
    p = instance.problem
    old, old_s = timed(lambda: roster.greedy(p.plans, p.people, p.taken, p.absences, p.history,
                                             p.rules))
    new, new_s = timed(lambda: rota_solver.generate(p, seconds=DEFAULT_SECONDS))
    minimum = (new.min_empty, new.min_second) if set(new.proven) >= EMPTY else None
    optimum = balance(p, new) if EMPTY | {"balance"} <= set(new.proven) else None
    if minimum is None or optimum is None:
        ref = rota_solver.generate(p, seconds=REFERENCE_SECONDS)
        if minimum is None and set(ref.proven) >= EMPTY:
            minimum = (ref.min_empty, ref.min_second)
        if optimum is None and EMPTY | {"balance"} <= set(ref.proven):
            optimum = balance(p, ref)
    return {"label": instance.label, "old_empty": empty(old), "new_empty": empty(new),
            "minimum": minimum, "old_fair": balance(p, old), "new_fair": balance(p, new),
            "optimum": optimum, "old_s": old_s, "new_s": new_s, "method": new.method.value,
            "breaks": hard_breaks(p, old) + hard_breaks(p, new),
            "month": len(p.plans) <= 31}


def towns(count: int) -> None:
    rows = []
    print(f"{'instance':46s} {'empty old/new/min':>18s} {'fair old/new/opt':>17s} "
          f"{'time old/new':>14s}")
    for seed in range(1, count + 1):
        row = one(town(seed))
        rows.append(row)
        print(f"{row['label']:46s} {sum(row['old_empty']):>6}/{sum(row['new_empty']):>3}/"
              f"{sum(row['minimum']) if row['minimum'] is not None else '?':>3}      "
              f"{row['old_fair']:>4}/{row['new_fair']:>3}/"
              f"{row['optimum'] if row['optimum'] is not None else '?':>3}   "
              f"{row['old_s'] * 1000:5.0f}ms/{row['new_s']:5.2f}s {row['method']}", flush=True)
    known = [r for r in rows if r["minimum"] is not None]
    at_min_new = sum(1 for r in known if r["new_empty"] == r["minimum"])
    at_min_old = sum(1 for r in known if r["old_empty"] == r["minimum"])
    over_old = [sum(r["old_empty"]) - sum(r["minimum"]) for r in known
                if r["old_empty"] != r["minimum"]]
    uncovered = sum(r["old_empty"][0] - r["minimum"][0] for r in known)
    fair_known = [r for r in rows if r["optimum"] is not None]
    at_opt_new = sum(1 for r in fair_known if r["new_fair"] == r["optimum"])
    print(f"\n{count} town instances; proven minimum of empty slots known for {len(known)}, "
          f"fairness optimum (at the minimum) for {len(fair_known)}")
    print(f"  new generator at the proven minimum of empty slots (first seats, then second "
          f"officers): {at_min_new}/{len(known)} (target {len(known)}/{len(known)})")
    print(f"  old greedy at the proven minimum: {at_min_old}/{len(known)}; where not, "
          f"{statistics.mean(over_old) if over_old else 0:.1f} slots more on average "
          f"(worst {max(over_old, default=0)}); {uncovered} more first seats empty in all")
    print(f"  empty slots in all: old greedy {sum(sum(r['old_empty']) for r in rows)}, new "
          f"{sum(sum(r['new_empty']) for r in rows)}, proven minimum "
          f"{sum(sum(r['minimum']) for r in known)} (of which second officers "
          f"{sum(r['minimum'][1] for r in known)})")
    print(f"  new generator at the proven fairness optimum: {at_opt_new}/{len(fair_known)} "
          f"(target {len(fair_known)}/{len(fair_known)})")
    gap = [r["new_fair"] - r["optimum"] for r in fair_known]
    print(f"  fairness (sum of per-kind spreads) above the optimum: new mean {statistics.mean(gap):.2f}; "
          f"old greedy mean {statistics.mean(r['old_fair'] - r['optimum'] for r in fair_known):.2f}"
          " (the greedy's often with more slots empty)")
    months = [r["new_s"] for r in rows if r["month"]]
    print(f"  time for a town month, new generator: median {statistics.median(months):.2f} s, "
          f"max {max(months):.1f} s (target about 1 s)")
    print(f"  time, all instances: new median {statistics.median(r['new_s'] for r in rows):.2f} s, "
          f"max {max(r['new_s'] for r in rows):.1f} s (limit {DEFAULT_SECONDS:.0f} s); old median "
          f"{statistics.median(r['old_s'] for r in rows) * 1000:.0f} ms")
    print(f"  not proven best within the limit: "
          f"{sum(1 for r in rows if r['method'] != 'optimal')}/{count}")
    print(f"  hard-rule breaks, both generators: {sum(r['breaks'] for r in rows)} (target 0)")


def years() -> None:
    for total, target in ((60, "a few seconds"), (200, "under the limit")):
        instance = staff_year(total)
        p = instance.problem
        old, old_s = timed(lambda p=p: roster.greedy(p.plans, p.people, p.taken, p.absences,
                                                     p.history, p.rules))
        new, new_s = timed(lambda p=p: rota_solver.generate(p))
        print(f"{instance.label}: old greedy {old_s:.2f} s, {len(old.unfilled)} empty, fairness "
              f"{balance(p, old)}; new {len(new.unfilled)} empty (proven minimum "
              f"{new.min_empty}+{new.min_second}), fairness {balance(p, new)}, "
              f"proven: {', '.join(new.proven)}, "
              f"breaks {hard_breaks(p, new)}")
        print(f"  {total}-staff year, new generator: {new_s:.1f} s (target {target})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=50)
    args = parser.parse_args()
    from ortools.sat.python import cp_model  # noqa: F401  (loaded once, as the app does)

    towns(args.count)
    years()
    return 0


if __name__ == "__main__":
    sys.exit(main())
