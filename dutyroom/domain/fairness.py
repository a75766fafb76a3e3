"""Fairness of a rota as duty offices count it, in one definition for the solver and the page.

Two figures, both counting the year before the range (a Spring Festival duty last year
still weighs): within each tier, for each day kind, the spread max − min of duties (0 or 1
is fair); and within each tier the spread of the weighted load, where a weekend duty
weighs 2 and a statutory holiday 3 against a workday's 1, the overtime rates of the Labour
Law (劳动法 第四十四条: 休息日 200%, 法定休假日 300%) that offices compare when they pay
duty allowances. The exact generator minimises the sum of all of them; the preview shows
each one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.roster import TIER_ORDER, Category, Person
from dutyroom.domain.tiers import Tier


@dataclass(frozen=True)
class Weights:
    """What one duty of each day kind weighs in a person's load."""

    workday: int = 1
    weekend: int = 2
    holiday: int = 3

    def of(self, cat: Category) -> int:
        return {Category.WORKDAY: self.workday, Category.WEEKEND: self.weekend,
                Category.HOLIDAY: self.holiday}[cat]


def weights_from_settings(values: DeskSettings | Mapping[str, object]) -> Weights:
    s = DeskSettings.of(values)
    return Weights(int(s.weight_workday), int(s.weight_weekend), int(s.weight_holiday))


def load(counts: Mapping[tuple[int, Category], int], staff_id: int, weights: Weights) -> int:
    return sum(counts.get((staff_id, cat), 0) * weights.of(cat) for cat in Category)


def groups(people: Iterable[Person]) -> dict[Tier, list[Person]]:
    """Whom fairness compares: the active people of each tier, by id."""
    out: dict[Tier, list[Person]] = {}
    for person in sorted(people, key=lambda p: p.id):
        if person.active:
            out.setdefault(person.tier, []).append(person)
    return {tier: out[tier] for tier in TIER_ORDER if tier in out}


def _spread(values: list[int]) -> int:
    return max(values) - min(values) if values else 0


@dataclass(frozen=True)
class Fairness:
    """Every spread of one rota: per tier and day kind, and per tier of the weighted load."""

    by_kind: dict[tuple[Tier, Category], int]
    by_load: dict[Tier, int]

    @property
    def score(self) -> int:
        """What the exact generator minimises once the fewest slots are empty."""
        return sum(self.by_kind.values()) + sum(self.by_load.values())


def fairness(counts: Mapping[tuple[int, Category], int], people: Iterable[Person],
             weights: Weights) -> Fairness:
    by_tier = groups(people)
    return Fairness(
        {(tier, cat): _spread([counts.get((p.id, cat), 0) for p in pool])
         for tier, pool in by_tier.items() for cat in Category},
        {tier: _spread([load(counts, p.id, weights) for p in pool])
         for tier, pool in by_tier.items()})
