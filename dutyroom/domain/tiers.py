"""The three duty tiers and every way offices write them in spreadsheets."""

from __future__ import annotations

from enum import StrEnum

from dutyroom.domain.errors import FieldError
from dutyroom.domain.text import sentence


class Tier(StrEnum):
    CHIEF = "chief"
    LEADER = "leader"
    OFFICER = "officer"

    @property
    def label(self) -> str:
        return TIER_LABELS[self]


TIER_LABELS: dict[Tier, str] = {
    Tier.CHIEF: "主要领导",
    Tier.LEADER: "带班领导",
    Tier.OFFICER: "值班员",
}

# Spellings seen in office rosters; docs/cli.md names the first of each plus the English value.
_ALIASES: dict[str, Tier] = {
    "主要领导": Tier.CHIEF,
    "总值班": Tier.CHIEF,
    "带班领导": Tier.LEADER,
    "带班": Tier.LEADER,
    "值班领导": Tier.LEADER,
    "值班员": Tier.OFFICER,
    "值班人员": Tier.OFFICER,
}


def parse_tier(text: object) -> Tier:
    """Read a tier from a cell; raise a FieldError naming the accepted values otherwise."""
    value = str(text or "").strip()
    if not value:
        raise FieldError("tier", sentence("值班层级不能为空"))
    if value in _ALIASES:
        return _ALIASES[value]
    try:
        return Tier(value.lower())
    except ValueError:
        raise FieldError(
            "tier", sentence("「{0}」不是值班层级，应为 主要领导 / 带班领导 / 值班员", value)
        ) from None
