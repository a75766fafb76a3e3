"""What a field laptop may bring back: every entry as the desk's own services would accept it.

A package comes back as a file that anyone could have edited with an SQLite editor, so its
rows are input, not records. Each entry the laptop added or changed passes the same rules
as a person typing it (domain validation, the time and text rules); the facts the desk
derives (whether a report was late and against which deadline, a dispatch's arrival limit)
are computed here again and never copied; and a laptop may change only what its user could
change through the app: never the creation facts of an entry (who made it, when, its
UUID), never a report or feedback once made, never a desk entry's received time.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db import audit
from dutyroom.db.models import (
    Attachment,
    Base,
    Department,
    Dispatch,
    DispatchFeedback,
    Incident,
    PlaybookTick,
    RegisterEntry,
    UpwardReport,
    Warning,
    WarningAttempt,
)
from dutyroom.domain import deadlines as rules_module
from dutyroom.domain.contacts import clean_text
from dutyroom.domain.deadlines import Channel, Stage
from dutyroom.domain.errors import FieldError
from dutyroom.domain.incident_rules import FEEDBACK_LABELS, ORDERED, FeedbackKind
from dutyroom.domain.incidents import (
    FIELD_NAMES,
    FUTURE_TOLERANCE,
    Category,
    Level,
    Status,
    level_history,
    parse_enum,
    require_ends_at,
)
from dutyroom.domain.local_time import minute_text, parse_local_time
from dutyroom.domain.report_times import is_late_entry
from dutyroom.domain.text import sentence
from dutyroom.services import incident_records, incident_service, register_service, settings_service
from dutyroom.services.errors import InputError, Problem
from dutyroom.services.settings_service import Desk

EXPORTED = "field_export"  # the audit action of each record's state as its package left the desk
KEPT_APART = "field_unmerged"  # audit entity of a laptop record kept as a revision only

# Set when an entry is made; a change to any of them cannot come from the app.
CREATION = {
    Incident: ("uuid", "created_at", "created_by"),
    RegisterEntry: ("uuid", "recorded_at", "recorded_by"),
    Dispatch: ("uuid", "incident_id", "department_id", "ordered_at", "created_by",
               "contact_name", "contact_phone", "arrival_minutes"),
}
# Made once through the app and never edited there.
APPEND_ONLY = (UpwardReport, DispatchFeedback, Warning, WarningAttempt)
DISPATCH_STATUSES = (ORDERED, *FeedbackKind)


class Refused(Exception):
    """One entry cannot be taken; the merge is refused whole, naming it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def keep_apart(desk: Session, entity: str, state: dict[str, Any], key: str, actor: str,
               moment: datetime) -> None:
    """A laptop's record the merge does not take (a conflict line says why) is kept in the
    audit chain as the laptop had it, so nothing recorded in the field is lost."""
    audit.append(desk, actor=actor, entity=KEPT_APART, entity_id=key, action="field_revision",
                 payload={"entity": entity, "state": state}, at=moment)


def admit(desk: Session, d: Desk, model: type[Base], values: dict[str, Any], current: Any,
          made_at_desk: bool, moment: datetime) -> tuple[dict[str, Any], str]:
    """The values to store for a laptop's entry (added when `current` is None, else changed),
    and, when the change touches what only the desk may set, why it stays a conflict."""
    if current is not None:
        if model in APPEND_ONLY:
            raise Refused(sentence("已登记的记录在外勤包中被改动（笔记本上无法修改），外勤包可能被改动过"))
        for column in CREATION.get(model, ()):
            if values[column] != getattr(current, column):
                raise Refused(sentence("「{0}」在外勤包中被改动（登记后不能修改），外勤包可能被改动过",
                                       column))
    try:
        if model is Incident:
            return _incident(desk, d, values, current, made_at_desk, moment)
        if model is UpwardReport:
            return _report(desk, d, values, moment), ""
        if model is Dispatch:
            return _dispatch(desk, values, current, moment), ""
        if model is DispatchFeedback:
            return _feedback(desk, values, moment), ""
        return _register_entry(desk, values, moment), ""
    except InputError as error:
        raise Refused(error.one_line()) from None
    except FieldError as error:
        raise Refused(error.message) from None


