"""处置要点 ticks in a field package: what goes out with the laptop and what comes back.

Out go the desk's ticks on the incidents the package carries, so the laptop's checklist
shows what the desk has already done. Back come the ticks made on the laptop, each with the
laptop's who and when, audited at the desk as its own ticks are, once. A tick has no UUID:
it is named by its incident's UUID and its step's text (one tick per step, as at the desk).

- A tick that left the desk and comes back as it left adds nothing (so a step the desk
  unticked meanwhile stays unticked); unticking on the laptop is not carried back.
- A step both sides ticked keeps the earlier tick (domain/playbooks.field_tick_first): not a
  conflict, both say the step is done.
- A tick that left the desk (it is in the export's ledger) comes back only as it left (adds
  nothing) or, when the desk has unticked the step meanwhile, as the laptop's re-tick. While
  the desk still has its own tick for the step, a changed laptop version of that tick is
  "same" and changes nothing: the laptop could only have unticked and re-ticked it after the
  export, so the desk's is earlier (an earlier time or another who was written into the
  file).
- A step no longer on the desk's list for the incident's subtype is taken all the same and
  shown at the end of the checklist, as a step ticked under an older list is (the record
  says it was done); the merge result names it.
- A tick on an incident voided at the desk is not taken (the desk takes no tick on a voided
  incident): a conflict line, the laptop's tick kept as a revision in the audit chain.
- A tick by an account made on the laptop (not one the package carried: a package that
  carried none is set up with a new administrator on its first run) is not taken either,
  a conflict line, so the rest of an honest laptop's work still merges.
- A tick its app could not have recorded (on an incident neither side has, stamped outside
  the laptop's time, before the incident was received, by someone who has no account on
  the laptop, or on a step no list offered) refuses the whole package. Its 勾选人 must be
  exactly the label the app writes for one of the laptop's accounts (姓名(登录名), under a
  name the account has or had on the laptop): a made-up name before a real login name is
  not one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db.models import AuditEntry, FieldExport, Incident, PlaybookTick, User
from dutyroom.domain import playbooks
from dutyroom.domain.contacts import clean_text
from dutyroom.domain.errors import FieldError
from dutyroom.domain.hygiene import searchable
from dutyroom.domain.local_time import minute_text
from dutyroom.domain.text import Verbatim, sentence
from dutyroom.services import field_rules, incident_records, playbook_service, user_service
from dutyroom.services.playbook_records import own_lists
from dutyroom.services.records import audit_change
from dutyroom.services.settings_service import Desk

ENTITY = playbook_service.ENTITY


def carried(incidents: Any) -> Any:
    """The desk's ticks a package takes out: those of the incidents it carries (`incidents`,
    a select of their ids)."""
    return PlaybookTick.incident_id.in_(incidents)


def key(state: dict[str, Any]) -> str:
    """A tick's name in any database: its incident's UUID and its step (36 characters, as a
    UUID is, for the ledger)."""
    named = f"{state.get('incident_id')}\n{state.get('step')}"
    return "tk-" + hashlib.sha256(named.encode("utf-8")).hexdigest()[:33]


def describe(row: PlaybookTick) -> str:
    laptop = Session.object_session(row)
    incident = laptop.get(Incident, row.incident_id) if laptop is not None else None
    title = searchable(str(incident.title))[:60] if incident is not None else ""
    return sentence("事件「{0}」的处置要点「{1}」", Verbatim(title),
                    Verbatim(searchable(str(row.step))[:playbooks.MAX_STEP_LENGTH]))


# --- what comes back -------------------------------------------------------------------------


def take(desk: Session, d: Desk, row: PlaybookTick, state: dict[str, Any], fingerprint: str,
         exported: str | None, package: str, exported_at: datetime, actor: str, moment: datetime,
         remarks: list[str]) -> tuple[str, str]:
    """Merge one of the laptop's ticks: ("added" | "updated" | "same" | "conflict", the
    conflict's reason). Raises field_rules.Refused for what the app could not have written."""
    if fingerprint == exported:
        return "same", ""  # as it left the desk: never re-ticks what the desk unticked since
    reference = state.get("incident_id")
    incident = None if reference is None else desk.scalar(
        select(Incident).where(Incident.uuid == reference))
    if incident is None:
        raise field_rules.Refused(sentence("勾选所属的事件不在外勤包中，外勤包可能被改动过"))
    if not isinstance(row.ticked_at, datetime) or not isinstance(row.step, str):
        raise field_rules.Refused(sentence("勾选记录无法读取，外勤包可能被改动过"))
    field_rules.written_in_the_field(PlaybookTick, {"ticked_at": row.ticked_at}, exported_at,
                                     moment, d.zone)
    labels = _laptop_labels(row)
    try:
        playbooks.check_field_tick(row.step, _offered(desk, row, incident), str(row.ticked_by),
                                   labels, row.ticked_at, incident.received_at, d.zone)
        by = clean_text(row.ticked_by, "ticked_by", "勾选人", max_length=64, required=True)
    except FieldError as error:
        raise field_rules.Refused(error.message) from None
    if labels[str(row.ticked_by)].lower() not in {a.lower() for a in _accounts(desk, package)}:
        return _keep_apart(desk, state, actor, moment, sentence(
            "勾选人「{0}」是在外勤笔记本上新建的账户，不是外勤包带出的账户，这次勾选未并入，已另存为修订",
            Verbatim(by)))
    if incident.voided:
        return _keep_apart(desk, state, actor, moment, sentence(
            "事件已在值班台作废，外勤 {0} 的勾选未并入，已另存为修订",
            minute_text(row.ticked_at, d.zone)))
    current = desk.scalar(select(PlaybookTick).where(PlaybookTick.incident_id == incident.id,
                                                     PlaybookTick.step == row.step))
    if current is not None:
        if not playbooks.field_tick_first(current.ticked_at, row.ticked_at,
                                          left_the_desk=exported is not None):
            return "same", ""
        current.ticked_at, current.ticked_by = row.ticked_at, by
        audit_change(desk, current, actor, ENTITY, "field_update", moment)
        return "updated", ""
    tick = PlaybookTick(incident_id=incident.id, step=row.step, ticked_at=row.ticked_at,
                        ticked_by=by)
    desk.add(tick)
    audit_change(desk, tick, actor, ENTITY, "field_add", moment)
    if row.step not in playbooks.steps_for(incident.subtype, own_lists(desk)):
        remarks.append(sentence(
            "事件「{0}」：外勤勾选的「{1}」已不在值班台现行的处置要点清单中，勾选照录（显示在清单末尾）",
            Verbatim(searchable(incident.title)[:60]), Verbatim(row.step)))
    return "added", ""


