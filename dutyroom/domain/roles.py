"""Who may do what at the desk: three roles, each a set of permissions.

A duty officer logs, reports and hands over; a leader on duty also approves swaps and
finalizes handovers for others; the administrator also keeps settings, user accounts and
the published rota. The command line acts for whoever can reach the database file, so it
has every permission (`Actor.system`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    OFFICER = "officer"
    LEADER = "leader"
    ADMIN = "admin"


ROLE_LABELS = {Role.OFFICER: "值班员", Role.LEADER: "带班领导", Role.ADMIN: "管理员"}


class Permission(StrEnum):
    LOG = "log"  # the duty log, reports, dispatches, the clock, contacts' phone numbers
    HANDOVER = "handover"  # the handover draft, and accepting one's own shift
    APPROVE_SWAP = "approve_swap"  # 换班/代班
    FINALIZE_HANDOVER = "finalize_handover"  # accepting for someone else, corrections
    ROSTER = "roster"  # generating, assigning, calendar, sensitive periods, leave, staff
    PUBLISH_ROTA = "publish_rota"
    SETTINGS = "settings"
    USERS = "users"
    RESTORE = "restore"


PERMISSION_LABELS = {
    Permission.LOG: "登记值班日志", Permission.HANDOVER: "交接班",
    Permission.APPROVE_SWAP: "批准换班、代班", Permission.FINALIZE_HANDOVER: "代为确认或更正交接班记录",
    Permission.ROSTER: "编排值班表、维护人员和日历", Permission.PUBLISH_ROTA: "发布值班表",
    Permission.SETTINGS: "修改设置", Permission.USERS: "管理用户", Permission.RESTORE: "恢复备份",
}

_OFFICER = frozenset({Permission.LOG, Permission.HANDOVER})
_LEADER = _OFFICER | {Permission.APPROVE_SWAP, Permission.FINALIZE_HANDOVER}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OFFICER: _OFFICER,
    Role.LEADER: _LEADER,
    Role.ADMIN: frozenset(Permission),
}


@dataclass(frozen=True)
class Actor:
    """The person a change is recorded under, and what they may do."""

    name: str  # as written into every record and audit entry
    permissions: frozenset[Permission]
    role: Role | None = None  # None: the command line or a self-test, acting for the file's owner
    user_id: int | None = None
    staff_id: int | None = None
    username: str = ""

    @classmethod
    def system(cls, name: str) -> Actor:
        return cls(name, frozenset(Permission))

    @classmethod
    def user(cls, user_id: int, username: str, display_name: str, role: Role,
             staff_id: int | None) -> Actor:
        return cls(recorded_name(display_name, username), ROLE_PERMISSIONS[role], role, user_id,
                   staff_id, username)

    @property
    def display_name(self) -> str:
        """The person's name alone (a form's 报送人); the record keeps `name`, made unique by
        the login name."""
        suffix = f"({self.username})"
        return self.name[:-len(suffix)] if self.username and self.name.endswith(suffix) \
            else self.name

    def may(self, permission: Permission) -> bool:
        return permission in self.permissions

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role] if self.role else "系统"


NOBODY = Actor("未登录", frozenset())


def recorded_name(display_name: str, username: str) -> str:
    """How a user is named in the record: readable, and unique through the login name."""
    return f"{display_name}({username})"
