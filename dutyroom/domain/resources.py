"""应急资源: the teams, supplies and shelters a desk can call on, each tagged with the kinds of
incident (subtypes) it serves.

On a night call the officer needs who holds the key and their phone, so a resource without
a keeper and a phone that can be dialled is refused; a tag the incident list does not know
would hide the resource from every incident, so it is refused too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from dutyroom.domain.contacts import NAME_MAX, clean_text, normalize_phone
from dutyroom.domain.errors import FieldError, gather
from dutyroom.domain.incidents import SUBTYPES
from dutyroom.domain.text import sentence

QUANTITY_MAX = 10_000_000
UNIT_MAX = 8
LOCATION_MAX = 128
SUBTYPES_MAX = 20
_QUANTITY = re.compile(r"(\d+)\s*([^\d\s]{0,8})")
_SEPARATORS = re.compile(r"[、，,；;/\s]+")


class ResourceKind(StrEnum):
    TEAM = "team"
    SUPPLY = "supply"
    SHELTER = "shelter"


KIND_LABELS = {ResourceKind.TEAM: "应急队伍", ResourceKind.SUPPLY: "物资",
               ResourceKind.SHELTER: "避难场所"}
# What 数量或容量 means for each kind, and the unit a bare number is read in.
QUANTITY_LABELS = {ResourceKind.TEAM: "人数", ResourceKind.SUPPLY: "数量",
                   ResourceKind.SHELTER: "容量"}
DEFAULT_UNITS = {ResourceKind.TEAM: "人", ResourceKind.SUPPLY: "", ResourceKind.SHELTER: "人"}
_KIND_NAMES = {
    "队伍": ResourceKind.TEAM, "应急队伍": ResourceKind.TEAM, "救援队伍": ResourceKind.TEAM,
    "team": ResourceKind.TEAM,
    "物资": ResourceKind.SUPPLY, "应急物资": ResourceKind.SUPPLY, "supply": ResourceKind.SUPPLY,
    "supplies": ResourceKind.SUPPLY,
    "避难场所": ResourceKind.SHELTER, "避难所": ResourceKind.SHELTER,
    "应急避难场所": ResourceKind.SHELTER, "shelter": ResourceKind.SHELTER,
}
ALL_SUBTYPES: tuple[str, ...] = tuple(dict.fromkeys(s for group in SUBTYPES.values() for s in group))


@dataclass(frozen=True)
class ResourceFields:
    """A team, a stock of supplies or a shelter, as typed or imported, after checking."""

    kind: ResourceKind
    name: str
    quantity: int | None  # headcount, amount or capacity; None when not known
    unit: str
    location: str
    keeper: str  # a team's leader, a store's or a shelter's keeper
    phone: str
    subtypes: tuple[str, ...]
    notes: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        """One resource is one kind, name and place: two stocks of sandbags in two
        warehouses are two resources, the same one listed twice is a mistake."""
        return (self.kind.value, self.name, self.location)


def parse_kind(raw: object) -> ResourceKind:
    if isinstance(raw, ResourceKind):
        return raw
    text = str(raw if raw is not None else "").strip()
    if not text:
        raise FieldError("kind", sentence("类型不能为空（队伍、物资或避难场所）"))
    kind = _KIND_NAMES.get(text.lower()) or _KIND_NAMES.get(text)
    if kind is None:
        raise FieldError("kind", sentence("「{0}」不是资源类型，应为 队伍、物资 或 避难场所", text))
    return kind


def parse_quantity(raw: object, kind: ResourceKind) -> tuple[int | None, str]:
    """数量或容量 as a spreadsheet holds it: 30, 30.0, "2000 条", "500人"; empty is unknown
    except for supplies, whose amount is the point of listing them."""
    label = QUANTITY_LABELS[kind]
    if isinstance(raw, bool | dict | list | tuple | set):
        raise FieldError("quantity", sentence("{0}应为数字", label))
    if isinstance(raw, float):
        if not raw.is_integer():
            raise FieldError("quantity", sentence("{0}应为整数", label))
        raw = int(raw)
    text = str(raw if raw is not None else "").strip()
    if not text:
        if kind == ResourceKind.SUPPLY:
            raise FieldError("quantity", sentence("物资须填写数量"))
        return None, ""
    match = _QUANTITY.fullmatch(text)
    if match is None:
        raise FieldError("quantity", sentence("{0}「{1}」应为不小于 0 的整数，可带单位，如 2000 条",
                                              label, text))
    amount = int(match.group(1))
    if amount > QUANTITY_MAX:
        raise FieldError("quantity", sentence("{0}过大（最多 {1}）", label, QUANTITY_MAX))
    unit = clean_text(match.group(2), "quantity", label, max_length=UNIT_MAX)
    return amount, unit or DEFAULT_UNITS[kind]


def parse_subtypes(raw: object, known: Collection[str] = ALL_SUBTYPES) -> tuple[str, ...]:
    """The incident subtypes a resource serves, joined by 、 (or a comma, as people type)."""
    items: Iterable[object] = raw if isinstance(raw, list | tuple) else _SEPARATORS.split(
        str(raw if raw is not None else "").strip())
    found: list[str] = []
    for item in items:
        name = str(item).strip()
        if not name:
            continue
        if name not in known:
            raise FieldError("subtypes", sentence("「{0}」不是事件子类，应为 {1}", name,
                                                  "、".join(known)))
        if name not in found:
            found.append(name)
    if not found:
        raise FieldError("subtypes", sentence("适用子类不能为空：资源在这些子类的事件中列出"))
    if len(found) > SUBTYPES_MAX:
        raise FieldError("subtypes", sentence("适用子类最多 {0} 个", SUBTYPES_MAX))
    return tuple(found)


def resource_errors(*, kind: object, name: object, quantity: object, location: object,
                    keeper: object, phone: object, subtypes: object, notes: object = ""
                    ) -> tuple[ResourceFields | None, list[FieldError]]:
    """Check every field, so an import preview names all that is wrong with a row."""
    errors: list[FieldError] = []
    try:
        the_kind: ResourceKind | None = parse_kind(kind)
    except FieldError as error:
        errors.append(error)
        the_kind = None
    needs_place = the_kind in (ResourceKind.SUPPLY, ResourceKind.SHELTER)
    checks: dict[str, Callable[[], object]] = {
        "name": lambda: clean_text(name, "name", "名称", required=True),
        "location": lambda: clean_text(location, "location", "位置", required=needs_place,
                                       max_length=LOCATION_MAX),
        "keeper": lambda: clean_text(keeper, "keeper", "负责人", required=True,
                                     max_length=NAME_MAX),
        "phone": lambda: normalize_phone(phone, "phone", required=True),
        "subtypes": lambda: parse_subtypes(subtypes),
        "notes": lambda: clean_text(notes, "notes", "备注", max_length=500),
    }
    if the_kind is not None:
        checks["quantity"] = lambda: parse_quantity(quantity, the_kind)
    values, refused = gather(checks)
    errors += refused
    if errors or the_kind is None:
        return None, errors
    amount, unit = values.pop("quantity")
    return ResourceFields(kind=the_kind, quantity=amount, unit=unit, **values), []


def validate_resource(**values: object) -> ResourceFields:
    """The checked resource, or the first field's error."""
    fields, errors = resource_errors(**values)
    if errors:
        raise errors[0]
    assert fields is not None
    return fields


def serving(subtype: str, tagged: Iterable[tuple[int, tuple[str, ...]]]) -> list[int]:
    """Which resources (by id) an incident of `subtype` lists: those tagged with it."""
    wanted = subtype.strip()
    return [rid for rid, tags in tagged if wanted in tags] if wanted else []


def quantity_text(quantity: int | None, unit: str) -> str:
    """How an amount is read: "2000 条", "30 人", or nothing when unknown."""
    return "" if quantity is None else f"{quantity} {unit}".strip()
