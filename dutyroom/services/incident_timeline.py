"""处理经过: an incident's steps in the order they were recorded, worded for a person.

The steps are read from the audit chain itself (the incident's revisions, its reports,
dispatches and feedback, the 处置要点 ticked), so the timeline cannot disagree with what
`dutyroom check` proves.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from dutyroom.db.models import (
    AuditEntry,
    Dispatch,
    DispatchFeedback,
    Incident,
    PlaybookTick,
    UpwardReport,
)
from dutyroom.domain import deadlines as rules_module
from dutyroom.domain.deadlines import Channel, Stage
from dutyroom.domain.incident_rules import FEEDBACK_LABELS
from dutyroom.domain.incidents import STATUS_LABELS, Status
from dutyroom.domain.local_time import minute_text
from dutyroom.domain.report_times import LATE_ENTRY, received_change_text
from dutyroom.domain.text import Verbatim, joined, label_of, sentence
from dutyroom.services.conflicts import changed_fields, shown_value
from dutyroom.services.incident_records import ENTITY, late_entry_note
from dutyroom.services.settings_service import Desk


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    by: str
    what: str
    detail: str


def _said_apart(stated: datetime, recorded: datetime, zone: tzinfo) -> bool:
    """The time the officer gave for a step is not the minute it was recorded (a report
    phoned at 10:05 and entered at 10:12): the step then says both."""
    return minute_text(stated, zone) != minute_text(recorded, zone)


def _incident_step(entry: AuditEntry, previous: dict[str, Any] | None, state: dict[str, Any],
                   zone: tzinfo) -> tuple[str, str]:
    """One change to the incident itself, said as a person would say it."""
    note = state.get("change_note") or ""
    if previous is None:
        detail = sentence("{0}「{1}」", shown_value("level", state.get("level"), zone),
                          Verbatim(state.get("title") or ""))
        if state.get("received_via"):
            detail = sentence("{0}，{1}", detail, Verbatim(state["received_via"]))
        received = datetime.fromisoformat(state["received_at"])
        if _said_apart(received, entry.at, zone):
            detail = sentence("{0}（接报时间 {1}）", detail, minute_text(received, zone))
        if note:
            detail = sentence("{0}。说明：{1}", detail, Verbatim(note))
        return sentence("接报登记"), detail
    if entry.action == "status":
        status, before = Status(state["status"]), previous.get("status")
        if status == Status.CLOSED:
            what = sentence("办结")
        elif before == Status.CLOSED:
            what = sentence("重新打开")
        else:
            what = sentence("状态改为{0}", STATUS_LABELS[status])
        return what, sentence("说明：{0}", Verbatim(note)) if note else ""
    if entry.action == "void":
        return sentence("作废"), sentence("原因：{0}", Verbatim(state.get("void_reason") or note))
    changes = changed_fields(previous, state, zone)
    detail = joined(changes, "；") if changes else sentence("内容未变")
    if note:
        detail = sentence("{0}。说明：{1}", detail, Verbatim(note))
    return sentence("修改"), detail


def timeline(session: Session, d: Desk, row: Incident, reports: Sequence[UpwardReport],
              dispatches: Sequence[tuple[Dispatch, str]],
              feedback: Mapping[int, Sequence[DispatchFeedback]]) -> list[TimelineEntry]:
    """处理经过: every step in the order it was recorded (the audit chain's instants), worded
    for a person; the time a step was said to happen is added where it differs, and a report
    entered long after it was sent (补录) says so with its reason."""
    zone = d.zone
    ids: dict[str, dict[str, Any]] = {
        ENTITY: {str(row.id): row},
        "upward_report": {str(r.id): r for r in reports},
        "dispatch": {str(order.id): (order, name) for order, name in dispatches},
        "dispatch_feedback": {str(answer.id): (answer, name) for order, name in dispatches
                              for answer in feedback[order.id]},
        "playbook_tick": {str(tick.id): tick for tick in session.scalars(
            select(PlaybookTick).where(PlaybookTick.incident_id == row.id))},
    }
    first_report = min((r.recorded_at for r in reports), default=None)
    audited = session.scalars(select(AuditEntry).where(or_(*(
        and_(AuditEntry.entity == entity, AuditEntry.entity_id.in_(list(records)))
        for entity, records in ids.items() if records))).order_by(AuditEntry.id))
    entries: list[tuple[datetime, int, TimelineEntry]] = []
    previous: dict[str, Any] | None = None
    for entry in audited:
        record = ids[entry.entity][entry.entity_id]
        if entry.entity == ENTITY:
            state = json.loads(entry.payload)
            what, detail = _incident_step(entry, previous, state, zone)
            moved = previous is not None and previous.get("received_at") != state.get("received_at")
            if previous is not None and moved and entry.action == "update" and first_report is not None \
                    and first_report <= entry.at:
                what = sentence("修改（接报时间在报送后更正）")
                detail = sentence("{0}；{1}", received_change_text(
                    datetime.fromisoformat(previous["received_at"]),
                    datetime.fromisoformat(state["received_at"]), zone), detail)
            previous = state
        elif entry.action != "create":
            continue  # a dispatch's own updates are its feedback, told below
        elif entry.entity == "upward_report":
            channel = rules_module.CHANNEL_LABELS[Channel(record.channel)]
            stage = rules_module.STAGE_LABELS[Stage(record.stage)]
            what = (sentence("{0}{1}（迟报）", channel, stage) if record.late
                    else sentence("{0}{1}", channel, stage))
            detail = (sentence("报送{0}", Verbatim(record.recipient)) if record.recipient
                      else sentence("报送上级"))
            note = late_entry_note(record, d)
            if note:
                what = sentence("{0}（{1}）", what, LATE_ENTRY)
                detail = sentence("{0}；{1}", detail, note)
            elif _said_apart(record.sent_at, entry.at, zone):
                detail = sentence("{0}（报送时间 {1}）", detail, minute_text(record.sent_at, zone))
        elif entry.entity == "playbook_tick":
            what, detail = sentence("处置要点完成"), Verbatim(record.step)
        elif entry.entity == "dispatch":
            order, name = record
            detail = sentence("{0}（{1} {2}），{3} 分钟内到达", Verbatim(name),
                              Verbatim(order.contact_name), Verbatim(order.contact_phone),
                              order.arrival_minutes)
            if order.instruction:
                detail = sentence("{0}。要求：{1}", detail, Verbatim(order.instruction))
            if _said_apart(order.ordered_at, entry.at, zone):
                detail = sentence("{0}（派单时间 {1}）", detail, minute_text(order.ordered_at, zone))
            what = sentence("派单")
        else:
            answer, name = record
            what = sentence("{0}反馈：{1}", Verbatim(name), label_of(FEEDBACK_LABELS, answer.kind))
            detail = Verbatim(answer.text)
            if _said_apart(answer.at, entry.at, zone):
                detail = sentence("{0}（反馈时间 {1}）", detail, minute_text(answer.at, zone))
        entries.append((entry.at, entry.id, TimelineEntry(entry.at, entry.actor, what, detail)))
    return [step for _, _, step in sorted(entries, key=lambda e: (e[0], e[1]))]
