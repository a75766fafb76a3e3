"""A 基层责任人 as typed or imported: the person a warning is relayed to in a village.

One name in one village is one person, and one mobile reaches one person: a relay board
with the same man twice, or two names on one phone, cannot prove who answered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dutyroom.domain.contacts import NAME_MAX, clean_text, normalize_mobile
from dutyroom.domain.errors import FieldError
from dutyroom.domain.text import sentence


@dataclass(frozen=True)
class ResponsibleFields:
    name: str
    village: str
    role: str
    mobile: str
    backup: str = ""  # the AB角's name, as written
    notes: str = ""


def _role(raw: object, roles: Sequence[str]) -> str:
    text = clean_text(raw, "role", "岗位", required=True)
    if text not in roles:
        raise FieldError("role", sentence("「{0}」不是本镇设定的责任人岗位（{1}）", text, "、".join(roles)))
    return text


def responsible_errors(*, name: object, village: object, role: object, mobile: object,
                       roles: Sequence[str], backup: object = "", notes: object = "") -> tuple[
                           ResponsibleFields | None, list[FieldError]]:
    """Check every field, so an import preview can name all that is wrong with a row."""
    checks: dict[str, Callable[[], object]] = {
        "name": lambda: clean_text(name, "name", "姓名", required=True, max_length=NAME_MAX),
        "village": lambda: clean_text(village, "village", "村(社区)", required=True),
        "role": lambda: _role(role, roles),
        "mobile": lambda: normalize_mobile(mobile),
        "backup": lambda: clean_text(backup, "backup", "AB角", max_length=NAME_MAX),
        "notes": lambda: clean_text(notes, "notes", "备注", max_length=500),
    }
    values: dict[str, object] = {}
    errors: list[FieldError] = []
    for key, check in checks.items():
        try:
            values[key] = check()
        except FieldError as error:
            errors.append(error)
    if not errors and values["backup"] == values["name"]:
        errors.append(FieldError("backup", sentence("AB角不能是本人")))
    return (None, errors) if errors else (ResponsibleFields(**values), [])  # type: ignore[arg-type]


def validate_responsible(**values: object) -> ResponsibleFields:
    fields, errors = responsible_errors(**values)  # type: ignore[arg-type]
    if errors:
        raise errors[0]
    assert fields is not None
    return fields


def parse_list(raw: object, field: str, label: str) -> tuple[str, ...]:
    """A list setting typed as text: items separated by 、 , ， ; or new lines."""
    if isinstance(raw, list | tuple):
        raw = "、".join(map(str, raw))
    text = str(raw if raw is not None else "")
    for separator in (",", "，", ";", "；", "\n"):
        text = text.replace(separator, "、")
    items: list[str] = []
    for part in text.split("、"):
        item = clean_text(part, field, label)
        if item and item not in items:
            items.append(item)
    return tuple(items)