def _keep_apart(desk: Session, state: dict[str, Any], actor: str, moment: datetime,
                reason: str) -> tuple[str, str]:
    """Not taken: the laptop's tick kept as a revision in the audit chain, a conflict line."""
    field_rules.keep_apart(desk, ENTITY, state, key(state), actor, moment)
    return "conflict", reason


def _laptop_labels(row: PlaybookTick) -> dict[str, str]:
    """How the laptop's app could have named who ticked, to the login name: each of its
    accounts (the carried ones, and any made on the laptop: a package that carried none is
    opened by an administrator its first-run set up) under its name now and under each name
    its audit chain says it had (renamed on the laptop)."""
    laptop = Session.object_session(row)
    assert laptop is not None
    cached = laptop.info.get("field_tick_labels")
    if cached is None:
        named = [(str(display), str(login)) for login, display in
                 laptop.execute(select(User.username, User.display_name))]
        named += [(state["display_name"], state["username"])
                  for state in _payloads(laptop, user_service.ENTITY)
                  if isinstance(state.get("display_name"), str) and isinstance(state.get("username"), str)]
        cached = laptop.info["field_tick_labels"] = playbooks.account_labels(named)
    return dict(cached)


def _accounts(desk: Session, package: str) -> list[str]:
    """The login names the package carried, as the desk recorded them when it left."""
    raw = desk.scalar(select(FieldExport.users).where(FieldExport.uuid == package))
    try:
        users = json.loads(raw or "[]")
    except (ValueError, RecursionError):
        return []
    return [u for u in users if isinstance(u, str)] if isinstance(users, list) else []


def _payloads(laptop: Session, entity: str, entity_id: str | None = None) -> Iterable[dict[str, Any]]:
    query = select(AuditEntry.payload).where(AuditEntry.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    for (payload,) in laptop.execute(query):
        try:
            state = json.loads(payload)
        except (ValueError, RecursionError):
            continue
        if isinstance(state, dict):
            yield state


def _laptop_lists(laptop: Session) -> list[tuple[str, tuple[str, ...]]]:
    """Every (subtype, steps) list the laptop has had: as the package took it out and after
    each edit on the laptop, read from its audit chain once per merge."""
    cached = laptop.info.get("field_tick_lists")
    if cached is None:
        cached = []
        for state in _payloads(laptop, playbook_service.LIST_ENTITY):
            try:
                cached.append((str(state.get("subtype")),
                               playbooks.clean_steps(json.loads(str(state.get("steps"))))))
            except (ValueError, RecursionError, FieldError):
                continue
        laptop.info["field_tick_lists"] = cached
    return list(cached)


def _offered(desk: Session, row: PlaybookTick, incident: Incident) -> set[str]:
    """The steps a checklist could have offered for the incident: of its subtype as the desk
    has it and as the laptop had it at any time, on the shipped list, the desk's list or any
    list the laptop had."""
    laptop = Session.object_session(row)
    assert laptop is not None
    subtypes = {incident.subtype}
    mine = laptop.get(Incident, row.incident_id)
    if mine is not None:
        subtypes.add(str(mine.subtype))
        subtypes |= {str(s.get("subtype")) for s in _payloads(
            laptop, incident_records.ENTITY, str(mine.id))}
    own = own_lists(desk)
    offered: set[str] = set()
    for subtype in subtypes:
        offered |= {*playbooks.steps_for(subtype), *playbooks.steps_for(subtype, own)}
    for subtype, steps in _laptop_lists(laptop):
        if subtype.strip() in {s.strip() for s in subtypes}:
            offered |= set(steps)
    return offered
