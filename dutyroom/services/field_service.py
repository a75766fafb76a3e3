"""Field packages: a laptop taken out with the desk's rota, contacts and open incidents, and
what it recorded merged back on return.

A package is itself a Dutyroom database (so the laptop simply opens it, or restores it as
its database) that also remembers how each log entry looked when it left: its baseline.
On return the laptop's file is merged entry by entry, matched by UUID:
- an entry only the laptop has is added;
- an entry only the laptop changed takes the laptop's version;
- an entry changed on both sides keeps the desk's version as the live one and the laptop's
  as a revision in the audit chain, so neither is overwritten and the officer can reconcile;
- every merged state is noted (FieldMerge), so merging the same file twice adds nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select, text, update
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from dutyroom.db import audit, deadline_store, migrate, search_index
from dutyroom.db.backup import backup_file
from dutyroom.db.engine import make_engine, make_session_factory
from dutyroom.db.models import (
    Attachment,
    AuditEntry,
    Base,
    CalendarDay,
    Department,
    DeskIdentity,
    Dispatch,
    DispatchFeedback,
    DutyAssignment,
    DutyDay,
    FieldBaseline,
    FieldExport,
    FieldExportEntry,
    FieldLineHash,
    FieldMerge,
    FieldPackage,
    Incident,
    Leave,
    Playbook,
    PlaybookTick,
    RegisterEntry,
    ResponsiblePerson,
    SensitivePeriod,
    Setting,
    Staff,
    UpwardReport,
    User,
    Warning,
    WarningAttempt,
    WarningTarget,
    audit_key,
    record_snapshot,
)
from dutyroom.domain.attachments import OwnerKind, readable_size
from dutyroom.domain.contacts import validate_department
from dutyroom.domain.errors import FieldError
from dutyroom.domain.hygiene import searchable
from dutyroom.domain.incidents import (
    Status,
    level_history,
    level_history_or_start,
    level_history_text,
    require_ends_at,
)
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import Verbatim, sentence
from dutyroom.services import (
    backup_service,
    field_attachments,
    field_rules,
    field_ticks,
    field_warnings,
    incident_records,
    integrity_service,
    roster_calendar,
    settings_service,
)
from dutyroom.services.errors import InputError, Problem, file_error
from dutyroom.services.field_rules import problem
from dutyroom.services.integrity_service import AUDITED
from dutyroom.services.records import audit_change, utc_now
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

EXPORTED = field_rules.EXPORTED
OUTCOME_LABELS = {"added": "新增", "updated": "采用外勤修改", "conflict": "双方都改，另存为修订",
                  "same": "无变化"}
CHANGED = Changes(incidents=True, register=True, departments=True, warnings=True)


@dataclass(frozen=True)
class PackageReport:
    out: Path
    start: date
    end: date
    staff: int
    duty_days: int
    incidents: int
    users: tuple[str, ...] = ()  # the accounts it carries (login names)
    warnings: int = 0  # notices of the warnings in force or received in the period
    attachments: int = 0  # files of the open incidents, warnings and active plans
    attachment_bytes: int = 0

    @property
    def attachment_size(self) -> str:
        return readable_size(self.attachment_bytes)


@dataclass(frozen=True)
class MergeReport:
    package: str
    counts: dict[str, int]  # outcome → entries
    conflicts: list[str] = field(default_factory=list)  # what needs a person's look
    note: str = ""  # an older copy or another branch of an already merged laptop
    remarks: list[str] = field(default_factory=list)  # merged, but worth the officer's look

    @property
    def added(self) -> int:
        return self.counts.get("added", 0)


# --- what identifies an entry wherever it lives ----------------------------------------------


class _Refs:
    """Ids are local to one database; UUIDs and department names are not."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._cache: dict[tuple[Model, int], str | None] = {}
        self.rows: dict[tuple[Model, str], Any] = {}  # this side's rows by UUID, read ahead

    def read_ahead(self, model: Model, keys: Sequence[str]) -> None:
        """Load the rows with these UUIDs in a few queries, so a package of thousands of
        entries is not looked up one query (and one flush) at a time."""
        for start in range(0, len(keys), 500):
            for row in self.session.scalars(select(model).where(model.uuid.in_(keys[start:start + 500]))):
                self.rows[(model, row.uuid)] = row

    def uuid(self, model: Model, row_id: int | None) -> str | None:
        if row_id is None:
            return None
        key = (model, row_id)
        if key not in self._cache:
            self._cache[key] = self.session.scalar(
                select(model.uuid if model is not Department else Department.name)
                .where(model.id == row_id))
        return self._cache[key]


