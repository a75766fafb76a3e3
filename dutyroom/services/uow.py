"""The unit of work: one transaction per service call, and who is acting."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from dutyroom.db.engine import WRITE_OPTION
from dutyroom.services.errors import ConflictError

T = TypeVar("T")
STALE_MESSAGE = "该记录已被他人修改，您的修改未保存。请重新打开后再改。"


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

    def __bool__(self) -> bool:
        return (self.staff or self.departments or self.settings or self.roster
                or self.incidents or self.register or self.clock or self.handover)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    value: T
    changes: Changes


class UnitOfWork:
    """Opens sessions for services; commits a write as a whole or not at all."""

    def __init__(self, sessions: sessionmaker, actor: str) -> None:
        self._sessions = sessions
        self.actor = actor

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._sessions() as session:
            session.connection(execution_options={WRITE_OPTION: True})
            try:
                yield session
                session.commit()
            except StaleDataError:
                session.rollback()
                raise ConflictError(STALE_MESSAGE) from None
            except BaseException:
                session.rollback()
                raise