def not_unvoided(model: type[Base], current: Any, admitted: dict[str, Any]) -> None:
    """A voided incident or register entry stays voided: the app has no way back, so a
    laptop's later copy that brings a voided one back to life (a change the desk would otherwise take, as
    it has not changed the incident since) was edited. Where the desk voided it meanwhile,
    both sides changed it: a conflict, as any other."""
    if model in (Incident, RegisterEntry) and current.voided and not admitted["voided"]:
        raise Refused(sentence("{0}已作废，外勤包中却又成了未作废（作废后无法恢复），外勤包可能被改动过",
                               "事件" if model is Incident else "来电来文登记"))


# How far a laptop's clock may be from the desk's when it stamps what it records: behind by
# minutes (a clock set by hand), ahead by up to a day (a wrong date is a typo, not evidence).
CLOCK_BEHIND = timedelta(minutes=10)
CLOCK_AHEAD = timedelta(days=1)
# The columns that say when an entry was written, by the kind of entry.
WRITTEN: dict[type[Base], tuple[str, str]] = {
    Incident: ("created_at", "登记时间"), UpwardReport: ("recorded_at", "登记时间"),
    RegisterEntry: ("recorded_at", "登记时间"), WarningAttempt: ("recorded_at", "登记时间"),
    Attachment: ("added_at", "附件添加时间"), PlaybookTick: ("ticked_at", "勾选时间")}


def written_in_the_field(model: type[Base], values: dict[str, Any], exported_at: datetime,
                         moment: datetime, zone: tzinfo) -> None:
    """An entry a laptop added was written after its package left the desk and before the
    merge: a report or an incident stamped earlier would claim a time nobody could have
    recorded it at (and a report so stamped would pass as on time)."""
    column_label = WRITTEN.get(model)
    if column_label is None:
        return
    column, label = column_label
    stamp = values.get(column)
    if not isinstance(stamp, datetime):
        return
    if stamp < exported_at - CLOCK_BEHIND:
        raise Refused(sentence("{0} {1} 早于外勤包导出时间 {2}，外勤包可能被改动过", label,
                               minute_text(stamp, zone), minute_text(exported_at, zone)))
    if stamp > moment + CLOCK_AHEAD:
        raise Refused(sentence("{0} {1} 晚于合并时间，外勤包可能被改动过", label,
                               minute_text(stamp, zone)))
    received = values.get("received_at")
    if model is Incident and isinstance(received, datetime) and received > stamp + FUTURE_TOLERANCE:
        raise Refused(sentence("接报时间 {0} 晚于登记时间 {1}，外勤包可能被改动过",
                               minute_text(received, zone), minute_text(stamp, zone)))


def _time(value: Any, field: str, label: str, moment: datetime, d: Desk,
          required: bool = True, stamp: bool = False) -> datetime | None:
    """A time of the entry; `stamp` for when a record was written (a laptop's clock may run
    ahead of the desk's, and nothing is measured from it), else a time of what happened."""
    parsed = parse_local_time(value, d.zone, field, label)
    if parsed is None:
        if required:
            raise FieldError(field, sentence("缺少{0}", label))
        return None
    if not stamp and parsed > moment + FUTURE_TOLERANCE:
        raise FieldError(field, sentence("{0}晚于合并时刻", label))
    return parsed


def _text(values: dict[str, Any], key: str, label: str, length: int, required: bool = False) -> str:
    return clean_text(values.get(key), key, label, max_length=length, required=required)