# A mapped class. Its columns are typed on each class, not on Base, so code that works on
# any of them (by uuid, id or table) takes the class as it is.
Model = type[Any]

_FOREIGN: dict[type[Base], dict[str, type[Base]]] = {  # model → column → the model it points at
    UpwardReport: {"incident_id": Incident}, Dispatch: {"incident_id": Incident,
                                                       "department_id": Department},
    DispatchFeedback: {"dispatch_id": Dispatch}, RegisterEntry: {"incident_id": Incident},
    Warning: {"thread_id": Warning, "supersedes_id": Warning}, PlaybookTick: {"incident_id": Incident},
}
_ENTITIES: dict[type[Base], str] = {
    Incident: "incident", RegisterEntry: "register_entry", Dispatch: "dispatch",
    UpwardReport: "upward_report", DispatchFeedback: "dispatch_feedback",
    Warning: "warning", WarningAttempt: "warning_attempt", Attachment: "attachment",
    PlaybookTick: field_ticks.ENTITY}
_ORDER: tuple[type[Base], ...] = (  # parents first
    Incident, RegisterEntry, Dispatch, UpwardReport, DispatchFeedback, Warning, WarningAttempt,
    Attachment, PlaybookTick)


def _entries(session: Session, model: Model) -> Any:
    """The entries of a kind that a package carries back (a plan's PDF stays the desk's)."""
    query = select(model).order_by(*model.__mapper__.primary_key)
    return query.where(field_attachments.merged_kinds()) if model is Attachment else query


def portable(row: Any, refs: _Refs) -> dict[str, Any]:
    """The entry's state with its references as UUIDs, comparable across databases."""
    state = record_snapshot(row)
    state.pop("uuid", None)
    for column, target in _FOREIGN.get(type(row), {}).items():
        state[column] = refs.uuid(target, state[column])
    if isinstance(row, Attachment):
        state["owner_id"] = field_attachments.owner_ref(refs.session, row)
    elif isinstance(row, Warning):
        state["targets"] = field_warnings.portable_targets(row)
    elif isinstance(row, WarningAttempt):
        state["target_id"] = field_warnings.target_ref(refs.session, row)
    return state


def fingerprint(state: dict[str, Any]) -> str:
    return hashlib.sha256(audit.canonical(state).encode("utf-8")).hexdigest()


def key_of(row: Any, refs: _Refs) -> str:
    """The entry's UUID; dispatch feedback has none, so its content names it, and a tick
    its incident and step."""
    if isinstance(row, DispatchFeedback):
        return "fb-" + fingerprint(portable(row, refs))[:33]
    if isinstance(row, PlaybookTick):
        return field_ticks.key(portable(row, refs))
    return str(row.uuid)


# --- export ----------------------------------------------------------------------------------


def _copy(source: Session, target: Session, table: Table, where: Any = None) -> int:
    query = select(table) if where is None else select(table).where(where)
    rows = [dict(r._mapping) for r in source.execute(query)]
    if rows:
        target.execute(table.insert(), rows)
    return len(rows)


def _chosen_users(desk: Session, users: Sequence[str] | None) -> list[str]:
    """The accounts going out, by login name; each must exist and be active."""
    chosen = list(dict.fromkeys(u.strip() for u in users or () if u.strip()))
    known = {u.username.lower(): u.username for u in desk.scalars(select(User).where(User.active.is_(True)))}
    missing = [u for u in chosen if u.lower() not in known]
    if missing:
        raise InputError.simple(sentence("没有可登录的用户「{0}」", "、".join(missing)), "users")
    return [known[u.lower()] for u in chosen]


