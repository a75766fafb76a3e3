"""`dutyroom check`: is the file sound, and has anyone changed the record behind our back?

The evidence: SQLite's own integrity and foreign-key checks, and every time
written in the one text layout its queries compare (db/stored_text.py); the audit chain's
hashes; every audited record (every table a person changes through the app) compared with
its last audited state, which catches a row edited, inserted or deleted directly in the file
even when the chain itself was left alone; and, given an anchor written on paper (a signed
handover), that the chain still holds that very entry, which catches a chain recomputed
after a rewrite, cut short, or a whole file replaced by an older backup.

A check is what a person runs on a file they fear is damaged, so it never fails itself: a
file that is not a database at all, or is cut short, is a problem in its report.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from dutyroom.db import audit, blobs, deadline_store, migrate, stored_text
from dutyroom.db.models import (
    AlertAck,
    Attachment,
    Base,
    CalendarDay,
    CheckIn,
    DailyReportRow,
    Department,
    Dispatch,
    DispatchFeedback,
    DutyAssignment,
    DutyDay,
    DutyTask,
    EmergencyPlan,
    Handover,
    Incident,
    Instruction,
    InstructionFeedback,
    Leave,
    PartnerDuty,
    Playbook,
    PlaybookTick,
    RegisterEntry,
    Resource,
    Responsibility,
    ResponsiblePerson,
    RosterChange,
    SensitivePeriod,
    Setting,
    SpotCheck,
    Staff,
    UpwardReport,
    User,
    Warning,
    WarningAttempt,
    audit_key,
)
from dutyroom.domain.anchors import Anchor
from dutyroom.domain.errors import FieldError
from dutyroom.domain.hygiene import searchable
from dutyroom.domain.incidents import level_history, require_ends_at
from dutyroom.domain.text import Verbatim, sentence
from dutyroom.services.errors import ServiceError
from dutyroom.services.settings_service import desk
from dutyroom.services.uow import UnitOfWork

log = logging.getLogger("dutyroom")

# Every table a person changes through the app: entity name in the chain, model, label.
AUDITED = (
    ("setting", Setting, "设置"),
    ("staff", Staff, "人员"), ("department", Department, "联动单位"), ("user", User, "用户"),
    ("calendar_day", CalendarDay, "日历"), ("period", SensitivePeriod, "敏感时期"),
    ("duty_day", DutyDay, "值班日"), ("duty_slot", DutyAssignment, "班次"),
    ("roster_change", RosterChange, "排班变更"), ("leave", Leave, "请假"),
    ("incident", Incident, "事件"), ("upward_report", UpwardReport, "上报记录"),
    ("dispatch", Dispatch, "派单"), ("dispatch_feedback", DispatchFeedback, "派单反馈"),
    ("register_entry", RegisterEntry, "来电来文登记"),
    ("checkin", CheckIn, "签到和在岗确认"), ("spot_check", SpotCheck, "上级查岗"),
    ("duty_task", DutyTask, "值班表报备和值班日报"), ("alert_ack", AlertAck, "提醒确认"),
    ("handover", Handover, "交接班记录"),
    ("responsible", ResponsiblePerson, "责任人"), ("warning", Warning, "预警"),
    ("warning_attempt", WarningAttempt, "叫应记录"),
    ("partner_duty", PartnerDuty, "联动单位值班备勤表"), ("responsibility", Responsibility, "职责分工"),
    ("playbook_tick", PlaybookTick, "处置要点"), ("playbook", Playbook, "处置要点清单"),
    ("resource", Resource, "应急资源"),
    ("daily_report", DailyReportRow, "值班日报"),
    ("instruction", Instruction, "领导批示"), ("instruction_feedback", InstructionFeedback, "批示落实情况"),
    ("attachment", Attachment, "附件"), ("plan", EmergencyPlan, "应急预案"),
)
_READ_ERRORS = (SQLAlchemyError, ServiceError, sqlite3.Error, ValueError, TypeError, KeyError,
                OverflowError, UnicodeError, RecursionError)


def _name(row: object) -> str:
    for attribute in ("name", "title", "display_name"):
        value = getattr(row, attribute, "")
        if value:
            return f"「{value}」"
    return ""


@dataclass(frozen=True)
class CheckReport:
    problems: list[str]
    audit_entries: int
    head: Anchor | None  # the chain's last entry, None when there is no readable chain

    @property
    def ok(self) -> bool:
        return not self.problems


def _storage_problems(engine: Engine) -> list[str]:
    problems: list[str] = []
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            results = [r[0] for r in connection.exec_driver_sql("PRAGMA integrity_check")]
            if results != ["ok"]:
                problems += [f"SQLite 完整性检查：{r}" for r in results[:20]]
            for table, rowid, parent, _ in connection.exec_driver_sql("PRAGMA foreign_key_check"):
                problems.append(f"表 {table} 第 {rowid} 行引用的 {parent} 记录不存在")
    return problems


def _unreadable(what: str, error: BaseException) -> str:
    log.warning("check could not read %s: %s", what, type(error).__name__, exc_info=error)
    detail = getattr(error, "orig", None) or error
    return sentence("无法读取{0}：{1}（文件可能已损坏、被截断或不是 Dutyroom 数据库）", what,
                    _damage(detail))


def _damage(error: BaseException) -> str:
    """What kind of damage stopped the reading, in words (the error's type is in the log)."""
    if isinstance(error, RecursionError):
        return sentence("记录内容嵌套过深")
    if isinstance(error, UnicodeError | json.JSONDecodeError):
        return sentence("记录内容不是有效的数据")
    if isinstance(error, sqlite3.OperationalError) or type(error).__name__ == "OperationalError":
        return sentence("文件无法打开或读取")
    if isinstance(error, sqlite3.DatabaseError) or type(error).__name__ == "DatabaseError":
        return sentence("文件已损坏或不是数据库")
    return sentence("记录不符合本程序的格式")


def run_check(uow: UnitOfWork, engine: Engine, anchors: tuple[Anchor, ...] = ()) -> CheckReport:
    """Everything found wrong, and the chain's head; never raises on a damaged file."""
    try:
        problems = _storage_problems(engine)
        if migrate.needs_upgrade(engine):  # the audit tables may not be what this code expects
            problems.append("数据库结构不是本版本所需的最新结构，请运行 dutyroom init 升级"
                            if migrate.current_revision(engine) is not None
                            else "文件中没有 Dutyroom 数据库（可能是其他程序的数据库文件），"
                                 "请检查 --db 是否指错了文件")
            return CheckReport(problems, 0, None)
    except migrate.SchemaTooNew as error:
        return CheckReport([str(error)], 0, None)
    except _READ_ERRORS as error:
        return CheckReport([_unreadable("数据库", error)], 0, None)
    try:
        with uow.read() as session:
            chain = audit.inspect_chain(session, frozenset(a.position for a in anchors))
    except _READ_ERRORS as error:
        return CheckReport([*problems, _unreadable("审计链", error)], 0, None)
    problems += [f"审计链第 {b.entry_id} 条：{b.reason}" for b in chain.breaks]
    problems += [p for a in anchors for p in _anchor_problems(a, chain)]
    for entity, model, label in AUDITED:
        try:
            with uow.read() as session:
                problems += _record_problems(session, entity, model, label)
        except _READ_ERRORS as error:
            problems.append(_unreadable(sentence("{0}记录", label), error))
    for what, find in ((sentence("附件内容"), _attachment_problems),
                       (sentence("级别变更记录"), _level_history_problems),
                       (sentence("报送时限"), _deadline_problems),
                       (sentence("时间格式"), _time_text_problems)):
        try:
            with uow.read() as session:
                problems += find(session)
        except _READ_ERRORS as error:
            problems.append(_unreadable(what, error))
    head = Anchor.of(chain.count, chain.head) if chain.count else None
    return CheckReport(problems, chain.count, head)


def _time_text_problems(session: Session) -> list[str]:
    labels = {model.__tablename__: label for _, model, label in AUDITED}
    return [sentence("{0}表 {1} 的 {2} 列有 {3} 个值不是本程序写入的时间格式或不是真实的时间"
                     "（例如「{4}」），可能被直接改动，按时间段的统计和提醒会算错或无法打开",
                     labels.get(m.table, ""), m.table, m.column, m.count, m.example)
            for m in stored_text.miswritten(session)]


NAMED_DEADLINES = 20  # incidents named one by one; more are counted in one line


def _level_history_problems(session: Session) -> list[str]:
    """Every incident whose stored level history does not read as the app writes it (a time
    without a UTC offset, an unknown level, out of order, not a list, or ending at another
    level than the incident's): its deadlines are counted from its present level since it
    was received until someone corrects it."""
    found: list[str] = []
    for incident_id, title, raw, level in session.execute(
            select(Incident.id, Incident.title, Incident.level_changes, Incident.level)
            .order_by(Incident.id).execution_options(yield_per=2000)):
        try:
            require_ends_at(level_history(raw or "[]"), level)
        except FieldError as error:
            found.append(sentence("事件「{0}」(#{1}) 的{2}；更正前其时限按当前级别自接报时起计算，"
                                  "可能被直接改动", Verbatim(searchable(str(title))[:60]), incident_id,
                                  error.message))
    if len(found) > NAMED_DEADLINES:
        found = [*found[:NAMED_DEADLINES],
                 sentence("另有 {0} 个事件的级别变更记录无法读取或与级别不符", len(found) - NAMED_DEADLINES)]
    return found


def _deadline_problems(session: Session) -> list[str]:
    """Every incident's kept report deadlines (what the statistics count) worked out again
    from the desk's rules and compared: a received time, a level, a report or a kept
    deadline changed behind the app's back leaves deadlines the rules would not give, and
    the statistics would count them silently."""
    d = desk(session)
    wrong = list(deadline_store.differences(session, d.rules, d.zone))
    problems: list[str] = [
        sentence("事件 #{0} 保存的报送时限与按现行报送规则算出的不一致，可能被直接改动，统计会算错",
                 incident_id) for incident_id in wrong[:NAMED_DEADLINES]]
    if len(wrong) > NAMED_DEADLINES:
        problems.append(sentence("另有 {0} 个事件保存的报送时限与规则算出的不一致",
                                 len(wrong) - NAMED_DEADLINES))
    return problems


def _attachment_problems(session: Session) -> list[str]:
    """Every attachment's bytes hashed again (a piece at a time) and compared with the
    SHA-256 recorded when it was added, which the audit chain holds: a file swapped in the
    database behind the app's back is named here."""
    problems: list[str] = []
    rows = session.execute(select(Attachment.id, Attachment.name, Attachment.sha256)
                           .order_by(Attachment.id)).all()
    for attachment_id, name, recorded in rows:
        found = blobs.sha256(session, attachment_id)
        if found is None:
            problems.append(sentence("附件「{0}」(#{1}) 的文件内容不在数据库中，可能被直接删除",
                                     name, attachment_id))
        elif found != recorded:
            problems.append(sentence("附件「{0}」(#{1}) 的文件内容与登记时的 SHA-256 不符，"
                                     "可能被直接替换", name, attachment_id))
    return problems


def _anchor_problems(anchor: Anchor, chain: audit.ChainState) -> list[str]:
    if anchor.position > chain.count:
        return [sentence("审计链只有 {0} 条，不含纸面记录的{1}：之后的记录被删除，"
                         "或整个文件被换成了更早的备份", chain.count, anchor.readable())]
    if not anchor.matches(chain.at[anchor.position]):
        return [sentence("审计链第 {0} 条的校验码是 {1}，不是纸面记录的{2}：此前的记录被改写过，"
                         "或文件被换成了另一份数据库", anchor.position,
                         Anchor.of(anchor.position, chain.at[anchor.position]).readable(),
                         anchor.readable())]
    return []


def _record_problems(session: Session, entity: str, model: type[Base], label: str) -> list[str]:
    problems: list[str] = []
    audited = audit.latest_snapshots(session, entity, model.added_later)
    key_columns = list(model.__mapper__.primary_key)
    for row in session.execute(select(model).order_by(*key_columns)
                               .execution_options(yield_per=2000)).scalars():
        key = audit_key(row)
        who = f"{label}{_name(row)}(#{key})"
        if key not in audited:
            problems.append(f"{who} 没有审计记录，可能被直接写入文件")
            continue
        expected = audited.pop(key)
        if expected is None:
            problems.append(f"{who} 按审计记录已被删除，却仍在数据库中，可能被直接写回文件")
        elif expected != audit.fingerprint(audit.compared(row.snapshot(), model.added_later)):
            problems.append(f"{who} 与最后一次审计记录不一致，可能被直接改动")
    problems += [f"{label} #{key} 有审计记录但已不在数据库中，可能被直接删除"
                 for key, state in audited.items() if state is not None]
    return problems
