"""Warnings in a field package: what goes out with the laptop and what comes back.

A laptop in the field receives warnings and records 叫应 attempts with no line to the desk.
Both kinds of record are never edited in the app (a notice is followed by a later notice,
an attempt is evidence), so on return each one is either new, the same, or forged. A new
one passes the rules the desk's own screens apply, and two cases are kept apart rather than
merged, each a readable conflict line with the laptop's version kept as a revision in the
audit chain:
- a later notice on a thread the desk has also continued (or cancelled) in the meantime:
  a thread takes notices in order (domain/warnings.check_follows_newest), and choosing
  between two notices of the same warning is a person's call, not a merge's;
- a call the laptop made after the desk had already received the cancellation or a newer
  notice: the relay had ended for that notice, so it does not count on the board.
Every other attempt is added, whichever side made it, and a board lists them in time order.
A person on a new notice's list is the desk's 责任人 the package carried, whatever the desk
has renamed them to since (a remark, not a refusal); the list names them as the laptop's
directory had them, and an attempt identical to one the desk has but for its UUID is a copy.
"""

from __future__ import annotations

import json
from datetime import datetime, time
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from dutyroom.db.models import (
    AuditEntry,
    FieldExport,
    FieldPackage,
    ResponsiblePerson,
    Warning,
    WarningAttempt,
    WarningTarget,
)
from dutyroom.domain import warnings as rules
from dutyroom.domain.contacts import clean_text
from dutyroom.domain.errors import FieldError
from dutyroom.domain.hygiene import searchable
from dutyroom.domain.incidents import FUTURE_TOLERANCE
from dutyroom.domain.local_time import minute_text
from dutyroom.domain.text import Verbatim, sentence
from dutyroom.domain.warnings import Action, Outcome, Status
from dutyroom.services import field_rules, responsible_service, warning_service
from dutyroom.services.errors import InputError
from dutyroom.services.records import audit_change
from dutyroom.services.settings_service import Desk
from dutyroom.services.warning_readers import in_force_in, villages_in

MODELS = (Warning, WarningAttempt)


# --- what goes out ---------------------------------------------------------------------------


def threads_to_carry(desk: Session, first: Any, zone: Any, moment: datetime) -> Select[int]:
    """The ids of the notices a package carries: every notice of each thread that is in force
    when the package leaves or that arrived from the period's first day on, so the laptop
    can continue any of them."""
    since = datetime.combine(first, time(), zone)
    in_force = [view.thread_id for view, _ in in_force_in(desk, moment)]
    threads = select(Warning.thread_id).where(
        (Warning.received_at >= since) | Warning.thread_id.in_(in_force))
    return select(Warning.id).where(Warning.thread_id.in_(threads))


def portable_targets(row: Warning) -> list[dict[str, Any]]:
    """The notice's list of people to reach without the row ids local to one database (the
    people keep theirs: the package carries the directory with its ids)."""
    state = row.snapshot()
    return [{k: v for k, v in target.items() if k not in ("id", "warning_id")}
            for target in state["targets"]]


def target_ref(session: Session, row: WarningAttempt) -> str:
    """Which list row an attempt belongs to, wherever it lives: the notice's UUID and the
    person's id."""
    found = session.execute(select(Warning.uuid, WarningTarget.person_id)
                            .join(WarningTarget, WarningTarget.warning_id == Warning.id)
                            .where(WarningTarget.id == row.target_id)).first()
    return "" if found is None else f"{found[0]}/{found[1]}"


def describe(row: Any) -> str:
    """The record as a conflict line names it."""
    if isinstance(row, Warning):
        colour = rules.COLOUR_LABELS.get(rules.Colour(row.colour), "") \
            if row.colour in {c.value for c in rules.Colour} else ""
        action = rules.ACTION_LABELS.get(Action(row.action), "") \
            if row.action in {a.value for a in Action} else ""
        return sentence("预警「{0}{1}预警」{2}通知", Verbatim(searchable(str(row.type))[:20]),
                        colour, action)
    laptop = Session.object_session(row)
    target = laptop.get(WarningTarget, row.target_id) if laptop is not None else None
    name = searchable(target.name)[:20] if target is not None else ""
    return sentence("叫应记录（{0}，编号 {1}）", Verbatim(name), str(row.uuid)[:8])


# --- what comes back -------------------------------------------------------------------------