def export_package(uow: UnitOfWork, start: object, end: object, out: Path,
                   users: Sequence[str] | None = None,
                   now: datetime | None = None) -> Outcome[PackageReport]:
    """Write the package for the period: settings, the accounts of the people going out
    (`users`, login names; none when not given), staff, departments, calendar, the rota of
    the period, leave, and every open incident with its reports and dispatches.

    The desk records the package (its identity, the accounts it carries, each log entry's
    state as it left and the package's chain head), so only its own packages merge back,
    each against its own base."""
    uow.require(Permission.LOG)
    first, last = roster_calendar.parse_range(start, end)
    moment = utc_now(now)
    out = out.expanduser().resolve()
    partial = out.with_name(out.name + ".building")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
    except OSError as error:
        raise file_error(out, error, writing=True) from None
    engine = make_engine(URL.create("sqlite", database=str(partial)))
    try:
        migrate.upgrade(engine)
        with uow.write(Permission.LOG) as desk, make_session_factory(engine)() as package:
            accounts = _chosen_users(desk, users)
            report, states = _fill(desk, package, first, last, moment, uow.actor, out, accounts)
            package.flush()  # (filled outside a unit of work: its kept deadlines written here,
            rules = settings_service.desk(package)  # so the laptop counts and checks them)
            deadline_store.refresh(package, None, rules.rules, rules.zone)
            package.commit()
            with engine.begin() as connection:
                for table in search_index.TABLES:
                    search_index.rebuild(connection, table)
            with make_session_factory(engine)() as sealed:
                count, head = audit.head(sealed)
                origin = sealed.scalars(select(FieldPackage)).one()
                _record_export(desk, origin.uuid, first, last, accounts, moment, uow.actor,
                               count, head, states)
            backup_file(partial, out)  # one self-contained file, no WAL beside it
    finally:
        engine.dispose()
        for leftover in partial.parent.glob(partial.name + "*"):
            leftover.unlink(missing_ok=True)
    return Outcome(report, Changes())


def _readable_level_histories(package: Session) -> None:
    """An incident whose level history the desk cannot use (unreadable, or ending at another
    level: `check` names it at the desk) leaves with the history its deadlines are counted by
    (`level_history_or_start`, the one rule for both), so the laptop's own check, and the
    merge that runs it, are not stopped by what the desk already had."""
    for row in package.execute(select(Incident.id, Incident.level_changes, Incident.received_at,
                                      Incident.level)).all():
        try:
            require_ends_at(level_history(row.level_changes or "[]"), row.level)
        except FieldError:
            package.execute(update(Incident).where(Incident.id == row.id).values(
                level_changes=level_history_text(
                    level_history_or_start(None, row.received_at, row.level))))


def _record_export(desk: Session, package_uuid: str, first: date, last: date, accounts: list[str],
                   moment: datetime, actor: str, count: int, head: str,
                   states: dict[str, tuple[str, str]]) -> None:
    row = FieldExport(uuid=package_uuid, start_date=first, end_date=last,
                      users=json.dumps(accounts, ensure_ascii=False), exported_at=moment,
                      exported_by=actor, chain_count=count, chain_hash=head)
    desk.add(row)
    for key, (entity, print_) in states.items():
        desk.add(FieldExportEntry(package_uuid=package_uuid, record_uuid=key, entity=entity,
                                  fingerprint=print_))
    desk.flush()
    audit.append(desk, actor=actor, entity="field_export", entity_id=package_uuid, action="export",
                 payload={"from": first, "to": last, "users": accounts, "entries": len(states),
                          "head": f"{count}:{head}"}, at=moment)


