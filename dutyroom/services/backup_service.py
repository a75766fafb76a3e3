"""Backups of the desk's SQLite file: automatic and rotating, on request, and restoring one.

A restore is checked before anything is replaced (an intact SQLite file, a Dutyroom schema
this version can read, an unbroken audit chain), and the database it replaces is kept as
a backup of its own, so a restore can always be undone.
A PostgreSQL server is backed up by whoever runs the server (pg_dump), not by each desk.
"""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from dutyroom.db import audit, migrate
from dutyroom.db.backup import (
    backup_file,
    backup_folder,
    copy_into,
    inspect_file,
    parse_name,
    remove_stale_partials,
    timestamped_name,
)
from dutyroom.db.engine import describe, make_engine, make_session_factory, sqlite_path
from dutyroom.domain.local_time import minute_text
from dutyroom.domain.retention import to_keep
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import Verbatim, joined, sentence
from dutyroom.services import integrity_service
from dutyroom.services.errors import InputError, Problem, ServiceError, file_error
from dutyroom.services.records import text_input
from dutyroom.services.settings_service import desk as settings_desk
from dutyroom.services.setup_service import SchemaReport, prepare_database
from dutyroom.services.uow import UnitOfWork

AUTO = "auto"
DAILY = timedelta(hours=24)
LABELS = {"auto": "自动备份", "manual": "手动备份", "before-restore": "恢复前自动保留"}
ENTITY_LABELS = {entity: label for entity, _, label in integrity_service.AUDITED}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    label: str
    at: datetime
    size: int

    @property
    def kind(self) -> str:
        if self.label.startswith("before-upgrade"):
            return "升级前备份"
        return LABELS.get(self.label, self.label)


@dataclass(frozen=True)
class RestoreReport:
    database: str
    source: Path
    kept: Path | None  # the replaced database, or None when there was none
    schema: SchemaReport
    overridden: tuple[str, ...] = ()  # check problems restored over, with a recorded reason
    lost: str = ""  # what the replaced database held that the backup does not


@dataclass(frozen=True)
class RestorePlan:
    """What restoring a file would mean, found before anything is replaced."""

    problems: tuple[str, ...]  # the full `check` of the file: restoring needs a reason
    lost: str  # what the live database holds that the file does not (empty: nothing)
    signed: bool = False  # what would be lost includes an accepted handover's anchor


def _file(url: URL) -> Path:
    path = sqlite_path(url)
    if path is None:
        raise InputError([Problem(sentence("服务器数据库（PostgreSQL）由服务器管理员用 pg_dump 备份和恢复，"
                                  "不在值班台上备份"), field="db")], source=describe(url))
    return path


def backup_to(url: URL, out: Path | None = None, now: datetime | None = None) -> Path:
    """A consistent copy at `out`, or in the backups folder when no file is named."""
    live = _file(url)
    target = out or backup_folder(live) / timestamped_name(live, "manual", now)
    target = target.expanduser().resolve()
    if target == live:
        raise InputError.simple(sentence("备份文件不能是数据库本身"), "out")
    try:
        return backup_file(live, target)
    except OSError as error:
        raise file_error(target, error, writing=True) from None


def list_backups(url: URL) -> list[BackupInfo]:
    live = sqlite_path(url)
    if live is None or not backup_folder(live).is_dir():
        return []
    found = []
    for file in backup_folder(live).iterdir():
        parsed = parse_name(live, file)
        if parsed is not None and file.is_file():
            found.append(BackupInfo(file, parsed[0], parsed[1], file.stat().st_size))
    return sorted(found, key=lambda b: b.at, reverse=True)


def auto_backup(url: URL, zone: str, now: datetime | None = None) -> Path | None:
    """Take the routine copy (start, daily, exit) and prune the older routine copies.

    Only automatic copies rotate; manual, before-upgrade and before-restore copies stay
    until someone deletes them.
    """
    live = sqlite_path(url)
    if live is None or not live.exists():
        return None
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    remove_stale_partials(backup_folder(live))
    made = backup_file(live, backup_folder(live) / timestamped_name(live, AUTO, moment))
    autos = [b for b in list_backups(url) if b.label == AUTO]
    keep = to_keep([b.at for b in autos], ZoneInfo(zone))
    for old in autos:
        if old.at not in keep and old.path != made:
            old.path.unlink(missing_ok=True)
    return made


def daily_due(url: URL, now: datetime | None = None) -> bool:
    """No automatic copy in the last 24 hours (checked hourly while the app runs)."""
    if sqlite_path(url) is None:
        return False
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    latest = [b.at for b in list_backups(url) if b.label == AUTO]
    return not latest or moment - max(latest) >= DAILY


def verify(path: Path) -> list[str]:
    """Why this file cannot be restored; empty when it can."""
    if not path.exists():
        return [sentence("文件不存在")]
    if not path.is_file():
        return [sentence("这是一个文件夹，不是文件")]
    facts = inspect_file(path)
    if facts.problems:
        return facts.problems
    if facts.schema is None or "audit_entries" not in facts.tables:
        return [sentence("这不是 Dutyroom 数据库或其备份")]
    if facts.schema not in migrate.known_revisions():
        return [sentence("该备份的数据结构版本 {0} 比本程序新，请先升级 Dutyroom", facts.schema)]
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(
        f"file:{path}?mode=ro", uri=True))
    try:
        with Session(engine) as session:
            return [sentence("审计链第 {0} 条：{1}", b.entry_id, b.reason) for b in audit.verify(session)]
    except SQLAlchemyError as error:
        return [sentence("无法读取审计记录（{0}）", error.__class__.__name__)]
    finally:
        engine.dispose()