def add(desk: Session, d: Desk, row: Any, state: dict[str, Any], exported_at: datetime,
        actor: str, moment: datetime) -> tuple[str, str, list[str]]:
    """Take a notice or an attempt the desk does not have: ("added" or "conflict", the
    conflict's reason, remarks for the officer). Raises field_rules.Refused for what the
    app could not have written."""
    try:
        if isinstance(row, Warning):
            return _add_notice(desk, d, row, state, actor, moment)
        field_rules.written_in_the_field(WarningAttempt, {"recorded_at": row.recorded_at},
                                         exported_at, moment, d.zone)
        return _add_attempt(desk, d, row, state, actor, moment)
    except FieldError as error:
        raise field_rules.Refused(error.message) from None
    except InputError as error:
        raise field_rules.Refused(error.one_line()) from None


def _keep_apart(desk: Session, entity: str, state: dict[str, Any], uuid: str, actor: str,
                moment: datetime, reason: str) -> tuple[str, str, list[str]]:
    field_rules.keep_apart(desk, entity, state, uuid, actor, moment)
    return "conflict", reason, []


def _newest(desk: Session, thread_id: int) -> Warning:
    found = desk.scalars(select(Warning).where(Warning.thread_id == thread_id)
                         .order_by(Warning.id.desc()).limit(1)).first()
    assert found is not None  # the thread's first notice at least
    return found


def _add_notice(desk: Session, d: Desk, row: Warning, state: dict[str, Any], actor: str,
                moment: datetime) -> tuple[str, str, list[str]]:
    try:
        laptop_action = Action(row.action)
    except ValueError:
        raise FieldError("action", sentence("通知类型「{0}」不在可选范围内", str(row.action)[:12])) from None
    previous = None
    if state["supersedes_id"] is not None:
        previous = desk.scalar(select(Warning).where(Warning.uuid == state["supersedes_id"]))
        if previous is None:
            return _keep_apart(desk, "warning", state, row.uuid, actor, moment, sentence(
                "它所跟随的通知没有并入值班台，这条通知也未并入，已另存为修订"))
        desk_thread = desk.scalar(select(Warning.uuid).where(Warning.id == previous.thread_id))
        if state["thread_id"] != desk_thread:
            raise FieldError("thread_id", sentence("预警的通知链在外勤包中被改动，外勤包可能被改动过"))
        newest = _newest(desk, previous.thread_id or previous.id)
        if newest.action == Action.CANCEL:
            return _keep_apart(desk, "warning", state, row.uuid, actor, moment, sentence(
                "值班台已于 {0} 解除该预警，外勤登记的后续通知未并入，已另存为修订",
                minute_text(newest.received_at, d.zone)))
        if newest.id != previous.id:
            return _keep_apart(desk, "warning", state, row.uuid, actor, moment, sentence(
                "值班台已在同一预警上登记了 {0} 接收的{1}通知，外勤登记的后续通知未并入，已另存为修订",
                minute_text(newest.received_at, d.zone), rules.ACTION_LABELS[Action(newest.action)]))
    elif laptop_action == Action.CANCEL:
        raise FieldError("supersedes", sentence("解除预警须指明所解除的预警"))
    elif state["thread_id"] != row.uuid:
        raise FieldError("thread_id", sentence("预警的通知链在外勤包中被改动，外勤包可能被改动过"))
    type_ = rules.parse_type(row.type)
    colour = rules.parse_colour(row.colour)
    rules.check_validity(row.issued_at, row.valid_until)
    rules.check_received(row.issued_at, row.received_at)
    if previous is not None:
        rules.check_follows_in_time(previous.received_at, row.received_at)
    if row.received_at > moment + FUTURE_TOLERANCE:
        raise FieldError("received_at", sentence("接收时间晚于合并时刻"))
    try:
        asked = json.loads(row.villages)
    except (ValueError, RecursionError):
        asked = None
    if not isinstance(asked, list) or not all(isinstance(v, str) for v in asked):
        raise FieldError("villages", sentence("村(社区)应为名称的列表"))
    villages = rules.area_villages(asked, villages_in(desk))
    cancel = laptop_action == Action.CANCEL
    action = rules.action_for(rules.Colour(previous.colour) if previous else None, colour, cancel)
    relay = d.relay
    notice = Warning(
        uuid=str(row.uuid), thread_id=previous.thread_id if previous else None,
        supersedes_id=previous.id if previous else None, action=action.value,
        issuer=clean_text(row.issuer, "issuer", "发布单位", max_length=64, required=True),
        type=type_, colour=colour.value, issued_at=row.issued_at, valid_until=row.valid_until,
        received_at=row.received_at, villages=json.dumps(list(villages), ensure_ascii=False),
        text=clean_text(row.text, "text", "预警内容", max_length=5000),
        measures=clean_text(row.measures, "measures", "防御措施", max_length=5000),
        relay_due=None if cancel else rules.relay_due(row.received_at, colour, relay),
        created_by=clean_text(row.created_by, "created_by", "登记人", max_length=64, required=True))
    listed, remarks = _list_of(desk, row, villages, cancel)
    desk.add(notice)
    desk.flush()
    if notice.thread_id is None:
        notice.thread_id = notice.id
    for target in listed:
        target.warning_id = notice.id
        desk.add(target)
    desk.flush()
    audit_change(desk, notice, actor, warning_service.ENTITY, "field_add", moment)
    title = rules.title(type_, colour)
    return "added", "", [sentence("{0}：{1}", title, remark) for remark in remarks]