def _fill(desk: Session, package: Session, first: date, last: date, moment: datetime,
          actor: str, out: Path, accounts: list[str]
          ) -> tuple[PackageReport, dict[str, tuple[str, str]]]:
    tables = {m: Base.metadata.tables[m.__tablename__]
              for m in (Setting, User, Staff, Department, CalendarDay, SensitivePeriod, DutyDay, Playbook,
                        DutyAssignment, Leave, Incident, UpwardReport, Dispatch, DispatchFeedback,
                        ResponsiblePerson, Warning, WarningTarget, WarningAttempt, PlaybookTick)}
    model: Model
    package.execute(text("PRAGMA defer_foreign_keys = ON"))  # an AB角 may be listed after
    for copied in (Setting, Staff, Department, CalendarDay, SensitivePeriod, ResponsiblePerson,
                   Playbook):
        _copy(desk, package, tables[copied])
    _copy(desk, package, tables[User], User.username.in_(accounts))
    days = _copy(desk, package, tables[DutyDay], DutyDay.day.between(first, last))
    day_ids = select(DutyDay.id).where(DutyDay.day.between(first, last))
    _copy(desk, package, tables[DutyAssignment], DutyAssignment.duty_day_id.in_(day_ids))
    _copy(desk, package, tables[Leave], (Leave.end_date >= first) & (Leave.start_date <= last))
    open_ids = select(Incident.id).where(Incident.status != Status.CLOSED.value,
                                         Incident.voided.is_(False))
    incidents = _copy(desk, package, tables[Incident], Incident.id.in_(open_ids))
    _readable_level_histories(package)
    _copy(desk, package, tables[UpwardReport], UpwardReport.incident_id.in_(open_ids))
    _copy(desk, package, tables[Dispatch], Dispatch.incident_id.in_(open_ids))
    _copy(desk, package, tables[DispatchFeedback], DispatchFeedback.dispatch_id.in_(
        select(Dispatch.id).where(Dispatch.incident_id.in_(open_ids))))
    _copy(desk, package, tables[PlaybookTick], field_ticks.carried(open_ids))
    notices = field_warnings.threads_to_carry(desk, first, settings_service.desk(desk).zone, moment)
    warnings = _copy(desk, package, tables[Warning], Warning.id.in_(notices))
    _copy(desk, package, tables[WarningTarget], WarningTarget.warning_id.in_(notices))
    _copy(desk, package, tables[WarningAttempt], WarningAttempt.target_id.in_(
        select(WarningTarget.id).where(WarningTarget.warning_id.in_(notices))))
    package.flush()
    files, size = field_attachments.copy_out(desk, package, open_ids, notices)
    # A fresh audit chain: every copied record's state as it left the desk.
    for entity, model, _label in AUDITED:
        for row in package.scalars(select(model).order_by(*model.__mapper__.primary_key)):
            audit.append(package, actor=actor, entity=entity, entity_id=audit_key(row),
                         action=EXPORTED, payload=row.snapshot(), at=moment)
    refs = _Refs(package)
    states: dict[str, tuple[str, str]] = {}
    for model in _ORDER:
        for row in package.scalars(_entries(package, model)):
            key, print_ = key_of(row, refs), fingerprint(portable(row, refs))
            states[key] = (_ENTITIES[model], print_)
            package.add(FieldBaseline(record_uuid=key, entity=_ENTITIES[model], fingerprint=print_))
    settings = settings_service.desk(package)
    identity = desk.scalars(select(DeskIdentity)).first()
    package.add(FieldPackage(desk_uuid=identity.uuid if identity else "",
                             desk_name=settings.desk_name, start_date=first, end_date=last,
                             exported_at=moment, exported_by=actor))
    staff = package.query(Staff).count()
    return PackageReport(out, first, last, staff, days, incidents, tuple(accounts),
                         warnings, files, size), states


@dataclass(frozen=True)
class FieldOrigin:
    desk_name: str
    start: date
    end: date
    exported_at: datetime
    exported_by: str


def field_origin(uow: UnitOfWork) -> FieldOrigin | None:
    """Whether this database is a field package, and whose (for the laptop's banner)."""
    with uow.read() as session:
        row = session.scalars(select(FieldPackage)).first()
        return None if row is None else FieldOrigin(row.desk_name, row.start_date, row.end_date,
                                                    row.exported_at, row.exported_by)


# --- merge -----------------------------------------------------------------------------------


