"""What the 处置要点 use cases read: the desk's own lists and the steps ticked on incidents.

The checklist of an incident, the desk's list editor, the handover record and the laptop's
field ticks all read the same: the list the desk keeps for a subtype (else the shipped one)
and the ticks recorded by a moment. They live here once, as session-level readers taking
an open session, so no use-case module borrows another's helpers. Ticking and editing the
lists is playbook_service.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db.models import Incident, Playbook, PlaybookTick
from dutyroom.domain import playbooks
from dutyroom.domain.errors import FieldError


def ticks_in(session: Session, incident_ids: Iterable[int],
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


def own_lists(session: Session) -> dict[str, tuple[str, ...]]:
    """The lists the desk keeps, by subtype (a subtype not here keeps the shipped list)."""
    found: dict[str, tuple[str, ...]] = {}
    for row in session.scalars(select(Playbook)):
        try:
            found[row.subtype] = playbooks.clean_steps(json.loads(row.steps))
        except (ValueError, RecursionError, FieldError):
            continue  # a row edited behind the app: `check` names it; the shipped list serves
    return found


def unticked_in(session: Session, rows: Iterable[Incident],
                as_of: datetime) -> dict[int, tuple[str, ...]]:
    """Each incident's steps not yet ticked at `as_of` (for the handover record)."""
    chosen = list(rows)
    ticks = ticks_in(session, [r.id for r in chosen], as_of)
    own = own_lists(session)
    return {r.id: playbooks.unticked(playbooks.steps_for(r.subtype, own), ticks[r.id])
            for r in chosen}
