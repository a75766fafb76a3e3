"""The calls and documents register (来电来文登记): the ordinary traffic of a shift.

Entries follow the same rules as incidents: revisions and voids are links of the audit
chain, never overwrites. A call that turns out to be an emergency is promoted to an
incident; the entry stays, linked to it, so the record shows how the desk first heard.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db import log_search, search_index
from dutyroom.db.models import RegisterEntry
from dutyroom.domain.contacts import clean_text
from dutyroom.domain.errors import FieldError
from dutyroom.domain.incident_rules import REGISTER_LABELS, RegisterKind, parse_register_kind
from dutyroom.domain.incidents import FUTURE_TOLERANCE, IncidentFacts
from dutyroom.domain.local_time import parse_local_time
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import Verbatim, label_of, sentence
from dutyroom.services import incident_records, incident_service, settings_service
from dutyroom.services.conflicts import stale_edit
from dutyroom.services.errors import InputError, Problem
from dutyroom.services.records import audit_change, utc_now
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

ENTITY = "register_entry"
# A call, a fax, a document or a visit, by the value stored in a row, with their labels.
URGENCIES = ("", "特急", "加急", "平急", "平件")
TEXTS: Mapping[str, tuple[str, int]] = {
    "from_unit": ("来电（文）单位", 64), "from_name": ("姓名", 32), "from_post": ("职务", 64),
    "from_phone": ("电话", 32), "doc_number": ("文号", 64), "title": ("标题", 200),
    "content": ("内容", 20_000), "leader_instruction": ("领导批示", 5_000),
    "passed_to": ("批转", 2_000), "handling": ("处理情况", 5_000),
    "informed": ("已告知领导和单位", 2_000),
}
FIELDS = frozenset({"kind", "received_at", "urgency", *TEXTS})
CHANGED = Changes(register=True)


@dataclass(frozen=True)
class EntryView:
    id: int
    version: int
    kind: str
    received_at: datetime
    from_unit: str
    from_name: str
    from_post: str
    from_phone: str
    doc_number: str
    title: str
    content: str
    urgency: str
    leader_instruction: str
    passed_to: str
    handling: str
    informed: str
    recorded_by: str
    recorded_at: datetime
    incident_id: int | None
    voided: bool
    void_reason: str

    @property
    def kind_label(self) -> str:
        return label_of(REGISTER_LABELS, self.kind)

    def as_values(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in FIELDS}


@dataclass(frozen=True)
class EntryPage:
    rows: list[EntryView]
    more: bool


@dataclass(frozen=True)
class RegisterQuery:
    start: date | None = None
    end: date | None = None
    kind: str | None = None
    text: str = ""
    include_voided: bool = False


def _view(row: RegisterEntry) -> EntryView:
    return EntryView(
        row.id, row.version, row.kind, row.received_at, row.from_unit, row.from_name,
        row.from_post, row.from_phone, row.doc_number, row.title, row.content, row.urgency,
        row.leader_instruction, row.passed_to, row.handling, row.informed, row.recorded_by,
        row.recorded_at, row.incident_id, row.voided, row.void_reason)


def validate(values: Mapping[str, Any], session: Session, now: datetime) -> dict[str, Any]:
    zone = settings_service.desk(session).zone
    problems: list[Problem] = [Problem(sentence("未知字段「{0}」", k), field=k)
                               for k in sorted(set(values) - FIELDS)]
    clean: dict[str, Any] = {}
    kind = str(values.get("kind") or RegisterKind.CALL)
    try:
        kind = parse_register_kind(kind).value
    except FieldError as error:
        problems.append(Problem(error.message, field=error.field))
    clean["kind"] = kind
    urgency = str(values.get("urgency") or "")
    if urgency not in URGENCIES:
        problems.append(Problem(sentence("紧急程度应为 {0} 或留空", '、'.join(u for u in URGENCIES if u)),
                                field="urgency"))
    clean["urgency"] = urgency
    for key, (label, length) in TEXTS.items():
        try:
            clean[key] = clean_text(values.get(key), key, label, max_length=length)
        except FieldError as error:
            problems.append(Problem(error.message, field=error.field))
    if not clean.get("title") and not clean.get("content"):
        problems.append(Problem(sentence("标题和内容至少填写一项"), field="title"))
    try:
        received = parse_local_time(values.get("received_at"), zone, "received_at", "时间")
        if received is None:
            problems.append(Problem(sentence("请填写来电（来文）时间"), field="received_at"))
        elif received > now + FUTURE_TOLERANCE:
            problems.append(Problem(sentence("时间比现在晚 5 分钟以上，请检查日期和时间"),
                                    field="received_at"))
        clean["received_at"] = received
    except FieldError as error:
        problems.append(Problem(error.message, field=error.field))
    if problems:
        raise InputError(problems)
    return clean


def add_entry(uow: UnitOfWork, values: Mapping[str, Any],
              now: datetime | None = None) -> Outcome[EntryView]:
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        clean = validate(values, session, moment)
        row = RegisterEntry(**clean, recorded_by=uow.actor, recorded_at=moment,
                            updated_by=uow.actor, updated_at=moment)
        session.add(row)
        session.flush()
        search_index.put(session, search_index.REGISTER, row.id,
                         search_index.body(row, search_index.REGISTER))
        audit_change(session, row, uow.actor, ENTITY, "create", moment)
        return Outcome(_view(row), CHANGED)


def _load(session: Session, entry_id: int, version: int | None) -> RegisterEntry:
    row = session.get(RegisterEntry, entry_id)
    if row is None:
        raise InputError.simple(sentence("没有编号为 {0} 的来电来文登记", entry_id), "id")
    if version is not None and row.version != version:
        what = sentence("{0}「{1}」", label_of(REGISTER_LABELS, row.kind),
                        Verbatim(row.title or row.from_unit))
        raise stale_edit(session, row, ENTITY, what)
    if row.voided:
        raise InputError.simple(sentence("该登记已作废，不能再修改"), "id")
    return row


def update_entry(uow: UnitOfWork, entry_id: int, version: int | None,
                 values: Mapping[str, Any], note: str = "",
                 now: datetime | None = None) -> Outcome[EntryView]:
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        row = _load(session, entry_id, version)
        current = {key: getattr(row, key) for key in FIELDS}
        clean = validate({**current, **values}, session, moment)
        if clean == current:
            return Outcome(_view(row), Changes())
        old_text = search_index.body(row, search_index.REGISTER)
        for key, value in clean.items():
            setattr(row, key, value)
        row.change_note = note.strip()
        row.updated_at, row.updated_by = moment, uow.actor
        new_text = search_index.body(row, search_index.REGISTER)
        if new_text != old_text:
            search_index.put(session, search_index.REGISTER, row.id, new_text, old_text)
        audit_change(session, row, uow.actor, ENTITY, "update", moment)
        return Outcome(_view(row), CHANGED)


def void_entry(uow: UnitOfWork, entry_id: int, version: int | None, reason: str,
               now: datetime | None = None) -> Outcome[EntryView]:
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        row = _load(session, entry_id, version)
        if not reason.strip():
            raise InputError.simple(sentence("作废须说明原因"), "reason")
        row.voided, row.void_reason, row.change_note = True, reason.strip(), reason.strip()
        row.updated_at, row.updated_by = moment, uow.actor
        audit_change(session, row, uow.actor, ENTITY, "void", moment)
        return Outcome(_view(row), CHANGED)


def promote(uow: UnitOfWork, entry_id: int, values: Mapping[str, Any],
            now: datetime | None = None) -> Outcome[incident_service.Saved]:
    """Turn a call into an incident: the call's facts carry over, the entry links to it.

    `values` adds what the register does not know (category, level, …) and may override.
    """
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        row = _load(session, entry_id, None)
        if row.incident_id is not None:
            raise InputError.simple(sentence("该登记已转为事件 #{0}", row.incident_id), "id")
        d = settings_service.desk(session)
        carried = {
            "received_at": row.received_at, "title": row.title or row.content[:40],
            "reporter": row.from_name, "reporter_unit": row.from_unit,
            "reporter_post": row.from_post, "reporter_phone": row.from_phone,
            "summary": row.content, "informed": row.informed,
            "received_via": {"call": "电话", "fax": "传真", "visit": "来访"}.get(row.kind, ""),
        }
        facts: IncidentFacts = incident_service.validate({**carried, **values}, d.zone, moment)
        incident = incident_service.create_incident(
            session, facts, uow.actor, moment, note=f"由来电来文登记 #{row.id} 转为事件")
        row.incident_id = incident.id
        row.change_note = f"转为事件 #{incident.id}"
        row.updated_at, row.updated_by = moment, uow.actor
        audit_change(session, row, uow.actor, ENTITY, "promote", moment)
        deadlines = incident_records.all_deadlines(session, incident, d)
        return Outcome(incident_service.Saved(
            incident.id, incident.version,
            tuple(incident_records.DeadlineView.of(x, incident.id, incident.title)
                  for x in deadlines)), Changes(incidents=True, register=True))


def list_entries(uow: UnitOfWork, query: RegisterQuery,
                 after: tuple[datetime, int] | None = None, limit: int = 50) -> EntryPage:
    with uow.read() as session:
        zone = settings_service.desk(session).zone
        statement = select(RegisterEntry)
        if query.kind:
            statement = statement.where(RegisterEntry.kind == query.kind)
        rows, more = log_search.newest_first(
            session, search_index.REGISTER, RegisterEntry, statement, (query.start, query.end),
            zone, query.text, query.include_voided, after, limit)
        return EntryPage([_view(r) for r in rows], more)


def get_entry(uow: UnitOfWork, entry_id: int) -> EntryView:
    with uow.read() as session:
        row = session.get(RegisterEntry, entry_id)
        if row is None:
            raise InputError.simple(sentence("没有编号为 {0} 的来电来文登记", entry_id), "id")
        return _view(row)