def merge_package(uow: UnitOfWork, path: Path, now: datetime | None = None) -> Outcome[MergeReport]:
    """Merge a field laptop's database back into this one (see the module's note)."""
    uow.require(Permission.LOG)
    path = path.expanduser().resolve()
    problems = backup_service.verify(path)
    if problems:
        raise InputError([Problem(p) for p in problems], source=str(path))
    moment = utc_now(now)
    with tempfile.TemporaryDirectory(prefix="dutyroom-merge-") as folder:
        copy = backup_file(path, Path(folder) / "field.sqlite3")  # never touch the original
        engine = make_engine(URL.create("sqlite", database=str(copy)))
        try:
            migrate.upgrade(engine)  # a package from an older Dutyroom reads like a new one
            laptop_uow = UnitOfWork(make_session_factory(engine), uow.actor)
            with laptop_uow.read() as laptop, uow.write(Permission.LOG) as desk:
                line = _line(laptop, desk)
                tampered = integrity_service.run_check(laptop_uow, engine).problems
                if tampered:  # rows edited behind the laptop's app, or its chain broken
                    raise InputError([problem(sentence("外勤包未通过完整性检查，可能被改动过"), p)
                                      for p in tampered[:5]], source=str(path))
                report = _merge(laptop, desk, uow.actor, moment, path.name, line)
        except InputError as error:
            raise InputError(error.problems, source=error.source or str(path)) from None
        finally:
            engine.dispose()
    changed = report.counts.get("added", 0) + report.counts.get("updated", 0) \
        + report.counts.get("conflict", 0)
    return Outcome(report, CHANGED if changed else Changes())


@dataclass(frozen=True)
class _Line:
    """Where this copy of a laptop stands on its package's line."""

    package: str
    mode: str  # "newer": merge; "older": adds nothing; "fork": merged against the export
    count: int
    hashes: list[str]  # the copy's whole chain
    exported_at: datetime  # when the package left the desk


def _line(laptop: Session, desk: Session) -> _Line:
    origin = laptop.scalars(select(FieldPackage)).first()
    if origin is None:
        raise InputError.simple(sentence("这个文件不是外勤包（没有外勤包记录），不能合并"), "file")
    identity = desk.scalars(select(DeskIdentity)).first()
    if identity is None or origin.desk_uuid != identity.uuid:
        raise InputError.simple(sentence("这个外勤包来自另一个值班台（{0}），不能合并到本值班台",
                                         origin.desk_name or "未知"), "file")
    export = desk.scalar(select(FieldExport).where(FieldExport.uuid == origin.uuid))
    if export is None:
        raise InputError.simple(sentence("这个外勤包不是本值班台导出的（或本库已恢复到导出之前），不能合并"),
                                "file")
    hashes = [h for (h,) in laptop.execute(select(AuditEntry.hash).order_by(AuditEntry.id))]
    if len(hashes) < export.chain_count or hashes[export.chain_count - 1] != export.chain_hash:
        raise InputError.simple(sentence(
            "外勤包中导出时的记录被改动过（与值班台导出时记下的审计链不符），不能合并"), "file")
    known = dict(desk.execute(select(FieldLineHash.position, FieldLineHash.hash)
                              .where(FieldLineHash.package_uuid == origin.uuid)).all())
    merged = max(known, default=0)
    count = len(hashes)
    if count <= merged and known.get(count) == hashes[-1]:
        mode = "older"
    elif merged == 0 or (count > merged and hashes[merged - 1] == known[merged]):
        mode = "newer"
        for position in range(merged + 1, count + 1):
            desk.add(FieldLineHash(package_uuid=origin.uuid, position=position,
                                   hash=hashes[position - 1]))
    else:
        mode = "fork"
    return _Line(origin.uuid, mode, count, hashes, export.exported_at)


