"""What no value may carry into the record, whatever field it is typed or imported into.

A duty log is read years later, printed, exported to Excel and sent upward. Text that
hides itself (zero-width or direction-override characters), control characters (a NUL
that PostgreSQL refuses, a bell, an escape), half of a UTF-16 pair that no file can
store, a year no desk lives in, or a number larger than any town could count would each
either crash a later step or mislead a reader. Each is refused where it comes in, with
one sentence, by the same rules for every form, file and package.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date, datetime

from dutyroom.domain.errors import FieldError
from dutyroom.domain.text import sentence

FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_COUNT = 10_000_000  # people: more than a county holds
MAX_LOSS = 10_000_000_000_000  # yuan (10 万亿): beyond any local incident, inside a 64-bit column
ALLOWED_CONTROLS = frozenset("\n\r\t")
# Characters that reorder or embed text: 「资料.exe」 shown as 「资料exe.」, a name shown
# reversed. No Chinese or English text of a duty desk needs them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
                          "\u061c")


def text_problem(text: str, label: str) -> str | None:
    """Why `text` cannot be kept, or None when it can."""
    for char in text:
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            return sentence("{0}含有无法保存的字符（不成对的代理字符），请重新输入", label)
        if char in BIDI_CONTROLS:
            return sentence("{0}含有改变文字方向的控制字符（如 U+{1:04X}），请删除后重新输入", label, code)
        if unicodedata.category(char) == "Cc" and char not in ALLOWED_CONTROLS:
            return sentence("{0}含有控制字符（U+{1:04X}），请删除后重新输入", label, code)
    if text and not any(_visible(c) for c in text):
        return sentence("{0}只有看不见的字符，请填写文字", label)
    return None


def _visible(char: str) -> bool:
    return not char.isspace() and unicodedata.category(char) not in ("Cf", "Cc", "Zs", "Mn")


def check_text(text: str, field: str, label: str) -> str:
    problem = text_problem(text, label)
    if problem is not None:
        raise FieldError(field, problem)
    return text


def searchable(text: str) -> str:
    """Search words as typed, less what no record can hold (so none can match, and a
    database need never see them)."""
    return "".join(c for c in text if not (0xD800 <= ord(c) <= 0xDFFF or c in BIDI_CONTROLS
                                           or unicodedata.category(c) == "Cc"))


def is_json_structure(text: str) -> bool:
    """A title that is a JSON list or object is a file pasted into the wrong field."""
    stripped = text.strip()
    if not stripped or stripped[0] not in "[{":
        return False
    try:
        return isinstance(json.loads(stripped), list | dict)
    except (ValueError, RecursionError):
        return False


def check_year(value: date | datetime, field: str, label: str) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise FieldError(field, sentence("{0}的年份 {1} 超出 {2}–{3} 年", label, value.year,
                                         FIRST_YEAR, LAST_YEAR))


def check_count(value: int, field: str, label: str, maximum: int = MAX_COUNT) -> int:
    if value > maximum:
        raise FieldError(field, sentence("{0}过大（最多 {1}）", label, maximum))
    return value
