"""处置要点 on an incident: its checklist, each step ticked with who and when.

A tick is a record of its own in the audit chain (who ticked which step at what time); an
untick removes it, keeping the tick as the last link of its history.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db.models import Incident, PlaybookTick
from dutyroom.domain import playbooks
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import sentence
from dutyroom.services.errors import InputError
from dutyroom.services.incident_records import CHANGED, load_incident
from dutyroom.services.records import audit_change, audit_removal, utc_now
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

ENTITY = "playbook_tick"


@dataclass(frozen=True)
class StepView:
    text: str
    ticked_at: datetime | None
    ticked_by: str

    @property
    def done(self) -> bool:
        return self.ticked_at is not None


def _ticks(session: Session, incident_ids: Iterable[int],
           as_of: datetime | None = None) -> dict[int, dict[str, PlaybookTick]]:
    ids = list(incident_ids)
    found: dict[int, dict[str, PlaybookTick]] = {i: {} for i in ids}
    if not ids:
        return found
    query = select(PlaybookTick).where(PlaybookTick.incident_id.in_(ids))
    if as_of is not None:
        query = query.where(PlaybookTick.ticked_at <= as_of)
    for tick in session.scalars(query):
        found[tick.incident_id][tick.step] = tick
    return found


def _steps(row: Incident, ticks: dict[str, PlaybookTick]) -> list[StepView]:
    steps = playbooks.steps_for(row.subtype)
    # a step ticked under an older list stays shown: the record says it was done
    extra = tuple(step for step in ticks if step not in steps)
    return [StepView(step, ticks[step].ticked_at if step in ticks else None,
                     ticks[step].ticked_by if step in ticks else "")
            for step in (*steps, *extra)]


def checklist(uow: UnitOfWork, incident_id: int) -> list[StepView]:
    with uow.read() as session:
        row = load_incident(session, incident_id, None)
        return _steps(row, _ticks(session, [row.id])[row.id])


def set_step(uow: UnitOfWork, incident_id: int, step: str, done: bool,
             now: datetime | None = None) -> Outcome[list[StepView]]:
    """Tick (or untick) one step of an incident's 处置要点, as the person logged in."""
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        row = load_incident(session, incident_id, None)
        if row.voided:
            raise InputError.simple(sentence("事件「{0}」已作废，不能再修改或报送", row.title), "id")
        ticks = _ticks(session, [row.id])[row.id]
        if step not in playbooks.steps_for(row.subtype) and step not in ticks:
            raise InputError.simple(sentence("「{0}」不是这起事件的处置要点", step), "step")
        changed = False
        if done and step not in ticks:
            tick = PlaybookTick(incident_id=row.id, step=step, ticked_at=moment,
                                ticked_by=uow.actor)
            session.add(tick)
            audit_change(session, tick, uow.actor, ENTITY, "create", moment)
            changed = True
        elif not done and step in ticks:
            audit_removal(session, ticks[step], uow.actor, ENTITY, moment)
            changed = True
        return Outcome(_steps(row, _ticks(session, [row.id])[row.id]),
                       CHANGED if changed else Changes())


def unticked_in(session: Session, rows: Iterable[Incident],
                as_of: datetime) -> dict[int, tuple[str, ...]]:
    """Each incident's steps not yet ticked at `as_of` (for the handover record)."""
    chosen = list(rows)
    ticks = _ticks(session, [r.id for r in chosen], as_of)
    return {r.id: playbooks.unticked(playbooks.steps_for(r.subtype), ticks[r.id])
            for r in chosen}