def _merge(laptop: Session, desk: Session, actor: str, moment: datetime, name: str,
           line: _Line) -> MergeReport:
    if line.mode == "older":
        return MergeReport(name, {}, [], sentence(
            "这份外勤包不比已合并过的同一外勤包新（审计链 {0} 条，已合并的更长），没有可合并的内容",
            line.count))
    d = settings_service.desk(desk)
    laptop_refs, desk_refs = _Refs(laptop), _Refs(desk)
    counts: dict[str, int] = {}
    conflicts: list[str] = []
    refused: list[Problem] = []
    touched: set[int] = set()
    reported: set[int] = set()  # incidents a merged report belongs to
    ledger = _Ledger.read(desk, line.package)
    remarks: list[str] = []
    keyed_models = (Incident, RegisterEntry, Dispatch, UpwardReport, Warning, WarningAttempt,
                    Attachment)
    for keyed in keyed_models:  # answers go by their dispatch
        desk_refs.read_ahead(keyed, list(laptop.scalars(select(keyed.uuid))))
    voided = {uuid: row for (kind, uuid), row in desk_refs.rows.items()
              if kind is Incident and row.voided}  # at the desk, before this merge
    for model in _ORDER:
        for row in laptop.scalars(_entries(laptop, model)):
            state = portable(row, laptop_refs)
            key, print_ = key_of(row, laptop_refs), fingerprint(state)
            if (key, print_) in ledger.seen:
                continue  # this very state was taken from this package before
            try:
                if model is PlaybookTick:  # (a tick on a voided incident: field_ticks says)
                    outcome, note = field_ticks.take(desk, d, row, state, print_,
                                                     ledger.exported.get(key), line.package,
                                                     line.exported_at, actor, moment, remarks)
                else:
                    outcome, note = _held_on_voided(desk, desk_refs, model, row, state, key,
                                                    voided, actor, moment) \
                        or _merge_one(desk, desk_refs, d, model, row, state, key,
                                      ledger.base(line, key), ledger.exported.get(key), line,
                                      actor, moment, remarks)
            except field_rules.Refused as error:
                refused.append(field_rules.problem(_describe(model, row), error.message))
                continue
            if outcome == "conflict":
                conflicts.append(_describe(model, row) + (f"（{note}）" if note else ""))
            if model is Incident:
                found = _find(desk, Incident, key, desk_refs, state)
                if found is not None:
                    touched.add(found.id)
            if model is UpwardReport and outcome in ("added", "updated"):
                sent = _find(desk, UpwardReport, key, desk_refs, state)
                if sent is not None:
                    reported.add(sent.incident_id)
            counts[outcome] = counts.get(outcome, 0) + 1
            # What a branch gave is kept apart from the line's own states, so it never becomes
            # the base the line's next copy is measured against.
            desk.add(FieldMerge(package_uuid=line.package, entity=_ENTITIES[model], record_uuid=key,
                                fingerprint=print_, merged_at=moment, merged_by=actor,
                                outcome=outcome if line.mode == "newer" else f"{BRANCH}{outcome}"))
    refused += [Problem(p, field="file") for p in field_rules.closed_without_final(desk, touched)]
    if refused:
        raise InputError(refused)
    for incident_id in sorted(reported):  # a laptop's report may precede the desk's: sent order rules
        incident = desk.get(Incident, incident_id)
        if incident is not None:
            incident_records.match_reports(desk, incident, d, actor, moment)
    note = sentence("这份外勤包与已合并的同一外勤包走了不同的分支（同一次导出的另一份）：按导出时的状态比较，"
                    "值班台在此之后也改过的记录，外勤的版本另存为修订") if line.mode == "fork" else ""
    audit.append(desk, actor=actor, entity="field_merge", entity_id=line.package, action=line.mode,
                 payload={"file": name, "chain": line.count, "counts": counts}, at=moment)
    return MergeReport(name, counts, conflicts, note, remarks)


BRANCH = "b:"  # a FieldMerge outcome from a copy that left the package's line (a fork)


@dataclass(frozen=True)
class _Ledger:
    """What the desk knows of one package, read once per merge rather than once per entry
    (a package of thousands of incidents would otherwise ask three questions each).

    `exported`: each entry's state when the package left the desk; `taken`: the state last
    taken from the package's own line (added, updated or found the same); `seen`: every
    state ever merged from the package, on its line or a branch."""

    exported: dict[str, str]
    taken: dict[str, str]
    seen: frozenset[tuple[str, str]]

    @classmethod
    def read(cls, desk: Session, package: str) -> _Ledger:
        exported = dict(desk.execute(select(FieldExportEntry.record_uuid, FieldExportEntry.fingerprint)
                                     .where(FieldExportEntry.package_uuid == package)).all())
        merged = desk.execute(select(FieldMerge.record_uuid, FieldMerge.fingerprint, FieldMerge.outcome)
                              .where(FieldMerge.package_uuid == package)
                              .order_by(FieldMerge.id)).all()
        taken = {key: print_ for key, print_, outcome in merged
                 if outcome in ("added", "updated", "same")}  # the newest wins
        return cls(exported, taken, frozenset((key, print_) for key, print_, _ in merged))

    def base(self, line: _Line, key: str) -> str | None:
        """The entry as this copy last agreed with the desk. On the package's line: the
        state last taken from the line, else the state it left in (a conflict leaves the
        sides apart). On a branch (a second laptop from the same export, merged after the
        first): the state it left in, since what the desk took from the other copies is not
        in this one."""
        if line.mode == "newer" and key in self.taken:
            return self.taken[key]
        return self.exported.get(key)