def _carried(desk: Session, laptop: Session) -> frozenset[str]:
    """The ids of the 责任人 the package carried when it left the desk: those whose state the
    export wrote into the part of the laptop's chain the desk recorded the head of (so not
    one a laptop added, nor one an editor wrote in later). The desk never deletes a 责任人,
    so each is the desk's person of that id, whatever the desk renamed them to since."""
    origin = laptop.scalars(select(FieldPackage)).first()
    export = None if origin is None else desk.scalar(
        select(FieldExport).where(FieldExport.uuid == origin.uuid))
    if export is None or export.chain_count < 1:
        return frozenset()
    last = laptop.scalar(select(AuditEntry.id).order_by(AuditEntry.id)
                         .offset(export.chain_count - 1).limit(1))
    return frozenset(laptop.scalars(select(AuditEntry.entity_id).where(
        AuditEntry.entity == responsible_service.ENTITY, AuditEntry.action == field_rules.EXPORTED,
        AuditEntry.id <= (last or 0))))


def _states(laptop: Session, person_id: int) -> set[tuple[str, str, str]]:
    """Every (name, village, role) the laptop's 责任人 had, as its audit chain recorded them:
    a list copies the person as they were when the notice was saved, which a later edit on
    the laptop does not change."""
    states = set()
    for (payload,) in laptop.execute(select(AuditEntry.payload).where(
            AuditEntry.entity == responsible_service.ENTITY,
            AuditEntry.entity_id == str(person_id))):
        try:
            state = json.loads(payload)
        except (ValueError, RecursionError):
            continue
        if isinstance(state, dict):
            states.add((str(state.get("name")), str(state.get("village")), str(state.get("role"))))
    return states


def _person(desk: Session, carried: frozenset[str], person_id: int | None) -> ResponsiblePerson | None:
    """The desk's 责任人 a laptop's list names: one the package carried (a person added on
    the laptop has an id the desk may have given to someone else)."""
    if person_id is None or str(person_id) not in carried:
        return None
    return desk.get(ResponsiblePerson, person_id)


def _list_of(desk: Session, row: Warning, villages: tuple[str, ...],
             cancel: bool) -> tuple[list[WarningTarget], list[str]]:
    """The laptop's list of people to reach, as the laptop had it (it is what its calls
    prove), each person checked against the desk's directory."""
    laptop = Session.object_session(row)
    assert laptop is not None
    rows = list(laptop.scalars(select(WarningTarget).where(WarningTarget.warning_id == row.id)
                               .order_by(WarningTarget.id)))
    if cancel and rows:
        raise FieldError("targets", sentence("解除通知不应有叫应名单，外勤包可能被改动过"))
    listed: list[WarningTarget] = []
    remarks: list[str] = []
    seen: set[int] = set()
    carried = _carried(desk, laptop)
    for t in rows:
        person = _person(desk, carried, t.person_id)
        name = clean_text(t.name, "name", "姓名", max_length=32, required=True)
        if person is None:
            raise FieldError("targets", sentence(
                "叫应名单中的「{0}」不在值班台的基层责任人名录中（在外勤笔记本上新增的责任人，请先在值班台登记）",
                Verbatim(name)))
        if t.village not in villages or t.person_id in seen:
            raise FieldError("targets", sentence("叫应名单与预警涉及的村(社区)不符，外勤包可能被改动过"))
        if (t.name, t.village, t.role) not in _states(laptop, person.id):
            raise FieldError("targets", sentence(
                "叫应名单中的「{0}」与外勤笔记本上的责任人名录不符，外勤包可能被改动过", Verbatim(name)))
        seen.add(t.person_id)
        if (person.name, person.village) != (t.name, t.village):
            remarks.append(sentence("{0}（{1}）在值班台已改为{2}（{3}），外勤名单照录外勤当时的姓名",
                                    Verbatim(t.name), Verbatim(t.village), Verbatim(person.name),
                                    Verbatim(person.village)))
        if not person.active:
            remarks.append(sentence("{0}（{1} {2}）已在值班台停用，外勤对其的叫应仍照录",
                                    Verbatim(person.name), Verbatim(person.village),
                                    Verbatim(person.role)))
        backup = _person(desk, carried, t.backup_id)
        if backup is not None and t.backup_name and t.backup_name not in {
                state[0] for state in _states(laptop, backup.id)}:
            raise FieldError("targets", sentence(
                "叫应名单中「{0}」的AB角「{1}」与外勤笔记本上的责任人名录不符，外勤包可能被改动过",
                Verbatim(name), Verbatim(clean_text(t.backup_name, "backup_name", "AB角", max_length=32))))
        listed.append(WarningTarget(
            person_id=person.id, name=name,
            village=t.village, role=clean_text(t.role, "role", "岗位", max_length=64, required=True),
            mobile=clean_text(t.mobile, "mobile", "手机", max_length=11),
            backup_id=backup.id if backup is not None else None,
            backup_name=clean_text(t.backup_name, "backup_name", "AB角", max_length=32)
            if backup is not None else "",
            backup_mobile=clean_text(t.backup_mobile, "backup_mobile", "AB角手机", max_length=11)
            if backup is not None else ""))
    return listed, remarks


