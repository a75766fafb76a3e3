"""处置要点: the desk's lists per subtype, and on an incident its checklist, each step
ticked with who and when.

A tick is a record of its own in the audit chain (who ticked which step at what time); an
untick removes it, keeping the tick as the last link of its history. A desk edits its own
list per subtype (audited); ticks are kept by the step's text, so an edited list never
rewrites what past incidents recorded: a ticked step no longer on the list stays shown.
The lists and the ticks are read in playbook_records.py.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from dutyroom.db.models import Incident, Playbook, PlaybookTick
from dutyroom.domain import playbooks
from dutyroom.domain.errors import FieldError
from dutyroom.domain.incidents import CATEGORY_LABELS, SUBTYPES
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import sentence
from dutyroom.services.errors import ConflictError, InputError, Problem
from dutyroom.services.incident_records import CHANGED, load_incident
from dutyroom.services.playbook_records import own_lists, ticks_in
from dutyroom.services.records import audit_change, audit_removal, utc_now
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

ENTITY = "playbook_tick"
LIST_ENTITY = "playbook"
LISTS_CHANGED = Changes(incidents=True, departments=True)  # the checklists and the 职责分工 tab


@dataclass(frozen=True)
class PlaybookList:
    """One subtype's list as the desk keeps it, and the shipped one to go back to."""

    category: str  # the category's label, to group the subtypes as the intake form does
    subtype: str
    steps: tuple[str, ...]
    shipped: tuple[str, ...]

    @property
    def edited(self) -> bool:
        return self.steps != self.shipped


@dataclass(frozen=True)
class StepView:
    text: str
    ticked_at: datetime | None
    ticked_by: str

    @property
    def done(self) -> bool:
        return self.ticked_at is not None


def _steps(row: Incident, ticks: dict[str, PlaybookTick],
           own: dict[str, tuple[str, ...]]) -> list[StepView]:
    steps = playbooks.steps_for(row.subtype, own)
    # a step ticked under an older list stays shown: the record says it was done
    extra = tuple(step for step in ticks if step not in steps)
    return [StepView(step, ticks[step].ticked_at if step in ticks else None,
                     ticks[step].ticked_by if step in ticks else "")
            for step in (*steps, *extra)]


def checklist(uow: UnitOfWork, incident_id: int) -> list[StepView]:
    with uow.read() as session:
        row = load_incident(session, incident_id, None)
        return _steps(row, ticks_in(session, [row.id])[row.id], own_lists(session))


def set_step(uow: UnitOfWork, incident_id: int, step: str, done: bool,
             now: datetime | None = None) -> Outcome[list[StepView]]:
    """Tick (or untick) one step of an incident's 处置要点, as the person logged in."""
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        row = load_incident(session, incident_id, None)
        if row.voided:
            raise InputError.simple(sentence("事件「{0}」已作废，不能再修改或报送", row.title), "id")
        ticks = ticks_in(session, [row.id])[row.id]
        own = own_lists(session)
        if step not in playbooks.steps_for(row.subtype, own) and step not in ticks:
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
        return Outcome(_steps(row, ticks_in(session, [row.id])[row.id], own),
                       CHANGED if changed else Changes())


def _list(subtype: str, category: str, own: dict[str, tuple[str, ...]]) -> PlaybookList:
    return PlaybookList(category, subtype, playbooks.steps_for(subtype, own),
                        playbooks.steps_for(subtype))


def playbook_lists(uow: UnitOfWork) -> list[PlaybookList]:
    """Every subtype's list, grouped by category in the intake form's order."""
    with uow.read() as session:
        own = own_lists(session)
    return [_list(subtype, CATEGORY_LABELS[category], own)
            for category, subtypes in SUBTYPES.items() for subtype in subtypes]


def _category(subtype: str) -> str:
    for category, group in SUBTYPES.items():
        if subtype in group:
            return CATEGORY_LABELS[category]
    raise InputError.simple(sentence("「{0}」不是已知的事件子类", subtype), "subtype")


def save_playbooks(uow: UnitOfWork, lists: Mapping[str, Sequence[object]],
                   now: datetime | None = None,
                   read: Mapping[str, Sequence[str]] | None = None) -> Outcome[list[PlaybookList]]:
    """Keep each of `lists` (subtype → steps in order) as the desk's list for its subtype
    (the shipped list again to go back to it), all or none. Each list changed is audited;
    ticks already recorded on incidents are not touched.

    `read`: each subtype's list as the editor showed it. If another seat has changed one
    since, nothing is saved (ConflictError naming it): saving over it would silently undo
    that seat's edit."""
    moment = utc_now(now)
    clean: dict[str, tuple[str, ...]] = {}
    problems: list[Problem] = []
    for subtype, steps in lists.items():
        _category(subtype)
        try:
            clean[subtype] = playbooks.clean_steps(steps)
        except FieldError as error:
            problems.append(Problem(sentence("「{0}」：{1}", subtype, error.message), field=subtype))
    if problems:
        raise InputError(problems)
    with uow.write(Permission.LOG) as session:
        own = own_lists(session)
        moved = [subtype for subtype in clean if read is not None and subtype in read
                 and playbooks.steps_for(subtype, own) != tuple(read[subtype])]
        if moved:
            raise ConflictError(sentence(
                "另一台电脑刚刚修改了「{0}」的处置要点，您的修改未保存。请关闭后重新打开再改。",
                "、".join(moved)))
        changed = False
        for subtype, steps in clean.items():
            if playbooks.steps_for(subtype, own) == steps:
                continue
            row = session.get(Playbook, subtype)
            if row is None:
                row = Playbook(subtype=subtype)
                session.add(row)
            row.steps = json.dumps(list(steps), ensure_ascii=False)
            row.updated_at, row.updated_by = moment, uow.actor
            session.flush()
            audit_change(session, row, uow.actor, LIST_ENTITY, "update", moment)
            changed = True
        own = own_lists(session)
        return Outcome([_list(subtype, _category(subtype), own) for subtype in clean],
                       LISTS_CHANGED if changed else Changes())
