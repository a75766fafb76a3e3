"""The unit of work: one transaction per service call, and who is acting."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from typing import Generic, TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from dutyroom.db import change_feed, deadline_store
from dutyroom.db.engine import LOCK_WAIT_SECONDS, WRITE_OPTION
from dutyroom.db.models import User
from dutyroom.db.types import UnreadableTime
from dutyroom.domain.errors import FieldError
from dutyroom.domain.roles import PERMISSION_LABELS, Actor, Permission, Role
from dutyroom.domain.text import Verbatim, sentence
from dutyroom.services.errors import ConflictError, InputError, PermissionDenied, ServiceError

T = TypeVar("T")
STALE_MESSAGE = "该记录已被他人修改，您的修改未保存。请重新打开后再改。"
log = logging.getLogger("dutyroom")
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE when lock_timeout ends a wait


def _refused(error: DBAPIError) -> ServiceError:
    """A database error as a person reads it: what happened, never the SQL or its values.

    The engine hides bound parameters (db/engine.py), so the log keeps the statement for
    whoever supports the desk without the names and phone numbers in it.
    """
    log.error("database refused: %s", type(error.orig).__name__, exc_info=error)
    if getattr(error.orig, "sqlstate", None) == LOCK_NOT_AVAILABLE:
        return ServiceError(sentence(
            "数据库被另一个连接占用，等了 {0} 秒仍未放开，没有保存任何内容；"
            "请稍后再试，一直如此请联系服务器管理员",
            LOCK_WAIT_SECONDS))
    return ServiceError(sentence("数据库拒绝了这次操作，没有保存任何内容（详情已写入日志文件）"))


@dataclass(frozen=True)
class Changes:
    """What a service call changed, so pages refresh only what they show."""

    staff: bool = False
    departments: bool = False
    settings: bool = False
    roster: bool = False  # assignments, calendar days, sensitive periods, leave
    incidents: bool = False  # incidents, their reports, dispatches and feedback
    register: bool = False  # the calls and documents register
    clock: bool = False  # check-ins, presence, spot checks, holiday reports, acknowledgements
    handover: bool = False  # handover records
    responsible: bool = False  # the 基层责任人 directory
    warnings: bool = False  # early warnings and their relay (叫应)
    resources: bool = False  # the 应急资源 directory (teams, supplies, shelters)

    def __bool__(self) -> bool:
        return (self.staff or self.departments or self.settings or self.roster
                or self.incidents or self.register or self.clock or self.handover
                or self.responsible or self.warnings or self.resources)

    def __or__(self, other: Changes) -> Changes:
        """Both sets of changes, for a page that missed several while it was hidden."""
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name)
                          for f in fields(self)})


@dataclass(frozen=True)
class Outcome(Generic[T]):
    value: T
    changes: Changes


class _Standing:
    """The acting account's rights as last read from the store, shared by one login's units
    of work. Only the per-write re-check (`UnitOfWork._as_stored`) replaces it, with one
    reference assignment of an immutable `Actor`, so a reader on any thread sees the old
    standing or the new one, never a mix."""

    __slots__ = ("actor",)

    def __init__(self, actor: Actor) -> None:
        self.actor = actor


@dataclass(frozen=True, init=False, eq=False)
class UnitOfWork:
    """Opens sessions for services; commits a write as a whole or not at all.

    It also knows who is acting, and that never changes: logging in returns an `Actor`, and
    the composition root (ui/launch.py, the main window's lock, cli/base.py) asks
    `for_actor` for a new unit of work over the same sessions. An operation keeps the unit
    of work it was queued with, so work queued before a lock finishes as the person who
    queued it. Every write names the permission it needs, checked against the account as
    stored at that moment, so a role's limits hold for every way in (GUI or script), and
    `actor` is the name each change is recorded under.
    """

    _sessions: sessionmaker[Session]
    login: Actor  # who logged in; fixed for this unit of work's life
    _standing: _Standing

    def __init__(self, sessions: sessionmaker[Session], actor: str | Actor) -> None:
        login = Actor.system(actor) if isinstance(actor, str) else actor
        object.__setattr__(self, "_sessions", sessions)
        object.__setattr__(self, "login", login)
        object.__setattr__(self, "_standing", _Standing(login))

    def for_actor(self, actor: Actor) -> UnitOfWork:
        """A unit of work over the same database for someone else (`roles.NOBODY` when the
        desk locks); this one is unchanged, so work already queued with it acts as before."""
        return UnitOfWork(self._sessions, actor)

    @property
    def user(self) -> Actor:
        """The login as the store last showed it: the same account, with the rights (and
        name) its row held at the latest write — demoted or deactivated at once, not at
        logout."""
        return self._standing.actor

    @property
    def actor(self) -> str:
        return self.user.name

    def require(self, permission: Permission, user: Actor | None = None) -> None:
        acting = self.user if user is None else user
        if not acting.may(permission):
            raise PermissionDenied(
                sentence("当前用户 {0}（{1}）无权{2}。请由有此权限的用户登录后再操作。",
                         acting.name, acting.role_label, PERMISSION_LABELS[permission]))

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read; a duty rule's refusal (`FieldError`) inside it reaches the caller as bad
        input on the field the rule names, so no service converts it by hand."""
        with self._sessions() as session:
            try:
                yield session
            except FieldError as error:
                raise InputError.from_field(error) from None
            except DBAPIError as error:
                raise _refused(error) from None
            except UnreadableTime as error:
                raise _unreadable(error) from None

    def _as_stored(self, session: Session) -> Actor:
        """The acting account as it is stored now, inside the write's own transaction.

        Another desk may have demoted or deactivated this account since it logged in; its
        rights are those of the stored row, never those remembered from the login. A
        deactivated account keeps no rights (as if logged out) and is refused. (Accounts are
        never deleted — the desks' server role may not — so an actor with no row at all is
        one a test made.)
        """
        user = self.user
        if user.user_id is None:
            return user
        row = session.get(User, user.user_id)
        if row is None:
            return user
        if not row.active:
            self._standing.actor = Actor(user.name, frozenset())
            raise PermissionDenied(sentence("账户 {0} 已被停用，不能再做任何修改。请由在岗的用户登录。",
                                            user.name))
        stored = Actor.user(row.id, row.username, row.display_name, Role(row.role), row.staff_id)
        if stored != user:
            self._standing.actor = stored
        return stored

    @contextmanager
    def write(self, permission: Permission | None) -> Iterator[Session]:
        """A write transaction; `permission` is what the acting user needs (None: anyone,
        for what logging in itself records), checked against the account as stored at
        this moment. A duty rule's refusal (`FieldError`) inside it rolls everything back
        and reaches the caller as bad input on the field it names."""
        if permission is not None:
            self.require(permission)  # before opening anything, for the common refusal
        with self._sessions() as session:
            session.connection(execution_options={WRITE_OPTION: True})
            try:
                if permission is not None:
                    self.require(permission, self._as_stored(session))
                yield session
                session.flush()
                _refresh_deadlines(session)
                change_feed.announce(session)  # the other windows hear of it at commit
                session.commit()
            except StaleDataError:
                session.rollback()
                raise ConflictError(STALE_MESSAGE) from None
            except FieldError as error:
                session.rollback()
                raise InputError.from_field(error) from None
            except DBAPIError as error:
                session.rollback()
                raise _refused(error) from None
            except UnreadableTime as error:
                session.rollback()
                raise _unreadable(error) from None
            except BaseException:
                session.rollback()
                raise


def _unreadable(error: UnreadableTime) -> ServiceError:
    return ServiceError(sentence(
        "数据库中有一个无法读取的时间「{0}」，可能被直接改动过；请运行「数据 → 检查数据」"
        "（dutyroom check）找出所在的表和列并更正", Verbatim(error.value)))


def _refresh_deadlines(session: Session) -> None:
    """Before a write commits, the kept report deadlines of the incidents it touched are
    rewritten from the desk's rules (all of them when it changed the rules), in the same
    transaction: the statistics never count a deadline the rules would not give."""
    touched = deadline_store.take_touched(session)
    if touched is not None and not touched:
        return
    from dutyroom.services.settings_service import desk  # (it imports this module)

    deadline_store.lock(session, touched)
    d = desk(session)
    deadline_store.refresh(session, touched, d.rules, d.zone)