_KIND_LABELS: dict[type[Base], str] = {Dispatch: "派单", UpwardReport: "报送", DispatchFeedback: "派单反馈"}


def _describe(model: Model, row: Any) -> str:
    if model in field_warnings.MODELS:
        return field_warnings.describe(row)
    if model is Attachment:
        return field_attachments.describe(row)
    if model is PlaybookTick:
        return field_ticks.describe(row)
    if isinstance(row, Incident | RegisterEntry):
        return f"「{searchable(str(row.title))[:60]}」"  # a forged title may hold control characters
    return f"{_KIND_LABELS[model]}（编号 {getattr(row, 'uuid', '')[:8]}）"


def _find(desk: Session, model: Model, key: str, refs: _Refs, state: dict[str, Any]) -> Any:
    if model is DispatchFeedback:
        dispatch = _resolve(desk, Dispatch, state["dispatch_id"])
        if dispatch is None:
            return None
        for answer in desk.scalars(select(DispatchFeedback).where(
                DispatchFeedback.dispatch_id == dispatch.id)):
            if key_of(answer, refs) == key:
                return answer
        return None
    known = refs.rows.get((model, key))
    return known if known is not None else desk.scalar(select(model).where(model.uuid == key))


def _resolve(desk: Session, model: Model, reference: str | None) -> Any:
    if reference is None:
        return None
    if model is Department:
        return desk.scalar(select(Department).where(Department.name == reference))
    return desk.scalar(select(model).where(model.uuid == reference))


def _incident_of(model: Model, row: Any, state: dict[str, Any]) -> str | None:
    """The UUID of the incident a laptop's record belongs to (None: none, or not a kind
    that belongs to one)."""
    reference: Any = None
    if model in (UpwardReport, Dispatch, RegisterEntry):
        reference = state["incident_id"]
    elif model is Attachment and row.owner_kind == OwnerKind.INCIDENT.value:
        reference = state["owner_id"]
    elif model is DispatchFeedback:
        laptop = Session.object_session(row)
        assert laptop is not None
        order = laptop.get(Dispatch, row.dispatch_id)
        reference = None if order is None else laptop.scalar(
            select(Incident.uuid).where(Incident.id == order.incident_id))
    return None if reference is None else str(reference)


def _held_on_voided(desk: Session, refs: _Refs, model: Model, row: Any, state: dict[str, Any],
                    key: str, voided: dict[str, Incident], actor: str,
                    moment: datetime) -> tuple[str, str] | None:
    """A report, dispatch, answer, register entry or file the laptop added to an incident the
    desk voided meanwhile is kept apart (a conflict line naming the incident, the laptop's
    record kept in the audit chain): attached to the voided incident it would count in the
    statistics and alerts, or vanish with it unseen. None: merge it as usual."""
    incident_key = _incident_of(model, row, state)
    if incident_key not in voided or _find(desk, model, key, refs, state) is not None:
        return None
    incident = voided[incident_key]
    field_rules.keep_apart(desk, _ENTITIES[model], state, key, actor, moment)
    return "conflict", sentence("所属事件「{0}」已在值班台作废，外勤在其上新增的这条记录未并入，已另存为修订",
                                Verbatim(searchable(str(incident.title))[:60]))


