"""Early warnings received and relayed (预警登记与叫应): the register, the relay board and
every contact attempt.

Saving a warning works out, once, whom it must reach (domain/warnings.py) and keeps that
list with the numbers as they were, so the record proves later whom the desk called even
after the directory changes. Each attempt is one audited row; a row's state, the relay's
progress and the 未叫醒 list are derived from the attempts every time they are read
(warning_readers.py).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db.models import ResponsiblePerson, Warning, WarningAttempt, WarningTarget
from dutyroom.domain import warnings as rules
from dutyroom.domain.incidents import FUTURE_TOLERANCE
from dutyroom.domain.local_time import parse_local_time
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import Verbatim, sentence
from dutyroom.domain.warnings import Action, Channel, Colour, Status
from dutyroom.services import settings_service
from dutyroom.services.errors import InputError, obey
from dutyroom.services.records import audit_change, text_input, utc_now
from dutyroom.services.uow import Changes, Outcome, UnitOfWork
from dutyroom.services.warning_readers import (
    Target,
    WarningView,
    relay_attempts_in,
    roles_in,
    statuses_in,
    views_in,
    villages_in,
)

ENTITY = "warning"
ATTEMPT_ENTITY = "warning_attempt"
CHANGED = Changes(warnings=True)


@dataclass(frozen=True)
class Board:
    """The relay board of one notice: the notice, its thread, and one row a person."""

    warning: WarningView
    thread: list[WarningView]
    targets: list[Target]
    attempts_before_backup: int

    @property
    def unreached(self) -> list[Target]:
        """The 未叫醒 list."""
        return [t for t in self.targets if not t.reached]


@dataclass(frozen=True)
class Added:
    warning: WarningView
    targets: list[Target]


@dataclass(frozen=True)
class Relayed:
    warning: WarningView
    target: Target
    next: list[Target]  # who is still to be reached, in board order
    board: Board  # the board as it stands after the attempt: no second read to show it


# --- reading -----------------------------------------------------------------------


def list_warnings(uow: UnitOfWork, active: bool = False, at: datetime | None = None,
                  limit: int = 500) -> list[WarningView]:
    """Warnings newest first, with their relay progress at `at`; `active`: in force only."""
    moment = utc_now(at)
    with uow.read() as session:
        notices = list(session.scalars(select(Warning).where(Warning.received_at <= moment)
                                       .order_by(Warning.received_at.desc(), Warning.id.desc())
                                       .limit(limit)))
        views, _ = views_in(session, notices, moment)
        return [v for v in views if v.status == Status.ACTIVE] if active else views


LARGEST_ID = 2**63 - 1  # larger numbers are no row's id, and the database cannot take them


def _notice(session: Session, warning_id: object, field: str = "id") -> Warning:
    try:
        key = int(str(warning_id))
    except ValueError:
        key = 0
    row = session.get(Warning, key) if 0 < key <= LARGEST_ID else None
    if row is None:
        raise InputError.simple(sentence("没有编号为 {0} 的预警", str(warning_id)[:20]), field)
    return row


def _board(session: Session, row: Warning, at: datetime) -> Board:
    thread = list(session.scalars(select(Warning).where(
        Warning.thread_id == (row.thread_id or row.id)).order_by(Warning.id)))
    views, targets = views_in(session, thread, at, with_targets=True)
    mine = next(v for v in views if v.id == row.id)
    return Board(mine, views, targets[row.id], relay_attempts_in(session))


def board(uow: UnitOfWork, warning_id: int, at: datetime | None = None) -> Board:
    """The relay board of one notice."""
    with uow.read() as session:
        return _board(session, _notice(session, warning_id), utc_now(at))


# --- recording a warning -----------------------------------------------------------


def _time(raw: Any, zone: Any, key: str, label: str, *, required: bool) -> datetime | None:
    value = obey(parse_local_time, raw, zone, key, label)
    if value is None and required:
        raise InputError.simple(sentence("请填写{0}", label), key)
    return value


def _villages(raw: Any) -> list[str]:
    if isinstance(raw, str):
        return [v for v in raw.replace("，", "、").replace(",", "、").split("、")]
    if isinstance(raw, list | tuple):
        if any(isinstance(v, dict | list | tuple | bool) for v in raw):
            raise InputError.simple(sentence("村(社区)应为名称的列表"), "villages")
        return [str(v) for v in raw]
    raise InputError.simple(sentence("村(社区)应为名称的列表"), "villages")


def add_warning(uow: UnitOfWork, values: Mapping[str, Any],
                now: datetime | None = None) -> Outcome[Added]:
    """Record a received warning, or a later notice of one (`supersedes`: the notice it
    follows; `action` "cancel" for a 解除), and work out whom it must reach by when."""
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        desk = settings_service.desk(session)
        relay = desk.relay
        previous = None
        if values.get("supersedes") not in (None, ""):
            previous = _notice(session, values["supersedes"], "supersedes")
            newest = session.scalars(select(Warning).where(
                Warning.thread_id == (previous.thread_id or previous.id))
                .order_by(Warning.id.desc()).limit(1)).first() or previous
            rules.check_follows_newest(previous.id, newest.id, newest.action == Action.CANCEL)
        declared = obey(rules.parse_action, values.get("action"))
        cancel = declared == Action.CANCEL
        if cancel and previous is None:
            raise InputError.simple(sentence("解除预警须指明所解除的预警"), "supersedes")
        type_ = obey(rules.parse_type, values.get("type") if values.get("type") or previous is None
                     else previous.type)
        colour = obey(rules.parse_colour, values.get("colour") if values.get("colour") or
                      previous is None else previous.colour)
        if previous is not None:
            obey(rules.check_follow_up_type, previous.type, type_)
        if cancel and previous is not None:
            obey(rules.check_cancel_colour, Colour(previous.colour), colour)
        issuer = text_input(values.get("issuer") or (previous.issuer if previous else ""),
                            "issuer", "发布单位", 64, required=True)
        issued_at = _time(values.get("issued_at"), desk.zone, "issued_at", "发布时间", required=True)
        assert issued_at is not None
        valid_until = _time(values.get("valid_until"), desk.zone, "valid_until", "有效期至",
                            required=False)
        obey(rules.check_validity, issued_at, valid_until)
        received_at = _time(values.get("received_at"), desk.zone, "received_at", "接收时间",
                            required=False) or moment.replace(microsecond=0)
        if received_at > moment + FUTURE_TOLERANCE or issued_at > moment + FUTURE_TOLERANCE:
            raise InputError.simple(sentence("时间比现在晚 5 分钟以上，请检查日期和时间"), "issued_at")
        # A clock a few minutes fast is tolerated, but the warning is received now at the
        # latest: a receipt in the future would hide it from the lists until then.
        issued_at = min(issued_at, moment.replace(microsecond=0))
        received_at = min(received_at, moment.replace(microsecond=0))
        rules.check_received(issued_at, received_at)
        if previous is not None:
            obey(rules.check_follows_in_time, previous.received_at, received_at)
        asked = _villages(values.get("villages")) if values.get("villages") not in (None, "", []) \
            else (json.loads(previous.villages) if previous else [])
        villages = obey(rules.area_villages, asked, villages_in(session))
        action = rules.action_for(Colour(previous.colour) if previous else None, colour, cancel)
        obey(rules.check_declared_action, declared, action)
        directory = [rules.Person(p.id, p.name, p.village, p.role, p.backup_id)
                     for p in session.scalars(select(ResponsiblePerson).where(
                         ResponsiblePerson.active.is_(True)))]
        chosen = [] if cancel else rules.to_reach(directory, villages, colour, relay,
                                                  roles_in(session), type_)
        if not cancel:
            rules.check_someone_to_reach(chosen, villages, colour, relay)
        row = Warning(
            thread_id=(previous.thread_id or previous.id) if previous else None,
            supersedes_id=previous.id if previous else None, action=action.value, issuer=issuer,
            type=type_, colour=colour.value, issued_at=issued_at, valid_until=valid_until,
            received_at=received_at, villages=json.dumps(list(villages), ensure_ascii=False),
            text=text_input(values.get("text"), "text", "预警内容", 5000),
            measures=text_input(values.get("measures"), "measures", "防御措施", 5000),
            relay_due=None if cancel else rules.relay_due(received_at, colour, relay),
            created_by=uow.actor)
        session.add(row)
        session.flush()
        if row.thread_id is None:
            row.thread_id = row.id
        people = {p.id: p for p in session.scalars(select(ResponsiblePerson))}
        for person in chosen:
            source = people[person.id]
            backup = people.get(source.backup_id) if source.backup_id is not None else None
            backup = backup if backup is not None and backup.active else None  # never offered
            session.add(WarningTarget(
                warning_id=row.id, person_id=source.id, name=source.name, village=source.village,
                role=source.role, mobile=source.mobile,
                backup_id=backup.id if backup else None, backup_name=backup.name if backup else "",
                backup_mobile=backup.mobile if backup else ""))
        audit_change(session, row, uow.actor, ENTITY, action.value)
        result = _board(session, row, moment)
        return Outcome(Added(result.warning, result.targets), CHANGED)


# --- relaying ----------------------------------------------------------------------


def _target(session: Session, row: Warning, person_id: object) -> tuple[WarningTarget, bool]:
    """The row of the list a call to `person_id` counts for: the person's own, or the row
    whose AB角 they are."""
    listed = list(session.scalars(select(WarningTarget).where(WarningTarget.warning_id == row.id)))
    try:
        key = int(str(person_id))
    except ValueError:  # a name: the one person of that name on the list, or an AB角's
        wanted = str(person_id).strip()
        named = {t.person_id for t in listed if t.name == wanted} or {
            t.backup_id for t in listed if t.backup_name == wanted and t.backup_id is not None}
        key = named.pop() if len(named) == 1 else 0
        if key == 0:
            raise InputError.simple(sentence("{0} 不在该预警的叫应名单中", person_id), "person") from None
    key = key if key <= LARGEST_ID else 0
    own = next((t for t in listed if t.person_id == key), None)
    if own is not None:
        return own, False
    backing = next((t for t in listed if t.backup_id == key), None)
    if backing is not None:
        return backing, True
    person = session.get(ResponsiblePerson, key) if key > 0 else None
    who = Verbatim(person.name) if person else str(person_id)[:20]
    raise InputError.simple(sentence("{0} 不在该预警的叫应名单中", who), "person")


def _open_notice(session: Session, warning_id: object, moment: datetime) -> Warning:
    row = _notice(session, warning_id)
    obey(rules.check_can_relay, statuses_in(session, [row], moment)[row.id])
    return row


def _attempt(session: Session, target: WarningTarget, at: datetime, channel: Channel,
             outcome: rules.Outcome, via_backup: bool, actor: str, moment: datetime) -> None:
    attempt = WarningAttempt(target_id=target.id, at=at, channel=channel.value,
                             outcome=outcome.value, via_backup=via_backup, by=actor,
                             recorded_at=moment)
    session.add(attempt)
    audit_change(session, attempt, actor, ATTEMPT_ENTITY, "create")


def _when(session: Session, row: Warning, at: Any, moment: datetime) -> datetime:
    zone = settings_service.desk(session).zone
    value = _time(at, zone, "at", "联系时间", required=False) or moment
    if value > moment + FUTURE_TOLERANCE:
        raise InputError.simple(sentence("联系时间比现在晚 5 分钟以上，请检查日期和时间"), "at")
    if value < row.received_at:
        raise InputError.simple(sentence("联系时间不能早于接收预警的时间"), "at")
    return value


def record_attempt(uow: UnitOfWork, warning_id: int, person_id: int | str, channel: object,
                   answered: bool, at: Any = None, now: datetime | None = None,
                   backup: bool = False) -> Outcome[Relayed]:
    """One contact attempt (电话 answered or not, 上门 …) with a person on the list or with
    their AB角; a one-way channel left unanswered is recorded as sent, not as a failed call.
    `backup`: the call went to the AB角 of `person_id`'s row (who may be on the list too)."""
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        row = _open_notice(session, warning_id, moment)
        target, via_backup = _target(session, row, person_id)
        if backup:
            if via_backup or target.backup_id is None:
                raise InputError.simple(sentence("{0} 没有登记 AB角", Verbatim(target.name)), "person")
            via_backup = True
        way = obey(rules.parse_channel, channel)
        when = _when(session, row, at, moment)
        outcome = rules.Outcome.ANSWERED if answered else (
            rules.Outcome.SENT if way in rules.ONE_WAY else rules.Outcome.NO_ANSWER)
        _attempt(session, target, when, way, outcome, via_backup, uow.actor, moment)
        result = _board(session, row, moment)
        mine = next(t for t in result.targets if t.person_id == target.person_id)
        return Outcome(Relayed(result.warning, mine, result.unreached, result), CHANGED)


def mark_sent(uow: UnitOfWork, warning_id: int, channel: object, village: str | None = None,
              at: Any = None, now: datetime | None = None) -> Outcome[int]:
    """短信已发 / 微信群已发 for everyone not yet reached (in one village, or all): each gets
    the channel on record, and nobody is taken to have answered."""
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        row = _open_notice(session, warning_id, moment)
        way = obey(rules.parse_channel, channel)
        if way not in rules.ONE_WAY:
            raise InputError.simple(sentence("批量登记只用于短信、微信工作群或广播"), "channel")
        when = _when(session, row, at, moment)
        reached = {t.person_id for t in _board(session, row, moment).targets if t.reached}
        count = 0
        for target in session.scalars(select(WarningTarget).where(
                WarningTarget.warning_id == row.id).order_by(WarningTarget.id)):
            if target.person_id in reached or (village and target.village != village):
                continue
            _attempt(session, target, when, way, rules.Outcome.SENT, False, uow.actor, moment)
            count += 1
        return Outcome(count, CHANGED if count else Changes())
