"""What makes a login name and a password acceptable, and when an account locks itself."""

from __future__ import annotations

import re
from functools import cache

from dutyroom.domain.errors import FieldError
from dutyroom.domain.hygiene import check_text
from dutyroom.domain.roles import ROLE_LABELS, Role
from dutyroom.domain.text import sentence

PASSWORD_MIN = 10
PASSWORD_MAX = 128
_USERNAME = re.compile(r"[A-Za-z0-9_.\-]{2,32}")


def check_username(raw: object) -> str:
    value = str(raw or "").strip()
    if not _USERNAME.fullmatch(value):
        raise FieldError("username", sentence("用户名应为 2–32 位字母、数字或 _ . -（例如 zhangsan）"))
    return value


def check_display_name(raw: object) -> str:
    value = check_text(str(raw or "").strip(), "display_name", "姓名")
    if not value:
        raise FieldError("display_name", sentence("姓名不能为空"))
    if len(value) > 32:
        raise FieldError("display_name", sentence("姓名过长（最多 32 个字）"))
    return value


def check_password(raw: object, confirm: object | None = None) -> str:
    """A new password (first administrator, a new account, a change or a reset). Only new
    ones: an account whose older password falls short of today's rule still logs in."""
    value = str(raw or "")
    if len(value) < PASSWORD_MIN:
        raise FieldError("password", sentence("密码至少 {0} 位", PASSWORD_MIN))
    if len(value) > PASSWORD_MAX:
        raise FieldError("password", sentence("密码最多 {0} 位", PASSWORD_MAX))
    if len(set(value)) < 3:
        raise FieldError("password", sentence("密码过于简单（至少要有 3 个不同的字符）"))
    if value.lower() in _common_passwords():
        raise FieldError("password", sentence("这是常见密码，很容易被猜中，请换一个"))
    if confirm is not None and confirm != value:
        raise FieldError("confirm", sentence("两次输入的密码不一致"))
    return value


@cache
def _common_passwords() -> frozenset[str]:
    """The 30,000 most common passwords of leaked lists, as zxcvbn ships them (MIT; the
    list its strength estimate matches against, lower-case). Loaded once, when a password
    is first set: it takes about 0.2 s, which a login never pays."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def check_role(raw: object) -> Role:
    text = str(raw or "").strip()
    for role, label in ROLE_LABELS.items():
        if text in (role.value, label):
            return role
    raise FieldError("role", sentence("未知的角色「{0}」（应为 值班员、带班领导 或 管理员）", text))