def _merge_one(desk: Session, refs: _Refs, d: settings_service.Desk, model: Model, row: Any,
               state: dict[str, Any], key: str, base: str | None, exported: str | None,
               line: _Line, actor: str, moment: datetime, remarks: list[str]) -> tuple[str, str]:
    current = _find(desk, model, key, refs, state)
    entity = _ENTITIES[model]
    if model is Attachment:
        return field_attachments.take(desk, d, row, state, current, line.exported_at, actor, moment)
    if current is None and model in field_warnings.MODELS:
        outcome, note, said = field_warnings.add(desk, d, row, state, line.exported_at, actor,
                                                 moment)
        remarks += said
        return outcome, note
    values = _values(desk, model, row, state, actor, moment)
    if current is None:
        admitted, _ = field_rules.admit(desk, d, model, values, None, False, moment)
        field_rules.written_in_the_field(model, admitted, line.exported_at, moment, d.zone)
        added = model(**admitted)
        desk.add(added)
        desk.flush()
        _index(desk, added)
        audit_change(desk, added, actor, entity, "field_add", moment)
        return "added", ""
    here = fingerprint(portable(current, refs))
    there = fingerprint(state)
    if here == there or there in (base, exported):
        # identical; or only the desk changed it since this copy's base; or this copy still
        # holds it as it left the desk (untouched on the laptop: it must not roll back what
        # the desk took from another copy meanwhile)
        return "same", ""
    made_at_desk = exported is not None
    admitted, protected = field_rules.admit(desk, d, model, values, current, made_at_desk, moment)
    if here == base:  # only the laptop changed it: nothing the app cannot do
        field_rules.not_unvoided(model, current, admitted)
    if here == base and not protected:
        old_text = _text(current)
        for column, value in admitted.items():
            setattr(current, column, value)
        desk.flush()
        _index(desk, current, old_text)
        audit_change(desk, current, actor, entity, "field_update", moment)
        return "updated", ""
    # Both sides changed it (or the laptop changed what only the desk may): the laptop's
    # version becomes a revision, the desk's stays live.
    laptop_version = {**current.snapshot(), **{k: v for k, v in record_snapshot(row).items()
                                              if k not in _FOREIGN.get(model, {})}}
    audit.append(desk, actor=actor, entity=entity, entity_id=current.id, action="field_revision",
                 payload=laptop_version, at=moment)
    audit_change(desk, current, actor, entity, "field_keep", moment)
    return "conflict", protected


def _values(desk: Session, model: Model, row: Any, state: dict[str, Any], actor: str,
            moment: datetime) -> dict[str, Any]:
    """The laptop row's column values, its references turned into this database's ids."""
    values = {c.key: getattr(row, c.key) for c in model.__table__.columns
              if c.key not in ("id", "version")}
    for column, target in _FOREIGN.get(model, {}).items():
        reference = state[column]
        found = _resolve(desk, target, reference)
        if found is None and reference is not None:
            if target is not Department:
                raise InputError.simple(sentence("外勤包中的记录引用了本库没有的记录（{0}）",
                                                 reference), "file")
            found = _new_department(desk, row, reference, actor, moment)
        values[column] = found.id if found is not None else None
    return values


def _new_department(desk: Session, row: Any, name: str, actor: str,
                    moment: datetime) -> Department:
    """A partner department first contacted in the field joins the desk's list, checked as
    the department form checks one (a package's rows are never trusted whole)."""
    laptop_department = Session.object_session(row).scalar(  # type: ignore[union-attr]
        select(Department).where(Department.name == name))
    if laptop_department is None:
        raise field_rules.Refused(sentence("派往的联动单位「{0}」不在外勤包中", Verbatim(name[:60])))
    first_line = laptop_department.first_line
    if first_line not in (True, False, 0, 1):
        raise field_rules.Refused(sentence("联动单位「{0}」的一线单位标记无效", Verbatim(name[:60])))
    try:
        fields = validate_department(
            name=laptop_department.name, duty_phone=laptop_department.duty_phone,
            liaison_name=laptop_department.liaison_name,
            liaison_mobile=laptop_department.liaison_mobile,
            liaison_position=laptop_department.liaison_position, first_line=bool(first_line),
            notes=laptop_department.notes)
    except FieldError as error:
        raise field_rules.Refused(sentence("联动单位「{0}」：{1}", Verbatim(searchable(name)[:60]),
                                           error.message)) from None
    added = Department(active=True, **dataclasses.asdict(fields))
    desk.add(added)
    desk.flush()
    audit_change(desk, added, actor, "department", "field_add", moment)
    return added


def _text(row: Any) -> str | None:
    table = _search_table(row)
    return None if table is None else search_index.body(row, table)


def _search_table(row: Any) -> search_index.SearchTable | None:
    if isinstance(row, Incident):
        return search_index.INCIDENTS
    if isinstance(row, RegisterEntry):
        return search_index.REGISTER
    return None


def _index(desk: Session, row: Any, old: str | None = None) -> None:
    table = _search_table(row)
    if table is not None:
        search_index.put(desk, table, row.id, search_index.body(row, table), old)
