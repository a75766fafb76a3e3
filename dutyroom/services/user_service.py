"""Accounts at the desk: the first administrator, logging in, and managing who may do what.

Passwords are kept only as argon2 hashes. Logging in, the turning points of a run of wrong
passwords (domain/login_attempts.py) and every change to an account are links in the audit
chain, so the record shows who was at the keyboard.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import and_, delete, func, or_, select, text
from sqlalchemy.orm import Session

from dutyroom.db import audit
from dutyroom.db.models import LoginAttempt, Staff, User
from dutyroom.domain.accounts import check_display_name, check_password, check_role, check_username
from dutyroom.domain.errors import FieldError
from dutyroom.domain.login_attempts import (
    LOCKOUT,
    STREAK,
    UNKNOWN_AUDITS_PER_WINDOW,
    Attempts,
    Event,
    locked_message,
)
from dutyroom.domain.roles import ROLE_LABELS, Actor, Permission, Role
from dutyroom.domain.text import sentence
from dutyroom.services import settings_service
from dutyroom.services.errors import InputError, PermissionDenied, Problem
from dutyroom.services.records import audit_change, utc_now
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

ENTITY = "user"
SESSION = "session"  # audit entries for logging in and out
CHANGED = Changes(settings=True)
WRONG = sentence("用户名或密码不正确")
_hasher = PasswordHasher()


@dataclass(frozen=True)
class UserView:
    id: int
    username: str
    display_name: str
    role: Role
    staff_id: int | None
    staff_name: str
    active: bool
    last_login_at: datetime | None

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


def _view(row: User, staff_name: str = "") -> UserView:
    return UserView(row.id, row.username, row.display_name, Role(row.role), row.staff_id,
                    staff_name, row.active, row.last_login_at)


def _actor(row: User) -> Actor:
    return Actor.user(row.id, row.username, row.display_name, Role(row.role), row.staff_id)


def _field(check: Any, *args: Any) -> Any:
    try:
        return check(*args)
    except FieldError as error:
        raise InputError.from_field(error) from None


def _may_change_accounts(session: Session) -> bool:
    return session.get_bind().dialect.name != "postgresql" or bool(
        session.scalar(text("SELECT has_table_privilege('users', 'INSERT')")))


def _accounts_writable(session: Session) -> None:
    """On a server, accounts change only through a connection the server lets change them.

    The desks' limited role (`dutyroom server setup`) may read accounts and keep the login
    counters, but the server refuses it any other change to `users`: whoever copies a
    workstation's connection details cannot make themselves administrator. Saying so
    before the database refuses gives the administrator the way to do it instead.
    """
    if not _may_change_accounts(session):
        raise PermissionDenied(sentence(
            "这台工作站连接服务器所用的值班席位角色不能修改账户。请管理员用数据库所有者的连接管理账户"
            "（例如 dutyroom user add --db 所有者地址），见 README「多席位服务器」。"))


def has_users(uow: UnitOfWork) -> bool:
    with uow.read() as session:
        return (session.scalar(select(func.count()).select_from(User)) or 0) > 0


def list_users(uow: UnitOfWork) -> list[UserView]:
    with uow.read() as session:
        rows = session.execute(select(User, Staff.name).outerjoin(Staff, Staff.id == User.staff_id)
                               .order_by(User.active.desc(), User.id))
        return [_view(user, name or "") for user, name in rows]


def _staff_link(session: Session, raw: Any) -> int | None:
    if raw in (None, "", 0):
        return None
    person = session.get(Staff, int(raw))
    if person is None or not person.active:
        raise InputError.simple(sentence("关联的人员不存在或已停用"), "staff_id")
    return person.id


def _new_user(session: Session, values: Mapping[str, Any], role: Role, actor: str,
              now: datetime) -> User:
    username = _field(check_username, values.get("username"))
    display = _field(check_display_name, values.get("display_name"))
    password = _field(check_password, values.get("password"), values.get("confirm"))
    if session.scalar(select(User.id).where(func.lower(User.username) == username.lower())):
        raise InputError.simple(sentence("用户名「{0}」已被使用", username), "username")
    row = User(username=username, display_name=display, role=role.value,
               staff_id=_staff_link(session, values.get("staff_id")),
               password_hash=_hasher.hash(password), active=True, created_at=now)
    session.add(row)
    audit_change(session, row, actor, ENTITY, "create", now)
    return row


def create_first_admin(uow: UnitOfWork, values: Mapping[str, Any],
                       now: datetime | None = None) -> Outcome[Actor]:
    """The first run's administrator, who acts through `uow.for_actor(actor)`; refused once
    any account exists."""
    moment = utc_now(now)
    with uow.write(None) as session:
        actor = first_admin_in(session, values, moment)
    return Outcome(actor, CHANGED)


def first_admin_in(session: Session, values: Mapping[str, Any], moment: datetime) -> Actor:
    """The first administrator, made and logged in inside a transaction the caller holds
    (the first-run setup writes the desk's settings in the same one)."""
    _accounts_writable(session)
    if session.scalar(select(func.count()).select_from(User)):
        raise InputError.simple(sentence("已有用户，管理员须由现有管理员添加"), "username")
    row = _new_user(session, values, Role.ADMIN, "首次运行", moment)
    row.last_login_at = moment
    actor = _actor(row)
    audit.append(session, actor=actor.name, entity=SESSION, entity_id=row.id,
                 action="login", payload={"username": row.username}, at=moment)
    return actor


def login(uow: UnitOfWork, username: str, password: str, now: datetime | None = None) -> Actor:
    """Check a password; the `Actor` it returns acts through `uow.for_actor(actor)`.

    Every name typed is treated alike, an account's or not (domain/login_attempts.py): one
    argon2 verify each time, the same count of failures to a lock, the same refusal. So
    neither the answer nor the time it takes tells a stranger which names are accounts.
    While a name is locked the password is not looked at; the attempt is still counted.
    """
    moment = utc_now(now)
    typed = str(username or "").strip()[:64]
    key = typed.lower()
    with uow.write(None) as session:
        _forget_stale_attempts(session, moment)
        row = session.scalar(select(User).where(func.lower(User.username) == key))
        account = row if row is not None and row.active else None
        record = _attempt_held(session, key)
        before = _attempts(record)
        stored_hash = account.password_hash if account is not None else None
        if before.locked(moment):
            after, event = before.refuse()
            failure = locked_message(after, moment)
        elif _verify(account, password) and account is not None:
            account.last_login_at = moment
            if record is not None:
                session.delete(record)
            actor = _actor(account)
            if account.password_hash != stored_hash:  # rehashed with stronger parameters
                # The account's audited state holds its hash: an unaudited rehash would make
                # `check` report every account as edited behind the app's back after an
                # argon2 upgrade.
                audit_change(session, account, actor.name, ENTITY, "password", moment)
            audit.append(session, actor=actor.name, entity=SESSION, entity_id=account.id,
                         action="login", payload=_login_payload(account.username, before),
                         at=moment)
            failure = None
        else:
            after, event = before.fail(moment)
            failure = locked_message(after, moment) if event is Event.LOCKED_OUT else WRONG
        if failure is not None:
            _remember(session, key, typed, record, before, after, event, account, moment)
    if failure is not None:  # the failed attempt is recorded; then the refusal
        raise InputError.simple(failure, "password")
    return actor


def _attempt_held(session: Session, key: str) -> LoginAttempt | None:
    """The name's record, held against the other workstations until this login ends.

    On a server two desks may try one name at the same instant: both would find no record
    and both insert one (the second refused by the key: a database error at the login), or
    both count one failure where there were two. So the record is made first when missing
    (a no-op when another desk has just made it) and locked. SQLite's write transaction
    already holds the whole file: a lookup is enough there.
    """
    if session.get_bind().dialect.name != "postgresql":
        return session.get(LoginAttempt, key)
    # Imported here: the PostgreSQL dialect's modules cost a desk on a file a tenth of its start.
    from sqlalchemy.dialects.postgresql import insert as pg_insert

    session.execute(pg_insert(LoginAttempt).values(name=key, failures=0, refused=0)
                    .on_conflict_do_nothing())
    return session.scalars(select(LoginAttempt).where(LoginAttempt.name == key)
                           .with_for_update()).one()


def _attempts(record: LoginAttempt | None) -> Attempts:
    if record is None:
        return Attempts()
    return Attempts(record.failures, record.first_failed_at, record.locked_until, record.refused)


def _login_payload(username: str, before: Attempts) -> dict[str, Any]:
    """An audit entry's payload; it says how many attempts since the last audited one were
    only counted (the failures of a streak, the attempts while the name was locked)."""
    payload: dict[str, Any] = {"username": username}
    if before.failures:
        payload["failures_before"] = before.failures
    if before.refused:
        payload["refused_while_locked"] = before.refused
    return payload


def _forget_stale_attempts(session: Session, moment: datetime) -> None:
    """Names whose record can no longer change an answer (Attempts.stale) and whose audit
    entry is older than a lock's window are forgotten: a script trying endless names
    cannot fill the table, and the quota of audited strangers stays true."""
    session.execute(delete(LoginAttempt).where(
        or_(LoginAttempt.locked_until <= moment,
            and_(LoginAttempt.locked_until.is_(None),
                 LoginAttempt.first_failed_at < moment - STREAK)),
        or_(LoginAttempt.audited_at.is_(None), LoginAttempt.audited_at < moment - LOCKOUT)))


def _strangers_audited(session: Session, moment: datetime) -> int:
    """How many names that are no active account reached the audit chain in this window."""
    accounts = select(func.lower(User.username)).where(User.active.is_(True))
    return session.scalar(select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.audited_at >= moment - LOCKOUT,
        LoginAttempt.name.not_in(accounts))) or 0


