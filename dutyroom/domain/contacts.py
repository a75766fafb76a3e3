"""What makes a staff member or a partner department reachable: names and phone numbers.

A duty officer calls these numbers at 3 a.m.; a number that cannot be dialled is worse
than none, so the rules are strict and the messages say exactly what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from dutyroom.domain.errors import FieldError, gather
from dutyroom.domain.hygiene import check_text
from dutyroom.domain.text import sentence
from dutyroom.domain.tiers import Tier, parse_tier

_MOBILE = re.compile(r"1[3-9]\d{9}")
# Landlines with area code and extension, hotlines (110, 12345), or mobiles.
_PHONE = re.compile(r"\+?[\d\-()（） ]{3,24}(转\d{1,6})?")
_SEPARATORS = re.compile(r"[\s\-]")

NAME_MAX = 32
TEXT_MAX = 64


def normalize_mobile(value: object, field: str = "mobile", required: bool = True) -> str:
    """Return an 11-digit mainland mobile number, tolerating Excel's numeric cells."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _SEPARATORS.sub("", str(value if value is not None else ""))
    if text.startswith("+86"):
        text = text[3:]
    if not text:
        if required:
            raise FieldError(field, sentence("手机号不能为空"))
        return ""
    if not _MOBILE.fullmatch(text):
        raise FieldError(field, sentence("「{0}」不是 11 位手机号", value))
    return text


def normalize_phone(value: object, field: str, required: bool = False) -> str:
    """Return a dialable phone number (landline, hotline or mobile) with spacing trimmed."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value if value is not None else "").strip()
    if not text:
        if required:
            raise FieldError(field, sentence("电话不能为空"))
        return ""
    if not _PHONE.fullmatch(text) or sum(c.isdigit() for c in text) < 3:
        raise FieldError(field, sentence("「{0}」不是有效的电话号码", text))
    return text


def clean_text(value: object, field: str, label: str, *, required: bool = False,
               max_length: int = TEXT_MAX) -> str:
    """Trim a free-text cell and enforce presence, length and what no text may hold
    (domain/hygiene.py). A number is text as written (a spreadsheet's phone number); a
    list, a mapping or true/false from a JSON file is not text at all."""
    if isinstance(value, bool | dict | list | tuple | set):
        raise FieldError(field, sentence("{0}应为文字", label))
    text = check_text(str(value if value is not None else "").strip(), field, label)
    if required and not text:
        raise FieldError(field, sentence("{0}不能为空", label))
    if len(text) > max_length:
        raise FieldError(field, sentence("{0}过长（最多 {1} 个字）", label, max_length))
    return text


@dataclass(frozen=True)
class StaffFields:
    """A person as typed or imported, after validation."""

    name: str
    tier: Tier
    mobile: str
    office_phone: str = ""
    department: str = ""
    position: str = ""


def staff_errors(*, name: object, tier: object, mobile: object, office_phone: object = "",
                 department: object = "", position: object = "") -> tuple[
                     StaffFields | None, list[FieldError]]:
    """Check every field, so an import preview can name all that is wrong with a row."""
    checks: dict[str, Callable[[], object]] = {
        "name": lambda: clean_text(name, "name", "姓名", required=True, max_length=NAME_MAX),
        "tier": lambda: tier if isinstance(tier, Tier) else parse_tier(tier),
        "mobile": lambda: normalize_mobile(mobile),
        "office_phone": lambda: normalize_phone(office_phone, "office_phone"),
        "department": lambda: clean_text(department, "department", "部门"),
        "position": lambda: clean_text(position, "position", "职务"),
    }
    values, errors = gather(checks)
    return (None, errors) if errors else (StaffFields(**values), [])


def validate_staff(**values: object) -> StaffFields:
    """The validated person, or the first field's error."""
    fields, errors = staff_errors(**values)
    if errors:
        raise errors[0]
    assert fields is not None
    return fields


@dataclass(frozen=True)
class DepartmentFields:
    """A partner department (联动单位) as typed, after validation."""

    name: str
    duty_phone: str
    liaison_name: str = ""
    liaison_mobile: str = ""
    liaison_position: str = ""
    first_line: bool = False
    notes: str = ""
    office_phone: str = ""


def validate_department(*, name: object, duty_phone: object, liaison_name: object = "",
                        liaison_mobile: object = "", liaison_position: object = "",
                        first_line: bool = False, notes: object = "",
                        office_phone: object = "") -> DepartmentFields:
    liaison = clean_text(liaison_name, "liaison_name", "联络员", max_length=NAME_MAX)
    mobile = normalize_mobile(liaison_mobile, "liaison_mobile", required=False)
    if mobile and not liaison:
        raise FieldError("liaison_name", sentence("填写了联络员手机，请同时填写联络员姓名"))
    return DepartmentFields(
        name=clean_text(name, "name", "单位名称", required=True),
        duty_phone=normalize_phone(duty_phone, "duty_phone", required=True),
        liaison_name=liaison,
        liaison_mobile=mobile,
        liaison_position=clean_text(liaison_position, "liaison_position", "联络员职务"),
        first_line=bool(first_line),
        notes=clean_text(notes, "notes", "备注", max_length=500),
        office_phone=normalize_phone(office_phone, "office_phone"),
    )
