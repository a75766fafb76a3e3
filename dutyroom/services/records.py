"""Loading, changing and auditing the records people edit (staff, departments, the log)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from dutyroom.db import audit
from dutyroom.db.models import audit_key
from dutyroom.domain.contacts import clean_text
from dutyroom.domain.errors import FieldError
from dutyroom.domain.text import Verbatim, sentence
from dutyroom.services.conflicts import stale_edit
from dutyroom.services.errors import InputError, Problem


class _Named(Protocol):
    id: int
    name: str
    version: int

    def snapshot(self) -> dict[str, Any]: ...


class _Audited(Protocol):
    def snapshot(self) -> dict[str, Any]: ...


class _Switchable(_Audited, Protocol):
    active: bool


R = TypeVar("R", bound=_Named)


def utc_now(now: datetime | None = None) -> datetime:
    """The moment of an action in UTC; services take `now` so tests can drive the clock."""
    return (now or datetime.now(UTC)).astimezone(UTC)


def text_input(raw: Any, key: str, label: str, max_length: int, *, required: bool = False) -> str:
    """Free text as typed, trimmed and checked; a refusal names the field."""
    try:
        return clean_text(raw, key, label, max_length=max_length, required=required)
    except FieldError as error:
        raise InputError.from_field(error) from None


def load_for_edit(session: Session, model: type[R], record_id: int, version: int | None,
                  what: str, entity: str) -> R:
    """The record to change, refusing an unknown id and an edit made on a stale copy.

    `version` is the one the person saw when they opened the form; if another desk saved
    in between, saving now would silently undo their change.
    """
    row = session.get(model, record_id)
    if row is None:
        raise InputError([Problem(sentence("没有编号为 {0} 的{1}", record_id, what), field="id")])
    if version is not None and row.version != version:
        raise stale_edit(session, row, entity, sentence("{0}「{1}」", what, Verbatim(row.name)))
    return row


def audit_change(session: Session, row: _Audited, actor: str, entity: str, action: str,
                 at: datetime | None = None) -> None:
    """Write the change, then chain the record's new state into the audit trail."""
    session.flush()
    audit.append(session, actor=actor, entity=entity, entity_id=audit_key(row), action=action,
                 payload=row.snapshot(), at=at)


def audit_edit(session: Session, row: _Audited, change: Callable[[], None], actor: str,
                entity: str) -> bool:
    """Make `change` to a record and chain its new state as an update; False, with nothing
    chained, when the edit left the record as it was (a form saved without a change)."""
    before = row.snapshot()
    change()
    if row.snapshot() == before:
        return False
    audit_change(session, row, actor, entity, "update")
    return True


def switch_active(session: Session, row: _Switchable, active: bool, actor: str, entity: str,
                  clash: Callable[[], None] | None = None) -> bool:
    """Take a directory record (a person, a department, a resource) out of use or back into
    it, audited; False when it already was so. Records are never deleted: past duties,
    dispatches and warnings name them. `clash` raises when bringing the record back would
    duplicate one in use."""
    if row.active == active:
        return False
    if active and clash is not None:
        clash()
    row.active = active
    audit_change(session, row, actor, entity, "activate" if active else "deactivate")
    return True


def audit_removal(session: Session, row: _Audited, actor: str, entity: str,
                  at: datetime | None = None) -> None:
    """Delete a record that is not a log entry (a leave, a cleared slot), keeping what it
    said as the last link of its history, so `check` expects it gone."""
    audit.append(session, actor=actor, entity=entity, entity_id=audit_key(row),
                 action=audit.REMOVED, payload=row.snapshot(), at=at)
    session.delete(row)
    session.flush()