def _incident(desk: Session, d: Desk, values: dict[str, Any], current: Incident | None,
              made_at_desk: bool, moment: datetime) -> tuple[dict[str, Any], str]:
    facts = incident_service.validate({k: values.get(k) for k in FIELD_NAMES}, d.zone, moment)
    clean: dict[str, Any] = {k: (v.value if isinstance(v, Category | Level) else v)
                             for k, v in facts.as_dict().items()}
    status = parse_enum(Status, {s: s.value for s in Status}, values.get("status"), "status", "事件状态")
    clean["status"] = status.value
    voided = values.get("voided")
    if not isinstance(voided, bool):
        raise FieldError("voided", sentence("作废标记应为是或否"))
    clean["voided"] = voided
    clean["void_reason"] = _text(values, "void_reason", "作废原因", 2000, required=voided)
    closed = _time(values.get("closed_at"), "closed_at", "办结时间", moment, d,
                   required=status == Status.CLOSED)
    clean["closed_at"] = closed if status == Status.CLOSED else None
    clean["casualties_changed_at"] = _time(values.get("casualties_changed_at"),
                                           "casualties_changed_at", "伤亡变化时间", moment, d,
                                           required=False, stamp=True)
    clean["level_changes"] = _level_history(values.get("level_changes"), current, facts.level)
    clean["change_note"] = _text(values, "change_note", "修改说明", 2000)
    clean["updated_by"] = _text(values, "updated_by", "修改人", 64, required=True)
    clean["updated_at"] = _time(values.get("updated_at"), "updated_at", "修改时间", moment, d,
                                stamp=True)
    if current is None:
        clean["uuid"] = str(values["uuid"])
        clean["created_by"] = _text(values, "created_by", "登记人", 64, required=True)
        clean["created_at"] = _time(values.get("created_at"), "created_at", "登记时间", moment, d,
                                    stamp=True)
        return clean, ""
    if made_at_desk and clean["received_at"] != current.received_at:
        return clean, sentence("外勤改动了值班台登记的接报时间，未采用")
    return clean, ""


def _level_history(raw: Any, current: Incident | None, level: Level) -> str:
    """A level history reads as the desk's own does (domain.incidents.level_history: aware
    times in order, known levels), only ever grows, and ends at the level the incident has."""
    if not isinstance(raw, str):
        raise FieldError("level_changes", sentence("级别变更记录无法读取"))
    history = level_history(raw)
    if not history:
        raise FieldError("level_changes", sentence("级别变更记录无法读取"))
    require_ends_at(history, level.value)
    if current is not None:
        try:
            before = level_history(current.level_changes or "[]")
        except FieldError:
            before = None  # the desk's own is unreadable (check names it): nothing to extend
        if before is not None and history[:len(before)] != before:
            raise FieldError("level_changes", sentence("级别变更记录被改写（只能增加）"))
    return json.dumps(json.loads(raw))


def _report(desk: Session, d: Desk, values: dict[str, Any], moment: datetime) -> dict[str, Any]:
    """A report recorded on the laptop, measured again against the desk's deadlines."""
    incident = desk.get(Incident, values["incident_id"])
    assert incident is not None  # resolved by UUID before this is called
    stage = parse_enum(Stage, rules_module.STAGE_LABELS, values.get("stage"), "stage", "报送阶段")
    channel = parse_enum(Channel, rules_module.CHANNEL_LABELS, values.get("channel"), "channel",
                         "报送方式")
    recorded = _time(values.get("recorded_at"), "recorded_at", "登记时间", moment, d)
    sent = _time(values.get("sent_at"), "sent_at", "报送时间", moment, d)
    assert sent is not None and recorded is not None
    if sent < incident.received_at:
        raise FieldError("sent_at", sentence("报送时间不能早于接报时间"))
    if sent > recorded + FUTURE_TOLERANCE:
        raise FieldError("sent_at", sentence("报送时间晚于登记时间"))
    reason = _text(values, "entry_reason", "补录原因", 500)
    if is_late_entry(sent, recorded, int(d.late_entry_minutes)) and not reason:
        raise FieldError("entry_reason", sentence("报送时间早于登记时间 {0} 分钟以上（补录），须写明原因",
                                                  d.late_entry_minutes))
    before = incident_records.report_deadlines_of(
        incident, incident_records.reports_of(desk, [incident.id])[incident.id], d)
    met = rules_module.deadline_for_report(before, stage, channel)
    return {"uuid": str(values["uuid"]), "incident_id": incident.id, "stage": stage.value,
            "channel": channel.value, "sent_at": sent, "recorded_at": recorded,
            "recipient": _text(values, "recipient", "报送对象", 64),
            "sent_by": _text(values, "sent_by", "报送人", 64, required=True),
            "text": _text(values, "text", "报告内容", 50_000), "entry_reason": reason,
            "due_at": met.due if met else None, "late": bool(met and sent > met.due)}


