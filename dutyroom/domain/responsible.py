"""A 基层责任人 as typed or imported: the person a warning is relayed to in a village.

One name in one village is one person, and one mobile reaches one person: a relay board
with the same man twice, or two names on one phone, cannot prove who answered.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dutyroom.domain.contacts import NAME_MAX, clean_text, normalize_mobile
from dutyroom.domain.errors import FieldError, gather
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
    values, errors = gather(checks)
    if not errors and values["backup"] == values["name"]:
        errors.append(FieldError("backup", sentence("AB角不能是本人")))
    return (None, errors) if errors else (ResponsibleFields(**values), [])


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


# --- a village name that is probably a typo of one the desk has ----------------------------

VILLAGE_SUFFIXES = ("村民委员会", "居民委员会", "村委会", "居委会", "社区", "村")
# Characters villages are told apart by on purpose (东岭一村 and 东岭二村, 上庄 and 下庄): a
# difference in one of these is a different village, not a slip of the keyboard.
DELIBERATE = frozenset("一二三四五六七八九十0123456789东西南北上下前后左右中大小新老内外")


def village_core(name: str) -> str:
    """The name without its 村 / 社区 / 居委会 suffix (青山村, 青山社区 → 青山)."""
    for suffix in VILLAGE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[:-len(suffix)]
    return name


def _one_slip(a: str, b: str) -> bool:
    """One character typed wrong, left out or added, not a deliberate one."""
    if len(a) == len(b):
        diffs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(diffs) == 1 and not (diffs[0][0] in DELIBERATE and diffs[0][1] in DELIBERATE)
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) - len(short) != 1:
        return False
    for i, extra in enumerate(long_):
        if long_[:i] + long_[i + 1:] == short:
            return extra not in DELIBERATE
    return False


def _as_read(name: str) -> str:
    """The name as a person reads it: full-width letters and digits and compatibility forms
    as their ordinary characters, and nothing unseen (spaces, zero-width spaces, joiners)."""
    return "".join(c for c in unicodedata.normalize("NFKC", name)
                   if not c.isspace() and unicodedata.category(c) not in ("Cf", "Cc"))


def looks_the_same(a: str, b: str) -> bool:
    """Two different names that read the same: one holds a character nobody sees (a
    zero-width space from a web page, a full-width space) or a full-width letter."""
    return a != b and _as_read(a) == _as_read(b)


def shown(name: str) -> str:
    """The name with its unseen characters written out (青山村<U+200B>), so a message can
    point at what makes it different."""
    return "".join(f"<U+{ord(c):04X}>" if (c.isspace() or unicodedata.category(c) in ("Cf", "Cc"))
                   else c for c in name)


def probable_typo(village: str, known: Sequence[str]) -> str | None:
    """The desk's village a name it does not have probably meant: the same name with another
    suffix (青山村 for 青山社区, 东岭 for 东岭村), or one character off in a name of two or more
    (清山村 for 青山村). A name that differs only by a number or a direction word (东岭二村,
    下庄) is taken as the new village it says it is. A name that reads the same as one the
    desk has but holds an unseen or full-width character is that one. Only ever a question
    for the officer:
    the desk adds new villages by importing their 责任人."""
    if not village or village in known:
        return None
    for name in known:  # 青山村 with a zero-width space: a new village nobody could tell apart
        if looks_the_same(village, name):
            return name
    core = village_core(village)
    forms = {village, core}
    for name in known:
        if forms & {name, village_core(name)}:  # 东村社区 for 东村: the suffix added to a whole name
            return name
    for name in known:
        other = village_core(name)
        if min(len(core), len(other)) >= 2 and _one_slip(core, other):
            return name
    return None