def plan_restore(uow: UnitOfWork, url: URL, source: Path) -> RestorePlan:
    """Check a file as `dutyroom check` would, and compare its chain with this desk's newest
    recorded anchor (an accepted handover), before anything is replaced.

    A file that cannot be restored at all (not a database, too new, a broken chain) is
    refused here; problems found by the full check and an older file only need a person's
    decision, which `restore` records.
    """
    uow.require(Permission.RESTORE)
    live = _file(url)
    source = source.expanduser().resolve()
    if source == live:
        raise InputError.simple(sentence("不能用数据库本身恢复自己"), "file")
    problems = verify(source)
    if problems:
        raise InputError([Problem(p) for p in problems], source=str(source))
    with tempfile.TemporaryDirectory(prefix="dutyroom-restore-") as folder:
        copy = backup_file(source, Path(folder) / "candidate.sqlite3")  # upgraded, never the file
        engine = make_engine(URL.create("sqlite", database=str(copy)))
        try:
            prepare_database(engine, URL.create("sqlite", database=str(copy)))
            candidate = UnitOfWork(make_session_factory(engine), uow.user)
            found = integrity_service.run_check(candidate, engine).problems
            lost, signed = _loss(uow, candidate) if live.exists() else ("", False)
        finally:
            engine.dispose()
    return RestorePlan(tuple(found), lost, signed)


def _loss(uow: UnitOfWork, candidate: UnitOfWork) -> tuple[str, bool]:
    """What the live database holds beyond the candidate: every audit entry after the two
    chains part (empty when the candidate holds all of them), and whether that includes the
    newest anchor recorded here (an accepted handover): losing a signed record needs the
    person's explicit consent, losing later entries is said (the replaced file is kept)."""
    # Only a restore needs handover's modules (the daily backup does not): they load with it.
    from dutyroom.services import handover_service

    with uow.read() as live_session:
        recorded = handover_service.newest_anchor(live_session)
        with candidate.read() as old_session:
            common = audit.common_prefix(live_session, old_session)
            signed_lost = None
            if recorded is not None:
                state = audit.inspect_chain(old_session, frozenset({recorded[1].position}))
                position = recorded[1].position
                if not (position in state.at and recorded[1].matches(state.at[position])):
                    signed_lost = recorded
        after = audit.entries_after(live_session, common)
        zone = settings_desk(live_session).zone
    if after.count == 0:
        return "", False
    kinds = joined([sentence("{0} {1} 条", ENTITY_LABELS.get(entity, Verbatim(entity)), n)
                    for entity, n in after.by_entity.items()], "、")
    since = minute_text(after.first_at, zone) if after.first_at else ""
    if signed_lost is None:
        return sentence("这个备份比本库旧：恢复后将失去 {0} 以后的 {1} 条审计记录（{2}）",
                        since, after.count, kinds), False
    day, anchor = signed_lost
    return sentence("这个备份早于本库 {0:%Y-%m-%d} 班次接班确认时记下的审计链{1}；恢复后将失去 {2} 以后的 "
                    "{3} 条审计记录（{4}）", day, anchor.readable(), since, after.count, kinds), True


def restore(uow: UnitOfWork, engine: Engine, url: URL, source: Path, *, accept_loss: bool = False,
            override: str = "", now: datetime | None = None) -> RestoreReport:
    """Put a backup back in place of the live database, keeping the one it replaces.

    The file gets the full `check` first: with problems it is restored only with a reason
    (`override`); older than an anchor this desk recorded, only with `accept_loss`. Either
    decision is recorded as the first entry the restored database's chain adds.
    The caller's engine is emptied of connections on both sides of the copy, so nothing
    goes on reading the replaced pages; an older backup is then upgraded like any file.
    """
    plan = plan_restore(uow, url, source)
    live, source = _file(url), source.expanduser().resolve()
    reason = text_input(override, "override", "强制恢复的原因", 500)
    if plan.problems and not reason:
        raise InputError([Problem(sentence("备份未通过完整性检查：{0}；确需恢复时请写明原因强制恢复"
                                           "（原因记入审计链）", joined(list(plan.problems[:3]), "；")),
                                  field="override")], source=str(source))
    if plan.signed and not accept_loss:
        raise InputError([Problem(sentence("{0}。确认要恢复请再次选择并确认丢失", plan.lost),
                                  field="accept_loss")], source=str(source))
    kept = None
    if live.exists():
        kept = backup_file(live, backup_folder(live) / timestamped_name(live, "before-restore", now))
    engine.dispose()
    try:
        copy_into(source, live)
    except (OSError, sqlite3.Error) as error:
        raise ServiceError(sentence("恢复未完成（{0}）；原数据库的副本：{1}", error, kept or '无')) from None
    finally:
        engine.dispose()
    schema = prepare_database(engine, url)
    with uow.write(None) as session:
        audit.append(session, actor=uow.actor, entity="restore", entity_id=source.name,
                     action="restore_override" if plan.problems else "restore",
                     payload={"from": str(source), "kept": str(kept or ""), "reason": reason,
                              "problems": list(plan.problems), "lost": plan.lost},
                     at=now)
    return RestoreReport(describe(url), source, kept, schema, plan.problems, plan.lost)