def _remember(session: Session, key: str, typed: str, record: LoginAttempt | None,
              before: Attempts, after: Attempts, event: Event, account: User | None,
              moment: datetime) -> None:
    """Keep the name's new state and audit the attempt if it is a turning point.

    An account's turning points are always audited. Names that are no account share a
    quota per lock window (UNKNOWN_AUDITS_PER_WINDOW names); the first name past it is
    audited once as `login_throttled`, the rest are only counted here. The quota is looked
    up for every audited attempt, an account's too, so it costs both the same time.
    """
    if record is None:
        record = LoginAttempt(name=key)
        session.add(record)
    record.failures, record.first_failed_at = after.failures, after.first_failed_at
    record.locked_until, record.refused = after.locked_until, after.refused
    if not event.audited:
        return
    used = _strangers_audited(session, moment)
    action = event.value
    if account is None and used >= UNKNOWN_AUDITS_PER_WINDOW:
        if used > UNKNOWN_AUDITS_PER_WINDOW:
            return
        action = "login_throttled"
    record.audited_at = moment
    payload = _login_payload(typed, before if event is Event.FIRST_FAILURE else Attempts())
    if event is Event.LOCKED_OUT:
        payload["failures"] = after.failures
    if after.locked_until is not None:
        payload["locked_until"] = after.locked_until.isoformat()
    audit.append(session, actor=(account.username if account else typed) or "?", entity=SESSION,
                 entity_id=account.id if account else "-", action=action, payload=payload,
                 at=moment)