def _dispatch(desk: Session, values: dict[str, Any], current: Dispatch | None,
              moment: datetime) -> dict[str, Any]:
    d = settings_service.desk(desk)
    incident = desk.get(Incident, values["incident_id"])
    department = desk.get(Department, values["department_id"])
    assert incident is not None and department is not None
    status = str(values.get("status") or "")
    if status not in DISPATCH_STATUSES:
        raise FieldError("status", sentence("派单状态「{0}」不在可选范围内", status))
    ordered = _time(values.get("ordered_at"), "ordered_at", "派单时间", moment, d)
    assert ordered is not None
    if current is None and ordered < incident.received_at:
        raise FieldError("ordered_at", sentence("派单时间不能早于接报时间"))
    arrived = _time(values.get("arrived_at"), "arrived_at", "到达时间", moment, d, required=False)
    closed = _time(values.get("closed_at"), "closed_at", "办结时间", moment, d, required=False)
    if any(t is not None and t < ordered for t in (arrived, closed)):
        raise FieldError("arrived_at", sentence("到达或办结时间不能早于派单时间"))
    if (closed is not None) != (status == "closed"):
        raise FieldError("status", sentence("派单状态与办结时间不符"))
    return {"uuid": str(values["uuid"]), "incident_id": incident.id, "department_id": department.id,
            "contact_name": _text(values, "contact_name", "联系人", 32),
            "contact_phone": _text(values, "contact_phone", "联系电话", 32),
            "ordered_at": ordered,
            "arrival_minutes": rules_module.DISPATCH_MINUTES[department.first_line],
            "arrived_at": arrived, "closed_at": closed, "status": status,
            "created_by": _text(values, "created_by", "派单人", 64, required=True)}


def _feedback(desk: Session, values: dict[str, Any], moment: datetime) -> dict[str, Any]:
    d = settings_service.desk(desk)
    order = desk.get(Dispatch, values["dispatch_id"])
    assert order is not None
    kind = str(values.get("kind") or "")
    if kind not in FEEDBACK_LABELS:
        raise FieldError("kind", sentence("反馈类型「{0}」不在可选范围内", kind))
    at = _time(values.get("at"), "at", "反馈时间", moment, d)
    assert at is not None
    if at < order.ordered_at:
        raise FieldError("at", sentence("反馈时间不能早于派单时间"))
    return {"dispatch_id": order.id, "at": at, "kind": kind,
            "text": _text(values, "text", "反馈内容", 20_000),
            "by": _text(values, "by", "反馈记录人", 64, required=True)}


def _register_entry(desk: Session, values: dict[str, Any], moment: datetime) -> dict[str, Any]:
    d = settings_service.desk(desk)
    clean = register_service.validate({k: values.get(k) for k in register_service.FIELDS}, desk, moment)
    voided = values.get("voided")
    if not isinstance(voided, bool):
        raise FieldError("voided", sentence("作废标记应为是或否"))
    incident_id = values.get("incident_id")
    if incident_id is not None and desk.get(Incident, incident_id) is None:
        raise FieldError("incident_id", sentence("转为事件的记录不存在"))
    return {**clean, "uuid": str(values["uuid"]), "voided": voided, "incident_id": incident_id,
            "void_reason": _text(values, "void_reason", "作废原因", 2000, required=voided),
            "change_note": _text(values, "change_note", "修改说明", 2000),
            "recorded_by": _text(values, "recorded_by", "登记人", 64, required=True),
            "recorded_at": _time(values.get("recorded_at"), "recorded_at", "登记时间", moment, d,
                                 stamp=True),
            "updated_by": _text(values, "updated_by", "修改人", 64, required=True),
            "updated_at": _time(values.get("updated_at"), "updated_at", "修改时间", moment, d,
                                stamp=True)}


def closed_without_final(desk: Session, incident_ids: set[int]) -> list[str]:
    """Incidents the merge leaves closed with no final report (the app never allows it)."""
    found: list[str] = []
    for incident_id in sorted(incident_ids):
        row = desk.get(Incident, incident_id)
        if row is None or row.status != Status.CLOSED.value or row.voided:
            continue
        final = desk.scalar(select(UpwardReport.id).where(UpwardReport.incident_id == row.id,
                                                          UpwardReport.stage == Stage.FINAL.value))
        if final is None:
            found.append(sentence("外勤包中的事件「{0}」已办结却没有终报（办结前必须终报），外勤包可能被改动过",
                                  row.title))
    return found


def problem(what: str, message: str) -> Problem:
    return Problem(sentence("{0}：{1}", what, message), field="file")