def _add_attempt(desk: Session, d: Desk, row: WarningAttempt, state: dict[str, Any], actor: str,
                 moment: datetime) -> tuple[str, str, list[str]]:
    warning_uuid, _, person = str(state["target_id"]).partition("/")
    notice = desk.scalar(select(Warning).where(Warning.uuid == warning_uuid))
    if notice is None:
        return _keep_apart(desk, "warning_attempt", state, row.uuid, actor, moment, sentence(
            "所属的预警通知没有并入值班台，这次叫应也未并入，已另存为修订"))
    target = desk.scalar(select(WarningTarget).where(
        WarningTarget.warning_id == notice.id,
        WarningTarget.person_id == (int(person) if person.isdigit() else -1)))
    if target is None:
        raise FieldError("person", sentence("叫应对象不在该预警的叫应名单中，外勤包可能被改动过"))
    channel = rules.parse_channel(row.channel)
    try:
        outcome = Outcome(row.outcome)
    except ValueError:
        raise FieldError("outcome", sentence("叫应结果「{0}」不在可选范围内",
                                             str(row.outcome)[:12])) from None
    one_way = channel in rules.ONE_WAY
    if (outcome == Outcome.SENT and not one_way) or (outcome == Outcome.NO_ANSWER and one_way):
        raise FieldError("outcome", sentence("叫应结果与联系方式不符，外勤包可能被改动过"))
    if not isinstance(row.via_backup, bool) or (row.via_backup and target.backup_id is None):
        raise FieldError("via_backup", sentence("AB角标记无效，外勤包可能被改动过"))
    if row.at < notice.received_at:
        raise FieldError("at", sentence("联系时间不能早于接收预警的时间"))
    if row.at > moment + FUTURE_TOLERANCE:
        raise FieldError("at", sentence("联系时间晚于合并时刻"))
    later = [(n.received_at, Action(n.action)) for n in desk.scalars(
        select(Warning).where(Warning.thread_id == notice.thread_id, Warning.id > notice.id)
        .order_by(Warning.id))]
    standing = rules.status_then(Action(notice.action), later, notice.valid_until, row.at)
    if standing != Status.ACTIVE:
        return _keep_apart(desk, "warning_attempt", state, row.uuid, actor, moment, sentence(
            "{0} 联系时该预警在值班台{1}，这次叫应不计入叫应进度，已另存为修订",
            minute_text(row.at, d.zone), rules.STATUS_LABELS[standing]))
    attempt = WarningAttempt(
        uuid=str(row.uuid), target_id=target.id, at=row.at, channel=channel.value,
        outcome=outcome.value, via_backup=row.via_backup,
        by=clean_text(row.by, "by", "叫应人", max_length=64, required=True),
        recorded_at=row.recorded_at)
    twin = desk.scalar(select(WarningAttempt.id).where(
        WarningAttempt.target_id == target.id, WarningAttempt.at == attempt.at,
        WarningAttempt.channel == attempt.channel, WarningAttempt.outcome == attempt.outcome,
        WarningAttempt.via_backup == attempt.via_backup, WarningAttempt.by == attempt.by,
        WarningAttempt.recorded_at == attempt.recorded_at).limit(1))
    if twin is not None:  # the app stamps each attempt when it is saved: a copy under a new UUID
        raise FieldError("uuid", sentence(
            "与值班台已有的一次叫应完全相同（只是编号不同），外勤包可能被改动过"))
    desk.add(attempt)
    audit_change(desk, attempt, actor, warning_service.ATTEMPT_ENTITY, "field_add", moment)
    return "added", "", []