@cache
def _dummy_hash() -> str:
    """A hash of a random secret, made once per process with the hasher's own parameters:
    a name that is no account is verified against it, which takes as long as an account's."""
    return _hasher.hash(secrets.token_urlsafe(24))


def _verify(row: User | None, password: str) -> bool:
    """Whether `password` is the account's; one argon2 verify even when there is no account."""
    try:
        _hasher.verify(row.password_hash if row is not None else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    if row is None:
        return False
    session = Session.object_session(row)
    # A stronger hash is kept where accounts may be changed (not over a desk's limited role).
    if _hasher.check_needs_rehash(row.password_hash) and session is not None \
            and _may_change_accounts(session):
        row.password_hash = _hasher.hash(password)
    return True


def _load(session: Session, user_id: int) -> User:
    row = session.get(User, user_id)
    if row is None:
        raise InputError([Problem(sentence("没有编号为 {0} 的用户", user_id), field="id")])
    return row


def _other_admins(session: Session, user_id: int) -> int:
    return session.scalar(select(func.count()).select_from(User).where(
        User.role == Role.ADMIN.value, User.active.is_(True), User.id != user_id)) or 0


def add_user(uow: UnitOfWork, values: Mapping[str, Any],
             now: datetime | None = None) -> Outcome[UserView]:
    moment = utc_now(now)
    with uow.write(Permission.USERS) as session:
        _accounts_writable(session)
        role = _field(check_role, values.get("role"))
        row = _new_user(session, values, role, uow.actor, moment)
        return Outcome(_view(row), CHANGED)


def update_user(uow: UnitOfWork, user_id: int, values: Mapping[str, Any],
                now: datetime | None = None) -> Outcome[UserView]:
    """Change a name, role, linked person or whether the account may log in.

    The last active administrator cannot be demoted or deactivated: nobody could then
    manage accounts or settings.
    """
    moment = utc_now(now)
    with uow.write(Permission.USERS) as session:
        _accounts_writable(session)
        row = _load(session, user_id)
        role = _field(check_role, values.get("role", row.role))
        active = bool(values.get("active", row.active))
        if row.role == Role.ADMIN.value and (role != Role.ADMIN or not active) \
                and not _other_admins(session, row.id):
            raise InputError.simple(sentence("这是唯一的管理员，不能降级或停用；请先指定另一位管理员"),
                                    "role")
        before = row.snapshot()
        row.display_name = _field(check_display_name, values.get("display_name", row.display_name))
        row.role, row.active = role.value, active
        if "staff_id" in values:
            row.staff_id = _staff_link(session, values["staff_id"])
        if row.snapshot() == before:
            return Outcome(_view(row), Changes())
        audit_change(session, row, uow.actor, ENTITY, "update", moment)
        return Outcome(_view(row), CHANGED)


def reset_password(uow: UnitOfWork, user_id: int, password: str, confirm: str | None = None,
                   now: datetime | None = None) -> Outcome[None]:
    """An administrator sets a new password for someone who forgot theirs."""
    moment = utc_now(now)
    new = _field(check_password, password, confirm)
    with uow.write(Permission.USERS) as session:
        _accounts_writable(session)
        row = _load(session, user_id)
        row.password_hash = _hasher.hash(new)
        session.execute(delete(LoginAttempt).where(LoginAttempt.name == row.username.lower()))
        audit_change(session, row, uow.actor, ENTITY, "password", moment)
    return Outcome(None, Changes())


def change_own_password(uow: UnitOfWork, old: str, new: str, confirm: str | None = None,
                        now: datetime | None = None) -> Outcome[None]:
    moment = utc_now(now)
    user_id = uow.user.user_id
    if user_id is None:
        raise InputError.simple(sentence("命令行用户没有密码可改"), "password")
    password = _field(check_password, new, confirm)
    with uow.write(None) as session:
        _accounts_writable(session)
        row = _load(session, user_id)
        if not _verify(row, old):
            raise InputError.simple(sentence("原密码不正确"), "old")
        row.password_hash = _hasher.hash(password)
        audit_change(session, row, uow.actor, ENTITY, "password", moment)
    return Outcome(None, Changes())


def logout(uow: UnitOfWork, action: str = "logout", now: datetime | None = None) -> None:
    """Record that the user left the keyboard (logged out, or the screen locked)."""
    user = uow.user
    if user.user_id is None:
        return
    with uow.write(None) as session:
        audit.append(session, actor=user.name, entity=SESSION, entity_id=user.user_id,
                     action=action, payload={}, at=utc_now(now))


def hashing_works() -> bool:
    """For the self-test: argon2's compiled part is there and agrees with itself."""
    return _hasher.verify(_hasher.hash("自检"), "自检")


# The settings a sample-town database keeps from the first-run wizard: its own unit name
# stays, so nobody mistakes the sample for a real desk.
DEMO_KEEPS = ("desk_name", "handover_time")


def set_up_desk(uow: UnitOfWork, admin: Mapping[str, Any], unit: Mapping[str, Any],
                now: datetime | None = None) -> Outcome[Actor]:
    """The first run's desk in one transaction: the administrator and the unit's settings
    together, so a refusal of either (a weak password, a bad handover time) leaves no
    half-made desk — no administrator without the desk's name, nor the reverse."""
    with uow.write(None) as session:
        actor = first_admin_in(session, admin, utc_now(now))
        if settings_service.load_settings_in(session)["demo_data"]:
            unit = {k: unit[k] for k in DEMO_KEEPS if k in unit}
        settings_service.write_settings(session, unit, actor.name)
    return Outcome(actor, CHANGED)
