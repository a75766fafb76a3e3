"""`dutyroom check`: is the file sound, and has anyone changed the record behind our back?

Three layers of evidence: SQLite's own integrity and foreign-key checks; the audit chain's
hashes; and each audited record compared with its last audited state, which catches a row
edited directly in the file even when the chain itself was left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select, text

from dutyroom.db import audit, migrate
from dutyroom.db.models import (
    Department,
    Dispatch,
    DispatchFeedback,
    Handover,
    Incident,
    RegisterEntry,
    Staff,
    UpwardReport,
    User,
)
from dutyroom.services.uow import UnitOfWork

AUDITED = (
    ("staff", Staff, "人员"), ("department", Department, "联动单位"),
    ("incident", Incident, "事件"), ("upward_report", UpwardReport, "上报记录"),
    ("dispatch", Dispatch, "派单"), ("dispatch_feedback", DispatchFeedback, "派单反馈"),
    ("register_entry", RegisterEntry, "来电来文登记"),
    ("handover", Handover, "交接班记录"), ("user", User, "用户"),
)


def _name(row: object) -> str:
    for attribute in ("name", "title"):
        value = getattr(row, attribute, "")
        if value:
            return f"「{value}」"
    return ""


@dataclass(frozen=True)
class CheckReport:
    problems: list[str]
    audit_entries: int

    @property
    def ok(self) -> bool:
        return not self.problems


def _storage_problems(engine: Engine) -> list[str]:
    problems: list[str] = []
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            results = [r[0] for r in connection.exec_driver_sql("PRAGMA integrity_check")]
            if results != ["ok"]:
                problems += [f"SQLite 完整性检查：{r}" for r in results]
            for table, rowid, parent, _ in connection.exec_driver_sql("PRAGMA foreign_key_check"):
                problems.append(f"表 {table} 第 {rowid} 行引用的 {parent} 记录不存在")
    return problems


def run_check(uow: UnitOfWork, engine: Engine) -> CheckReport:
    problems = _storage_problems(engine)
    if migrate.needs_upgrade(engine):  # the audit tables may not be what this code expects
        problems.append("数据库结构不是本版本所需的最新结构，请运行 dutyroom init 升级")
        return CheckReport(problems, 0)
    with uow.read() as session:
        count = session.scalar(text("SELECT count(*) FROM audit_entries")) or 0
        problems += [f"审计链第 {b.entry_id} 条：{b.reason}" for b in audit.verify(session)]
        for entity, model, label in AUDITED:
            audited = audit.latest_snapshots(session, entity)
            for row in session.execute(select(model).order_by(model.id)
                                       .execution_options(yield_per=2000)).scalars():
                key, who = str(row.id), f"{label}{_name(row)}(#{row.id})"
                if key not in audited:
                    problems.append(f"{who} 没有审计记录，可能被直接写入文件")
                elif audited.pop(key) != audit.fingerprint(row.snapshot()):
                    problems.append(f"{who} 与最后一次审计记录不一致，可能被直接改动")
            problems += [f"{label} #{key} 有审计记录但已不在数据库中，可能被直接删除"
                         for key in audited]
    return CheckReport(problems, count)
