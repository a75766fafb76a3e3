"""The tamper-evident audit chain.

Every change to an audited record appends an entry whose hash covers its own content and
the previous entry's hash. Editing, deleting or reordering any entry in the file breaks
every hash after it, which `dutyroom check` reports. Entries hold a full snapshot of the
record after the change, so the live row can also be compared with its last audited state.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session, SessionTransaction

from dutyroom.db.models import AuditEntry

GENESIS = "0" * 64
# Any constant will do; it names the PostgreSQL advisory lock that serialises appends
# from several desks so the chain never forks. SQLite writers are serialised already.
_PG_LOCK_KEY = 0x6475747972
_HEAD = "dutyroom_audit_head"  # session.info key: the chain head within this transaction


@event.listens_for(Session, "after_transaction_end")
def _forget_head(session: Session, transaction: SessionTransaction) -> None:
    """A rolled-back or finished transaction must not leave a stale head behind."""
    if transaction.parent is None:
        session.info.pop(_HEAD, None)


def canonical(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str)


def _digest(prev_hash: str, at: datetime, actor: str, entity: str, entity_id: str,
            action: str, payload: str) -> str:
    material = "\x1f".join(
        (prev_hash, at.astimezone(UTC).isoformat(timespec="microseconds"), actor, entity,
         entity_id, action, payload)
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def append(session: Session, *, actor: str, entity: str, entity_id: object, action: str,
           payload: Any, at: datetime | None = None) -> AuditEntry:
    """Add the next link; call inside the transaction that makes the change."""
    prev_hash = session.info.get(_HEAD)
    if prev_hash is None:
        # First link in this transaction: take the lock (held to commit), then read the head.
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        last = session.scalars(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
        prev_hash = last.first() or GENESIS
    when = (at or datetime.now(UTC)).astimezone(UTC)
    body = canonical(payload)
    entry = AuditEntry(
        at=when, actor=actor, entity=entity, entity_id=str(entity_id), action=action,
        payload=body, prev_hash=prev_hash,
        hash=_digest(prev_hash, when, actor, entity, str(entity_id), action, body),
    )
    session.add(entry)
    session.flush()
    session.info[_HEAD] = entry.hash
    return entry


REMOVED = "remove"  # the action that takes a record out of the database


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    reason: str


@dataclass(frozen=True)
class ChainState:
    """What a walk of the whole chain found: its breaks, its length and head, and the
    hashes at the positions asked for (1 = the first entry)."""

    breaks: list[ChainBreak]
    count: int
    head: str  # the last entry's hash, GENESIS for an empty chain
    at: dict[int, str]


def inspect_chain(session: Session, positions: frozenset[int] = frozenset(),
                  batch: int = 5000) -> ChainState:
    """Walk the chain in id order, naming every entry whose link does not hold."""
    problems: list[ChainBreak] = []
    found: dict[int, str] = {}
    prev_hash = GENESIS
    count = 0
    for entry in _walk(session, batch):
        count += 1
        if entry.prev_hash != prev_hash:
            problems.append(ChainBreak(entry.id, "前一条审计记录的哈希不符（有记录被删除或改动）"))
        expected = _digest(entry.prev_hash, entry.at, entry.actor, entry.entity,
                           entry.entity_id, entry.action, entry.payload)
        if entry.hash != expected:
            problems.append(ChainBreak(entry.id, "审计记录内容与其哈希不符（记录被改动）"))
        if count in positions:
            found[count] = entry.hash
        prev_hash = entry.hash
    return ChainState(problems, count, prev_hash, found)


def verify(session: Session, batch: int = 5000) -> list[ChainBreak]:
    """The breaks of the chain (empty when every link holds)."""
    return inspect_chain(session, batch=batch).breaks


def head(session: Session) -> tuple[int, str]:
    """The chain's length and its last hash, without verifying it (for a printout)."""
    count = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    last = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    return count, last or GENESIS


def _walk(session: Session, batch: int) -> Iterator[AuditEntry]:
    last_id = 0
    while True:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id)
            .limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last_id = rows[-1].id
        session.expunge_all()


def common_prefix(one: Session, other: Session, batch: int = 5000) -> int:
    """How many entries, from the first, two chains share (a backup and the database it
    was taken from share all of the backup's, unless one was rewritten)."""
    shared = 0
    for mine, theirs in zip(_hashes(one, batch), _hashes(other, batch), strict=False):
        if mine != theirs:
            break
        shared += 1
    return shared


def _hashes(session: Session, batch: int) -> Iterator[str]:
    last_id = 0
    while True:
        rows = session.execute(select(AuditEntry.id, AuditEntry.hash).where(AuditEntry.id > last_id)
                               .order_by(AuditEntry.id).limit(batch)).all()
        if not rows:
            return
        for _, digest in rows:
            yield digest
        last_id = rows[-1][0]


@dataclass(frozen=True)
class Tail:
    """The entries of a chain after a position: how many, of which kinds, from when."""

    count: int
    by_entity: dict[str, int]
    first_at: datetime | None


def entries_after(session: Session, position: int) -> Tail:
    rows = session.execute(select(AuditEntry.entity, AuditEntry.at).order_by(AuditEntry.id)
                           .offset(position)).all()
    kinds: dict[str, int] = {}
    for entity, _ in rows:
        kinds[entity] = kinds.get(entity, 0) + 1
    return Tail(len(rows), kinds, rows[0][1] if rows else None)


def fingerprint(snapshot: Any) -> bytes:
    """A short digest of a record's state, so a whole log's states fit in memory at once."""
    return hashlib.sha256(canonical(snapshot).encode("utf-8")).digest()


def compared(snapshot: dict[str, Any], added_later: frozenset[str]) -> dict[str, Any]:
    """A state as `check` compares it: columns added after its table was first audited are
    left out while they hold their empty default (older entries never had them)."""
    return {k: v for k, v in snapshot.items()
            if not (k in added_later and v in (None, "", 0, False))}


def latest_snapshots(session: Session, entity: str,
                     added_later: frozenset[str] = frozenset()) -> dict[str, bytes | None]:
    """The fingerprint of the last audited state of every record of one kind, by record id;
    None for a record whose last entry removed it."""
    latest: dict[str, bytes | None] = {}
    rows = session.execute(
        select(AuditEntry.entity_id, AuditEntry.action, AuditEntry.payload)
        .where(AuditEntry.entity == entity).order_by(AuditEntry.id)
    )
    for entity_id, action, payload in rows:
        state = json.loads(payload)
        latest[entity_id] = None if action == REMOVED or not isinstance(state, dict) \
            else fingerprint(compared(state, added_later))
    return latest
